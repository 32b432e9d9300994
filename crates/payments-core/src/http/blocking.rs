//! Blocking twin of the transport layer (feature `blocking`).
//!
//! The built-in [`ReqwestBlockingTransport`] runs its own background thread; create and
//! use it outside of an async runtime (inside one, use the async [`super::Transport`]).

use std::sync::Arc;

use super::reqwest_transport::{classify, header_pair, method, proxy, response_headers};
use super::{HttpRequest, HttpResponse, TransportConfig, TransportError, TransportErrorKind};

/// Sends HTTP requests synchronously.
pub trait BlockingTransport: Send + Sync {
    /// Sends one request and returns the full response, whatever its status.
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

impl<T: BlockingTransport + ?Sized> BlockingTransport for Arc<T> {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(request)
    }
}

impl<T: BlockingTransport + ?Sized> BlockingTransport for Box<T> {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(request)
    }
}

/// A blocking transport on `reqwest::blocking` with the same settings as the async one.
#[derive(Debug, Clone)]
pub struct ReqwestBlockingTransport {
    client: reqwest::blocking::Client,
}

impl ReqwestBlockingTransport {
    /// Builds a transport from the settings.
    pub fn new(config: &TransportConfig) -> Result<Self, TransportError> {
        let mut builder = reqwest::blocking::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .pool_max_idle_per_host(config.pool_max_idle_per_host)
            .pool_idle_timeout(config.pool_idle_timeout);
        if let Some(proxy) = proxy(config)? {
            builder = builder.proxy(proxy);
        }
        if let Some(ua) = &config.user_agent {
            builder = builder.user_agent(ua.as_str());
        }
        let client = builder.build().map_err(|e| {
            TransportError::new(TransportErrorKind::Other, "could not build the HTTP client")
                .with_source(e)
                .with_may_have_been_sent(false)
        })?;
        Ok(Self { client })
    }

    /// A transport with [`TransportConfig::default`].
    pub fn with_defaults() -> Result<Self, TransportError> {
        Self::new(&TransportConfig::default())
    }
}

impl BlockingTransport for ReqwestBlockingTransport {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut builder = self
            .client
            .request(method(request.method), request.url.as_str());
        for (name, value) in request.headers.iter() {
            let (name, value) = header_pair(name, value)?;
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        if let Some(timeout) = request.timeout {
            builder = builder.timeout(timeout);
        }
        let response = builder
            .send()
            .map_err(|e| classify(&e, e.to_string()).with_source(e))?;
        let status = response.status().as_u16();
        let headers = response_headers(response.headers());
        let body = response
            .bytes()
            .map_err(|e| {
                classify(&e, e.to_string())
                    .with_source(e)
                    .with_may_have_been_sent(true)
            })?
            .to_vec();
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}
