//! The Apple Pay and Google Pay requests: widget, token payment, session, wallet pay.

use payments_core::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Fields, RequestFields};
use crate::env::Config;

/// `create_widget` (`CreateWidgetRequestSchema`): the Apple Pay / Google Pay widget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "CreateWidgetRequestSchema")]
pub struct CreateWidgetRequest {
    /// Amount in major units.
    #[serde(with = "crate::decimal::amount")]
    pub amount: Decimal,
    /// Your unique order id.
    pub order_id: String,
    /// Description.
    pub description: String,
}

impl CreateWidgetRequest {
    /// A widget for one payment.
    pub fn new(
        amount: Decimal,
        order_id: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        Self {
            amount,
            order_id: order_id.into(),
            description: description.into(),
        }
    }
}

impl RequestFields for CreateWidgetRequest {
    fn fields(&self, _config: &Config, out: &mut Fields<'_>) {
        out.amount("amount", &self.amount)
            .str("order_id", &self.order_id)
            .str("description", &self.description);
    }
}

/// `create_token_payment` (`CreateTokenPaymentRequestSchema`): a payment to complete
/// with Apple Pay or Google Pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "CreateTokenPaymentRequestSchema")]
pub struct CreateTokenPaymentRequest {
    /// Amount in major units.
    #[serde(with = "crate::decimal::amount")]
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Your unique order id.
    pub order_id: String,
    /// Description.
    pub description: Option<String>,
}

impl CreateTokenPaymentRequest {
    /// A token payment.
    pub fn new(amount: Decimal, currency: impl Into<String>, order_id: impl Into<String>) -> Self {
        Self {
            amount,
            currency: currency.into(),
            order_id: order_id.into(),
            description: None,
        }
    }

    setters!(
        /// Sets `description`.
        description: String,
    );
}

impl RequestFields for CreateTokenPaymentRequest {
    fn fields(&self, _config: &Config, out: &mut Fields<'_>) {
        out.amount("amount", &self.amount)
            .str("currency", &self.currency)
            .str("order_id", &self.order_id)
            .opt_str("description", self.description.as_deref());
    }
}

/// `apple_pay_session` (`ApplePaySessionRequestSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "ApplePaySessionRequestSchema")]
pub struct ApplePaySessionRequest {
    /// The page origin asking for the merchant session.
    pub origin: String,
}

impl ApplePaySessionRequest {
    /// A merchant session request for `origin`.
    pub fn new(origin: impl Into<String>) -> Self {
        Self {
            origin: origin.into(),
        }
    }
}

impl RequestFields for ApplePaySessionRequest {
    fn fields(&self, _config: &Config, out: &mut Fields<'_>) {
        out.str("origin", &self.origin);
    }
}

/// The id of a token payment (`int | str` in the official SDK).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TokenPaymentId {
    /// A numeric id, as `create_token_payment` answers it (sent as a JSON number).
    Int(i64),
    /// A textual id (sent as a JSON string).
    Str(String),
}

impl From<i64> for TokenPaymentId {
    fn from(id: i64) -> Self {
        Self::Int(id)
    }
}

impl From<i32> for TokenPaymentId {
    fn from(id: i32) -> Self {
        Self::Int(i64::from(id))
    }
}

impl From<&str> for TokenPaymentId {
    fn from(id: &str) -> Self {
        Self::Str(id.to_owned())
    }
}

impl From<String> for TokenPaymentId {
    fn from(id: String) -> Self {
        Self::Str(id)
    }
}

impl TokenPaymentId {
    fn to_value(&self) -> Value {
        match self {
            Self::Int(i) => Value::from(*i),
            Self::Str(s) => Value::String(s.clone()),
        }
    }
}

/// `apple_pay` and `google_pay` (`ApplePayRequestSchema`, `GooglePayRequestSchema`):
/// completes a token payment with the wallet's token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "ApplePayRequestSchema")]
#[doc(alias = "GooglePayRequestSchema")]
#[doc(alias = "BaseTokenPayRequestSchema")]
pub struct TokenPayRequest {
    /// The token payment's id (the official `payment_id`/`id`).
    #[doc(alias = "payment_id")]
    #[serde(alias = "payment_id")]
    pub id: TokenPaymentId,
    /// The wallet's payment token, passed through as JSON.
    pub token: Value,
    /// The wallet's billing contact (sent as `billingContact`, `null` when unset).
    #[serde(default, rename = "billingContact", alias = "billing_contact")]
    pub billing_contact: Option<Value>,
}

impl TokenPayRequest {
    /// A wallet payment of token payment `id`.
    pub fn new(id: impl Into<TokenPaymentId>, token: Value) -> Self {
        Self {
            id: id.into(),
            token,
            billing_contact: None,
        }
    }

    setters!(
        /// Sets `billingContact`.
        billing_contact: Value,
    );
}

impl RequestFields for TokenPayRequest {
    fn fields(&self, _config: &Config, out: &mut Fields<'_>) {
        out.value("id", &self.id.to_value())
            .value("token", &self.token)
            .value(
                "billingContact",
                self.billing_contact.as_ref().unwrap_or(&Value::Null),
            );
    }
}
