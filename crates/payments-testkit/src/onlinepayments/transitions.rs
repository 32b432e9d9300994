//! The control API's transitions on Online Payments objects, and the reset.
//!
//! | object | `pay` | `decline` | `expire` | `refund_settled` | `chargeback` |
//! |---|---|---|---|---|---|
//! | hosted checkout, payment link | paid as on the page | declined as on the page | link: `EXPIRED` | – | – |
//! | `PENDING_CAPTURE` payment | captured in full | – | `CANCELLED` | – | – |
//! | `CAPTURED` payment | – | – | – | refunded in full | `CHARGEBACK_NOTIFICATION` |
//! | `REDIRECTED` payment | approved at the third party | `REJECTED` | `CANCELLED` | – | – |
//! | mandate | `CREATED` → `ACTIVE` (signed) | `CREATED` → `REVOKED` (refused) | `EXPIRED` | – | – |
//! | payout | – | `ACCOUNT_CREDITED` → `REJECTED_CREDIT` | – | – | – |
//!
//! Payment and payout changes send their webhook.

use std::sync::Arc;

use serde_json::{Value, json};

use super::Inner;
use super::events::{send_event, send_payout_event};
use super::follow_up::{ThirdParty, third_party_result};
use super::mandates::change;
use super::payouts::reject;
use super::state::{Refusal, Store, cancel, capture, chargeback, get_str, pay_checkout, refund};
use crate::cards::TestCard;
use crate::common::lock;
use crate::control::{Transition, Transitioned};
use crate::error::SandboxError;

/// What a control id names.
enum Target {
    Payment,
    /// A hosted checkout (its id).
    Checkout(String),
    /// A payment link (the id of its hosted checkout).
    Link(String),
    Payout,
    Mandate,
}

impl Target {
    fn of(store: &Store, id: &str) -> Option<Target> {
        if store.payments.iter().any(|p| p.id == id) {
            return Some(Target::Payment);
        }
        if store.checkouts.iter().any(|c| c.id == id) {
            return Some(Target::Checkout(id.to_owned()));
        }
        if let Some(l) = store.links.iter().find(|l| l.id == id) {
            return Some(Target::Link(l.checkout_id.clone()));
        }
        if store.payouts.iter().any(|p| p.id == id) {
            return Some(Target::Payout);
        }
        store
            .mandates
            .iter()
            .any(|m| m.reference == id)
            .then_some(Target::Mandate)
    }
}

/// Forgets every payment, checkout, token, link, mandate, payout, batch, session and stored
/// idempotent answer.
pub(super) fn reset(inner: &Inner) {
    *lock(&inner.store) = Store::default();
}

/// Applies a control transition (see the [module docs](self)).
pub(super) async fn force(
    inner: &Arc<Inner>,
    id: &str,
    transition: Transition,
) -> Result<Transitioned, SandboxError> {
    let target =
        Target::of(&lock(&inner.store), id).ok_or_else(|| SandboxError::NotFound(id.to_owned()))?;
    match target {
        Target::Checkout(checkout) | Target::Link(checkout)
            if matches!(transition, Transition::Pay | Transition::Decline) =>
        {
            let card = if transition == Transition::Pay {
                TestCard::VisaSuccess
            } else {
                TestCard::VisaDeclined
            };
            let outcome = pay_checkout(inner, &checkout, card.number()).await?;
            Ok(Transitioned::paid(id, transition, outcome))
        }
        Target::Link(_) if transition == Transition::Expire => expire_link(inner, id),
        Target::Payment => {
            let payment = force_payment(&mut lock(&inner.store), id, transition)
                .map_err(|r| r.into_sandbox_error(id))?;
            let status = get_str(&payment, &["status"]).unwrap_or_default();
            let notification = send_event(inner, &payment).await;
            Ok(Transitioned::new(id, transition, status, notification))
        }
        Target::Mandate => {
            let mut store = lock(&inner.store);
            let changed = match transition {
                Transition::Pay => change(&mut store, id, Some("CREATED"), "ACTIVE", "signed"),
                Transition::Decline => {
                    change(&mut store, id, Some("CREATED"), "REVOKED", "refused")
                }
                Transition::Expire => change(&mut store, id, None, "EXPIRED", "expired"),
                _ => Err(does_not_apply(transition, "a mandate")),
            };
            let m = changed.map_err(|r| r.into_sandbox_error(id))?;
            Ok(Transitioned::new(id, transition, m.status, None))
        }
        Target::Payout => {
            let payout = match transition {
                Transition::Decline => reject(&mut lock(&inner.store), id),
                _ => Err(does_not_apply(transition, "a payout")),
            }
            .map_err(|r| r.into_sandbox_error(id))?;
            let status = get_str(&payout, &["status"]).unwrap_or_default();
            let notification = send_payout_event(inner, &payout).await;
            Ok(Transitioned::new(id, transition, status, notification))
        }
        Target::Checkout(_) | Target::Link(_) => Err(SandboxError::InvalidState(format!(
            "`{transition}` does not apply to hosted checkout or payment link {id}"
        ))),
    }
}

fn does_not_apply(transition: Transition, what: &str) -> Refusal {
    Refusal::NotAllowed(format!("`{transition}` does not apply to {what}"))
}

/// An `ACTIVE` payment link runs out of time: `EXPIRED`, no webhook.
fn expire_link(inner: &Inner, id: &str) -> Result<Transitioned, SandboxError> {
    let mut store = lock(&inner.store);
    let link = store.links.iter_mut().find(|l| l.id == id);
    match link {
        Some(l) if l.status == "ACTIVE" => {
            l.status = "EXPIRED".to_owned();
            l.event("EXPIRED", None);
            Ok(Transitioned::new(id, Transition::Expire, "EXPIRED", None))
        }
        Some(l) => Err(SandboxError::InvalidState(format!(
            "payment link {id} is {}",
            l.status
        ))),
        None => Err(SandboxError::NotFound(id.to_owned())),
    }
}

/// A transition of payment `id`: at the third party while `REDIRECTED`, else captured,
/// cancelled, refunded or charged back. Returns the payment.
fn force_payment(store: &mut Store, id: &str, transition: Transition) -> Result<Value, Refusal> {
    let redirected = store
        .payments
        .iter()
        .any(|p| p.id == id && p.status == "REDIRECTED");
    match (transition, redirected) {
        (Transition::Pay, true) => third_party_result(store, id, ThirdParty::Approve),
        (Transition::Decline, true) => third_party_result(store, id, ThirdParty::Refuse),
        (Transition::Expire, true) => third_party_result(store, id, ThirdParty::Cancel),
        (Transition::Pay, false) => capture(store, id, &json!({})).map(|(_, p)| p),
        (Transition::Expire, false) => cancel(store, id),
        (Transition::RefundSettled, _) => refund(store, id, &json!({})).map(|(_, p)| p),
        (Transition::Chargeback, _) => chargeback(store, id),
        _ => Err(Refusal::NotAllowed(
            "a payment cannot be declined: decline its hosted checkout or payment link".to_owned(),
        )),
    }
}
