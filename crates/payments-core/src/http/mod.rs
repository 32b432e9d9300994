//! Provider-neutral HTTP messages and the [`Transport`] trait the SDK clients send through.
//!
//! Clients build an [`HttpRequest`], hand it to a transport and parse the
//! [`HttpResponse`]. A non-2xx status is a response, never a [`TransportError`]; the
//! provider crate decides what it means. Plug in your own transport (proxy, middleware,
//! mock) by implementing [`Transport`].

#[cfg(feature = "blocking")]
pub mod blocking;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
#[cfg(feature = "test-util")]
pub mod test_util;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};

#[cfg(feature = "reqwest")]
pub use reqwest_transport::ReqwestTransport;

/// HTTP request method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// DELETE
    Delete,
    /// PATCH
    Patch,
    /// HEAD
    Head,
}

impl Method {
    /// The upper-case method name.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An ordered, multi-valued header list. Lookups ignore ASCII case; order and
/// duplicates are kept exactly as added.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Headers {
    entries: Vec<(String, String)>,
}

impl Headers {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a header, keeping any existing one of the same name.
    pub fn append(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.entries.push((name.into(), value.into()));
    }

    /// Replaces every header of this name with one value (appended at the end).
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into();
        self.remove(&name);
        self.entries.push((name, value.into()));
    }

    /// Removes every header of this name.
    pub fn remove(&mut self, name: &str) {
        self.entries.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// The first value of a header.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The last value of a header.
    pub fn get_last(&self, name: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a header, in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.entries
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// True when a header of this name is present.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// All `(name, value)` pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Number of entries (duplicates counted).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no headers.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl fmt::Debug for Headers {
    /// Values of credential headers are shown as `[REDACTED]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (name, value) in &self.entries {
            if is_sensitive_header(name) {
                list.entry(&(name, "[REDACTED]"));
            } else {
                list.entry(&(name, value));
            }
        }
        list.finish()
    }
}

impl<N: Into<String>, V: Into<String>> FromIterator<(N, V)> for Headers {
    fn from_iter<T: IntoIterator<Item = (N, V)>>(iter: T) -> Self {
        Self {
            entries: iter
                .into_iter()
                .map(|(n, v)| (n.into(), v.into()))
                .collect(),
        }
    }
}

impl<'a> IntoIterator for &'a Headers {
    type Item = (&'a str, &'a str);
    type IntoIter = Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// True for header names whose values are credentials (`Authorization`, cookies, …).
pub fn is_sensitive_header(name: &str) -> bool {
    [
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
    ]
    .iter()
    .any(|s| name.eq_ignore_ascii_case(s))
}

/// An HTTP request ready to send: method, absolute URL, ordered headers, body bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Method.
    pub method: Method,
    /// Absolute URL, sent as given (already percent-encoded).
    pub url: String,
    /// Headers, in the order they are sent.
    pub headers: Headers,
    /// Body bytes; `None` sends no body.
    pub body: Option<Vec<u8>>,
    /// Per-request total timeout, overriding the transport's default.
    pub timeout: Option<Duration>,
}

impl HttpRequest {
    /// A request without headers or body.
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        Self {
            method,
            url: url.into(),
            headers: Headers::new(),
            body: None,
            timeout: None,
        }
    }

    /// Appends a header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.append(name, value);
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// Sets a per-request timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The body as UTF-8 text (lossy), or `""` without a body.
    pub fn body_text(&self) -> String {
        self.body
            .as_deref()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// An HTTP response: status, headers and the full body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers in received order.
    pub headers: Headers,
    /// Body bytes (decompressed if the transport negotiated compression).
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with a status and body and no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: Headers::new(),
            body: body.into(),
        }
    }

    /// A JSON response (`Content-Type: application/json`).
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self::new(status, body).with_header("Content-Type", "application/json")
    }

    /// Appends a header.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.append(name, value);
        self
    }

    /// True for 2xx statuses.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)
    }

    /// The body as UTF-8 text, replacing invalid sequences.
    pub fn text_lossy(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The first `max_chars` characters of the body, for error messages.
    pub fn snippet(&self, max_chars: usize) -> String {
        body_snippet(&self.body, max_chars)
    }
}

/// The first `max_chars` characters of a body (UTF-8, lossy), for error messages.
pub fn body_snippet(body: &[u8], max_chars: usize) -> String {
    String::from_utf8_lossy(body)
        .chars()
        .take(max_chars)
        .collect()
}

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
    /// Reading or writing failed after the connection was made.
    Io,
    /// The request could not be built (bad URL, bad header); nothing was sent.
    InvalidRequest,
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
            TransportErrorKind::Other => "transport error",
        })
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A failure to get any HTTP response. Says whether the request may have reached the
/// server, which matters before retrying a payment.
#[derive(Debug, thiserror::Error)]
#[error("{kind}: {message}")]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    may_have_been_sent: bool,
    #[source]
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
            source: None,
        }
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

    /// True for [`TransportErrorKind::Timeout`].
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// True for [`TransportErrorKind::Connect`].
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }
}

/// Sends HTTP requests. The SDK clients are generic over this trait; implement it to
/// add middleware, a proxy of your own or a mock.
#[async_trait]
pub trait Transport: Send + Sync {
    /// Sends one request and returns the full response, whatever its status.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

#[async_trait]
impl<T: Transport + ?Sized> Transport for Arc<T> {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(request).await
    }
}

#[async_trait]
impl<T: Transport + ?Sized> Transport for Box<T> {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(request).await
    }
}

