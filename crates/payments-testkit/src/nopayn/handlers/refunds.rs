//! `create_refund`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;

use super::{Answer, opt_string, parse_object, positive_amount};
use crate::common::server::{Params, json as json_response};
use crate::common::{lock, now_iso};
use crate::nopayn::Inner;
use crate::nopayn::render::{bad_request, not_found, refund_json};
use crate::nopayn::state::NoPaynRefund;

/// `POST /v1/orders/{orderId}/refunds/`: refunds stay `pending`.
pub(in crate::nopayn) async fn create_refund(
    State(inner): State<Arc<Inner>>,
    params: Params,
    body: Bytes,
) -> Answer {
    let id = params.get("orderId");

    let mut orders = lock(&inner.orders);
    let o = orders
        .iter_mut()
        .find(|o| o.id == id)
        .ok_or_else(not_found)?;
    let m = parse_object(&body)?;
    let amount = positive_amount(&m)?;
    let description = opt_string(&m, "description")?;
    if o.status != "completed" {
        return Err(bad_request("Order is not completed"));
    }
    let refunded: i64 = o.refunds.iter().map(|r| r.amount).sum();
    if amount > o.amount - refunded {
        return Err(bad_request("Refund amount exceeds the refundable amount"));
    }
    let r = NoPaynRefund {
        id: uuid::Uuid::new_v4().to_string(),
        amount,
        status: "pending".to_owned(),
        description,
    };
    let body = refund_json(&r);
    o.refunds.push(r);
    o.modified = now_iso();
    Ok(json_response(StatusCode::CREATED, &body))
}
