//! Errors of the EPoint client and of callback decoding.
//!
//! No `Display` or `Debug` output shows a response or callback body as received: card
//! numbers, CVVs, cardholder names, tokens and other secrets are masked first
//! ([`payments_core::redact`]). Errors built from a response keep its status, headers
//! and the number of attempts the call took; [`ErrorMeta`] reads them the same way for
//! every provider.

use std::fmt;

use payments_core::ErrorMeta;
use payments_core::http::{Headers, HttpResponse, TransportError};
use payments_core::redact::{Redacted, SNIPPET_CHARS, snippet};

/// Everything that can go wrong calling EPoint.
///
/// EPoint answers `200` even when it refuses an operation; such answers are not errors
/// but an [`crate::ApiResponse`] whose `ok` is false. A non-2xx answer with an EPoint
/// body is an `ApiResponse` too; one without (a proxy's 502 page, a 429) is
/// [`Error::HttpStatus`]. `Display` ends with ` (after N attempts)` when the call was
/// retried.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A required environment variable is missing or empty ([`crate::Config::from_env`]).
    #[error("environment variable {name} is missing or empty")]
    MissingEnv {
        /// The variable's name.
        name: &'static str,
    },
    /// The configuration cannot be used (empty key, base URL that is not http(s)).
    #[error("invalid EPoint configuration: {0}")]
    InvalidConfig(String),
    /// No usable HTTP response was received: a connection failure, a timeout, a body
    /// over the size limit, or a redirect (never followed; the error names its status
    /// and `Location`).
    #[error("EPoint request failed: {0}")]
    Transport(#[from] TransportError),
    /// A 2xx response with an empty body.
    #[error("EPoint answered HTTP {status_code} with an empty body{}", After(*.attempts))]
    EmptyResponse {
        /// HTTP status.
        status_code: u16,
        /// The response headers.
        headers: Headers,
        /// Attempts the call took.
        attempts: u32,
    },
    /// A 2xx response whose body is not JSON.
    #[error(
        "EPoint answered HTTP {status_code} with a body that is not JSON: {snippet:?}{}",
        After(*.attempts)
    )]
    InvalidJson {
        /// HTTP status.
        status_code: u16,
        /// The start of the body, card data and secrets masked.
        snippet: String,
        /// The response headers.
        headers: Headers,
        /// Attempts the call took.
        attempts: u32,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
    /// A 2xx JSON response that does not match the endpoint's schema (a required field
    /// is missing or has the wrong type); the official SDK raises a validation error here.
    #[doc(alias = "ValidationError")]
    #[error(
        "EPoint answered HTTP {status_code} with an unexpected body ({}): {snippet:?}{}",
        Redacted(.source),
        After(*.attempts)
    )]
    UnexpectedResponse {
        /// HTTP status.
        status_code: u16,
        /// The start of the body, card data and secrets masked.
        snippet: String,
        /// The response headers.
        headers: Headers,
        /// Attempts the call took.
        attempts: u32,
        /// What did not match.
        #[source]
        source: serde_json::Error,
    },
    /// A non-2xx response whose body is not an EPoint answer: empty, not JSON, or JSON
    /// of another shape (a gateway's error page, a rate limit, a server error).
    #[error("EPoint answered HTTP {status_code}: {snippet:?}{}", After(*.attempts))]
    HttpStatus {
        /// HTTP status.
        status_code: u16,
        /// The response headers (`Retry-After`, request ids, …).
        headers: Headers,
        /// The start of the body, card data and secrets masked.
        snippet: String,
        /// Attempts the call took (more than 1 when `get_transaction_status` was
        /// retried).
        attempts: u32,
    },
    /// A callback could not be verified or decoded.
    #[error(transparent)]
    Callback(#[from] CallbackError),
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
            Error::MissingEnv { name } => f.debug_struct("MissingEnv").field("name", name).finish(),
            Error::InvalidConfig(m) => f.debug_tuple("InvalidConfig").field(m).finish(),
            Error::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
            Error::EmptyResponse {
                status_code,
                headers,
                attempts,
            } => f
                .debug_struct("EmptyResponse")
                .field("status_code", status_code)
                .field("headers", headers)
                .field("attempts", attempts)
                .finish(),
            Error::InvalidJson {
                status_code,
                snippet,
                headers,
                attempts,
                source,
            }
            | Error::UnexpectedResponse {
                status_code,
                snippet,
                headers,
                attempts,
                source,
            } => f
                .debug_struct(match self {
                    Error::InvalidJson { .. } => "InvalidJson",
                    _ => "UnexpectedResponse",
                })
                .field("status_code", status_code)
                .field("snippet", snippet)
                .field("headers", headers)
                .field("attempts", attempts)
                .field("source", &Redacted(source))
                .finish(),
            Error::HttpStatus {
                status_code,
                headers,
                snippet,
                attempts,
            } => f
                .debug_struct("HttpStatus")
                .field("status_code", status_code)
                .field("headers", headers)
                .field("snippet", snippet)
                .field("attempts", attempts)
                .finish(),
            Error::Callback(e) => f.debug_tuple("Callback").field(e).finish(),
        }
    }
}

