//! `CapturesClient`: `get_captures`.

use std::sync::Arc;

use axum::extract::State;
use serde_json::{Value, json};

use super::with_payment;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::render::{Reply, capture_json, ok};

/// `GET /v2/{merchantId}/payments/{paymentId}/captures`.
pub(in crate::onlinepayments) async fn get_captures(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    with_payment(&inner, params.get("paymentId"), |p| {
        let captures: Vec<Value> = p
            .captures
            .iter()
            .map(|(id, a)| capture_json(p, id, *a))
            .collect();
        ok(json!({"captures": captures}))
    })
}
