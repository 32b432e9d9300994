//! The response body of each endpoint.
//!
//! The official schemas share fields by inheritance (`BaseResponseSchema` →
//! `BaseWithCodeSchema` → `TransactionStatusResponseSchema`, …). Each struct here
//! repeats the fields it inherits on purpose: they stay flat public fields
//! (`body.rrn`), as in Python, where a shared struct under `#[serde(flatten)]` would nest
//! them (`body.base.rrn`).

use chrono::{DateTime, FixedOffset};
use payments_core::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::fields::{opt_code, opt_datetime, opt_int};
use crate::schemas::enums::{TransactionStatus, TransactionStatusExtended, code_meaning};

/// `refund` (`MinimalResponseSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "MinimalResponseSchema")]
pub struct MinimalResponse {
    /// Result.
    pub status: TransactionStatus,
    /// Message, mostly on errors.
    #[serde(default)]
    pub message: Option<String>,
}

/// `pay_with_saved_card`, `payout` (`BaseResponseSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "BaseResponseSchema")]
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
    #[serde(default, with = "crate::decimal::opt_amount")]
    pub amount: Option<Decimal>,
}

/// `pay`, `split_pay` (`RedirectUrlResponseSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "RedirectUrlResponseSchema")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "RedirectUrlWithCardIdResponseSchema")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "TransactionStatusResponseSchema")]
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
    #[serde(default, with = "crate::decimal::opt_amount")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "SplitPayWithSavedCardResponseSchema")]
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
    #[serde(default, with = "crate::decimal::opt_amount")]
    pub amount: Option<Decimal>,
    /// The other user's share.
    #[serde(default, with = "crate::decimal::opt_amount")]
    pub split_amount: Option<Decimal>,
}

/// `create_widget` (`WidgetResponseSchema`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "WidgetResponseSchema")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "TokenPaymentResponseSchema")]
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
    #[serde(default, with = "crate::decimal::opt_amount")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "TokenPayResponseSchema")]
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
