//! The client builder, shared by the async and the blocking client.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use payments_core::http::Transport;
use payments_core::runtime::{RetryPolicy, Runtime};

use crate::error::Error;
use crate::wire::{Core, Settings};

/// Builds a client: [`NoPaynClient::builder`](crate::NoPaynClient::builder) gives a
/// `NoPaynClientBuilder<dyn Transport>` (the default), the blocking client's `builder`
/// a `NoPaynClientBuilder<dyn BlockingTransport>`. The setters are the same; `transport`
/// takes the kind of transport the client sends through, and `build` returns that client.
pub struct NoPaynClientBuilder<T: ?Sized = dyn Transport> {
    settings: Settings,
    transport: Option<Arc<T>>,
}

impl<T: ?Sized> fmt::Debug for NoPaynClientBuilder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NoPaynClientBuilder")
            .field("settings", &self.settings)
            .field("custom_transport", &self.transport.is_some())
            .finish()
    }
}

impl<T: ?Sized> NoPaynClientBuilder<T> {
    pub(crate) fn new(api_key: impl Into<String>, merchant_id: impl Into<String>) -> Self {
        NoPaynClientBuilder {
            settings: Settings::new(api_key, merchant_id),
            transport: None,
        }
    }

    /// API base URL (default `https://api.nopayn.co.uk`); trailing slashes are trimmed.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.settings.base_url = base_url.into();
        self
    }

    /// Total time allowed for one request by the built-in transport (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = timeout;
        self
    }

    /// Time allowed to connect by the built-in transport (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.settings.connect_timeout = timeout;
        self
    }

    /// When calls are retried (default [`RetryPolicy::default`]: up to 3 attempts within
    /// 60 s). `get_order` is retried on `429`, `502`, `503`, `504`, resets and timeouts;
    /// the writes only when they certainly did not reach the API.
    /// [`RetryPolicy::none`] sends every call once.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.settings.retry = retry;
        self
    }

    /// Largest response body read by the built-in transport, in bytes (default 16 MiB);
    /// a longer one is a [`TransportErrorKind::BodyTooLarge`] error.
    ///
    /// [`TransportErrorKind::BodyTooLarge`]: payments_core::http::TransportErrorKind::BodyTooLarge
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.settings.max_response_body = bytes;
        self
    }

    pub(crate) fn with_transport(mut self, transport: Arc<T>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The validated core and the runtime on the transport: the one given, else
    /// `default(settings)`.
    pub(crate) fn into_parts(
        self,
        default: fn(&Settings) -> Result<Arc<T>, Error>,
    ) -> Result<(Arc<Core>, Runtime<T>), Error> {
        let core = Arc::new(self.settings.to_core()?);
        let transport = match self.transport {
            Some(t) => t,
            None => default(&self.settings)?,
        };
        Ok((core, Runtime::new(transport, self.settings.retry)))
    }
}

/// The error of a built-in transport that could not be built.
#[cfg(feature = "reqwest")]
pub(crate) fn transport_build_error(e: payments_core::http::TransportError) -> Error {
    Error::Config(format!("could not build the HTTP transport: {e}"))
}
