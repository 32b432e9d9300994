#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! The async client against a local mock server: exact requests on the wire and every
//! response mapping.

mod common;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use common::*;
use mockito::{Matcher, Server, ServerGuard};
use nopayn::payments_core::http::{
    HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
};
use nopayn::{
    CreateOrderRequest, Customer, Error, NoPaynClient, OrderLine, OrderLineType, OrderStatus,
    PaymentMethod, PollOptions, RefundStatus, TransactionStatus, WebhookError,
};
use serde_json::json;

fn client(server: &ServerGuard) -> NoPaynClient {
    NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url(format!("{}/", server.url()))
        .build()
        .unwrap()
}

fn json_response(mock: mockito::Mock, status: usize, body: &serde_json::Value) -> mockito::Mock {
    mock.with_status(status)
        .with_header("content-type", "application/json")
        .with_body(body.to_string())
}

#[tokio::test]
async fn create_order_sends_exact_request_and_parses_order() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("POST", "/v1/orders/")
        .match_header("authorization", AUTH)
        .match_header("accept", "application/json")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(QUICKSTART_BODY.into()));
    let mock = json_response(mock, 201, &order_json("new", true))
        .expect(1)
        .create_async()
        .await;

    let order = client(&server)
        .create_order(&quickstart_request())
        .await
        .unwrap();
    mock.assert_async().await;

    assert_eq!(order.id, ORDER_ID);
    assert_eq!(order.amount, 1295);
    assert_eq!(order.currency, "EUR");
    assert_eq!(order.status, OrderStatus::New);
    assert_eq!(order.description.as_deref(), Some("Premium Widget"));
    assert_eq!(order.merchant_order_id.as_deref(), Some("ORDER-001"));
    assert_eq!(
        order.return_url.as_deref(),
        Some("https://shop.example.com/success")
    );
    assert_eq!(
        order.failure_url.as_deref(),
        Some("https://shop.example.com/failure")
    );
    assert_eq!(
        order.order_url.as_deref(),
        Some("https://pay.nopayn.co.uk/order/1c969951")
    );
    assert_eq!(
        order.created.to_rfc3339(),
        "2026-03-20T10:00:00.123456+00:00"
    );
    assert_eq!(order.modified.to_rfc3339(), "2026-03-20T10:00:01+00:00");
    assert!(order.completed.is_none());
    assert!(!order.is_final());
    let tx = &order.transactions[0];
    assert_eq!(tx.id, TX_ID);
    assert_eq!(tx.status, TransactionStatus::New);
    assert_eq!(tx.payment_method, Some(PaymentMethod::CreditCard));
    assert_eq!(
        tx.payment_url.as_deref(),
        Some("https://pay.nopayn.co.uk/tx/e3ed069e")
    );
    assert_eq!(tx.expiration_period.as_deref(), Some("PT30M"));
}

