//! The error type of the crate: one variant per exception class of the official SDK.
//!
//! Every variant is named after the Python class it mirrors (`ValidationException`,
//! `DeclinedPaymentException`, …) and wraps a struct that carries the same fields. The
//! classes that share `ApiException`'s fields (`ValidationException`,
//! `AuthorizationException`, `ReferenceException`, `PlatformException`) all wrap
//! [`ApiException`]; match on the variant to tell them apart, or use the predicates on
//! [`Error`] to treat them as one family the way `except ApiException` does in Python.

use std::fmt;

use payments_core::http::{Headers, TransportError};

use crate::domain::{
    APIError, CreatePaymentResponse, PaymentErrorResponse, PayoutErrorResponse, PayoutResult,
    ProblemDetailsResponse, RefundErrorResponse, RefundResponse,
};

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

    /// The HTTP status of an error response, if this error comes from one.
    pub fn status_code(&self) -> Option<u16> {
        match self {
            Error::ResponseException(e) => Some(e.status_code),
            Error::NotFoundException(e) => Some(e.cause.status_code),
            Error::CommunicationException(e) => e.response_exception().map(|r| r.status_code),
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

fn write_status_and_body(f: &mut fmt::Formatter<'_>, status: u16, body: &str) -> fmt::Result {
    if status > 0 {
        write!(f, "; status_code={status}")?;
    }
    if !body.is_empty() {
        write!(f, "; response_body='{body}'")?;
    }
    Ok(())
}

/// `ApiException`: an error response of the payment platform.
///
/// `Display` gives Python's `str(e)`: the message, then `; status_code=N` and
/// `; response_body='…'`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiException {
    /// HTTP status code.
    pub status_code: u16,
    /// Raw response body.
    pub response_body: String,
    /// `errorId` of the error response.
    pub error_id: Option<String>,
    /// `errors` of the error response (empty when there were none).
    pub errors: Vec<APIError>,
    /// The message (the class's default message unless the factory chose another).
    pub message: String,
}

impl ApiException {
    /// An exception with the given fields.
    pub fn new(
        status_code: u16,
        response_body: impl Into<String>,
        error_id: Option<String>,
        errors: Option<Vec<APIError>>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            status_code,
            response_body: response_body.into(),
            error_id,
            errors: errors.unwrap_or_default(),
            message: message.into(),
        }
    }

    /// HTTP status code.
    pub fn status_code(&self) -> u16 {
        self.status_code
    }

    /// Raw response body.
    pub fn response_body(&self) -> &str {
        &self.response_body
    }

    /// `errorId` of the error response.
    pub fn error_id(&self) -> Option<&str> {
        self.error_id.as_deref()
    }

    /// `errors` of the error response.
    pub fn errors(&self) -> &[APIError] {
        &self.errors
    }
}

impl fmt::Display for ApiException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        write_status_and_body(f, self.status_code, &self.response_body)
    }
}

impl std::error::Error for ApiException {}

/// `IdempotenceException`: a request with the same idempotence key is still being
/// processed.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct IdempotenceException {
    /// The common error-response fields.
    pub api: ApiException,
    /// The idempotence key of the request.
    pub idempotence_key: String,
    /// `X-GCS-Idempotence-Request-Timestamp` of the response, if present.
    pub idempotence_request_timestamp: Option<i64>,
}

impl IdempotenceException {
    /// The idempotence key of the request.
    pub fn idempotence_key(&self) -> &str {
        &self.idempotence_key
    }

    /// `X-GCS-Idempotence-Request-Timestamp` of the response, if present.
    pub fn idempotence_request_timestamp(&self) -> Option<i64> {
        self.idempotence_request_timestamp
    }
}

impl fmt::Display for IdempotenceException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.api.fmt(f)
    }
}

/// `ProblemDetailsException`: an error response in problem-details form.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ProblemDetailsException {
    /// The common error-response fields (`error_id` is `None`, `errors` empty).
    pub api: ApiException,
    /// The parsed problem details.
    pub response: Option<ProblemDetailsResponse>,
}

impl ProblemDetailsException {
    /// The parsed problem details.
    pub fn response(&self) -> Option<&ProblemDetailsResponse> {
        self.response.as_ref()
    }
}

impl fmt::Display for ProblemDetailsException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.api.fmt(f)
    }
}

/// `DeclinedPaymentException`: the payment was created but declined.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DeclinedPaymentException {
    /// The common error-response fields.
    pub api: ApiException,
    /// The parsed error response.
    pub response: Option<PaymentErrorResponse>,
}

impl DeclinedPaymentException {
    /// The result of creating the payment (`paymentResult`), if available.
    pub fn create_payment_response(&self) -> Option<&CreatePaymentResponse> {
        self.response
            .as_ref()
            .and_then(|r| r.payment_result.as_ref())
    }
}

impl fmt::Display for DeclinedPaymentException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.api.fmt(f)
    }
}

/// `DeclinedPayoutException`: the payout was created but declined.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DeclinedPayoutException {
    /// The common error-response fields.
    pub api: ApiException,
    /// The parsed error response.
    pub response: Option<PayoutErrorResponse>,
}

