//! The blocking client: same requests on the wire, same mappings as the async one.
#![cfg(feature = "blocking")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use std::time::Duration;

use common::*;
use mockito::{Matcher, Server, ServerGuard};
use nopayn::blocking::NoPaynClient;
use nopayn::{
    CreateOrderRequest, Error, OrderStatus, RefundStatus, TransactionStatus, WebhookError,
};
use serde_json::json;

fn client(server: &ServerGuard) -> NoPaynClient {
    NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url(server.url())
        .timeout(Duration::from_secs(10))
        .connect_timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

fn json_mock(mock: mockito::Mock, status: usize, body: &serde_json::Value) -> mockito::Mock {
    mock.with_status(status)
        .with_header("content-type", "application/json")
        .with_body(body.to_string())
        .create()
}

#[test]
fn every_endpoint_on_the_wire() {
    let mut server = Server::new();
    let c = client(&server);

    let m = server
        .mock("POST", "/v1/orders/")
        .match_header("authorization", AUTH)
        .match_header("accept", "application/json")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(QUICKSTART_BODY.into()));
    let m = json_mock(m, 201, &order_json("new", true));
    let result = c.generate_payment_url(&quickstart_request()).unwrap();
    m.assert();
    assert_eq!(
        result.signature,
        nopayn::generate_signature(API_KEY, 1295, "EUR", ORDER_ID)
    );
    assert_eq!(
        result.payment_url.as_deref(),
        Some("https://pay.nopayn.co.uk/tx/e3ed069e")
    );
    let order = c.create_order(&quickstart_request()).unwrap();
    assert_eq!(order.status, OrderStatus::New);
    m.remove();

    let m = server
        .mock("GET", format!("/v1/orders/{ORDER_ID}/").as_str())
        .match_header("authorization", AUTH)
        .match_header("accept", "application/json")
        .match_header("content-type", Matcher::Missing);
    let m = json_mock(m, 200, &order_json("processing", false));
    assert_eq!(
        c.get_order(ORDER_ID).unwrap().status,
        OrderStatus::Processing
    );
    m.assert();

    let m = server
        .mock("POST", format!("/v1/orders/{ORDER_ID}/refunds/").as_str())
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(
            r#"{"amount":500,"description":"Customer refund"}"#.into(),
        ));
    let m = json_mock(
        m,
        201,
        &json!({"id": "r1", "amount": 500, "status": "pending"}),
    );
    let refund = c
        .create_refund(ORDER_ID, 500, Some("Customer refund"))
        .unwrap();
    assert_eq!(refund.status, RefundStatus::Pending);
    m.assert();

    let m = server
        .mock(
            "POST",
            format!("/v1/orders/{ORDER_ID}/transactions/{TX_ID}/captures/").as_str(),
        )
        .match_header("content-type", Matcher::Missing)
        .match_body(Matcher::Exact(String::new()));
    let m = json_mock(m, 200, &transaction_json("captured"));
    let tx = c.capture_transaction(ORDER_ID, TX_ID).unwrap().unwrap();
    assert_eq!(tx.status, TransactionStatus::Captured);
    m.assert();

    let m = server
        .mock(
            "POST",
            format!("/v1/orders/{ORDER_ID}/transactions/{TX_ID}/voids/amount/").as_str(),
        )
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(r#"{"amount":1295}"#.into()))
        .with_status(200)
        .create();
    assert_eq!(
        c.void_transaction(ORDER_ID, TX_ID, 1295, None).unwrap(),
        None
    );
    m.assert();
}

