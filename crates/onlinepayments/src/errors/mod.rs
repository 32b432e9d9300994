//! The error type of the crate: one variant per exception class of the official SDK.
//!
//! Every variant is named after the Python class it mirrors (`ValidationException`,
//! `DeclinedPaymentException`, …) and wraps a struct that carries the same fields. The
//! classes that share `ApiException`'s fields (`ValidationException`,
//! `AuthorizationException`, `ReferenceException`, `PlatformException`) all wrap
//! [`ApiException`]; match on the variant to tell them apart, or use the predicates on
//! [`Error`] to treat them as one family the way `except ApiException` does in Python.
//!
//! Errors built from a response keep its status, headers (`Retry-After`, request ids)
//! and body, and the number of attempts the call took; [`ErrorMeta`] reads them the same
//! way for every provider. No `Display` or `Debug` output shows a body as received: it is
//! masked as the communicator logger masks it (see [`ERROR_BODY_CHARS`] for the bound).

mod api;
mod communication;
mod masking;
mod webhooks;

pub use api::*;
pub use communication::*;
pub use masking::ERROR_BODY_CHARS;
pub use webhooks::*;

use std::fmt;
use std::time::Duration;

use payments_core::ErrorMeta;
use payments_core::http::Headers;

type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Default message of [`ApiException`] (and of `PlatformException`).
pub const API_EXCEPTION_MESSAGE: &str = "the payment platform returned an error response";
/// Default message of `ValidationException`.
pub const VALIDATION_EXCEPTION_MESSAGE: &str =
    "the payment platform returned an incorrect request error response";
/// Default message of `AuthorizationException`.
pub const AUTHORIZATION_EXCEPTION_MESSAGE: &str =
    "the payment platform returned an authorization error response";
/// Default message of `ReferenceException`.
pub const REFERENCE_EXCEPTION_MESSAGE: &str =
    "the payment platform returned a reference error response";
/// Default message of `IdempotenceException`.
pub const IDEMPOTENCE_EXCEPTION_MESSAGE: &str =
    "the payment platform returned a duplicate request error response";
/// Default message of `ProblemDetailsException`.
pub const PROBLEM_DETAILS_EXCEPTION_MESSAGE: &str =
    "the payment platform returned a problem details error response";

