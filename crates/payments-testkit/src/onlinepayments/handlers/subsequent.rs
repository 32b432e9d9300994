//! `SubsequentClient`: `subsequent_payment`.

use std::sync::Arc;

use axum::extract::State;
use serde_json::json;

use super::JsonBody;
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::events::spawn_event;
use crate::onlinepayments::follow_up::subsequent;
use crate::onlinepayments::render::{Reply, decline_error, declined, ok, payment_json};

/// `POST /v2/{merchantId}/payments/{paymentId}/subsequent`: a new payment on the card of
/// payment `paymentId`; `200` SubsequentPaymentResponse, or `402` with `paymentResult` when the
/// card declines.
pub(in crate::onlinepayments) async fn subsequent_payment(
    State(inner): State<Arc<Inner>>,
    params: Params,
    JsonBody(body): JsonBody,
) -> Reply {
    let created = subsequent(&mut lock(&inner.store), params.get("paymentId"), &body);
    let p = match created {
        Ok(p) => p,
        Err(r) => return r,
    };
    let payment = payment_json(&p);
    spawn_event(&inner, payment.clone());
    if p.outcome.is_approved() {
        return ok(json!({"payment": payment}));
    }
    let result = json!({"payment": payment});
    declined(decline_error(p.outcome), "paymentResult", result)
}
