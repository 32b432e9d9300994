//! `Factory`: creates configurations, communicators and clients.

use std::path::Path;
use std::sync::Arc;

use payments_core::http::{Transport, TransportConfig};

use crate::Client;
use crate::authentication::{Authenticator, AuthorizationType, V1HmacAuthenticator};
use crate::communication::MetadataProvider;
use crate::communicator::Communicator;
use crate::communicator_configuration::CommunicatorConfiguration;
use crate::errors::Error;

/// `Factory`: the usual way to create a [`Client`].
///
/// ```no_run
/// use onlinepayments::Factory;
///
/// # fn run() -> Result<(), onlinepayments::Error> {
/// let client = Factory::create_client_from_file("payments_sdk.prp", "apiKey", "apiSecret")?;
/// let merchant_client = client.merchant("merchantId");
/// # let _ = merchant_client;
/// # Ok(())
/// # }
/// ```
///
/// To share a connection pool between clients, create one communicator and clients
/// from it; to plug in a transport of your own (a proxy, middleware, a test double),
/// pass it as `connection`:
///
/// ```
/// use std::sync::Arc;
/// use onlinepayments::{CommunicatorConfiguration, Factory};
/// # use payments_core::http::{HttpRequest, HttpResponse, Transport, TransportError};
/// # #[derive(Debug)] struct YourConnection;
/// # #[async_trait::async_trait]
/// # impl Transport for YourConnection {
/// #     async fn send(&self, _: HttpRequest) -> Result<HttpResponse, TransportError> {
/// #         Ok(HttpResponse::json(200, "{}"))
/// #     }
/// # }
///
/// let configuration = CommunicatorConfiguration::builder()
///     .api_endpoint("https://payment.preprod.direct.worldline-solutions.com")
///     .api_key_id("api_key_id")
///     .secret_api_key("secret_api_key")
///     .integrator("ACME Integrator")
///     .build()?;
/// let communicator = Arc::new(Factory::create_communicator_from_configuration(
///     &configuration,
///     None,
///     Some(Arc::new(YourConnection)),
///     None,
/// )?);
/// let client = Factory::create_client_from_communicator(communicator.clone());
/// let other_client = Factory::create_client_from_communicator(communicator);
/// # let _ = (client, other_client);
/// # Ok::<(), onlinepayments::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Factory;

impl Factory {
    /// Reads a configuration from a properties file and sets the API key id and secret.
    pub fn create_configuration(
        configuration_file_name: impl AsRef<Path>,
        api_key_id: &str,
        secret_api_key: &str,
    ) -> Result<CommunicatorConfiguration, Error> {
        CommunicatorConfiguration::builder_from_file(configuration_file_name)?
            .api_key_id(api_key_id)
            .secret_api_key(secret_api_key)
            .build()
    }

    /// A communicator for a configuration. Every `None` part gets its default: a
    /// [`MetadataProvider`] for the configured integrator and shopping-cart extension, the
    /// reqwest transport with the configured timeouts, pool size and proxy, and a
    /// [`V1HmacAuthenticator`].
    pub fn create_communicator_from_configuration(
        configuration: &CommunicatorConfiguration,
        metadata_provider: Option<MetadataProvider>,
        connection: Option<Arc<dyn Transport>>,
        authenticator: Option<Arc<dyn Authenticator>>,
    ) -> Result<Communicator, Error> {
        let parts = parts(configuration, metadata_provider, authenticator)?;
        let connection = match connection {
            Some(c) => c,
            None => default_connection(configuration)?,
        };
        Ok(Communicator::new(parts.0, connection, parts.1, parts.2))
    }

    /// A communicator for a properties file and API key; see
    /// [`create_communicator_from_configuration`](Self::create_communicator_from_configuration).
    pub fn create_communicator_from_file(
        configuration_file_name: impl AsRef<Path>,
        api_key_id: &str,
        secret_api_key: &str,
        metadata_provider: Option<MetadataProvider>,
        connection: Option<Arc<dyn Transport>>,
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

    /// A client for a configuration; see
    /// [`create_communicator_from_configuration`](Self::create_communicator_from_configuration).
    pub fn create_client_from_configuration(
        configuration: &CommunicatorConfiguration,
        metadata_provider: Option<MetadataProvider>,
        connection: Option<Arc<dyn Transport>>,
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

type Parts = (
    crate::communication::ApiEndpoint,
    Arc<dyn Authenticator>,
    MetadataProvider,
);

/// Endpoint, authenticator and metadata provider of a configuration (shared with the
/// blocking factory).
pub(crate) fn parts(
    configuration: &CommunicatorConfiguration,
    metadata_provider: Option<MetadataProvider>,
    authenticator: Option<Arc<dyn Authenticator>>,
) -> Result<Parts, Error> {
    let endpoint = configuration
        .api_endpoint()
        .cloned()
        .ok_or_else(|| Error::configuration("api_endpoint is required"))?;
    let metadata_provider = match metadata_provider {
        Some(m) => m,
        None => MetadataProvider::new(
            configuration.integrator().unwrap_or_default(),
            configuration.shopping_cart_extension(),
        )?,
    };
    let authenticator: Arc<dyn Authenticator> = match authenticator {
        Some(a) => a,
        None => match AuthorizationType::get_authorization(configuration.authorization_type())? {
            AuthorizationType::V1HMAC => {
                Arc::new(V1HmacAuthenticator::from_configuration(configuration)?)
            }
        },
    };
    Ok((endpoint, authenticator, metadata_provider))
}

/// The transport settings of a configuration.
pub(crate) fn transport_config(configuration: &CommunicatorConfiguration) -> TransportConfig {
    let mut config = TransportConfig::default()
        .connect_timeout(configuration.connect_timeout())
        .timeout(configuration.socket_timeout())
        .pool_max_idle_per_host(configuration.max_connections());
    if let Some(proxy) = configuration.proxy_configuration() {
        config = config.proxy(proxy.to_proxy_config());
    }
    config
}

#[cfg(feature = "reqwest")]
fn default_connection(
    configuration: &CommunicatorConfiguration,
) -> Result<Arc<dyn Transport>, Error> {
    let transport = payments_core::http::ReqwestTransport::new(&transport_config(configuration))
        .map_err(connection_error)?;
    Ok(Arc::new(transport))
}

/// The error for a built-in connection that could not be created (shared with the
/// blocking factory).
#[cfg(feature = "reqwest")]
pub(crate) fn connection_error(e: payments_core::http::TransportError) -> Error {
    Error::Configuration {
        message: "could not create the HTTP connection".into(),
        source: Some(Box::new(e)),
    }
}

#[cfg(not(feature = "reqwest"))]
fn default_connection(
    _configuration: &CommunicatorConfiguration,
) -> Result<Arc<dyn Transport>, Error> {
    let _ = transport_config;
    Err(Error::configuration(
        "no connection given and the `reqwest` feature is off",
    ))
}
