//! HTTP headers of requests (and of webhook deliveries).

use std::fmt;

/// `RequestHeader`: one header name and value.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RequestHeader {
    name: String,
    value: String,
}

impl RequestHeader {
    /// A header.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
        }
    }

    /// The header name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The header value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Debug for RequestHeader {
    /// Credential values (`Authorization`, …) are shown as `[REDACTED]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = if payments_core::http::is_sensitive_header(&self.name) {
            "[REDACTED]"
        } else {
            self.value.as_str()
        };
        write!(f, "{}:{}", self.name, value)
    }
}

impl fmt::Display for RequestHeader {
    /// `name:value`, as Python's `str(RequestHeader)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl<N: Into<String>, V: Into<String>> From<(N, V)> for RequestHeader {
    fn from((name, value): (N, V)) -> Self {
        Self::new(name, value)
    }
}

/// The value of the first header of this name, compared case-insensitively
/// (`response_header.get_header_value`).
pub fn get_header_value<'a>(headers: &'a [RequestHeader], header_name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(header_name))
        .map(|h| h.value.as_str())
}
