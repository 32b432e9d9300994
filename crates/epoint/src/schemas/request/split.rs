//! The split payment requests (a payment shared with another EPoint user).

use payments_core::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Fields, RequestFields};
use crate::env::Config;

/// `split_pay` (`SplitPayRequestSchema`): a payment shared with another EPoint user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "SplitPayRequestSchema")]
pub struct SplitPayRequest {
    /// Amount in major units.
    #[serde(with = "crate::decimal::amount")]
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Your unique order id.
    pub order_id: String,
    /// The other user's id (sent as `split_user`).
    #[serde(rename = "split_user", alias = "split_user_id")]
    pub split_user_id: String,
    /// The other user's share.
    #[serde(with = "crate::decimal::amount")]
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
            .str("split_user", &self.split_user_id)
            .amount("split_amount", &self.split_amount)
            .opt_map("other_attr", self.other_attr.as_ref());
    }
}

/// `split_pay_with_saved_card` (`SplitPayWithSavedCardRequestSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "SplitPayWithSavedCardRequestSchema")]
pub struct SplitPayWithSavedCardRequest {
    /// Amount in major units.
    #[serde(with = "crate::decimal::amount")]
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Your unique order id.
    pub order_id: String,
    /// The saved card's id.
    pub card_id: String,
    /// The other user's id (sent as `split_user`).
    #[serde(rename = "split_user", alias = "split_user_id")]
    pub split_user_id: String,
    /// The other user's share.
    #[serde(with = "crate::decimal::amount")]
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
    fn fields(&self, _config: &Config, out: &mut Fields<'_>) {
        out.amount("amount", &self.amount)
            .str("currency", &self.currency)
            .str("order_id", &self.order_id)
            .str("card_id", &self.card_id)
            .str("split_user", &self.split_user_id)
            .amount("split_amount", &self.split_amount)
            .opt_str("description", self.description.as_deref());
    }
}

/// `split_pay_and_save_card` (`SplitPayAndSaveCardRequestSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "SplitPayAndSaveCardRequestSchema")]
pub struct SplitPayAndSaveCardRequest {
    /// Amount in major units.
    #[serde(with = "crate::decimal::amount")]
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Your unique order id.
    pub order_id: String,
    /// The other user's id (sent as `split_user`).
    #[serde(rename = "split_user", alias = "split_user_id")]
    pub split_user_id: String,
    /// The other user's share.
    #[serde(with = "crate::decimal::amount")]
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
            .str("split_user", &self.split_user_id)
            .amount("split_amount", &self.split_amount);
    }
}
