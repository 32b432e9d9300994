//! Verified callbacks: `payment_page_sdk.callback.Callback`.

use std::fmt;

use payments_core::signing::constant_time_eq;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::process_exception::Error;
use crate::redact::Redacted;
use crate::signature_handler::SignatureHandler;

/// A callback (notification) from the gate.
///
/// [`Gate::handle_callback`](crate::Gate::handle_callback) and [`Callback::new`] return
/// only callbacks whose signature matches. With serde a callback is stored as its body and
/// read back **unverified**; [`Callback::check_signature`] verifies it again.
///
/// The signature is read from `signature`, else from `general.signature`. Before checking,
/// `signature` keys are removed from the top-level object and from objects nested in
/// objects; objects inside lists keep theirs and are signed with them.
///
/// ```
/// use ecommpay::{Callback, Gate, PaymentStatus};
///
/// let gate = Gate::new("secret");
/// let body = r#"{"project_id": 123, "payment": {"id": "order-001", "type": "purchase", "status": "success", "date": "2024-01-01T00:00:00+0000", "method": "card", "sum": {"amount": 1000, "currency": "EUR"}, "description": ""}, "operation": {"id": 17, "type": "sale", "status": "success", "code": "0", "message": "Success", "provider": {"id": 1, "payment_id": "", "auth_code": ""}}, "errors": [{"code": "x", "signature": "inner-list-kept"}], "customer": {"id": "cust 1", "signature": "nested-removed"}, "signature": "Le6Ucyl7+2cXicqjaKMej6F0qFiA3L7yo0/mGw0bpW8hBl2c4d+HYs7+n+vrInFZdEAqsq1DJrEEwUch9itNzQ=="}"#;
/// let callback = gate.handle_callback(body)?;
/// assert_eq!(callback.get_payment_id(), Some("order-001"));
/// assert_eq!(callback.get_payment_status(), Some(PaymentStatus::Success));
/// assert_eq!(callback.get_payment_status().unwrap(), Callback::SUCCESS_STATUS);
/// assert_eq!(callback.get_value("payment.sum.amount"), Some(&1000.into()));
///
/// let tampered = body.replace("\"amount\": 1000", "\"amount\": 1");
/// assert!(gate.handle_callback(&tampered).is_err());
/// # Ok::<(), ecommpay::Error>(())
/// ```
///
/// `Debug` hides the values of `token`, `account_token`, `cvv` and `customer_ssn` keys at
/// any depth (such as the card token `account.token`); the masked card number stays visible.
#[derive(Clone, PartialEq)]
pub struct Callback {
    data: Value,
    signature: String,
}

impl fmt::Debug for Callback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Callback");
        match &self.data {
            Value::Object(map) => debug.field("data", &Redacted(map)),
            // `from_value` admits objects only.
            other => debug.field("data", other),
        };
        debug.field("signature", &self.signature).finish()
    }
}

impl Callback {
    /// Status of a successful payment.
    pub const SUCCESS_STATUS: &'static str = "success";
    /// Status of a declined payment.
    pub const DECLINE_STATUS: &'static str = "decline";
    /// Awaiting the result of 3-D Secure verification.
    pub const AW_3DS_STATUS: &'static str = "awaiting 3ds result";
    /// Awaiting the customer's return from an external provider.
    pub const AW_RED_STATUS: &'static str = "awaiting redirect result";
    /// Awaiting the customer's actions.
    pub const AW_CUS_STATUS: &'static str = "awaiting customer";
    /// Awaiting additional parameters.
    pub const AW_CLA_STATUS: &'static str = "awaiting clarification";
    /// Awaiting capture or cancellation by the project.
    pub const AW_CAP_STATUS: &'static str = "awaiting capture";
    /// The hold of funds was cancelled.
    pub const CANCELLED_STATUS: &'static str = "cancelled";
    /// Fully refunded.
    pub const REFUNDED_STATUS: &'static str = "refunded";
    /// Partially refunded.
    pub const PART_REFUNDED_STATUS: &'static str = "partially refunded";
    /// Being processed by the gate.
    pub const PROCESSING_STATUS: &'static str = "processing";
    /// An error occurred while reviewing the payment data.
    pub const ERROR_STATUS: &'static str = "error";
    /// Refunded before the close of the business day.
    pub const REVERSED_STATUS: &'static str = "reversed";

