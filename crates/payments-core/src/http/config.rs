//! Settings of the built-in transports: [`TransportConfig`] and [`ProxyConfig`].

use std::fmt;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

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
///
/// Redirects are never followed: a 3xx answer comes back as it is (the runtime turns it
/// into a [`super::TransportErrorKind::Redirect`] error).
#[derive(Debug, Clone)]
#[non_exhaustive]
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
    /// Largest response body read, in bytes. A longer body is a
    /// [`super::TransportErrorKind::BodyTooLarge`] error and its connection is dropped.
    pub max_response_body: usize,
}

/// Default [`TransportConfig::max_response_body`]: 16 MiB.
pub const DEFAULT_MAX_RESPONSE_BODY: usize = 16 * 1024 * 1024;
/// Default [`TransportConfig::timeout`]: 30 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default [`TransportConfig::connect_timeout`]: 10 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl Default for TransportConfig {
    /// 10 s connect, 30 s total, no limit on idle connections per host (as reqwest), 90 s
    /// idle timeout, 16 MiB response bodies.
    fn default() -> Self {
        Self {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            pool_max_idle_per_host: usize::MAX,
            pool_idle_timeout: Some(Duration::from_secs(90)),
            proxy: None,
            user_agent: None,
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
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

    /// Sets how long an idle pooled connection is kept (`None`: no limit).
    pub fn pool_idle_timeout(mut self, d: Option<Duration>) -> Self {
        self.pool_idle_timeout = d;
        self
    }

    /// Sets the largest response body read, in bytes.
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }
}
