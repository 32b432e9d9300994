#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod authentication;
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
pub mod communication;
pub mod domain;
pub mod json;
pub mod log;
pub mod merchant;
pub mod params;
pub mod webhooks;

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

pub use call_context::CallContext;
pub use client::Client;
pub use communicator::{Communicator, RequestParameters, format_date_time, parse_datetime};
pub use communicator_configuration::{
    CommunicatorConfiguration, CommunicatorConfigurationBuilder, SECTION,
};
pub use errors::*;
pub use exception_factory::IDEMPOTENCE_ERROR_CODE;
pub use factory::Factory;
pub use merchant::MerchantClient;
pub use proxy_configuration::ProxyConfiguration;

/// Re-exports of the HTTP layer of `payments-core` used in this crate's API.
pub mod http {
    #[cfg(feature = "blocking")]
    #[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
    pub use payments_core::http::blocking::BlockingTransport;
    #[cfg(feature = "test-util")]
    #[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
    pub use payments_core::http::test_util::ReplayTransport;
    pub use payments_core::http::{
        Headers, HttpRequest, HttpResponse, Method, Transport, TransportConfig, TransportError,
        TransportErrorKind,
    };
}
