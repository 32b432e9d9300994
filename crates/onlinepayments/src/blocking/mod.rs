//! The blocking twin of the client tree (feature `blocking`): the same factory, client,
//! merchant client and sub-clients, with methods that block instead of returning futures.
//! Each is expanded from the same definition as its async twin; a call is prepared and
//! finished by the same code, only the send differs.
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

mod client;
pub(crate) mod communicator;
mod factory;

pub use client::Client;
pub use communicator::Communicator;
pub use factory::Factory;

pub use crate::merchant::blocking::MerchantClient;
