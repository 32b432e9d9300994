//! Payments opened on the Payment Page and every change of their status.

use std::sync::Arc;

use crate::cards::{CardOutcome, card_outcome, mask};
use crate::common::lock;
use crate::common::page::{form_pairs, form_value};
use crate::control::{Transition, Transitioned, unsupported};
use crate::error::SandboxError;
use crate::outcome::PaymentOutcome;

use super::Inner;
use super::auth::verify;
use super::events::{Operation, callback_json, send_callback};

/// A payment opened on the sandbox's Payment Page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcommpayPayment {
    /// The merchant's `payment_id`.
    pub payment_id: String,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// `payment_description`.
    pub description: String,
    /// `customer_id`, if given.
    pub customer_id: Option<String>,
    /// `awaiting customer`, then `success` or `decline`.
    pub status: String,
    /// Every page parameter as received (without `signature`).
    pub params: Vec<(String, String)>,
    /// Masked card number, once paid.
    pub card_mask: Option<String>,
    /// Operation id reported in the callback.
    pub operation_id: i64,
}

/// Verifies and registers a Payment Page request; returns the `payment_id`.
pub(super) fn open_page(inner: &Inner, query: &str) -> Result<String, String> {
    let pairs = form_pairs(query.as_bytes());
    verify(inner, &pairs)?;
    let get = |name: &str| form_value(&pairs, name).map(str::to_owned);
    if get("project_id").as_deref() != Some(inner.config.project_id.to_string().as_str()) {
        return Err("project_id is unknown".to_owned());
    }
    let payment_id = get("payment_id")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| "payment_id is required".to_owned())?;
    let amount = get("payment_amount")
        .and_then(|a| a.parse::<i64>().ok())
        .filter(|a| *a > 0)
        .ok_or_else(|| "payment_amount must be a positive integer".to_owned())?;
    let currency = get("payment_currency")
        .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
        .ok_or_else(|| "payment_currency is invalid".to_owned())?;
    let params: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k != "signature")
        .cloned()
        .collect();
    let mut payments = lock(&inner.payments);
    if let Some(existing) = payments.iter_mut().find(|p| p.payment_id == payment_id) {
        if existing.status != "awaiting customer" {
            return Err(format!(
                "payment {payment_id} is already {}",
                existing.status
            ));
        }
        existing.amount = amount;
        existing.currency = currency;
        existing.params = params;
        return Ok(payment_id);
    }
    let operation_id = i64::try_from(payments.len()).unwrap_or(0) + 1_000_000_001;
    payments.push(EcommpayPayment {
        payment_id: payment_id.clone(),
        amount,
        currency,
        description: get("payment_description").unwrap_or_default(),
        customer_id: get("customer_id"),
        status: "awaiting customer".to_owned(),
        params,
        card_mask: None,
        operation_id,
    });
    Ok(payment_id)
}

fn param<'a>(p: &'a EcommpayPayment, name: &str) -> Option<&'a str> {
    form_value(&p.params, name).filter(|v| !v.is_empty())
}

/// Where callbacks of `p` go: its `merchant_callback_url`, else the project's URL.
fn callback_target(inner: &Inner, p: &EcommpayPayment) -> Option<String> {
    param(p, "merchant_callback_url")
        .map(str::to_owned)
        .or_else(|| inner.core.notify_url())
}

/// Pays an `awaiting customer` payment with a card, sends the callback, computes the
/// redirect.
pub(super) async fn pay(
    inner: &Arc<Inner>,
    payment_id: &str,
    card_number: &str,
) -> Result<PaymentOutcome, SandboxError> {
    let outcome = card_outcome(card_number);
    let (status, callback, target, redirect_url) = {
        let mut payments = lock(&inner.payments);
        let p = payments
            .iter_mut()
            .find(|p| p.payment_id == payment_id)
            .ok_or_else(|| SandboxError::NotFound(payment_id.to_owned()))?;
        if p.status != "awaiting customer" {
            return Err(SandboxError::InvalidState(format!(
                "payment {payment_id} is {}",
                p.status
            )));
        }
        p.status = if outcome.is_approved() {
            "success"
        } else {
            "decline"
        }
        .to_owned();
        p.card_mask = Some(mask(card_number));
        let operation = Operation {
            id: p.operation_id,
            kind: "sale",
            status: &p.status,
        };
        let callback = callback_json(inner, p, operation, outcome);
        let target = callback_target(inner, p);
        let redirect_url = if outcome.is_approved() {
            param(p, "merchant_success_url").or_else(|| param(p, "redirect_success_url"))
        } else {
            param(p, "merchant_fail_url").or_else(|| param(p, "redirect_fail_url"))
        }
        .map(str::to_owned);
        (p.status.clone(), callback, target, redirect_url)
    };
    let notification = send_callback(inner, target, &callback).await;
    Ok(PaymentOutcome::new(
        status,
        outcome,
        redirect_url,
        notification,
    ))
}

/// Forgets every payment.
pub(super) fn reset(inner: &Inner) {
    lock(&inner.payments).clear();
}

/// The customer opens `url_or_payment_id` (a signed Payment Page URL, or the `payment_id` of
/// a page already opened) and pays.
pub(super) async fn pay_hosted(
    inner: &Arc<Inner>,
    url_or_payment_id: &str,
    card_number: &str,
) -> Result<PaymentOutcome, SandboxError> {
    let payment_id = match url_or_payment_id.split_once('?') {
        Some((_, query)) => open_page(inner, query).map_err(SandboxError::Rejected)?,
        None => url_or_payment_id.to_owned(),
    };
    pay(inner, &payment_id, card_number).await
}

/// Refunds a `success` payment in full (`refunded`) and sends the refund callback.
async fn refund(inner: &Arc<Inner>, payment_id: &str) -> Result<Transitioned, SandboxError> {
    let (status, callback, target) = {
        let mut payments = lock(&inner.payments);
        let p = payments
            .iter_mut()
            .find(|p| p.payment_id == payment_id)
            .ok_or_else(|| SandboxError::NotFound(payment_id.to_owned()))?;
        if p.status != "success" {
            return Err(SandboxError::InvalidState(format!(
                "payment {payment_id} is {}",
                p.status
            )));
        }
        p.status = "refunded".to_owned();
        let operation = Operation {
            id: p.operation_id + REFUND_OPERATION_OFFSET,
            kind: "refund",
            status: "success",
        };
        let callback = callback_json(inner, p, operation, CardOutcome::Approved);
        (p.status.clone(), callback, callback_target(inner, p))
    };
    let notification = send_callback(inner, target, &callback).await;
    Ok(Transitioned::new(
        payment_id,
        Transition::RefundSettled,
        status,
        notification,
    ))
}

/// Refund operations get their sale's id plus this.
const REFUND_OPERATION_OFFSET: i64 = 500_000_000;

/// Applies a control transition to a payment (`pay` and `decline` pay on the page).
pub(super) async fn force(
    inner: &Arc<Inner>,
    id: &str,
    transition: Transition,
) -> Result<Transitioned, SandboxError> {
    match transition.card() {
        Some(card) => Ok(Transitioned::paid(
            id,
            transition,
            pay(inner, id, card.number()).await?,
        )),
        None if transition == Transition::RefundSettled => refund(inner, id).await,
        None => Err(unsupported("ecommpay", transition)),
    }
}
