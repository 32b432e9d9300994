//! Every endpoint against a local HTTP server: method, path, headers, exact body.
#![cfg(feature = "reqwest")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::str::FromStr;
use std::time::Duration;

use epoint::*;
use mockito::Matcher;
use payments_core::signing::base64_encode;
use serde_json::{Value, json};

const PK: &str = "i000000001";
const KEY: &str = "mock-private-key";

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn config(server: &mockito::ServerGuard) -> Config {
    Config::new(PK, KEY)
        .base_url(server.url())
        .success_redirect_url("https://shop.test/ok")
        .timeout(Duration::from_secs(5))
}

/// The exact body the official SDK sends for this JSON payload text.
fn wire_body(payload_json: &str) -> String {
    let data = base64_encode(payload_json.as_bytes());
    let signature = generate_signature(KEY, &data);
    format!(r#"{{"data":"{data}","signature":"{signature}"}}"#)
}

async fn expect(
    server: &mut mockito::ServerGuard,
    path: &str,
    payload_json: &str,
    answer: &str,
) -> mockito::Mock {
    server
        .mock("POST", path)
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(wire_body(payload_json)))
        .with_status(200)
        .with_header("content-type", "application/json")
        .with_body(answer)
        .create_async()
        .await
}

#[tokio::test]
async fn every_endpoint_on_the_wire() {
    let mut server = mockito::Server::new_async().await;
    let client = EPointClient::new(config(&server)).unwrap();
    let base = r#""public_key": "i000000001", "language": "az""#;

    let m = expect(
        &mut server,
        "/api/1/request",
        &format!(
            r#"{{{base}, "amount": "10.50", "currency": "AZN", "order_id": "o-1", "success_redirect_url": "https://shop.test/ok", "error_redirect_url": null, "description": "\u00d6d\u0259ni\u015f \ud83d\ude00", "other_attr": {{"k": [1, 2.5, null]}}}}"#
        ),
        r#"{"status": "success", "transaction": "te1", "redirect_url": "https://epoint.az/pay/te1"}"#,
    )
    .await;
    let mut attrs = serde_json::Map::new();
    attrs.insert("k".into(), json!([1, 2.5, null]));
    let r = client
        .pay(
            &PayRequest::new(d("10.50"), "AZN", "o-1")
                .description("Ödəniş 😀")
                .other_attr(attrs),
        )
        .await
        .unwrap();
    m.assert_async().await;
    assert!(r.ok);
    assert_eq!(r.status_code, 200);
    assert_eq!(r.headers.get("content-type"), Some("application/json"));
    assert_eq!(r.body.transaction.as_deref(), Some("te1"));
    assert_eq!(
        r.body.redirect_url.as_deref(),
        Some("https://epoint.az/pay/te1")
    );

    let m = expect(
        &mut server,
        "/api/1/get-status",
        &format!(r#"{{{base}, "transaction": "te1"}}"#),
        r#"{"status": "returned", "code": "000", "amount": 10.5, "order_id": "o-1", "other_attr": "{}"}"#,
    )
    .await;
    let r = client.get_transaction_status("te1").await.unwrap();
    m.assert_async().await;
    assert!(r.ok);
    assert_eq!(r.body.status, TransactionStatusExtended::Returned);
    assert_eq!(r.body.code_meaning(), Some("Approved"));
    assert_eq!(r.body.amount, Some(d("10.5")));

    let m = expect(
        &mut server,
        "/api/1/card-registration",
        &format!("{{{base}}}"),
        r#"{"status": "success", "redirect_url": "https://r", "card_id": "c1"}"#,
    )
    .await;
    let r = client.save_card().await.unwrap();
    m.assert_async().await;
    assert_eq!(r.body.card_id.as_deref(), Some("c1"));

    let m = expect(
        &mut server,
        "/api/1/execute-pay",
        &format!(
            r#"{{{base}, "amount": "5", "currency": "AZN", "order_id": "o-2", "card_id": "c1"}}"#
        ),
        r#"{"status": "error", "message": "declined", "bank_response": "116"}"#,
    )
    .await;
    let r = client
        .pay_with_saved_card(&PayWithSavedCardRequest::new(d("5"), "AZN", "o-2", "c1"))
        .await
        .unwrap();
    m.assert_async().await;
    assert!(!r.ok);
    assert_eq!(r.body.message.as_deref(), Some("declined"));

    let m = expect(
        &mut server,
        "/api/1/card-registration-with-pay",
        &format!(
            r#"{{{base}, "amount": "0.1", "currency": "AZN", "order_id": "o-3", "success_redirect_url": "https://s", "error_redirect_url": "https://e", "description": "save"}}"#
        ),
        r#"{"status": "success", "card_id": "c2"}"#,
    )
    .await;
    let req = PayAndSaveCardRequest::new(d("0.1"), "AZN", "o-3", "save")
        .success_redirect_url("https://s")
        .error_redirect_url("https://e");
    let r = client.pay_and_save_card(&req).await.unwrap();
    m.assert_async().await;
    assert!(r.ok);

    let m = expect(
        &mut server,
        "/api/1/refund-request",
        &format!(
            r#"{{{base}, "amount": "1E-7", "currency": "AZN", "order_id": "o-4", "card_id": "c1", "description": null}}"#
        ),
        r#"{"status": "success", "transaction": "te4", "amount": "0.0000001"}"#,
    )
    .await;
    let r = client
        .payout(&PayoutRequest::new(d("0.0000001"), "AZN", "o-4", "c1"))
        .await
        .unwrap();
    m.assert_async().await;
    assert_eq!(r.body.amount, Some(d("0.0000001")));

    let m = expect(
        &mut server,
        "/api/1/reverse",
        &format!(r#"{{{base}, "transaction": "te1", "currency": "AZN", "amount": "2.50"}}"#),
        r#"{"status": "success"}"#,
    )
    .await;
    let r = client
        .refund(&RefundRequest::new("te1", "AZN").amount(d("2.50")))
        .await
        .unwrap();
    m.assert_async().await;
    assert!(r.ok);

    let m = expect(
        &mut server,
        "/api/1/split-request",
        &format!(
            r#"{{{base}, "amount": "20", "currency": "AZN", "order_id": "o-5", "success_redirect_url": "https://shop.test/ok", "error_redirect_url": null, "description": null, "split_user": "i2", "split_amount": "7.5", "other_attr": null}}"#
        ),
        r#"{"status": "success", "redirect_url": "https://r"}"#,
    )
    .await;
    let r = client
        .split_pay(&SplitPayRequest::new(d("20"), "AZN", "o-5", "i2", d("7.5")))
        .await
        .unwrap();
    m.assert_async().await;
    assert!(r.ok);

    let m = expect(
        &mut server,
        "/api/1/split-execute-pay",
        &format!(
            r#"{{{base}, "amount": "20", "currency": "AZN", "order_id": "o-6", "card_id": "c1", "split_user": "i2", "split_amount": "7.5", "description": "d"}}"#
        ),
        r#"{"status": "success", "split_amount": "7.5"}"#,
    )
    .await;
    let req = SplitPayWithSavedCardRequest::new(d("20"), "AZN", "o-6", "c1", "i2", d("7.5"))
        .description("d");
    let r = client.split_pay_with_saved_card(&req).await.unwrap();
    m.assert_async().await;
    assert_eq!(r.body.split_amount, Some(d("7.5")));

    let m = expect(
        &mut server,
        "/api/1/split-card-registration-with-pay",
        &format!(
            r#"{{{base}, "amount": "20", "currency": "AZN", "order_id": "o-7", "success_redirect_url": "https://shop.test/ok", "error_redirect_url": null, "description": null, "split_user": "i2", "split_amount": "7.5"}}"#
        ),
        r#"{"status": "success", "card_id": "c3"}"#,
    )
    .await;
    let r = client
        .split_pay_and_save_card(&SplitPayAndSaveCardRequest::new(
            d("20"),
            "AZN",
            "o-7",
            "i2",
            d("7.5"),
        ))
        .await
        .unwrap();
    m.assert_async().await;
    assert_eq!(r.body.card_id.as_deref(), Some("c3"));

    let m = expect(
        &mut server,
        "/api/1/token/widget",
        r#"{"public_key": "i000000001", "amount": "9.99", "order_id": "o-8", "description": "w"}"#,
        r#"{"status": "success", "widget_url": "https://w"}"#,
    )
    .await;
    let r = client
        .create_widget(&CreateWidgetRequest::new(d("9.99"), "o-8", "w"))
        .await
        .unwrap();
    m.assert_async().await;
    assert!(r.ok);
    assert_eq!(r.body.widget_url.as_deref(), Some("https://w"));

    let m = expect(
        &mut server,
        "/api/1/token/payment",
        &format!(r#"{{{base}, "amount": "9.99", "currency": "AZN", "order_id": "o-9", "description": null}}"#),
        r#"{"id": 77, "transaction": "te9", "total": "9.99", "short_link": "https://s", "created_at": "2025-01-01T10:00:00Z"}"#,
    )
    .await;
    let r = client
        .create_token_payment(&CreateTokenPaymentRequest::new(d("9.99"), "AZN", "o-9"))
        .await
        .unwrap();
    m.assert_async().await;
    assert!(r.ok);
    assert_eq!(r.body.id, Some(77));

    let m = expect(
        &mut server,
        "/api/1/token/apple/session",
        r#"{"public_key": "i000000001", "origin": "https://shop.test"}"#,
        r#"{"merchantSessionIdentifier": "SSH1", "epochTimestamp": 1}"#,
    )
    .await;
    let r = client.apple_pay_session("https://shop.test").await.unwrap();
    m.assert_async().await;
    assert!(r.ok);
    assert_eq!(r.body["merchantSessionIdentifier"], "SSH1");

    let m = expect(
        &mut server,
        "/api/1/token/apple/pay",
        r#"{"public_key": "i000000001", "id": 77, "token": {"paymentData": {"v": 1.0}}, "billingContact": null}"#,
        r#"{"status": "success", "result": {"x": 1}}"#,
    )
    .await;
    let r = client
        .apple_pay(&TokenPayRequest::new(
            77,
            json!({"paymentData": {"v": 1.0}}),
        ))
        .await
        .unwrap();
    m.assert_async().await;
    assert!(r.ok);
    assert_eq!(r.body.result, Some(json!({"x": 1})));

    let m = expect(
        &mut server,
        "/api/1/token/google/pay",
        r#"{"public_key": "i000000001", "id": "77", "token": "tok", "billingContact": {"name": "A"}}"#,
        r#"{"status": "failed", "message": "no"}"#,
    )
    .await;
    let r = client
        .google_pay(&TokenPayRequest::new("77", json!("tok")).billing_contact(json!({"name": "A"})))
        .await
        .unwrap();
    m.assert_async().await;
    assert!(!r.ok);
    assert_eq!(r.body.status, TransactionStatus::Failed);
}

/// Reference §5: `ok` per endpoint, HTTP status ignored where the official SDK ignores it.
#[tokio::test]
async fn ok_table() {
    let mut server = mockito::Server::new_async().await;
    let client = EPointClient::new(config(&server)).unwrap();
    async fn answer(
        server: &mut mockito::ServerGuard,
        path: &str,
        status: usize,
        body: &str,
    ) -> mockito::Mock {
        server
            .mock("POST", path)
            .with_status(status)
            .with_body(body)
            .create_async()
            .await
    }

    // Status-typed endpoints: `status == success`, whatever the HTTP status.
    for (http, body, ok) in [
        (200, r#"{"status": "success"}"#, true),
        (500, r#"{"status": "success"}"#, true),
        (200, r#"{"status": "error"}"#, false),
        (200, r#"{"status": "failed"}"#, false),
        (200, r#"{"status": "server_error"}"#, false),
        (200, r#"{"status": "something_new"}"#, false),
    ] {
        let m = answer(&mut server, "/api/1/reverse", http, body).await;
        let r = client
            .refund(&RefundRequest::new("t", "AZN"))
            .await
            .unwrap();
        assert_eq!(r.ok, ok, "refund {http} {body}");
        assert_eq!(r.status_code, http as u16);
        m.remove_async().await;
        let m = answer(&mut server, "/api/1/token/widget", http, body).await;
        let r = client
            .create_widget(&CreateWidgetRequest::new(d("1"), "o", "d"))
            .await
            .unwrap();
        assert_eq!(r.ok, ok, "widget {http} {body}");
        m.remove_async().await;
        let m = answer(&mut server, "/api/1/token/google/pay", http, body).await;
        let r = client
            .google_pay(&TokenPayRequest::new(1, Value::Null))
            .await
            .unwrap();
        assert_eq!(r.ok, ok, "google_pay {http} {body}");
        m.remove_async().await;
    }

    // get_transaction_status: `status != server_error`.
    for (http, status, ok) in [
        (200, "new", true),
        (200, "error", true),
        (200, "returned", true),
        (500, "success", true),
        (200, "server_error", false),
    ] {
        let m = answer(
            &mut server,
            "/api/1/get-status",
            http,
            &format!(r#"{{"status": "{status}"}}"#),
        )
        .await;
        let r = client.get_transaction_status("t").await.unwrap();
        assert_eq!(r.ok, ok, "get_transaction_status {http} {status}");
        m.remove_async().await;
    }

    // create_token_payment: 2xx, an id, no error status.
    for (http, body, ok) in [
        (200, r#"{"id": 1}"#, true),
        (201, r#"{"id": 1, "status": "success"}"#, true),
        (500, r#"{"id": 1}"#, false),
        (200, r#"{"status": "success"}"#, false),
        (200, r#"{"id": 1, "status": "error"}"#, false),
        (200, r#"{"id": 1, "status": "server_error"}"#, false),
        (200, r#"{"id": 1, "status": "failed"}"#, false),
        (200, r#"{}"#, false),
    ] {
        let m = answer(&mut server, "/api/1/token/payment", http, body).await;
        let r = client
            .create_token_payment(&CreateTokenPaymentRequest::new(d("1"), "AZN", "o"))
            .await
            .unwrap();
        assert_eq!(r.ok, ok, "create_token_payment {http} {body}");
        m.remove_async().await;
    }

    // apple_pay_session: 2xx and no error status.
    for (http, body, ok) in [
        (200, r#"{"merchantSessionIdentifier": "x"}"#, true),
        (200, r#"{}"#, true),
        (404, r#"{"merchantSessionIdentifier": "x"}"#, false),
        (200, r#"{"status": "error"}"#, false),
        (200, r#"{"status": "failed"}"#, false),
        (200, r#"{"status": "server_error"}"#, false),
        (200, r#"{"status": "success"}"#, true),
    ] {
        let m = answer(&mut server, "/api/1/token/apple/session", http, body).await;
        let r = client.apple_pay_session("https://o").await.unwrap();
        assert_eq!(r.ok, ok, "apple_pay_session {http} {body}");
        m.remove_async().await;
    }
}

#[tokio::test]
async fn error_mappings() {
    let mut server = mockito::Server::new_async().await;
    let client = EPointClient::new(config(&server)).unwrap();

    let m = server
        .mock("POST", "/api/1/request")
        .with_status(200)
        .with_body("")
        .create_async()
        .await;
    let err = client
        .pay(&PayRequest::new(d("1"), "AZN", "o"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::EmptyResponse {
                status_code: 200,
                ..
            }
        ),
        "{err}"
    );
    m.remove_async().await;

    let m = server
        .mock("POST", "/api/1/request")
        .with_status(502)
        .with_body("<html>bad gateway</html>")
        .create_async()
        .await;
    let err = client
        .pay(&PayRequest::new(d("1"), "AZN", "o"))
        .await
        .unwrap_err();
    match &err {
        Error::HttpStatus {
            status_code,
            snippet,
            ..
        } => {
            assert_eq!(*status_code, 502);
            assert_eq!(snippet, "<html>bad gateway</html>");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("502"));
    m.remove_async().await;

    let m = server
        .mock("POST", "/api/1/request")
        .with_status(200)
        .with_body(r#"{"message": "no status"}"#)
        .create_async()
        .await;
    let err = client
        .pay(&PayRequest::new(d("1"), "AZN", "o"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::UnexpectedResponse {
                status_code: 200,
                ..
            }
        ),
        "{err}"
    );
    assert!(std::error::Error::source(&err).is_some());
    m.remove_async().await;

    // Nothing listens: a transport error that was not sent.
    let dead = EPointClient::new(Config::new(PK, KEY).base_url("http://127.0.0.1:9")).unwrap();
    let err = dead.save_card().await.unwrap_err();
    match err {
        Error::Transport(t) => assert!(!t.request_may_have_been_sent() || t.is_connect(), "{t}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn client_rejects_unusable_config() {
    let t = payments_core::http::test_util::ReplayTransport::new();
    for config in [
        Config::new("", KEY),
        Config::new(PK, ""),
        Config::new(PK, KEY).base_url("epoint.az"),
        Config::new(PK, KEY).base_url("ftp://epoint.az"),
    ] {
        let err = EPointClient::with_transport(config, t.clone()).unwrap_err();
        assert!(matches!(err, Error::InvalidConfig(_)), "{err}");
    }
    let client = EPointClient::with_transport(Config::new(PK, "super-secret"), t).unwrap();
    let dbg = format!("{client:?}");
    assert!(!dbg.contains("super-secret"), "{dbg}");
    assert_eq!(client.config().public_key, PK);
}

#[tokio::test]
async fn timeout_and_transport_errors_via_replay() {
    use payments_core::http::test_util::ReplayTransport;
    use payments_core::http::{TransportError, TransportErrorKind};
    let t = ReplayTransport::new();
    t.push_error(TransportError::new(TransportErrorKind::Timeout, "10s"));
    let client = EPointClient::with_transport(
        Config::new(PK, KEY).timeout(Duration::from_secs(3)),
        t.clone(),
    )
    .unwrap();
    let err = client
        .refund(&RefundRequest::new("t", "AZN"))
        .await
        .unwrap_err();
    match &err {
        Error::Transport(e) => assert!(e.is_timeout() && e.request_may_have_been_sent()),
        other => panic!("{other:?}"),
    }
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(t.requests()[0].timeout, Some(Duration::from_secs(3)));
}
