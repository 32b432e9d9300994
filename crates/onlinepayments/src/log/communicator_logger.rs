//! The logger interface.

use super::log_message::{RequestLogMessage, ResponseLogMessage};

/// `CommunicatorLogger`: receives the log messages of the communication.
///
/// Implement [`log`](Self::log); requests and responses are passed through it as text
/// unless [`log_request`](Self::log_request) / [`log_response`](Self::log_response) are
/// overridden.
pub trait CommunicatorLogger: Send + Sync {
    /// Logs a message, with the error that caused it if any.
    fn log(&self, message: &str, thrown: Option<&(dyn std::error::Error + 'static)>);

    /// Logs an outgoing request.
    fn log_request(&self, request_log_message: &RequestLogMessage) {
        self.log(&request_log_message.get_message(), None);
    }

    /// Logs an incoming response.
    fn log_response(&self, response_log_message: &ResponseLogMessage) {
        self.log(&response_log_message.get_message(), None);
    }
}
