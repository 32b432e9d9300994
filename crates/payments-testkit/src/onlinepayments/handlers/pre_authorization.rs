//! `PreAuthorizationClient`: `increment_authorization`, `add_authorization_details`.

use std::sync::Arc;

use axum::extract::State;
use serde_json::json;

use super::JsonBody;
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::events::spawn_event;
use crate::onlinepayments::follow_up::{add_details, increment};
use crate::onlinepayments::input::money_at;
use crate::onlinepayments::render::{Reply, ok};
use crate::onlinepayments::state::payment_mut;

/// `POST /v2/{merchantId}/payments/{paymentId}/increment-authorization`: raises a
/// `PENDING_CAPTURE` pre-authorisation by `amountOfMoney`; IncrementAuthorizationResponse.
pub(in crate::onlinepayments) async fn increment_authorization(
    State(inner): State<Arc<Inner>>,
    params: Params,
    JsonBody(body): JsonBody,
) -> Reply {
    let id = params.get("paymentId");
    if let Err(r) = payment_mut(&mut lock(&inner.store), id) {
        return r.into();
    }
    let (amount, currency) = match money_at(&body, &["amountOfMoney"]) {
        Ok(m) => m,
        Err(r) => return r,
    };
    let result = increment(&mut lock(&inner.store), id, amount, &currency);
    match result {
        Ok(payment) => {
            spawn_event(&inner, payment.clone());
            ok(json!({"payment": payment}))
        }
        Err(r) => r.into(),
    }
}

/// `POST /v2/{merchantId}/payments/{paymentId}/authorization-additional-data`: stores
/// `carRentalData` on a `PENDING_CAPTURE` payment; AddAuthorizationDetailsResponse.
pub(in crate::onlinepayments) async fn add_authorization_details(
    State(inner): State<Arc<Inner>>,
    params: Params,
    JsonBody(body): JsonBody,
) -> Reply {
    let result = add_details(&mut lock(&inner.store), params.get("paymentId"), &body);
    result.map_or_else(|r| r, |payment| ok(json!({"payment": payment})))
}