impl Error {
    /// The HTTP status of the response behind this error, if a response was received
    /// (for a redirect that was not followed, its 3xx).
    pub fn status_code(&self) -> Option<u16> {
        match self {
            Error::EmptyResponse { status_code, .. }
            | Error::InvalidJson { status_code, .. }
            | Error::UnexpectedResponse { status_code, .. }
            | Error::HttpStatus { status_code, .. } => Some(*status_code),
            Error::Transport(e) => e.status(),
            _ => None,
        }
    }

    /// True when EPoint may have received the request, so repeating a payment, payout
    /// or refund could act twice. False for errors raised before sending (configuration)
    /// and for transport failures that certainly happened before the request left.
    pub fn request_may_have_been_sent(&self) -> bool {
        match self {
            Error::Transport(e) => e.request_may_have_been_sent(),
            Error::EmptyResponse { .. }
            | Error::InvalidJson { .. }
            | Error::UnexpectedResponse { .. }
            | Error::HttpStatus { .. } => true,
            _ => false,
        }
    }

    /// True when no answer came in time (a connect or total timeout).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(e) if e.is_timeout())
    }

    /// The headers of the response behind the error (`Retry-After`, request ids).
    pub fn response_headers(&self) -> Option<&Headers> {
        match self {
            Error::EmptyResponse { headers, .. }
            | Error::InvalidJson { headers, .. }
            | Error::UnexpectedResponse { headers, .. }
            | Error::HttpStatus { headers, .. } => Some(headers),
            _ => None,
        }
    }

    /// The attempts field of an error built from a response.
    fn attempts_mut(&mut self) -> Option<&mut u32> {
        match self {
            Error::EmptyResponse { attempts, .. }
            | Error::InvalidJson { attempts, .. }
            | Error::UnexpectedResponse { attempts, .. }
            | Error::HttpStatus { attempts, .. } => Some(attempts),
            _ => None,
        }
    }

    /// Records the attempts a call took (a transport error carries its own).
    pub(crate) fn with_attempts(mut self, n: u32) -> Self {
        if let Some(attempts) = self.attempts_mut() {
            *attempts = n;
        }
        self
    }

    /// A non-2xx answer that is not EPoint's.
    pub(crate) fn http_status(response: &HttpResponse) -> Self {
        Error::HttpStatus {
            status_code: response.status,
            headers: response.headers.clone(),
            snippet: snippet(&response.body, SNIPPET_CHARS),
            attempts: 1,
        }
    }

    /// A 2xx answer with an empty body.
    pub(crate) fn empty_response(response: &HttpResponse) -> Self {
        Error::EmptyResponse {
            status_code: response.status,
            headers: response.headers.clone(),
            attempts: 1,
        }
    }

    /// A body that is not JSON.
    pub(crate) fn invalid_json(response: &HttpResponse, source: serde_json::Error) -> Self {
        Error::InvalidJson {
            status_code: response.status,
            snippet: snippet(&response.body, SNIPPET_CHARS),
            headers: response.headers.clone(),
            attempts: 1,
            source,
        }
    }

    /// JSON that does not fit the endpoint's schema.
    pub(crate) fn unexpected_response(response: &HttpResponse, source: serde_json::Error) -> Self {
        Error::UnexpectedResponse {
            status_code: response.status,
            snippet: snippet(&response.body, SNIPPET_CHARS),
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
            Error::HttpStatus { status_code, .. } => {
                payments_core::is_retryable_status(*status_code)
            }
            Error::Transport(e) => e.is_transient(),
            _ => false,
        }
    }

    fn response_headers(&self) -> Option<&Headers> {
        Error::response_headers(self)
    }

    fn attempts(&self) -> u32 {
        match self {
            Error::Transport(e) => e.attempts(),
            Error::EmptyResponse { attempts, .. }
            | Error::InvalidJson { attempts, .. }
            | Error::UnexpectedResponse { attempts, .. }
            | Error::HttpStatus { attempts, .. } => *attempts,
            _ => 1,
        }
    }
}