/// An HTTP(S) proxy for the built-in transports.
#[derive(Clone)]
pub struct ProxyConfig {
    /// Proxy URL, for example `http://proxy.internal:3128`.
    pub url: String,
    /// Username for proxy basic authentication.
    pub username: Option<String>,
    /// Password for proxy basic authentication.
    pub password: Option<SecretString>,
}

impl ProxyConfig {
    /// A proxy without credentials.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            username: None,
            password: None,
        }
    }

    /// Adds basic-authentication credentials.
    pub fn with_credentials(
        mut self,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.username = Some(username.into());
        self.password = Some(SecretString::from(password.into()));
        self
    }

    /// The password, if any, for building a transport.
    pub fn expose_password(&self) -> Option<&str> {
        self.password.as_ref().map(|p| p.expose_secret())
    }
}

impl fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("url", &self.url)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

/// Settings of the built-in transports.
#[derive(Debug, Clone)]
pub struct TransportConfig {
    /// Time allowed to establish a connection.
    pub connect_timeout: Duration,
    /// Time allowed for the whole request (connect, send, receive the body).
    pub timeout: Duration,
    /// Idle connections kept per host in the pool.
    pub pool_max_idle_per_host: usize,
    /// How long an idle pooled connection is kept.
    pub pool_idle_timeout: Option<Duration>,
    /// Optional proxy for every request.
    pub proxy: Option<ProxyConfig>,
    /// `User-Agent` header value; `None` sends none.
    pub user_agent: Option<String>,
}

impl Default for TransportConfig {
    /// 10 s connect, 30 s total, 10 idle connections per host, 90 s idle timeout.
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            pool_max_idle_per_host: 10,
            pool_idle_timeout: Some(Duration::from_secs(90)),
            proxy: None,
            user_agent: None,
        }
    }
}

impl TransportConfig {
    /// Sets the connect timeout.
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// Sets the total timeout.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// Sets the pool size per host.
    pub fn pool_max_idle_per_host(mut self, n: usize) -> Self {
        self.pool_max_idle_per_host = n;
        self
    }

    /// Sets a proxy.
    pub fn proxy(mut self, proxy: ProxyConfig) -> Self {
        self.proxy = Some(proxy);
        self
    }

    /// Sets the `User-Agent`.
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = Some(ua.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_keep_order_and_ignore_case() {
        let mut h = Headers::new();
        h.append("Accept", "a");
        h.append("X-Dup", "1");
        h.append("x-dup", "2");
        assert_eq!(h.get("ACCEPT"), Some("a"));
        assert_eq!(h.get("X-DUP"), Some("1"));
        assert_eq!(h.get_last("x-dup"), Some("2"));
        assert_eq!(h.get_all("x-dup").collect::<Vec<_>>(), ["1", "2"]);
        h.insert("X-Dup", "3");
        assert_eq!(h.get_all("x-dup").collect::<Vec<_>>(), ["3"]);
        assert_eq!(
            h.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            ["Accept", "X-Dup"]
        );
        h.remove("accept");
        assert_eq!(h.len(), 1);
        assert!(!h.contains("Accept"));
    }

    #[test]
    fn debug_redacts_credentials() {
        let req = HttpRequest::new(Method::Post, "https://x.test/")
            .header("Authorization", "Basic c2VjcmV0Og==")
            .header("Accept", "application/json")
            .body(b"{}".to_vec());
        let dbg = format!("{req:?}");
        assert!(!dbg.contains("c2VjcmV0Og"), "{dbg}");
        assert!(dbg.contains("[REDACTED]"));
        assert!(dbg.contains("application/json"));
        let proxy = ProxyConfig::new("http://p:1").with_credentials("u", "hunter2");
        assert!(!format!("{proxy:?}").contains("hunter2"));
        assert_eq!(proxy.expose_password(), Some("hunter2"));
    }

    #[test]
    fn response_helpers() {
        let r = HttpResponse::json(404, "é".repeat(300));
        assert!(!r.is_success());
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.snippet(200).chars().count(), 200);
        assert!(HttpResponse::new(204, "").is_success());
        assert!(!HttpResponse::new(199, "").is_success());
        assert!(!HttpResponse::new(300, "").is_success());
        assert_eq!(body_snippet(&[0xff, b'a'], 10), "\u{fffd}a");
    }

    #[test]
    fn transport_error_semantics() {
        let e = TransportError::new(TransportErrorKind::Connect, "refused");
        assert!(!e.request_may_have_been_sent());
        assert!(e.is_connect());
        assert_eq!(e.to_string(), "connect error: refused");
        let e = TransportError::new(TransportErrorKind::Timeout, "30s");
        assert!(e.request_may_have_been_sent() && e.is_timeout());
        let e = TransportError::new(TransportErrorKind::Io, "reset")
            .with_source(std::io::Error::other("reset by peer"));
        assert!(std::error::Error::source(&e).is_some());
        assert!(
            !TransportError::new(TransportErrorKind::InvalidRequest, "bad url")
                .request_may_have_been_sent()
        );
        assert!(!TransportError::new(TransportErrorKind::Tls, "cert").request_may_have_been_sent());
        assert!(
            !TransportError::new(TransportErrorKind::Io, "x")
                .with_may_have_been_sent(false)
                .request_may_have_been_sent()
        );
    }

    #[test]
    fn method_names() {
        assert_eq!(Method::Get.to_string(), "GET");
        assert_eq!(Method::Delete.as_str(), "DELETE");
    }
}
