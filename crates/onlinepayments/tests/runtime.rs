//! The clients on the runtime, offline: retries on a paused clock (no real waiting)
//! through a replaying transport, the idempotency of each kind of call, and the tracing
//! of each call (one span named after the method, OpenTelemetry attributes, an event per
//! retry, never a secret or card data).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::await_holding_lock,
    missing_docs
)]

use std::sync::Arc;
use std::time::Duration;

use onlinepayments::domain::{CreatePaymentRequest, GetIINDetailsRequest};
use onlinepayments::http::{HttpRequest, TransportError, TransportErrorKind};
use onlinepayments::{CallContext, CommunicatorConfiguration, Error, ErrorMeta, RetryPolicy};
use payments_core::http::HttpResponse;
use payments_core::http::test_util::{ReplayTransport, one_at_a_time};

const KEY_ID: &str = "KEY1234";
const SECRET: &str = "c2VjcmV0LXNlY3JldA==";
const CARD: &str = "4111111111111111";
const HOLDER: &str = "Wile E. Coyote";

fn configuration(retry: RetryPolicy) -> CommunicatorConfiguration {
    CommunicatorConfiguration::builder()
        .api_endpoint("https://payment.example")
        .api_key_id(KEY_ID)
        .secret_api_key(SECRET)
        .integrator("ACME Integrator")
        .retry_policy(retry)
        .build()
        .unwrap()
}

fn client(replay: &ReplayTransport, retry: RetryPolicy) -> onlinepayments::Client {
    onlinepayments::Factory::create_client_from_configuration(
        &configuration(retry),
        None,
        Some(Arc::new(replay.clone())),
        None,
    )
    .unwrap()
}

fn unavailable(retry_after: &str) -> HttpResponse {
    HttpResponse::json(503, "{}").with_header("Retry-After", retry_after)
}

fn payment() -> HttpResponse {
    HttpResponse::json(200, r#"{"id":"P1","status":"CAPTURED"}"#)
}

fn created() -> HttpResponse {
    HttpResponse::json(201, r#"{"payment":{"id":"P1","status":"CREATED"}}"#)
}

/// A create-payment request carrying a test card.
fn card_request() -> CreatePaymentRequest {
    serde_json::from_value(serde_json::json!({
        "cardPaymentMethodSpecificInput": {
            "card": {"cardNumber": CARD, "cvv": "737", "expiryDate": "1230", "cardholderName": HOLDER}
        },
        "order": {"amountOfMoney": {"amount": 1000, "currencyCode": "EUR"}}
    }))
    .unwrap()
}

/// The headers of a request but `Date` and `Authorization`.
fn stable_headers(request: &HttpRequest) -> Vec<(String, String)> {
    request
        .headers
        .iter()
        .filter(|(n, _)| *n != "Date" && *n != "Authorization")
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

#[tokio::test(start_paused = true)]
async fn a_read_waits_for_retry_after_then_succeeds() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("1"))
        .push_response(payment());
    let started = tokio::time::Instant::now();
    let payment = client(&replay, RetryPolicy::default())
        .merchant("M1")
        .payments()
        .get_payment("P1", None)
        .await
        .unwrap();
    assert_eq!(payment.id.as_deref(), Some("P1"));
    assert!(started.elapsed() >= Duration::from_secs(1));
    let sent = replay.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].url, sent[1].url);
    assert_eq!(stable_headers(&sent[0]), stable_headers(&sent[1]));
}

#[tokio::test(start_paused = true)]
async fn a_keyed_write_is_retried_with_the_same_key_and_body() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("2"))
        .push_response(created());
    let context = CallContext::new().with_idempotence_key("key-42");
    let started = tokio::time::Instant::now();
    let created = client(&replay, RetryPolicy::default())
        .merchant("M1")
        .payments()
        .create_payment(&card_request(), Some(&context))
        .await
        .unwrap();
    assert_eq!(created.payment.unwrap().id.as_deref(), Some("P1"));
    assert!(started.elapsed() >= Duration::from_secs(2));
    let sent = replay.requests();
    assert_eq!(sent.len(), 2);
    for request in &sent {
        assert_eq!(request.headers.get("X-GCS-Idempotence-Key"), Some("key-42"));
    }
    assert_eq!(sent[0].body, sent[1].body);
    assert_eq!(stable_headers(&sent[0]), stable_headers(&sent[1]));
}

#[tokio::test(start_paused = true)]
async fn an_unkeyed_write_meeting_a_503_is_sent_once() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("0"))
        .push_response(created());
    let err = client(&replay, RetryPolicy::default())
        .merchant("M1")
        .payments()
        .create_payment(&CreatePaymentRequest::default(), None)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::PlatformException(_)), "{err:?}");
    assert_eq!((err.attempts(), replay.requests().len()), (1, 1));
}