impl DeclinedPayoutException {
    /// The result of creating the payout (`payoutResult`), if available.
    pub fn payout_result(&self) -> Option<&PayoutResult> {
        self.response
            .as_ref()
            .and_then(|r| r.payout_result.as_ref())
    }
}

impl fmt::Display for DeclinedPayoutException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.api.fmt(f)
    }
}

/// `DeclinedRefundException`: the refund was created but declined.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DeclinedRefundException {
    /// The common error-response fields.
    pub api: ApiException,
    /// The parsed error response.
    pub response: Option<RefundErrorResponse>,
}

impl DeclinedRefundException {
    /// The result of creating the refund (`refundResult`), if available.
    // `refundResult` is deprecated in the API but still what a declined refund carries.
    #[allow(deprecated)]
    pub fn refund_response(&self) -> Option<&RefundResponse> {
        self.response
            .as_ref()
            .and_then(|r| r.refund_result.as_ref())
    }
}

impl fmt::Display for DeclinedRefundException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.api.fmt(f)
    }
}

/// `ResponseException`: a non-2xx response as received.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ResponseException {
    /// HTTP status code.
    pub status_code: u16,
    /// Response body (UTF-8; invalid sequences replaced).
    pub body: String,
    /// Response headers.
    pub headers: Headers,
}

impl ResponseException {
    /// A new exception.
    pub fn new(status_code: u16, body: impl Into<String>, headers: Headers) -> Self {
        Self {
            status_code,
            body: body.into(),
            headers,
        }
    }

    /// The first header of this name (case-insensitive) as `(name, value)`.
    pub fn get_header(&self, header_name: &str) -> Option<(&str, &str)> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(header_name))
    }

    /// The value of the first header of this name (case-insensitive).
    pub fn get_header_value(&self, header_name: &str) -> Option<&str> {
        self.headers.get(header_name)
    }
}

impl fmt::Display for ResponseException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the Online Payments platform returned an error response")?;
        write_status_and_body(f, self.status_code, &self.body)
    }
}

impl std::error::Error for ResponseException {}

/// The cause of a [`CommunicationException`].
#[derive(Debug)]
#[non_exhaustive]
pub enum CommunicationCause {
    /// No response was received.
    Transport(TransportError),
    /// An error response whose body is not JSON.
    Response(ResponseException),
}

/// `CommunicationException`: a transport failure, or an error response that is not JSON.
/// `Display` is the cause's message, as in Python.
#[derive(Debug)]
#[non_exhaustive]
pub struct CommunicationException {
    /// What happened.
    pub cause: CommunicationCause,
}

impl CommunicationException {
    /// Wraps a transport failure.
    pub fn from_transport(error: TransportError) -> Self {
        Self {
            cause: CommunicationCause::Transport(error),
        }
    }

    /// Wraps an error response.
    pub fn from_response(error: ResponseException) -> Self {
        Self {
            cause: CommunicationCause::Response(error),
        }
    }

    /// The transport failure, if no response was received.
    pub fn transport_error(&self) -> Option<&TransportError> {
        match &self.cause {
            CommunicationCause::Transport(e) => Some(e),
            CommunicationCause::Response(_) => None,
        }
    }

    /// The error response, if one was received.
    pub fn response_exception(&self) -> Option<&ResponseException> {
        match &self.cause {
            CommunicationCause::Response(e) => Some(e),
            CommunicationCause::Transport(_) => None,
        }
    }

    /// False only when the request certainly did not reach the platform.
    pub fn request_may_have_been_sent(&self) -> bool {
        match &self.cause {
            CommunicationCause::Transport(e) => e.request_may_have_been_sent(),
            CommunicationCause::Response(_) => true,
        }
    }
}

impl fmt::Display for CommunicationException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cause {
            CommunicationCause::Transport(e) => e.fmt(f),
            CommunicationCause::Response(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CommunicationException {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.cause {
            CommunicationCause::Transport(e) => Some(e),
            CommunicationCause::Response(e) => Some(e),
        }
    }
}

/// `NotFoundException`: a 404 response whose body is not JSON.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct NotFoundException {
    /// `"The requested resource was not found; invalid path: <path>"`.
    pub message: String,
    /// The response.
    pub cause: ResponseException,
}

impl fmt::Display for NotFoundException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for NotFoundException {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.cause)
    }
}

/// `MarshallerSyntaxException`: JSON that could not be read as the expected type.
#[derive(Debug)]
#[non_exhaustive]
pub struct MarshallerSyntaxException {
    /// What went wrong.
    pub message: String,
    /// The parser error, if any.
    pub source: Option<serde_json::Error>,
}

impl MarshallerSyntaxException {
    /// An exception with a message and no parser error.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }
}

impl From<serde_json::Error> for MarshallerSyntaxException {
    fn from(e: serde_json::Error) -> Self {
        Self {
            message: e.to_string(),
            source: Some(e),
        }
    }
}

impl fmt::Display for MarshallerSyntaxException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MarshallerSyntaxException {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e as _)
    }
}

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
