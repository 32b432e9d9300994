//! [`TransportError`]: no usable HTTP response was received.

use std::fmt;

/// What went wrong in a [`TransportError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be established (DNS, refused, unreachable).
    Connect,
    /// A connect or total timeout elapsed.
    Timeout,
    /// TLS handshake or certificate failure.
    Tls,
    /// Reading or writing failed after the connection was made (reset, truncated body).
    Io,
    /// The request could not be built (bad URL, bad header); nothing was sent.
    InvalidRequest,
    /// The response body is larger than the configured limit; the connection was dropped
    /// without reading the rest.
    BodyTooLarge,
    /// The server answered with a redirect (3xx). API calls never follow redirects: a
    /// payment request is never re-sent to another address.
    Redirect,
    /// Anything else.
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connect error",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Tls => "TLS error",
            TransportErrorKind::Io => "I/O error",
            TransportErrorKind::InvalidRequest => "invalid request",
            TransportErrorKind::BodyTooLarge => "response body too large",
            TransportErrorKind::Redirect => "redirect not followed",
            TransportErrorKind::Other => "transport error",
        })
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A failure to get a usable HTTP response. Says whether the request may have reached the
/// server, which matters before retrying a payment, and how many attempts were made.
///
/// `Display`: `{kind}: {message}`, then ` (after N attempts)` when the call was retried.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    may_have_been_sent: bool,
    attempts: u32,
    status: Option<u16>,
    location: Option<String>,
    source: Option<BoxError>,
}

impl TransportError {
    /// A new error. `may_have_been_sent` defaults from the kind: false for connect, TLS
    /// and invalid-request errors, true otherwise.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        let may_have_been_sent = !matches!(
            kind,
            TransportErrorKind::Connect
                | TransportErrorKind::Tls
                | TransportErrorKind::InvalidRequest
        );
        Self {
            kind,
            message: message.into(),
            may_have_been_sent,
            attempts: 1,
            status: None,
            location: None,
            source: None,
        }
    }

    /// The error for a 3xx answer that was not followed.
    pub fn redirect(status: u16, location: Option<&str>) -> Self {
        let message = match location {
            Some(l) => format!("HTTP {status} to {l:?}"),
            None => format!("HTTP {status} without a Location header"),
        };
        let mut e = Self::new(TransportErrorKind::Redirect, message);
        e.status = Some(status);
        e.location = location.map(str::to_owned);
        e
    }

    /// The error for a body over `limit` bytes (`received` is what was read or announced).
    pub fn body_too_large(limit: usize, received: u64) -> Self {
        Self::new(
            TransportErrorKind::BodyTooLarge,
            format!(
                "the response body exceeds the limit of {limit} bytes ({received} bytes or more)"
            ),
        )
    }

    /// Attaches the underlying error.
    pub fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Overrides whether the request may have been sent.
    pub fn with_may_have_been_sent(mut self, sent: bool) -> Self {
        self.may_have_been_sent = sent;
        self
    }

    /// Records how many attempts were made (set by the runtime).
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts.max(1);
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The message, without the kind prefix.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// True when the server may have received (and acted on) the request. When false,
    /// retrying cannot cause a duplicate.
    pub fn request_may_have_been_sent(&self) -> bool {
        self.may_have_been_sent
    }

    /// How many times the request was sent or tried (1 without retries).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The status of a [`TransportErrorKind::Redirect`].
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The `Location` of a [`TransportErrorKind::Redirect`].
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// True for [`TransportErrorKind::Timeout`].
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// True for [`TransportErrorKind::Connect`].
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }

    /// True when the same request may succeed later: connect, TLS handshake, timeout and
    /// I/O failures. Whether re-sending is safe also depends on
    /// [`request_may_have_been_sent`](Self::request_may_have_been_sent) and on the
    /// operation; the runtime has already retried what it safely could.
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            TransportErrorKind::Connect
                | TransportErrorKind::Tls
                | TransportErrorKind::Timeout
                | TransportErrorKind::Io
        )
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)?;
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_ref()
            .map(|e| e.as_ref() as &(dyn std::error::Error + 'static))
    }
}
