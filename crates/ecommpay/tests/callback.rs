#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! Callback error paths, signature lookup rules and never-panic properties.

use ecommpay::{Error, Gate, SignatureHandler};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const SECRET: &str = "secret";

/// Signs `body` as the gate would (without its signature keys) and stores the signature
/// at `path` (`"signature"` or `"general.signature"`).
fn signed(mut body: Value, path: &str) -> String {
    let signature = SignatureHandler::new(SECRET).sign(&strip(&body));
    match path {
        "signature" => {
            body["signature"] = Value::from(signature);
        }
        "general.signature" => {
            body["general"]["signature"] = Value::from(signature);
        }
        other => panic!("{other}"),
    }
    serde_json::to_string(&body).unwrap()
}

fn strip(body: &Value) -> Map<String, Value> {
    fn go(v: &mut Value) {
        if let Value::Object(m) = v {
            m.shift_remove("signature");
            for (_, c) in m.iter_mut() {
                if c.is_object() {
                    go(c);
                }
            }
        }
    }
    let mut v = body.clone();
    go(&mut v);
    v.as_object().cloned().unwrap()
}

fn err(body: &str) -> Error {
    Gate::new(SECRET).handle_callback(body).unwrap_err()
}

#[test]
fn decoding_errors() {
    for body in [
        "",
        "{",
        "{\"a\": 1,}",
        "{} x",
        "{\"a\": NaN}",
        "\u{feff}{}",
        "{\"a\": \"\\ud800\"}",
    ] {
        let e = err(body);
        assert!(matches!(e, Error::Decoding { .. }), "{body:?}: {e:?}");
        assert_eq!(e.to_string(), "Error on response decoding");
        assert!(std::error::Error::source(&e).is_some());
    }
}

#[test]
fn signature_undefined() {
    for body in [
        "{}",
        "[]",
        "[\"signature\"]",
        "\"signature\"",
        "5",
        "null",
        "true",
        r#"{"signature": null}"#,
        r#"{"signature": null, "general": null}"#,
        r#"{"general": "signature"}"#,
        r#"{"general": ["signature"]}"#,
        r#"{"general": {"signature": null}}"#,
        r#"{"body": {"signature": "x"}}"#,
    ] {
        let e = err(body);
        assert!(matches!(e, Error::SignatureUndefined), "{body}: {e:?}");
        assert_eq!(e.to_string(), "Signature undefined");
    }
}

