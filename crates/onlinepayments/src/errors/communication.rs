//! The errors of the communication: raw error responses, transport failures, non-JSON
//! bodies and unreadable JSON.

use std::fmt;

use payments_core::http::{Headers, TransportError};

use super::masking::{MaskedBody, masked_body};
use super::write_status_and_body;

/// `ResponseException`: a non-2xx response as received.
///
/// `Display` and `Debug` show the body masked as the communicator logger masks it; the
/// fields keep it as received.
#[derive(Clone)]
#[non_exhaustive]
pub struct ResponseException {
    /// HTTP status code.
    pub status_code: u16,
    /// Response body (UTF-8; invalid sequences replaced).
    pub body: String,
    /// Response headers.
    pub headers: Headers,
    /// Attempts the call took (more than 1 when it was retried).
    pub attempts: u32,
}

impl ResponseException {
    /// A new exception (1 attempt).
    pub fn new(status_code: u16, body: impl Into<String>, headers: Headers) -> Self {
        Self {
            status_code,
            body: body.into(),
            headers,
            attempts: 1,
        }
    }

    /// The same exception with the number of attempts its call took.
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts.max(1);
        self
    }

    /// The body as `Display` shows it: masked and cut.
    pub fn body_snippet(&self) -> String {
        masked_body(&self.body)
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
        write_status_and_body(f, self.status_code, &self.body, self.attempts)
    }
}

impl fmt::Debug for ResponseException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseException")
            .field("status_code", &self.status_code)
            .field("body", &MaskedBody(&self.body))
            .field("headers", &self.headers)
            .field("attempts", &self.attempts)
            .finish()
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
