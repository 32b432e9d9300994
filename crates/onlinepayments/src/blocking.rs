//! The blocking twin of the client tree (feature `blocking`): the same factory, client,
//! merchant client and sub-clients, with methods that block instead of returning futures.
//! Request building and response handling are shared with the async client; only the
//! send differs.
//!
//! ```no_run
//! use onlinepayments::blocking::Factory;
//!
//! # fn run() -> Result<(), onlinepayments::Error> {
//! let client = Factory::create_client_from_file("payments_sdk.prp", "apiKey", "apiSecret")?;
//! let response = client.merchant("merchantId").services().test_connection(None)?;
//! # let _ = response;
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use payments_core::http::Method;
use payments_core::http::blocking::BlockingTransport;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::authentication::Authenticator;
use crate::call_context::CallContext;
use crate::communication::{ApiEndpoint, MetadataProvider, RequestHeader};
use crate::communicator::{CommunicatorCore, PreparedRequest, RequestParameters, unmarshal};
use crate::communicator_configuration::CommunicatorConfiguration;
use crate::errors::Error;
use crate::log::{BodyObfuscator, CommunicatorLogger, HeaderObfuscator};

pub use crate::merchant::blocking::MerchantClient;

/// The blocking `Communicator`: sends requests over a [`BlockingTransport`].
pub struct Communicator {
    pub(crate) core: CommunicatorCore,
    transport: Arc<dyn BlockingTransport>,
}

impl fmt::Debug for Communicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.core.fmt(f)
    }
}

impl Communicator {
    /// A communicator from its parts.
    pub fn new(
        api_endpoint: ApiEndpoint,
        connection: Arc<dyn BlockingTransport>,
        authenticator: Arc<dyn Authenticator>,
        metadata_provider: MetadataProvider,
    ) -> Self {
        Self {
            core: CommunicatorCore::new(api_endpoint, authenticator, metadata_provider),
            transport: connection,
        }
    }

    /// The API endpoint.
    pub fn api_endpoint(&self) -> &ApiEndpoint {
        self.core.api_endpoint()
    }

    /// Sends a prepared request and returns the body of a 2xx response (`""` when empty).
    pub(crate) fn exchange(
        &self,
        prepared: PreparedRequest,
        context: Option<&CallContext>,
    ) -> Result<String, Error> {
        let result = self.transport.send(prepared.request.clone());
        self.core.finish(prepared, result, context)
    }

    fn call<B: Serialize + ?Sized, T: DeserializeOwned + Default>(
        &self,
        method: Method,
        relative_path: &str,
        request_headers: &[RequestHeader],
        request_parameters: RequestParameters<'_>,
        request_body: Option<&B>,
        context: Option<&CallContext>,
    ) -> Result<T, Error> {
        let prepared = self.core.prepare_call(
            method,
            relative_path,
            request_headers,
            request_parameters,
            request_body,
            false,
            context,
        )?;
        unmarshal(&self.exchange(prepared, context)?)
    }

    /// GET a resource; see [`crate::Communicator::get`].
    pub fn get<T: DeserializeOwned + Default>(
        &self,
        relative_path: &str,
        request_headers: &[RequestHeader],
        request_parameters: RequestParameters<'_>,
        context: Option<&CallContext>,
    ) -> Result<T, Error> {
        self.call::<(), T>(
            Method::Get,
            relative_path,
            request_headers,
            request_parameters,
            None,
            context,
        )
    }

    /// DELETE a resource; see [`crate::Communicator::get`].
    pub fn delete<T: DeserializeOwned + Default>(
        &self,
        relative_path: &str,
        request_headers: &[RequestHeader],
        request_parameters: RequestParameters<'_>,
        context: Option<&CallContext>,
    ) -> Result<T, Error> {
        self.call::<(), T>(
            Method::Delete,
            relative_path,
            request_headers,
            request_parameters,
            None,
            context,
        )
    }

    /// POST a JSON body; see [`crate::Communicator::post`].
    pub fn post<B: Serialize + ?Sized, T: DeserializeOwned + Default>(
        &self,
        relative_path: &str,
        request_headers: &[RequestHeader],
        request_parameters: RequestParameters<'_>,
        request_body: Option<&B>,
        context: Option<&CallContext>,
    ) -> Result<T, Error> {
        self.call(
            Method::Post,
            relative_path,
            request_headers,
            request_parameters,
            request_body,
            context,
        )
    }

    /// PUT a JSON body; see [`crate::Communicator::post`].
    pub fn put<B: Serialize + ?Sized, T: DeserializeOwned + Default>(
        &self,
        relative_path: &str,
        request_headers: &[RequestHeader],
        request_parameters: RequestParameters<'_>,
        request_body: Option<&B>,
        context: Option<&CallContext>,
    ) -> Result<T, Error> {
        self.call(
            Method::Put,
            relative_path,
            request_headers,
            request_parameters,
            request_body,
            context,
        )
    }

