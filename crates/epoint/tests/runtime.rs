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

use std::time::Duration;

use epoint::{
    Config, Decimal, EPointClient, Error, ErrorMeta, PayRequest, RefundRequest, RetryPolicy,
    TransportError, TransportErrorKind,
};
use payments_core::http::HttpResponse;
use payments_core::http::test_util::{ReplayTransport, one_at_a_time};

const PRIVATE_KEY: &str = "test_private_key_123";

fn client(replay: &ReplayTransport, retry: RetryPolicy) -> EPointClient {
    let config = Config::new("i000000001", PRIVATE_KEY).retry_policy(retry);
    EPointClient::with_transport(config, replay.clone()).unwrap()
}

fn unavailable(retry_after: &str) -> HttpResponse {
    HttpResponse::new(503, "").with_header("Retry-After", retry_after)
}

fn status() -> HttpResponse {
    HttpResponse::json(200, r#"{"status": "success"}"#)
}

#[tokio::test(start_paused = true)]
async fn a_read_waits_for_retry_after_then_succeeds() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("1"))
        .push_response(status());
    let started = tokio::time::Instant::now();
    let resp = client(&replay, RetryPolicy::default())
        .get_transaction_status("te001")
        .await
        .unwrap();
    assert!(resp.ok);
    assert!(started.elapsed() >= Duration::from_secs(1));
    let sent = replay.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].body, sent[1].body, "the same signed bytes");
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
        .get_transaction_status("te001")
        .await
        .unwrap_err();
    // a 4 s wait fits in 6 s; a second one would not
    assert_eq!(replay.requests().len(), 2);
    assert_eq!(err.attempts(), 2);
    assert_eq!(
        err.to_string(),
        "EPoint answered HTTP 503: \"\" (after 2 attempts)"
    );
    assert_eq!(err.retry_after(), Some(Duration::from_secs(4)));
    assert!(started.elapsed() >= Duration::from_secs(4));
    assert!(started.elapsed() < Duration::from_secs(6));
}

#[tokio::test(start_paused = true)]
async fn writes_are_resent_only_when_not_sent() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("0"))
        .push_response(status());
    let c = client(&replay, RetryPolicy::default());
    let err = c
        .refund(&RefundRequest::new("te001", "AZN"))
        .await
        .unwrap_err();
    assert_eq!((err.status_code(), replay.requests().len()), (Some(503), 1));

    let replay = ReplayTransport::new();
    replay
        .push_error(TransportError::new(TransportErrorKind::Connect, "refused"))
        .push_error(TransportError::new(TransportErrorKind::Io, "reset"))
        .push_response(status());
    let c = client(&replay, RetryPolicy::default());
    let err = c
        .pay(&PayRequest::new(Decimal::from(1), "AZN", "o-1"))
        .await
        .unwrap_err();
    // refused: re-sent; reset after sending: not
    assert_eq!(replay.requests().len(), 2);
    assert!(matches!(&err, Error::Transport(e) if e.kind() == TransportErrorKind::Io));
    assert_eq!(err.attempts(), 2);
    assert!(
        err.to_string().ends_with("reset (after 2 attempts)"),
        "{err}"
    );
}

