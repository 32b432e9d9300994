//! The axum extractor verifies and decodes callbacks before the handler runs.
#![cfg(feature = "axum")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use axum::body::Body;
use axum::extract::{FromRef, FromRequest};
use axum::http::{Request, StatusCode};
use axum::response::IntoResponse;
use epoint::extract::{EPointCallback, EPointCallbackKey, EPointCallbackRejection};
use epoint::{CallbackError, Config, TransactionStatus, generate_signature};
use payments_core::signing::base64_encode;

#[derive(Clone)]
struct AppState {
    key: EPointCallbackKey,
}

impl FromRef<AppState> for EPointCallbackKey {
    fn from_ref(state: &AppState) -> Self {
        state.key.clone()
    }
}

fn request(body: String) -> Request<Body> {
    Request::post("/epoint/callback")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn extracts_verified_callbacks() {
    let state = AppState {
        key: EPointCallbackKey::from(&Config::new("i1", "cb-key")),
    };
    let data = base64_encode(br#"{"status": "success", "order_id": "o-1"}"#);
    let sig = generate_signature("cb-key", &data)
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    let body = format!("data={}&signature={sig}", data.replace('=', "%3D"));
    let EPointCallback(cb) = EPointCallback::from_request(request(body), &state)
        .await
        .unwrap();
    assert_eq!(cb.status, TransactionStatus::Success);
    assert_eq!(cb.order_id.as_deref(), Some("o-1"));

    let bad = format!("data={data}&signature=wrong");
    let rejection = EPointCallback::from_request(request(bad), &state)
        .await
        .unwrap_err();
    assert!(matches!(
        rejection,
        EPointCallbackRejection::Callback(CallbackError::InvalidSignature)
    ));
    assert_eq!(rejection.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(rejection.into_response().status(), StatusCode::UNAUTHORIZED);

    // A signature made with another key is forged: 401, like a wrong one.
    let forged = generate_signature("other-key", &data)
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    let body = format!("data={}&signature={forged}", data.replace('=', "%3D"));
    let rejection = EPointCallback::from_request(request(body), &state)
        .await
        .unwrap_err();
    assert_eq!(rejection.into_response().status(), StatusCode::UNAUTHORIZED);

    // No signature at all: 401.
    let unsigned = format!("data={}", data.replace('=', "%3D"));
    let rejection = EPointCallback::from_request(request(unsigned), &state)
        .await
        .unwrap_err();
    assert!(matches!(
        rejection,
        EPointCallbackRejection::Callback(CallbackError::MissingField("signature"))
    ));
    assert_eq!(rejection.into_response().status(), StatusCode::UNAUTHORIZED);

    // Correctly signed data that is not a callback: 400.
    let junk = base64_encode(b"not json");
    let sig = generate_signature("cb-key", &junk)
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    let body = format!("data={}&signature={sig}", junk.replace('=', "%3D"));
    let rejection = EPointCallback::from_request(request(body), &state)
        .await
        .unwrap_err();
    assert!(matches!(
        rejection,
        EPointCallbackRejection::Callback(CallbackError::InvalidJson(_))
    ));
    assert_eq!(rejection.into_response().status(), StatusCode::BAD_REQUEST);

    // The key can also be the whole state.
    let key = EPointCallbackKey::new("cb-key");
    assert!(!format!("{key:?}").contains("cb-key"));
    let rejection = EPointCallback::from_request(request(String::new()), &key)
        .await
        .unwrap_err();
    assert!(matches!(
        rejection,
        EPointCallbackRejection::Callback(CallbackError::MissingField("data"))
    ));
    assert_eq!(rejection.status(), StatusCode::UNAUTHORIZED);
    // A body that is not UTF-8 is no form: 400.
    let not_utf8 = Request::post("/epoint/callback")
        .body(Body::from(vec![0xff, 0xfe]))
        .unwrap();
    let rejection = EPointCallback::from_request(not_utf8, &key)
        .await
        .unwrap_err();
    assert_eq!(rejection.status(), StatusCode::BAD_REQUEST);
}