#[tokio::test]
async fn create_order_minimal_and_typed_extras() {
    let mut server = Server::new_async().await;
    let minimal = server
        .mock("POST", "/v1/orders/")
        .match_body(Matcher::Exact(r#"{"amount":100,"currency":"EUR"}"#.into()));
    let minimal = json_response(minimal, 201, &order_json("new", false))
        .create_async()
        .await;
    client(&server)
        .create_order(&CreateOrderRequest::new(100, "EUR"))
        .await
        .unwrap();
    minimal.assert_async().await;
    minimal.remove_async().await;

    let expected = json!({
        "amount": 1295,
        "currency": "EUR",
        "payment_methods": ["credit-card", "apple-pay", "google-pay", "vipps-mobilepay"],
        "order_lines": [
            {"type": "physical", "name": "Widget", "quantity": 2, "amount": 500, "currency": "EUR", "vat_percentage": 2100},
            {"type": "shipping_fee", "name": "Shipping", "quantity": 1, "amount": 295, "currency": "EUR"}
        ],
        "customer": {"first_name": "Jane", "email": "jane@example.com"},
        "transactions": [{"payment_method": "credit-card", "capture_mode": "manual"}]
    });
    let full = server
        .mock("POST", "/v1/orders/")
        .match_body(Matcher::Json(expected));
    let full = json_response(full, 201, &order_json("new", false))
        .create_async()
        .await;
    let tx = json!({"payment_method": "credit-card", "capture_mode": "manual"});
    let req = CreateOrderRequest::new(1295, "EUR")
        .payment_methods([
            PaymentMethod::CreditCard,
            PaymentMethod::ApplePay,
            PaymentMethod::GooglePay,
            PaymentMethod::VippsMobilepay,
        ])
        .order_lines([
            OrderLine::new(OrderLineType::Physical, "Widget", 2, 500, "EUR").vat_percentage(2100),
            OrderLine::new("shipping_fee", "Shipping", 1, 295, "EUR"),
        ])
        .customer(Customer::new().first_name("Jane").email("jane@example.com"))
        .transactions([tx.as_object().unwrap().clone()]);
    client(&server).create_order(&req).await.unwrap();
    full.assert_async().await;
}

#[tokio::test]
async fn get_order_is_a_get_without_body_or_content_type() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("GET", format!("/v1/orders/{ORDER_ID}/").as_str())
        .match_header("authorization", AUTH)
        .match_header("accept", "application/json")
        .match_header("content-type", Matcher::Missing)
        .match_body(Matcher::Exact(String::new()));
    let mock = json_response(mock, 200, &order_json("completed", true))
        .create_async()
        .await;
    let order = client(&server).get_order(ORDER_ID).await.unwrap();
    mock.assert_async().await;
    assert_eq!(order.status, OrderStatus::Completed);
    assert!(order.is_final());
}

#[tokio::test]
async fn ids_are_percent_encoded_path_segments() {
    let mut server = Server::new_async().await;
    let mock = server.mock("GET", "/v1/orders/a%20b%2Fc%3F%23~/");
    let mock = json_response(mock, 200, &order_json("new", false))
        .create_async()
        .await;
    client(&server).get_order("a b/c?#~").await.unwrap();
    mock.assert_async().await;

    let mock = server.mock("POST", "/v1/orders/o%2F1/transactions/t%201/captures/");
    let mock = json_response(mock, 200, &transaction_json("captured"))
        .create_async()
        .await;
    client(&server)
        .capture_transaction("o/1", "t 1")
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn bad_arguments_send_nothing() {
    let mut server = Server::new_async().await;
    let any = server
        .mock("GET", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let any_post = server
        .mock("POST", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let c = client(&server);
    for id in ["", ".", ".."] {
        assert!(
            matches!(c.get_order(id).await, Err(Error::InvalidRequest(_))),
            "{id:?}"
        );
        assert!(matches!(
            c.create_refund(id, 1, None).await,
            Err(Error::InvalidRequest(_))
        ));
        assert!(matches!(
            c.capture_transaction("o", id).await,
            Err(Error::InvalidRequest(_))
        ));
        assert!(matches!(
            c.void_transaction(id, "t", 1, None).await,
            Err(Error::InvalidRequest(_))
        ));
    }
    let bad = CreateOrderRequest::new(100, "EUR").expiration_period("30m");
    let err = c.create_order(&bad).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err}");
    assert!(!err.request_may_have_been_sent());
    assert!(matches!(
        c.generate_payment_url(&bad).await,
        Err(Error::InvalidRequest(_))
    ));
    any.assert_async().await;
    any_post.assert_async().await;
}

#[tokio::test]
async fn create_refund_with_and_without_description() {
    let mut server = Server::new_async().await;
    let path = format!("/v1/orders/{ORDER_ID}/refunds/");
    let refund = json!({"id": "refund-1", "amount": 500, "status": "pending"});
    let with = server
        .mock("POST", path.as_str())
        .match_header("authorization", AUTH)
        .match_header("accept", "application/json")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(
            r#"{"amount":500,"description":"Customer returned item"}"#.into(),
        ));
    let with = json_response(with, 201, &refund).create_async().await;
    let r = client(&server)
        .create_refund(ORDER_ID, 500, Some("Customer returned item"))
        .await
        .unwrap();
    with.assert_async().await;
    assert_eq!(
        (r.id.as_str(), r.amount, r.status),
        ("refund-1", 500, RefundStatus::Pending)
    );
    with.remove_async().await;

    let without = server
        .mock("POST", path.as_str())
        .match_body(Matcher::Exact(r#"{"amount":500}"#.into()));
    let without = json_response(without, 201, &refund).create_async().await;
    client(&server)
        .create_refund(ORDER_ID, 500, None)
        .await
        .unwrap();
    without.assert_async().await;
}

#[tokio::test]
async fn capture_transaction_sends_no_body() {
    let mut server = Server::new_async().await;
    let path = format!("/v1/orders/{ORDER_ID}/transactions/{TX_ID}/captures/");
    let mock = server
        .mock("POST", path.as_str())
        .match_header("authorization", AUTH)
        .match_header("accept", "application/json")
        .match_header("content-type", Matcher::Missing)
        .match_body(Matcher::Exact(String::new()));
    let mock = json_response(mock, 200, &transaction_json("captured"))
        .create_async()
        .await;
    let tx = client(&server)
        .capture_transaction(ORDER_ID, TX_ID)
        .await
        .unwrap()
        .unwrap();
    mock.assert_async().await;
    assert_eq!(tx.status, TransactionStatus::Captured);
    assert_eq!(tx.id, TX_ID);
    mock.remove_async().await;

    // An empty 2xx body or `{}`: accepted, nothing to describe.
    for (status, body) in [(200, ""), (204, ""), (200, "{}"), (201, "  \n")] {
        let m = server
            .mock("POST", path.as_str())
            .with_status(status)
            .with_body(body)
            .create_async()
            .await;
        assert_eq!(
            client(&server)
                .capture_transaction(ORDER_ID, TX_ID)
                .await
                .unwrap(),
            None,
            "{body:?}"
        );
        m.remove_async().await;
    }
}

#[tokio::test]
async fn void_transaction_body_variants() {
    let mut server = Server::new_async().await;
    let path = format!("/v1/orders/{ORDER_ID}/transactions/{TX_ID}/voids/amount/");
    let cases = [
        (
            Some("Customer cancelled"),
            r#"{"amount":500,"description":"Customer cancelled"}"#,
        ),
        (Some(""), r#"{"amount":500,"description":""}"#),
        (None, r#"{"amount":500}"#),
    ];
    for (description, body) in cases {
        let mock = server
            .mock("POST", path.as_str())
            .match_header("authorization", AUTH)
            .match_header("accept", "application/json")
            .match_header("content-type", "application/json")
            .match_body(Matcher::Exact(body.into()));
        let mock = json_response(mock, 200, &transaction_json("voided"))
            .create_async()
            .await;
        let tx = client(&server)
            .void_transaction(ORDER_ID, TX_ID, 500, description)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(tx.status, TransactionStatus::Voided);
        mock.assert_async().await;
        mock.remove_async().await;
    }
}

#[tokio::test]
async fn generate_payment_url_with_and_without_transactions() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("POST", "/v1/orders/")
        .match_body(Matcher::Exact(QUICKSTART_BODY.into()));
    let mock = json_response(mock, 201, &order_json("new", true))
        .create_async()
        .await;
    let c = client(&server);
    let result = c.generate_payment_url(&quickstart_request()).await.unwrap();
    mock.assert_async().await;
    assert_eq!(result.order_id, ORDER_ID);
    assert_eq!(
        result.order_url.as_deref(),
        Some("https://pay.nopayn.co.uk/order/1c969951")
    );
    assert_eq!(
        result.payment_url.as_deref(),
        Some("https://pay.nopayn.co.uk/tx/e3ed069e")
    );
    assert_eq!(
        result.signature,
        nopayn::generate_signature(API_KEY, 1295, "EUR", ORDER_ID)
    );
    assert!(c.verify_signature(1295, "EUR", ORDER_ID, &result.signature));
    assert_eq!(result.order.id, ORDER_ID);
    mock.remove_async().await;

    let mut bare = order_json("new", false);
    bare.as_object_mut().unwrap().remove("order_url");
    bare.as_object_mut().unwrap().remove("transactions");
    let mock = json_response(server.mock("POST", "/v1/orders/"), 201, &bare)
        .create_async()
        .await;
    let result = c.generate_payment_url(&quickstart_request()).await.unwrap();
    mock.assert_async().await;
    assert_eq!(result.payment_url, None);
    assert_eq!(result.order_url, None);
    assert!(result.order.transactions.is_empty());
}

#[tokio::test]
async fn signature_uses_request_amount_and_currency_with_response_id() {
    let mut server = Server::new_async().await;
    // The server reports another amount: the signature still covers the request's.
    let mut order = order_json("new", false);
    order["amount"] = json!(999);
    order["currency"] = json!("GBP");
    let mock = json_response(server.mock("POST", "/v1/orders/"), 201, &order)
        .create_async()
        .await;
    let result = client(&server)
        .generate_payment_url(&quickstart_request())
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(
        result.signature,
        nopayn::generate_signature(API_KEY, 1295, "EUR", ORDER_ID)
    );
}

#[tokio::test]
async fn every_error_shape_maps_to_api_error() {
    let mut server = Server::new_async().await;
    let path = format!("/v1/orders/{ORDER_ID}/");
    for (status, body, message) in ERROR_SHAPES {
        // a read: 502 and 503 are retried (3 attempts) before the error is returned
        let attempts = read_attempts(*status);
        let mock = server
            .mock("GET", path.as_str())
            .with_status(usize::from(*status))
            .with_body(*body)
            .expect(attempts)
            .create_async()
            .await;
        let err = client(&server).get_order(ORDER_ID).await.unwrap_err();
        mock.assert_async().await;
        mock.remove_async().await;
        assert_eq!(
            err.to_string(),
            format!(
                "NoPayn API error (HTTP {status}): {message}{}",
                after(attempts)
            ),
            "{body}"
        );
        assert_eq!(err.status_code(), Some(*status));
        let api = err.as_api_error().unwrap();
        assert_eq!(api.status_code, *status);
        assert_eq!(api.message, *message);
        assert_eq!(api.raw_body, *body);
        match serde_json::from_str::<serde_json::Value>(body) {
            Ok(v) => assert_eq!(api.error_body.as_ref(), Some(&v)),
            Err(_) => assert_eq!(api.error_body, None),
        }
        match &err {
            Error::Api(e) => assert_eq!(e.status_code, *status),
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn error_on_every_endpoint() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("POST", Matcher::Any)
        .with_status(400)
        .with_body(r#"{"error":{"value":"Invalid amount"}}"#)
        .expect(4)
        .create_async()
        .await;
    let c = client(&server);
    let errs = [
        c.create_order(&CreateOrderRequest::new(-1, "EUR"))
            .await
            .unwrap_err(),
        c.create_refund(ORDER_ID, 0, None).await.unwrap_err(),
        c.capture_transaction(ORDER_ID, TX_ID).await.unwrap_err(),
        c.void_transaction(ORDER_ID, TX_ID, 0, None)
            .await
            .unwrap_err(),
    ];
    mock.assert_async().await;
    for err in errs {
        assert_eq!(
            err.to_string(),
            "NoPayn API error (HTTP 400): Invalid amount"
        );
    }
}

#[tokio::test]
async fn non_json_success_keeps_first_200_chars() {
    let mut server = Server::new_async().await;
    let body = format!("<html>{}</html>", "é".repeat(300));
    let mock = server
        .mock("GET", Matcher::Any)
        .with_status(200)
        .with_body(&body)
        .create_async()
        .await;
    let err = client(&server).get_order(ORDER_ID).await.unwrap_err();
    mock.assert_async().await;
    match &err {
        Error::InvalidJson {
            status,
            body: snippet,
            ..
        } => {
            assert_eq!(*status, 200);
            assert_eq!(snippet.chars().count(), 200);
            assert!(body.starts_with(snippet.as_str()));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("Invalid JSON response: <html>éé")
    );
}

#[tokio::test]
async fn malformed_success_bodies() {
    let mut server = Server::new_async().await;
    let cases = [
        ("", "empty body"),
        ("[]", "invalid order"),
        (r#"{"id":"o"}"#, "invalid order"),
        (
            r#"{"id":"o","amount":"12.95","currency":"EUR","status":"new","created":"2026-03-20T10:00:00Z","modified":"2026-03-20T10:00:00Z"}"#,
            "invalid order",
        ),
        (
            r#"{"id":"o","amount":1,"currency":"EUR","status":"new","created":"not a date","modified":"2026-03-20T10:00:00Z"}"#,
            "invalid timestamp",
        ),
    ];
    for (body, fragment) in cases {
        let mock = server
            .mock("GET", Matcher::Any)
            .with_status(200)
            .with_body(body)
            .create_async()
            .await;
        let err = client(&server).get_order(ORDER_ID).await.unwrap_err();
        mock.remove_async().await;
        assert!(
            matches!(err, Error::UnexpectedResponse { status: 200, .. }),
            "{body}: {err:?}"
        );
        assert!(err.to_string().contains(fragment), "{body}: {err}");
        assert!(err.request_may_have_been_sent());
    }
}

#[tokio::test]
async fn network_error_is_reported_with_send_state() {
    // Bind and drop a listener so the port refuses connections.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let c = NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url(format!("http://127.0.0.1:{port}"))
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let err = c.get_order(ORDER_ID).await.unwrap_err();
    match &err {
        Error::Network(t) => assert!(!t.request_may_have_been_sent(), "{t:?}"),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().starts_with("Network error: "), "{err}");
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn verify_webhook_fetches_the_order_for_every_status() {
    let mut server = Server::new_async().await;
    let path = format!("/v1/orders/{ORDER_ID}/");
    let body =
        format!(r#"{{"event":"status_changed","order_id":"{ORDER_ID}","project_id":"proj-1"}}"#);
    for (status, is_final) in [
        ("new", false),
        ("processing", false),
        ("completed", true),
        ("cancelled", true),
        ("expired", true),
        ("error", true),
        ("see-transactions", false),
    ] {
        let mock = server
            .mock("GET", path.as_str())
            .match_header("authorization", AUTH);
        let mock = json_response(mock, 200, &order_json(status, true))
            .expect(1)
            .create_async()
            .await;
        let verified = client(&server).verify_webhook(&body).await.unwrap();
        mock.assert_async().await;
        mock.remove_async().await;
        assert_eq!(verified.order_id, ORDER_ID);
        assert_eq!(verified.order.status.as_str(), status);
        assert_eq!(verified.is_final, is_final, "{status}");
    }
}

#[tokio::test]
async fn verify_webhook_rejects_bad_bodies_without_calling_the_api() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("GET", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let c = client(&server);
    let cases = [
        ("not json", WebhookError::InvalidJson),
        ("[1]", WebhookError::InvalidJson),
        ("\"x\"", WebhookError::InvalidJson),
        ("{}", WebhookError::MissingOrderId),
        (r#"{"order_id":""}"#, WebhookError::MissingOrderId),
        (r#"{"order_id":12}"#, WebhookError::MissingOrderId),
    ];
    for (body, want) in cases {
        match c.verify_webhook(body).await {
            Err(Error::Webhook(e)) => assert_eq!(e, want, "{body}"),
            other => panic!("{body}: {other:?}"),
        }
        match c.parse_webhook_body(body) {
            Err(Error::Webhook(e)) => assert_eq!(e, want, "{body}"),
            other => panic!("{body}: {other:?}"),
        }
    }
    mock.assert_async().await;
}

#[tokio::test]
async fn verify_webhook_propagates_api_errors() {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("GET", Matcher::Any)
        .with_status(404)
        .with_body(r#"{"detail":"Not found"}"#)
        .create_async()
        .await;
    let err = client(&server)
        .verify_webhook(r#"{"order_id":"nope"}"#)
        .await
        .unwrap_err();
    mock.assert_async().await;
    assert_eq!(err.to_string(), "NoPayn API error (HTTP 404): Not found");
}

#[test]
fn construction_and_configuration() {
    assert_eq!(
        NoPaynClient::new("", MERCHANT).unwrap_err().to_string(),
        "api_key is required"
    );
    assert_eq!(
        NoPaynClient::new(API_KEY, "").unwrap_err().to_string(),
        "merchant_id is required"
    );
    assert_eq!(
        NoPaynClient::new(" \t", MERCHANT).unwrap_err().to_string(),
        "api_key is required"
    );
    assert!(matches!(
        NoPaynClient::builder(API_KEY, MERCHANT)
            .base_url("nopayn.test")
            .build(),
        Err(Error::Config(_))
    ));
    let c = NoPaynClient::new(API_KEY, MERCHANT).unwrap();
    assert_eq!(c.base_url(), "https://api.nopayn.co.uk");
    assert_eq!(c.merchant_id(), MERCHANT);
    let c = NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url("https://api.test.nopayn.co.uk///")
        .build()
        .unwrap();
    assert_eq!(c.base_url(), "https://api.test.nopayn.co.uk");
    let dbg = format!("{c:?} {:?}", NoPaynClient::builder(API_KEY, MERCHANT));
    assert!(
        !dbg.contains(API_KEY) && !dbg.contains("dGVzdC1hcGkta2V5"),
        "{dbg}"
    );
    assert!(dbg.contains("REDACTED"));
}

/// Replays queued results and records requests.
#[derive(Clone, Default)]
struct Queue {
    responses: Arc<Mutex<VecDeque<Result<HttpResponse, TransportError>>>>,
    requests: Arc<Mutex<Vec<HttpRequest>>>,
}

impl Queue {
    fn push_order(&self, status: &str) {
        let body = order_json(status, false).to_string();
        self.responses
            .lock()
            .unwrap()
            .push_back(Ok(HttpResponse::json(200, body)));
    }
}

#[async_trait]
impl Transport for Queue {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.requests.lock().unwrap().push(request);
        self.responses
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| {
                Err(TransportError::new(
                    TransportErrorKind::Other,
                    "empty queue",
                ))
            })
    }
}

fn queue_client(queue: &Queue) -> NoPaynClient {
    NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url("https://sandbox.test")
        .transport(queue.clone())
        .build()
        .unwrap()
}

#[tokio::test]
async fn custom_transport_receives_exact_requests() {
    let queue = Queue::default();
    queue.push_order("new");
    let c = queue_client(&queue);
    c.get_order(ORDER_ID).await.unwrap();
    let req = queue.requests.lock().unwrap()[0].clone();
    assert_eq!(req.method.as_str(), "GET");
    assert_eq!(
        req.url,
        format!("https://sandbox.test/v1/orders/{ORDER_ID}/")
    );
    let headers: Vec<_> = req
        .headers
        .iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    assert_eq!(
        headers,
        [
            ("Authorization".to_owned(), AUTH.to_owned()),
            ("Accept".to_owned(), "application/json".to_owned())
        ]
    );
    assert_eq!(req.body, None);
}

#[tokio::test]
async fn transport_errors_keep_send_state() {
    let queue = Queue::default();
    queue
        .responses
        .lock()
        .unwrap()
        .push_back(Err(TransportError::new(
            TransportErrorKind::Timeout,
            "30s elapsed",
        )));
    let err = queue_client(&queue)
        .create_refund(ORDER_ID, 100, None)
        .await
        .unwrap_err();
    assert!(err.request_may_have_been_sent());
    assert_eq!(err.to_string(), "Network error: timeout: 30s elapsed");
}

#[tokio::test]
async fn poll_order_stops_at_final_status() {
    let queue = Queue::default();
    for s in ["new", "processing", "completed", "new"] {
        queue.push_order(s);
    }
    let opts = PollOptions::new()
        .interval(Duration::from_millis(5))
        .timeout(Duration::from_secs(10));
    let order = queue_client(&queue)
        .poll_order(ORDER_ID, &opts)
        .await
        .unwrap();
    assert_eq!(order.status, OrderStatus::Completed);
    assert_eq!(queue.requests.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn poll_order_returns_last_order_at_deadline() {
    let queue = Queue::default();
    for _ in 0..1000 {
        queue.push_order("processing");
    }
    let opts = PollOptions::new()
        .interval(Duration::from_millis(20))
        .timeout(Duration::from_millis(100));
    let started = std::time::Instant::now();
    let order = queue_client(&queue)
        .poll_order(ORDER_ID, &opts)
        .await
        .unwrap();
    assert_eq!(order.status, OrderStatus::Processing);
    let fetched = queue.requests.lock().unwrap().len();
    assert!((2..=8).contains(&fetched), "{fetched}");
    assert!(started.elapsed() < Duration::from_secs(5));

    // A zero timeout still fetches once; an error stops polling.
    let queue = Queue::default();
    queue.push_order("new");
    let order = queue_client(&queue)
        .poll_order(ORDER_ID, &PollOptions::new().timeout(Duration::ZERO))
        .await
        .unwrap();
    assert_eq!(order.status, OrderStatus::New);
    let err = queue_client(&Queue::default())
        .poll_order(ORDER_ID, &PollOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Network(_)));

    // A timeout too large for the clock does not panic.
    let queue = Queue::default();
    queue.push_order("cancelled");
    let order = queue_client(&queue)
        .poll_order(ORDER_ID, &PollOptions::new().timeout(Duration::MAX))
        .await
        .unwrap();
    assert!(order.is_final());
}

#[test]
fn public_types_are_thread_safe() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<NoPaynClient>();
    assert_send_sync::<Error>();
    assert_send_sync::<nopayn::Order>();
    assert_send_sync::<CreateOrderRequest>();
    assert_send_sync::<nopayn::VerifiedWebhook>();
}
