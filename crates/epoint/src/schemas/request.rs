//! Request bodies: the official SDK's keyword arguments as structs.
//!
//! Required values go to `new(..)` in the official order; optional ones are chained
//! setters. Amounts are [`Decimal`] major units, sent as Python's `str(Decimal)`.
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

use payments_core::Decimal;
use serde_json::{Map, Value};

use crate::decimal::python_str;
use crate::env::Config;

/// Writes request fields in the official declaration order.
pub(crate) struct Fields<'a> {
    out: &'a mut Map<String, Value>,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(out: &'a mut Map<String, Value>) -> Self {
        Self { out }
    }

    fn value(&mut self, key: &str, value: Value) -> &mut Self {
        self.out.insert(key.to_owned(), value);
        self
    }

    fn str(&mut self, key: &str, value: &str) -> &mut Self {
        self.value(key, Value::String(value.to_owned()))
    }

    fn opt_str(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        self.value(
            key,
            value.map_or(Value::Null, |v| Value::String(v.to_owned())),
        )
    }

    fn amount(&mut self, key: &str, value: &Decimal) -> &mut Self {
        self.value(key, Value::String(python_str(value)))
    }

    fn opt_amount(&mut self, key: &str, value: Option<&Decimal>) -> &mut Self {
        self.value(
            key,
            value.map_or(Value::Null, |v| Value::String(python_str(v))),
        )
    }

    fn opt_map(&mut self, key: &str, value: Option<&Map<String, Value>>) -> &mut Self {
        self.value(key, value.map_or(Value::Null, |m| Value::Object(m.clone())))
    }

    /// `success_redirect_url` and `error_redirect_url`, falling back to the config.
    fn redirects(
        &mut self,
        success: Option<&str>,
        error: Option<&str>,
        config: &Config,
    ) -> &mut Self {
        self.opt_str(
            "success_redirect_url",
            success.or(config.success_redirect_url.as_deref()),
        )
        .opt_str(
            "error_redirect_url",
            error.or(config.failed_redirect_url.as_deref()),
        )
    }
}

/// Writes a request's own fields (after the injected `public_key`/`language`).
pub trait RequestFields: crate::sealed::Sealed {
    /// Appends the fields, in the official key order, to `out`.
    fn write_fields(&self, config: &Config, out: &mut Map<String, Value>);
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

/// `pay` (`PaymentRequestSchema`): a payment on EPoint's page.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PayRequest {
    /// Amount in major units.
    pub amount: Decimal,
    /// Currency (`AZN`).
    pub currency: String,
    /// Your unique order id.
    pub order_id: String,
    /// Redirect after success; `None` uses [`Config::success_redirect_url`].
    pub success_redirect_url: Option<String>,
    /// Redirect after failure; `None` uses [`Config::failed_redirect_url`].
    pub error_redirect_url: Option<String>,
    /// Description shown to the payer.
    pub description: Option<String>,
    /// Extra values echoed back in the callback.
    pub other_attr: Option<Map<String, Value>>,
}

impl PayRequest {
    /// A payment of `amount` `currency` for `order_id`.
    pub fn new(amount: Decimal, currency: impl Into<String>, order_id: impl Into<String>) -> Self {
        Self {
            amount,
            currency: currency.into(),
            order_id: order_id.into(),
            success_redirect_url: None,
            error_redirect_url: None,
            description: None,
            other_attr: None,
        }
    }

    setters!(
        /// Sets `success_redirect_url`.
        success_redirect_url: String,
        /// Sets `error_redirect_url`.
        error_redirect_url: String,
        /// Sets `description`.
        description: String,
        /// Sets `other_attr`.
        other_attr: Map<String, Value>,
    );
}

impl RequestFields for PayRequest {
    fn write_fields(&self, config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out)
            .amount("amount", &self.amount)
            .str("currency", &self.currency)
            .str("order_id", &self.order_id)
            .redirects(
                self.success_redirect_url.as_deref(),
                self.error_redirect_url.as_deref(),
                config,
            )
            .opt_str("description", self.description.as_deref())
            .opt_map("other_attr", self.other_attr.as_ref());
    }
}

