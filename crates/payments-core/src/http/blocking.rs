//! Blocking twin of the transport layer (feature `blocking`).
//!
//! The built-in [`ReqwestBlockingTransport`] runs its own background thread; create and
//! use it outside of an async runtime (inside one, use the async [`super::Transport`]).

use std::sync::Arc;
use std::time::Duration;

use super::reqwest_transport::{
    BodyBuffer, body_error, build_error, configure, request_builder, response_headers, send_error,
};
use super::{Headers, HttpRequest, HttpResponse, Method, TransportConfig, TransportError};

/// Sends HTTP requests synchronously.
pub trait BlockingTransport: Send + Sync {
    /// Sends one request and returns the full response, whatever its status.
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;

    /// Sends a request the caller keeps; see [`super::Transport::send_ref`].
    fn send_ref(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        self.send(request.clone())
    }
}

macro_rules! forward_blocking_transport {
    ($($pointer:ident),*) => {$(
        impl<T: BlockingTransport + ?Sized> BlockingTransport for $pointer<T> {
            fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
                (**self).send(request)
            }

            fn send_ref(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
                (**self).send_ref(request)
            }
        }
    )*};
}

forward_blocking_transport!(Arc, Box);

/// A blocking transport on `reqwest::blocking` with the same settings and limits as the
/// async [`super::ReqwestTransport`].
#[derive(Debug, Clone)]
pub struct ReqwestBlockingTransport {
    client: reqwest::blocking::Client,
    max_response_body: usize,
}

impl ReqwestBlockingTransport {
    /// Builds a transport from the settings.
    pub fn new(config: &TransportConfig) -> Result<Self, TransportError> {
        let client = Self::client_builder(config)?.build().map_err(build_error)?;
        Ok(Self {
            client,
            max_response_body: config.max_response_body,
        })
    }

    /// A transport with [`TransportConfig::default`].
    pub fn with_defaults() -> Result<Self, TransportError> {
        Self::new(&TransportConfig::default())
    }

    /// A blocking reqwest client builder with the SDK's settings applied; see
    /// [`super::ReqwestTransport::client_builder`].
    pub fn client_builder(
        config: &TransportConfig,
    ) -> Result<reqwest::blocking::ClientBuilder, TransportError> {
        configure!(reqwest::blocking::Client::builder(), config)
    }

    /// A transport on a blocking client of your own; see
    /// [`super::ReqwestTransport::from_client`] for what the SDK then no longer controls
    /// (the client's redirect policy and timeouts).
    pub fn from_client(client: reqwest::blocking::Client) -> Self {
        Self {
            client,
            max_response_body: super::DEFAULT_MAX_RESPONSE_BODY,
        }
    }

    /// Sets the largest response body read, in bytes.
    pub fn with_max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// The underlying reqwest client.
    pub fn client(&self) -> &reqwest::blocking::Client {
        &self.client
    }
}

impl BlockingTransport for ReqwestBlockingTransport {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let HttpRequest {
            method,
            url,
            headers,
            body,
            timeout,
        } = request;
        self.exchange(method, url, &headers, body, timeout)
    }

    fn send_ref(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        self.exchange(
            request.method,
            request.url.as_str(),
            &request.headers,
            request.body.clone(),
            request.timeout,
        )
    }
}

impl ReqwestBlockingTransport {
    /// Sends one request and reads its whole body (up to the limit).
    fn exchange(
        &self,
        method: Method,
        url: impl reqwest::IntoUrl,
        headers: &Headers,
        body: Option<Vec<u8>>,
        timeout: Option<Duration>,
    ) -> Result<HttpResponse, TransportError> {
        let builder = request_builder!(self.client, method, url, headers, body, timeout);
        let mut response = builder.send().map_err(send_error)?;
        let status = response.status().as_u16();
        let headers = response_headers(response.headers());
        let mut body = BodyBuffer::new(self.max_response_body, response.content_length())?;
        body.read_to_end(&mut response, read_error)?;
        Ok(HttpResponse {
            status,
            headers,
            body: body.finish(),
        })
    }
}

/// `reqwest::blocking::Response`'s `Read` wraps reqwest errors in `io::Error`.
fn read_error(e: std::io::Error) -> TransportError {
    let timed_out = e.kind() == std::io::ErrorKind::TimedOut;
    match e.into_inner() {
        Some(inner) => match inner.downcast::<reqwest::Error>() {
            Ok(reqwest_error) => body_error(*reqwest_error),
            Err(other) => io_error(timed_out, other.to_string()).with_source(other),
        },
        None => io_error(timed_out, "reading the response body failed".to_owned()),
    }
}

fn io_error(timed_out: bool, message: String) -> TransportError {
    let kind = if timed_out {
        super::TransportErrorKind::Timeout
    } else {
        super::TransportErrorKind::Io
    };
    TransportError::new(kind, message).with_may_have_been_sent(true)
}
