//! JSON marshalling of domain objects (Python `onlinepayments.sdk.json`).
//!
//! [`DefaultMarshaller::marshal`] writes exactly the bytes of the official SDK's
//! `json.dumps(obj.to_dictionary(), indent=4)`: four-space indentation, `ensure_ascii`
//! escapes, keys in field order, unset fields left out, floats in Python `repr`.
//! [`DefaultMarshaller::unmarshal`] reads a body into a domain type: an empty body gives
//! `None`, unknown keys are ignored, a JSON `null` reads as an unset field.
//!
//! ```
//! use onlinepayments::domain::{AmountOfMoney, Order};
//! use onlinepayments::json::DefaultMarshaller;
//!
//! let order = Order::default()
//!     .with_amount_of_money(AmountOfMoney::default().with_amount(1000).with_currency_code("EUR"));
//! let body = DefaultMarshaller::instance().marshal(&order);
//! assert_eq!(
//!     body,
//!     "{\n    \"amountOfMoney\": {\n        \"amount\": 1000,\n        \"currencyCode\": \"EUR\"\n    }\n}"
//! );
//! let back: Option<Order> = DefaultMarshaller::instance().unmarshal(&body)?;
//! assert_eq!(back, Some(order));
//! # Ok::<(), onlinepayments::json::MarshallerSyntaxError>(())
//! ```

mod datetime;
mod error;
pub(crate) mod read;
pub(crate) mod serde_helpers;

pub use datetime::{DateTimeParseError, format_date, format_datetime, parse_date, parse_datetime};
pub use error::MarshallerSyntaxError;

use payments_core::pyfmt::{JsonStyle, to_json_string};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::DataObject;

/// The layout of request bodies: Python's `json.dumps(..., indent=4)`.
pub(crate) const BODY_STYLE: JsonStyle = JsonStyle::Indent {
    width: 4,
    ensure_ascii: true,
};

/// The JSON marshaller of the SDK (Python `DefaultMarshaller`).
#[doc(alias = "Marshaller")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DefaultMarshaller;

impl DefaultMarshaller {
    /// The shared instance (Python `DefaultMarshaller.instance()`).
    pub fn instance() -> Self {
        Self
    }

    /// A domain object as the official SDK writes it:
    /// `json.dumps(obj.to_dictionary(), indent=4)`.
    pub fn marshal<T: DataObject>(&self, object: &T) -> String {
        // `to_dictionary` gives `null` for a value serde cannot represent
        to_json_string(object, BODY_STYLE).unwrap_or_else(|_| "null".to_owned())
    }

    /// Any serialisable value in the layout of [`marshal`](Self::marshal); fails only when
    /// the value's `Serialize` implementation fails.
    pub fn try_marshal<T: Serialize + ?Sized>(
        &self,
        value: &T,
    ) -> Result<String, MarshallerSyntaxError> {
        Ok(to_json_string(value, BODY_STYLE)?)
    }

    /// Reads a body: `Ok(None)` for an empty body (as the official SDK), the value
    /// otherwise. Invalid JSON, or JSON whose values do not have the declared types
    /// (a string where a number is declared, an array where an object is declared, a
    /// malformed date), gives a [`MarshallerSyntaxError`].
    pub fn unmarshal<T: DeserializeOwned>(
        &self,
        body: &str,
    ) -> Result<Option<T>, MarshallerSyntaxError> {
        if body.is_empty() {
            return Ok(None);
        }
        Ok(Some(serde_json::from_str(body)?))
    }

    /// [`unmarshal`](Self::unmarshal) of raw bytes; bytes that are not UTF-8 give a
    /// [`MarshallerSyntaxError`].
    pub fn unmarshal_bytes<T: DeserializeOwned>(
        &self,
        body: &[u8],
    ) -> Result<Option<T>, MarshallerSyntaxError> {
        if body.is_empty() {
            return Ok(None);
        }
        Ok(Some(serde_json::from_slice(body)?))
    }
}

/// Unmarshals `body` as `T` and marshals the result again; an empty body gives an empty
/// string. Used by the registry of domain classes (`domain::round_trip_by_name`).
#[doc(hidden)]
pub fn round_trip<T: DataObject>(body: &str) -> Result<String, MarshallerSyntaxError> {
    let marshaller = DefaultMarshaller::instance();
    Ok(marshaller
        .unmarshal::<T>(body)?
        .map(|v| marshaller.marshal(&v))
        .unwrap_or_default())
}