/// Any failure of this crate.
///
/// The API exceptions are boxed to keep `Result`s small; fields and methods are reached
/// through the box as usual (`e.status_code`, `e.create_payment_response()`).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// `ApiException`: an error response whose status has no more specific class
    /// (401, 402, 405, 422, 429, 504, 1xx, 3xx, …).
    #[error("{0}")]
    ApiException(Box<ApiException>),
    /// `ValidationException`: status 400.
    #[error("{0}")]
    ValidationException(Box<ApiException>),
    /// `AuthorizationException`: status 403.
    #[error("{0}")]
    AuthorizationException(Box<ApiException>),
    /// `ReferenceException`: status 404, 409 or 410 with a JSON (or empty) body.
    #[error("{0}")]
    ReferenceException(Box<ApiException>),
    /// `PlatformException`: status 500, 502 or 503.
    #[error("{0}")]
    PlatformException(Box<ApiException>),
    /// `IdempotenceException`: status 409 with error code `30001002` for a request that
    /// carried an idempotence key.
    #[error("{0}")]
    IdempotenceException(Box<IdempotenceException>),
    /// `ProblemDetailsException`: an `application/problem+json` style error of
    /// `hosted_fields().get_hosted_fields_session`.
    #[error("{0}")]
    ProblemDetailsException(Box<ProblemDetailsException>),
    /// `DeclinedPaymentException`: the error response holds the created, declined payment.
    #[error("{0}")]
    DeclinedPaymentException(Box<DeclinedPaymentException>),
    /// `DeclinedPayoutException`: the error response holds the created, declined payout.
    #[error("{0}")]
    DeclinedPayoutException(Box<DeclinedPayoutException>),
    /// `DeclinedRefundException`: the error response holds the created, declined refund.
    #[error("{0}")]
    DeclinedRefundException(Box<DeclinedRefundException>),
    /// `ResponseException`: a non-2xx response with a JSON (or empty) body, before it is
    /// turned into one of the API exceptions. Only the generic [`crate::Communicator`]
    /// methods return it; the API clients map it with the exception factory.
    #[error("{0}")]
    ResponseException(ResponseException),
    /// `CommunicationException`: no response was received (see
    /// [`CommunicationException::request_may_have_been_sent`]), or an error response had a
    /// body that is not JSON.
    #[error("{0}")]
    CommunicationException(CommunicationException),
    /// `NotFoundException`: a 404 response whose body is not JSON (an unknown path).
    #[error("{0}")]
    NotFoundException(NotFoundException),
    /// `MarshallerSyntaxException`: a body could not be read as the expected JSON.
    #[error("{0}")]
    MarshallerSyntaxException(MarshallerSyntaxException),
    /// `SignatureValidationException`: a webhook's signature headers are missing,
    /// repeated or wrong.
    #[error("{0}")]
    SignatureValidationException(SignatureValidationException),
    /// `SecretKeyNotAvailableException` (a `SignatureValidationException` in Python): the
    /// secret key store has no secret for the webhook's key id.
    #[error("{0}")]
    SecretKeyNotAvailableException(SecretKeyNotAvailableException),
    /// `ApiVersionMismatchException`: a webhook event of another API version.
    #[error("{0}")]
    ApiVersionMismatchException(ApiVersionMismatchException),
    /// Invalid configuration or argument (Python raises `ValueError`, `TypeError` or
    /// `RuntimeError` for these).
    #[error("{message}")]
    Configuration {
        /// What is wrong.
        message: String,
        /// The underlying error, for example reading a properties file.
        #[source]
        source: Option<BoxError>,
    },
}

impl Error {
    /// A [`Error::Configuration`] without a source.
    pub(crate) fn configuration(message: impl Into<String>) -> Self {
        Error::Configuration {
            message: message.into(),
            source: None,
        }
    }

    /// The shared `ApiException` part of every API exception (validation, authorization,
    /// reference, platform, idempotence, problem details and declined transactions).
    pub fn api_exception(&self) -> Option<&ApiException> {
        match self {
            Error::ApiException(e)
            | Error::ValidationException(e)
            | Error::AuthorizationException(e)
            | Error::ReferenceException(e)
            | Error::PlatformException(e) => Some(e),
            Error::IdempotenceException(e) => Some(&e.api),
            Error::ProblemDetailsException(e) => Some(&e.api),
            Error::DeclinedPaymentException(e) => Some(&e.api),
            Error::DeclinedPayoutException(e) => Some(&e.api),
            Error::DeclinedRefundException(e) => Some(&e.api),
            _ => None,
        }
    }

    /// True for every error Python raises as an `ApiException` (or a subclass).
    pub fn is_api_exception(&self) -> bool {
        self.api_exception().is_some()
    }

    /// True for `DeclinedPaymentException`, `DeclinedPayoutException` and
    /// `DeclinedRefundException` (Python's `DeclinedTransactionException`).
    #[doc(alias = "DeclinedTransactionException")]
    pub fn is_declined_transaction(&self) -> bool {
        matches!(
            self,
            Error::DeclinedPaymentException(_)
                | Error::DeclinedPayoutException(_)
                | Error::DeclinedRefundException(_)
        )
    }

    /// True for `SignatureValidationException` and its subclass
    /// `SecretKeyNotAvailableException`.
    pub fn is_signature_validation(&self) -> bool {
        matches!(
            self,
            Error::SignatureValidationException(_) | Error::SecretKeyNotAvailableException(_)
        )
    }

    /// The HTTP status of an error response, if this error comes from one (for a
    /// redirect, which is never followed, its 3xx).
    pub fn status_code(&self) -> Option<u16> {
        match self {
            Error::ResponseException(e) => Some(e.status_code),
            Error::NotFoundException(e) => Some(e.cause.status_code),
            Error::CommunicationException(e) => match &e.cause {
                CommunicationCause::Response(r) => Some(r.status_code),
                CommunicationCause::Transport(t) => t.status(),
            },
            other => other.api_exception().map(|e| e.status_code),
        }
    }

