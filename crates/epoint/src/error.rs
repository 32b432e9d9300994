//! Errors of the EPoint client and of callback decoding.

use payments_core::http::TransportError;

/// Everything that can go wrong calling EPoint.
///
/// EPoint answers `200` even when it refuses an operation; such answers are not errors
/// but an [`crate::ApiResponse`] whose `ok` is false.
#[derive(Debug, thiserror::Error)]
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
    /// No HTTP response was received.
    #[error("EPoint request failed: {0}")]
    Transport(#[from] TransportError),
    /// The response body is empty.
    #[error("EPoint answered HTTP {status_code} with an empty body")]
    EmptyResponse {
        /// HTTP status.
        status_code: u16,
    },
    /// The response body is not JSON (a gateway's HTML error page, for example).
    #[error("EPoint answered HTTP {status_code} with a body that is not JSON: {snippet:?}")]
    InvalidJson {
        /// HTTP status.
        status_code: u16,
        /// The start of the body.
        snippet: String,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
    /// The response is JSON but does not match the endpoint's schema (a required field is
    /// missing or has the wrong type); the official SDK raises a validation error here.
    #[error("EPoint answered HTTP {status_code} with an unexpected body ({source}): {snippet:?}")]
    UnexpectedResponse {
        /// HTTP status.
        status_code: u16,
        /// The start of the body.
        snippet: String,
        /// What did not match.
        #[source]
        source: serde_json::Error,
    },
    /// A callback could not be verified or decoded.
    #[error(transparent)]
    Callback(#[from] CallbackError),
}

/// Why a callback was rejected.
#[derive(Debug, thiserror::Error)]
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
    #[error("callback data is not JSON: {0}")]
    InvalidJson(#[source] serde_json::Error),
    /// The decoded JSON does not match the callback schema (for example no `status`).
    #[error("callback data has an unexpected shape: {0}")]
    InvalidData(#[source] serde_json::Error),
}
