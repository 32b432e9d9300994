//! Settings of a communicator: endpoint, credentials, timeouts, proxy, integrator.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use payments_core::http::{DEFAULT_MAX_RESPONSE_BODY, TransportConfig};
use payments_core::runtime::RetryPolicy;
use payments_core::secret::SecretString;

use crate::authentication::AuthorizationType;
use crate::communication::ApiEndpoint;
use crate::domain::ShoppingCartExtension;
use crate::errors::Error;
use crate::properties::Properties;
use crate::proxy_configuration::ProxyConfiguration;

/// The section of the properties file.
pub const SECTION: &str = "OnlinePaymentsSDK";

/// `CommunicatorConfiguration`: everything needed to create a communicator.
///
/// Defaults: authorization type `v1HMAC`, connect timeout 5 s, socket timeout 60 s (the
/// official SDK waits 300 s), 10 connections, response bodies up to 16 MiB, and the
/// default [`RetryPolicy`] (up to 3 attempts within 60 s; see
/// [`CommunicatorConfigurationBuilder::retry_policy`]). The endpoint, key id, secret and
/// integrator have no default.
///
/// From code:
///
/// ```
/// use onlinepayments::CommunicatorConfiguration;
///
/// let configuration = CommunicatorConfiguration::builder()
///     .api_endpoint("https://payment.preprod.direct.worldline-solutions.com")
///     .api_key_id("apiKeyId")
///     .secret_api_key("secretApiKey")
///     .integrator("ACME Integrator")
///     .build()?;
/// assert_eq!(configuration.max_connections(), 10);
/// # Ok::<(), onlinepayments::Error>(())
/// ```
///
/// From a properties file (section `[OnlinePaymentsSDK]`, keys case-insensitive):
///
/// ```
/// use onlinepayments::CommunicatorConfiguration;
///
/// let properties = "\
/// [OnlinePaymentsSDK]
/// onlinePayments.api.integrator=ACME Integrator
/// onlinePayments.api.endpoint.host=payment.preprod.direct.worldline-solutions.com
/// onlinePayments.api.connectTimeout=5
/// onlinePayments.api.socketTimeout=60
/// onlinePayments.api.maxConnections=10
/// onlinePayments.api.authorizationType=v1HMAC
/// ";
/// let configuration = CommunicatorConfiguration::builder_from_properties(properties)?
///     .api_key_id("apiKeyId")
///     .secret_api_key("secretApiKey")
///     .build()?;
/// assert_eq!(
///     configuration.api_endpoint().map(|e| e.as_url()).as_deref(),
///     Some("https://payment.preprod.direct.worldline-solutions.com")
/// );
/// # Ok::<(), onlinepayments::Error>(())
/// ```
#[derive(Clone)]
pub struct CommunicatorConfiguration {
    api_endpoint: Option<ApiEndpoint>,
    api_key_id: Option<String>,
    secret_api_key: Option<SecretString>,
    authorization_type: String,
    connect_timeout: Duration,
    socket_timeout: Duration,
    max_connections: usize,
    proxy_configuration: Option<ProxyConfiguration>,
    integrator: Option<String>,
    shopping_cart_extension: Option<ShoppingCartExtension>,
    max_response_body: usize,
    retry_policy: RetryPolicy,
}

impl CommunicatorConfiguration {
    /// The default number of connections.
    pub const DEFAULT_MAX_CONNECTIONS: usize = 10;
    /// The default connect timeout.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
    /// The default socket timeout: 60 s, so no call waits longer on a stalled server (the
    /// official SDK waits 300 s).
    pub const DEFAULT_SOCKET_TIMEOUT: Duration = Duration::from_secs(60);

    /// A builder with the defaults.
    pub fn builder() -> CommunicatorConfigurationBuilder {
        CommunicatorConfigurationBuilder::default()
    }

    /// A builder filled from the text of a properties file.
    pub fn builder_from_properties(text: &str) -> Result<CommunicatorConfigurationBuilder, Error> {
        CommunicatorConfigurationBuilder::from_properties(text)
    }

