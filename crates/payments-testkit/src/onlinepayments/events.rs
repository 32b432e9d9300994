//! Webhooks: `{"apiVersion": "v1", "type": "payment.<status>", "payment": …}` (and
//! `payout.<status>` with `payout`), signed with `X-GCS-Signature` and `X-GCS-KeyId`.

use std::sync::Arc;

use payments_core::signing::{base64_encode, hmac_sha256};
use serde_json::{Value, json};

use super::Inner;
use super::state::now_millis;
use crate::notify::Notification;

/// The `X-GCS-Signature` of a webhook body: `base64(HMAC-SHA256(secret, body))`.
pub fn webhook_signature(secret: &str, body: &[u8]) -> String {
    base64_encode(&hmac_sha256(secret.as_bytes(), body))
}

fn event_type(status: &str) -> &'static str {
    match status {
        "PENDING_CAPTURE" => "payment.pending_capture",
        "CAPTURED" => "payment.captured",
        "CANCELLED" => "payment.cancelled",
        "REFUNDED" => "payment.refunded",
        "CHARGEBACK_NOTIFICATION" => "payment.chargeback_notification",
        "REDIRECTED" => "payment.redirected",
        "PENDING_COMPLETION" => "payment.pending_completion",
        "ACCOUNT_VERIFIED" => "payment.account_verified",
        _ => "payment.rejected",
    }
}

fn event_body(inner: &Inner, payment: &Value) -> Vec<u8> {
    let status = payment
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or_default();
    typed_event_body(inner, event_type(status), payment)
}

/// The body of a `payment.*` event of type `kind`.
pub(super) fn typed_event_body(inner: &Inner, kind: &str, payment: &Value) -> Vec<u8> {
    object_event_body(inner, kind, "payment", payment)
}

/// The body of an event of type `kind` carrying `object` under `key` (`payment`, `payout`).
fn object_event_body(inner: &Inner, kind: &str, key: &str, object: &Value) -> Vec<u8> {
    let mut event = json!({
        "apiVersion": "v1",
        "id": uuid::Uuid::new_v4().to_string(),
        "created": now_millis(),
        "merchantId": inner.config.merchant_id,
        "type": kind,
    });
    if let Some(m) = event.as_object_mut() {
        m.insert(key.into(), object.clone());
    }
    serde_json::to_vec(&event).unwrap_or_default()
}

/// Posts the `payout.<status>` event of `payout` (a PayoutResponse) to the webhook URL.
pub(super) async fn send_payout_event(inner: &Inner, payout: &Value) -> Option<Notification> {
    let url = inner.core.notify_url()?;
    let status = payout
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let body = object_event_body(inner, &format!("payout.{status}"), "payout", payout);
    Some(deliver_signed(inner, &url, body).await)
}

/// Posts the webhook event of `payment` to the webhook URL (nothing without one).
pub(super) async fn send_event(inner: &Inner, payment: &Value) -> Option<Notification> {
    let url = inner.core.notify_url()?;
    Some(deliver_signed(inner, &url, event_body(inner, payment)).await)
}

/// Posts a webhook body to `url`, signed with `X-GCS-Signature` and `X-GCS-KeyId`.
pub(super) async fn deliver_signed(inner: &Inner, url: &str, body: Vec<u8>) -> Notification {
    let headers = vec![
        ("Content-Type".to_owned(), "application/json".to_owned()),
        (
            "X-GCS-Signature".to_owned(),
            webhook_signature(&inner.config.webhook_secret, &body),
        ),
        (
            "X-GCS-KeyId".to_owned(),
            inner.config.webhook_key_id.clone(),
        ),
    ];
    inner.core.notifier.deliver(url, headers, body).await
}

/// [`send_event`] in the background (for changes made by API calls).
pub(super) fn spawn_event(inner: &Arc<Inner>, payment: Value) {
    let inner = inner.clone();
    tokio::spawn(async move {
        let _ = send_event(&inner, &payment).await;
    });
}

/// [`send_payout_event`] in the background.
pub(super) fn spawn_payout_event(inner: &Arc<Inner>, payout: Value) {
    let inner = inner.clone();
    tokio::spawn(async move {
        let _ = send_payout_event(&inner, &payout).await;
    });
}