/// `get_transaction_status` (`GetTransactionStatusRequestSchema`); sent as `transaction`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GetTransactionStatusRequest {
    /// EPoint's transaction id.
    pub transaction_id: String,
}

impl GetTransactionStatusRequest {
    /// The status query of one transaction.
    pub fn new(transaction_id: impl Into<String>) -> Self {
        Self {
            transaction_id: transaction_id.into(),
        }
    }
}

impl RequestFields for GetTransactionStatusRequest {
    fn write_fields(&self, _config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out).str("transaction", &self.transaction_id);
    }
}

/// `save_card` (`SaveCardRequestSchema`): no fields of its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SaveCardRequest;

impl RequestFields for SaveCardRequest {
    fn write_fields(&self, _config: &Config, _out: &mut Map<String, Value>) {}
}

/// `pay_with_saved_card` (`PayWithSavedCardRequestSchema`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PayWithSavedCardRequest {
    /// Amount in major units.
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Your unique order id.
    pub order_id: String,
    /// The saved card's id.
    pub card_id: String,
}

impl PayWithSavedCardRequest {
    /// A charge of a saved card.
    pub fn new(
        amount: Decimal,
        currency: impl Into<String>,
        order_id: impl Into<String>,
        card_id: impl Into<String>,
    ) -> Self {
        Self {
            amount,
            currency: currency.into(),
            order_id: order_id.into(),
            card_id: card_id.into(),
        }
    }
}

impl RequestFields for PayWithSavedCardRequest {
    fn write_fields(&self, _config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out)
            .amount("amount", &self.amount)
            .str("currency", &self.currency)
            .str("order_id", &self.order_id)
            .str("card_id", &self.card_id);
    }
}

/// `pay_and_save_card` (`PayAndSaveCardRequestSchema`): `description` is required.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PayAndSaveCardRequest {
    /// Amount in major units.
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Your unique order id.
    pub order_id: String,
    /// Description shown to the payer.
    pub description: String,
    /// Redirect after success; `None` uses the config's.
    pub success_redirect_url: Option<String>,
    /// Redirect after failure; `None` uses the config's.
    pub error_redirect_url: Option<String>,
}

impl PayAndSaveCardRequest {
    /// A payment that also saves the card.
    pub fn new(
        amount: Decimal,
        currency: impl Into<String>,
        order_id: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        Self {
            amount,
            currency: currency.into(),
            order_id: order_id.into(),
            description: description.into(),
            success_redirect_url: None,
            error_redirect_url: None,
        }
    }

    setters!(
        /// Sets `success_redirect_url`.
        success_redirect_url: String,
        /// Sets `error_redirect_url`.
        error_redirect_url: String,
    );
}

impl RequestFields for PayAndSaveCardRequest {
    fn write_fields(&self, config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out)
            .amount("amount", &self.amount)
            .str("currency", &self.currency)
            .str("order_id", &self.order_id)
            .redirects(
                self.success_redirect_url.as_deref(),
                self.error_redirect_url.as_deref(),
                config,
            )
            .str("description", &self.description);
    }
}

/// `payout` (`PayoutRequestSchema`): money to a saved card.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PayoutRequest {
    /// Amount in major units.
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Your unique order id.
    pub order_id: String,
    /// The saved card's id.
    pub card_id: String,
    /// Description.
    pub description: Option<String>,
}

impl PayoutRequest {
    /// A payout to a saved card.
    pub fn new(
        amount: Decimal,
        currency: impl Into<String>,
        order_id: impl Into<String>,
        card_id: impl Into<String>,
    ) -> Self {
        Self {
            amount,
            currency: currency.into(),
            order_id: order_id.into(),
            card_id: card_id.into(),
            description: None,
        }
    }

    setters!(
        /// Sets `description`.
        description: String,
    );
}

