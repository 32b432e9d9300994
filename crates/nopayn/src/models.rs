//! Response types (Python frozen dataclasses `Order`, `Transaction`, `Refund`,
//! `PaymentUrlResult`, `VerifiedWebhook`, `WebhookPayload`).
//!
//! Parsing is lenient: unknown fields are ignored, a missing or `null` optional field
//! is `None`, unknown statuses and payment methods are kept as `Unknown(..)`.

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use payments_core::money::{Currency, Money, MoneyError};
use serde::{Deserialize, Deserializer, Serialize};

use crate::enums::{OrderStatus, PaymentMethod, RefundStatus, TransactionStatus};

/// A timestamp as sent by the API.
pub type Timestamp = DateTime<FixedOffset>;

/// An order (`GET /v1/orders/{id}/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Order {
    /// NoPayn order id (UUID).
    pub id: String,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Order status.
    pub status: OrderStatus,
    /// When the order was created.
    #[serde(deserialize_with = "de_timestamp")]
    pub created: Timestamp,
    /// When the order last changed.
    #[serde(deserialize_with = "de_timestamp")]
    pub modified: Timestamp,
    /// Transactions of the order (empty when absent).
    #[serde(default, deserialize_with = "de_null_default")]
    pub transactions: Vec<Transaction>,
    /// Order description.
    #[serde(default)]
    pub description: Option<String>,
    /// Your own order reference.
    #[serde(default)]
    pub merchant_order_id: Option<String>,
    /// Redirect after a successful payment.
    #[serde(default)]
    pub return_url: Option<String>,
    /// Redirect after a cancelled, expired or failed payment.
    #[serde(default)]
    pub failure_url: Option<String>,
    /// The hosted payment page of the order.
    #[serde(default)]
    pub order_url: Option<String>,
    /// When the order was completed.
    #[serde(default, deserialize_with = "de_opt_timestamp")]
    pub completed: Option<Timestamp>,
}

impl Order {
    /// True when the status is final (see [`OrderStatus::is_final`]).
    pub fn is_final(&self) -> bool {
        self.status.is_final()
    }

    /// The amount as [`Money`] (fails for an unknown currency code).
    pub fn money(&self) -> Result<Money, MoneyError> {
        Ok(Money::from_minor(
            self.amount,
            Currency::from_code(&self.currency)?,
        ))
    }
}

/// A transaction of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Transaction {
    /// Transaction id (UUID).
    pub id: String,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Transaction status.
    pub status: TransactionStatus,
    /// When the transaction was created.
    #[serde(deserialize_with = "de_timestamp")]
    pub created: Timestamp,
    /// When the transaction last changed.
    #[serde(deserialize_with = "de_timestamp")]
    pub modified: Timestamp,
    /// Payment method of the transaction.
    #[serde(default)]
    pub payment_method: Option<PaymentMethod>,
    /// Direct link to the payment method's page.
    #[serde(default)]
    pub payment_url: Option<String>,
    /// ISO 8601 duration after which the transaction expires.
    #[serde(default)]
    pub expiration_period: Option<String>,
}

/// A refund (`POST /v1/orders/{id}/refunds/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Refund {
    /// Refund id.
    pub id: String,
    /// Refunded amount in minor units.
    pub amount: i64,
    /// Refund status.
    pub status: RefundStatus,
}

/// Result of `generate_payment_url`: where to send the customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PaymentUrlResult {
    /// NoPayn order id.
    pub order_id: String,
    /// Hosted payment page (the customer picks a payment method there); `None` when
    /// the API sent no `order_url`.
    pub order_url: Option<String>,
    /// Direct payment link of the first transaction, if the order has one.
    pub payment_url: Option<String>,
    /// HMAC-SHA256 of `{amount}:{currency}:{order_id}` (request amount and currency,
    /// order id from the API).
    pub signature: String,
    /// The order as created.
    pub order: Order,
}

/// A parsed webhook body. It carries no status: fetch the order to learn it.
///
/// Serde reads and writes the fields as they are; use [`crate::parse_webhook_body`] to
/// read a webhook as NoPayn sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebhookPayload {
    /// Event name, for example `status_changed` (`""` when absent).
    #[serde(default)]
    pub event: String,
    /// The order the event is about.
    pub order_id: String,
    /// The project that sent it, when present.
    pub project_id: Option<String>,
}

