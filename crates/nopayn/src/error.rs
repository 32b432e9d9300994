//! Errors (Python `NoPaynError`, `ApiError`, `WebhookError`).
//!
//! No `Display` or `Debug` output shows a response body as received: card numbers, CVVs,
//! cardholder names, tokens and other secrets are masked first
//! ([`payments_core::redact`]). Errors built from a response keep its status, headers
//! and the number of attempts the call took; [`ErrorMeta`] reads them the same way for
//! every provider.

use std::fmt;
use std::time::{Duration, SystemTime};

use payments_core::ErrorMeta;
use payments_core::http::{Headers, HttpResponse, TransportError};
use payments_core::redact::{Redacted, SNIPPET_CHARS, snippet};
use serde_json::Value;

/// Message used when an error response names no reason.
pub const UNKNOWN_ERROR: &str = "Unknown error";

/// Every failure of the SDK (Python `NoPaynError` and its subclasses).
///
/// `Display` ends with ` (after N attempts)` when the call was retried.
#[doc(alias = "NoPaynError")]
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a non-2xx status (Python `ApiError`).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// A webhook body could not be used (Python `WebhookError`).
    #[error(transparent)]
    Webhook(#[from] WebhookError),
    /// No usable HTTP response was received (Python: `NoPaynError("Network error: …")`):
    /// a connection failure, a timeout, a body over the size limit, or a redirect (never
    /// followed; the error names its status and `Location`).
    ///
    /// Check [`TransportError::request_may_have_been_sent`] before retrying a
    /// state-changing call.
    #[error("Network error: {0}")]
    Network(#[source] TransportError),
    /// A 2xx response whose body is not JSON.
    #[error("Invalid JSON response: {body}{}", After(*.attempts))]
    InvalidJson {
        /// HTTP status of the response.
        status: u16,
        /// The first 200 characters of the body, card data and secrets masked.
        body: String,
        /// The response headers.
        headers: Headers,
        /// Attempts the call took.
        attempts: u32,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
    /// A 2xx JSON response that does not have the expected shape (for example an
    /// order without an `id`). The call itself succeeded on the server.
    #[error("Unexpected response (HTTP {status}): {message}{}", After(*.attempts))]
    UnexpectedResponse {
        /// HTTP status of the response.
        status: u16,
        /// What did not match (values quoted from the body are masked).
        message: String,
        /// The first 200 characters of the body, card data and secrets masked.
        body: String,
        /// The response headers.
        headers: Headers,
        /// Attempts the call took.
        attempts: u32,
        /// The decoding error, when there is one.
        #[source]
        source: Option<serde_json::Error>,
    },
    /// The client configuration is invalid (missing API key, bad base URL, …).
    #[error("{0}")]
    Config(String),
    /// A request argument was rejected before anything was sent.
    #[error("Invalid request: {0}")]
    InvalidRequest(String),
}

/// ` (after N attempts)` when a call took more than one attempt, else nothing.
struct After(u32);

impl fmt::Display for After {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 > 1 {
            write!(f, " (after {} attempts)", self.0)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    /// Like a derived `Debug`, with the messages of serde errors masked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => f.debug_tuple("Api").field(e).finish(),
            Error::Webhook(e) => f.debug_tuple("Webhook").field(e).finish(),
            Error::Network(e) => f.debug_tuple("Network").field(e).finish(),
            Error::InvalidJson {
                status,
                body,
                headers,
                attempts,
                source,
            } => f
                .debug_struct("InvalidJson")
                .field("status", status)
                .field("body", body)
                .field("headers", headers)
                .field("attempts", attempts)
                .field("source", &Redacted(source))
                .finish(),
            Error::UnexpectedResponse {
                status,
                message,
                body,
                headers,
                attempts,
                source,
            } => f
                .debug_struct("UnexpectedResponse")
                .field("status", status)
                .field("message", message)
                .field("body", body)
                .field("headers", headers)
                .field("attempts", attempts)
                .field("source", &source.as_ref().map(Redacted))
                .finish(),
            Error::Config(m) => f.debug_tuple("Config").field(m).finish(),
            Error::InvalidRequest(m) => f.debug_tuple("InvalidRequest").field(m).finish(),
        }
    }
}

impl Error {
    /// The HTTP status of the response behind this error, if a response was received
    /// (for a redirect that was not followed, its 3xx).
    pub fn status_code(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status_code),
            Error::InvalidJson { status, .. } | Error::UnexpectedResponse { status, .. } => {
                Some(*status)
            }
            Error::Network(e) => e.status(),
            _ => None,
        }
    }

    /// True when the server may have received the request, so a retry of a
    /// state-changing call (refund, capture, void, create order) could act twice.
    pub fn request_may_have_been_sent(&self) -> bool {
        match self {
            Error::Network(e) => e.request_may_have_been_sent(),
            Error::Api(_) | Error::InvalidJson { .. } | Error::UnexpectedResponse { .. } => true,
            _ => false,
        }
    }

    /// True when no answer came in time (a connect or total timeout).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Network(e) if e.is_timeout())
    }

    /// The headers of the response behind the error (`Retry-After`, request ids).
    pub fn response_headers(&self) -> Option<&Headers> {
        match self {
            Error::Api(e) => Some(&e.headers),
            Error::InvalidJson { headers, .. } | Error::UnexpectedResponse { headers, .. } => {
                Some(headers)
            }
            _ => None,
        }
    }

    /// How long the API asked to wait before trying again (`Retry-After`), for an API
    /// error that says so.
    pub fn retry_after(&self) -> Option<Duration> {
        self.as_api_error().and_then(ApiError::retry_after)
    }

    /// The API error, if this is one.
    pub fn as_api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e.as_ref()),
            _ => None,
        }
    }

    /// Records the attempts a call took (the transport error carries its own).
    pub(crate) fn with_attempts(mut self, n: u32) -> Self {
        match &mut self {
            Error::Api(e) => e.attempts = n,
            Error::InvalidJson { attempts, .. } | Error::UnexpectedResponse { attempts, .. } => {
                *attempts = n;
            }
            _ => {}
        }
        self
    }

    /// A 2xx answer that does not say what was expected.
    pub(crate) fn unexpected(response: &HttpResponse, message: impl Into<String>) -> Self {
        Error::UnexpectedResponse {
            status: response.status,
            message: message.into(),
            body: snippet(&response.body, SNIPPET_CHARS),
            headers: response.headers.clone(),
            attempts: 1,
            source: None,
        }
    }

    /// A 2xx body that does not decode as `what`.
    pub(crate) fn undecodable(
        response: &HttpResponse,
        what: &str,
        source: serde_json::Error,
    ) -> Self {
        let message = format!("invalid {what}: {source}");
        let mut e = Self::unexpected(response, snippet(message.as_bytes(), SNIPPET_CHARS));
        if let Error::UnexpectedResponse { source: slot, .. } = &mut e {
            *slot = Some(source);
        }
        e
    }

    /// A 2xx body that is not JSON.
    pub(crate) fn invalid_json(response: &HttpResponse, source: serde_json::Error) -> Self {
        Error::InvalidJson {
            status: response.status,
            body: snippet(&response.body, SNIPPET_CHARS),
            headers: response.headers.clone(),
            attempts: 1,
            source,
        }
    }
}