#[tokio::test(start_paused = true)]
async fn writes_are_resent_only_when_not_sent() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_error(TransportError::new(TransportErrorKind::Connect, "refused"))
        .push_error(TransportError::new(TransportErrorKind::Io, "reset"))
        .push_response(created());
    let err = client(&replay, RetryPolicy::default())
        .merchant("M1")
        .payments()
        .create_payment(&CreatePaymentRequest::default(), None)
        .await
        .unwrap_err();
    // refused: re-sent; reset after sending: not
    assert_eq!(replay.requests().len(), 2);
    assert_eq!(err.attempts(), 2);
    assert!(err.request_may_have_been_sent());
    assert!(
        err.to_string().ends_with("reset (after 2 attempts)"),
        "{err}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_read_sent_as_post_is_retried() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("0"))
        .push_response(HttpResponse::json(200, r#"{"paymentProductId":1}"#));
    let details = client(&replay, RetryPolicy::default())
        .merchant("M1")
        .services()
        .get_iin_details(&GetIINDetailsRequest::default(), None)
        .await
        .unwrap();
    assert_eq!(details.payment_product_id, Some(1));
    assert_eq!(replay.requests().len(), 2);
    assert!(
        replay
            .requests()
            .iter()
            .all(|r| r.method.as_str() == "POST")
    );
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
        .merchant("M1")
        .payments()
        .get_payment("P1", None)
        .await
        .unwrap_err();
    // a 4 s wait fits in 6 s; a second one would not
    assert_eq!(replay.requests().len(), 2);
    assert_eq!(err.attempts(), 2);
    assert_eq!(
        err.to_string(),
        "the payment platform returned an error response; status_code=503; response_body='{}' (after 2 attempts)"
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
        .push_response(payment());
    let err = client(&replay, RetryPolicy::default())
        .merchant("M1")
        .payments()
        .get_payment("P1", None)
        .await
        .unwrap_err();
    assert_eq!((err.attempts(), replay.requests().len()), (1, 1));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3600)));
    assert!(err.is_retryable());
}

#[tokio::test(start_paused = true)]
async fn the_generic_verbs_follow_the_same_rules() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("0"))
        .push_response(payment())
        .push_response(unavailable("0"))
        .push_response(payment());
    let client = client(&replay, RetryPolicy::default());
    let value: serde_json::Value = client
        .communicator()
        .get("/v2/M1/payments/P1", &[], None, None)
        .await
        .unwrap();
    assert_eq!(value["id"], "P1");
    assert_eq!(replay.requests().len(), 2);
    let err = client
        .communicator()
        .post::<_, serde_json::Value>(
            "/v2/M1/payments",
            &[],
            None,
            Some(&serde_json::json!({})),
            None,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ResponseException(_)), "{err:?}");
    assert_eq!(replay.requests().len(), 3, "the unkeyed POST is sent once");
}

