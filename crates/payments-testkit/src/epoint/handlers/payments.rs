//! `pay`, `split_pay` (hosted page) and `pay_with_saved_card`, `split_pay_with_saved_card`
//! (charged at once).

use std::sync::Arc;

use axum::extract::State;
use serde_json::json;

use super::check_payment;
use crate::cards::card_outcome;
use crate::epoint::Inner;
use crate::epoint::auth::Payload;
use crate::epoint::render::{Answer, ok, page_url, result_json};
use crate::epoint::state::{find_card, insert, new_transaction, outcome_fields};

/// `/api/1/request`.
pub(in crate::epoint) async fn pay(State(inner): State<Arc<Inner>>, p: Payload) -> Answer {
    redirect_payment(&inner, &p, false)
}

/// `/api/1/split-request`.
pub(in crate::epoint) async fn split_pay(State(inner): State<Arc<Inner>>, p: Payload) -> Answer {
    redirect_payment(&inner, &p, true)
}

fn redirect_payment(inner: &Inner, p: &Payload, split: bool) -> Answer {
    check_payment(p, split, false)?;
    let kind = if split { "split_pay" } else { "pay" };
    let id = insert(inner, new_transaction(kind, p), None);
    let url = page_url(&inner.core.base_url, &id);
    ok(&json!({"status": "success", "transaction": id, "redirect_url": url}))
}

/// `/api/1/execute-pay`.
pub(in crate::epoint) async fn pay_with_saved_card(
    State(inner): State<Arc<Inner>>,
    p: Payload,
) -> Answer {
    charge_saved_card(&inner, &p, false)
}

/// `/api/1/split-execute-pay`.
pub(in crate::epoint) async fn split_pay_with_saved_card(
    State(inner): State<Arc<Inner>>,
    p: Payload,
) -> Answer {
    charge_saved_card(&inner, &p, true)
}

/// Charges a saved card at once; its test number decides.
fn charge_saved_card(inner: &Inner, p: &Payload, split: bool) -> Answer {
    check_payment(p, split, false)?;
    let card_id = p.str("card_id")?;
    let kind = if split {
        "split_pay_with_saved_card"
    } else {
        "pay_with_saved_card"
    };
    let card = find_card(inner, &card_id)?;
    let (status, code, message) = outcome_fields(card_outcome(&card.number));
    let mut t = new_transaction(kind, p);
    t.status = status.to_owned();
    t.code = Some(code.to_owned());
    t.message = Some(message.to_owned());
    t.card_mask = card.card_mask;
    let id = insert(inner, t, Some(card_id));
    ok(&result_json(inner, &id))
}
