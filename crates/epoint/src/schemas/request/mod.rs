//! Request bodies: the official SDK's keyword arguments as structs.
//!
//! Required values go to `new(..)` in the official order; optional ones are chained
//! setters. Amounts are [`Decimal`](crate::Decimal) major units, sent as Python's `str(Decimal)`.
//!
//! Like the response bodies, each request repeats the fields its official schema
//! inherits, so that they stay flat public fields and each type reads on its own.
//!
//! ```
//! use std::str::FromStr;
//! use epoint::Decimal;
//! use epoint::schemas::request::PayRequest;
//!
//! let req = PayRequest::new(Decimal::from_str("10.50").unwrap(), "AZN", "order-1")
//!     .description("Order #1");
//! assert_eq!(req.description.as_deref(), Some("Order #1"));
//! ```

use serde_json::{Map, Value};

use crate::env::Config;

pub use payment::{
    GetTransactionStatusRequest, PayAndSaveCardRequest, PayRequest, PayWithSavedCardRequest,
    PayoutRequest, RefundRequest, SaveCardRequest,
};
pub use split::{SplitPayAndSaveCardRequest, SplitPayRequest, SplitPayWithSavedCardRequest};
pub use token::{
    ApplePaySessionRequest, CreateTokenPaymentRequest, CreateWidgetRequest, TokenPayRequest,
    TokenPaymentId,
};

mod fields;

pub(crate) use fields::Fields;

/// Writes a request's own fields (after the injected `public_key`/`language`).
pub trait RequestFields: crate::sealed::Sealed {
    /// Appends the fields, in the official key order, to `out`.
    fn write_fields(&self, config: &Config, out: &mut Map<String, Value>) {
        self.fields(config, &mut Fields::map(out));
    }

    /// Writes the fields, in the official key order, into a map or as JSON.
    #[doc(hidden)]
    fn fields(&self, config: &Config, out: &mut Fields<'_>);
}

macro_rules! setters {
    ($( $(#[$doc:meta])* $name:ident: $ty:ty ),* $(,)?) => {
        $(
            $(#[$doc])*
            pub fn $name(mut self, value: impl Into<$ty>) -> Self {
                self.$name = Some(value.into());
                self
            }
        )*
    };
}

macro_rules! sealed {
    ($($t:ty),*) => { $( impl crate::sealed::Sealed for $t {} )* };
}

sealed!(
    PayRequest,
    GetTransactionStatusRequest,
    SaveCardRequest,
    PayWithSavedCardRequest,
    PayAndSaveCardRequest,
    PayoutRequest,
    RefundRequest,
    SplitPayRequest,
    SplitPayWithSavedCardRequest,
    SplitPayAndSaveCardRequest,
    CreateWidgetRequest,
    CreateTokenPaymentRequest,
    ApplePaySessionRequest,
    TokenPayRequest
);

// After the macros above, which the request modules use.
mod payment;
mod split;
mod token;