    /// Routes the log messages of every request to `logger`.
    pub fn enable_logging(&self, logger: Arc<dyn CommunicatorLogger>) {
        self.core.enable_logging(logger);
    }

    /// Stops logging.
    pub fn disable_logging(&self) {
        self.core.disable_logging();
    }

    /// Replaces the body obfuscator of the log messages.
    pub fn set_body_obfuscator(&self, obfuscator: BodyObfuscator) {
        self.core.set_body_obfuscator(obfuscator);
    }

    /// Replaces the header obfuscator of the log messages.
    pub fn set_header_obfuscator(&self, obfuscator: HeaderObfuscator) {
        self.core.set_header_obfuscator(obfuscator);
    }

    /// Does nothing: the transport's pool closes idle connections itself.
    pub fn close_idle_connections(&self, _idle_time: Duration) {}

    /// Does nothing: the transport's pool closes expired connections itself.
    pub fn close_expired_connections(&self) {}

    /// Does nothing: connections are closed when the last clone of the transport is dropped.
    pub fn close(&self) {}
}

crate::client::define_client!(
    /// The blocking `Client`; see [`crate::Client`].
    Client,
    Communicator,
    MerchantClient
);

/// The blocking `Factory`; see [`crate::Factory`].
#[derive(Debug, Clone, Copy)]
pub struct Factory;

impl Factory {
    /// Reads a configuration from a properties file and sets the API key id and secret.
    pub fn create_configuration(
        configuration_file_name: impl AsRef<Path>,
        api_key_id: &str,
        secret_api_key: &str,
    ) -> Result<CommunicatorConfiguration, Error> {
        crate::Factory::create_configuration(configuration_file_name, api_key_id, secret_api_key)
    }

    /// A communicator for a configuration; `None` parts get their defaults (the blocking
    /// reqwest transport).
    pub fn create_communicator_from_configuration(
        configuration: &CommunicatorConfiguration,
        metadata_provider: Option<MetadataProvider>,
        connection: Option<Arc<dyn BlockingTransport>>,
        authenticator: Option<Arc<dyn Authenticator>>,
    ) -> Result<Communicator, Error> {
        let (endpoint, authenticator, metadata_provider) =
            crate::factory::parts(configuration, metadata_provider, authenticator)?;
        let connection: Arc<dyn BlockingTransport> = match connection {
            Some(c) => c,
            None => Arc::new(
                payments_core::http::blocking::ReqwestBlockingTransport::new(
                    &crate::factory::transport_config(configuration),
                )
                .map_err(crate::factory::connection_error)?,
            ),
        };
        Ok(Communicator::new(
            endpoint,
            connection,
            authenticator,
            metadata_provider,
        ))
    }

    /// A communicator for a properties file and API key.
    pub fn create_communicator_from_file(
        configuration_file_name: impl AsRef<Path>,
        api_key_id: &str,
        secret_api_key: &str,
        metadata_provider: Option<MetadataProvider>,
        connection: Option<Arc<dyn BlockingTransport>>,
        authenticator: Option<Arc<dyn Authenticator>>,
    ) -> Result<Communicator, Error> {
        let configuration =
            Self::create_configuration(configuration_file_name, api_key_id, secret_api_key)?;
        Self::create_communicator_from_configuration(
            &configuration,
            metadata_provider,
            connection,
            authenticator,
        )
    }

    /// A client for a configuration.
    pub fn create_client_from_configuration(
        configuration: &CommunicatorConfiguration,
        metadata_provider: Option<MetadataProvider>,
        connection: Option<Arc<dyn BlockingTransport>>,
        authenticator: Option<Arc<dyn Authenticator>>,
    ) -> Result<Client, Error> {
        let communicator = Self::create_communicator_from_configuration(
            configuration,
            metadata_provider,
            connection,
            authenticator,
        )?;
        Ok(Client::new(Arc::new(communicator)))
    }

    /// A client on a (shared) communicator.
    pub fn create_client_from_communicator(communicator: impl Into<Arc<Communicator>>) -> Client {
        Client::new(communicator.into())
    }

    /// A client for a properties file and API key, with the default parts.
    pub fn create_client_from_file(
        configuration_file_name: impl AsRef<Path>,
        api_key_id: &str,
        secret_api_key: &str,
    ) -> Result<Client, Error> {
        let configuration =
            Self::create_configuration(configuration_file_name, api_key_id, secret_api_key)?;
        Self::create_client_from_configuration(&configuration, None, None, None)
    }
}
