//! `Debug` output of parameters and callbacks without card tokens and other secrets.

use std::fmt;

use serde_json::{Map, Value};

/// Keys whose values never appear in `Debug` output, at any depth: card tokens
/// (`account_token` of a payment, `account.token` of a callback), card security codes and
/// social security numbers.
pub(crate) const REDACTED_KEYS: &[&str] = &["account_token", "token", "cvv", "customer_ssn"];

/// Shows an object as its `Debug` would, with the values of [`REDACTED_KEYS`] replaced.
pub(crate) struct Redacted<'a>(pub(crate) &'a Map<String, Value>);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut copy = self.0.clone();
        redact_map(&mut copy);
        fmt::Debug::fmt(&copy, f)
    }
}

fn redact_map(map: &mut Map<String, Value>) {
    for (key, value) in map.iter_mut() {
        if REDACTED_KEYS.contains(&key.as_str()) {
            *value = Value::String("[REDACTED]".to_owned());
        } else {
            redact(value);
        }
    }
}

fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => redact_map(map),
        Value::Array(list) => list.iter_mut().for_each(redact),
        _ => {}
    }
}
