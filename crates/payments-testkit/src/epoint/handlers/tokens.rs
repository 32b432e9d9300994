//! `create_widget`, `create_token_payment` and the wallets: `apple_pay_session`, `apple_pay`,
//! `google_pay` (which complete a token payment).

use std::sync::Arc;

use axum::extract::State;
use serde_json::{Value, json};

use super::check_payment;
use crate::cards::TestCard;
use crate::common::{lock, now_iso};
use crate::epoint::Inner;
use crate::epoint::auth::Payload;
use crate::epoint::render::{Answer, decimal_json, ok, page_url};
use crate::epoint::state::{complete, insert, new_transaction};

/// `/api/1/token/widget`.
pub(in crate::epoint) async fn create_widget(
    State(inner): State<Arc<Inner>>,
    p: Payload,
) -> Answer {
    p.amount("amount")?;
    p.str("order_id")?;
    p.str("description")?;
    let id = insert(&inner, new_transaction("create_widget", &p), None);
    let url = page_url(&inner.core.base_url, &id);
    ok(&json!({"status": "success", "widget_url": url}))
}

/// `/api/1/token/payment`: a token payment with an integer `id` and a `short_link`.
pub(in crate::epoint) async fn create_token_payment(
    State(inner): State<Arc<Inner>>,
    p: Payload,
) -> Answer {
    check_payment(&p, false, false)?;
    let mut t = new_transaction("create_token_payment", &p);
    let token_id = {
        let mut store = lock(&inner.store);
        store.counter += 1;
        i64::try_from(store.counter).unwrap_or(i64::MAX)
    };
    t.token_payment_id = Some(token_id);
    let amount = t.amount.map(decimal_json);
    let description = t.description.clone();
    let order_id = t.order_id.clone();
    let id = insert(&inner, t, None);
    let now = now_iso();
    ok(&json!({
        "status": "success",
        "id": token_id,
        "transaction": id,
        "short_link": page_url(&inner.core.base_url, &id),
        "total": amount,
        "description": description,
        "merchant_order_id": order_id,
        "created_at": now,
        "updated_at": now,
    }))
}

/// `/api/1/token/apple/session`.
pub(in crate::epoint) async fn apple_pay_session(
    State(_inner): State<Arc<Inner>>,
    p: Payload,
) -> Answer {
    let origin = p.str("origin")?;
    ok(&json!({
        "status": "success",
        "data": {
            "epochTimestamp": chrono::Utc::now().timestamp_millis(),
            "merchantSessionIdentifier": uuid::Uuid::new_v4().simple().to_string(),
            "domainName": origin,
            "displayName": "EPoint sandbox",
        }
    }))
}

/// `/api/1/token/apple/pay`.
pub(in crate::epoint) async fn apple_pay(State(inner): State<Arc<Inner>>, p: Payload) -> Answer {
    wallet_pay(&inner, &p).await
}

/// `/api/1/token/google/pay`.
pub(in crate::epoint) async fn google_pay(State(inner): State<Arc<Inner>>, p: Payload) -> Answer {
    wallet_pay(&inner, &p).await
}

/// Completes the token payment `id` (wallet payments always succeed).
async fn wallet_pay(inner: &Arc<Inner>, p: &Payload) -> Answer {
    let token_id = match p.0.get("id") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.parse::<i64>().ok(),
        _ => None,
    }
    .ok_or_else(|| "id is required".to_owned())?;
    if p.0.get("token").is_none_or(Value::is_null) {
        return Err("token is required".to_owned().into());
    }
    let id = lock(&inner.store)
        .transactions
        .iter()
        .find(|t| t.token_payment_id == Some(token_id))
        .map(|t| t.transaction.clone())
        .ok_or_else(|| "Token payment not found".to_owned())?;
    let outcome = complete(inner, &id, TestCard::VisaSuccess.number())
        .await
        .map_err(|e| e.to_string())?;
    ok(&json!({
        "status": if outcome.is_approved() { "success" } else { "error" },
        "result": {"transaction": id, "status": outcome.status},
        "redirect_url": outcome.redirect_url,
    }))
}
