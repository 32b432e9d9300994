//! One attempt of a call, as the runtime of `payments-core` sends it: the transport the
//! runtime is given for a call wraps the communicator's transport and, around each
//! attempt, signs and logs it.
//!
//! The first attempt is sent exactly as prepared. A retried attempt (a read, or a write
//! with an `X-GCS-Idempotence-Key`) keeps every header, the idempotence key included,
//! but gets a fresh `Date` and the v1HMAC `Authorization` computed over it: the
//! signature covers `Date`, so the retried request is as valid as the first one however
//! long the retries took. Each attempt is logged as a request and a response (or error)
//! of its own, with its own request id.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Instant;

use async_trait::async_trait;
use chrono::Utc;
use payments_core::http::{HttpRequest, HttpResponse, Transport, TransportError};

use super::dates::format_date_time;
use super::logging::LogSettings;
use crate::authentication::Authenticator;
use crate::communication::RequestHeader;

/// The transport of one call; see the module docs. `T` is the communicator's transport.
pub(crate) struct AttemptSender<T: ?Sized> {
    transport: Arc<T>,
    authenticator: Arc<dyn Authenticator>,
    log: Arc<LogSettings>,
    /// The request body as logged (before compression); kept only while logging.
    logged_body: Option<String>,
    attempts: AtomicU32,
}

/// An attempt under way: its request id in the log and when it started.
struct Attempt {
    request_id: String,
    started: Instant,
}

impl<T: ?Sized> AttemptSender<T> {
    pub(crate) fn new(
        transport: Arc<T>,
        authenticator: Arc<dyn Authenticator>,
        log: Arc<LogSettings>,
        logged_body: Option<String>,
    ) -> Self {
        Self {
            transport,
            authenticator,
            log,
            logged_body,
            attempts: AtomicU32::new(0),
        }
    }

    /// Before an attempt: re-signs a retried request, then logs it.
    fn begin(&self, request: &mut HttpRequest) -> Result<Attempt, TransportError> {
        let attempt = self.attempts.fetch_add(1, Ordering::Relaxed) + 1;
        if attempt > 1 {
            self.re_sign(request)?;
        }
        // The request id only appears in the log.
        let request_id = if self.log.logger.is_some() {
            uuid::Uuid::new_v4().to_string()
        } else {
            String::new()
        };
        self.log
            .request(&request_id, request, self.logged_body.as_deref());
        Ok(Attempt {
            request_id,
            started: Instant::now(),
        })
    }

    /// After an attempt: logs its response or error.
    fn end(&self, attempt: &Attempt, result: &Result<HttpResponse, TransportError>) {
        let elapsed = attempt.started.elapsed();
        match result {
            Ok(response) => self.log.response(&attempt.request_id, response, elapsed),
            Err(error) => self.log.error(&attempt.request_id, error, elapsed),
        }
    }

    /// A fresh `Date` in place and the `Authorization` (always the last header) computed
    /// over the headers as they now are.
    fn re_sign(&self, request: &mut HttpRequest) -> Result<(), TransportError> {
        let date = format_date_time(Utc::now());
        let headers: Vec<RequestHeader> = request
            .headers
            .iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case("Authorization"))
            .map(|(name, value)| {
                let value = if name.eq_ignore_ascii_case("Date") {
                    date.as_str()
                } else {
                    value
                };
                RequestHeader::new(name, value)
            })
            .collect();
        let authorization = self
            .authenticator
            .get_authorization(request.method.as_str(), &request.url, &headers)
            .map_err(|e| {
                // an earlier attempt may have reached the platform
                TransportError::new(
                    payments_core::http::TransportErrorKind::InvalidRequest,
                    format!("the retried request could not be signed: {e}"),
                )
                .with_may_have_been_sent(true)
            })?;
        request.headers = headers
            .iter()
            .map(|h| (h.name(), h.value()))
            .chain(std::iter::once(("Authorization", authorization.as_str())))
            .collect();
        Ok(())
    }
}

#[async_trait]
impl Transport for AttemptSender<dyn Transport> {
    async fn send(&self, mut request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let attempt = self.begin(&mut request)?;
        let result = self.transport.send(request).await;
        self.end(&attempt, &result);
        result
    }
}

#[cfg(feature = "blocking")]
impl payments_core::http::blocking::BlockingTransport
    for AttemptSender<dyn payments_core::http::blocking::BlockingTransport>
{
    fn send(&self, mut request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let attempt = self.begin(&mut request)?;
        let result = self.transport.send(request);
        self.end(&attempt, &result);
        result
    }
}

#[cfg(test)]
mod tests {
    use payments_core::http::Method;

    use super::*;
    use crate::authentication::V1HmacAuthenticator;

    const OLD_DATE: &str = "Mon, 01 Jan 2024 00:00:00 GMT";

    fn sender() -> (AttemptSender<dyn Transport>, Arc<V1HmacAuthenticator>) {
        let authenticator =
            Arc::new(V1HmacAuthenticator::new("KEY", "c2VjcmV0".to_owned().into()).unwrap());
        let transport: Arc<dyn Transport> =
            Arc::new(payments_core::http::test_util::ReplayTransport::new());
        let sender = AttemptSender::new(
            transport,
            authenticator.clone(),
            Arc::new(LogSettings::default()),
            None,
        );
        (sender, authenticator)
    }

    fn signed(authenticator: &V1HmacAuthenticator, request: &HttpRequest) -> String {
        let headers: Vec<RequestHeader> = request
            .headers
            .iter()
            .filter(|(n, _)| *n != "Authorization")
            .map(|(n, v)| RequestHeader::new(n, v))
            .collect();
        authenticator
            .get_authorization(request.method.as_str(), &request.url, &headers)
            .unwrap()
    }

    #[test]
    fn a_retried_attempt_is_re_dated_and_re_signed() {
        let (sender, authenticator) = sender();
        let mut request = HttpRequest::new(Method::Post, "https://h.example/v2/M/payments?a=1")
            .header("Content-Type", "application/json")
            .header("Date", OLD_DATE)
            .header("X-GCS-Idempotence-Key", "key-1");
        let first = signed(&authenticator, &request);
        request.headers.append("Authorization", first.clone());
        let original = request.clone();

        sender.begin(&mut request).unwrap();
        assert_eq!(request, original, "the first attempt is sent as prepared");

        sender.begin(&mut request).unwrap();
        let names: Vec<&str> = request.headers.iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "Content-Type",
                "Date",
                "X-GCS-Idempotence-Key",
                "Authorization"
            ]
        );
        let date = request.headers.get("Date").unwrap();
        assert_ne!(date, OLD_DATE);
        let sent = chrono::DateTime::parse_from_rfc2822(date).unwrap();
        let age = Utc::now().signed_duration_since(sent);
        assert!(age < chrono::Duration::seconds(5), "{date}");
        assert_eq!(request.headers.get("X-GCS-Idempotence-Key"), Some("key-1"));
        let authorization = request.headers.get("Authorization").unwrap();
        assert_ne!(authorization, first);
        assert_eq!(authorization, signed(&authenticator, &request));
        assert_eq!(
            (request.method, &request.url),
            (original.method, &original.url)
        );
    }
}
