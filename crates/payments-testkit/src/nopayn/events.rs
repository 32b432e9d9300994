//! The webhook NoPayn posts on every order status change.

use std::sync::Arc;

use serde_json::json;

use super::Inner;
use crate::notify::Notification;

fn webhook_body(order_id: &str, project_id: &str) -> Vec<u8> {
    serde_json::to_vec(
        &json!({"event": "status_changed", "order_id": order_id, "project_id": project_id}),
    )
    .unwrap_or_default()
}

/// Posts the webhook of `order_id` to `url` (nothing without a URL).
pub(super) async fn send_webhook(
    inner: &Inner,
    url: Option<String>,
    order_id: &str,
) -> Option<Notification> {
    let url = url?;
    let body = webhook_body(order_id, &inner.config.project_id);
    Some(
        inner
            .core
            .notifier
            .deliver(
                &url,
                vec![("Content-Type".to_owned(), "application/json".to_owned())],
                body,
            )
            .await,
    )
}

/// Sends the webhooks of `due` (webhook URL, order id) in the background.
pub(super) fn spawn_webhooks(inner: &Arc<Inner>, due: Vec<(Option<String>, String)>) {
    for (url, id) in due {
        if url.is_some() {
            let inner = inner.clone();
            tokio::spawn(async move {
                let _ = send_webhook(&inner, url, &id).await;
            });
        }
    }
}
