//! The runtime's retry rules on a paused clock (no real waiting), and its tracing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
#![cfg(all(feature = "runtime", feature = "test-util"))]

use std::sync::Arc;
use std::time::Duration;

use payments_core::http::test_util::ReplayTransport;
use payments_core::http::{HttpRequest, HttpResponse, Method, TransportError, TransportErrorKind};
use payments_core::runtime::{Idempotency, Operation, RetryPolicy, Runtime};

const GET: Operation =
    payments_core::operation!("test", "get_order", Get, "/v1/orders/{id}/", Idempotent);
const CREATE: Operation =
    payments_core::operation!("test", "create_order", Post, "/v1/orders/", NonIdempotent);

fn replay(responses: Vec<HttpResponse>) -> (ReplayTransport, Runtime<ReplayTransport>) {
    let transport = ReplayTransport::new();
    for r in responses {
        transport.push_response(r);
    }
    let runtime = Runtime::new(Arc::new(transport.clone()), RetryPolicy::default());
    (transport, runtime)
}

fn unavailable(retry_after: &str) -> HttpResponse {
    HttpResponse::new(503, "").with_header("Retry-After", retry_after)
}

fn request() -> HttpRequest {
    HttpRequest::new(Method::Get, "https://api.test/v1/orders/o1/")
        .header("Authorization", "Basic c2VjcmV0LWtleTo=")
}

#[tokio::test(start_paused = true)]
async fn read_retried_after_retry_after() {
    let (transport, runtime) = replay(vec![unavailable("1"), HttpResponse::json(200, "{}")]);
    let started = tokio::time::Instant::now();
    let exchange = runtime.execute(&GET, request()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!((exchange.response.status, exchange.attempts), (200, 2));
    assert_eq!(transport.requests().len(), 2);
    // the second attempt's timeout is cut to what is left of the 60 s budget
    let second = &transport.requests()[1];
    assert!(second.timeout.unwrap() <= Duration::from_secs(59));
}

#[tokio::test(start_paused = true)]
async fn http_date_retry_after() {
    let date = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(3));
    let (transport, runtime) = replay(vec![unavailable(&date), HttpResponse::json(200, "{}")]);
    let started = tokio::time::Instant::now();
    runtime.execute(&GET, request()).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert!(started.elapsed() <= Duration::from_secs(4));
    assert_eq!(transport.requests().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn unkeyed_write_meets_503_once() {
    let (transport, runtime) = replay(vec![unavailable("1"), HttpResponse::json(201, "{}")]);
    let exchange = runtime.execute(&CREATE, request()).await.unwrap();
    assert_eq!((exchange.response.status, exchange.attempts), (503, 1));
    assert_eq!(transport.requests().len(), 1);
    assert_eq!(transport.pending(), 1);
}

#[tokio::test(start_paused = true)]
async fn keyed_write_is_resent_unchanged() {
    let (transport, runtime) = replay(vec![unavailable("2"), HttpResponse::json(201, "{}")]);
    let keyed = CREATE.with_idempotency(Idempotency::Keyed);
    let req = request()
        .header("X-GCS-Idempotence-Key", "k-1")
        .body(b"{\"amount\":1}".to_vec());
    let exchange = runtime.execute(&keyed, req).await.unwrap();
    assert_eq!(exchange.attempts, 2);
    let sent = transport.requests();
    assert_eq!(sent[0].headers.get("X-GCS-Idempotence-Key"), Some("k-1"));
    assert_eq!(sent[1].headers.get("X-GCS-Idempotence-Key"), Some("k-1"));
    assert_eq!(sent[0].body, sent[1].body);
    assert_eq!(sent[0].url, sent[1].url);
}

#[tokio::test(start_paused = true)]
async fn the_budget_stops_retries() {
    let (transport, runtime) = replay(vec![unavailable("4"), unavailable("4"), unavailable("4")]);
    let runtime = runtime.with_retry_policy(
        RetryPolicy::default()
            .max_attempts(5)
            .budget(Duration::from_secs(6)),
    );
    let started = tokio::time::Instant::now();
    let exchange = runtime.execute(&GET, request()).await.unwrap();
    // 4 s wait fits in 6 s; a second 4 s wait would not
    assert_eq!((exchange.response.status, exchange.attempts), (503, 2));
    assert_eq!(transport.requests().len(), 2);
    assert!(started.elapsed() >= Duration::from_secs(4));
    assert!(started.elapsed() < Duration::from_secs(6));
}

#[tokio::test(start_paused = true)]
async fn attempts_are_bounded_and_reported() {
    let transport = ReplayTransport::new();
    for _ in 0..10 {
        transport.push_error(TransportError::new(TransportErrorKind::Io, "reset"));
    }
    let runtime = Runtime::new(Arc::new(transport.clone()), RetryPolicy::default());
    let err = runtime.execute(&GET, request()).await.unwrap_err();
    assert_eq!(err.attempts(), 3);
    assert_eq!(err.to_string(), "I/O error: reset (after 3 attempts)");
    assert_eq!(transport.requests().len(), 3);
    // a write that may have been sent is not retried
    let err = runtime.execute(&CREATE, request()).await.unwrap_err();
    assert_eq!((err.attempts(), transport.requests().len()), (1, 4));
    // none() sends once
    let err = runtime
        .with_retry_policy(RetryPolicy::none())
        .execute(&GET, request())
        .await
        .unwrap_err();
    assert_eq!(err.attempts(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_3xx_is_an_error_with_its_location() {
    let (_, runtime) = replay(vec![
        HttpResponse::new(307, "").with_header("Location", "https://elsewhere.test/pay"),
    ]);
    let err = runtime.execute(&CREATE, request()).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Redirect);
    assert_eq!(err.status(), Some(307));
    assert_eq!(err.location(), Some("https://elsewhere.test/pay"));
    assert_eq!(
        err.to_string(),
        "redirect not followed: HTTP 307 to \"https://elsewhere.test/pay\""
    );
}

#[cfg(feature = "tracing")]
mod tracing_spans {
    use super::*;
    use std::io::Write;
    use std::sync::Mutex;

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test(start_paused = true)]
    async fn one_span_per_call_and_an_event_per_retry() {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let (_, runtime) = replay(vec![unavailable("0"), HttpResponse::json(200, "{}")]);
        runtime.execute(&GET, request()).await.unwrap();
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        assert!(text.contains("test.get_order"), "{text}");
        for field in [
            "http.request.method=\"GET\"",
            "url.template=\"/v1/orders/{id}/\"",
            "payments.provider=\"test\"",
            "http.response.status_code=200",
            "http.request.resend_count=1",
            "duration_ms=",
        ] {
            assert!(text.contains(field), "{field} missing in {text}");
        }
        assert!(text.contains("test.get_order failed, retrying"), "{text}");
        assert!(text.contains("cause=HTTP 503"), "{text}");
        assert!(text.contains("wait_ms=0"), "{text}");
        assert!(
            !text.contains("c2VjcmV0"),
            "no credential in traces: {text}"
        );
    }
}
