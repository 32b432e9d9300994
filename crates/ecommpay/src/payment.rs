//! Payment parameters: `payment_page_sdk.payment.Payment`.

use std::fmt::{self, Write as _};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::process_exception::Error;
use crate::redact::Redacted;

/// The parameters of one Payment Page request, in first-insertion order.
///
/// Starts with `project_id`, `interface_type` (`{"id": 24}`) and, unless empty,
/// `payment_id`. Any parameter can be set with [`Payment::set`]; every parameter documented
/// by the official SDK also has a typed setter of the same name. Setting a parameter again
/// replaces its value and keeps its position (the order of the Payment Page URL).
///
/// ```
/// use ecommpay::Payment;
///
/// let payment = Payment::new("186", "ECT_TEST_1555943554067")
///     .payment_amount(1001)
///     .payment_currency("RUB")
///     .set("frame_mode", "popup");
/// let keys: Vec<&str> = payment.get_params().keys().map(String::as_str).collect();
/// assert_eq!(keys, ["project_id", "interface_type", "payment_id", "payment_amount", "payment_currency", "frame_mode"]);
/// assert_eq!(payment.get_params()["interface_type"], r#"{"id": 24}"#);
/// ```
///
/// With serde a payment is stored as its parameter map, in order; reading one back requires
/// `project_id` and `interface_type` as its first two parameters. `Debug` hides the values of
/// `account_token`, `token`, `cvv` and `customer_ssn` keys at any depth.
#[derive(Clone, PartialEq)]
pub struct Payment {
    params: Map<String, Value>,
}

impl fmt::Debug for Payment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Payment")
            .field("params", &Redacted(&self.params))
            .finish()
    }
}

impl Serialize for Payment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.params.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Payment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let params = Map::<String, Value>::deserialize(deserializer)?;
        let mut keys = params.keys().map(String::as_str);
        if (keys.next(), keys.next()) != (Some("project_id"), Some("interface_type")) {
            return Err(D::Error::custom(
                "a payment starts with the parameters project_id and interface_type",
            ));
        }
        Ok(Self { params })
    }
}

impl Payment {
    /// Payment type: payment from the customer's account.
    pub const PURCHASE_TYPE: &'static str = "purchase";
    /// Payment type: payment to the customer's account.
    pub const PAYOUT_TYPE: &'static str = "payout";
    /// Payment type: recurring payment.
    pub const RECURRING_TYPE: &'static str = "recurring";
    /// The SDK's interface identifier, sent as `interface_type={"id": 24}`.
    pub const INTERFACE_TYPE: i64 = 24;

    /// A payment of project `project_id` (a string or an integer, kept as given) with
    /// `payment_id`, which is left out when empty.
    #[doc(alias = "__init__")]
    pub fn new(project_id: impl Into<Value>, payment_id: impl Into<String>) -> Self {
        let mut params = Map::new();
        params.insert("project_id".to_owned(), project_id.into());
        params.insert(
            "interface_type".to_owned(),
            Value::String(format!("{{\"id\": {}}}", Self::INTERFACE_TYPE)),
        );
        let payment_id = payment_id.into();
        if !payment_id.is_empty() {
            params.insert("payment_id".to_owned(), Value::String(payment_id));
        }
        Self { params }
    }

    /// Sets any parameter by name. A parameter set again keeps its first position.
    ///
    /// The value is stored as given; unlike the typed [`Payment::best_before`], a
    /// `best_before` set here is not converted.
    #[doc(alias = "__setattr__", alias = "setattr")]
    #[must_use]
    pub fn set(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.insert(name, value);
        self
    }

