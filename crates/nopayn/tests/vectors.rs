#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! Every vector of `tests/vectors/nopayn.json` (computed with the official SDKs).

use nopayn::payments_core::http::{HttpRequest, HttpResponse, Transport, TransportError};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("vectors/nopayn.json")).unwrap()
}

#[test]
fn signature_vectors() {
    let v = vectors();
    let list = v["signature_vectors"].as_array().unwrap();
    assert_eq!(list.len(), 4);
    for case in list {
        let secret = case["secret"].as_str().unwrap();
        let amount = case["amount"].as_i64().unwrap();
        let currency = case["currency"].as_str().unwrap();
        let order_id = case["order_id"].as_str().unwrap();
        let expected = case["hmac_sha256_hex"].as_str().unwrap();

        assert_eq!(
            nopayn::signature_message(amount, currency, order_id),
            case["message"].as_str().unwrap()
        );
        assert_eq!(
            nopayn::generate_signature(secret, amount, currency, order_id),
            expected
        );
        assert!(nopayn::verify_signature(
            secret, amount, currency, order_id, expected
        ));
        assert!(!nopayn::verify_signature(
            secret,
            amount,
            currency,
            order_id,
            &expected.to_uppercase()
        ));
        assert!(!nopayn::verify_signature(
            secret,
            amount,
            currency,
            order_id,
            &expected[..63]
        ));
        assert!(!nopayn::verify_signature(
            secret,
            amount + 1,
            currency,
            order_id,
            expected
        ));

        let client = nopayn::NoPaynClient::builder(secret, "merchant")
            .transport(Unused)
            .build()
            .unwrap();
        assert_eq!(
            client.generate_signature(amount, currency, order_id),
            expected
        );
        assert!(client.verify_signature(amount, currency, order_id, expected));
        assert!(!client.verify_signature(amount, currency, order_id, &expected.to_uppercase()));
        assert!(!client.verify_signature(amount, currency, order_id, &format!("{expected}00")));
    }
}

struct Unused;

#[async_trait::async_trait]
impl Transport for Unused {
    async fn send(&self, _request: HttpRequest) -> Result<HttpResponse, TransportError> {
        panic!("no request expected")
    }
}

/// Records the Authorization header of the one request it receives.
struct Capture(std::sync::Mutex<Option<String>>);

#[async_trait::async_trait]
impl Transport for Capture {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        *self.0.lock().unwrap() = request.headers.get("Authorization").map(str::to_owned);
        Ok(HttpResponse::new(404, r#"{"detail":"Not found"}"#))
    }
}

#[tokio::test]
async fn basic_auth_vectors() {
    let v = vectors();
    let map = v["basic_auth"].as_object().unwrap();
    assert!(!map.is_empty());
    for (key, header) in map {
        let capture = std::sync::Arc::new(Capture(std::sync::Mutex::new(None)));
        let client = nopayn::NoPaynClient::builder(key.as_str(), "merchant")
            .transport(capture.clone())
            .build()
            .unwrap();
        let err = client.get_order("o").await.unwrap_err();
        assert_eq!(err.status_code(), Some(404));
        assert_eq!(capture.0.lock().unwrap().as_deref(), header.as_str());
    }
}
