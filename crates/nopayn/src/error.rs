//! Errors (Python `NoPaynError`, `ApiError`, `WebhookError`).

use std::fmt;

use payments_core::http::TransportError;
use serde_json::Value;

/// Message used when an error response names no reason.
pub const UNKNOWN_ERROR: &str = "Unknown error";

/// Every failure of the SDK (Python `NoPaynError` and its subclasses).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a non-2xx status (Python `ApiError`).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// A webhook body could not be used (Python `WebhookError`).
    #[error(transparent)]
    Webhook(#[from] WebhookError),
    /// No HTTP response was received (Python: `NoPaynError("Network error: …")`).
    ///
    /// Check [`TransportError::request_may_have_been_sent`] before retrying a
    /// state-changing call.
    #[error("Network error: {0}")]
    Network(#[source] TransportError),
    /// A 2xx response whose body is not JSON. `body` holds its first 200 characters.
    #[error("Invalid JSON response: {body}")]
    InvalidJson {
        /// HTTP status of the response.
        status: u16,
        /// The first 200 characters of the body.
        body: String,
    },
    /// A 2xx JSON response that does not have the expected shape (for example an
    /// order without an `id`). The call itself succeeded on the server.
    #[error("Unexpected response (HTTP {status}): {message}")]
    UnexpectedResponse {
        /// HTTP status of the response.
        status: u16,
        /// What did not match.
        message: String,
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

impl Error {
    /// The HTTP status of the response behind this error, if a response was received.
    pub fn status_code(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status_code),
            Error::InvalidJson { status, .. } | Error::UnexpectedResponse { status, .. } => {
                Some(*status)
            }
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

    /// The API error, if this is one.
    pub fn as_api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e.as_ref()),
            _ => None,
        }
    }

    pub(crate) fn unexpected(status: u16, message: impl Into<String>) -> Self {
        Error::UnexpectedResponse {
            status,
            message: message.into(),
            source: None,
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
/// `Display`: `NoPayn API error (HTTP {status_code}): {message}`.
#[derive(Debug, Clone, PartialEq)]
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
}

impl ApiError {
    /// Builds the error of a non-2xx response from its status and body.
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
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "NoPayn API error (HTTP {}): {}",
            self.status_code, self.message
        )
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
    }
}
