//! `Factory`: creates configurations, communicators and clients. `define_factory!`
//! defines it over a transport; expanded here for the async factory and in
//! `blocking/factory.rs` for the blocking one.

use std::path::Path;
use std::sync::Arc;

use payments_core::http::Transport;

use crate::authentication::{Authenticator, AuthorizationType, V1HmacAuthenticator};
use crate::communication::{ApiEndpoint, MetadataProvider};
use crate::communicator_configuration::CommunicatorConfiguration;
use crate::errors::Error;

/// Defines a factory of communicators over `$Transport` and of clients over them;
/// `$default_connection` creates the built-in transport for a configuration.
macro_rules! define_factory {
    (
        $(#[$doc:meta])*
        $Factory:ident, $Communicator:ty, $Client:ty, $Transport:ty, $default_connection:path
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $Factory;

        impl $Factory {
            /// Reads a configuration from a properties file and sets the API key id and secret.
            pub fn create_configuration(
                configuration_file_name: impl AsRef<std::path::Path>,
                api_key_id: &str,
                secret_api_key: &str,
            ) -> Result<crate::CommunicatorConfiguration, crate::Error> {
                crate::factory::configuration(configuration_file_name, api_key_id, secret_api_key)
            }

            /// A communicator for a configuration. Every `None` part gets its default: a
            /// [`MetadataProvider`](crate::communication::MetadataProvider) for the
            /// configured integrator and shopping-cart extension, the built-in reqwest
            /// transport with the configured timeouts, pool size, body limit and proxy, and
            /// a [`V1HmacAuthenticator`](crate::authentication::V1HmacAuthenticator). The
            /// communicator retries as the configuration's
            /// [`retry_policy`](crate::CommunicatorConfiguration::retry_policy) says,
            /// whichever connection it sends through.
            pub fn create_communicator_from_configuration(
                configuration: &crate::CommunicatorConfiguration,
                metadata_provider: Option<crate::communication::MetadataProvider>,
                connection: Option<std::sync::Arc<$Transport>>,
                authenticator: Option<std::sync::Arc<dyn crate::authentication::Authenticator>>,
            ) -> Result<$Communicator, crate::Error> {
                let (endpoint, authenticator, metadata_provider) =
                    crate::factory::parts(configuration, metadata_provider, authenticator)?;
                let connection = match connection {
                    Some(connection) => connection,
                    None => $default_connection(configuration)?,
                };
                Ok(<$Communicator>::new(endpoint, connection, authenticator, metadata_provider)
                    .with_retry_policy(configuration.retry_policy().clone()))
            }

            /// A communicator for a properties file and API key; see
            /// [`create_communicator_from_configuration`](Self::create_communicator_from_configuration).
            pub fn create_communicator_from_file(
                configuration_file_name: impl AsRef<std::path::Path>,
                api_key_id: &str,
                secret_api_key: &str,
                metadata_provider: Option<crate::communication::MetadataProvider>,
                connection: Option<std::sync::Arc<$Transport>>,
                authenticator: Option<std::sync::Arc<dyn crate::authentication::Authenticator>>,
            ) -> Result<$Communicator, crate::Error> {
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
                configuration: &crate::CommunicatorConfiguration,
                metadata_provider: Option<crate::communication::MetadataProvider>,
                connection: Option<std::sync::Arc<$Transport>>,
                authenticator: Option<std::sync::Arc<dyn crate::authentication::Authenticator>>,
            ) -> Result<$Client, crate::Error> {
                let communicator = Self::create_communicator_from_configuration(
                    configuration,
                    metadata_provider,
                    connection,
                    authenticator,
                )?;
                Ok(<$Client>::new(std::sync::Arc::new(communicator)))
            }

            /// A client on a (shared) communicator.
            pub fn create_client_from_communicator(
                communicator: impl Into<std::sync::Arc<$Communicator>>,
            ) -> $Client {
                <$Client>::new(communicator.into())
            }

            /// A client for a properties file and API key, with the default parts.
            pub fn create_client_from_file(
                configuration_file_name: impl AsRef<std::path::Path>,
                api_key_id: &str,
                secret_api_key: &str,
            ) -> Result<$Client, crate::Error> {
                let configuration =
                    Self::create_configuration(configuration_file_name, api_key_id, secret_api_key)?;
                Self::create_client_from_configuration(&configuration, None, None, None)
            }

            /// [`create_client_from_file`](Self::create_client_from_file) with a retry
            /// policy of your own instead of the default one (see
            /// [`CommunicatorConfigurationBuilder::retry_policy`](crate::CommunicatorConfigurationBuilder::retry_policy)
            /// for what is retried).
            pub fn create_client_from_file_with_retry_policy(
                configuration_file_name: impl AsRef<std::path::Path>,
                api_key_id: &str,
                secret_api_key: &str,
                retry_policy: payments_core::runtime::RetryPolicy,
            ) -> Result<$Client, crate::Error> {
                let configuration =
                    Self::create_configuration(configuration_file_name, api_key_id, secret_api_key)?
                        .to_builder()
                        .retry_policy(retry_policy)
                        .build()?;
                Self::create_client_from_configuration(&configuration, None, None, None)
            }
        }
    };
}

pub(crate) use define_factory;

crate::factory::define_factory!(
    /// `Factory`: the usual way to create a [`Client`](crate::Client).
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
    Factory,
    crate::communicator::Communicator,
    crate::client::Client,
    dyn Transport,
    default_connection
);

/// Reads a configuration from a properties file and sets the API key id and secret.
pub(crate) fn configuration(
    configuration_file_name: impl AsRef<Path>,
    api_key_id: &str,
    secret_api_key: &str,
) -> Result<CommunicatorConfiguration, Error> {
    CommunicatorConfiguration::builder_from_file(configuration_file_name)?
        .api_key_id(api_key_id)
        .secret_api_key(secret_api_key)
        .build()
}

/// Endpoint, authenticator and metadata provider of a configuration; `None` parts get
/// their defaults.
pub(crate) fn parts(
    configuration: &CommunicatorConfiguration,
    metadata_provider: Option<MetadataProvider>,
    authenticator: Option<Arc<dyn Authenticator>>,
) -> Result<(ApiEndpoint, Arc<dyn Authenticator>, MetadataProvider), Error> {
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

#[cfg(feature = "reqwest")]
fn default_connection(
    configuration: &CommunicatorConfiguration,
) -> Result<Arc<dyn Transport>, Error> {
    let transport = payments_core::http::ReqwestTransport::new(&configuration.transport_config())
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
    Err(Error::configuration(
        "no connection given and the `reqwest` feature is off",
    ))
}