    /// A builder filled from a properties file.
    pub fn builder_from_file(
        path: impl AsRef<Path>,
    ) -> Result<CommunicatorConfigurationBuilder, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::Configuration {
            message: format!("Unable to read configuration located at {}", path.display()),
            source: Some(Box::new(e)),
        })?;
        Self::builder_from_properties(&text)
    }

    /// The API endpoint.
    pub fn api_endpoint(&self) -> Option<&ApiEndpoint> {
        self.api_endpoint.as_ref()
    }

    /// The API key id.
    pub fn api_key_id(&self) -> Option<&str> {
        self.api_key_id.as_deref()
    }

    /// The secret API key.
    pub fn secret_api_key(&self) -> Option<&SecretString> {
        self.secret_api_key.as_ref()
    }

    /// The authorization type (`v1HMAC`).
    pub fn authorization_type(&self) -> &str {
        &self.authorization_type
    }

    /// Time allowed to connect.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// Time allowed for a whole request once connected.
    pub fn socket_timeout(&self) -> Duration {
        self.socket_timeout
    }

    /// Size of the connection pool: how many idle connections to the endpoint are kept for
    /// reuse (10 by default, as in the official SDK). More calls than that may run at once;
    /// the connections past it are closed after their call, so raise it to the number of
    /// concurrent calls you expect.
    pub fn max_connections(&self) -> usize {
        self.max_connections
    }

    /// The proxy.
    pub fn proxy_configuration(&self) -> Option<&ProxyConfiguration> {
        self.proxy_configuration.as_ref()
    }

    /// The integrator (required to create a communicator).
    pub fn integrator(&self) -> Option<&str> {
        self.integrator.as_deref()
    }

    /// The shopping-cart extension.
    pub fn shopping_cart_extension(&self) -> Option<&ShoppingCartExtension> {
        self.shopping_cart_extension.as_ref()
    }

    /// The largest response body the built-in connection reads, in bytes.
    pub fn max_response_body(&self) -> usize {
        self.max_response_body
    }

    /// The settings of the built-in connection: timeouts, pool size, body limit and proxy.
    /// Start a client of your own from them to keep what the configuration says:
    ///
    /// ```
    /// use onlinepayments::{CommunicatorConfiguration, ReqwestTransport};
    ///
    /// let configuration = CommunicatorConfiguration::builder()
    ///     .api_endpoint("https://payment.preprod.direct.worldline-solutions.com")
    ///     .max_connections(64)
    ///     .build()?;
    /// let settings = configuration.transport_config();
    /// assert_eq!(settings.pool_max_idle_per_host, 64);
    /// let client = ReqwestTransport::client_builder(&settings)?
    ///     .tcp_nodelay(true)
    ///     .build()
    ///     .expect("a client");
    /// # let _ = client;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn transport_config(&self) -> TransportConfig {
        let mut config = TransportConfig::default()
            .connect_timeout(self.connect_timeout)
            .timeout(self.socket_timeout)
            .pool_max_idle_per_host(self.max_connections)
            .max_response_body(self.max_response_body);
        if let Some(proxy) = &self.proxy_configuration {
            config = config.proxy(proxy.to_proxy_config());
        }
        config
    }

    /// When calls are retried.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry_policy
    }

    /// A builder holding this configuration, to change some settings.
    pub fn to_builder(&self) -> CommunicatorConfigurationBuilder {
        CommunicatorConfigurationBuilder {
            configuration: self.clone(),
            endpoint_text: None,
        }
    }
}

impl fmt::Debug for CommunicatorConfiguration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CommunicatorConfiguration")
            .field(
                "api_endpoint",
                &self.api_endpoint.as_ref().map(ApiEndpoint::as_url),
            )
            .field("api_key_id", &self.api_key_id)
            .field(
                "secret_api_key",
                &self.secret_api_key.as_ref().map(|_| "[REDACTED]"),
            )
            .field("authorization_type", &self.authorization_type)
            .field("connect_timeout", &self.connect_timeout)
            .field("socket_timeout", &self.socket_timeout)
            .field("max_connections", &self.max_connections)
            .field("proxy_configuration", &self.proxy_configuration)
            .field("integrator", &self.integrator)
            .field("shopping_cart_extension", &self.shopping_cart_extension)
            .field("max_response_body", &self.max_response_body)
            .field("retry_policy", &self.retry_policy)
            .finish()
    }
}

/// Builder of a [`CommunicatorConfiguration`].
#[derive(Debug, Clone)]
pub struct CommunicatorConfigurationBuilder {
    configuration: CommunicatorConfiguration,
    endpoint_text: Option<String>,
}

impl Default for CommunicatorConfigurationBuilder {
    fn default() -> Self {
        Self {
            configuration: CommunicatorConfiguration {
                api_endpoint: None,
                api_key_id: None,
                secret_api_key: None,
                authorization_type: AuthorizationType::V1HMAC_NAME.to_owned(),
                connect_timeout: CommunicatorConfiguration::DEFAULT_CONNECT_TIMEOUT,
                socket_timeout: CommunicatorConfiguration::DEFAULT_SOCKET_TIMEOUT,
                max_connections: CommunicatorConfiguration::DEFAULT_MAX_CONNECTIONS,
                proxy_configuration: None,
                integrator: None,
                shopping_cart_extension: None,
                max_response_body: DEFAULT_MAX_RESPONSE_BODY,
                retry_policy: RetryPolicy::default(),
            },
            endpoint_text: None,
        }
    }
}