    /// Sets any parameter by name in place (see [`Payment::set`]).
    #[doc(alias = "__setattr__", alias = "setattr")]
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<Value>) -> &mut Self {
        // serde_json's `preserve_order` map keeps the position of an existing key on insert.
        self.params.insert(name.into(), value.into());
        self
    }

    /// The parameters in first-insertion order (what is signed and sent).
    pub fn get_params(&self) -> &Map<String, Value> {
        &self.params
    }

    /// Sets `booking_info` as ECommPay's PHP SDK does (`setBookingInfo`): the standard base64
    /// of `info` encoded as PHP's `json_encode` (no spaces, `/` as `\/`, non-ASCII as
    /// `\uXXXX`, floats in PHP's shortest form). Maps and structs become objects, sequences
    /// arrays. Setting it again keeps its first position.
    ///
    /// ```
    /// use ecommpay::Payment;
    ///
    /// #[derive(serde::Serialize)]
    /// struct Stay<'a> { first_name: &'a str, surname: &'a str, start_date: &'a str, end_date: &'a str }
    ///
    /// let stay = Stay { first_name: "Joe", surname: "Doe", start_date: "21-01-2025", end_date: "22-01-2025" };
    /// let payment = Payment::new(100, "test payment id").booking_info(&stay)?;
    /// assert_eq!(
    ///     payment.get_params()["booking_info"],
    ///     "eyJmaXJzdF9uYW1lIjoiSm9lIiwic3VybmFtZSI6IkRvZSIsInN0YXJ0X2RhdGUiOiIyMS0wMS0yMDI1IiwiZW5kX2RhdGUiOiIyMi0wMS0yMDI1In0="
    /// );
    /// # Ok::<(), ecommpay::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As PHP: [`Error::EmptyBookingInfo`] for an object or list without entries,
    /// [`Error::InvalidBookingInfo`] for anything `json_encode` refuses (a string that is not
    /// UTF-8, a NaN or infinite float, more than 512 levels of nesting) and for a value that is
    /// not an object or a list.
    ///
    /// # Differences from PHP
    ///
    /// A PHP array is a list when its keys are `0, 1, …`, and keys made of digits are
    /// integers; here a map is always an object, so `{"0": "a"}` stays an object (PHP: `["a"]`)
    /// and an empty nested map is `{}` (PHP: `[]`). Integers beyond `i64` are written exactly
    /// (PHP has no such integers).
    #[doc(alias = "setBookingInfo")]
    pub fn booking_info<T: Serialize + ?Sized>(self, info: &T) -> Result<Self, Error> {
        Ok(self.set("booking_info", crate::booking_info::encode(info)?))
    }

    /// Date and time when the payment period expires, rendered as Python's `isoformat()`
    /// (`2055-05-05T00:00:00`, `2055-05-05T00:00:00.000006`, `2055-05-05T00:00:00+00:00`).
    #[must_use]
    pub fn best_before(self, best_before: impl IsoFormat) -> Self {
        self.set("best_before", best_before.isoformat())
    }
}

macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident: $kind:ident;)*) => {
        impl Payment {
            $( setters!(@one $(#[$doc])* $name $kind); )*
        }
    };
    (@one $(#[$doc:meta])* $name:ident str) => {
        $(#[$doc])*
        #[must_use]
        pub fn $name(self, value: impl Into<String>) -> Self {
            self.set(stringify!($name), value.into())
        }
    };
    (@one $(#[$doc:meta])* $name:ident int) => {
        $(#[$doc])*
        #[must_use]
        pub fn $name(self, value: i64) -> Self {
            self.set(stringify!($name), value)
        }
    };
    (@one $(#[$doc:meta])* $name:ident bool) => {
        $(#[$doc])*
        #[must_use]
        pub fn $name(self, value: bool) -> Self {
            self.set(stringify!($name), value)
        }
    };
}

setters! {
    /// Token of the bank card to use for the payment.
    account_token: str;
    /// Type of the card operation.
    card_operation_type: str;
    /// What a click outside the modal widget does.
    close_on_missclick: bool;
    /// An additional CSS class for the modal window.
    css_modal_wrap: str;
    /// The customer's identifier in the project.
    customer_id: str;
    /// Forces opening the ACS page in a new window.
    force_acs_new_window: bool;
    /// The payment method opened by default.
    force_payment_method: str;
    /// Language of the payment page (ISO 639-1 alpha-2).
    language_code: str;
    /// The payment block in the list of payment methods.
    list_payment_block: str;
    /// Where the customer returns after a failed payment.
    merchant_fail_url: str;
    /// Where the customer returns after a successful payment.
    merchant_success_url: str;
    /// Payment Page mode.
    mode: str;
    /// Amount in minor units of the currency.
    payment_amount: int;
    /// Currency (ISO 4217 alpha-3).
    payment_currency: str;
    /// Payment description.
    payment_description: str;
    /// The payment's identifier, unique within the project.
    payment_id: str;
    /// Registers the payment as recurring.
    recurring_register: bool;
    /// Customer's first name.
    customer_first_name: str;
    /// Customer's last name.
    customer_last_name: str;
    /// Customer's phone number (4 to 24 digits).
    customer_phone: str;
    /// Customer's e-mail address.
    customer_email: str;
    /// Country of the customer's address (ISO 3166-1 alpha-2).
    customer_country: str;
    /// State or region of the customer's address.
    customer_state: str;
    /// City of the customer's address.
    customer_city: str;
    /// Customer's date of birth (`DD-MM-YYYY`).
    customer_day_of_birth: str;
    /// Last four digits of the customer's US social security number.
    customer_ssn: int;
    /// Postal code of the billing address.
    billing_postal: str;
    /// Country of the billing address (ISO 3166-1 alpha-2).
    billing_country: str;
    /// Region or state of the billing address.
    billing_region: str;
    /// City of the billing address.
    billing_city: str;
    /// Street of the billing address.
    billing_address: str;
    /// Opens the payment page in a separate tab.
    redirect: bool;
    /// Redirection mode after a failed payment.
    redirect_fail_mode: str;
    /// Where the customer is redirected after a failed payment.
    redirect_fail_url: str;
    /// Opens the payment page in a separate tab on mobile devices only.
    redirect_on_mobile: bool;
    /// Redirection mode after a successful payment.
    redirect_success_mode: str;
    /// Where the customer is redirected after a successful payment.
    redirect_success_url: str;
    /// Redirection mode once a token is generated.
    redirect_tokenize_mode: str;
    /// Where the customer is redirected after a token is generated.
    redirect_tokenize_url: str;
    /// Region (ISO 3166-1 alpha-2); by default taken from the customer's IP address.
    region_code: str;
    /// The element the payment page iframe is embedded in.
    target_element: str;
    /// Payment Page template to run regardless of regional and A/B settings.
    terminal_id: int;
    /// Base Payment Page address, when its domain differs from the one serving the scripts.
    baseurl: str;
    /// An additional parameter forwarded to the gate.
    payment_extra_param: str;
}

/// A date or date-time that renders like Python's `isoformat()`.
///
/// Python keeps microseconds, so finer digits are dropped; the fraction is written only
/// when non-zero. An offset is written as `+HH:MM` (with `:SS` when it has seconds).
#[doc(alias = "isoformat")]
pub trait IsoFormat {
    /// The `isoformat()` text.
    fn isoformat(&self) -> String;
}

impl IsoFormat for NaiveDate {
    fn isoformat(&self) -> String {
        let mut out = String::with_capacity(10);
        write_date(&mut out, self);
        out
    }
}

impl IsoFormat for NaiveDateTime {
    fn isoformat(&self) -> String {
        let mut out = String::with_capacity(26);
        write_date(&mut out, &self.date());
        let _ = write!(
            out,
            "T{:02}:{:02}:{:02}",
            self.hour(),
            self.minute(),
            self.second()
        );
        // A leap second is held as nanoseconds >= 1e9; Python has no such value.
        let micros = (self.nanosecond() % 1_000_000_000) / 1_000;
        if micros != 0 {
            let _ = write!(out, ".{micros:06}");
        }
        out
    }
}

impl<Tz: TimeZone> IsoFormat for DateTime<Tz> {
    fn isoformat(&self) -> String {
        let mut out = self.naive_local().isoformat();
        let seconds = self.offset().fix().local_minus_utc();
        let sign = if seconds < 0 { '-' } else { '+' };
        let abs = seconds.unsigned_abs();
        let _ = write!(out, "{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60);
        if !abs.is_multiple_of(60) {
            let _ = write!(out, ":{:02}", abs % 60);
        }
        out
    }
}

impl<T: IsoFormat + ?Sized> IsoFormat for &T {
    fn isoformat(&self) -> String {
        (**self).isoformat()
    }
}

fn write_date(out: &mut String, date: &NaiveDate) {
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}",
        date.year(),
        date.month(),
        date.day()
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, Utc};

    fn dt(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, micro: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_micro_opt(h, mi, s, micro)
            .unwrap()
    }

    #[test]
    fn isoformat_matches_python() {
        assert_eq!(
            dt(2055, 5, 5, 0, 0, 0, 0).isoformat(),
            "2055-05-05T00:00:00"
        );
        assert_eq!(
            dt(2055, 5, 5, 0, 0, 5, 6).isoformat(),
            "2055-05-05T00:00:05.000006"
        );
        assert_eq!(dt(12, 1, 2, 3, 4, 5, 0).isoformat(), "0012-01-02T03:04:05");
        assert_eq!(
            Utc.from_utc_datetime(&dt(2055, 5, 5, 0, 0, 0, 0))
                .isoformat(),
            "2055-05-05T00:00:00+00:00"
        );
        let east = FixedOffset::east_opt(5 * 3600 + 30 * 60).unwrap();
        assert_eq!(
            east.from_local_datetime(&dt(2024, 1, 1, 12, 0, 0, 0))
                .unwrap()
                .isoformat(),
            "2024-01-01T12:00:00+05:30"
        );
        let west = FixedOffset::west_opt(30 * 60 + 15).unwrap();
        assert_eq!(
            west.from_local_datetime(&dt(2024, 1, 1, 12, 0, 0, 120))
                .unwrap()
                .isoformat(),
            "2024-01-01T12:00:00.000120-00:30:15"
        );
        assert_eq!(
            NaiveDate::from_ymd_opt(2030, 12, 31).unwrap().isoformat(),
            "2030-12-31"
        );
        // Nanoseconds beyond microseconds are dropped.
        let fine = NaiveDate::from_ymd_opt(2030, 1, 1)
            .unwrap()
            .and_hms_nano_opt(0, 0, 0, 999)
            .unwrap();
        assert_eq!(fine.isoformat(), "2030-01-01T00:00:00");
    }

    #[test]
    fn construction_and_order() {
        let p = Payment::new(186, "");
        assert_eq!(p.get_params().len(), 2);
        assert_eq!(p.get_params()["project_id"], 186);
        let p = Payment::new("1", "id")
            .payment_amount(1)
            .language_code("en")
            .payment_amount(2);
        let keys: Vec<&str> = p.get_params().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "project_id",
                "interface_type",
                "payment_id",
                "payment_amount",
                "language_code"
            ]
        );
        assert_eq!(p.get_params()["payment_amount"], 2);
        let p = p
            .best_before(dt(2055, 5, 5, 0, 0, 0, 0))
            .close_on_missclick(true)
            .customer_ssn(1234);
        assert_eq!(p.get_params()["best_before"], "2055-05-05T00:00:00");
        assert_eq!(p.get_params()["close_on_missclick"], true);
        assert_eq!(p.get_params()["customer_ssn"], 1234);
        let mut q = Payment::new("1", "");
        q.insert("payment_id", "late").insert("x", 1);
        assert_eq!(
            q.get_params().keys().next_back().map(String::as_str),
            Some("x")
        );
    }
}
