//! Shared building blocks of the payments SDK workspace.
//!
//! - [`money`]: ISO 4217 currencies and exact amounts in minor units.
//! - [`signing`]: HMAC-SHA256/512, SHA-1, hex/base64 and constant-time verification.
//! - [`secret`]: secret strings that never print.
//! - [`http`]: HTTP messages, the [`http::Transport`] trait and a reqwest implementation
//!   (feature `reqwest`, default), a blocking twin (feature `blocking`) and a replaying test
//!   transport (feature `test-util`).
//! - [`runtime`]: the one place every client sends through: [`runtime::Runtime`] with its
//!   [`runtime::RetryPolicy`], operations marked by [`runtime::Idempotency`], redirects
//!   refused, attempts counted, calls traced (feature `tracing`).
//! - [`ErrorMeta`]: the error vocabulary every provider crate implements.
//! - [`redact`]: masking of credentials, card data and tokens in text.
//! - [`open_enum!`]: enums for provider-owned values that keep unknown values.
//! - [`pyfmt`]: byte-exact Python `json.dumps` and `repr(float)`, for providers that sign
//!   what their Python SDK serialises.
//!
//! ```
//! use payments_core::money::{Currency, Money};
//!
//! let amount = Money::from_major("12.95", Currency::EUR)?;
//! assert_eq!(amount.minor_units(), 1295);
//! # Ok::<(), payments_core::money::MoneyError>(())
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

mod error_meta;
pub mod http;
pub mod money;
mod open_enum;
pub mod pyfmt;
pub mod redact;
pub mod runtime;
pub mod secret;
pub mod signing;

pub use error_meta::{ErrorMeta, is_retryable_status};
pub use money::{Currency, Money, MoneyError};
pub use rust_decimal::Decimal;

/// Re-exports used by this crate's macros; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    #[cfg(feature = "tracing")]
    pub use tracing;
}
pub use secret::{ExposeSecret, SecretString};
