//! Provider-neutral HTTP messages and the [`Transport`] trait the SDK clients send through.
//!
//! Clients build an [`HttpRequest`], hand it to the [`crate::runtime`] (which sends it
//! through a transport, retrying where that is safe) and parse the [`HttpResponse`]. A
//! non-2xx status is a response, never a [`TransportError`]; the provider crate decides
//! what it means. Plug in your own transport (proxy, middleware, mock) by implementing
//! [`Transport`].
//!
//! The built-in transports ([`ReqwestTransport`], and `blocking::ReqwestBlockingTransport`
//! with the `blocking` feature) never follow redirects, read bodies up to
//! [`TransportConfig::max_response_body`] and time out after [`TransportConfig::timeout`].

#[cfg(feature = "blocking")]
pub mod blocking;
mod config;
mod error;
mod message;
mod path;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
#[cfg(feature = "test-util")]
pub mod test_util;
#[cfg(feature = "reqwest")]
mod tls;

use std::sync::Arc;

use async_trait::async_trait;

pub use crate::redact::is_sensitive_header;
pub use config::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BODY, DEFAULT_TIMEOUT, ProxyConfig,
    TransportConfig,
};
pub use error::{TransportError, TransportErrorKind};
pub use message::{Headers, HttpRequest, HttpResponse, Method, body_snippet};
pub use path::{PATH_SEGMENT, encode_path_segment};
#[cfg(feature = "reqwest")]
pub use reqwest_transport::ReqwestTransport;

/// Sends HTTP requests. The SDK clients are generic over this trait; implement it to
/// add middleware, a proxy of your own or a mock.
///
/// An implementation returns every response it receives, whatever its status, and
/// reports in [`TransportError::request_may_have_been_sent`] whether a failed request may
/// have reached the server: the runtime re-sends a non-idempotent request only when it
/// certainly did not.
#[async_trait]
pub trait Transport: Send + Sync {
    /// Sends one request and returns the full response, whatever its status.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;

    /// Sends a request the caller keeps, to send it again if the attempt fails. The
    /// runtime uses it for every attempt but the last. The default sends a copy through
    /// [`send`](Self::send); the built-in transports read the request in place.
    async fn send_ref(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        self.send(request.clone()).await
    }
}

macro_rules! forward_transport {
    ($($pointer:ident),*) => {$(
        #[async_trait]
        impl<T: Transport + ?Sized> Transport for $pointer<T> {
            async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
                (**self).send(request).await
            }

            async fn send_ref(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
                (**self).send_ref(request).await
            }
        }
    )*};
}

forward_transport!(Arc, Box);

#[cfg(test)]
mod tests;