impl RequestFields for PayoutRequest {
    fn write_fields(&self, _config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out)
            .amount("amount", &self.amount)
            .str("currency", &self.currency)
            .str("order_id", &self.order_id)
            .str("card_id", &self.card_id)
            .opt_str("description", self.description.as_deref());
    }
}

/// `refund` (`RefundRequestSchema`): without an amount the whole payment is refunded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RefundRequest {
    /// EPoint's transaction id (sent as `transaction`).
    pub transaction_id: String,
    /// Currency.
    pub currency: String,
    /// Partial amount; `None` (sent as `null`) refunds in full.
    pub amount: Option<Decimal>,
}

impl RefundRequest {
    /// A full refund of a transaction.
    pub fn new(transaction_id: impl Into<String>, currency: impl Into<String>) -> Self {
        Self {
            transaction_id: transaction_id.into(),
            currency: currency.into(),
            amount: None,
        }
    }

    setters!(
        /// Sets a partial `amount`.
        amount: Decimal,
    );
}

impl RequestFields for RefundRequest {
    fn write_fields(&self, _config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out)
            .str("transaction", &self.transaction_id)
            .str("currency", &self.currency)
            .opt_amount("amount", self.amount.as_ref());
    }
}

/// `split_pay` (`SplitPayRequestSchema`): a payment shared with another EPoint user.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SplitPayRequest {
    /// Amount in major units.
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Your unique order id.
    pub order_id: String,
    /// The other user's id (sent as `split_user`).
    pub split_user_id: String,
    /// The other user's share.
    pub split_amount: Decimal,
    /// Redirect after success; `None` uses the config's.
    pub success_redirect_url: Option<String>,
    /// Redirect after failure; `None` uses the config's.
    pub error_redirect_url: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Extra values echoed back in the callback.
    pub other_attr: Option<Map<String, Value>>,
}

impl SplitPayRequest {
    /// A split payment.
    pub fn new(
        amount: Decimal,
        currency: impl Into<String>,
        order_id: impl Into<String>,
        split_user_id: impl Into<String>,
        split_amount: Decimal,
    ) -> Self {
        Self {
            amount,
            currency: currency.into(),
            order_id: order_id.into(),
            split_user_id: split_user_id.into(),
            split_amount,
            success_redirect_url: None,
            error_redirect_url: None,
            description: None,
            other_attr: None,
        }
    }

    setters!(
        /// Sets `success_redirect_url`.
        success_redirect_url: String,
        /// Sets `error_redirect_url`.
        error_redirect_url: String,
        /// Sets `description`.
        description: String,
        /// Sets `other_attr`.
        other_attr: Map<String, Value>,
    );
}

impl RequestFields for SplitPayRequest {
    fn write_fields(&self, config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out)
            .amount("amount", &self.amount)
            .str("currency", &self.currency)
            .str("order_id", &self.order_id)
            .redirects(
                self.success_redirect_url.as_deref(),
                self.error_redirect_url.as_deref(),
                config,
            )
            .opt_str("description", self.description.as_deref())
            .str("split_user", &self.split_user_id)
            .amount("split_amount", &self.split_amount)
            .opt_map("other_attr", self.other_attr.as_ref());
    }
}

/// `split_pay_with_saved_card` (`SplitPayWithSavedCardRequestSchema`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SplitPayWithSavedCardRequest {
    /// Amount in major units.
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Your unique order id.
    pub order_id: String,
    /// The saved card's id.
    pub card_id: String,
    /// The other user's id (sent as `split_user`).
    pub split_user_id: String,
    /// The other user's share.
    pub split_amount: Decimal,
    /// Description.
    pub description: Option<String>,
}

impl SplitPayWithSavedCardRequest {
    /// A split charge of a saved card.
    pub fn new(
        amount: Decimal,
        currency: impl Into<String>,
        order_id: impl Into<String>,
        card_id: impl Into<String>,
        split_user_id: impl Into<String>,
        split_amount: Decimal,
    ) -> Self {
        Self {
            amount,
            currency: currency.into(),
            order_id: order_id.into(),
            card_id: card_id.into(),
            split_user_id: split_user_id.into(),
            split_amount,
            description: None,
        }
    }