    /// Parses `data` (a JSON body) and verifies its signature with `signature_handler`, as
    /// the official constructor does.
    ///
    /// # Errors
    ///
    /// [`Error::Decoding`] for invalid JSON, [`Error::SignatureUndefined`] when no signature
    /// is present (or the body is not a JSON object), [`Error::SignatureInvalid`] when the
    /// signature does not match.
    #[doc(alias = "__init__")]
    pub fn new(data: &str, signature_handler: &SignatureHandler) -> Result<Self, Error> {
        Self::verified(Self::decode_response(data)?, signature_handler)
    }

    /// [`Callback::new`] on a body as bytes (invalid UTF-8 is a decoding error).
    #[cfg(feature = "axum")]
    pub(crate) fn from_slice(data: &[u8], handler: &SignatureHandler) -> Result<Self, Error> {
        let data = serde_json::from_slice(data).map_err(|source| Error::Decoding { source })?;
        Self::verified(data, handler)
    }

    fn verified(data: Value, signature_handler: &SignatureHandler) -> Result<Self, Error> {
        let callback = Self::from_value(data)?;
        if callback.check_signature(signature_handler) {
            Ok(callback)
        } else {
            Err(Error::SignatureInvalid {
                signature: callback.signature,
            })
        }
    }

    /// A callback from a decoded body, not verified: the body must be an object with a
    /// signature (`signature`, else `general.signature`).
    fn from_value(data: Value) -> Result<Self, Error> {
        if !data.is_object() {
            return Err(Error::SignatureUndefined);
        }
        let signature = match find_signature(&data)? {
            Value::String(s) => s.clone(),
            // Kept as its JSON text; it never checks.
            other => other.to_string(),
        };
        Ok(Self { data, signature })
    }

    /// Parses a callback body as JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Decoding`] when `raw_data` is not valid JSON.
    pub fn decode_response(raw_data: &str) -> Result<Value, Error> {
        serde_json::from_str(raw_data).map_err(|source| Error::Decoding { source })
    }

    /// Whether the callback's signature matches its content under `signature_handler`'s
    /// key, with the semantics of the official SDK's master branch: the body without its
    /// `signature` keys (those of the top-level object and of objects nested in objects)
    /// is signed and compared, in constant time, with [`Callback::get_signature`].
    ///
    /// A callback from [`Gate::handle_callback`](crate::Gate::handle_callback) has passed
    /// this check already. One restored with serde has not: deserializing reads a stored
    /// callback and verifies nothing, so check it before trusting it again. A signature
    /// that is not a JSON string never matches.
    ///
    /// ```
    /// use ecommpay::{Callback, SignatureHandler};
    ///
    /// let stored = r#"{"payment": {"id": "test-payment", "status": "success"}, "signature": "UGzKT0NC26f4u0niyJSQPx5q3kFFIndwLXeJVXahfCFwbY+Svg1WoXIxzrIyyjWUSLFhT8wAQ5SfBDRHnwm6Yg=="}"#;
    /// let callback: Callback = serde_json::from_str(stored)?;
    /// assert!(callback.check_signature(&SignatureHandler::new("qwerty")));
    /// assert!(!callback.check_signature(&SignatureHandler::new("another key")));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn check_signature(&self, signature_handler: &SignatureHandler) -> bool {
        match (&self.data, find_signature(&self.data)) {
            (Value::Object(object), Ok(Value::String(signature))) => constant_time_eq(
                signature_handler.sign_callback(object).as_bytes(),
                signature.as_bytes(),
            ),
            _ => false,
        }
    }

    /// The `payment` object.
    pub fn get_payment(&self) -> Option<&Value> {
        self.get_value("payment")
    }

    /// `payment.status`, when it is a string.
    pub fn get_payment_status(&self) -> Option<PaymentStatus> {
        self.get_value("payment.status")
            .and_then(Value::as_str)
            .map(PaymentStatus::from)
    }

    /// `payment.id`, when it is a string.
    pub fn get_payment_id(&self) -> Option<&str> {
        self.get_value("payment.id").and_then(Value::as_str)
    }

    /// The signature (from `signature`, else `general.signature`; one that is not a
    /// string as its JSON text).
    pub fn get_signature(&self) -> &str {
        &self.signature
    }

    /// The value at a dot-separated path of object keys (`"payment.sum.amount"`).
    ///
    /// `None` when a key is missing or the path runs through anything but an object
    /// (lists are not indexed).
    pub fn get_value(&self, pathname: &str) -> Option<&Value> {
        lookup(&self.data, pathname)
    }

    /// The whole callback body.
    #[doc(alias = "__data")]
    pub fn data(&self) -> &Value {
        &self.data
    }
}