#[test]
fn errors_map_like_the_async_client() {
    let mut server = Server::new();
    let c = client(&server);
    for (status, body, message) in ERROR_SHAPES {
        // a read: 502 and 503 are retried (3 attempts) before the error is returned
        let attempts = read_attempts(*status);
        let m = server
            .mock("GET", Matcher::Any)
            .with_status(usize::from(*status))
            .with_body(*body)
            .expect(attempts)
            .create();
        let err = c.get_order(ORDER_ID).unwrap_err();
        m.assert();
        m.remove();
        assert_eq!(
            err.to_string(),
            format!(
                "NoPayn API error (HTTP {status}): {message}{}",
                after(attempts)
            )
        );
        assert_eq!(err.as_api_error().unwrap().raw_body, *body);
    }
    let m = server
        .mock("GET", Matcher::Any)
        .with_status(200)
        .with_body("x".repeat(250))
        .create();
    match c.get_order(ORDER_ID).unwrap_err() {
        Error::InvalidJson {
            status: 200, body, ..
        } => assert_eq!(body, "x".repeat(200)),
        other => panic!("{other:?}"),
    }
    m.remove();
}

#[test]
fn verify_webhook_and_polling() {
    let mut server = Server::new();
    let c = client(&server);
    let m = json_mock(
        server
            .mock("GET", format!("/v1/orders/{ORDER_ID}/").as_str())
            .expect(2),
        200,
        &order_json("expired", false),
    );
    let verified = c
        .verify_webhook(format!(
            r#"{{"event":"status_changed","order_id":"{ORDER_ID}"}}"#
        ))
        .unwrap();
    assert!(verified.is_final);
    assert_eq!(verified.order.status, OrderStatus::Expired);
    let polled = c
        .poll_order(
            ORDER_ID,
            &nopayn::PollOptions::new().interval(Duration::from_millis(5)),
        )
        .unwrap();
    assert_eq!(polled.status, OrderStatus::Expired);
    m.assert();

    assert!(matches!(
        c.verify_webhook("{}"),
        Err(Error::Webhook(WebhookError::MissingOrderId))
    ));
    assert!(matches!(
        c.parse_webhook_body("nope"),
        Err(Error::Webhook(WebhookError::InvalidJson))
    ));
    let bad = CreateOrderRequest::new(1, "EUR").expiration_period("P");
    assert!(matches!(
        c.create_order(&bad),
        Err(Error::InvalidRequest(_))
    ));
}

#[test]
fn construction_and_signatures() {
    assert_eq!(
        NoPaynClient::new("", MERCHANT).unwrap_err().to_string(),
        "api_key is required"
    );
    assert_eq!(
        NoPaynClient::new(API_KEY, " ").unwrap_err().to_string(),
        "merchant_id is required"
    );
    let c = NoPaynClient::new("test-secret-key", MERCHANT).unwrap();
    assert_eq!(c.base_url(), nopayn::DEFAULT_BASE_URL);
    assert!(!format!("{c:?}").contains("test-secret-key"));
    let sig = "142bb2839ac988c16ba397088ee455fa2e06664b8e83060d57809cfa4df2aee3";
    assert_eq!(c.generate_signature(1295, "EUR", "order-123"), sig);
    assert!(c.verify_signature(1295, "EUR", "order-123", sig));
    assert!(!c.verify_signature(1295, "EUR", "order-123", &sig.to_uppercase()));
}

#[test]
fn network_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let c = NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let err = c.create_refund(ORDER_ID, 1, None).unwrap_err();
    assert!(matches!(err, Error::Network(_)), "{err:?}");
    assert!(!err.request_may_have_been_sent());
}

#[cfg(feature = "test-util")]
#[test]
fn replay_transport_injection() {
    use nopayn::payments_core::http::HttpResponse;
    use nopayn::payments_core::http::test_util::ReplayTransport;

    let replay = ReplayTransport::new();
    replay.push_response(HttpResponse::json(
        200,
        order_json("completed", false).to_string(),
    ));
    let c = NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url("http://sandbox.local/")
        .transport(replay.clone())
        .build()
        .unwrap();
    let verified = c
        .verify_webhook(format!(r#"{{"order_id":"{ORDER_ID}"}}"#))
        .unwrap();
    assert!(verified.is_final);
    let req = replay.last_request().unwrap();
    assert_eq!(
        req.url,
        format!("http://sandbox.local/v1/orders/{ORDER_ID}/")
    );
    assert_eq!(req.headers.get("authorization"), Some(AUTH));
}
