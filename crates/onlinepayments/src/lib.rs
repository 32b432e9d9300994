//! Rust SDK for the Online Payments server API (Worldline Direct / PAYONE E-Payment),
//! mirroring the official Python SDK `onlinepayments-sdk-python3` 10.3.0.
//!
//! # Coming from Python
//!
//! The same `Factory`, `Client`, `merchant(...)` tree, the same 56 API calls, data
//! classes, exception classes and webhooks helper, under the same names. Rustdoc search
//! finds the Python name of every item whose Rust name differs.
//!
//! | Python | Rust |
//! |---|---|
//! | `Factory.create_client_from_file(file, api_key_id, secret_api_key)` | [`Factory::create_client_from_file`] |
//! | `Factory.create_configuration`, `create_communicator_from_configuration`, `create_communicator_from_file`, `create_client_from_configuration`, `create_client_from_communicator` | the same names on [`Factory`]; `None` for a part takes its default |
//! | `CommunicatorConfiguration(properties, api_key_id=…, …)` | [`CommunicatorConfiguration::builder`], [`CommunicatorConfiguration::builder_from_file`], [`CommunicatorConfiguration::builder_from_properties`] |
//! | `client.merchant(merchant_id)` | [`Client::merchant`] → [`MerchantClient`] |
//! | `merchant_client.payments().create_payment(body, context)` | [`merchant::payments::PaymentsClient::create_payment`]`(&body, Option<&CallContext>).await` |
//! | `IClient`, `IMerchantClient`, `IPaymentsClient`, … (interfaces) | the structs themselves ([`Client`], [`MerchantClient`], [`merchant::payments::PaymentsClient`], …) |
//! | `CreatePaymentRequest()` and `request.order = order` | [`domain::CreatePaymentRequest::default`]`().with_order(order)`: a `with_<field>` setter per property |
//! | `obj.to_dictionary()`, `obj.from_dictionary(d)` | [`domain::DataObject::to_dictionary`], [`domain::DataObject::from_dictionary`]; every data class is `Serialize` + `Deserialize` |
//! | `GetPaymentProductsParams()` and `query.country_code = "FR"` | [`merchant::products::GetPaymentProductsParams`]`::default().with_country_code("FR")` |
//! | `CallContext(idempotence_key)` | [`CallContext::new`]`().with_idempotence_key(..)` |
//! | `except DeclinedPaymentException as e` | `Err(Error::DeclinedPaymentException(e))`, one [`Error`] variant per exception class |
//! | `except ApiException` (any API error) | [`Error::api_exception`], [`Error::is_api_exception`] |
//! | `Webhooks.create_helper(store).unmarshal(body, headers)` | [`webhooks::Webhooks::create_helper`], [`webhooks::WebhooksHelper::unmarshal`], or the [`extract::OnlinePaymentsWebhook`] axum extractor |
//! | `InMemorySecretKeyStore.instance()`, `SecretKeyStore` | [`webhooks::InMemorySecretKeyStore`], [`webhooks::SecretKeyStore`] |
//! | `Connection`, `DefaultConnection`, `PooledConnection` | [`Transport`], [`ReqwestTransport`] (blocking: [`http::BlockingTransport`]) |
//! | `ICommunicator`, `Communicator` | [`Communicator`] |
//! | `Marshaller`, `DefaultMarshaller` | [`json::DefaultMarshaller`] |
//! | `PythonCommunicatorLogger`, `SysOutCommunicatorLogger` | [`log::TracingCommunicatorLogger`] (feature `tracing`), [`log::SysOutCommunicatorLogger`] |
//! | `ProxyConfiguration.from_uri(uri, username, password)` | [`ProxyConfiguration::from_uri`] |
//! | `exception_factory.create_exception(...)` | done by the communicator: the [`Error`] variant for the status |
//! | calls without `await` | [`blocking::Client`] (feature `blocking`), the same tree of methods |
//!
//! Where this crate behaves differently from the official SDK on purpose, the
//! repository's `docs/parity.md` says so, row by row.
//!
//! # Quickstart
//!
//! ```no_run
//! use onlinepayments::domain::{
//!     AmountOfMoney, CreateHostedCheckoutRequest, HostedCheckoutSpecificInput, Order,
//! };
//! use onlinepayments::{CommunicatorConfiguration, Factory};
//!
//! # async fn run() -> Result<(), onlinepayments::Error> {
//! let configuration = CommunicatorConfiguration::builder()
//!     .api_endpoint("https://payment.preprod.direct.worldline-solutions.com")
//!     .api_key_id("apiKey")
//!     .secret_api_key("apiSecret")
//!     .integrator("My Shop")
//!     .build()?;
//! let client = Factory::create_client_from_configuration(&configuration, None, None, None)?;
//!
//! let request = CreateHostedCheckoutRequest::default()
//!     .with_order(Order::default().with_amount_of_money(
//!         AmountOfMoney::default().with_amount(12_300).with_currency_code("EUR"),
//!     ))
//!     .with_hosted_checkout_specific_input(
//!         HostedCheckoutSpecificInput::default().with_return_url("https://shop.example/return"),
//!     );
//! let response = client
//!     .merchant("merchantId")
//!     .hosted_checkout()
//!     .create_hosted_checkout(&request, None)
//!     .await?;
//! println!("redirect the customer to {:?}", response.redirect_url);
//! # Ok(()) }
//! ```
//!
//! # Features
//!
//! - `rustls` (default): the built-in async transport ([`ReqwestTransport`]) with rustls
//!   on the *ring* provider, no C build; `rustls-aws-lc` and `native-tls` are the
//!   alternatives, `reqwest` alone chooses no TLS backend.
//! - `blocking`: [`blocking::Factory`], [`blocking::Client`] and blocking sub-clients.
//! - `tracing`: [`log::TracingCommunicatorLogger`].
//! - `encryption`: `encryption::Encryptor`, client-side encryption of card data.
//! - `axum`: [`extract::OnlinePaymentsWebhook`], an extractor that verifies webhooks.
//! - `test-util`: [`ReplayTransport`], a replaying and recording transport for tests.
//!
//! Everything the API takes or returns is re-exported here ([`Transport`],
//! [`TransportConfig`], [`ProxyConfig`], [`RetryPolicy`], [`SecretString`],
//! [`payments_core`], [`chrono`], [`serde_json`], and `tracing` with its feature), so no
//! other dependency is needed to call any method.
//!
//! <!-- Links to items of features that are off: -->
#![cfg_attr(
    not(feature = "blocking"),
    doc = "\n[`blocking::Client`]: #features\n[`blocking::Factory`]: #features\n[`http::BlockingTransport`]: #features"
)]
#![cfg_attr(
    not(feature = "axum"),
    doc = "\n[`extract::OnlinePaymentsWebhook`]: #features"
)]
#![cfg_attr(not(feature = "reqwest"), doc = "\n[`ReqwestTransport`]: #features")]
#![cfg_attr(not(feature = "test-util"), doc = "\n[`ReplayTransport`]: #features")]
#![cfg_attr(
    not(feature = "tracing"),
    doc = "\n[`log::TracingCommunicatorLogger`]: #features"
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod authentication;
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
pub mod communication;
pub mod domain;
#[cfg(feature = "encryption")]
#[cfg_attr(docsrs, doc(cfg(feature = "encryption")))]
pub mod encryption;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod extract;
pub mod json;
pub mod log;
pub mod merchant;
pub mod params;
pub mod webhooks;

