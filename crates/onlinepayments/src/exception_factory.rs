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
    // Read from the text again rather than from `value`: each class then has one reader
    // (from text) in the binary, not a second one from `Value`.
    serde_json::from_str(body)
        .map(Some)
        .map_err(|e| Error::MarshallerSyntaxException(MarshallerSyntaxException::from(e)))
}

/// `declined <kind> '<id>' with status '<status>'` (`None` for a missing value), or the
/// generic message when the result is missing.
fn declined_message(
    kind: &str,
    id_and_status: Option<(&Option<String>, &Option<String>)>,
) -> String {
    let or_none = |value: &Option<String>| value.as_deref().unwrap_or("None").to_owned();
    match id_and_status {
        Some((id, status)) => format!(
            "declined {kind} '{}' with status '{}'",
            or_none(id),
            or_none(status)
        ),
        None => format!("the payment platform returned a declined {kind} response"),
    }
}

/// Turns a JSON (or empty) error response into the matching error, in the official
/// order: declined transactions, problem details, idempotence, then the status map.
/// Every API exception keeps the response's status, body, headers and attempts.
pub(crate) fn create_exception(
    response: ResponseException,
    error_type: ErrorType,
    context: Option<&CallContext>,
) -> Error {
    match build(response, error_type, context) {
        Ok(e) | Err(e) => e,
    }
}

fn build(
    response: ResponseException,
    error_type: ErrorType,
    context: Option<&CallContext>,
) -> Result<Error, Error> {
    match error_type {
        ErrorType::ErrorResponse => {
            let (error_id, errors) = parse::<ErrorResponse>(&response.body)?
                .map(|r| (r.error_id, r.errors))
                .unwrap_or_default();
            Ok(from_response_fields(response, error_id, errors, context))
        }
        ErrorType::PaymentErrorResponse => declined::<PaymentErrorResponse>(response, context),
        ErrorType::PayoutErrorResponse => declined::<PayoutErrorResponse>(response, context),
        ErrorType::RefundErrorResponse => declined::<RefundErrorResponse>(response, context),
        ErrorType::ProblemDetailsResponse => match parse::<ProblemDetailsResponse>(&response.body)?
        {
            Some(r) => {
                let api = api_exception(response, None, None, PROBLEM_DETAILS_EXCEPTION_MESSAGE);
                Ok(Error::ProblemDetailsException(Box::new(
                    ProblemDetailsException {
                        api,
                        response: Some(r),
                    },
                )))
            }
            None => Ok(from_response_fields(response, None, None, context)),
        },
    }
}

/// The `ApiException` part of an error: the response's status, body, headers and
/// attempts, with the fields read from its body.
fn api_exception(
    response: ResponseException,
    error_id: Option<String>,
    errors: Option<Vec<APIError>>,
    message: impl Into<String>,
) -> ApiException {
    ApiException::new(
        response.status_code,
        response.body,
        error_id,
        errors,
        message,
    )
    .with_headers(response.headers)
    .with_attempts(response.attempts)
}

/// An error body that may hold a declined transaction (payment, payout or refund).
trait DeclinedBody: DeserializeOwned {
    /// The `errorId` and `errors` of the body.
    fn fields(&self) -> (Option<String>, Option<Vec<APIError>>);
    /// The message of a declined transaction, or `None` when the body holds no result.
    fn declined_message(&self) -> Option<String>;
    /// The declined-transaction error.
    fn into_error(api: ApiException, body: Self) -> Error;
}

/// Implements [`DeclinedBody`]: `$result` gives `None` without a result, else the id and
/// status of the transaction when the result names one.
macro_rules! declined_body {
    ($Body:ty, $kind:literal, $Exception:ident, |$r:ident| $result:expr) => {
        impl DeclinedBody for $Body {
            fn fields(&self) -> (Option<String>, Option<Vec<APIError>>) {
                (self.error_id.clone(), self.errors.clone())
            }

            // `refundResult` is deprecated in the API but still what a declined refund carries.
            #[allow(deprecated)]
            fn declined_message(&self) -> Option<String> {
                let $r = self;
                let id_and_status: Option<Option<(&Option<String>, &Option<String>)>> = $result;
                id_and_status.map(|found| declined_message($kind, found))
            }

            fn into_error(api: ApiException, body: Self) -> Error {
                Error::$Exception(Box::new($Exception {
                    api,
                    response: Some(body),
                }))
            }
        }
    };
}

