//! The Payment Page signature: the official SDK's algorithm over the page parameters, and
//! the re-derivation of the signed values from a received URL.

use std::collections::BTreeMap;

use payments_core::pyfmt::float_repr;
use payments_core::signing::{base64_encode, constant_time_eq, hmac_sha512};
use serde_json::{Map, Value};

use super::Inner;

/// The string the official SDK signs for `params` (a JSON object): flattened `path:value`
/// items sorted by path and joined with `;`.
pub fn string_to_sign(params: &Value) -> String {
    let mut flat = BTreeMap::new();
    if let Value::Object(m) = params {
        flatten(m, "", &mut flat);
    }
    flat.into_values().collect::<Vec<_>>().join(";")
}

/// `base64(HMAC-SHA512(secret, string_to_sign(params)))`, the Payment Page and callback
/// signature.
pub fn signature(params: &Value, secret: &str) -> String {
    base64_encode(&hmac_sha512(
        secret.as_bytes(),
        string_to_sign(params).as_bytes(),
    ))
}

/// Re-derives the signed parameter values from Payment Page URL query pairs (see the module
/// docs); `signature` is left out.
///
/// A key in bracket notation (`customer[name]`, `items[0]`, as PHP's `http_build_query`
/// writes nested values) is rebuilt into the nested object the SDK signed; its value is
/// already the signed text. A list becomes an object keyed by index, which flattens to the
/// same `items:0:…` paths.
pub fn signed_params_from_query(pairs: &[(String, String)]) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        if k == "signature" {
            continue;
        }
        if let Some(path) = bracket_path(k) {
            insert_path(&mut m, &path, Value::String(v.clone()));
            continue;
        }
        let value = match v.as_str() {
            "True" => Value::Bool(true),
            "False" => Value::Bool(false),
            "None" => Value::Null,
            _ => Value::String(v.clone()),
        };
        m.insert(k.clone(), value);
    }
    Value::Object(m)
}

/// `a[b][0]` → `["a", "b", "0"]`; `None` for a key that is not well-formed bracket notation.
fn bracket_path(key: &str) -> Option<Vec<String>> {
    let (base, mut rest) = key.split_at(key.find('[')?);
    if base.is_empty() {
        return None;
    }
    let mut path = vec![base.to_owned()];
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let (segment, after) = inner.split_at(inner.find(']')?);
        path.push(segment.to_owned());
        rest = after.strip_prefix(']')?;
    }
    Some(path)
}

/// Sets `value` at `path`, creating (or replacing non-object values by) objects on the way.
fn insert_path(m: &mut Map<String, Value>, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut current = m;
    for key in parents {
        let entry = current
            .entry(key.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        let Value::Object(next) = entry else {
            return;
        };
        current = next;
    }
    current.insert(last.clone(), value);
}

fn flatten(m: &Map<String, Value>, prefix: &str, out: &mut BTreeMap<String, String>) {
    for (key, value) in m {
        if key == "frame_mode" {
            continue;
        }
        let k = key.replace(':', "::");
        let path = if prefix.is_empty() {
            k
        } else {
            format!("{prefix}:{k}")
        };
        match value {
            Value::Object(inner) => flatten(inner, &path, out),
            Value::Array(items) => {
                let as_map: Map<String, Value> = items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (i.to_string(), v.clone()))
                    .collect();
                flatten_list(&as_map, &path, out);
            }
            scalar => {
                let text = scalar_text(scalar);
                out.insert(path.clone(), format!("{path}:{text}"));
            }
        }
    }
}

/// List elements: index keys are not escaped (they are digits) and `frame_mode` cannot occur.
fn flatten_list(m: &Map<String, Value>, prefix: &str, out: &mut BTreeMap<String, String>) {
    flatten(m, prefix, out);
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::Bool(true) => "1".to_owned(),
        Value::Bool(false) => "0".to_owned(),
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => {
            if n.is_i64() || n.is_u64() {
                n.to_string()
            } else {
                n.as_f64().map_or_else(|| n.to_string(), float_repr)
            }
        }
        Value::Array(_) | Value::Object(_) => String::new(),
    }
}

/// Checks the `signature` of the received page parameters.
pub(super) fn verify(inner: &Inner, pairs: &[(String, String)]) -> Result<(), String> {
    let Some(given) = pairs
        .iter()
        .rev()
        .find(|(k, _)| k == "signature")
        .map(|(_, v)| v)
    else {
        return Err("signature is missing".to_owned());
    };
    let expected = signature(&signed_params_from_query(pairs), &inner.config.secret_key);
    if constant_time_eq(expected.as_bytes(), given.as_bytes()) {
        Ok(())
    } else {
        Err("signature is invalid".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn bracket_keys() {
        assert_eq!(
            bracket_path("a[b][0]"),
            Some(vec!["a".to_owned(), "b".to_owned(), "0".to_owned()])
        );
        assert_eq!(
            bracket_path("a[]"),
            Some(vec!["a".to_owned(), String::new()])
        );
        for plain in ["a", "[b]", "a[b", "a[b]c", "a]b["] {
            assert_eq!(bracket_path(plain), None, "{plain}");
        }
    }

    #[test]
    fn nested_query_values_sign_like_flattened_objects() {
        let query = signed_params_from_query(&pairs(&[
            ("project_id", "1"),
            ("close", "True"),
            ("c[name]", "Ada L"),
            ("c[flags][0]", "1"),
            ("c[flags][1]", ""),
            ("c[k:x]", "True"),
            ("signature", "x"),
        ]));
        let signed = json!({
            "project_id": "1",
            "close": true,
            "c": {"name": "Ada L", "flags": [true, null], "k:x": "True"},
        });
        assert_eq!(string_to_sign(&query), string_to_sign(&signed));
        assert_eq!(
            string_to_sign(&signed),
            "c:flags:0:1;c:flags:1:;c:k::x:True;c:name:Ada L;close:1;project_id:1"
        );
        // A scalar and a nested value under one name: the nested one wins, without a panic.
        let mixed = signed_params_from_query(&pairs(&[("a", "1"), ("a[b]", "2")]));
        assert_eq!(string_to_sign(&mixed), "a:b:2");
    }
}