fn int_property(props: &Properties, key: &str) -> Result<Option<i64>, Error> {
    props
        .get(SECTION, key)
        .map(|v| {
            v.trim()
                .parse::<i64>()
                .map_err(|_| Error::configuration(format!("invalid integer for {key}: {v:?}")))
        })
        .transpose()
}

fn seconds(key: &str, value: i64) -> Result<Duration, Error> {
    u64::try_from(value)
        .ok()
        .filter(|&s| s > 0)
        .map(Duration::from_secs)
        .ok_or_else(|| Error::configuration(format!("{key} must be positive")))
}

impl CommunicatorConfigurationBuilder {
    /// Reads the `[OnlinePaymentsSDK]` section of a properties file:
    /// `onlinePayments.api.endpoint.host` (required), `.endpoint.scheme` (default `https`),
    /// `.endpoint.port` (none or `-1`: the scheme's port), `onlinePayments.api.authorizationType`,
    /// `.connectTimeout` and `.socketTimeout` (seconds), `.maxConnections`, `.proxy.uri`,
    /// `.proxy.username`, `.proxy.password`, `.integrator` and
    /// `.shoppingCartExtension.creator/.name/.version/.extensionId`.
    pub fn from_properties(text: &str) -> Result<Self, Error> {
        let props = Properties::parse(text)?;
        if !props.has_section(SECTION) {
            return Err(Error::configuration(format!(
                "the properties have no [{SECTION}] section"
            )));
        }
        let get = |key: &str| props.get(SECTION, key).map(str::to_owned);
        let mut builder = Self::default();
        let c = &mut builder.configuration;

        let host = get("onlinePayments.api.endpoint.host")
            .ok_or_else(|| Error::configuration("onlinePayments.api.endpoint.host is required"))?;
        let scheme = get("onlinePayments.api.endpoint.scheme").filter(|s| !s.is_empty());
        let port = match get("onlinePayments.api.endpoint.port").filter(|s| !s.is_empty()) {
            None => None,
            Some(p) => match p.trim().parse::<i64>() {
                Ok(-1) => None,
                Ok(n) => Some(
                    u16::try_from(n)
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or_else(|| Error::configuration("Unable to construct endpoint URI"))?,
                ),
                Err(_) => {
                    return Err(Error::configuration(format!(
                        "invalid endpoint port: {p:?}"
                    )));
                }
            },
        };
        c.api_endpoint = Some(ApiEndpoint::from_parts(
            scheme.as_deref().unwrap_or("https"),
            &host,
            port,
        )?);

        if let Some(t) = get("onlinePayments.api.authorizationType") {
            c.authorization_type = AuthorizationType::get_authorization(&t)?
                .as_str()
                .to_owned();
        }
        if let Some(v) = int_property(&props, "onlinePayments.api.connectTimeout")? {
            c.connect_timeout = seconds("connectTimeout", v)?;
        }
        if let Some(v) = int_property(&props, "onlinePayments.api.socketTimeout")? {
            c.socket_timeout = seconds("socketTimeout", v)?;
        }
        if let Some(v) = int_property(&props, "onlinePayments.api.maxConnections")? {
            c.max_connections = usize::try_from(v)
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| Error::configuration("maxConnections must be positive"))?;
        }
        if let Some(uri) = get("onlinePayments.api.proxy.uri") {
            let user = get("onlinePayments.api.proxy.username");
            let password = get("onlinePayments.api.proxy.password").map(SecretString::from);
            c.proxy_configuration = Some(ProxyConfiguration::from_uri(&uri, user, password)?);
        }
        c.integrator = get("onlinePayments.api.integrator");
        let extension = [
            (
                "creator",
                get("onlinePayments.api.shoppingCartExtension.creator"),
            ),
            ("name", get("onlinePayments.api.shoppingCartExtension.name")),
            (
                "version",
                get("onlinePayments.api.shoppingCartExtension.version"),
            ),
            (
                "extensionId",
                get("onlinePayments.api.shoppingCartExtension.extensionId"),
            ),
        ];
        if extension.iter().any(|(_, v)| v.is_some()) {
            c.shopping_cart_extension = Some(shopping_cart_extension(&extension)?);
        }
        Ok(builder)
    }

    /// Sets the endpoint, e.g. `https://payment.preprod.direct.worldline-solutions.com`
    /// (validated by [`build`](Self::build)).
    pub fn api_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint_text = Some(endpoint.into());
        self
    }

    /// Sets the API key id.
    pub fn api_key_id(mut self, api_key_id: impl Into<String>) -> Self {
        self.configuration.api_key_id = Some(api_key_id.into());
        self
    }

    /// Sets the secret API key.
    pub fn secret_api_key(mut self, secret_api_key: impl Into<String>) -> Self {
        self.configuration.secret_api_key = Some(SecretString::from(secret_api_key.into()));
        self
    }

    /// Sets the authorization type (only `v1HMAC` is supported).
    pub fn authorization_type(mut self, authorization_type: impl Into<String>) -> Self {
        self.configuration.authorization_type = authorization_type.into();
        self
    }

    /// Sets the connect timeout.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.configuration.connect_timeout = timeout;
        self
    }

    /// Sets the socket timeout: the time the built-in connection allows for a whole
    /// request (default 60 s). A retried attempt gets at most what is left of the retry
    /// policy's budget.
    pub fn socket_timeout(mut self, timeout: Duration) -> Self {
        self.configuration.socket_timeout = timeout;
        self
    }

    /// Sets the largest response body the built-in connection reads, in bytes (default
    /// 16 MiB); a longer one is a
    /// [`CommunicationException`](crate::Error::CommunicationException) of kind
    /// [`BodyTooLarge`](payments_core::http::TransportErrorKind::BodyTooLarge), read no
    /// further.
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.configuration.max_response_body = bytes;
        self
    }

    /// Sets when calls are retried (default [`RetryPolicy::default`]: up to 3 attempts,
    /// exponential backoff with full jitter, `Retry-After` honoured up to 10 s, 60 s in
    /// all). Reads (`GET`, and the lookups sent as `POST`: IIN details, DCC rate,
    /// surcharge calculation, payment-link search, webhook credential validation) are
    /// retried on `429`, `502`, `503`, `504`, resets and timeouts; so are writes whose
    /// [`CallContext`](crate::CallContext) has an idempotence key, re-sent with the same
    /// `X-GCS-Idempotence-Key`. Other writes are re-sent only when they certainly did not
    /// reach the platform (connection refused, DNS, TLS handshake).
    /// [`RetryPolicy::none`] sends every call once.
    ///
    /// ```
    /// use std::time::Duration;
    /// use onlinepayments::{CommunicatorConfiguration, RetryPolicy};
    ///
    /// let configuration = CommunicatorConfiguration::builder()
    ///     .api_endpoint("https://payment.preprod.direct.worldline-solutions.com")
    ///     .api_key_id("apiKeyId")
    ///     .secret_api_key("secretApiKey")
    ///     .integrator("ACME Integrator")
    ///     .retry_policy(RetryPolicy::default().max_attempts(5).budget(Duration::from_secs(30)))
    ///     .build()?;
    /// assert_eq!(configuration.retry_policy().attempts(), 5);
    /// # Ok::<(), onlinepayments::Error>(())
    /// ```
    pub fn retry_policy(mut self, retry_policy: RetryPolicy) -> Self {
        self.configuration.retry_policy = retry_policy;
        self
    }

    /// Sets the size of the connection pool (see
    /// [`CommunicatorConfiguration::max_connections`]).
    pub fn max_connections(mut self, max_connections: usize) -> Self {
        self.configuration.max_connections = max_connections;
        self
    }

    /// Sets a proxy.
    pub fn proxy_configuration(mut self, proxy: ProxyConfiguration) -> Self {
        self.configuration.proxy_configuration = Some(proxy);
        self
    }

    /// Sets the integrator, sent in `X-GCS-ServerMetaInfo`.
    pub fn integrator(mut self, integrator: impl Into<String>) -> Self {
        self.configuration.integrator = Some(integrator.into());
        self
    }

    /// Sets the shopping-cart extension, sent in `X-GCS-ServerMetaInfo`.
    pub fn shopping_cart_extension(mut self, extension: ShoppingCartExtension) -> Self {
        self.configuration.shopping_cart_extension = Some(extension);
        self
    }

    /// Validates the endpoint and returns the configuration.
    pub fn build(self) -> Result<CommunicatorConfiguration, Error> {
        let mut configuration = self.configuration;
        if let Some(text) = self.endpoint_text {
            configuration.api_endpoint = Some(ApiEndpoint::parse(&text)?);
        }
        Ok(configuration)
    }
}

fn shopping_cart_extension(
    values: &[(&str, Option<String>)],
) -> Result<ShoppingCartExtension, Error> {
    let mut map = serde_json::Map::new();
    for (key, value) in values {
        let required = *key != "extensionId";
        match value {
            Some(v) if !(required && v.trim().is_empty()) => {
                map.insert((*key).to_owned(), serde_json::Value::String(v.clone()));
            }
            _ if required => return Err(Error::configuration(format!("{key} is required"))),
            _ => {}
        }
    }
    serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| Error::Configuration {
        message: "invalid shopping cart extension".into(),
        source: Some(Box::new(e)),
    })
}
