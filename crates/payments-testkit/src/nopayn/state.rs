//! Orders as the sandbox holds them and every change of their status.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Utc};

use super::Inner;
use super::events::{send_webhook, spawn_webhooks};
use crate::cards::{CardOutcome, card_outcome, mask};
use crate::common::page::with_query;
use crate::common::{lock, now_iso};
use crate::control::{Transition, Transitioned, unsupported};
use crate::error::SandboxError;
use crate::outcome::PaymentOutcome;

/// An order as the sandbox holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoPaynOrder {
    /// Order id (UUID).
    pub id: String,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// `new`, `completed`, `cancelled`, `expired` or `error`.
    pub status: String,
    /// Merchant's reference.
    pub merchant_order_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Where a paying customer goes after success.
    pub return_url: Option<String>,
    /// Where a customer goes after failure, cancellation or expiry.
    pub failure_url: Option<String>,
    /// Where status changes are posted.
    pub webhook_url: Option<String>,
    /// HPP language.
    pub locale: Option<String>,
    /// ISO 8601 duration the order stays payable.
    pub expiration_period: Option<String>,
    /// When the order expires, from `expiration_period`.
    pub expires_at: Option<DateTime<Utc>>,
    /// Creation time (RFC 3339).
    pub created: String,
    /// Last change (RFC 3339).
    pub modified: String,
    /// Completion time, once completed.
    pub completed: Option<String>,
    /// Transactions (one per order in the sandbox).
    pub transactions: Vec<NoPaynTransaction>,
    /// Refunds, in order.
    pub refunds: Vec<NoPaynRefund>,
}

/// A transaction of a [`NoPaynOrder`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoPaynTransaction {
    /// Transaction id (UUID).
    pub id: String,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// `credit-card` unless the order asked for another method.
    pub payment_method: String,
    /// `new`, `completed`, `captured`, `voided`, `cancelled`, `expired` or `error`.
    pub status: String,
    /// Why it failed (`Declined`, `Insufficient funds`).
    pub reason: Option<String>,
    /// Masked card number, once paid.
    pub card_mask: Option<String>,
    /// Creation time.
    pub created: String,
    /// Last change.
    pub modified: String,
}

/// A refund of a [`NoPaynOrder`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoPaynRefund {
    /// Refund id (UUID).
    pub id: String,
    /// Amount in minor units.
    pub amount: i64,
    /// Always `pending` in the sandbox.
    pub status: String,
    /// Description sent with the refund.
    pub description: Option<String>,
}

/// Parses a simple ISO 8601 duration (`P1DT2H30M10S`, `PT30M`).
pub(super) fn parse_duration(text: &str) -> Option<chrono::Duration> {
    let rest = text.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut total = chrono::Duration::zero();
    let mut any = false;
    for (part, is_time) in [(date, false), (time.unwrap_or(""), true)] {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let n: i64 = number.parse().ok()?;
            number.clear();
            let d = match (c, is_time) {
                ('W', false) => chrono::Duration::try_weeks(n)?,
                ('D', false) => chrono::Duration::try_days(n)?,
                ('H', true) => chrono::Duration::try_hours(n)?,
                ('M', true) => chrono::Duration::try_minutes(n)?,
                ('S', true) => chrono::Duration::try_seconds(n)?,
                _ => return None,
            };
            total = total.checked_add(&d)?;
            any = true;
        }
        if !number.is_empty() {
            return None;
        }
    }
    if time == Some("") || !any {
        return None;
    }
    Some(total)
}

/// Marks `new` orders whose expiry passed as expired; returns (webhook url, id) to notify.
pub(super) fn expire_due(orders: &mut [NoPaynOrder]) -> Vec<(Option<String>, String)> {
    let now = Utc::now();
    let mut due = Vec::new();
    for o in orders.iter_mut() {
        if o.status == "new" && o.expires_at.is_some_and(|t| t <= now) {
            set_status(o, "expired", None);
            due.push((o.webhook_url.clone(), o.id.clone()));
        }
    }
    due
}

/// Middleware on the API routes: expires the orders that are due (as NoPayn does on every
/// call), sending their webhooks in the background.
pub(super) async fn expire_due_orders(
    State(inner): State<Arc<Inner>>,
    request: Request,
    next: Next,
) -> Response {
    {
        let mut orders = lock(&inner.orders);
        let due = expire_due(&mut orders);
        spawn_webhooks(&inner, due);
    }
    next.run(request).await
}

pub(super) fn set_status(o: &mut NoPaynOrder, status: &str, reason: Option<&str>) {
    let now = now_iso();
    o.status = status.to_owned();
    o.modified = now.clone();
    if status == "completed" {
        o.completed = Some(now.clone());
    }
    for t in &mut o.transactions {
        t.status = status.to_owned();
        t.reason = reason.map(str::to_owned);
        t.modified = now.clone();
    }
}

