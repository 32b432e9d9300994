//! The last step of a call: from the outcome of the send to its result or error.

use payments_core::http::{Headers, HttpResponse, TransportError};
use payments_core::runtime::Exchange;
use serde::de::DeserializeOwned;

use super::dates::parse_datetime;
use crate::call_context::CallContext;
use crate::errors::{
    CommunicationException, Error, MarshallerSyntaxException, NotFoundException, ResponseException,
};
use crate::exception_factory::{ErrorType, create_exception};

/// What finishing a call needs from its preparation.
pub(crate) struct Pending<'a> {
    pub(crate) relative_path: String,
    pub(crate) error_type: Option<ErrorType>,
    pub(crate) context: Option<&'a CallContext>,
}

impl Pending<'_> {
    /// Updates the context and returns the body of a 2xx response (each attempt was
    /// logged as it was sent). Otherwise: the error of the last attempt as
    /// `CommunicationException`; a non-JSON error body as `NotFoundException` (404) or
    /// `CommunicationException`; a JSON (or empty) error body through the exception
    /// factory, with the call's error type.
    pub(crate) fn finish(self, result: Result<Exchange, TransportError>) -> Result<String, Error> {
        let (response, attempts) = match result {
            Ok(exchange) => (exchange.response, exchange.attempts),
            Err(error) => {
                return Err(Error::CommunicationException(
                    CommunicationException::from_transport(error),
                ));
            }
        };
        match process_response(response, attempts, &self.relative_path, self.context) {
            Err(Error::ResponseException(response)) => match self.error_type {
                Some(error_type) => Err(create_exception(response, error_type, self.context)),
                None => Err(Error::ResponseException(response)),
            },
            other => other,
        }
    }
}

/// Parses a response body; an empty body gives `T::default()`.
pub(crate) fn unmarshal<T: DeserializeOwned + Default>(body: String) -> Result<T, Error> {
    if body.is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(&body)
        .map_err(|e| Error::MarshallerSyntaxException(MarshallerSyntaxException::from(e)))
}

/// The result of a call without a response type: any body of its 2xx response is ignored.
pub(crate) fn ignore_body(_body: String) -> Result<(), Error> {
    Ok(())
}

fn is_json(headers: &Headers) -> bool {
    match headers.get("Content-Type") {
        None => true,
        Some(ct) => {
            let ct = ct.to_lowercase();
            ct.starts_with("application/json") || ct.starts_with("application/problem+json")
        }
    }
}

fn update_context(headers: &Headers, context: &CallContext) {
    let timestamp = headers
        .get("X-GCS-Idempotence-Request-Timestamp")
        .and_then(|v| v.trim().parse::<i64>().ok());
    context.set_idempotence_request_timestamp(timestamp);
    let date_time = headers
        .get("IdempotencyResponseDatetime")
        .and_then(parse_datetime);
    context.set_idempotence_response_date_time(date_time);
}

/// Updates the context, then returns the body of a 2xx response or the error: a
/// non-JSON body gives `NotFoundException` (404) or `CommunicationException`; a JSON or
/// empty body gives `ResponseException`.
fn process_response(
    response: HttpResponse,
    attempts: u32,
    relative_path: &str,
    context: Option<&CallContext>,
) -> Result<String, Error> {
    if let Some(context) = context {
        update_context(&response.headers, context);
    }
    let HttpResponse {
        status,
        headers,
        body,
    } = response;
    let success = (200..300).contains(&status);
    let body = match String::from_utf8(body) {
        Ok(text) => text,
        Err(_) if success => {
            return Err(Error::MarshallerSyntaxException(
                MarshallerSyntaxException::new("the response body is not valid UTF-8"),
            ));
        }
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    if success {
        return Ok(body);
    }
    let json = is_json(&headers);
    let cause = ResponseException::new(status, body, headers).with_attempts(attempts);
    if !json {
        if status == 404 {
            return Err(Error::NotFoundException(NotFoundException {
                message: format!(
                    "The requested resource was not found; invalid path: {relative_path}"
                ),
                cause,
            }));
        }
        return Err(Error::CommunicationException(
            CommunicationException::from_response(cause),
        ));
    }
    Err(Error::ResponseException(cause))
}