// Every provider crate's error implements `ErrorMeta` with the same delegations to its
// inherent methods (kept for callers that do not import the trait); what differs is which
// of its own variants carry a status, headers and attempts.
impl ErrorMeta for Error {
    fn status_code(&self) -> Option<u16> {
        Error::status_code(self)
    }

    fn request_may_have_been_sent(&self) -> bool {
        Error::request_may_have_been_sent(self)
    }

    fn is_timeout(&self) -> bool {
        Error::is_timeout(self)
    }

    /// `429`, `502`, `503` and `504` answers, and transient transport failures.
    fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => payments_core::is_retryable_status(e.status_code),
            Error::Network(e) => e.is_transient(),
            _ => false,
        }
    }

    fn response_headers(&self) -> Option<&Headers> {
        Error::response_headers(self)
    }

    fn attempts(&self) -> u32 {
        match self {
            Error::Api(e) => e.attempts,
            Error::Network(e) => e.attempts(),
            Error::InvalidJson { attempts, .. } | Error::UnexpectedResponse { attempts, .. } => {
                *attempts
            }
            _ => 1,
        }
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Error::Network(e)
    }
}

/// A non-2xx answer of the API (Python `ApiError`).
///
/// `Display`: `NoPayn API error (HTTP {status_code}): {message}`, the message cut to 200
/// characters with card data and secrets masked, then ` (after N attempts)` when the
/// call was retried. `Debug` shows a masked snippet of the body, never the body itself;
/// the fields keep everything as received.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code (400, 401, 404, 500, …).
    pub status_code: u16,
    /// The reason: `error.value`, else `error.message`, else `detail`, else
    /// `"Unknown error"`.
    pub message: String,
    /// The response body parsed as JSON; `None` when it is empty or not JSON (an
    /// HTML error page of a proxy, for example).
    pub error_body: Option<Value>,
    /// The response body as text (lossy UTF-8).
    pub raw_body: String,
    /// The response headers (`Retry-After`, request ids, …).
    pub headers: Headers,
    /// Attempts the call took (more than 1 when a read was retried).
    pub attempts: u32,
}