/// Why a callback was rejected.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum CallbackError {
    /// The body is not UTF-8 text.
    #[error("callback body is not UTF-8")]
    NotUtf8(#[source] std::str::Utf8Error),
    /// The form has no (non-empty) `data` or `signature` field.
    #[error("callback has no {0} field")]
    MissingField(&'static str),
    /// The signature does not match `data` (the official SDK returns `None` here).
    #[error("callback signature does not match its data")]
    InvalidSignature,
    /// `data` is not base64.
    #[error("callback data is not base64: {0}")]
    InvalidBase64(String),
    /// The decoded `data` is not JSON.
    #[error("callback data is not JSON: {}", Redacted(.0))]
    InvalidJson(#[source] serde_json::Error),
    /// The decoded JSON does not match the callback schema (for example no `status`).
    #[error("callback data has an unexpected shape: {}", Redacted(.0))]
    InvalidData(#[source] serde_json::Error),
}

impl fmt::Debug for CallbackError {
    /// Like a derived `Debug`, with the messages of serde errors masked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallbackError::NotUtf8(e) => f.debug_tuple("NotUtf8").field(e).finish(),
            CallbackError::MissingField(name) => f.debug_tuple("MissingField").field(name).finish(),
            CallbackError::InvalidSignature => f.write_str("InvalidSignature"),
            CallbackError::InvalidBase64(m) => f.debug_tuple("InvalidBase64").field(m).finish(),
            CallbackError::InvalidJson(e) => {
                f.debug_tuple("InvalidJson").field(&Redacted(e)).finish()
            }
            CallbackError::InvalidData(e) => {
                f.debug_tuple("InvalidData").field(&Redacted(e)).finish()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use payments_core::http::TransportErrorKind;

    #[test]
    fn vocabulary() {
        let http = Error::HttpStatus {
            status_code: 429,
            headers: [("Retry-After", "2")].into_iter().collect(),
            snippet: String::new(),
            attempts: 1,
        };
        assert_eq!(http.status_code(), Some(429));
        assert!(http.request_may_have_been_sent() && !http.is_timeout());
        assert_eq!(
            http.response_headers().and_then(|h| h.get("retry-after")),
            Some("2")
        );
        assert_eq!(http.to_string(), "EPoint answered HTTP 429: \"\"");

        let empty = Error::empty_response(&HttpResponse::new(200, ""));
        assert_eq!(empty.status_code(), Some(200));
        assert!(empty.request_may_have_been_sent());
        assert_eq!(empty.response_headers(), Some(&Headers::new()));

        let timeout = Error::from(TransportError::new(TransportErrorKind::Timeout, "10 s"));
        assert!(timeout.is_timeout() && timeout.request_may_have_been_sent());
        assert_eq!(timeout.status_code(), None);
        let refused = Error::from(TransportError::new(TransportErrorKind::Connect, "refused"));
        assert!(!refused.is_timeout() && !refused.request_may_have_been_sent());

        for before_sending in [
            Error::InvalidConfig("x".into()),
            Error::MissingEnv {
                name: "EPOINT_PUBLIC_KEY",
            },
            Error::Callback(CallbackError::InvalidSignature),
        ] {
            assert!(!before_sending.request_may_have_been_sent());
            assert_eq!(before_sending.status_code(), None);
        }
    }
}
