//! `WebhooksClient`: `validate_webhook_credentials`, `send_test_webhook`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use payments_core::signing::constant_time_eq;
use serde_json::{Value, json};

use super::JsonBody;
use crate::onlinepayments::Inner;
use crate::onlinepayments::events::{deliver_signed, typed_event_body};
use crate::onlinepayments::input::{is_http_url, missing, required_str};
use crate::onlinepayments::render::{Reply, invalid, ok};

/// `POST /v2/{merchantId}/webhooks/validateCredentials`: `Valid` when `key` and `secret` are
/// the sandbox's webhook key id and secret (compared in constant time), else `Invalid`.
pub(in crate::onlinepayments) async fn validate_webhook_credentials(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    let (key, secret) = match (
        required_str(&body, &["key"]),
        required_str(&body, &["secret"]),
    ) {
        (Ok(k), Ok(s)) => (k, s),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let key_ok = constant_time_eq(key.as_bytes(), inner.config.webhook_key_id.as_bytes());
    let secret_ok = constant_time_eq(secret.as_bytes(), inner.config.webhook_secret.as_bytes());
    ok(json!({"result": if key_ok && secret_ok { "Valid" } else { "Invalid" }}))
}

/// The dummy payment of a test webhook.
fn dummy_payment() -> Value {
    json!({
        "id": "0000000000_0",
        "status": "CREATED",
        "statusOutput": {
            "isAuthorized": false,
            "isCancellable": false,
            "isRefundable": false,
            "statusCategory": "CREATED",
            "statusCode": 0,
        },
        "paymentOutput": {
            "amountOfMoney": {"amount": 100, "currencyCode": "EUR"},
            "paymentMethod": "card",
            "references": {"merchantReference": "TEST-WEBHOOK"},
        },
    })
}

/// `POST /v2/{merchantId}/webhooks/sendtest`: delivers a signed `payment.created` event of a
/// dummy payment (`0000000000_0`) to `url`, or to the configured webhook URL when `url` is
/// absent, with the notification retry policy, then answers `204`. No URL at all, or a `url`
/// that is not an absolute http(s) URL, is `400`.
pub(in crate::onlinepayments) async fn send_test_webhook(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    let url = match body.get("url") {
        None | Some(Value::Null) => match inner.core.notify_url() {
            Some(u) => u,
            None => return missing("url"),
        },
        Some(Value::String(u)) if is_http_url(u) => u.clone(),
        Some(_) => return invalid("url", "url is not an absolute http(s) URL"),
    };
    let event = typed_event_body(&inner, "payment.created", &dummy_payment());
    deliver_signed(&inner, &url, event).await;
    Reply(StatusCode::NO_CONTENT, None)
}
