//! Response bodies and [`ApiResponse`].
//!
//! Unknown fields are ignored; statuses are open enums, so a new status never breaks
//! parsing. The bank `code` is kept as sent (see [`code_meaning`]).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use payments_core::Decimal;
use payments_core::http::Headers;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::schemas::enums::{TransactionStatus, TransactionStatusExtended, code_meaning};

/// A parsed EPoint answer (the official `APIResponse`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiResponse<T> {
    /// Whether the operation succeeded, computed per endpoint as the official SDK does
    /// (EPoint answers `200` even on errors, so this mostly follows the body's `status`).
    pub ok: bool,
    /// HTTP status.
    pub status_code: u16,
    /// Response headers.
    pub headers: Headers,
    /// The typed body.
    pub body: T,
}

impl<T> ApiResponse<T> {
    /// Assembles a response.
    pub fn new(ok: bool, status_code: u16, headers: Headers, body: T) -> Self {
        Self {
            ok,
            status_code,
            headers,
            body,
        }
    }
}

/// A response body type and its `ok` rule (sealed).
pub trait ResponseBody: crate::sealed::Sealed + Sized {
    /// Parses the body from JSON.
    fn from_json(value: Value) -> Result<Self, serde_json::Error>;
    /// The official `ok` for this body; `http_ok` is true for a 2xx status.
    fn ok(&self, http_ok: bool) -> bool;
}

macro_rules! status_success_body {
    ($($t:ty),*) => {
        $(
            impl crate::sealed::Sealed for $t {}
            impl ResponseBody for $t {
                fn from_json(value: Value) -> Result<Self, serde_json::Error> {
                    serde_json::from_value(value)
                }
                /// `status == "success"`, whatever the HTTP status.
                fn ok(&self, _http_ok: bool) -> bool {
                    self.status == TransactionStatus::Success
                }
            }
        )*
    };
}

status_success_body!(
    MinimalResponse,
    BaseResponse,
    RedirectUrlResponse,
    RedirectUrlWithCardIdResponse,
    SplitPayWithSavedCardResponse,
    WidgetResponse,
    TokenPayResponse
);

impl crate::sealed::Sealed for TransactionStatusResponse {}
impl ResponseBody for TransactionStatusResponse {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(value)
    }
    /// `status != "server_error"`, whatever the HTTP status.
    fn ok(&self, _http_ok: bool) -> bool {
        self.status != TransactionStatusExtended::ServerError
    }
}

impl crate::sealed::Sealed for TokenPaymentResponse {}
impl ResponseBody for TokenPaymentResponse {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(value)
    }
    /// 2xx, an `id`, and no error `status`.
    fn ok(&self, http_ok: bool) -> bool {
        http_ok
            && self.id.is_some()
            && !self
                .status
                .as_ref()
                .is_some_and(TransactionStatus::is_error)
    }
}

impl crate::sealed::Sealed for Map<String, Value> {}
impl ResponseBody for Map<String, Value> {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(value)
    }
    /// 2xx and no error `status` (the Apple Pay merchant session is passed through).
    fn ok(&self, http_ok: bool) -> bool {
        let status = self.get("status").and_then(Value::as_str);
        http_ok && !status.is_some_and(|s| TransactionStatus::parse(s).is_error())
    }
}

/// `refund` (`MinimalResponseSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MinimalResponse {
    /// Result.
    pub status: TransactionStatus,
    /// Message, mostly on errors.
    #[serde(default)]
    pub message: Option<String>,
}

/// `pay_with_saved_card`, `payout` (`BaseResponseSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct BaseResponse {
    /// Result.
    pub status: TransactionStatus,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// EPoint's transaction id.
    #[serde(default)]
    pub transaction: Option<String>,
    /// The bank's transaction id.
    #[serde(default)]
    pub bank_transaction: Option<String>,
    /// The bank's answer.
    #[serde(default)]
    pub bank_response: Option<String>,
    /// `001` card registration, `100` payment.
    #[serde(default)]
    pub operation_code: Option<String>,
    /// Retrieval reference number (successful operations).
    #[serde(default)]
    pub rrn: Option<String>,
    /// Masked card number (`123456******1234`).
    #[serde(default)]
    pub card_mask: Option<String>,
    /// Cardholder name.
    #[serde(default)]
    pub card_name: Option<String>,
    /// Amount.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub amount: Option<Decimal>,
}

