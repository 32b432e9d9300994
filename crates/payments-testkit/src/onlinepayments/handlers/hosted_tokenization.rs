//! `HostedTokenizationClient`: `create_hosted_tokenization`, `get_hosted_tokenization`.

use std::sync::Arc;

use axum::extract::State;
use serde_json::{Value, json};

use super::JsonBody;
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::input::is_locale;
use crate::onlinepayments::render::{Reply, invalid, not_found, ok, token_json};
use crate::onlinepayments::sessions::{
    HostedSession, PageKind, is_expired, product_filter, split_tokens, token,
};
use crate::onlinepayments::tokenize_page::{page_sri, page_url};

/// `POST /v2/{merchantId}/hostedtokenizations`: the page's id and URL; `tokens` (comma
/// separated) that do not exist come back in `invalidTokens`, those of expired cards in
/// `expiredCardTokens`. A `locale` that is not `ll_CC` is `400`.
pub(in crate::onlinepayments) async fn create_hosted_tokenization(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    let locale = match body.get("locale") {
        None | Some(Value::Null) => None,
        Some(Value::String(l)) if is_locale(l) => Some(l.clone()),
        Some(_) => return invalid("locale", "locale is not a valid locale"),
    };
    let tokens: Vec<String> = match body.get("tokens") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(t)) => t
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        Some(_) => return invalid("tokens", "tokens is a comma-separated string"),
    };
    let mut store = lock(&inner.store);
    let (valid, invalid_tokens) = split_tokens(&store, &tokens);
    let expired: Vec<&String> = valid
        .iter()
        .filter(|id| token(&store, id).is_some_and(is_expired))
        .collect();
    let session = HostedSession {
        kind: PageKind::Tokenization,
        id: uuid::Uuid::new_v4().simple().to_string(),
        locale,
        filter: product_filter(body.get("paymentProductFilters")),
        token: None,
    };
    let url = page_url(&inner, PageKind::Tokenization, &session.id);
    let response = json!({
        "expiredCardTokens": expired,
        "hostedTokenizationId": session.id,
        "hostedTokenizationUrl": url,
        "invalidTokens": invalid_tokens,
        "partialRedirectUrl": url.trim_start_matches("http://"),
        "sri": page_sri(&session),
    });
    store.sessions.hosted.push(session);
    ok(response)
}

/// `GET /v2/{merchantId}/hostedtokenizations/{hostedTokenizationId}`: `{}` until the
/// customer has entered a card, then the token with `tokenStatus` `CREATED` (a new card) or
/// `UNCHANGED` (a card already tokenized).
pub(in crate::onlinepayments) async fn get_hosted_tokenization(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let store = lock(&inner.store);
    let Some(session) = store
        .sessions
        .hosted(PageKind::Tokenization, params.get("hostedTokenizationId"))
    else {
        return not_found("Hosted tokenization");
    };
    match session
        .token
        .as_ref()
        .and_then(|(id, new)| Some((token(&store, id)?, *new)))
    {
        Some((t, new)) => ok(json!({
            "token": token_json(t),
            "tokenStatus": if new { "CREATED" } else { "UNCHANGED" },
        })),
        None => ok(json!({})),
    }
}
