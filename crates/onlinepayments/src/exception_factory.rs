//! Maps error responses to the exception variants (`exception_factory.create_exception`).

use serde::de::DeserializeOwned;

use crate::call_context::CallContext;
use crate::domain::{
    APIError, ErrorResponse, PaymentErrorResponse, PayoutErrorResponse, ProblemDetailsResponse,
    RefundErrorResponse,
};
use crate::errors::{
    API_EXCEPTION_MESSAGE, AUTHORIZATION_EXCEPTION_MESSAGE, ApiException, DeclinedPaymentException,
    DeclinedPayoutException, DeclinedRefundException, Error, IDEMPOTENCE_EXCEPTION_MESSAGE,
    IdempotenceException, MarshallerSyntaxException, PROBLEM_DETAILS_EXCEPTION_MESSAGE,
    ProblemDetailsException, REFERENCE_EXCEPTION_MESSAGE, ResponseException,
    VALIDATION_EXCEPTION_MESSAGE,
};

/// The class an API method reads its error bodies as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::enum_variant_names)]
pub(crate) enum ErrorType {
    ErrorResponse,
    PaymentErrorResponse,
    PayoutErrorResponse,
    RefundErrorResponse,
    ProblemDetailsResponse,
}

/// The error code of a duplicate request with an idempotence key.
pub const IDEMPOTENCE_ERROR_CODE: &str = "30001002";

fn parse<T: DeserializeOwned>(body: &str) -> Result<Option<T>, Error> {
    if body.is_empty() {
        return Ok(None);
    }
    let value: serde_json::Value = serde_json::from_str(body)
        .map_err(|e| Error::MarshallerSyntaxException(MarshallerSyntaxException::from(e)))?;
    if !value.is_object() {
        return Err(Error::MarshallerSyntaxException(
            MarshallerSyntaxException::new(format!("value '{value}' is not a dictionary")),
        ));
    }
    serde_json::from_value(value)
        .map(Some)
        .map_err(|e| Error::MarshallerSyntaxException(MarshallerSyntaxException::from(e)))
}

fn or_none(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("None")
}

/// Turns a JSON (or empty) error response into the matching error, in the official
/// order: declined transactions, problem details, idempotence, then the status map.
pub(crate) fn create_exception(
    response: ResponseException,
    error_type: ErrorType,
    context: Option<&CallContext>,
) -> Error {
    match build(response, error_type, context) {
        Ok(e) | Err(e) => e,
    }
}

// `refundResult` is deprecated in the API but still what a declined refund carries.
#[allow(deprecated)]
fn build(
    response: ResponseException,
    error_type: ErrorType,
    context: Option<&CallContext>,
) -> Result<Error, Error> {
    let status = response.status_code;
    let body = response.body;
    let (error_id, errors) = match error_type {
        ErrorType::ErrorResponse => match parse::<ErrorResponse>(&body)? {
            Some(r) => (r.error_id, r.errors),
            None => (None, None),
        },
        ErrorType::PaymentErrorResponse => match parse::<PaymentErrorResponse>(&body)? {
            Some(r) if r.payment_result.is_some() => {
                let message = match r.payment_result.as_ref().and_then(|p| p.payment.as_ref()) {
                    Some(p) => format!(
                        "declined payment '{}' with status '{}'",
                        or_none(&p.id),
                        or_none(&p.status)
                    ),
                    None => "the payment platform returned a declined payment response".to_owned(),
                };
                let api =
                    ApiException::new(status, body, r.error_id.clone(), r.errors.clone(), message);
                return Ok(Error::DeclinedPaymentException(Box::new(
                    DeclinedPaymentException {
                        api,
                        response: Some(r),
                    },
                )));
            }
            Some(r) => (r.error_id, r.errors),
            None => (None, None),
        },
        ErrorType::PayoutErrorResponse => match parse::<PayoutErrorResponse>(&body)? {
            Some(r) if r.payout_result.is_some() => {
                let message = match r.payout_result.as_ref() {
                    Some(p) => format!(
                        "declined payout '{}' with status '{}'",
                        or_none(&p.id),
                        or_none(&p.status)
                    ),
                    None => "the payment platform returned a declined payout response".to_owned(),
                };
                let api =
                    ApiException::new(status, body, r.error_id.clone(), r.errors.clone(), message);
                return Ok(Error::DeclinedPayoutException(Box::new(
                    DeclinedPayoutException {
                        api,
                        response: Some(r),
                    },
                )));
            }
            Some(r) => (r.error_id, r.errors),
            None => (None, None),
        },
        ErrorType::RefundErrorResponse => match parse::<RefundErrorResponse>(&body)? {
            Some(r) if r.refund_result.is_some() => {
                let message = match r.refund_result.as_ref() {
                    Some(p) => format!(
                        "declined refund '{}' with status '{}'",
                        or_none(&p.id),
                        or_none(&p.status)
                    ),
                    None => "the payment platform returned a declined refund response".to_owned(),
                };
                let api =
                    ApiException::new(status, body, r.error_id.clone(), r.errors.clone(), message);
                return Ok(Error::DeclinedRefundException(Box::new(
                    DeclinedRefundException {
                        api,
                        response: Some(r),
                    },
                )));
            }
            Some(r) => (r.error_id, r.errors),
            None => (None, None),
        },
        ErrorType::ProblemDetailsResponse => match parse::<ProblemDetailsResponse>(&body)? {
            Some(r) => {
                let api =
                    ApiException::new(status, body, None, None, PROBLEM_DETAILS_EXCEPTION_MESSAGE);
                return Ok(Error::ProblemDetailsException(Box::new(
                    ProblemDetailsException {
                        api,
                        response: Some(r),
                    },
                )));
            }
            None => (None, None),
        },
    };
    Ok(from_response_fields(
        status, body, error_id, errors, context,
    ))
}

fn is_idempotence_error(
    status: u16,
    errors: Option<&[APIError]>,
    context: Option<&CallContext>,
) -> bool {
    status == 409
        && context.is_some_and(|c| c.idempotence_key().is_some())
        && matches!(errors, Some([only]) if only.error_code.as_deref() == Some(IDEMPOTENCE_ERROR_CODE))
}

fn from_response_fields(
    status: u16,
    body: String,
    error_id: Option<String>,
    errors: Option<Vec<APIError>>,
    context: Option<&CallContext>,
) -> Error {
    if is_idempotence_error(status, errors.as_deref(), context) {
        let api = ApiException::new(
            status,
            body,
            error_id,
            errors,
            IDEMPOTENCE_EXCEPTION_MESSAGE,
        );
        return Error::IdempotenceException(Box::new(IdempotenceException {
            api,
            idempotence_key: context
                .and_then(CallContext::idempotence_key)
                .unwrap_or_default()
                .to_owned(),
            idempotence_request_timestamp: context
                .and_then(CallContext::idempotence_request_timestamp),
        }));
    }
    let (variant, message): (fn(Box<ApiException>) -> Error, &str) = match status {
        400 => (Error::ValidationException, VALIDATION_EXCEPTION_MESSAGE),
        403 => (
            Error::AuthorizationException,
            AUTHORIZATION_EXCEPTION_MESSAGE,
        ),
        404 | 409 | 410 => (Error::ReferenceException, REFERENCE_EXCEPTION_MESSAGE),
        500 | 502 | 503 => (Error::PlatformException, API_EXCEPTION_MESSAGE),
        _ => (Error::ApiException, API_EXCEPTION_MESSAGE),
    };
    variant(Box::new(ApiException::new(
        status, body, error_id, errors, message,
    )))
}
