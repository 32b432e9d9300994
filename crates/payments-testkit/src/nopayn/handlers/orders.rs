//! `create_order`, `get_order`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use serde_json::Value;

use super::{Answer, opt_string, parse_object, positive_amount};
use crate::common::server::{Params, json as json_response};
use crate::common::{lock, now_iso};
use crate::nopayn::Inner;
use crate::nopayn::render::{bad_request, not_found, order_json};
use crate::nopayn::state::{NoPaynOrder, NoPaynTransaction, parse_duration};

/// `POST /v1/orders/`.
pub(in crate::nopayn) async fn create_order(
    State(inner): State<Arc<Inner>>,
    body: Bytes,
) -> Answer {
    let inner = inner.as_ref();
    let body = body.as_ref();
    let m = parse_object(body)?;
    let amount = positive_amount(&m)?;
    let currency = match m.get("currency").and_then(Value::as_str) {
        Some(c) if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()) => c.to_owned(),
        _ => return Err(bad_request("Invalid currency")),
    };
    let expiration_period = opt_string(&m, "expiration_period")?;
    let expires_at = match &expiration_period {
        Some(p) => {
            let d = parse_duration(p).ok_or_else(|| bad_request("Invalid expiration_period"))?;
            Some(Utc::now() + d)
        }
        None => None,
    };
    let payment_method = match m.get("payment_methods") {
        None | Some(Value::Null) => "credit-card".to_owned(),
        Some(Value::Array(list)) => match list.first() {
            None => "credit-card".to_owned(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(bad_request("Invalid payment_methods")),
        },
        Some(_) => return Err(bad_request("Invalid payment_methods")),
    };
    let now = now_iso();
    let order = NoPaynOrder {
        id: uuid::Uuid::new_v4().to_string(),
        amount,
        currency: currency.clone(),
        status: "new".to_owned(),
        merchant_order_id: opt_string(&m, "merchant_order_id")?,
        description: opt_string(&m, "description")?,
        return_url: opt_string(&m, "return_url")?,
        failure_url: opt_string(&m, "failure_url")?,
        webhook_url: opt_string(&m, "webhook_url")?,
        locale: opt_string(&m, "locale")?,
        expiration_period,
        expires_at,
        created: now.clone(),
        modified: now.clone(),
        completed: None,
        transactions: vec![NoPaynTransaction {
            id: uuid::Uuid::new_v4().to_string(),
            amount,
            currency,
            payment_method,
            status: "new".to_owned(),
            reason: None,
            card_mask: None,
            created: now.clone(),
            modified: now,
        }],
        refunds: Vec::new(),
    };
    let body = order_json(&order, &inner.core.base_url, &inner.config.project_id);
    lock(&inner.orders).push(order);
    Ok(json_response(StatusCode::CREATED, &body))
}

/// `GET /v1/orders/{orderId}/`.
pub(in crate::nopayn) async fn get_order(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Answer {
    let orders = lock(&inner.orders);
    let o = orders
        .iter()
        .find(|o| o.id == params.get("orderId"))
        .ok_or_else(not_found)?;
    Ok(json_response(
        StatusCode::OK,
        &order_json(o, &inner.core.base_url, &inner.config.project_id),
    ))
}