declined_body!(
    PaymentErrorResponse,
    "payment",
    DeclinedPaymentException,
    |r| r
        .payment_result
        .as_ref()
        .map(|p| p.payment.as_ref().map(|p| (&p.id, &p.status)))
);
declined_body!(
    PayoutErrorResponse,
    "payout",
    DeclinedPayoutException,
    |r| r.payout_result.as_ref().map(|p| Some((&p.id, &p.status)))
);
declined_body!(
    RefundErrorResponse,
    "refund",
    DeclinedRefundException,
    |r| r.refund_result.as_ref().map(|p| Some((&p.id, &p.status)))
);

/// The declined-transaction error of a body that holds a result, else the error of its
/// status.
fn declined<R: DeclinedBody>(
    response: ResponseException,
    context: Option<&CallContext>,
) -> Result<Error, Error> {
    let Some(body) = parse::<R>(&response.body)? else {
        return Ok(from_response_fields(response, None, None, context));
    };
    let (error_id, errors) = body.fields();
    Ok(match body.declined_message() {
        Some(message) => R::into_error(api_exception(response, error_id, errors, message), body),
        None => from_response_fields(response, error_id, errors, context),
    })
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
    response: ResponseException,
    error_id: Option<String>,
    errors: Option<Vec<APIError>>,
    context: Option<&CallContext>,
) -> Error {
    let status = response.status_code;
    if is_idempotence_error(status, errors.as_deref(), context) {
        let api = api_exception(response, error_id, errors, IDEMPOTENCE_EXCEPTION_MESSAGE);
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
    variant(Box::new(api_exception(response, error_id, errors, message)))
}

#[cfg(test)]
mod tests {
    use payments_core::ErrorMeta;
    use payments_core::http::Headers;

    use super::*;

    fn response(status: u16, body: &str) -> ResponseException {
        let headers: Headers = [("Retry-After", "7"), ("X-Request-Id", "req-1")]
            .into_iter()
            .collect();
        ResponseException::new(status, body, headers).with_attempts(3)
    }

    #[test]
    fn every_api_exception_keeps_headers_and_attempts() {
        let cases = [
            (400, "{}", ErrorType::ErrorResponse),
            (
                402,
                r#"{"paymentResult":{"payment":{"id":"P"}}}"#,
                ErrorType::PaymentErrorResponse,
            ),
            (
                402,
                r#"{"payoutResult":{"id":"PO"}}"#,
                ErrorType::PayoutErrorResponse,
            ),
            (
                402,
                r#"{"refundResult":{"id":"R"}}"#,
                ErrorType::RefundErrorResponse,
            ),
            (404, r#"{"title":"t"}"#, ErrorType::ProblemDetailsResponse),
            (503, "", ErrorType::PaymentErrorResponse),
        ];
        for (status, body, error_type) in cases {
            let e = create_exception(response(status, body), error_type, None);
            let api = e.api_exception().unwrap_or_else(|| panic!("{e:?}"));
            assert_eq!(
                (api.status_code, api.response_body.as_str()),
                (status, body)
            );
            assert_eq!(api.headers.get("x-request-id"), Some("req-1"));
            assert_eq!(e.attempts(), 3, "{e:?}");
            assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(7)));
            assert_eq!(ErrorMeta::status_code(&e), Some(status));
            assert!(e.request_may_have_been_sent());
            assert_eq!(e.is_retryable(), status == 503, "{status}");
        }
    }

    #[test]
    fn declined_results_of_each_kind() {
        let payment = create_exception(
            response(
                402,
                r#"{"errorId":"E","paymentResult":{"payment":{"id":"P","status":"REJECTED"}}}"#,
            ),
            ErrorType::PaymentErrorResponse,
            None,
        );
        assert!(matches!(&payment, Error::DeclinedPaymentException(e)
            if e.api.message == "declined payment 'P' with status 'REJECTED'"
            && e.api.error_id.as_deref() == Some("E")));
        let without_payment = create_exception(
            response(402, r#"{"paymentResult":{}}"#),
            ErrorType::PaymentErrorResponse,
            None,
        );
        assert!(
            matches!(&without_payment, Error::DeclinedPaymentException(e)
            if e.api.message == "the payment platform returned a declined payment response")
        );
        let payout = create_exception(
            response(402, r#"{"payoutResult":{"status":"REJECTED"}}"#),
            ErrorType::PayoutErrorResponse,
            None,
        );
        assert!(matches!(&payout, Error::DeclinedPayoutException(e)
            if e.api.message == "declined payout 'None' with status 'REJECTED'"));
        // no result: the status decides
        let refund = create_exception(
            response(400, r#"{"errors":[{"id":"X"}]}"#),
            ErrorType::RefundErrorResponse,
            None,
        );
        assert!(matches!(&refund, Error::ValidationException(e) if e.errors.len() == 1));
    }
}
