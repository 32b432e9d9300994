//! Transactions and saved cards as the sandbox holds them, and every change of their status.

use std::sync::Arc;

use payments_core::Decimal;
use serde_json::Value;

use super::Inner;
use super::auth::{Payload, parse_decimal};
use super::events::{callback_json, send_callback};
use crate::cards::{CardOutcome, card_outcome, digits_only, mask};
use crate::common::facade::id_from_url;
use crate::common::lock;
use crate::control::{Transition, Transitioned, unsupported};
use crate::error::SandboxError;
use crate::outcome::PaymentOutcome;

/// A transaction as the sandbox holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpointTransaction {
    /// Transaction id (`te...`).
    pub transaction: String,
    /// The SDK method that created it (`pay`, `save_card`, `pay_and_save_card`, `split_pay`,
    /// `pay_with_saved_card`, `payout`, `create_widget`, `create_token_payment`, ...).
    pub kind: String,
    /// The merchant's order id.
    pub order_id: Option<String>,
    /// Amount in major units, as received.
    pub amount: Option<Decimal>,
    /// Currency code.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `new`, `success`, `error` or `returned`.
    pub status: String,
    /// Result code (`000` approved, `100` declined, `116` insufficient funds).
    pub code: Option<String>,
    /// Result message.
    pub message: Option<String>,
    /// Saved card of the transaction.
    pub card_id: Option<String>,
    /// Masked card number, once paid.
    pub card_mask: Option<String>,
    /// Redirect after success.
    pub success_redirect_url: Option<String>,
    /// Redirect after failure.
    pub error_redirect_url: Option<String>,
    /// `other_attr` as sent (echoed back as JSON text).
    pub other_attr: Option<Value>,
    /// Split receiver.
    pub split_user: Option<String>,
    /// Split amount.
    pub split_amount: Option<Decimal>,
    /// Amount refunded so far.
    pub refunded: Decimal,
    /// Token payment id (`create_token_payment`).
    pub token_payment_id: Option<i64>,
}

/// A card saved through card registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpointCard {
    /// Card id handed to the merchant.
    pub card_id: String,
    /// Masked number.
    pub card_mask: Option<String>,
    /// Whether registration completed (the card can be charged).
    pub active: bool,
    pub(super) number: String,
}

/// Transactions and cards.
#[derive(Debug, Default)]
pub(super) struct Store {
    pub(super) transactions: Vec<EpointTransaction>,
    pub(super) cards: Vec<EpointCard>,
    pub(super) counter: u64,
}

impl Store {
    /// `<prefix>000000001`, ... (transactions `te`, cards `ce`).
    pub(super) fn next_id(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{:09}", self.counter)
    }
}

/// A `new` transaction of `kind` from the fields of `p`.
pub(super) fn new_transaction(kind: &str, p: &Payload) -> EpointTransaction {
    EpointTransaction {
        transaction: String::new(),
        kind: kind.to_owned(),
        order_id: p.opt_str("order_id"),
        amount: p.0.get("amount").and_then(parse_decimal),
        currency: p.opt_str("currency"),
        description: p.opt_str("description"),
        status: "new".to_owned(),
        code: None,
        message: None,
        card_id: None,
        card_mask: None,
        success_redirect_url: p.opt_str("success_redirect_url"),
        error_redirect_url: p.opt_str("error_redirect_url"),
        other_attr: p.0.get("other_attr").filter(|v| !v.is_null()).cloned(),
        split_user: p.opt_str("split_user"),
        split_amount: p.0.get("split_amount").and_then(parse_decimal),
        refunded: Decimal::ZERO,
        token_payment_id: None,
    }
}

/// Stores `t` under a new transaction id (with `card_id`, if given); returns the id.
pub(super) fn insert(inner: &Inner, mut t: EpointTransaction, card_id: Option<String>) -> String {
    let mut store = lock(&inner.store);
    let id = store.next_id("te");
    t.transaction = id.clone();
    if card_id.is_some() {
        t.card_id = card_id;
    }
    store.transactions.push(t);
    id
}

/// An active saved card.
pub(super) fn find_card(inner: &Inner, card_id: &str) -> Result<EpointCard, String> {
    lock(&inner.store)
        .cards
        .iter()
        .find(|c| c.card_id == card_id && c.active)
        .cloned()
        .ok_or_else(|| "Card not found".to_owned())
}