/// The customer pays order `order_or_url` (an id, `order_url` or `payment_url`) on the hosted
/// page: the card decides, the webhook is sent, the redirect computed.
pub(super) async fn pay(
    inner: &Arc<Inner>,
    order_or_url: &str,
    card_number: &str,
) -> Result<PaymentOutcome, SandboxError> {
    let order_id = super::order_id_of(order_or_url);
    let outcome = card_outcome(card_number);
    let (status, redirect_url, webhook) = {
        let mut orders = lock(&inner.orders);
        let due = expire_due(&mut orders);
        spawn_webhooks(inner, due);
        let o = orders
            .iter_mut()
            .find(|o| o.id == order_id)
            .ok_or_else(|| SandboxError::NotFound(order_id.to_owned()))?;
        if o.status != "new" {
            return Err(SandboxError::InvalidState(format!(
                "order {} is {}",
                o.id, o.status
            )));
        }
        let (status, reason) = match outcome {
            CardOutcome::Approved => ("completed", None),
            CardOutcome::InsufficientFunds => ("error", Some("Insufficient funds")),
            _ => ("error", Some("Declined")),
        };
        set_status(o, status, reason);
        for t in &mut o.transactions {
            t.card_mask = Some(mask(card_number));
        }
        let target = if outcome.is_approved() {
            o.return_url.clone()
        } else {
            o.failure_url.clone().or_else(|| o.return_url.clone())
        };
        let redirect_url = target.map(|u| {
            with_query(
                &u,
                &[
                    ("order_id", &o.id),
                    ("project_id", &inner.config.project_id),
                ],
            )
        });
        (status.to_owned(), redirect_url, o.webhook_url.clone())
    };
    let notification = send_webhook(inner, webhook, order_id).await;
    Ok(PaymentOutcome::new(
        status,
        outcome,
        redirect_url,
        notification,
    ))
}

pub(super) async fn finish_unpaid(
    inner: &Arc<Inner>,
    order_id: &str,
    status: &str,
) -> Result<PaymentOutcome, SandboxError> {
    let (redirect_url, webhook) = {
        let mut orders = lock(&inner.orders);
        let o = orders
            .iter_mut()
            .find(|o| o.id == order_id)
            .ok_or_else(|| SandboxError::NotFound(order_id.to_owned()))?;
        if o.status != "new" {
            return Err(SandboxError::InvalidState(format!(
                "order {} is {}",
                o.id, o.status
            )));
        }
        set_status(o, status, None);
        let redirect_url = o
            .failure_url
            .clone()
            .or_else(|| o.return_url.clone())
            .map(|u| {
                with_query(
                    &u,
                    &[
                        ("order_id", &o.id),
                        ("project_id", &inner.config.project_id),
                    ],
                )
            });
        (redirect_url, o.webhook_url.clone())
    };
    let notification = send_webhook(inner, webhook, order_id).await;
    Ok(PaymentOutcome::new(
        status,
        CardOutcome::Declined,
        redirect_url,
        notification,
    ))
}

/// Settles every `pending` refund of a `completed` order (they become `completed`) and sends
/// the order's webhook.
async fn settle_refunds(inner: &Arc<Inner>, order_id: &str) -> Result<Transitioned, SandboxError> {
    let (status, webhook) = {
        let mut orders = lock(&inner.orders);
        let o = orders
            .iter_mut()
            .find(|o| o.id == order_id)
            .ok_or_else(|| SandboxError::NotFound(order_id.to_owned()))?;
        let pending: Vec<&mut NoPaynRefund> = o
            .refunds
            .iter_mut()
            .filter(|r| r.status == "pending")
            .collect();
        if pending.is_empty() {
            return Err(SandboxError::InvalidState(format!(
                "order {order_id} has no pending refund"
            )));
        }
        for r in pending {
            r.status = "completed".to_owned();
        }
        o.modified = now_iso();
        (o.status.clone(), o.webhook_url.clone())
    };
    let notification = send_webhook(inner, webhook, order_id).await;
    Ok(Transitioned::new(
        order_id,
        Transition::RefundSettled,
        status,
        notification,
    ))
}

/// Forgets every order.
pub(super) fn reset(inner: &Inner) {
    lock(&inner.orders).clear();
}

/// Applies a control transition to an order.
pub(super) async fn force(
    inner: &Arc<Inner>,
    id: &str,
    transition: Transition,
) -> Result<Transitioned, SandboxError> {
    let outcome = match (transition, transition.card()) {
        (_, Some(card)) => pay(inner, id, card.number()).await?,
        (Transition::Expire, None) => finish_unpaid(inner, id, "expired").await?,
        (Transition::RefundSettled, None) => return settle_refunds(inner, id).await,
        (other, None) => return Err(unsupported("nopayn", other)),
    };
    Ok(Transitioned::paid(id, transition, outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("PT30M"), Some(chrono::Duration::minutes(30)));
        assert_eq!(
            parse_duration("P1DT1S"),
            Some(chrono::Duration::seconds(86401))
        );
        assert_eq!(parse_duration("PT0S"), Some(chrono::Duration::zero()));
        assert_eq!(parse_duration("P"), None);
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("30M"), None);
        assert_eq!(parse_duration("PT5X"), None);
        assert_eq!(parse_duration("PT5"), None);
    }
}
