//! `RefundsClient`: `get_refunds`.

use std::sync::Arc;

use axum::extract::State;
use serde_json::{Value, json};

use super::with_payment;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::render::{Reply, ok, refund_json};

/// `GET /v2/{merchantId}/payments/{paymentId}/refunds`.
pub(in crate::onlinepayments) async fn get_refunds(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    with_payment(&inner, params.get("paymentId"), |p| {
        let refunds: Vec<Value> = p
            .refunds
            .iter()
            .map(|(id, a)| refund_json(p, id, *a))
            .collect();
        ok(json!({"refunds": refunds}))
    })
}
