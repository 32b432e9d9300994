//! `CompleteClient`: `complete_payment`.

use std::sync::Arc;

use axum::extract::State;
use serde_json::json;

use super::JsonBody;
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::events::spawn_event;
use crate::onlinepayments::follow_up::complete;
use crate::onlinepayments::render::{Reply, ok};

/// `POST /v2/{merchantId}/payments/{paymentId}/complete`: a `PENDING_COMPLETION` payment is
/// paid; CompletePaymentResponse. Another status is the platform's `500`.
pub(in crate::onlinepayments) async fn complete_payment(
    State(inner): State<Arc<Inner>>,
    params: Params,
    JsonBody(body): JsonBody,
) -> Reply {
    let result = complete(&mut lock(&inner.store), params.get("paymentId"), &body);
    match result {
        Ok(payment) => {
            spawn_event(&inner, payment.clone());
            ok(json!({"payment": payment}))
        }
        Err(r) => r,
    }
}
