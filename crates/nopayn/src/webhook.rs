//! Webhook body parsing (Python `parse_webhook_body`).
//!
//! A webhook only names an order; it never carries a status. Use
//! `NoPaynClient::verify_webhook` to fetch the order and learn its real state.

use serde_json::Value;

use crate::error::{Error, WebhookError};
use crate::models::WebhookPayload;

/// Parses a webhook body such as
/// `{"event":"status_changed","order_id":"…","project_id":"…"}`.
///
/// - not JSON, or JSON that is not an object → [`WebhookError::InvalidJson`];
/// - `order_id` missing, not a string, empty or only whitespace →
///   [`WebhookError::MissingOrderId`];
/// - `event` defaults to `""`; `project_id` is `None` when absent or null (a number
///   is kept as its decimal text).
///
/// Never panics, whatever the input.
pub fn parse_webhook_body(raw: impl AsRef<[u8]>) -> Result<WebhookPayload, Error> {
    let value: Value =
        serde_json::from_slice(raw.as_ref()).map_err(|_| WebhookError::InvalidJson)?;
    let Value::Object(map) = value else {
        return Err(WebhookError::InvalidJson.into());
    };
    let order_id = match map.get("order_id") {
        Some(Value::String(id)) if !id.trim().is_empty() => id.clone(),
        _ => return Err(WebhookError::MissingOrderId.into()),
    };
    let event = match map.get("event") {
        Some(Value::String(e)) => e.clone(),
        _ => String::new(),
    };
    let project_id = match map.get("project_id") {
        Some(Value::String(p)) => Some(p.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Ok(WebhookPayload {
        event,
        order_id,
        project_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(raw: &str) -> WebhookError {
        match parse_webhook_body(raw) {
            Err(Error::Webhook(e)) => e,
            other => panic!("{raw}: {other:?}"),
        }
    }

    #[test]
    fn valid_payloads() {
        let p = parse_webhook_body(
            r#"{"event":"status_changed","order_id":"1c969951-f5f1-4290-ae41-6177961fb3cb","project_id":"proj-1"}"#,
        )
        .unwrap();
        assert_eq!(p.event, "status_changed");
        assert_eq!(p.order_id, "1c969951-f5f1-4290-ae41-6177961fb3cb");
        assert_eq!(p.project_id.as_deref(), Some("proj-1"));

        let p = parse_webhook_body(br#"{"order_id":"o1"}"#).unwrap();
        assert_eq!((p.event.as_str(), p.project_id), ("", None));

        let p =
            parse_webhook_body(r#"{"order_id":"o1","event":7,"project_id":42,"x":[1]}"#).unwrap();
        assert_eq!(
            (p.event.as_str(), p.project_id.as_deref()),
            ("", Some("42"))
        );
    }

    #[test]
    fn invalid_json() {
        for raw in [
            "",
            "not json",
            "{",
            "[]",
            r#"["order_id"]"#,
            "\"o1\"",
            "42",
            "null",
            "true",
        ] {
            assert_eq!(err(raw), WebhookError::InvalidJson, "{raw}");
        }
        assert!(matches!(
            parse_webhook_body([0xff, 0xfe]),
            Err(Error::Webhook(WebhookError::InvalidJson))
        ));
    }

    #[test]
    fn missing_order_id() {
        for raw in [
            "{}",
            r#"{"event":"status_changed"}"#,
            r#"{"order_id":""}"#,
            r#"{"order_id":"   "}"#,
            r#"{"order_id":null}"#,
            r#"{"order_id":123}"#,
            r#"{"order_id":["a"]}"#,
            r#"{"order_id":{"id":"a"}}"#,
            r#"{"order_id":true}"#,
        ] {
            assert_eq!(err(raw), WebhookError::MissingOrderId, "{raw}");
        }
    }
}