/// `pay`, `split_pay` (`RedirectUrlResponseSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RedirectUrlResponse {
    /// Result.
    pub status: TransactionStatus,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// EPoint's transaction id.
    #[serde(default)]
    pub transaction: Option<String>,
    /// Where to send the payer to enter card details.
    #[serde(default)]
    pub redirect_url: Option<String>,
}

/// `save_card`, `pay_and_save_card`, `split_pay_and_save_card`
/// (`RedirectUrlWithCardIdResponseSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RedirectUrlWithCardIdResponse {
    /// Result.
    pub status: TransactionStatus,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// EPoint's transaction id.
    #[serde(default)]
    pub transaction: Option<String>,
    /// Where to send the payer to enter card details.
    #[serde(default)]
    pub redirect_url: Option<String>,
    /// The id to charge the saved card with later.
    #[serde(default)]
    pub card_id: Option<String>,
}

/// `get_transaction_status` (`TransactionStatusResponseSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TransactionStatusResponse {
    /// The transaction's state.
    pub status: TransactionStatusExtended,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// EPoint's transaction id.
    #[serde(default)]
    pub transaction: Option<String>,
    /// The bank's transaction id.
    #[serde(default)]
    pub bank_transaction: Option<String>,
    /// The bank's answer.
    #[serde(default)]
    pub bank_response: Option<String>,
    /// Operation code.
    #[serde(default)]
    pub operation_code: Option<String>,
    /// Retrieval reference number.
    #[serde(default)]
    pub rrn: Option<String>,
    /// Masked card number.
    #[serde(default)]
    pub card_mask: Option<String>,
    /// Cardholder name.
    #[serde(default)]
    pub card_name: Option<String>,
    /// Amount.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub amount: Option<Decimal>,
    /// The bank's response code as sent (`000`); see [`Self::code_meaning`].
    #[serde(default, deserialize_with = "opt_code")]
    pub code: Option<String>,
    /// Your order id.
    #[serde(default)]
    pub order_id: Option<String>,
    /// The `other_attr` you sent, as text.
    #[serde(default)]
    pub other_attr: Option<String>,
}

impl TransactionStatusResponse {
    /// The English meaning of [`Self::code`], when the code is known.
    pub fn code_meaning(&self) -> Option<&'static str> {
        self.code.as_deref().and_then(code_meaning)
    }
}

/// `split_pay_with_saved_card` (`SplitPayWithSavedCardResponseSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SplitPayWithSavedCardResponse {
    /// Result.
    pub status: TransactionStatus,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// EPoint's transaction id.
    #[serde(default)]
    pub transaction: Option<String>,
    /// The bank's transaction id.
    #[serde(default)]
    pub bank_transaction: Option<String>,
    /// The bank's answer.
    #[serde(default)]
    pub bank_response: Option<String>,
    /// Operation code.
    #[serde(default)]
    pub operation_code: Option<String>,
    /// Retrieval reference number.
    #[serde(default)]
    pub rrn: Option<String>,
    /// Masked card number.
    #[serde(default)]
    pub card_mask: Option<String>,
    /// Cardholder name.
    #[serde(default)]
    pub card_name: Option<String>,
    /// Amount.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub amount: Option<Decimal>,
    /// The other user's share.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub split_amount: Option<Decimal>,
}

/// `create_widget` (`WidgetResponseSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct WidgetResponse {
    /// Result (`success` or `error`).
    pub status: TransactionStatus,
    /// Error message.
    #[serde(default)]
    pub message: Option<String>,
    /// URL of the widget with the wallet buttons (open it in an iframe or web view).
    #[serde(default)]
    pub widget_url: Option<String>,
}

/// `create_token_payment` (`TokenPaymentResponseSchema`): the created payment object,
/// or `status`/`message` on errors.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TokenPaymentResponse {
    /// Status, present on errors.
    #[serde(default)]
    pub status: Option<TransactionStatus>,
    /// Error message.
    #[serde(default)]
    pub message: Option<String>,
    /// The token payment's id, for [`crate::TokenPayRequest`].
    #[serde(default, deserialize_with = "opt_int")]
    pub id: Option<i64>,
    /// EPoint's transaction id.
    #[serde(default)]
    pub transaction: Option<String>,
    /// Retrieval reference number.
    #[serde(default)]
    pub rrn: Option<String>,
    /// Short payment link.
    #[serde(default)]
    pub short_link: Option<String>,
    /// The bank's order id.
    #[serde(default)]
    pub bank_order_id: Option<String>,
    /// Total amount.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub total: Option<Decimal>,
    /// Cardholder name.
    #[serde(default)]
    pub card_name: Option<String>,
    /// Masked card number.
    #[serde(default)]
    pub card_mask: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Your `order_id`.
    #[serde(default)]
    pub merchant_order_id: Option<String>,
    /// Extra values, as sent.
    #[serde(default)]
    pub other_attr: Option<Value>,
    /// Creation time (a time without offset is read as UTC).
    #[serde(default, deserialize_with = "opt_datetime")]
    pub created_at: Option<DateTime<FixedOffset>>,
    /// Last update time (a time without offset is read as UTC).
    #[serde(default, deserialize_with = "opt_datetime")]
    pub updated_at: Option<DateTime<FixedOffset>>,
}