/// A webhook confirmed by fetching its order from the API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerifiedWebhook {
    /// Order id named by the webhook.
    pub order_id: String,
    /// The order as the API reports it now.
    pub order: Order,
    /// True when the order will not change any more.
    pub is_final: bool,
}

impl VerifiedWebhook {
    pub(crate) fn new(order_id: String, order: Order) -> Self {
        let is_final = order.is_final();
        VerifiedWebhook {
            order_id,
            order,
            is_final,
        }
    }
}

/// Parses an ISO 8601 / RFC 3339 timestamp leniently: `Z` or a numeric offset (with
/// or without a colon), any number of fractional digits, `T` or a space between date
/// and time. A timestamp without an offset is taken as UTC.
pub fn parse_timestamp(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(ts) = DateTime::parse_from_rfc3339(text) {
        return Some(ts);
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%d %H:%M:%S%.f%#z"] {
        if let Ok(ts) = DateTime::parse_from_str(text, fmt) {
            return Some(ts);
        }
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, fmt) {
            return Some(naive.and_utc().fixed_offset());
        }
    }
    None
}

fn de_timestamp<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_timestamp(&text)
        .ok_or_else(|| serde::de::Error::custom(format!("invalid timestamp {text:?}")))
}

fn de_opt_timestamp<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Timestamp>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) if text.trim().is_empty() => Ok(None),
        Some(text) => parse_timestamp(&text)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid timestamp {text:?}"))),
    }
}

fn de_null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Timelike};

    #[test]
    fn timestamps() {
        let ok = [
            ("2026-03-20T10:00:00.123456+00:00", 0, 123_456_000),
            ("2026-03-20T10:00:00Z", 0, 0),
            ("2026-03-20T10:00:00z", 0, 0),
            ("2026-03-20T12:00:00+02:00", 7200, 0),
            ("2026-03-20T12:00:00+0200", 7200, 0),
            ("2026-03-20 10:00:00.5+00:00", 0, 500_000_000),
            ("2026-03-20T10:00:00", 0, 0),
            ("2026-03-20T10:00:00.123456789123", 0, 123_456_789),
            (" 2026-03-20T10:00:00Z ", 0, 0),
        ];
        for (text, offset, nanos) in ok {
            let ts = parse_timestamp(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(ts.offset().local_minus_utc(), offset, "{text}");
            assert_eq!(ts.nanosecond(), nanos, "{text}");
            assert_eq!(ts.year(), 2026);
        }
        for bad in [
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-03-20",
            "1711000000",
        ] {
            assert!(parse_timestamp(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn order_parses_leniently() {
        let order: Order = serde_json::from_str(
            r#"{"id":"o1","amount":1295,"currency":"EUR","status":"brand-new",
                "created":"2026-03-20T10:00:00Z","modified":"2026-03-20T10:00:00.1+00:00",
                "transactions":null,"completed":null,"extra":{"x":1},"description":null}"#,
        )
        .unwrap();
        assert_eq!(order.status, OrderStatus::Unknown("brand-new".into()));
        assert!(order.transactions.is_empty());
        assert!(order.completed.is_none() && order.description.is_none());
        assert!(!order.is_final());
        assert_eq!(order.money().unwrap().minor_units(), 1295);

        let missing_created = r#"{"id":"o1","amount":1,"currency":"EUR","status":"new","modified":"2026-03-20T10:00:00Z"}"#;
        assert!(serde_json::from_str::<Order>(missing_created).is_err());
        let bad_ts = r#"{"id":"o1","amount":1,"currency":"EUR","status":"new","created":"x","modified":"2026-03-20T10:00:00Z"}"#;
        assert!(serde_json::from_str::<Order>(bad_ts).is_err());
    }

    #[test]
    fn order_serialises_back() {
        let text = r#"{"id":"o1","amount":1295,"currency":"EUR","status":"completed","created":"2026-03-20T10:00:00Z","modified":"2026-03-20T10:00:00Z","completed":"2026-03-20T10:05:00Z","transactions":[{"id":"t1","amount":1295,"currency":"EUR","status":"completed","created":"2026-03-20T10:00:00Z","modified":"2026-03-20T10:00:00Z","payment_method":"credit-card"}]}"#;
        let order: Order = serde_json::from_str(text).unwrap();
        let again: Order = serde_json::from_str(&serde_json::to_string(&order).unwrap()).unwrap();
        assert_eq!(order, again);
        assert_eq!(
            order.transactions[0].payment_method,
            Some(PaymentMethod::CreditCard)
        );
    }
}
