//! EPoint's JSON: results, statuses, decimals and the error body.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use payments_core::Decimal;
use payments_core::pyfmt::{JsonStyle, json_dumps};
use serde_json::{Value, json};

use super::Inner;
use super::state::EpointTransaction;
use crate::cards::digits_only;
use crate::common::lock;
use crate::common::server::json as json_response;

/// URL of the hosted payment page of a transaction.
pub(super) fn page_url(base: &str, transaction: &str) -> String {
    format!("{base}/epoint/pay/{transaction}")
}

/// EPoint's error: HTTP `200` with `{"status": "error", "message": …}`.
#[derive(Debug)]
pub(super) struct Failure(pub(super) String);

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure(message)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        json_response(
            StatusCode::OK,
            &json!({"status": "error", "message": self.0}),
        )
    }
}

/// `{"status": "error", "message": …}` with another HTTP status (`404`, `405`).
pub(super) fn error_with(status: StatusCode, message: &str) -> Response {
    json_response(status, &json!({"status": "error", "message": message}))
}

/// An API handler's answer.
pub(super) type Answer = Result<Response, Failure>;

/// `200` with `value`.
pub(super) fn ok(value: &Value) -> Answer {
    Ok(json_response(StatusCode::OK, value))
}

/// Decimal as a JSON number (integers exact, others through `f64`).
pub(super) fn decimal_json(d: Decimal) -> Value {
    if d.fract().is_zero()
        && let Ok(i) = i64::try_from(d.trunc())
    {
        return json!(i);
    }
    d.to_string()
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or_else(|| json!(d.to_string()), Value::Number)
}

/// BaseResponseSchema-shaped answer for an immediate operation.
pub(super) fn result_json(inner: &Inner, id: &str) -> Value {
    let store = lock(&inner.store);
    let Some(t) = store.transactions.iter().find(|t| t.transaction == id) else {
        return json!({"status": "error", "message": "Transaction not found"});
    };
    let mut v = json!({
        "status": t.status,
        "message": t.message,
        "transaction": t.transaction,
        "bank_transaction": format!("bt{}", t.transaction),
        "bank_response": t.message,
        "operation_code": "100",
        "rrn": rrn(&t.transaction),
        "card_mask": t.card_mask,
        "card_name": "SANDBOX CUSTOMER",
        "amount": t.amount.map(decimal_json),
    });
    if let (Some(split), Some(m)) = (t.split_amount, v.as_object_mut()) {
        m.insert("split_amount".into(), decimal_json(split));
    }
    v
}

/// A 12-digit retrieval reference number from the transaction id.
pub(super) fn rrn(transaction: &str) -> String {
    let digits = digits_only(transaction);
    format!("{:0>12}", digits)
}

/// `other_attr` as JSON text, as EPoint echoes it.
pub(super) fn other_attr_text(t: &EpointTransaction) -> Value {
    match &t.other_attr {
        None => Value::Null,
        Some(Value::String(s)) => json!(s),
        Some(v) => json!(json_dumps(v, JsonStyle::Compact { ensure_ascii: true })),
    }
}

/// The `get-status` answer.
pub(super) fn status_json(t: &EpointTransaction) -> Value {
    let paid = t.status != "new";
    json!({
        "status": t.status,
        "code": t.code,
        "message": t.message,
        "transaction": t.transaction,
        "bank_transaction": paid.then(|| format!("bt{}", t.transaction)),
        "bank_response": t.message,
        "operation_code": paid.then_some("100"),
        "rrn": paid.then(|| rrn(&t.transaction)),
        "card_mask": t.card_mask,
        "card_name": paid.then_some("SANDBOX CUSTOMER"),
        "amount": t.amount.map(decimal_json),
        "order_id": t.order_id,
        "other_attr": other_attr_text(t),
    })
}