    setters!(
        /// Sets `description`.
        description: String,
    );
}

impl RequestFields for SplitPayWithSavedCardRequest {
    fn write_fields(&self, _config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out)
            .amount("amount", &self.amount)
            .str("currency", &self.currency)
            .str("order_id", &self.order_id)
            .str("card_id", &self.card_id)
            .str("split_user", &self.split_user_id)
            .amount("split_amount", &self.split_amount)
            .opt_str("description", self.description.as_deref());
    }
}

/// `split_pay_and_save_card` (`SplitPayAndSaveCardRequestSchema`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SplitPayAndSaveCardRequest {
    /// Amount in major units.
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Your unique order id.
    pub order_id: String,
    /// The other user's id (sent as `split_user`).
    pub split_user_id: String,
    /// The other user's share.
    pub split_amount: Decimal,
    /// Redirect after success; `None` uses the config's.
    pub success_redirect_url: Option<String>,
    /// Redirect after failure; `None` uses the config's.
    pub error_redirect_url: Option<String>,
    /// Description.
    pub description: Option<String>,
}

impl SplitPayAndSaveCardRequest {
    /// A split payment that also saves the card.
    pub fn new(
        amount: Decimal,
        currency: impl Into<String>,
        order_id: impl Into<String>,
        split_user_id: impl Into<String>,
        split_amount: Decimal,
    ) -> Self {
        Self {
            amount,
            currency: currency.into(),
            order_id: order_id.into(),
            split_user_id: split_user_id.into(),
            split_amount,
            success_redirect_url: None,
            error_redirect_url: None,
            description: None,
        }
    }

    setters!(
        /// Sets `success_redirect_url`.
        success_redirect_url: String,
        /// Sets `error_redirect_url`.
        error_redirect_url: String,
        /// Sets `description`.
        description: String,
    );
}

impl RequestFields for SplitPayAndSaveCardRequest {
    fn write_fields(&self, config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out)
            .amount("amount", &self.amount)
            .str("currency", &self.currency)
            .str("order_id", &self.order_id)
            .redirects(
                self.success_redirect_url.as_deref(),
                self.error_redirect_url.as_deref(),
                config,
            )
            .opt_str("description", self.description.as_deref())
            .str("split_user", &self.split_user_id)
            .amount("split_amount", &self.split_amount);
    }
}

/// `create_widget` (`CreateWidgetRequestSchema`): the Apple Pay / Google Pay widget.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CreateWidgetRequest {
    /// Amount in major units.
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
    fn write_fields(&self, _config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out)
            .amount("amount", &self.amount)
            .str("order_id", &self.order_id)
            .str("description", &self.description);
    }
}

/// `create_token_payment` (`CreateTokenPaymentRequestSchema`): a payment to complete
/// with Apple Pay or Google Pay.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CreateTokenPaymentRequest {
    /// Amount in major units.
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
    fn write_fields(&self, _config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out)
            .amount("amount", &self.amount)
            .str("currency", &self.currency)
            .str("order_id", &self.order_id)
            .opt_str("description", self.description.as_deref());
    }
}

/// `apple_pay_session` (`ApplePaySessionRequestSchema`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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
    fn write_fields(&self, _config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out).str("origin", &self.origin);
    }
}

/// The id of a token payment (`int | str` in the official SDK).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TokenPayRequest {
    /// The token payment's id (the official `payment_id`/`id`).
    pub id: TokenPaymentId,
    /// The wallet's payment token, passed through as JSON.
    pub token: Value,
    /// The wallet's billing contact (sent as `billingContact`, `null` when unset).
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
    fn write_fields(&self, _config: &Config, out: &mut Map<String, Value>) {
        Fields::new(out)
            .value("id", self.id.to_value())
            .value("token", self.token.clone())
            .value(
                "billingContact",
                self.billing_contact.clone().unwrap_or(Value::Null),
            );
    }
}