impl ApiError {
    /// Builds the error of a non-2xx response from its status and body (no headers).
    pub fn from_response(status_code: u16, body: &[u8]) -> Self {
        let error_body = if body.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            serde_json::from_slice::<Value>(body).ok()
        };
        let message = error_body
            .as_ref()
            .and_then(extract_message)
            .unwrap_or_else(|| UNKNOWN_ERROR.to_owned());
        ApiError {
            status_code,
            message,
            error_body,
            raw_body: String::from_utf8_lossy(body).into_owned(),
            headers: Headers::new(),
            attempts: 1,
        }
    }

    /// Builds the error of a non-2xx response, keeping its headers.
    pub fn from_http_response(response: &HttpResponse) -> Self {
        ApiError {
            headers: response.headers.clone(),
            ..Self::from_response(response.status, &response.body)
        }
    }

    /// The `Retry-After` header as a wait: delay-seconds, or an HTTP date (a date in
    /// the past is no wait). `None` without the header or when it cannot be read.
    pub fn retry_after(&self) -> Option<Duration> {
        payments_core::runtime::retry_after(&self.headers, SystemTime::now())
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "NoPayn API error (HTTP {}): {}{}",
            self.status_code,
            snippet(self.message.as_bytes(), SNIPPET_CHARS),
            After(self.attempts)
        )
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status_code", &self.status_code)
            .field("message", &snippet(self.message.as_bytes(), SNIPPET_CHARS))
            .field("body", &snippet(self.raw_body.as_bytes(), SNIPPET_CHARS))
            .field("headers", &self.headers)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

impl std::error::Error for ApiError {}

/// `error.value` → `error.message` → `detail`; a null, empty or missing entry falls
/// through to the next one. Non-string values are shown as compact JSON.
fn extract_message(body: &Value) -> Option<String> {
    let error = body.get("error");
    [
        error.and_then(|e| e.get("value")),
        error.and_then(|e| e.get("message")),
        body.get("detail"),
    ]
    .into_iter()
    .flatten()
    .find_map(message_text)
}

fn message_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.trim().is_empty() {
        None
    } else {
        Some(text)
    }
}

/// A webhook body that cannot be used (Python `WebhookError`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The body is not JSON, or not a JSON object.
    #[error("Invalid JSON in webhook body")]
    InvalidJson,
    /// `order_id` is absent, not a string, or empty.
    #[error("Missing order_id in webhook payload")]
    MissingOrderId,
}

#[cfg(test)]
mod tests {
    use super::*;
    use payments_core::http::TransportErrorKind;

