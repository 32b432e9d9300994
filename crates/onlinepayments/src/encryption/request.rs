//! What the client encrypts: a payment request or a card token request, and the plaintext
//! JSON both become.

use std::fmt;

use payments_core::secret::{ExposeSecret, SecretString};
use serde::Serialize;

const REDACTED: &str = "[REDACTED]";

/// The device-information setter and the product-id getter, the same on both request types.
macro_rules! shared_methods {
    () => {
        /// Device data that a browser client collects (`collectedDeviceInformation`). Without
        /// it the member is left out, as the native client SDKs do.
        #[must_use]
        pub fn collected_device_information(mut self, info: DeviceInformation) -> Self {
            self.device_information = Some(info);
            self
        }

        /// The payment product id.
        #[doc(alias = "getPaymentProductId")]
        pub fn payment_product_id(&self) -> i32 {
            self.payment_product_id
        }
    };
}

/// Card or account data a customer entered for one payment product.
///
/// The values are the unmasked field values keyed by the product's field ids (`cardNumber`,
/// `expiryDate` as `MMYY`, `cvv`, `cardholderName`, …). They are encrypted in the order
/// they were first set; setting a key again replaces its value in place, and empty values
/// are left out, as the JavaScript client SDK does. `Debug` never shows a value.
///
/// ```
/// use onlinepayments::encryption::PaymentRequest;
///
/// let request = PaymentRequest::new(1)
///     .value("cardNumber", "4012000033330026")
///     .value("expiryDate", "0530")
///     .value("cvv", "123")
///     .tokenize(true);
/// assert!(!format!("{request:?}").contains("4012000033330026"));
/// ```
#[derive(Clone)]
pub struct PaymentRequest {
    payment_product_id: i32,
    values: Vec<(String, SecretString)>,
    tokenize: bool,
    account_on_file_id: Option<String>,
    device_information: Option<DeviceInformation>,
}

impl PaymentRequest {
    /// A request for the payment product `payment_product_id` (1 = Visa, 3 = Mastercard, …).
    pub fn new(payment_product_id: i32) -> Self {
        Self {
            payment_product_id,
            values: Vec::new(),
            tokenize: false,
            account_on_file_id: None,
            device_information: None,
        }
    }

    /// Sets the value of the field `key` (see [`set_value`](Self::set_value)).
    #[must_use]
    pub fn value(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.set_value(key, value);
        self
    }

    /// Sets the value of the field `key`, replacing an earlier value in its place.
    #[doc(alias = "setValue")]
    pub fn set_value(&mut self, key: impl Into<String>, value: impl Into<String>) {
        let key = key.into();
        let value = SecretString::from(value.into());
        match self.values.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.values.push((key, value)),
        }
    }

    /// Asks the platform to store the card as a token (`tokenize`, default `false`).
    #[doc(alias = "setTokenize")]
    #[must_use]
    pub fn tokenize(mut self, tokenize: bool) -> Self {
        self.tokenize = tokenize;
        self
    }

    /// Pays with a stored account on file (`accountOnFileId`).
    #[doc(alias = "setAccountOnFile")]
    #[must_use]
    pub fn account_on_file_id(mut self, id: impl Into<String>) -> Self {
        self.account_on_file_id = Some(id.into());
        self
    }

    shared_methods!();

    /// The keys that have a value, in encryption order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.values.iter().map(|(k, _)| k.as_str())
    }

    pub(crate) fn payload<'a>(&'a self, client_session_id: &'a str, nonce: &'a str) -> Payload<'a> {
        Payload {
            client_session_id,
            nonce,
            payment_product_id: self.payment_product_id,
            tokenize: Some(self.tokenize),
            collected_device_information: self.device_information.as_ref(),
            payment_values: self
                .values
                .iter()
                .map(|(key, value)| (key.as_str(), value.expose_secret()))
                .filter(|(_, value)| !value.is_empty())
                .map(|(key, value)| PaymentValue::text(key, Some(value)))
                .collect(),
            account_on_file_id: self.account_on_file_id.as_deref(),
        }
    }
}

impl fmt::Debug for PaymentRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Values<'a>(&'a [(String, SecretString)]);
        impl fmt::Debug for Values<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_map()
                    .entries(self.0.iter().map(|(k, _)| (k, REDACTED)))
                    .finish()
            }
        }
        f.debug_struct("PaymentRequest")
            .field("payment_product_id", &self.payment_product_id)
            .field("values", &Values(&self.values))
            .field("tokenize", &self.tokenize)
            .field("account_on_file_id", &self.account_on_file_id)
            .field("device_information", &self.device_information)
            .finish()
    }
}

/// Card data to turn into a token (`CreditCardTokenRequest` of the JavaScript client SDK).
///
/// It is encrypted as the JavaScript SDK encrypts it: no `tokenize` member, and
/// `paymentValues` always lists `cardNumber`, `cardholderName`, `expiryDate`, `cvv` and
/// `paymentProductId` (a number) in that order, with no `value` for a field not set.
/// `Debug` never shows a card value.
#[derive(Clone)]
pub struct CreditCardTokenRequest {
    payment_product_id: i32,
    card_number: Option<SecretString>,
    cardholder_name: Option<SecretString>,
    expiry_date: Option<SecretString>,
    security_code: Option<SecretString>,
    device_information: Option<DeviceInformation>,
}

