//! The axum extractor verifies the signature of a webhook before the handler runs.
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
use onlinepayments::Error;
use onlinepayments::extract::{OnlinePaymentsWebhook, OnlinePaymentsWebhookRejection};
use onlinepayments::webhooks::{InMemorySecretKeyStore, SecretKeyStore, Webhooks, WebhooksHelper};
use payments_core::secret::SecretString;
use payments_core::signing::{base64_encode, hmac_sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const BODY: &str = r#"{"apiVersion":"v1","id":"evt-1","created":"2024-03-05T10:00:00.000+01:00","merchantId":"M1","type":"payment.captured","payment":{"id":"3066019730_0","status":"CAPTURED"}}"#;

fn sign(secret: &str, body: &[u8]) -> String {
    base64_encode(&hmac_sha256(secret.as_bytes(), body))
}

fn helper() -> WebhooksHelper {
    let store = InMemorySecretKeyStore::new();
    store.store_secret_key("key-1", "secret-1").unwrap();
    Webhooks::create_helper(store)
}

fn request(body: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut builder = Request::post("/webhooks").header("content-type", "application/json");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Body::from(body.to_owned())).unwrap()
}

async fn extract(
    body: &str,
    headers: &[(&str, &str)],
) -> Result<OnlinePaymentsWebhook, OnlinePaymentsWebhookRejection> {
    OnlinePaymentsWebhook::from_request(request(body, headers), &helper()).await
}

