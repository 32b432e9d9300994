//! The log messages of one call: the outgoing request, then the incoming response or the
//! error of the send.

use std::sync::Arc;
use std::time::Duration;

use payments_core::http::{HttpRequest, HttpResponse, TransportError};

use crate::log::{
    BodyObfuscator, CommunicatorLogger, HeaderObfuscator, RequestLogMessage, ResponseLogMessage,
};

/// The logger and obfuscators of a communicator, copied into each call when it starts.
#[derive(Clone, Default)]
pub(crate) struct LogSettings {
    pub(crate) logger: Option<Arc<dyn CommunicatorLogger>>,
    pub(crate) body_obfuscator: BodyObfuscator,
    pub(crate) header_obfuscator: HeaderObfuscator,
}

impl LogSettings {
    /// Logs the request with its body (before compression).
    pub(crate) fn request(&self, request_id: &str, request: &HttpRequest, body: Option<&str>) {
        let Some(logger) = &self.logger else {
            return;
        };
        let mut message = RequestLogMessage::new(
            request_id,
            request.method.as_str(),
            path_and_query(&request.url),
            &self.body_obfuscator,
            &self.header_obfuscator,
        );
        for (name, value) in request.headers.iter() {
            message.add_header(name, Some(value));
        }
        if let Some(body) = body.filter(|b| !b.is_empty()) {
            message.set_body(body, request.headers.get("Content-Type"));
        }
        logger.log_request(&message);
    }

    /// Logs the response and how long the call took.
    pub(crate) fn response(&self, request_id: &str, response: &HttpResponse, elapsed: Duration) {
        let Some(logger) = &self.logger else {
            return;
        };
        let duration = u64::try_from(elapsed_millis(elapsed)).ok();
        let mut message = ResponseLogMessage::new(
            request_id,
            response.status,
            duration,
            &self.body_obfuscator,
            &self.header_obfuscator,
        );
        for (name, value) in response.headers.iter() {
            message.add_header(name, Some(value));
        }
        let content_type = response.headers.get("Content-Type");
        if !response.body.is_empty() {
            if crate::log::is_binary_content_type(content_type) {
                message.set_binary_body(content_type);
            } else {
                message.set_body(&String::from_utf8_lossy(&response.body), content_type);
            }
        }
        logger.log_response(&message);
    }

    /// Logs a send that got no response.
    pub(crate) fn error(&self, request_id: &str, error: &TransportError, elapsed: Duration) {
        if let Some(logger) = &self.logger {
            logger.log(
                &format!(
                    "Error occurred for outgoing request (requestId='{}', {} ms)",
                    request_id,
                    elapsed_millis(elapsed)
                ),
                Some(error),
            );
        }
    }
}

fn elapsed_millis(elapsed: Duration) -> u128 {
    // rounded up, as the official SDK does
    let nanos = elapsed.as_nanos();
    nanos.div_ceil(1_000_000)
}

fn path_and_query(url: &str) -> &str {
    let after = url.split_once("://").map_or(url, |(_, r)| r);
    after
        .find(['/', '?'])
        .and_then(|i| after.get(i..))
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millis_round_up() {
        assert_eq!(elapsed_millis(Duration::from_micros(1)), 1);
        assert_eq!(elapsed_millis(Duration::from_millis(3)), 3);
        assert_eq!(elapsed_millis(Duration::ZERO), 0);
    }

    #[test]
    fn logged_uri_is_path_and_query() {
        assert_eq!(path_and_query("https://h.example/v2/M?a=1"), "/v2/M?a=1");
        assert_eq!(path_and_query("https://h.example?a=1"), "?a=1");
        assert_eq!(path_and_query("https://h.example"), "");
    }
}
