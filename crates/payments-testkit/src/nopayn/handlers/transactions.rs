//! `capture_transaction`, `void_transaction`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;

use super::{Answer, opt_string, parse_object, positive_amount};
use crate::common::server::{Params, json as json_response};
use crate::common::{lock, now_iso};
use crate::nopayn::Inner;
use crate::nopayn::render::{bad_request, not_found, transaction_json};

/// `POST /v1/orders/{orderId}/transactions/{transactionId}/captures/`.
pub(in crate::nopayn) async fn capture_transaction(
    State(inner): State<Arc<Inner>>,
    params: Params,
    body: Bytes,
) -> Answer {
    transaction_action(&inner, &params, &body, false)
}

/// `POST /v1/orders/{orderId}/transactions/{transactionId}/voids/amount/`: the order becomes
/// `cancelled`.
pub(in crate::nopayn) async fn void_transaction(
    State(inner): State<Arc<Inner>>,
    params: Params,
    body: Bytes,
) -> Answer {
    transaction_action(&inner, &params, &body, true)
}

fn transaction_action(inner: &Inner, params: &Params, body: &[u8], void: bool) -> Answer {
    let (id, tid) = (params.get("orderId"), params.get("transactionId"));
    let mut orders = lock(&inner.orders);
    let o = orders
        .iter_mut()
        .find(|o| o.id == id)
        .ok_or_else(not_found)?;
    let m = parse_object(body)?;
    let amount = if void {
        Some(positive_amount(&m)?)
    } else {
        None
    };
    let _ = opt_string(&m, "description")?;
    let refunded = !o.refunds.is_empty();
    let order_amount = o.amount;
    let t = o
        .transactions
        .iter_mut()
        .find(|t| t.id == tid)
        .ok_or_else(not_found)?;
    if t.status != "completed" || refunded {
        let what = if void { "voided" } else { "captured" };
        return Err(bad_request(&format!(
            "Transaction cannot be {what} in status {}",
            t.status
        )));
    }
    if amount.is_some_and(|a| a > order_amount) {
        return Err(bad_request("Invalid amount"));
    }
    t.status = if void { "voided" } else { "captured" }.to_owned();
    t.modified = now_iso();
    let t = t.clone();
    if void {
        o.status = "cancelled".to_owned();
        o.modified = now_iso();
    }
    Ok(json_response(
        StatusCode::OK,
        &transaction_json(o, &t, &inner.core.base_url),
    ))
}
