//! Per-call settings and results: idempotence key, gzip, and the idempotence headers of
//! the response.

use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, FixedOffset};

/// `CallContext`: the idempotence key and gzip flag of one call, and the idempotence
/// values the platform returned (filled in by the communicator after the call, also when
/// the call fails).
///
/// Use one context per call. It can be shared by reference with an async call (the
/// response values live behind a lock).
///
/// ```
/// use onlinepayments::CallContext;
///
/// let context = CallContext::new().with_idempotence_key("your_key_for_payment");
/// assert_eq!(context.idempotence_key(), Some("your_key_for_payment"));
/// assert_eq!(context.idempotence_request_timestamp(), None);
/// ```
#[derive(Debug, Default)]
pub struct CallContext {
    idempotence_key: Option<String>,
    gzip: bool,
    response: Mutex<ResponseValues>,
}

#[derive(Debug, Default, Clone)]
struct ResponseValues {
    idempotence_request_timestamp: Option<i64>,
    idempotence_response_date_time: Option<DateTime<FixedOffset>>,
}

impl Clone for CallContext {
    fn clone(&self) -> Self {
        Self {
            idempotence_key: self.idempotence_key.clone(),
            gzip: self.gzip,
            response: Mutex::new(self.values().clone()),
        }
    }
}

impl CallContext {
    /// A context without idempotence key and without gzip.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the idempotence key, sent as `X-GCS-Idempotence-Key` (an empty key is sent too).
    pub fn with_idempotence_key(mut self, idempotence_key: impl Into<String>) -> Self {
        self.idempotence_key = Some(idempotence_key.into());
        self
    }

    /// Compresses the JSON body of a POST with gzip (`Content-Encoding: gzip`).
    pub fn with_gzip(mut self, gzip: bool) -> Self {
        self.gzip = gzip;
        self
    }

    /// The idempotence key.
    pub fn idempotence_key(&self) -> Option<&str> {
        self.idempotence_key.as_deref()
    }

    /// Whether POST bodies are compressed.
    pub fn gzip(&self) -> bool {
        self.gzip
    }

    /// `X-GCS-Idempotence-Request-Timestamp` of the last response: set when the platform
    /// has seen the idempotence key before, `None` otherwise.
    pub fn idempotence_request_timestamp(&self) -> Option<i64> {
        self.values().idempotence_request_timestamp
    }

    /// `IdempotencyResponseDatetime` of the last response.
    pub fn idempotence_response_date_time(&self) -> Option<DateTime<FixedOffset>> {
        self.values().idempotence_response_date_time
    }

    /// Sets the idempotence request timestamp (done by the communicator).
    pub fn set_idempotence_request_timestamp(&self, value: Option<i64>) {
        self.values().idempotence_request_timestamp = value;
    }

    /// Sets the idempotence response date-time (done by the communicator).
    pub fn set_idempotence_response_date_time(&self, value: Option<DateTime<FixedOffset>>) {
        self.values().idempotence_response_date_time = value;
    }

    fn values(&self) -> MutexGuard<'_, ResponseValues> {
        self.response.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
