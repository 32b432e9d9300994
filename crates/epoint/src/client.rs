//! The async client (the official `EPointAsyncRequest`).

use std::fmt;
use std::sync::Arc;

use payments_core::http::Transport;
use payments_core::runtime::Runtime;
use payments_core::secret::ExposeSecret;
use serde_json::{Map, Value};

use crate::env::Config;
use crate::error::{CallbackError, Error};
use crate::handlers::{self, *};
use crate::schemas::callback::DecodedCallbackData;
use crate::schemas::request::*;
use crate::schemas::response::*;

/// Async EPoint client: one method per endpoint, named as in the official SDK.
///
/// Cheap to clone (the transport is shared).
#[doc(alias = "EPointAsyncRequest")]
#[doc(alias = "EPointClientClass")]
#[derive(Clone)]
pub struct EPointClient {
    config: Config,
    runtime: Runtime<dyn Transport>,
}

impl fmt::Debug for EPointClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EPointClient")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

macro_rules! endpoints {
    ($( $(#[$doc:meta])* $method:ident($req:ty) => $handler:ty; )*) => {
        $(
            $(#[$doc])*
            pub async fn $method(
                &self,
                request: &$req,
            ) -> Result<ApiResponse<<$handler as PayloadHandler>::Response>, Error> {
                self.send::<$handler>(request).await
            }
        )*
    };
}

impl EPointClient {
    /// A client on the built-in reqwest transport (the config's timeout, 10 s to
    /// connect, bodies up to the config's limit, no redirects) and the config's retry
    /// policy.
    #[cfg(feature = "reqwest")]
    pub fn new(config: Config) -> Result<Self, Error> {
        let transport = payments_core::http::ReqwestTransport::new(&config.transport_config())?;
        Self::with_transport(config, transport)
    }

    /// A client sending through `transport`: a proxy, middleware, a test double, or the
    /// built-in transport on a reqwest client of yours
    /// (`ReqwestTransport::from_client`). The config's retry policy applies.
    pub fn with_transport(
        config: Config,
        transport: impl Transport + 'static,
    ) -> Result<Self, Error> {
        config.validate()?;
        let transport: Arc<dyn Transport> = Arc::new(transport);
        let runtime = Runtime::new(transport, config.retry_policy.clone());
        Ok(Self { config, runtime })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Signs and sends any endpoint's request: the one place this client sends,
    /// through the runtime (retries as [`PayloadHandler::OPERATION`] allows).
    pub async fn send<H: PayloadHandler>(
        &self,
        request: &H::Request,
    ) -> Result<ApiResponse<H::Response>, Error> {
        let http = handlers::build_request::<H>(&self.config, request)?;
        let exchange = self.runtime.execute(&H::OPERATION, http).await?;
        handlers::handle_exchange::<H>(exchange)
    }

    handlers::with_endpoint_table!(endpoints);

    /// `get_transaction_status`: `POST /api/1/get-status`.
    pub async fn get_transaction_status(
        &self,
        transaction_id: &str,
    ) -> Result<ApiResponse<TransactionStatusResponse>, Error> {
        self.send::<GetTransactionStatusPayloadHandler>(&GetTransactionStatusRequest::new(
            transaction_id,
        ))
        .await
    }

    /// `save_card`: `POST /api/1/card-registration`.
    pub async fn save_card(&self) -> Result<ApiResponse<RedirectUrlWithCardIdResponse>, Error> {
        self.send::<SaveCardPayloadHandler>(&SaveCardRequest).await
    }

    /// `apple_pay_session`: `POST /api/1/token/apple/session`; the merchant session is
    /// returned as raw JSON for Apple's JS SDK.
    pub async fn apple_pay_session(
        &self,
        origin: &str,
    ) -> Result<ApiResponse<Map<String, Value>>, Error> {
        self.send::<ApplePaySessionPayloadHandler>(&ApplePaySessionRequest::new(origin))
            .await
    }

    /// Verifies and decodes a callback body with this client's private key
    /// (see [`crate::decode_callback_data`]).
    pub fn decode_callback_data(&self, body: &[u8]) -> Result<DecodedCallbackData, CallbackError> {
        crate::helpers::decode_callback_data(self.config.private_key.expose_secret(), body)
    }
}
