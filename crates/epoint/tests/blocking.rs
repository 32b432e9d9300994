//! The blocking client sends the same bytes and parses the same way as the async one.
#![cfg(feature = "blocking")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use epoint::blocking::EPointClient;
use epoint::handlers::{self, RefundPayloadHandler};
use epoint::{Config, Decimal, Error, PayRequest, RefundRequest, TransactionStatusExtended};
use mockito::Matcher;
use payments_core::http::HttpResponse;
use payments_core::http::test_util::ReplayTransport;

#[test]
fn blocking_client_over_http() {
    let mut server = mockito::Server::new();
    let config = Config::new("i1", "k").base_url(server.url());
    let expected =
        handlers::build_request::<RefundPayloadHandler>(&config, &RefundRequest::new("te1", "AZN"))
            .unwrap();
    let m = server
        .mock("POST", "/api/1/reverse")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Exact(expected.body_text()))
        .with_body(r#"{"status": "success", "message": "done"}"#)
        .create();
    let client = EPointClient::new(config).unwrap();
    let r = client.refund(&RefundRequest::new("te1", "AZN")).unwrap();
    m.assert();
    assert!(r.ok);
    assert_eq!(r.body.message.as_deref(), Some("done"));

    let m = server
        .mock("POST", "/api/1/get-status")
        .with_body("oops")
        .create();
    let err = client.get_transaction_status("te1").unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidJson {
                status_code: 200,
                ..
            }
        ),
        "{err}"
    );
    m.assert();
}

#[test]
fn blocking_matches_async_bytes() {
    let t = ReplayTransport::new();
    t.set_fallback(HttpResponse::json(200, r#"{"status": "new"}"#));
    let config = Config::new("i1", "k").language("ru");
    let client = EPointClient::with_transport(config.clone(), t.clone()).unwrap();
    assert_eq!(
        client.get_transaction_status("te1").unwrap().body.status,
        TransactionStatusExtended::New
    );
    let req = PayRequest::new(Decimal::new(1050, 2), "AZN", "o").description("ə");
    let _ = client.pay(&req);
    let async_client = epoint::EPointClient::with_transport(config, t.clone()).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let _ = rt.block_on(async_client.pay(&req));
    let sent = t.requests();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[1], sent[2]);
    assert!(client.decode_callback_data(b"data=x").is_err());
}
