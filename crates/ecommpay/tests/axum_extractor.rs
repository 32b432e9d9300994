//! The axum extractor verifies callbacks before the handler runs: through `from_request`
//! and through a real server on 127.0.0.1.
#![cfg(feature = "axum")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{FromRef, FromRequest, State};
use axum::http::{Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use ecommpay::extract::{EcommpayCallback, EcommpayCallbackKey, EcommpayCallbackRejection};
use ecommpay::{Error, Gate, PaymentStatus};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Signed with the secret `qwerty` (the official SDK's test data).
const GOOD: &str = r#"{"payment": {"id": "test-payment", "status": "success"}, "signature": "UGzKT0NC26f4u0niyJSQPx5q3kFFIndwLXeJVXahfCFwbY+Svg1WoXIxzrIyyjWUSLFhT8wAQ5SfBDRHnwm6Yg=="}"#;
const BAD: &str = r#"{"payment": {"id": "test-payment", "status": "success"}, "signature": "UGzKT0NC26f4u0niyJSQPx5q3kFFIndwLXeJVXahfCFwbYg34h32gh3"}"#;
const MISSING: &str = r#"{"payment": {"id": "test-payment", "status": "success"}}"#;

fn request(body: &str) -> Request<Body> {
    Request::post("/ecommpay/callback")
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

#[derive(Clone)]
struct AppState {
    key: EcommpayCallbackKey,
    handled: Arc<AtomicUsize>,
}

impl FromRef<AppState> for EcommpayCallbackKey {
    fn from_ref(state: &AppState) -> Self {
        state.key.clone()
    }
}

#[tokio::test]
async fn from_request_verifies() {
    let key = EcommpayCallbackKey::new("qwerty");
    assert!(!format!("{key:?}").contains("qwerty"));
    let EcommpayCallback(callback) = EcommpayCallback::from_request(request(GOOD), &key)
        .await
        .unwrap();
    assert_eq!(callback.get_payment_id(), Some("test-payment"));
    assert_eq!(callback.get_payment_status(), Some(PaymentStatus::Success));

    let cases: [(&str, StatusCode, &str); 4] = [
        (BAD, StatusCode::UNAUTHORIZED, "callback signature invalid"),
        (
            MISSING,
            StatusCode::UNAUTHORIZED,
            "callback signature missing",
        ),
        (
            "{not json",
            StatusCode::BAD_REQUEST,
            "callback body is not JSON",
        ),
        ("", StatusCode::BAD_REQUEST, "callback body is not JSON"),
    ];
    for (body, status, text) in cases {
        let rejection = EcommpayCallback::from_request(request(body), &key)
            .await
            .unwrap_err();
        assert!(matches!(rejection, EcommpayCallbackRejection::Callback(_)));
        assert_eq!(rejection.status(), status, "{body}");
        let response = rejection.into_response();
        assert_eq!(response.status(), status);
        let bytes = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .unwrap();
        assert_eq!(bytes, text.as_bytes());
    }

    // The key of a gate, or of another secret.
    let from_gate = EcommpayCallbackKey::from(&Gate::new("qwerty"));
    assert!(
        EcommpayCallback::from_request(request(GOOD), &from_gate)
            .await
            .is_ok()
    );
    let other = EcommpayCallbackKey::new("another secret");
    let rejection = EcommpayCallback::from_request(request(GOOD), &other)
        .await
        .unwrap_err();
    assert!(matches!(
        rejection,
        EcommpayCallbackRejection::Callback(Error::SignatureInvalid { .. })
    ));
}

async fn handler(
    State(state): State<AppState>,
    EcommpayCallback(callback): EcommpayCallback,
) -> String {
    state.handled.fetch_add(1, Ordering::SeqCst);
    format!("handled {}", callback.get_payment_id().unwrap_or_default())
}

/// Sends one HTTP/1.1 request to `addr` and returns the status code and the body.
async fn post_raw(addr: std::net::SocketAddr, body: &[u8]) -> (u16, String) {
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST /ecommpay/callback HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(body).await.unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await.unwrap();
        String::from_utf8(response).unwrap()
    };
    let response = tokio::time::timeout(Duration::from_secs(10), exchange)
        .await
        .expect("the server answers within 10 s");
    let status = response[9..12].parse().unwrap();
    let body = response.split_once("\r\n\r\n").unwrap().1.to_owned();
    (status, body)
}

#[tokio::test]
async fn handler_runs_only_for_verified_callbacks() {
    let state = AppState {
        key: EcommpayCallbackKey::new("qwerty"),
        handled: Arc::new(AtomicUsize::new(0)),
    };
    let app = Router::new()
        .route("/ecommpay/callback", post(handler))
        .with_state(state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    assert_eq!(
        post_raw(addr, GOOD.as_bytes()).await,
        (200, "handled test-payment".to_owned())
    );
    assert_eq!(state.handled.load(Ordering::SeqCst), 1);

    let tampered = GOOD.replace("success", "refunded");
    let rejected: [(&[u8], u16); 5] = [
        (BAD.as_bytes(), 401),
        (MISSING.as_bytes(), 401),
        (tampered.as_bytes(), 401),
        (b"{\"payment\": ", 400),
        (b"\xff\xfe{}", 400),
    ];
    for (body, status) in rejected {
        let (got, _) = post_raw(addr, body).await;
        assert_eq!(got, status, "{}", String::from_utf8_lossy(body));
    }
    // None of the rejected requests reached the handler.
    assert_eq!(state.handled.load(Ordering::SeqCst), 1);
    server.abort();
}