/// `apple_pay`, `google_pay` (`TokenPayResponseSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TokenPayResponse {
    /// Result (`success` when paid).
    pub status: TransactionStatus,
    /// Message.
    #[serde(default)]
    pub message: Option<String>,
    /// The payment service provider's answer, as sent.
    #[serde(default)]
    pub result: Option<Value>,
    /// Redirect (3-D Secure, for example); not always present.
    #[serde(default)]
    pub redirect_url: Option<String>,
}

/// An optional decimal: JSON number or numeric string, `null` for none.
pub(crate) fn opt_decimal<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Decimal>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    if value.is_null() {
        return Ok(None);
    }
    crate::decimal::from_json(&value)
        .map(Some)
        .ok_or_else(|| D::Error::custom(format!("invalid decimal {value}")))
}

/// The bank code: falsy values (`null`, `""`, `0`, `false`, `[]`, `{}`) are none, other
/// text is kept as sent, anything else is an error (as the official validator behaves).
pub(crate) fn opt_code<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    match value {
        Value::Null | Value::Bool(false) => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Number(ref n) if n.as_f64() == Some(0.0) => Ok(None),
        Value::Array(ref a) if a.is_empty() => Ok(None),
        Value::Object(ref o) if o.is_empty() => Ok(None),
        other => Err(D::Error::custom(format!("invalid code {other}"))),
    }
}

/// An optional integer as pydantic's lax `int` reads it: integers, integral floats and
/// numeric strings.
fn opt_int<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    let invalid = |v: &Value| D::Error::custom(format!("invalid integer {v}"));
    match &value {
        Value::Null => Ok(None),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Ok(Some(i))
            } else {
                match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
                    _ => Err(invalid(&value)),
                }
            }
        }
        Value::String(s) => s
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| invalid(&value)),
        _ => Err(invalid(&value)),
    }
}

/// An optional timestamp: ISO 8601 text (`T` or space, optional fraction and offset;
/// a bare date is midnight) or Unix seconds (milliseconds above 2e10), as number or text.
fn opt_datetime<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    let parsed = match &value {
        Value::Null => return Ok(None),
        Value::Number(n) => n.as_f64().and_then(from_unix),
        Value::String(s) => parse_datetime(s.trim()),
        _ => None,
    };
    parsed
        .map(Some)
        .ok_or_else(|| D::Error::custom(format!("invalid datetime {value}")))
}

fn from_unix(seconds: f64) -> Option<DateTime<FixedOffset>> {
    if !seconds.is_finite() {
        return None;
    }
    let seconds = if seconds.abs() > 2e10 {
        seconds / 1000.0
    } else {
        seconds
    };
    let whole = seconds.floor();
    let nanos = ((seconds - whole) * 1e9).round();
    let secs = whole as i64;
    let nanos = (nanos as u32).min(999_999_999);
    Utc.timestamp_opt(secs, nanos)
        .single()
        .map(|t| t.fixed_offset())
}

