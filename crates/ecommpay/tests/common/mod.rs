//! Helpers shared by the integration tests.
#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::Value;

/// Any JSON value: every scalar kind (finite floats, any string) nested four levels deep.
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..5)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// The official removal before a callback is signed: `signature` keys of the top object
/// and of objects in objects.
pub fn strip(v: &mut Value) -> &Value {
    if let Value::Object(map) = v {
        map.shift_remove("signature");
        for (_, child) in map.iter_mut() {
            if child.is_object() {
                strip(child);
            }
        }
    }
    v
}
