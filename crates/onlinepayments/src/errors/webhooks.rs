//! The errors of webhook handling.

use std::fmt;

/// `SignatureValidationException`: a webhook could not be authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignatureValidationException {
    /// What went wrong, e.g. `could not find header 'X-GCS-Signature'`.
    pub message: String,
}

impl SignatureValidationException {
    /// A new exception.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for SignatureValidationException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SignatureValidationException {}

/// `SecretKeyNotAvailableException`: no secret key is known for a webhook key id.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SecretKeyNotAvailableException {
    /// The key id that was looked up.
    pub key_id: String,
    /// `could not find secret key for key id <id>` for the in-memory store.
    pub message: String,
}

impl SecretKeyNotAvailableException {
    /// A new exception.
    pub fn new(key_id: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            key_id: key_id.into(),
            message: message.into(),
        }
    }

    /// The key id that was looked up.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }
}

impl fmt::Display for SecretKeyNotAvailableException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SecretKeyNotAvailableException {}

/// `ApiVersionMismatchException`: a webhook event of an API version this SDK does not
/// support.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiVersionMismatchException {
    /// The event's `apiVersion` (`None` when the event had none).
    pub event_api_version: Option<String>,
    /// The supported version, `v1`.
    pub sdk_api_version: String,
}

impl ApiVersionMismatchException {
    /// A new exception.
    pub fn new(event_api_version: Option<String>, sdk_api_version: impl Into<String>) -> Self {
        Self {
            event_api_version,
            sdk_api_version: sdk_api_version.into(),
        }
    }
}

impl fmt::Display for ApiVersionMismatchException {
    /// Python's message (without spaces around the versions); a missing version reads
    /// `None`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "event API version{} is not compatible with SDK API version{}",
            self.event_api_version.as_deref().unwrap_or("None"),
            self.sdk_api_version
        )
    }
}

impl std::error::Error for ApiVersionMismatchException {}
