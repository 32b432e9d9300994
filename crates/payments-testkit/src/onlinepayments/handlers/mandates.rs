//! `MandatesClient`: `create_mandate`, `get_mandate`, `block_mandate`, `unblock_mandate`,
//! `revoke_mandate` (the rules are in [`mandates`](crate::onlinepayments::mandates)).

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::json;

use super::JsonBody;
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::mandates::{change, create, created_json, mandate_json, revoke};
use crate::onlinepayments::render::{Reply, not_found, ok};

const REFERENCE: &str = "uniqueMandateReference";

/// `POST /v2/{merchantId}/mandates`: `201` CreateMandateResponse (with the signing redirect
/// for `SMS` and `AIS`).
pub(in crate::onlinepayments) async fn create_mandate(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    let created = create(&mut lock(&inner.store), &body);
    match created {
        Ok(m) => Reply(StatusCode::CREATED, Some(created_json(&inner, &m))),
        Err(r) => r,
    }
}

/// `GET /v2/{merchantId}/mandates/{uniqueMandateReference}`.
pub(in crate::onlinepayments) async fn get_mandate(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let store = lock(&inner.store);
    store
        .mandates
        .iter()
        .find(|m| m.reference == params.get(REFERENCE))
        .map_or_else(
            || not_found("Mandate"),
            |m| ok(json!({"mandate": mandate_json(m)})),
        )
}

/// `POST /v2/{merchantId}/mandates/{uniqueMandateReference}/block`: `ACTIVE` → `BLOCKED`.
pub(in crate::onlinepayments) async fn block_mandate(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let changed = change(
        &mut lock(&inner.store),
        params.get(REFERENCE),
        Some("ACTIVE"),
        "BLOCKED",
        "blocked",
    );
    changed.map_or_else(Reply::from, |m| ok(json!({"mandate": mandate_json(&m)})))
}

/// `POST /v2/{merchantId}/mandates/{uniqueMandateReference}/unblock`: `BLOCKED` → `ACTIVE`.
pub(in crate::onlinepayments) async fn unblock_mandate(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let changed = change(
        &mut lock(&inner.store),
        params.get(REFERENCE),
        Some("BLOCKED"),
        "ACTIVE",
        "unblocked",
    );
    changed.map_or_else(Reply::from, |m| ok(json!({"mandate": mandate_json(&m)})))
}

/// `POST /v2/{merchantId}/mandates/{uniqueMandateReference}/revoke`: `REVOKED` (final).
pub(in crate::onlinepayments) async fn revoke_mandate(
    State(inner): State<Arc<Inner>>,
    params: Params,
    JsonBody(body): JsonBody,
) -> Reply {
    let revoked = revoke(&mut lock(&inner.store), params.get(REFERENCE), &body);
    revoked.map_or_else(|r| r, |m| ok(json!({"mandate": mandate_json(&m)})))
}
