#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! Property tests: webhook parsing never panics and accepts exactly the valid bodies;
//! signatures verify only themselves.

use nopayn::{Error, WebhookError, parse_webhook_body};
use proptest::prelude::*;
use serde_json::{Value, json};

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".*".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![Just("order_id".to_owned()), ".{0,8}"],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn never_panics_on_bytes(raw in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_webhook_body(&raw);
    }

    #[test]
    fn never_panics_on_text(raw in ".*") {
        let _ = parse_webhook_body(raw.as_str());
    }

    #[test]
    fn outcome_matches_the_rules(value in arb_json()) {
        let raw = value.to_string();
        match (&value, parse_webhook_body(&raw)) {
            (Value::Object(m), Ok(p)) => {
                let id = m.get("order_id").and_then(Value::as_str).unwrap();
                prop_assert_eq!(p.order_id.as_str(), id);
                prop_assert!(!id.trim().is_empty());
            }
            (Value::Object(m), Err(Error::Webhook(WebhookError::MissingOrderId))) => {
                let valid = m.get("order_id").and_then(Value::as_str).is_some_and(|s| !s.trim().is_empty());
                prop_assert!(!valid);
            }
            (Value::Object(_), other) => prop_assert!(false, "{:?}", other),
            (_, Err(Error::Webhook(WebhookError::InvalidJson))) => {}
            (_, other) => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn valid_bodies_round_trip(order_id in "[A-Za-z0-9-]{1,40}", event in ".{0,20}", project in proptest::option::of(".{0,20}")) {
        let body = json!({"event": event, "order_id": order_id, "project_id": project});
        let p = parse_webhook_body(body.to_string()).unwrap();
        prop_assert_eq!(p.order_id, order_id);
        prop_assert_eq!(p.event, event);
        prop_assert_eq!(p.project_id, project);
    }

    #[test]
    fn signatures_verify_only_themselves(key in ".{0,40}", amount in any::<i64>(), currency in "[A-Z]{3}", order_id in ".{0,40}", other in "[0-9a-f]{64}") {
        let sig = nopayn::generate_signature(&key, amount, &currency, &order_id);
        prop_assert_eq!(sig.len(), 64);
        prop_assert!(nopayn::verify_signature(&key, amount, &currency, &order_id, &sig));
        prop_assert_eq!(nopayn::verify_signature(&key, amount, &currency, &order_id, &other), other == sig);
    }

    #[test]
    fn duration_check_never_panics(text in ".{0,30}") {
        let _ = nopayn::is_iso8601_duration(&text);
        let _ = nopayn::parse_timestamp(&text);
    }
}
