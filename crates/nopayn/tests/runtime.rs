//! The clients on the runtime, offline: retries on a paused clock (no real waiting)
//! through a replaying transport, and the tracing of each call.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::await_holding_lock,
    missing_docs
)]

mod common;

use std::time::Duration;

use common::*;
use nopayn::{Error, ErrorMeta, NoPaynClient, RetryPolicy, TransportError, TransportErrorKind};
use payments_core::http::HttpResponse;
use payments_core::http::test_util::{ReplayTransport, one_at_a_time};

fn client(replay: &ReplayTransport, retry: RetryPolicy) -> NoPaynClient {
    NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url("https://api.test")
        .transport(replay.clone())
        .retry_policy(retry)
        .build()
        .unwrap()
}

fn unavailable(retry_after: &str) -> HttpResponse {
    HttpResponse::new(503, "").with_header("Retry-After", retry_after)
}

fn order() -> HttpResponse {
    HttpResponse::json(200, order_json("new", false).to_string())
}

#[tokio::test(start_paused = true)]
async fn a_read_waits_for_retry_after_then_succeeds() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("1"))
        .push_response(order());
    let started = tokio::time::Instant::now();
    let order = client(&replay, RetryPolicy::default())
        .get_order(ORDER_ID)
        .await
        .unwrap();
    assert_eq!(order.id, ORDER_ID);
    assert!(started.elapsed() >= Duration::from_secs(1));
    let sent = replay.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].url, sent[1].url);
    assert_eq!(sent[0].headers, sent[1].headers);
}

#[tokio::test(start_paused = true)]
async fn the_budget_stops_retries() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    for _ in 0..5 {
        replay.push_response(unavailable("4"));
    }
    let policy = RetryPolicy::default()
        .max_attempts(5)
        .budget(Duration::from_secs(6));
    let started = tokio::time::Instant::now();
    let err = client(&replay, policy)
        .get_order(ORDER_ID)
        .await
        .unwrap_err();
    // a 4 s wait fits in 6 s; a second one would not
    assert_eq!(replay.requests().len(), 2);
    assert_eq!(err.attempts(), 2);
    assert_eq!(
        err.to_string(),
        "NoPayn API error (HTTP 503): Unknown error (after 2 attempts)"
    );
    assert_eq!(err.retry_after(), Some(Duration::from_secs(4)));
    assert!(started.elapsed() >= Duration::from_secs(4));
    assert!(started.elapsed() < Duration::from_secs(6));
}

#[tokio::test(start_paused = true)]
async fn a_long_retry_after_is_returned_at_once() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("3600"))
        .push_response(order());
    let err = client(&replay, RetryPolicy::default())
        .get_order(ORDER_ID)
        .await
        .unwrap_err();
    assert_eq!((err.attempts(), replay.requests().len()), (1, 1));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
}

#[tokio::test(start_paused = true)]
async fn writes_are_resent_only_when_not_sent() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("0"))
        .push_response(order());
    let c = client(&replay, RetryPolicy::default());
    let err = c.create_refund(ORDER_ID, 100, None).await.unwrap_err();
    assert_eq!((err.status_code(), replay.requests().len()), (Some(503), 1));

    for write in 0..4 {
        let replay = ReplayTransport::new();
        replay
            .push_error(TransportError::new(TransportErrorKind::Connect, "refused"))
            .push_error(TransportError::new(TransportErrorKind::Io, "reset"))
            .push_response(order());
        let c = client(&replay, RetryPolicy::default());
        let err = match write {
            0 => c.create_order(&quickstart_request()).await.map(drop),
            1 => c.create_refund(ORDER_ID, 100, None).await.map(drop),
            2 => c.capture_transaction(ORDER_ID, TX_ID).await.map(drop),
            _ => c.void_transaction(ORDER_ID, TX_ID, 1, None).await.map(drop),
        }
        .unwrap_err();
        // refused: re-sent; reset after sending: not
        assert_eq!(replay.requests().len(), 2, "write {write}");
        assert!(matches!(&err, Error::Network(e) if e.kind() == TransportErrorKind::Io));
        assert_eq!(err.attempts(), 2);
        assert!(
            err.to_string().ends_with("reset (after 2 attempts)"),
            "{err}"
        );
    }
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_follows_the_same_rules() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("0"))
        .push_response(order());
    let c = nopayn::blocking::NoPaynClient::builder(API_KEY, MERCHANT)
        .transport(replay.clone())
        .build()
        .unwrap();
    assert_eq!(c.get_order(ORDER_ID).unwrap().id, ORDER_ID);
    assert_eq!(replay.requests().len(), 2);
    replay
        .push_response(unavailable("0"))
        .push_response(order());
    let err = c.create_order(&quickstart_request()).unwrap_err();
    assert_eq!((err.status_code(), replay.requests().len()), (Some(503), 3));
}

