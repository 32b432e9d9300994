#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! Vectors computed by running the official Python SDK (master semantics).
//!
//! `vectors/ecommpay.json` is the shared vector file; `vectors/ecommpay_master_extra.json`
//! adds floats, `:` in keys, path collisions, empty keys, nulls in callbacks and more URLs.

use ecommpay::{Callback, Error, Gate, Payment, PaymentStatus, SignatureHandler};
use serde_json::{Map, Value};

fn load(name: &str) -> Value {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn files() -> Vec<Value> {
    vec![load("ecommpay.json"), load("ecommpay_master_extra.json")]
}

fn obj(v: &Value) -> &Map<String, Value> {
    v.as_object().unwrap()
}

#[test]
fn signature_vectors() {
    let mut n = 0;
    for file in files() {
        for v in file["signature_vectors"].as_array().unwrap() {
            let name = v["name"].as_str().unwrap();
            let params = obj(&v["params"]);
            let handler = SignatureHandler::new(v["secret"].as_str().unwrap());
            assert_eq!(
                SignatureHandler::string_to_sign(params),
                v["string_to_sign"].as_str().unwrap(),
                "{name}"
            );
            let signature = v["signature"].as_str().unwrap();
            assert_eq!(handler.sign(params), signature, "{name}");
            assert!(handler.check(params, signature), "{name}");
            assert!(!handler.check(params, &signature[1..]), "{name}");
            assert!(
                !SignatureHandler::new("other").check(params, signature),
                "{name}"
            );
            n += 1;
        }
    }
    assert!(n >= 30, "{n}");
}

/// Rebuilds a payment from `params_in_order` (the first three entries come from `new`).
fn payment_from(params: &[Value]) -> Payment {
    let mut it = params
        .iter()
        .map(|p| (p[0].as_str().unwrap(), p[1].clone()));
    let (_, project_id) = it.next().unwrap();
    let (key, interface_type) = it.next().unwrap();
    assert_eq!(
        (key, interface_type.as_str()),
        ("interface_type", Some(r#"{"id": 24}"#))
    );
    let mut payment = Payment::new(project_id, "");
    for (name, value) in it {
        payment = payment.set(name, value);
    }
    payment
}

#[test]
fn url_vectors() {
    let mut n = 0;
    for file in files() {
        for v in file["url_vectors"].as_array().unwrap() {
            let name = v["name"].as_str().unwrap();
            let secret = v["secret"].as_str().unwrap();
            let payment = payment_from(v["params_in_order"].as_array().unwrap());
            let gate = Gate::with_base_url(secret, v["base_url"].as_str().unwrap_or(""));
            assert_eq!(
                gate.get_purchase_payment_page_url(&payment),
                v["url"].as_str().unwrap(),
                "{name}"
            );
            n += 1;
        }
    }
    assert!(n >= 5);
}

#[test]
fn seed_example_with_typed_setters() {
    let file = load("ecommpay_master_extra.json");
    let v = file["url_vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "url_seed_example")
        .unwrap();
    let payment = Payment::new("186", "ECT_TEST_1555943554067")
        .payment_amount(1001)
        .payment_currency(Gate::CURRENCY_RUB)
        .payment_description("Тестовый платёж")
        .language_code("en");
    let gate = Gate::new("<secret_key>");
    assert_eq!(
        gate.get_purchase_payment_page_url(&payment),
        v["url"].as_str().unwrap()
    );
}

#[test]
fn best_before_vectors_with_chrono() {
    use chrono::{FixedOffset, NaiveDate, TimeZone};
    let file = load("ecommpay_master_extra.json");
    let url = |name: &str| {
        let v = file["url_vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == name)
            .unwrap();
        v["url"].as_str().unwrap().to_owned()
    };
    let gate = Gate::new("qwerty");
    let naive = NaiveDate::from_ymd_opt(2055, 5, 5)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let p = Payment::new("1", "test-payment")
        .best_before(naive)
        .set("x", 1);
    assert_eq!(
        gate.get_purchase_payment_page_url(&p),
        url("url_best_before")
    );
    let tz = FixedOffset::west_opt(5 * 3600 + 30 * 60).unwrap();
    let aware = tz
        .from_local_datetime(
            &NaiveDate::from_ymd_opt(2055, 5, 5)
                .unwrap()
                .and_hms_micro_opt(1, 2, 3, 6)
                .unwrap(),
        )
        .unwrap();
    let p = Payment::new("1", "p").best_before(aware);
    assert_eq!(
        gate.get_purchase_payment_page_url(&p),
        url("url_best_before_aware")
    );
}

#[test]
fn callback_vectors_and_tampering() {
    let mut n = 0;
    for file in files() {
        for v in file["callback_vectors"].as_array().unwrap() {
            let name = v["name"].as_str().unwrap();
            let raw = v["raw"].as_str().unwrap();
            let gate = Gate::new(v["secret"].as_str().unwrap());
            assert!(v["valid"].as_bool().unwrap());
            let callback = gate
                .handle_callback(raw)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            if let Some(sig) = v["signature"].as_str() {
                assert_eq!(callback.get_signature(), sig, "{name}");
            }
            if let Some(id) = v.get("payment_id") {
                assert_eq!(callback.get_payment_id(), id.as_str(), "{name}");
                let status = v["payment_status"].as_str().map(PaymentStatus::from);
                assert_eq!(callback.get_payment_status(), status, "{name}");
            }
            if let Some(s2s) = v.get("string_to_sign") {
                let data: Value = serde_json::from_str(raw).unwrap();
                let mut stripped = data.clone();
                strip(&mut stripped);
                assert_eq!(
                    SignatureHandler::string_to_sign(obj(&stripped)),
                    s2s.as_str().unwrap(),
                    "{name}"
                );
            }
            tamper_each_leaf(&gate, raw, name);
            n += 1;
        }
    }
    assert!(n >= 5);
}

/// The official removal: `signature` keys of the top object and of objects in objects.
fn strip(v: &mut Value) {
    if let Value::Object(map) = v {
        map.shift_remove("signature");
        for (_, child) in map.iter_mut() {
            if child.is_object() {
                strip(child);
            }
        }
    }
}

/// Changing any signed leaf must make the callback fail with `Signature … is invalid`.
fn tamper_each_leaf(gate: &Gate, raw: &str, name: &str) {
    let data: Value = serde_json::from_str(raw).unwrap();
    let mut stripped = data.clone();
    strip(&mut stripped);
    let mut paths = Vec::new();
    leaves(&stripped, &mut Vec::new(), &mut paths);
    assert!(!paths.is_empty());
    for path in paths {
        if path.iter().any(|k| k == "frame_mode") {
            continue;
        }
        let mut changed = data.clone();
        let leaf = path.iter().fold(&mut changed, |cur, k| match cur {
            Value::Object(m) => m.get_mut(k).unwrap(),
            Value::Array(l) => &mut l[k.parse::<usize>().unwrap()],
            _ => unreachable!(),
        });
        *leaf = match leaf {
            Value::String(s) => Value::String(format!("{s}x")),
            Value::Number(_) => Value::from(987_654_321),
            Value::Bool(b) => Value::Bool(!*b),
            _ => Value::from("now set"),
        };
        let body = serde_json::to_string(&changed).unwrap();
        match gate.handle_callback(&body) {
            Err(Error::SignatureInvalid { .. }) => {}
            other => panic!("{name}: tampering {path:?} gave {other:?}"),
        }
    }
}

fn leaves(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                path.push(k.clone());
                leaves(child, path, out);
                path.pop();
            }
        }
        Value::Array(l) => {
            for (i, child) in l.iter().enumerate() {
                path.push(i.to_string());
                leaves(child, path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
}

#[test]
fn master_test_suite_vectors() {
    // The official repository's own tests (secret "qwerty").
    let handler = SignatureHandler::new("qwerty");
    let body: Value = serde_json::json!({
        "payment": {"id": "test-payment", "status": "success"},
        "some_bool_param": true,
        "frame_mode": "popup"
    });
    assert_eq!(
        handler.sign(obj(&body)),
        "TZS0J65ReNUMgKzeXUey9xOGGyC7r4OhsFXt/3H8XZM2Le8Wot2E1NIjeSPOyV1F3sUU6F3kfo9om2dhbe3ieA=="
    );
    let multilevel = r#"{"payment": {"id": "test-payment"}, "errors": [{"code": "123", "message": "grand crash", "description": ["description-str", {"description1": 1}]}, {"code": "456", "message": "minor crash", "description": null}], "signature": "dxjnun8oySSl0CWlhhjy/k1V9CZcCtaHvu/Y5qJQbWHq8wd6TqTUt4bIfHrlWxT8ba9NOJfkgGHrGc5OgyQVGA=="}"#;
    let gate = Gate::new("qwerty");
    assert!(gate.handle_callback(multilevel).is_ok());
    let simple = r#"{"payment": {"id": "test-payment", "status": "success"}, "signature": "UGzKT0NC26f4u0niyJSQPx5q3kFFIndwLXeJVXahfCFwbY+Svg1WoXIxzrIyyjWUSLFhT8wAQ5SfBDRHnwm6Yg=="}"#;
    let cb = gate.handle_callback(simple).unwrap();
    assert_eq!(
        cb.get_payment(),
        Some(&serde_json::json!({"id": "test-payment", "status": "success"}))
    );
    assert_eq!(cb.get_payment_status(), Some(PaymentStatus::Success));
    assert_eq!(cb.get_payment_id(), Some("test-payment"));
    // The same payment nested under "body": the nested signature is removed too.
    let recursive = r#"{"body": {"payment": {"id": "test-payment", "status": "success"}, "signature": "UGzKT0NC26f4u0niyJSQPx5q3kFFIndwLXeJVXahfCFwbY+Svg1WoXIxzrIyyjWUSLFhT8wAQ5SfBDRHnwm6Yg=="}}"#;
    assert!(matches!(
        gate.handle_callback(recursive),
        Err(Error::SignatureUndefined)
    ));
    let without_payment = r#"{"project_id": "123", "recurring": {"id": 321, "status": "active", "type": "Y", "currency": "EUR", "exp_year": "2025", "exp_month": "12", "period": "D", "time": "11"}, "signature": "AThqkBCZ6WZtY3WrMV28o7SM/vq6OIVF9qiVbELN4e/Ux59Lb5LFFnEuTq6bHa5pRvaPIkQGABXdpIrNLaeJdQ=="}"#;
    let cb = gate.handle_callback(without_payment).unwrap();
    assert_eq!(cb.get_payment(), None);
    assert_eq!(cb.get_payment_status(), None);
    assert_eq!(cb.get_value("recurring.id"), Some(&Value::from(321)));
    let invalid = r#"{"payment": {"id": "test-payment"}, "signature": "UGzKT0NC26f4u0niyJSQPx5q3kFFIndwLXeJVXahfCFwbYg34h32gh3"}"#;
    let err = gate.handle_callback(invalid).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Signature UGzKT0NC26f4u0niyJSQPx5q3kFFIndwLXeJVXahfCFwbYg34h32gh3 is invalid"
    );
}

#[test]
fn callback_constants() {
    assert_eq!(Callback::AW_3DS_STATUS, "awaiting 3ds result");
    assert_eq!(Callback::PART_REFUNDED_STATUS, "partially refunded");
    assert_eq!(Payment::INTERFACE_TYPE, 24);
    assert_eq!(
        (
            Payment::PURCHASE_TYPE,
            Payment::PAYOUT_TYPE,
            Payment::RECURRING_TYPE
        ),
        ("purchase", "payout", "recurring")
    );
    assert_eq!(
        (Gate::CURRENCY_RUB, Gate::CURRENCY_USD, Gate::CURRENCY_EUR),
        ("RUB", "USD", "EUR")
    );
    assert_eq!(SignatureHandler::ITEMS_DELIMITER, ";");
    assert_eq!(SignatureHandler::IGNORE_KEYS, ["frame_mode"]);
}