#[test]
fn signature_invalid_messages() {
    assert_eq!(
        err(r#"{"signature": ""}"#).to_string(),
        "Signature  is invalid"
    );
    assert_eq!(
        err(r#"{"signature": "abc"}"#).to_string(),
        "Signature abc is invalid"
    );
    // Non-string signatures never match; their JSON text is reported.
    assert_eq!(
        err(r#"{"signature": 123}"#).to_string(),
        "Signature 123 is invalid"
    );
    assert_eq!(
        err(r#"{"signature": false}"#).to_string(),
        "Signature false is invalid"
    );
    assert_eq!(
        err(r#"{"general": {"signature": [1]}}"#).to_string(),
        "Signature [1] is invalid"
    );
}

#[test]
fn top_level_signature_wins_over_general() {
    let body = json!({"payment": {"id": "p", "status": "success"}, "general": {"project_id": 1}});
    let valid_general = signed(body.clone(), "general.signature");
    let gate = Gate::new(SECRET);
    let cb = gate.handle_callback(&valid_general).unwrap();
    assert_eq!(
        cb.get_signature(),
        cb.get_value("general.signature").unwrap().as_str().unwrap()
    );

    // A wrong top-level signature is used even though general.signature is right.
    let mut v: Value = serde_json::from_str(&valid_general).unwrap();
    v["signature"] = json!("wrong");
    let e = gate.handle_callback(&v.to_string()).unwrap_err();
    assert_eq!(e.to_string(), "Signature wrong is invalid");

    // A top-level null falls through to general.signature (and is not signed).
    v["signature"] = Value::Null;
    let cb = gate.handle_callback(&v.to_string()).unwrap();
    assert_eq!(cb.get_value("signature"), Some(&Value::Null));
}

#[test]
fn nested_signatures_removed_list_ones_kept() {
    let body = json!({
        "payment": {"id": "p", "signature": "nested", "deep": {"signature": "deeper", "x": 1}},
        "errors": [{"code": 1, "signature": "kept"}, {"inner": {"signature": "kept too"}}]
    });
    let raw = signed(body, "signature");
    let gate = Gate::new(SECRET);
    assert!(gate.handle_callback(&raw).is_ok());
    // Nested (removed) signatures may change freely; list ones are signed.
    let changed = raw
        .replace("\"deeper\"", "\"other\"")
        .replace("\"nested\"", "1");
    assert!(gate.handle_callback(&changed).is_ok());
    let changed = raw.replace("\"kept too\"", "\"other\"");
    assert!(matches!(
        gate.handle_callback(&changed),
        Err(Error::SignatureInvalid { .. })
    ));
    let data: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(
        SignatureHandler::callback_string_to_sign(data.as_object().unwrap()),
        "errors:0:code:1;errors:0:signature:kept;errors:1:inner:signature:kept too;payment:deep:x:1;payment:id:p"
    );
}

#[test]
fn duplicate_keys_last_wins_like_json_loads() {
    let sig = SignatureHandler::new(SECRET).sign(json!({"a": 2}).as_object().unwrap());
    let raw = format!(r#"{{"a": 1, "a": 2, "signature": "{sig}"}}"#);
    let cb = Gate::new(SECRET).handle_callback(&raw).unwrap();
    assert_eq!(cb.get_value("a"), Some(&Value::from(2)));
}

#[test]
fn floats_parse_exactly() {
    // Python's json.loads gives the nearest double; its repr is what gets signed.
    let body = json!({"a": 0.1, "b": 2.675, "c": 1e-7, "d": 123456789012345.67, "e": 5e-324, "f": 1.7976931348623157e308});
    let raw = signed(body, "signature");
    let raw = raw.replace("2.675", "2.67500000000000004440892098500626");
    assert!(Gate::new(SECRET).handle_callback(&raw).is_ok());
    let data: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(
        SignatureHandler::callback_string_to_sign(data.as_object().unwrap()),
        "a:0.1;b:2.675;c:1e-07;d:123456789012345.67;e:5e-324;f:1.7976931348623157e+308"
    );
}

#[test]
fn integers_beyond_64_bits_are_rejected_not_misread() {
    // Python signs the exact integer; serde_json reads it as a float, so such a callback
    // fails verification (documented in docs/parity.md).
    let raw = r#"{"a": 123456789012345678901234567890, "signature": "x"}"#;
    assert!(matches!(err(raw), Error::SignatureInvalid { .. }));
}

#[test]
fn get_value_paths() {
    let body = json!({"payment": {"id": 5, "status": 1, "sum": {"amount": 10}}, "list": [{"a": 1}], "s": "text", "n": null});
    let cb = Gate::new(SECRET)
        .handle_callback(&signed(body, "signature"))
        .unwrap();
    assert_eq!(cb.get_payment_id(), None); // not a string
    assert_eq!(cb.get_payment_status(), None); // not a string
    assert_eq!(cb.get_value("payment.id"), Some(&Value::from(5)));
    assert_eq!(cb.get_value("payment.sum.amount"), Some(&Value::from(10)));
    assert_eq!(cb.get_value("list.0"), None);
    assert_eq!(cb.get_value("list.0.a"), None);
    assert_eq!(cb.get_value("s.x"), None);
    assert_eq!(cb.get_value("n"), Some(&Value::Null));
    assert_eq!(cb.get_value("n.x"), None);
    assert_eq!(cb.get_value(""), None);
    assert!(cb.data().is_object());
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z:;= ._-]{0,8}".prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(("(signature|frame_mode|general|[a-z:]{0,4})", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn handle_callback_never_panics_on_text(raw in any::<String>()) {
        let _ = Gate::new(SECRET).handle_callback(&raw);
    }

    #[test]
    fn handle_callback_never_panics_on_json(v in json_value(), path in "[a-z.:]{0,12}") {
        let raw = v.to_string();
        if let Ok(cb) = Gate::new(SECRET).handle_callback(&raw) {
            let _ = (cb.get_payment(), cb.get_payment_status(), cb.get_payment_id(), cb.get_value(&path));
        }
    }

    #[test]
    fn signed_callbacks_verify_and_tampering_fails(
        body in prop::collection::vec(("[a-z:]{1,5}", json_value()), 1..6),
        general in any::<bool>(),
    ) {
        let body = Value::Object(body.into_iter().collect::<Map<String, Value>>());
        let mut body = body;
        if general {
            body["general"] = json!({"project_id": 1});
        }
        let raw = signed(body.clone(), if general { "general.signature" } else { "signature" });
        let gate = Gate::new(SECRET);
        let cb = gate.handle_callback(&raw);
        prop_assert!(cb.is_ok(), "{raw}: {cb:?}");
        let mut tampered: Value = serde_json::from_str(&raw).unwrap();
        tampered["zz_added"] = json!("x");
        prop_assert!(
            matches!(gate.handle_callback(&tampered.to_string()), Err(Error::SignatureInvalid { .. })),
            "tampered callback accepted"
        );
    }

    #[test]
    fn sign_and_check_agree(v in prop::collection::vec(("[a-z:]{0,5}", json_value()), 0..8), secret in any::<String>()) {
        let params: Map<String, Value> = v.into_iter().collect();
        let handler = SignatureHandler::new(secret.as_str());
        let sig = handler.sign(&params);
        prop_assert_eq!(sig.len(), 88);
        prop_assert!(handler.check(&params, &sig));
        prop_assert_eq!(
            sig,
            payments_core::signing::base64_encode(&payments_core::signing::hmac_sha512(
                secret.as_bytes(),
                SignatureHandler::string_to_sign(&params).as_bytes()
            ))
        );
    }
}
