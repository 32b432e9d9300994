//! The callback EPoint posts after a page payment: a form with `data` (base64 of Python-style
//! `json.dumps`) and its `signature`.

use payments_core::pyfmt::{JsonStyle, json_dumps};
use payments_core::signing::base64_encode;
use serde_json::{Map, Value, json};

use super::Inner;
use super::auth::sign;
use super::render::{decimal_json, other_attr_text, rrn};
use super::state::EpointTransaction;
use crate::notify::Notification;

/// The callback's `data` object for a finished transaction.
pub(super) fn callback_json(t: &EpointTransaction) -> Value {
    let mut m = Map::new();
    m.insert("order_id".into(), json!(t.order_id));
    m.insert("status".into(), json!(t.status));
    m.insert("code".into(), json!(t.code));
    m.insert("message".into(), json!(t.message));
    m.insert("transaction".into(), json!(t.transaction));
    m.insert(
        "bank_transaction".into(),
        json!(format!("bt{}", t.transaction)),
    );
    m.insert("bank_response".into(), json!(t.message));
    m.insert("operation_code".into(), json!("100"));
    m.insert("rrn".into(), json!(rrn(&t.transaction)));
    m.insert("card_name".into(), json!("SANDBOX CUSTOMER"));
    m.insert("card_mask".into(), json!(t.card_mask));
    m.insert("amount".into(), t.amount.map_or(Value::Null, decimal_json));
    if let Some(card_id) = &t.card_id {
        m.insert("card_id".into(), json!(card_id));
    }
    if let Some(split) = t.split_amount {
        m.insert("split_amount".into(), decimal_json(split));
    }
    m.insert("other_attr".into(), other_attr_text(t));
    Value::Object(m)
}

/// Posts `callback` to the merchant's callback URL (nothing without one).
pub(super) async fn send_callback(inner: &Inner, callback: &Value) -> Option<Notification> {
    let url = inner.core.notify_url()?;
    let text = json_dumps(callback, JsonStyle::Compact { ensure_ascii: true });
    let data = base64_encode(text.as_bytes());
    let signature = sign(&data, &inner.config.private_key);
    let body = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("data", &data)
        .append_pair("signature", &signature)
        .finish();
    let headers = vec![(
        "Content-Type".to_owned(),
        "application/x-www-form-urlencoded".to_owned(),
    )];
    Some(
        inner
            .core
            .notifier
            .deliver(&url, headers, body.into_bytes())
            .await,
    )
}