    /// The raw body of an error response, if this error comes from one.
    pub fn response_body(&self) -> Option<&str> {
        match self {
            Error::ResponseException(e) => Some(&e.body),
            Error::NotFoundException(e) => Some(&e.cause.body),
            Error::CommunicationException(e) => e.response_exception().map(|r| r.body.as_str()),
            other => other.api_exception().map(|e| e.response_body.as_str()),
        }
    }

    /// False only when the request certainly did not reach the platform (a connection
    /// or TLS failure, or a request that could not be built), so a retry cannot create a
    /// duplicate. Every received response counts as sent.
    pub fn request_may_have_been_sent(&self) -> bool {
        match self {
            Error::CommunicationException(e) => e.request_may_have_been_sent(),
            Error::Configuration { .. }
            | Error::SignatureValidationException(_)
            | Error::SecretKeyNotAvailableException(_)
            | Error::ApiVersionMismatchException(_) => false,
            _ => true,
        }
    }
}

/// Python's `; status_code=N; response_body='…'`, the body masked and cut, then
/// ` (after N attempts)` when the call was retried.
pub(crate) fn write_status_and_body(
    f: &mut fmt::Formatter<'_>,
    status: u16,
    body: &str,
    attempts: u32,
) -> fmt::Result {
    if status > 0 {
        write!(f, "; status_code={status}")?;
    }
    if !body.is_empty() {
        write!(f, "; response_body='{}'", masking::masked_body(body))?;
    }
    if attempts > 1 {
        write!(f, " (after {attempts} attempts)")?;
    }
    Ok(())
}

/// The response an error comes from, if any.
enum Source<'a> {
    Api(&'a ApiException),
    Response(&'a ResponseException),
}

impl Error {
    fn source_response(&self) -> Option<Source<'_>> {
        match self {
            Error::ResponseException(e) => Some(Source::Response(e)),
            Error::NotFoundException(e) => Some(Source::Response(&e.cause)),
            Error::CommunicationException(e) => e.response_exception().map(Source::Response),
            other => other.api_exception().map(Source::Api),
        }
    }

    /// The headers of the response behind the error (`Retry-After`, request ids), if a
    /// response was received.
    pub fn response_headers(&self) -> Option<&Headers> {
        match self.source_response()? {
            Source::Api(e) => Some(&e.headers),
            Source::Response(e) => Some(&e.headers),
        }
    }

    /// How many times the request was sent or tried (1 without retries).
    pub fn attempts(&self) -> u32 {
        if let Error::CommunicationException(e) = self
            && let Some(t) = e.transport_error()
        {
            return t.attempts();
        }
        match self.source_response() {
            Some(Source::Api(e)) => e.attempts,
            Some(Source::Response(e)) => e.attempts,
            None => 1,
        }
    }

    /// True when a connect or total timeout ended the call.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::CommunicationException(e)
            if e.transport_error().is_some_and(|t| t.is_timeout()))
    }

    /// The wait the platform asked for in `Retry-After` (seconds or an HTTP date), if any.
    pub fn retry_after(&self) -> Option<Duration> {
        ErrorMeta::retry_after(self)
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

    /// `429`, `502`, `503` and `504` answers (whatever their body), and transient
    /// transport failures (connect, TLS handshake, timeout, reset).
    fn is_retryable(&self) -> bool {
        match self {
            Error::CommunicationException(e) if e.transport_error().is_some() => {
                e.transport_error().is_some_and(|t| t.is_transient())
            }
            other => other
                .status_code()
                .is_some_and(payments_core::is_retryable_status),
        }
    }

    fn response_headers(&self) -> Option<&Headers> {
        Error::response_headers(self)
    }

    fn attempts(&self) -> u32 {
        Error::attempts(self)
    }
}
