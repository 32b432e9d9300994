//! `refund` (reverse a payment) and `payout` (credit a saved card).

use std::sync::Arc;

use axum::extract::State;
use serde_json::{Value, json};

use super::check_payment;
use crate::epoint::Inner;
use crate::epoint::auth::Payload;
use crate::epoint::render::{Answer, ok, result_json};
use crate::epoint::state::{find_card, insert, new_transaction, refund as refund_transaction};

/// `/api/1/reverse`: full when `amount` is `null`.
pub(in crate::epoint) async fn refund(State(inner): State<Arc<Inner>>, p: Payload) -> Answer {
    let id = p.str("transaction")?;
    let currency = p.str("currency")?;
    let requested = match p.0.get("amount") {
        None | Some(Value::Null) => None,
        Some(_) => Some(p.amount("amount")?),
    };
    refund_transaction(&inner, &id, Some(&currency), requested)?;
    ok(&json!({"status": "success", "message": "Refund accepted"}))
}

/// `/api/1/refund-request`.
pub(in crate::epoint) async fn payout(State(inner): State<Arc<Inner>>, p: Payload) -> Answer {
    check_payment(&p, false, false)?;
    let card_id = p.str("card_id")?;
    let card = find_card(&inner, &card_id)?;
    let mut t = new_transaction("payout", &p);
    t.status = "success".to_owned();
    t.code = Some("000".to_owned());
    t.message = Some("Approved".to_owned());
    t.card_mask = card.card_mask.clone();
    let id = insert(&inner, t, Some(card_id));
    ok(&result_json(&inner, &id))
}
