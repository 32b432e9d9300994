//! The callback ECommPay posts after an operation: JSON with a top-level `signature` over
//! the rest.

use chrono::Utc;
use serde_json::{Map, Value, json};

use super::Inner;
use super::auth::signature;
use super::state::EcommpayPayment;
use crate::cards::{CardOutcome, brand};
use crate::notify::Notification;

/// The operation a callback reports.
#[derive(Debug, Clone, Copy)]
pub(super) struct Operation<'a> {
    /// Operation id.
    pub(super) id: i64,
    /// `sale`, `refund`.
    pub(super) kind: &'a str,
    /// `success`, `decline`.
    pub(super) status: &'a str,
}

/// The signed callback body of `operation` on `p` (the card is `p.card_mask`).
pub(super) fn callback_json(
    inner: &Inner,
    p: &EcommpayPayment,
    operation: Operation<'_>,
    outcome: CardOutcome,
) -> Value {
    let account = p.card_mask.as_deref().unwrap_or_default();
    let date = Utc::now().format("%Y-%m-%dT%H:%M:%S+0000").to_string();
    let (code, message) = match outcome {
        CardOutcome::Approved => ("0", "Success"),
        CardOutcome::InsufficientFunds => ("20105", "Insufficient funds"),
        _ => ("20000", "General decline"),
    };
    let sum = json!({"amount": p.amount, "currency": p.currency});
    let mut body = Map::new();
    body.insert("project_id".into(), json!(inner.config.project_id));
    body.insert(
        "payment".into(),
        json!({
            "id": p.payment_id,
            "type": "purchase",
            "status": p.status,
            "date": date,
            "method": "card",
            "sum": sum,
            "description": p.description,
        }),
    );
    body.insert(
        "account".into(),
        json!({
            "number": account,
            "type": brand(account),
            "card_holder": "SANDBOX CUSTOMER",
            "expiry_month": "12",
            "expiry_year": "2030",
        }),
    );
    if let Some(customer) = &p.customer_id {
        body.insert("customer".into(), json!({"id": customer}));
    }
    body.insert(
        "operation".into(),
        json!({
            "id": operation.id,
            "type": operation.kind,
            "status": operation.status,
            "date": date,
            "created_date": date,
            "request_id": uuid::Uuid::new_v4().simple().to_string(),
            "sum_initial": sum,
            "sum_converted": sum,
            "provider": {
                "id": 1,
                "payment_id": operation.id.to_string(),
                "date": date,
                "auth_code": if outcome.is_approved() { "563253" } else { "" },
                "endpoint_id": 1,
            },
            "code": code,
            "message": message,
            "eci": "05",
        }),
    );
    let mut value = Value::Object(body);
    let sig = signature(&value, &inner.config.secret_key);
    if let Value::Object(m) = &mut value {
        m.insert("signature".into(), json!(sig));
    }
    value
}

/// Posts `callback` to `url` (nothing without a URL).
pub(super) async fn send_callback(
    inner: &Inner,
    url: Option<String>,
    callback: &Value,
) -> Option<Notification> {
    let url = url?;
    let headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    let body = serde_json::to_vec(callback).unwrap_or_default();
    Some(inner.core.notifier.deliver(&url, headers, body).await)
}
