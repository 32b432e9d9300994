//! NoPayn's JSON: orders, transactions, refunds and the error bodies.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use std::sync::Arc;

use super::Inner;
use super::auth::authorized;
use super::state::{NoPaynOrder, NoPaynRefund, NoPaynTransaction};
use crate::common::server::json as json_response;

/// URL of the hosted payment page of an order.
pub(super) fn hpp_url(base: &str, order_id: &str) -> String {
    format!("{base}/hpp/{order_id}/")
}

pub(super) fn order_json(o: &NoPaynOrder, base: &str, project_id: &str) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(o.id));
    m.insert("project_id".into(), json!(project_id));
    m.insert("merchant_order_id".into(), json!(o.merchant_order_id));
    m.insert("amount".into(), json!(o.amount));
    m.insert("currency".into(), json!(o.currency));
    m.insert("status".into(), json!(o.status));
    m.insert("description".into(), json!(o.description));
    m.insert("return_url".into(), json!(o.return_url));
    m.insert("failure_url".into(), json!(o.failure_url));
    m.insert("webhook_url".into(), json!(o.webhook_url));
    m.insert("locale".into(), json!(o.locale));
    m.insert("order_url".into(), json!(hpp_url(base, &o.id)));
    m.insert("created".into(), json!(o.created));
    m.insert("modified".into(), json!(o.modified));
    m.insert("completed".into(), json!(o.completed));
    m.insert("expiration_period".into(), json!(o.expiration_period));
    m.insert(
        "transactions".into(),
        Value::Array(
            o.transactions
                .iter()
                .map(|t| transaction_json(o, t, base))
                .collect(),
        ),
    );
    Value::Object(m)
}

pub(super) fn transaction_json(o: &NoPaynOrder, t: &NoPaynTransaction, base: &str) -> Value {
    json!({
        "id": t.id,
        "amount": t.amount,
        "currency": t.currency,
        "payment_method": t.payment_method,
        "payment_url": format!("{}?transaction={}", hpp_url(base, &o.id), t.id),
        "status": t.status,
        "reason": t.reason,
        "is_capturable": t.status == "completed",
        "card_mask": t.card_mask,
        "created": t.created,
        "modified": t.modified,
        "expiration_period": o.expiration_period,
    })
}

pub(super) fn refund_json(r: &NoPaynRefund) -> Value {
    let mut v = json!({"id": r.id, "amount": r.amount, "status": r.status});
    if let (Some(d), Some(m)) = (&r.description, v.as_object_mut()) {
        m.insert("description".into(), json!(d));
    }
    v
}

/// An error answer (boxed, to keep `Result`s small).
#[derive(Debug)]
pub(super) struct Fail(Box<Response>);

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        *self.0
    }
}

/// `400 {"error": {"value": message}}`.
pub(super) fn bad_request(message: &str) -> Fail {
    Fail(Box::new(json_response(
        StatusCode::BAD_REQUEST,
        &json!({"error": {"value": message}}),
    )))
}

/// `404 {"detail": "Not found"}`.
pub(super) fn not_found() -> Fail {
    Fail(Box::new(json_response(
        StatusCode::NOT_FOUND,
        &json!({"detail": "Not found"}),
    )))
}

/// `401 {"error": {"message": "Unauthorized"}}`.
pub(super) fn unauthorized() -> Response {
    json_response(
        StatusCode::UNAUTHORIZED,
        &json!({"error": {"message": "Unauthorized"}}),
    )
}

/// `405 {"detail": "Method \"PUT\" not allowed."}` for another method on an API path.
pub(super) async fn method_not_allowed(method: Method) -> Response {
    json_response(
        StatusCode::METHOD_NOT_ALLOWED,
        &json!({"detail": format!("Method \"{method}\" not allowed.")}),
    )
}

/// Any other path: `404`, after the API key check for paths under `/v1`.
pub(super) async fn fallback(State(inner): State<Arc<Inner>>, request: Request) -> Response {
    let path = request.uri().path();
    if (path == "/v1" || path.starts_with("/v1/")) && !authorized(&inner, request.headers()) {
        return unauthorized();
    }
    not_found().into_response()
}
