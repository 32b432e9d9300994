//! `PayoutsClient`: `create_payout`, `get_payout` (the rules are in
//! [`payouts`](crate::onlinepayments::payouts)).

use std::sync::Arc;

use axum::extract::State;
use serde_json::json;

use super::JsonBody;
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::events::spawn_payout_event;
use crate::onlinepayments::payouts::{create, payout_json};
use crate::onlinepayments::render::{Reply, declined, not_found, ok};

/// `POST /v2/{merchantId}/payouts`: `200` PayoutResponse, or `402` PayoutErrorResponse with
/// `payoutResult` (`REJECTED_CREDIT`) when the card is declined.
pub(in crate::onlinepayments) async fn create_payout(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    let payout = match create(&inner, &body) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let response = payout_json(&payout);
    spawn_payout_event(&inner, response.clone());
    if payout.status == "ACCOUNT_CREDITED" {
        return ok(response);
    }
    let error = json!({
        "errorCode": "30511001",
        "category": "IO_ERROR",
        "httpStatusCode": 402,
        "id": "AUTHORIZATION_DECLINED",
        "message": "The credit to the card was declined",
        "retriable": false,
    });
    declined(error, "payoutResult", response)
}

/// `GET /v2/{merchantId}/payouts/{payoutId}`.
pub(in crate::onlinepayments) async fn get_payout(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let store = lock(&inner.store);
    store
        .payouts
        .iter()
        .find(|p| p.id == params.get("payoutId"))
        .map_or_else(|| not_found("Payout"), |p| ok(payout_json(p)))
}