/// The first non-null of `signature` and `general.signature`.
fn find_signature(data: &Value) -> Result<&Value, Error> {
    lookup(data, "signature")
        .filter(|v| !v.is_null())
        .or_else(|| lookup(data, "general.signature").filter(|v| !v.is_null()))
        .ok_or(Error::SignatureUndefined)
}

/// A callback is stored as its body, signature included.
impl Serialize for Callback {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.data.serialize(serializer)
    }
}

/// Reads a stored callback body **without verifying it** (see [`Callback::check_signature`]).
/// Fails unless the body is an object with a signature.
impl<'de> Deserialize<'de> for Callback {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::from_value(Value::deserialize(deserializer)?).map_err(D::Error::custom)
    }
}

fn lookup<'a>(data: &'a Value, pathname: &str) -> Option<&'a Value> {
    pathname
        .split('.')
        .try_fold(data, |current, key| match current {
            Value::Object(map) => map.get(key),
            _ => None,
        })
}

payments_core::open_enum! {
    /// A payment status (`payment.status`); statuses unknown to this crate are kept
    /// verbatim. The wire texts are the `Callback::*_STATUS` constants.
    PaymentStatus {
        /// `success`
        #[doc(alias = "SUCCESS_STATUS")]
        Success => "success",
        /// `decline`
        #[doc(alias = "DECLINE_STATUS")]
        Decline => "decline",
        /// `awaiting 3ds result`
        #[doc(alias = "AW_3DS_STATUS")]
        Awaiting3ds => "awaiting 3ds result",
        /// `awaiting redirect result`
        #[doc(alias = "AW_RED_STATUS")]
        AwaitingRedirect => "awaiting redirect result",
        /// `awaiting customer`
        #[doc(alias = "AW_CUS_STATUS")]
        AwaitingCustomer => "awaiting customer",
        /// `awaiting clarification`
        #[doc(alias = "AW_CLA_STATUS")]
        AwaitingClarification => "awaiting clarification",
        /// `awaiting capture`
        #[doc(alias = "AW_CAP_STATUS")]
        AwaitingCapture => "awaiting capture",
        /// `cancelled`
        #[doc(alias = "CANCELLED_STATUS")]
        Cancelled => "cancelled",
        /// `refunded`
        #[doc(alias = "REFUNDED_STATUS")]
        Refunded => "refunded",
        /// `partially refunded`
        #[doc(alias = "PART_REFUNDED_STATUS")]
        PartiallyRefunded => "partially refunded",
        /// `processing`
        #[doc(alias = "PROCESSING_STATUS")]
        Processing => "processing",
        /// `error`
        #[doc(alias = "ERROR_STATUS")]
        Error => "error",
        /// `reversed`
        #[doc(alias = "REVERSED_STATUS")]
        Reversed => "reversed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip() {
        let all = [
            Callback::SUCCESS_STATUS,
            Callback::DECLINE_STATUS,
            Callback::AW_3DS_STATUS,
            Callback::AW_RED_STATUS,
            Callback::AW_CUS_STATUS,
            Callback::AW_CLA_STATUS,
            Callback::AW_CAP_STATUS,
            Callback::CANCELLED_STATUS,
            Callback::REFUNDED_STATUS,
            Callback::PART_REFUNDED_STATUS,
            Callback::PROCESSING_STATUS,
            Callback::ERROR_STATUS,
            Callback::REVERSED_STATUS,
        ];
        assert_eq!(PaymentStatus::known().len(), all.len());
        for s in all {
            let status = PaymentStatus::from(s);
            assert!(!matches!(status, PaymentStatus::Unknown(_)), "{s}");
            assert_eq!(status.as_str(), s);
            assert_eq!(status.to_string(), s);
        }
        assert_eq!(
            PaymentStatus::from("brand new"),
            PaymentStatus::Unknown("brand new".into())
        );
        assert_eq!(PaymentStatus::from("brand new"), "brand new");
    }

    #[test]
    fn lookup_walks_objects_only() {
        let v: Value = serde_json::from_str(
            r#"{"a": {"b": [1], "s": "str", "n": null}, "": {"": 5}, "l": ["x"]}"#,
        )
        .unwrap();
        assert_eq!(lookup(&v, "a.b"), Some(&serde_json::json!([1])));
        assert_eq!(lookup(&v, "a.b.0"), None);
        assert_eq!(lookup(&v, "a.s.x"), None);
        assert_eq!(lookup(&v, "a.n"), Some(&Value::Null));
        assert_eq!(lookup(&v, "a.n.x"), None);
        assert_eq!(lookup(&v, "l.x"), None);
        assert_eq!(lookup(&v, "."), Some(&Value::from(5)));
        assert_eq!(lookup(&v, "missing"), None);
    }
}