mod api_call;
mod api_resource;
mod call_context;
mod client;
mod communicator;
mod communicator_configuration;
mod errors;
mod exception_factory;
mod factory;
mod properties;
mod proxy_configuration;

pub use api_call::RequestParameters;
pub use call_context::CallContext;
pub use client::Client;
pub use communicator::{Communicator, format_date_time, parse_datetime};
pub use communicator_configuration::{
    CommunicatorConfiguration, CommunicatorConfigurationBuilder, SECTION,
};
#[cfg(feature = "encryption")]
pub use encryption::Encryptor;
pub use errors::*;
pub use exception_factory::IDEMPOTENCE_ERROR_CODE;
pub use factory::Factory;
pub use merchant::MerchantClient;
pub use payments_core::ErrorMeta;
pub use proxy_configuration::ProxyConfiguration;

#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub use payments_core::http::ReqwestTransport;
#[cfg(feature = "test-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub use payments_core::http::test_util::ReplayTransport;
pub use payments_core::http::{
    Headers, HttpRequest, HttpResponse, Method, ProxyConfig, Transport, TransportConfig,
    TransportError, TransportErrorKind,
};
pub use payments_core::runtime::{Idempotency, RetryPolicy};
pub use payments_core::secret::{ExposeSecret, SecretString};
/// The `tracing` crate, whose `Level` [`log::TracingCommunicatorLogger`] takes.
#[cfg(feature = "tracing")]
#[cfg_attr(docsrs, doc(cfg(feature = "tracing")))]
pub use tracing;
pub use {chrono, payments_core, serde_json};

/// The HTTP layer of `payments-core` as this crate's API uses it: the transports (Python
/// `Connection`, `DefaultConnection`, `PooledConnection`), their settings and messages.
#[doc(
    alias = "Connection",
    alias = "DefaultConnection",
    alias = "PooledConnection"
)]
pub mod http {
    /// The attribute macro for implementing [`Transport`] (and `BlockingTransport`).
    pub use async_trait::async_trait;
    #[cfg(feature = "reqwest")]
    #[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
    pub use payments_core::http::ReqwestTransport;
    #[cfg(feature = "blocking")]
    #[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
    pub use payments_core::http::blocking::{BlockingTransport, ReqwestBlockingTransport};
    #[cfg(feature = "test-util")]
    #[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
    pub use payments_core::http::test_util::ReplayTransport;
    pub use payments_core::http::{
        DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BODY, DEFAULT_TIMEOUT, Headers, HttpRequest,
        HttpResponse, Method, ProxyConfig, Transport, TransportConfig, TransportError,
        TransportErrorKind,
    };
}

/// The README's examples, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