#[test]
fn every_endpoint_but_the_status_read_is_a_write() {
    let _serial = one_at_a_time();
    use epoint::Idempotency::{Idempotent, NonIdempotent};
    use epoint::handlers::*;
    fn op<H: PayloadHandler>() -> (&'static str, &'static str, epoint::Idempotency) {
        let o = H::OPERATION;
        assert_eq!(o.method().as_str(), "POST");
        assert_eq!(o.url_template(), H::PATH);
        (o.name(), o.url_template(), o.idempotency())
    }
    assert_eq!(
        op::<GetTransactionStatusPayloadHandler>(),
        (
            "epoint.get_transaction_status",
            "/api/1/get-status",
            Idempotent
        )
    );
    let writes = [
        op::<PaymentPayloadHandler>(),
        op::<SaveCardPayloadHandler>(),
        op::<PayWithSavedCardPayloadHandler>(),
        op::<PayAndSaveCardPayloadHandler>(),
        op::<PayoutPayloadHandler>(),
        op::<RefundPayloadHandler>(),
        op::<SplitPayPayloadHandler>(),
        op::<SplitPayWithSavedCardPayloadHandler>(),
        op::<SplitPayAndSaveCardPayloadHandler>(),
        op::<CreateWidgetPayloadHandler>(),
        op::<CreateTokenPaymentPayloadHandler>(),
        op::<ApplePaySessionPayloadHandler>(),
        op::<ApplePayPayloadHandler>(),
        op::<GooglePayPayloadHandler>(),
    ];
    for (name, _, idempotency) in writes {
        assert_eq!(idempotency, NonIdempotent, "{name}");
    }
    assert_eq!(writes[0].0, "epoint.pay");
    assert_eq!(epoint::Api::GET_STATUS, "/api/1/get-status");
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_follows_the_same_rules() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("0"))
        .push_response(status());
    let config = Config::new("i000000001", PRIVATE_KEY);
    let c = epoint::blocking::EPointClient::with_transport(config, replay.clone()).unwrap();
    assert!(c.get_transaction_status("te001").unwrap().ok);
    assert_eq!(replay.requests().len(), 2);
    replay
        .push_response(unavailable("0"))
        .push_response(status());
    let err = c
        .pay(&PayRequest::new(Decimal::from(1), "AZN", "o-1"))
        .unwrap_err();
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

    fn assert_traced(text: &str, span: &str, template: &str, sent: &[Vec<u8>]) {
        // the span itself is named after the method
        assert!(
            text.contains(&format!("{span}{{")),
            "{span} missing in {text}"
        );
        for field in [
            "http.request.method=\"POST\"".to_owned(),
            format!("url.template=\"{template}\""),
            "payments.provider=\"epoint\"".to_owned(),
            "http.response.status_code=".to_owned(),
            "duration_ms=".to_owned(),
        ] {
            assert!(text.contains(&field), "{field} missing in {text}");
        }
        assert!(!text.contains(PRIVATE_KEY), "the key in traces: {text}");
        for body in sent {
            let body: serde_json::Value = serde_json::from_slice(body).unwrap();
            for part in ["data", "signature"] {
                let value = body[part].as_str().unwrap();
                assert!(!text.contains(value), "the signed {part} in traces: {text}");
            }
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
            .push_response(status())
            .push_response(HttpResponse::json(
                402,
                r#"{"card_number": "4111111111111111"}"#,
            ));
        let c = client(&replay, RetryPolicy::default());
        c.get_transaction_status("te001").await.unwrap();
        c.pay(&PayRequest::new(Decimal::from(1), "AZN", "o-1"))
            .await
            .unwrap_err();
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        let sent: Vec<Vec<u8>> = replay
            .requests()
            .into_iter()
            .map(|r| r.body.unwrap())
            .collect();
        assert_traced(
            &text,
            "epoint.get_transaction_status",
            "/api/1/get-status",
            &sent,
        );
        assert!(text.contains("http.response.status_code=200"), "{text}");
        assert!(text.contains("http.request.resend_count=1"), "{text}");
        assert!(text.contains("cause=HTTP 503"), "{text}");
        assert_traced(&text, "epoint.pay", "/api/1/request", &sent);
        assert!(text.contains("http.response.status_code=402"), "{text}");
        assert!(
            !text.contains("4111111111111111"),
            "no body in traces: {text}"
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
            .push_response(status());
        let config = Config::new("i000000001", PRIVATE_KEY);
        let c = epoint::blocking::EPointClient::with_transport(config, replay.clone()).unwrap();
        c.get_transaction_status("te001").unwrap();
        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        let sent: Vec<Vec<u8>> = replay
            .requests()
            .into_iter()
            .map(|r| r.body.unwrap())
            .collect();
        assert_traced(
            &text,
            "epoint.get_transaction_status",
            "/api/1/get-status",
            &sent,
        );
        assert!(text.contains("http.request.resend_count=1"), "{text}");
    }
}