#[cfg(feature = "tracing")]
mod tracing_spans {
    use super::*;
    use std::io::Write;
    use std::sync::{Arc, Mutex};

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

    fn subscriber(buffer: &Buffer) -> impl tracing::Subscriber + Send + Sync {
        let writer = buffer.clone();
        tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .finish()
    }

    fn assert_traced(text: &str, span: &str, method: &str, template: &str) {
        // the span itself is named after the method
        assert!(
            text.contains(&format!("{span}{{")),
            "{span} missing in {text}"
        );
        for field in [
            format!("http.request.method=\"{method}\""),
            format!("url.template=\"{template}\""),
            "payments.provider=\"nopayn\"".to_owned(),
            "http.response.status_code=".to_owned(),
            "duration_ms=".to_owned(),
        ] {
            assert!(text.contains(&field), "{field} missing in {text}");
        }
        for secret in [API_KEY, AUTH, "dGVzdC1hcGkta2V5"] {
            assert!(!text.contains(secret), "{secret} in traces: {text}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn one_span_per_call_named_after_the_method() {
        let _serial = one_at_a_time();
        let buffer = Buffer::default();
        let _guard = tracing::subscriber::set_default(subscriber(&buffer));
        let replay = ReplayTransport::new();
        replay
            .push_response(unavailable("0"))
            .push_response(order())
            .push_response(HttpResponse::json(
                402,
                r#"{"card_number":"4111111111111111"}"#,
            ));
        let c = client(&replay, RetryPolicy::default());
        c.get_order(ORDER_ID).await.unwrap();
        c.create_order(&quickstart_request()).await.unwrap_err();
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        assert_traced(&text, "nopayn.get_order", "GET", "/v1/orders/{order_id}/");
        assert!(text.contains("http.response.status_code=200"), "{text}");
        assert!(text.contains("http.request.resend_count=1"), "{text}");
        assert!(text.contains("nopayn.get_order failed, retrying"), "{text}");
        assert!(text.contains("cause=HTTP 503"), "{text}");
        assert_traced(&text, "nopayn.create_order", "POST", "/v1/orders/");
        assert!(text.contains("http.response.status_code=402"), "{text}");
        assert!(
            !text.contains("4111111111111111"),
            "no body in traces: {text}"
        );
        assert!(
            !text.contains(ORDER_ID),
            "no id from the URL in traces: {text}"
        );
    }

    #[cfg(feature = "blocking")]
    #[test]
    fn the_blocking_client_is_traced_the_same_way() {
        let _serial = one_at_a_time();
        let buffer = Buffer::default();
        let _guard = tracing::subscriber::set_default(subscriber(&buffer));
        let replay = ReplayTransport::new();
        replay
            .push_response(unavailable("0"))
            .push_response(order());
        let c = nopayn::blocking::NoPaynClient::builder(API_KEY, MERCHANT)
            .transport(replay.clone())
            .build()
            .unwrap();
        c.get_order(ORDER_ID).unwrap();
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        assert_traced(&text, "nopayn.get_order", "GET", "/v1/orders/{order_id}/");
        assert!(text.contains("http.request.resend_count=1"), "{text}");
    }
}
