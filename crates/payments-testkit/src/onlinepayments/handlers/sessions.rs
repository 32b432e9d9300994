//! `SessionsClient`: `create_session`, a client session for the client API.

use std::sync::Arc;

use axum::extract::State;
use serde_json::json;

use super::JsonBody;
use crate::common::lock;
use crate::onlinepayments::Inner;
use crate::onlinepayments::input::str_list;
use crate::onlinepayments::render::{Reply, invalid, ok};
use crate::onlinepayments::sessions::{ClientSession, split_tokens};

/// At most this many tokens per session.
const MAX_TOKENS: usize = 10;

/// The client API's base URL (`clientApiUrl`): the client SDKs append `/v1/{customerId}/…`.
pub(in crate::onlinepayments) fn client_api_url(inner: &Inner) -> String {
    format!("{}/client", inner.core.base_url)
}

/// `POST /v2/{merchantId}/sessions`: `clientSessionId`, `customerId`, `clientApiUrl` (this
/// sandbox), `assetUrl`, and the given tokens that do not exist in `invalidTokens`; more than
/// ten tokens is `400`.
pub(in crate::onlinepayments) async fn create_session(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    let tokens = match str_list(&body, "tokens") {
        Ok(t) => t,
        Err(r) => return r,
    };
    if tokens.len() > MAX_TOKENS {
        return invalid("tokens", "at most 10 tokens are allowed");
    }
    let mut store = lock(&inner.store);
    let (valid, invalid_tokens) = split_tokens(&store, &tokens);
    let session = ClientSession {
        id: uuid::Uuid::new_v4().simple().to_string(),
        customer_id: format!(
            "{:04}-{}",
            store.next() % 10_000,
            uuid::Uuid::new_v4().simple()
        ),
        tokens: valid,
    };
    let response = json!({
        "assetUrl": format!("{}/assets/", inner.core.base_url),
        "clientApiUrl": client_api_url(&inner),
        "clientSessionId": session.id,
        "customerId": session.customer_id,
        "invalidTokens": invalid_tokens,
    });
    store.sessions.clients.push(session);
    ok(response)
}
