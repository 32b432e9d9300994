//! The card payment, status, saved-card, payout and refund requests.

use payments_core::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Fields, RequestFields};
use crate::env::Config;

/// `pay` (`PaymentRequestSchema`): a payment on EPoint's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "PaymentRequestSchema")]
pub struct PayRequest {
    /// Amount in major units.
    #[serde(with = "crate::decimal::amount")]
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
    fn fields(&self, config: &Config, out: &mut Fields<'_>) {
        out.amount("amount", &self.amount)
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "GetTransactionStatusRequestSchema")]
pub struct GetTransactionStatusRequest {
    /// EPoint's transaction id.
    #[serde(rename = "transaction", alias = "transaction_id")]
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
    fn fields(&self, _config: &Config, out: &mut Fields<'_>) {
        out.str("transaction", &self.transaction_id);
    }
}

/// `save_card` (`SaveCardRequestSchema`): no fields of its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[doc(alias = "SaveCardRequestSchema")]
pub struct SaveCardRequest;

impl RequestFields for SaveCardRequest {
    fn fields(&self, _config: &Config, _out: &mut Fields<'_>) {}
}

/// `pay_with_saved_card` (`PayWithSavedCardRequestSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "PayWithSavedCardRequestSchema")]
pub struct PayWithSavedCardRequest {
    /// Amount in major units.
    #[serde(with = "crate::decimal::amount")]
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
    fn fields(&self, _config: &Config, out: &mut Fields<'_>) {
        out.amount("amount", &self.amount)
            .str("currency", &self.currency)
            .str("order_id", &self.order_id)
            .str("card_id", &self.card_id);
    }
}

/// `pay_and_save_card` (`PayAndSaveCardRequestSchema`): `description` is required.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "PayAndSaveCardRequestSchema")]
pub struct PayAndSaveCardRequest {
    /// Amount in major units.
    #[serde(with = "crate::decimal::amount")]
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
    fn fields(&self, config: &Config, out: &mut Fields<'_>) {
        out.amount("amount", &self.amount)
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "PayoutRequestSchema")]
pub struct PayoutRequest {
    /// Amount in major units.
    #[serde(with = "crate::decimal::amount")]
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
    fn fields(&self, _config: &Config, out: &mut Fields<'_>) {
        out.amount("amount", &self.amount)
            .str("currency", &self.currency)
            .str("order_id", &self.order_id)
            .str("card_id", &self.card_id)
            .opt_str("description", self.description.as_deref());
    }
}

/// `refund` (`RefundRequestSchema`): without an amount the whole payment is refunded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "RefundRequestSchema")]
pub struct RefundRequest {
    /// EPoint's transaction id (sent as `transaction`).
    #[serde(rename = "transaction", alias = "transaction_id")]
    pub transaction_id: String,
    /// Currency.
    pub currency: String,
    /// Partial amount; `None` (sent as `null`) refunds in full.
    #[serde(default, with = "crate::decimal::opt_amount")]
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
    fn fields(&self, _config: &Config, out: &mut Fields<'_>) {
        out.str("transaction", &self.transaction_id)
            .str("currency", &self.currency)
            .opt_amount("amount", self.amount.as_ref());
    }
}