fn parse_datetime(text: &str) -> Option<DateTime<FixedOffset>> {
    if text.is_empty() {
        return None;
    }
    if text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && !text.contains("-")
    {
        return text.parse::<f64>().ok().and_then(from_unix);
    }
    let normalized = text.replacen(' ', "T", 1);
    if let Ok(t) = DateTime::parse_from_rfc3339(&normalized) {
        return Some(t);
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%:z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(&normalized, format) {
            return Some(t);
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(&normalized, format) {
            return Some(t.and_utc().fixed_offset());
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ok_rules() {
        let pay: RedirectUrlResponse =
            serde_json::from_value(json!({"status": "success"})).unwrap();
        assert!(pay.ok(false));
        let pay: RedirectUrlResponse = serde_json::from_value(json!({"status": "new"})).unwrap();
        assert!(!pay.ok(true));
        let st: TransactionStatusResponse =
            serde_json::from_value(json!({"status": "error"})).unwrap();
        assert!(st.ok(false));
        let st: TransactionStatusResponse =
            serde_json::from_value(json!({"status": "server_error"})).unwrap();
        assert!(!st.ok(true));
        let tp: TokenPaymentResponse = serde_json::from_value(json!({"id": 5})).unwrap();
        assert!(tp.ok(true) && !tp.ok(false));
        let tp: TokenPaymentResponse =
            serde_json::from_value(json!({"id": 5, "status": "failed"})).unwrap();
        assert!(!tp.ok(true));
        let tp: TokenPaymentResponse =
            serde_json::from_value(json!({"status": "success"})).unwrap();
        assert!(!tp.ok(true));
        let session: Map<String, Value> =
            serde_json::from_value(json!({"merchantSessionIdentifier": "x"})).unwrap();
        assert!(session.ok(true) && !session.ok(false));
        let session: Map<String, Value> =
            serde_json::from_value(json!({"status": "error"})).unwrap();
        assert!(!session.ok(true));
        let session: Map<String, Value> = serde_json::from_value(json!({"status": 5})).unwrap();
        assert!(session.ok(true));
    }

    #[test]
    fn field_types() {
        let st: TransactionStatusResponse = serde_json::from_value(
            json!({"status": "success", "code": "116", "amount": 10.5, "other_attr": "x"}),
        )
        .unwrap();
        assert_eq!(st.code.as_deref(), Some("116"));
        assert_eq!(st.code_meaning(), Some("Declined: insufficient funds"));
        assert_eq!(st.amount, Some(Decimal::new(105, 1)));
        for falsy in [
            json!(""),
            json!(0),
            json!(false),
            json!([]),
            json!({}),
            json!(null),
        ] {
            let st: TransactionStatusResponse =
                serde_json::from_value(json!({"status": "new", "code": falsy})).unwrap();
            assert_eq!(st.code, None);
        }
        assert!(
            serde_json::from_value::<TransactionStatusResponse>(
                json!({"status": "new", "code": 116})
            )
            .is_err()
        );
        assert!(
            serde_json::from_value::<TransactionStatusResponse>(
                json!({"status": "new", "other_attr": {}})
            )
            .is_err()
        );
        assert!(
            serde_json::from_value::<TransactionStatusResponse>(json!({"code": "000"})).is_err()
        );
        assert!(
            serde_json::from_value::<BaseResponse>(json!({"status": "success", "transaction": 5}))
                .is_err()
        );
        assert!(
            serde_json::from_value::<BaseResponse>(json!({"status": "success", "amount": "abc"}))
                .is_err()
        );

        let tp: TokenPaymentResponse = serde_json::from_value(json!({
            "id": "42", "total": "10.50", "other_attr": {"a": 1},
            "created_at": "2024-01-02T03:04:05.123456+04:00", "updated_at": "2024-01-02 03:04:05"
        }))
        .unwrap();
        assert_eq!(tp.id, Some(42));
        assert_eq!(
            tp.total.map(|t| crate::decimal::python_str(&t)).as_deref(),
            Some("10.50")
        );
        assert_eq!(
            tp.created_at.unwrap().to_rfc3339(),
            "2024-01-02T03:04:05.123456+04:00"
        );
        assert_eq!(
            tp.updated_at.unwrap().to_rfc3339(),
            "2024-01-02T03:04:05+00:00"
        );
        let tp: TokenPaymentResponse = serde_json::from_value(
            json!({"id": 7.0, "created_at": 1700000000, "updated_at": "2024-01-02"}),
        )
        .unwrap();
        assert_eq!(tp.id, Some(7));
        assert_eq!(
            tp.created_at.unwrap().to_rfc3339(),
            "2023-11-14T22:13:20+00:00"
        );
        assert_eq!(
            tp.updated_at.unwrap().to_rfc3339(),
            "2024-01-02T00:00:00+00:00"
        );
        assert!(serde_json::from_value::<TokenPaymentResponse>(json!({"id": 7.5})).is_err());
        assert!(
            serde_json::from_value::<TokenPaymentResponse>(json!({"created_at": "yesterday"}))
                .is_err()
        );
        assert_eq!(
            parse_datetime("1700000000000")
                .map(|t| t.to_rfc3339())
                .as_deref(),
            Some("2023-11-14T22:13:20+00:00")
        );
    }
}
