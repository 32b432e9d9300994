//! `TokensClient`: `create_token`, `get_token`, `delete_token`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::JsonBody;
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::customer_input::resolve_token;
use crate::onlinepayments::render::{Reply, invalid, not_found, ok, token_card, token_json};
use crate::onlinepayments::state::{get, token_for};

/// `POST /v2/{merchantId}/tokens`: the card under `card.data.card`, as in
/// `CreateTokenRequest`; `201` for a new token, `200` for a known card.
pub(in crate::onlinepayments) async fn create_token(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    let body = match resolve_token(&inner, body) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let body = &body;
    // CreateTokenRequest: card (TokenCardSpecificInput) → data (TokenData) → card (Card).
    let path = ["card", "data", "card"];
    let Some(number) = get(body, &path)
        .and_then(|c| c.get("cardNumber"))
        .and_then(Value::as_str)
    else {
        return invalid(
            "card.data.card.cardNumber",
            "card.data.card.cardNumber is missing",
        );
    };
    let holder = get(body, &path)
        .and_then(|c| c.get("cardholderName"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let expiry = get(body, &path)
        .and_then(|c| c.get("expiryDate"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut store = lock(&inner.store);
    let (id, is_new) = token_for(&mut store, number, holder, expiry);
    let Some(t) = store.tokens.iter().find(|t| t.id == id) else {
        return not_found("Token");
    };
    let response = json!({
        "token": t.id,
        "tokenStatus": "CREATED",
        "isNewToken": is_new,
        "card": token_card(t),
    });
    Reply(
        if is_new {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        Some(response),
    )
}

/// `GET /v2/{merchantId}/tokens/{tokenId}`.
pub(in crate::onlinepayments) async fn get_token(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let store = lock(&inner.store);
    store
        .tokens
        .iter()
        .find(|t| t.id == params.get("tokenId"))
        .map_or_else(|| not_found("Token"), |t| ok(token_json(t)))
}

/// `DELETE /v2/{merchantId}/tokens/{tokenId}`: `204`.
pub(in crate::onlinepayments) async fn delete_token(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let mut store = lock(&inner.store);
    let before = store.tokens.len();
    store.tokens.retain(|t| t.id != params.get("tokenId"));
    if store.tokens.len() == before {
        not_found("Token")
    } else {
        Reply(StatusCode::NO_CONTENT, None)
    }
}
