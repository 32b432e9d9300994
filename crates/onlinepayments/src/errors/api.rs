//! The API exceptions: error responses read with the method's error type.

use std::fmt;
use std::time::{Duration, SystemTime};

use payments_core::http::Headers;

use crate::domain::{
    APIError, CreatePaymentResponse, PaymentErrorResponse, PayoutErrorResponse, PayoutResult,
    ProblemDetailsResponse, RefundErrorResponse, RefundResponse,
};

use super::masking::{MaskedBody, MaskedJson, masked_body};
use super::write_status_and_body;

/// `ApiException`: an error response of the payment platform.
///
/// `Display` gives Python's `str(e)`: the message, then `; status_code=N` and
/// `; response_body='…'`, the body masked as the communicator logger masks it (card
/// number and IBAN but their last 4 characters, CVV, expiry date, cardholder name and
/// tokens starred) and cut to [`ERROR_BODY_CHARS`](crate::ERROR_BODY_CHARS) characters,
/// then ` (after N attempts)` when the call was retried.
/// `Debug` shows the same masked body and errors; the fields keep everything as received.
#[derive(Clone)]
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
    /// The response headers (`Retry-After`, `X-GCS-Idempotence-Request-Timestamp`, …).
    pub headers: Headers,
    /// Attempts the call took (more than 1 when it was retried).
    pub attempts: u32,
}

impl ApiException {
    /// An exception with the given fields (no headers, 1 attempt).
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
            headers: Headers::new(),
            attempts: 1,
        }
    }

    /// The same exception with the headers of its response.
    pub fn with_headers(mut self, headers: Headers) -> Self {
        self.headers = headers;
        self
    }

    /// The same exception with the number of attempts its call took.
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts.max(1);
        self
    }

    /// HTTP status code.
    pub fn status_code(&self) -> u16 {
        self.status_code
    }

    /// Raw response body.
    pub fn response_body(&self) -> &str {
        &self.response_body
    }

    /// The response body as `Display` shows it: masked and cut.
    pub fn body_snippet(&self) -> String {
        masked_body(&self.response_body)
    }

    /// `errorId` of the error response.
    pub fn error_id(&self) -> Option<&str> {
        self.error_id.as_deref()
    }

    /// `errors` of the error response.
    pub fn errors(&self) -> &[APIError] {
        &self.errors
    }

    /// The response headers.
    pub fn headers(&self) -> &Headers {
        &self.headers
    }

    /// Attempts the call took.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The wait the platform asked for in `Retry-After` (seconds or an HTTP date), if any.
    pub fn retry_after(&self) -> Option<Duration> {
        payments_core::runtime::retry_after(&self.headers, SystemTime::now())
    }
}

impl fmt::Display for ApiException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        write_status_and_body(f, self.status_code, &self.response_body, self.attempts)
    }
}

impl fmt::Debug for ApiException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiException")
            .field("status_code", &self.status_code)
            .field("message", &MaskedBody(&self.message))
            .field("error_id", &self.error_id)
            .field("errors", &MaskedJson(&self.errors))
            .field("response_body", &MaskedBody(&self.response_body))
            .field("headers", &self.headers)
            .field("attempts", &self.attempts)
            .finish()
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

/// Defines an exception that carries the common error-response fields and the parsed
/// error response, with an accessor for the part a caller reads. `Debug` shows the
/// parsed response as masked JSON.
macro_rules! response_exception {
    (
        $(#[$doc:meta])*
        $Name:ident { api: $api_doc:literal, response: $Response:ty, $response_doc:literal }
        $(#[$accessor_doc:meta])*
        fn $accessor:ident() -> $Part:ty { |$r:ident| $get:expr }
    ) => {
        $(#[$doc])*
        #[derive(Clone)]
        #[non_exhaustive]
        pub struct $Name {
            #[doc = $api_doc]
            pub api: ApiException,
            #[doc = $response_doc]
            pub response: Option<$Response>,
        }

        impl $Name {
            $(#[$accessor_doc])*
            pub fn $accessor(&self) -> Option<&$Part> {
                self.response.as_ref().and_then(|$r| $get)
            }
        }

        impl fmt::Display for $Name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.api.fmt(f)
            }
        }

        impl fmt::Debug for $Name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($Name))
                    .field("api", &self.api)
                    .field("response", &self.response.as_ref().map(MaskedJson))
                    .finish()
            }
        }
    };
}

response_exception! {
    /// `ProblemDetailsException`: an error response in problem-details form.
    ProblemDetailsException {
        api: "The common error-response fields (`error_id` is `None`, `errors` empty).",
        response: ProblemDetailsResponse, "The parsed problem details."
    }
    /// The parsed problem details.
    fn response() -> ProblemDetailsResponse { |r| Some(r) }
}

response_exception! {
    /// `DeclinedPaymentException`: the payment was created but declined.
    DeclinedPaymentException {
        api: "The common error-response fields.",
        response: PaymentErrorResponse, "The parsed error response."
    }
    /// The result of creating the payment (`paymentResult`), if available.
    fn create_payment_response() -> CreatePaymentResponse { |r| r.payment_result.as_ref() }
}

response_exception! {
    /// `DeclinedPayoutException`: the payout was created but declined.
    DeclinedPayoutException {
        api: "The common error-response fields.",
        response: PayoutErrorResponse, "The parsed error response."
    }
    /// The result of creating the payout (`payoutResult`), if available.
    fn payout_result() -> PayoutResult { |r| r.payout_result.as_ref() }
}

response_exception! {
    /// `DeclinedRefundException`: the refund was created but declined.
    DeclinedRefundException {
        api: "The common error-response fields.",
        response: RefundErrorResponse, "The parsed error response."
    }
    /// The result of creating the refund (`refundResult`), if available.
    // `refundResult` is deprecated in the API but still what a declined refund carries.
    #[allow(deprecated)]
    fn refund_response() -> RefundResponse { |r| r.refund_result.as_ref() }
}