impl CreditCardTokenRequest {
    /// A token request for the card product `payment_product_id`.
    #[doc(alias = "setProductPaymentId")]
    pub fn new(payment_product_id: i32) -> Self {
        Self {
            payment_product_id,
            card_number: None,
            cardholder_name: None,
            expiry_date: None,
            security_code: None,
            device_information: None,
        }
    }

    /// The card number, digits only.
    #[doc(alias = "setCardNumber")]
    #[must_use]
    pub fn card_number(mut self, v: impl Into<String>) -> Self {
        self.card_number = Some(SecretString::from(v.into()));
        self
    }

    /// The name on the card.
    #[doc(alias = "setCardholderName")]
    #[must_use]
    pub fn cardholder_name(mut self, v: impl Into<String>) -> Self {
        self.cardholder_name = Some(SecretString::from(v.into()));
        self
    }

    /// The expiry date as `MMYY`.
    #[doc(alias = "setExpiryDate")]
    #[must_use]
    pub fn expiry_date(mut self, v: impl Into<String>) -> Self {
        self.expiry_date = Some(SecretString::from(v.into()));
        self
    }

    /// The card security code, sent under the key `cvv`.
    #[doc(alias = "setSecurityCode")]
    #[must_use]
    pub fn security_code(mut self, v: impl Into<String>) -> Self {
        self.security_code = Some(SecretString::from(v.into()));
        self
    }

    shared_methods!();

    pub(crate) fn payload<'a>(&'a self, client_session_id: &'a str, nonce: &'a str) -> Payload<'a> {
        let text = |key, v: &'a Option<SecretString>| {
            PaymentValue::text(key, v.as_ref().map(|s| s.expose_secret()))
        };
        Payload {
            client_session_id,
            nonce,
            payment_product_id: self.payment_product_id,
            tokenize: None,
            collected_device_information: self.device_information.as_ref(),
            payment_values: vec![
                text("cardNumber", &self.card_number),
                text("cardholderName", &self.cardholder_name),
                text("expiryDate", &self.expiry_date),
                text("cvv", &self.security_code),
                PaymentValue {
                    key: "paymentProductId",
                    value: Some(Value::Number(self.payment_product_id)),
                },
            ],
            account_on_file_id: None,
        }
    }
}

impl fmt::Debug for CreditCardTokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |v: &Option<SecretString>| v.as_ref().map(|_| REDACTED);
        f.debug_struct("CreditCardTokenRequest")
            .field("payment_product_id", &self.payment_product_id)
            .field("card_number", &shown(&self.card_number))
            .field("cardholder_name", &shown(&self.cardholder_name))
            .field("expiry_date", &shown(&self.expiry_date))
            .field("security_code", &shown(&self.security_code))
            .field("device_information", &self.device_information)
            .finish()
    }
}

/// `collectedDeviceInformation`: what a browser client reports about the device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceInformation {
    /// Minutes to add to local time to get UTC (JavaScript `Date.getTimezoneOffset()`).
    pub timezone_offset_utc_minutes: i32,
    /// The browser locale, e.g. `nl-NL`.
    pub locale: String,
    /// Screen and window data.
    pub browser_data: BrowserData,
}

/// `browserData` of [`DeviceInformation`]. It is written with `javaScriptEnabled: true`
/// first, as a browser client writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct BrowserData {
    /// Colour depth of the screen in bits.
    pub color_depth: u32,
    /// Screen height in pixels.
    pub screen_height: u32,
    /// Screen width in pixels.
    pub screen_width: u32,
    /// Inner height of the window in pixels.
    pub inner_height: u32,
    /// Inner width of the window in pixels.
    pub inner_width: u32,
}

impl BrowserData {
    /// Browser data with these screen and window sizes.
    pub fn new(
        color_depth: u32,
        screen_height: u32,
        screen_width: u32,
        inner_height: u32,
        inner_width: u32,
    ) -> Self {
        Self {
            color_depth,
            screen_height,
            screen_width,
            inner_height,
            inner_width,
        }
    }
}

impl Serialize for BrowserData {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("BrowserData", 6)?;
        s.serialize_field("javaScriptEnabled", &true)?;
        s.serialize_field("colorDepth", &self.color_depth)?;
        s.serialize_field("screenHeight", &self.screen_height)?;
        s.serialize_field("screenWidth", &self.screen_width)?;
        s.serialize_field("innerHeight", &self.inner_height)?;
        s.serialize_field("innerWidth", &self.inner_width)?;
        s.end()
    }
}

/// The plaintext JSON, members in the JavaScript client SDK's order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Payload<'a> {
    pub(crate) client_session_id: &'a str,
    pub(crate) nonce: &'a str,
    pub(crate) payment_product_id: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tokenize: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) collected_device_information: Option<&'a DeviceInformation>,
    pub(crate) payment_values: Vec<PaymentValue<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) account_on_file_id: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct PaymentValue<'a> {
    key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Value<'a>>,
}

impl<'a> PaymentValue<'a> {
    fn text(key: &'a str, value: Option<&'a str>) -> Self {
        Self {
            key,
            value: value.map(Value::Text),
        }
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Value<'a> {
    Text(&'a str),
    Number(i32),
}