#[tokio::test]
async fn good_signature_gives_the_event() {
    let signature = sign("secret-1", BODY.as_bytes());
    let OnlinePaymentsWebhook(event) = extract(
        BODY,
        &[("X-GCS-Signature", &signature), ("X-GCS-KeyId", "key-1")],
    )
    .await
    .unwrap();
    assert_eq!(event.id.as_deref(), Some("evt-1"));
    assert_eq!(event.r#type.as_deref(), Some("payment.captured"));
    assert_eq!(event.payment.unwrap().status.as_deref(), Some("CAPTURED"));
    // Header names are case-insensitive, as in the official helper.
    assert!(
        extract(
            BODY,
            &[("x-gcs-signature", &signature), ("x-gcs-keyid", "key-1")]
        )
        .await
        .is_ok()
    );
}

#[tokio::test]
async fn bad_signature_gets_401() {
    let cases = [
        sign("another-secret", BODY.as_bytes()),
        sign("secret-1", b"another body"),
        "not base64".to_owned(),
        String::new(),
    ];
    for signature in cases {
        let rejection = extract(
            BODY,
            &[("X-GCS-Signature", &signature), ("X-GCS-KeyId", "key-1")],
        )
        .await
        .unwrap_err();
        assert!(matches!(
            rejection,
            OnlinePaymentsWebhookRejection::Webhook(Error::SignatureValidationException(_))
        ));
        let response = rejection.into_response();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let text = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .unwrap();
        assert_eq!(&text[..], b"webhook signature missing or invalid");
    }
    // A body changed after signing: the signature no longer matches, the JSON is not read.
    let signature = sign("secret-1", BODY.as_bytes());
    let tampered = BODY.replace("CAPTURED", "REFUNDED");
    let rejection = extract(
        &tampered,
        &[("X-GCS-Signature", &signature), ("X-GCS-KeyId", "key-1")],
    )
    .await
    .unwrap_err();
    assert_eq!(rejection.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn missing_signature_gets_401() {
    let signature = sign("secret-1", BODY.as_bytes());
    let cases: [&[(&str, &str)]; 4] = [
        &[],
        &[("X-GCS-KeyId", "key-1")],
        &[("X-GCS-Signature", &signature)],
        // a repeated header is refused as the official helper refuses it
        &[
            ("X-GCS-Signature", &signature),
            ("X-GCS-Signature", &signature),
            ("X-GCS-KeyId", "key-1"),
        ],
    ];
    for headers in cases {
        let rejection = extract(BODY, headers).await.unwrap_err();
        assert_eq!(rejection.status(), StatusCode::UNAUTHORIZED, "{headers:?}");
    }
    // An unknown key id is no better than a missing signature.
    let rejection = extract(
        BODY,
        &[("X-GCS-Signature", &signature), ("X-GCS-KeyId", "key-2")],
    )
    .await
    .unwrap_err();
    assert!(matches!(
        rejection,
        OnlinePaymentsWebhookRejection::Webhook(Error::SecretKeyNotAvailableException(_))
    ));
    assert_eq!(rejection.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn signed_bodies_that_are_no_event_get_400() {
    for body in [
        "not json",
        "[1, 2]",
        r#"{"apiVersion":"v2","id":"e"}"#,
        r#"{"id":"e"}"#,
    ] {
        let signature = sign("secret-1", body.as_bytes());
        let rejection = extract(
            body,
            &[("X-GCS-Signature", &signature), ("X-GCS-KeyId", "key-1")],
        )
        .await
        .unwrap_err();
        assert_eq!(rejection.status(), StatusCode::BAD_REQUEST, "{body}");
    }
}

/// A key store that cannot answer now (a database that is down).
struct Unavailable;

impl SecretKeyStore for Unavailable {
    fn get_secret_key(&self, _key_id: &str) -> Result<SecretString, Error> {
        Err(Error::Configuration {
            message: "key database unreachable".into(),
            source: None,
        })
    }
}

#[tokio::test]
async fn failing_key_store_gets_503() {
    let helper = Webhooks::create_helper(Unavailable);
    let signature = sign("secret-1", BODY.as_bytes());
    let rejection = OnlinePaymentsWebhook::from_request(
        request(
            BODY,
            &[("X-GCS-Signature", &signature), ("X-GCS-KeyId", "key-1")],
        ),
        &helper,
    )
    .await
    .unwrap_err();
    let response = rejection.into_response();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let text = axum::body::to_bytes(response.into_body(), 1024)
        .await
        .unwrap();
    assert!(!String::from_utf8_lossy(&text).contains("database"));
}

#[derive(Clone)]
struct AppState {
    helper: WebhooksHelper,
    handled: Arc<AtomicUsize>,
}

impl FromRef<AppState> for WebhooksHelper {
    fn from_ref(state: &AppState) -> Self {
        state.helper.clone()
    }
}

async fn count(
    State(state): State<AppState>,
    OnlinePaymentsWebhook(_): OnlinePaymentsWebhook,
) -> &'static str {
    state.handled.fetch_add(1, Ordering::SeqCst);
    "OK"
}

/// One raw HTTP/1.1 POST to a loopback server; returns the status code.
async fn send(address: std::net::SocketAddr, headers: &[(&str, &str)]) -> u16 {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let mut text = format!(
        "POST /webhooks HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: {}\r\nconnection: close\r\n",
        BODY.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(BODY);
    stream.write_all(text.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    String::from_utf8_lossy(&response)
        .get(9..12)
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn handler_runs_only_for_verified_events() {
    let state = AppState {
        helper: helper(),
        handled: Arc::new(AtomicUsize::new(0)),
    };
    let handled = state.handled.clone();
    let app = Router::new()
        .route("/webhooks", post(count))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let good = sign("secret-1", BODY.as_bytes());
    let bad = sign("secret-2", BODY.as_bytes());
    let run = async {
        assert_eq!(
            send(
                address,
                &[("X-GCS-Signature", &bad), ("X-GCS-KeyId", "key-1")]
            )
            .await,
            401
        );
        assert_eq!(send(address, &[("X-GCS-KeyId", "key-1")]).await, 401);
        assert_eq!(handled.load(Ordering::SeqCst), 0);
        assert_eq!(
            send(
                address,
                &[("X-GCS-Signature", &good), ("X-GCS-KeyId", "key-1")]
            )
            .await,
            200
        );
        assert_eq!(handled.load(Ordering::SeqCst), 1);
    };
    tokio::time::timeout(Duration::from_secs(20), run)
        .await
        .expect("the server answers within 20 s");
    server.abort();
}
