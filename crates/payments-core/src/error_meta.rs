//! [`ErrorMeta`]: one vocabulary for the errors of every provider crate.

use std::time::{Duration, SystemTime};

use crate::http::{Headers, TransportError, TransportErrorKind};

/// What a caller needs to know about any SDK error, whatever the provider: implemented by
/// the error type of every provider crate beside its own (Python-named) variants.
///
/// ```
/// use payments_core::ErrorMeta;
/// use payments_core::http::{TransportError, TransportErrorKind};
///
/// fn log_failure(e: &impl ErrorMeta) -> String {
///     format!(
///         "status={:?} sent={} timeout={} retryable={} attempts={}",
///         e.status_code(),
///         e.request_may_have_been_sent(),
///         e.is_timeout(),
///         e.is_retryable(),
///         e.attempts()
///     )
/// }
/// let e = TransportError::new(TransportErrorKind::Connect, "refused");
/// assert_eq!(log_failure(&e), "status=None sent=false timeout=false retryable=true attempts=1");
/// ```
pub trait ErrorMeta {
    /// The HTTP status of the response behind the error, if one was received.
    fn status_code(&self) -> Option<u16>;

    /// False only when the request certainly did not reach the provider, so re-sending it
    /// cannot act twice.
    fn request_may_have_been_sent(&self) -> bool;

    /// True when a timeout ended the call.
    fn is_timeout(&self) -> bool;

    /// True when the failure is transient, so the same call may succeed later: `429`,
    /// `502`, `503`, `504`, timeouts, connection failures and resets. The SDK has already
    /// retried what it safely could; before re-sending a payment yourself, check
    /// [`request_may_have_been_sent`](Self::request_may_have_been_sent) or use an
    /// idempotency key.
    fn is_retryable(&self) -> bool;

    /// The headers of the response behind the error, if one was received.
    fn response_headers(&self) -> Option<&Headers> {
        None
    }

    /// The wait the provider asked for in `Retry-After`, if any.
    fn retry_after(&self) -> Option<Duration> {
        self.response_headers()
            .and_then(|h| crate::runtime::retry_after(h, SystemTime::now()))
    }

    /// How many times the request was sent or tried (1 without retries).
    fn attempts(&self) -> u32 {
        1
    }
}

/// True for the statuses [`ErrorMeta::is_retryable`] counts as transient.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

impl ErrorMeta for TransportError {
    fn status_code(&self) -> Option<u16> {
        self.status()
    }

    fn request_may_have_been_sent(&self) -> bool {
        TransportError::request_may_have_been_sent(self)
    }

    fn is_timeout(&self) -> bool {
        self.kind() == TransportErrorKind::Timeout
    }

    fn is_retryable(&self) -> bool {
        self.is_transient()
    }

    fn attempts(&self) -> u32 {
        TransportError::attempts(self)
    }
}