    #[test]
    fn message_precedence() {
        let cases: &[(&str, &str)] = &[
            (
                r#"{"error":{"value":"Invalid amount","message":"m"},"detail":"d"}"#,
                "Invalid amount",
            ),
            (
                r#"{"error":{"message":"Unauthorized"},"detail":"d"}"#,
                "Unauthorized",
            ),
            (r#"{"error":{"value":null,"message":"m"}}"#, "m"),
            (
                r#"{"error":{"value":""},"detail":"Not found"}"#,
                "Not found",
            ),
            (r#"{"detail":"Not found"}"#, "Not found"),
            (
                r#"{"detail":[{"msg":"field required"}]}"#,
                r#"[{"msg":"field required"}]"#,
            ),
            (r#"{"error":{"value":42}}"#, "42"),
            (r#"{"error":"flat string"}"#, UNKNOWN_ERROR),
            (r#"{}"#, UNKNOWN_ERROR),
            (r#"[1,2]"#, UNKNOWN_ERROR),
            ("", UNKNOWN_ERROR),
            ("<html>Bad Gateway</html>", UNKNOWN_ERROR),
        ];
        for (body, want) in cases {
            let e = ApiError::from_response(400, body.as_bytes());
            assert_eq!(e.message, *want, "{body}");
            assert_eq!(e.raw_body, *body);
        }
    }

    #[test]
    fn display_and_helpers() {
        let e = Error::from(ApiError::from_response(
            401,
            br#"{"error":{"message":"Unauthorized"}}"#,
        ));
        assert_eq!(e.to_string(), "NoPayn API error (HTTP 401): Unauthorized");
        assert_eq!(e.status_code(), Some(401));
        assert!(e.request_may_have_been_sent());
        assert!(e.as_api_error().is_some());

        let net = Error::from(TransportError::new(TransportErrorKind::Connect, "refused"));
        assert_eq!(net.to_string(), "Network error: connect error: refused");
        assert!(!net.request_may_have_been_sent());
        assert!(std::error::Error::source(&net).is_some());
        assert_eq!(net.status_code(), None);

        assert_eq!(
            Error::from(WebhookError::MissingOrderId).to_string(),
            "Missing order_id in webhook payload"
        );
        assert_eq!(
            Error::from(WebhookError::InvalidJson).to_string(),
            "Invalid JSON in webhook body"
        );
        assert!(!Error::Config("x".into()).request_may_have_been_sent());
        assert!(!net.is_timeout() && !e.is_timeout());
        let timeout = Error::from(TransportError::new(TransportErrorKind::Timeout, "30 s"));
        assert!(timeout.is_timeout() && timeout.request_may_have_been_sent());
    }

    fn with_retry_after(value: &str) -> ApiError {
        let response = HttpResponse::new(429, "{}")
            .with_header("Retry-After", value)
            .with_header("X-Request-Id", "req-1");
        ApiError::from_http_response(&response)
    }

    #[test]
    fn headers_and_retry_after() {
        let e = with_retry_after("120");
        assert_eq!(e.headers.get("x-request-id"), Some("req-1"));
        assert_eq!(e.retry_after(), Some(Duration::from_secs(120)));
        assert_eq!(with_retry_after(" 0 ").retry_after(), Some(Duration::ZERO));
        let past = with_retry_after("Wed, 21 Oct 2015 07:28:00 GMT");
        assert_eq!(past.retry_after(), Some(Duration::ZERO));
        let future = with_retry_after("Fri, 01 Jan 2100 00:00:00 GMT").retry_after();
        assert!(future.is_some_and(|d| d > Duration::from_secs(3600 * 24 * 365)));
        for bad in ["soon", "-5", "1.5", ""] {
            assert_eq!(with_retry_after(bad).retry_after(), None, "{bad:?}");
        }
        assert_eq!(ApiError::from_response(503, b"").retry_after(), None);
        let err = Error::from(with_retry_after("7"));
        assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
        assert_eq!(
            err.response_headers().and_then(|h| h.get("X-Request-Id")),
            Some("req-1")
        );
        assert_eq!(Error::Config("x".into()).response_headers(), None);
    }

    #[test]
    fn text_never_shows_card_data() {
        let body = br#"{"error":{"value":"Card 4111111111111111 declined"},"card":{"number":"4111111111111111","cvv":"123","holder":"Jane Cardholder"}}"#;
        let e = Error::from(ApiError::from_response(402, body));
        let text = format!("{e} {e:?} {e:#?}");
        assert!(text.contains("************1111"), "{text}");
        for secret in ["4111111111111111", "\"123\"", "Jane Cardholder"] {
            assert!(!text.contains(secret), "{secret}: {text}");
        }
        assert_eq!(e.as_api_error().unwrap().raw_body.as_bytes(), body);
    }
}
