//! `get_transaction_status`.

use std::sync::Arc;

use axum::extract::State;

use crate::common::lock;
use crate::epoint::Inner;
use crate::epoint::auth::Payload;
use crate::epoint::render::{Answer, ok, status_json};

/// `/api/1/get-status`.
pub(in crate::epoint) async fn get_transaction_status(
    State(inner): State<Arc<Inner>>,
    p: Payload,
) -> Answer {
    let id = p.str("transaction")?;
    let store = lock(&inner.store);
    let t = store
        .transactions
        .iter()
        .find(|t| t.transaction == id)
        .ok_or_else(|| "Transaction not found".to_owned())?;
    ok(&status_json(t))
}
