//! The API handlers, one file per group of SDK calls, and the request-body helpers they share.

use serde_json::{Map, Value};

use super::render::{Fail, bad_request};

pub(super) mod orders;
pub(super) mod refunds;
pub(super) mod transactions;

/// An API handler's answer.
pub(super) type Answer = Result<axum::response::Response, Fail>;

/// The body as a JSON object (an empty body is `{}`).
pub(super) fn parse_object(body: &[u8]) -> Result<Map<String, Value>, Fail> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(bad_request("Invalid JSON body")),
    }
}

/// An optional string field.
pub(super) fn opt_string(m: &Map<String, Value>, key: &str) -> Result<Option<String>, Fail> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(bad_request(&format!("Invalid {key}"))),
    }
}

/// The `amount` field, a positive integer.
pub(super) fn positive_amount(m: &Map<String, Value>) -> Result<i64, Fail> {
    match m.get("amount").and_then(Value::as_i64) {
        Some(a) if a > 0 => Ok(a),
        _ => Err(bad_request("Invalid amount")),
    }
}