#[cfg(feature = "blocking")]
#[test]
fn the_blocking_client_follows_the_same_rules() {
    let _serial = one_at_a_time();
    let replay = ReplayTransport::new();
    replay
        .push_response(unavailable("0"))
        .push_response(payment());
    let c = onlinepayments::blocking::Factory::create_client_from_configuration(
        &configuration(RetryPolicy::default()),
        None,
        Some(Arc::new(replay.clone())),
        None,
    )
    .unwrap();
    let payments = c.merchant("M1").payments();
    assert_eq!(
        payments.get_payment("P1", None).unwrap().id.as_deref(),
        Some("P1")
    );
    assert_eq!(replay.requests().len(), 2);
    replay
        .push_response(unavailable("0"))
        .push_response(created());
    let err = payments
        .create_payment(&CreatePaymentRequest::default(), None)
        .unwrap_err();
    assert_eq!((err.status_code(), replay.requests().len()), (Some(503), 3));
    // the 201 queued after the 503 was never asked for: the next call gets it
    assert_eq!(replay.pending(), 1);
    payments
        .create_payment(&CreatePaymentRequest::default(), None)
        .unwrap();
    replay
        .push_response(unavailable("0"))
        .push_response(created());
    let context = CallContext::new().with_idempotence_key("k");
    payments
        .create_payment(&CreatePaymentRequest::default(), Some(&context))
        .unwrap();
    assert_eq!(replay.requests().len(), 6, "the keyed write is retried");
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

    impl Buffer {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
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
            "payments.provider=\"onlinepayments\"".to_owned(),
            "http.response.status_code=".to_owned(),
            "duration_ms=".to_owned(),
        ] {
            assert!(text.contains(&field), "{field} missing in {text}");
        }
    }

    /// Nothing secret in any field or message: no API secret, no signature, no card data
    /// (request or response), no id from a URL.
    fn assert_clean(text: &str, signatures: &[String]) {
        for secret in [SECRET, CARD, HOLDER, "\"737\"", "\"1230\""] {
            assert!(!text.contains(secret), "{secret} in traces: {text}");
        }
        for signature in signatures {
            assert!(
                !text.contains(signature.as_str()),
                "a signature in traces: {text}"
            );
        }
    }

    fn signatures(replay: &ReplayTransport) -> Vec<String> {
        replay
            .requests()
            .iter()
            .filter_map(|r| r.headers.get("Authorization"))
            .map(|a| a.rsplit(':').next().unwrap().to_owned())
            .collect()
    }

    #[tokio::test(start_paused = true)]
    async fn one_span_per_call_named_after_the_method() {
        let _serial = one_at_a_time();
        let buffer = Buffer::default();
        let _guard = tracing::subscriber::set_default(subscriber(&buffer));
        let replay = ReplayTransport::new();
        let declined = format!(
            r#"{{"errorId":"E","paymentResult":{{"payment":{{"id":"P9","status":"REJECTED","paymentOutput":{{"cardPaymentMethodSpecificOutput":{{"card":{{"cardNumber":"{CARD}","cardholderName":"{HOLDER}"}}}}}}}}}}}}"#
        );
        replay
            .push_response(unavailable("1"))
            .push_response(created())
            .push_response(HttpResponse::json(402, declined));
        let c = client(&replay, RetryPolicy::default());
        let context = CallContext::new().with_idempotence_key("key-1");
        let payments = c.merchant("M1").payments();
        payments
            .create_payment(&card_request(), Some(&context))
            .await
            .unwrap();
        let err = payments
            .create_payment(&card_request(), None)
            .await
            .unwrap_err();
        assert!(err.is_declined_transaction());
        let text = buffer.text();
        let span = "onlinepayments.payments.create_payment";
        assert_traced(&text, span, "POST", "/v2/{merchantId}/payments");
        assert!(text.contains("http.response.status_code=201"), "{text}");
        assert!(text.contains("http.response.status_code=402"), "{text}");
        assert!(text.contains("http.request.resend_count=1"), "{text}");
        assert!(text.contains(&format!("{span} failed, retrying")), "{text}");
        assert!(text.contains("cause=HTTP 503"), "{text}");
        assert!(text.contains("wait_ms=1000"), "{text}");
        assert!(
            !text.contains("M1/payments"),
            "no concrete path in traces: {text}"
        );
        assert_clean(&text, &signatures(&replay));
    }

    #[tokio::test(start_paused = true)]
    async fn the_communicator_logger_on_tracing_masks_bodies() {
        let _serial = one_at_a_time();
        let buffer = Buffer::default();
        let _guard = tracing::subscriber::set_default(subscriber(&buffer));
        let replay = ReplayTransport::new();
        replay
            .push_response(unavailable("0"))
            .push_response(created());
        let c = client(&replay, RetryPolicy::default());
        c.enable_logging(Arc::new(
            onlinepayments::log::TracingCommunicatorLogger::new(tracing::Level::INFO),
        ));
        let context = CallContext::new().with_idempotence_key("key-1");
        c.merchant("M1")
            .payments()
            .create_payment(&card_request(), Some(&context))
            .await
            .unwrap();
        let text = buffer.text();
        // each attempt is logged: two requests, two responses
        assert_eq!(text.matches("Outgoing request").count(), 2, "{text}");
        assert_eq!(text.matches("Incoming response").count(), 2, "{text}");
        assert!(text.contains("************1111"), "{text}");
        assert_clean(&text, &signatures(&replay));
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
            .push_response(payment());
        let c = onlinepayments::blocking::Factory::create_client_from_configuration(
            &configuration(RetryPolicy::default()),
            None,
            Some(Arc::new(replay.clone())),
            None,
        )
        .unwrap();
        c.merchant("M1").payments().get_payment("P1", None).unwrap();
        let text = buffer.text();
        assert_traced(
            &text,
            "onlinepayments.payments.get_payment",
            "GET",
            "/v2/{merchantId}/payments/{paymentId}",
        );
        assert!(text.contains("http.request.resend_count=1"), "{text}");
        assert_clean(&text, &signatures(&replay));
    }
}