/// `(status, code, message)` of a card outcome.
pub(super) fn outcome_fields(outcome: CardOutcome) -> (&'static str, &'static str, &'static str) {
    match outcome {
        CardOutcome::Approved => ("success", "000", "Approved"),
        CardOutcome::InsufficientFunds => ("error", "116", "Insufficient funds"),
        _ => ("error", "100", "Declined"),
    }
}

/// Finishes the `new` transaction `id_or_url` (an id or its page URL) with a card, sends the
/// callback, computes the redirect.
pub(super) async fn complete(
    inner: &Arc<Inner>,
    id_or_url: &str,
    card_number: &str,
) -> Result<PaymentOutcome, SandboxError> {
    let id = id_from_url(id_or_url, "/epoint/pay/");
    let outcome = card_outcome(card_number);
    let (status, callback, redirect_url) = {
        let mut store = lock(&inner.store);
        let t = store
            .transactions
            .iter_mut()
            .find(|t| t.transaction == id)
            .ok_or_else(|| SandboxError::NotFound(id.to_owned()))?;
        if t.status != "new" {
            return Err(SandboxError::InvalidState(format!(
                "transaction {id} is {}",
                t.status
            )));
        }
        let (status, code, message) = outcome_fields(outcome);
        t.status = status.to_owned();
        t.code = Some(code.to_owned());
        t.message = Some(message.to_owned());
        t.card_mask = Some(mask(card_number));
        let t = t.clone();
        if let (Some(card_id), true) = (&t.card_id, outcome.is_approved())
            && let Some(card) = store.cards.iter_mut().find(|c| &c.card_id == card_id)
        {
            card.active = true;
            card.card_mask = Some(mask(card_number));
            card.number = digits_only(card_number);
        }
        let redirect_url = if outcome.is_approved() {
            t.success_redirect_url.clone()
        } else {
            t.error_redirect_url.clone()
        };
        (status, callback_json(&t), redirect_url)
    };
    let notification = send_callback(inner, &callback).await;
    Ok(PaymentOutcome::new(
        status,
        outcome,
        redirect_url,
        notification,
    ))
}

/// Refunds `amount` (the rest when `None`) of a `success` transaction in `currency` (any
/// when `None`); fully refunded, it becomes `returned`. Returns the new status.
pub(super) fn refund(
    inner: &Inner,
    id: &str,
    currency: Option<&str>,
    requested: Option<Decimal>,
) -> Result<String, String> {
    let mut store = lock(&inner.store);
    let t = store
        .transactions
        .iter_mut()
        .find(|t| t.transaction == id)
        .ok_or_else(|| "Transaction not found".to_owned())?;
    if t.status != "success" {
        return Err(format!(
            "Transaction cannot be refunded in status {}",
            t.status
        ));
    }
    if currency.is_some_and(|c| t.currency.as_deref() != Some(c)) {
        return Err("Currency does not match the transaction".to_owned());
    }
    let total = t.amount.unwrap_or(Decimal::ZERO);
    let remaining = total - t.refunded;
    let amount = requested.unwrap_or(remaining);
    if amount > remaining || amount.is_zero() {
        return Err("Refund amount exceeds the refundable amount".to_owned());
    }
    t.refunded += amount;
    if t.refunded >= total {
        t.status = "returned".to_owned();
    }
    Ok(t.status.clone())
}

/// Forgets every transaction and card.
pub(super) fn reset(inner: &Inner) {
    *lock(&inner.store) = Store::default();
}

/// Applies a control transition to a transaction: `pay` and `decline` complete it as the
/// page does; `refund_settled` refunds the rest and sends no callback (EPoint answers
/// `reverse` directly).
pub(super) async fn force(
    inner: &Arc<Inner>,
    id: &str,
    transition: Transition,
) -> Result<Transitioned, SandboxError> {
    if let Some(card) = transition.card() {
        let outcome = complete(inner, id, card.number()).await?;
        return Ok(Transitioned::paid(id, transition, outcome));
    }
    if transition != Transition::RefundSettled {
        return Err(unsupported("epoint", transition));
    }
    if !lock(&inner.store)
        .transactions
        .iter()
        .any(|t| t.transaction == id)
    {
        return Err(SandboxError::NotFound(id.to_owned()));
    }
    let status = refund(inner, id, None, None).map_err(SandboxError::InvalidState)?;
    Ok(Transitioned::new(id, transition, status, None))
}
