#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! Serde round trips of every public model, and redacted `Debug` output.

mod common;

use common::{json_value, strip};
use ecommpay::{Callback, Gate, Payment, PaymentStatus, SignatureHandler};
use proptest::prelude::*;
use serde_json::{Value, json};

const BODY: &str = r#"{"payment": {"id": "test-payment", "status": "success"}, "signature": "UGzKT0NC26f4u0niyJSQPx5q3kFFIndwLXeJVXahfCFwbY+Svg1WoXIxzrIyyjWUSLFhT8wAQ5SfBDRHnwm6Yg=="}"#;

fn round_trip<T>(value: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap();
    assert_eq!(&back, value, "{text}");
    // Through a `Value` too.
    let back: T = serde_json::from_value(serde_json::to_value(value).unwrap()).unwrap();
    assert_eq!(&back, value);
    back
}

#[test]
fn payment_round_trips_in_order() {
    let payment = Payment::new(186, "ECT_TEST_1555943554067")
        .payment_amount(1001)
        .payment_currency("EUR")
        .close_on_missclick(true)
        .set("frame_mode", "popup")
        .set("nested", json!({"b": [1, null, 2.5], "a": "x"}))
        .booking_info(&json!({"first_name": "Joe"}))
        .unwrap();
    let back = round_trip(&payment);
    // The stored form is the parameter map, in order, and signs the same.
    assert_eq!(
        serde_json::to_value(&payment).unwrap(),
        Value::Object(payment.get_params().clone())
    );
    let gate = Gate::new("secret");
    assert_eq!(
        gate.get_purchase_payment_page_url(&back),
        gate.get_purchase_payment_page_url(&payment)
    );
    let keys: Vec<&str> = back.get_params().keys().map(String::as_str).collect();
    assert_eq!(keys[..3], ["project_id", "interface_type", "payment_id"]);
}

#[test]
fn payment_requires_its_leading_parameters() {
    for bad in [
        json!({}),
        json!({"project_id": 1}),
        json!({"interface_type": "{\"id\": 24}", "project_id": 1}),
        json!({"project_id": 1, "payment_id": "p", "interface_type": "{\"id\": 24}"}),
    ] {
        let err = serde_json::from_value::<Payment>(bad.clone()).unwrap_err();
        assert!(err.to_string().contains("project_id"), "{bad}: {err}");
    }
    for bad in [json!([1, 2]), json!("project_id"), json!(null)] {
        let err = serde_json::from_value::<Payment>(bad.clone()).unwrap_err();
        assert!(err.to_string().contains("expected a map"), "{bad}: {err}");
    }
    let minimal: Payment =
        serde_json::from_value(json!({"project_id": "1", "interface_type": "x"})).unwrap();
    assert_eq!(minimal.get_params().len(), 2);
}

#[test]
fn callback_round_trips_as_its_body() {
    let callback = Gate::new("qwerty").handle_callback(BODY).unwrap();
    let back = round_trip(&callback);
    let raw: Value = serde_json::from_str(BODY).unwrap();
    assert_eq!(serde_json::to_value(&callback).unwrap(), raw);
    assert_eq!(back.get_signature(), callback.get_signature());
    assert_eq!(back.get_payment_status(), Some(PaymentStatus::Success));
    assert!(back.check_signature(&SignatureHandler::new("qwerty")));
}

#[test]
fn deserializing_does_not_verify() {
    // A forged callback deserializes (it is data), but does not check.
    let forged = BODY.replace("success", "refunded");
    let callback: Callback = serde_json::from_str(&forged).unwrap();
    assert!(!callback.check_signature(&SignatureHandler::new("qwerty")));
    assert_eq!(callback.get_payment_status(), Some(PaymentStatus::Refunded));
    // Without any signature it is not a callback.
    for bad in [r#"{"payment": {}}"#, "[]", "1", r#"{"signature": null}"#] {
        let err = serde_json::from_str::<Callback>(bad).unwrap_err();
        assert!(
            err.to_string().contains("Signature undefined"),
            "{bad}: {err}"
        );
    }
    // A signature that is not a string never checks.
    let numeric: Callback = serde_json::from_str(r#"{"a": 1, "signature": 5}"#).unwrap();
    assert_eq!(numeric.get_signature(), "5");
    assert!(!numeric.check_signature(&SignatureHandler::new("")));
    round_trip(&numeric);
}

#[test]
fn payment_status_round_trips() {
    for status in PaymentStatus::known() {
        let back = round_trip(status);
        assert_eq!(serde_json::to_value(&back).unwrap(), status.as_str());
    }
    round_trip(&PaymentStatus::Unknown("brand new".into()));
}

#[test]
fn debug_redacts_secrets_and_card_tokens() {
    let gate = Gate::new("top-secret-key");
    let text = format!("{gate:?}{:?}", gate.signature_handler());
    assert!(!text.contains("top-secret-key"), "{text}");
    let payment = Payment::new(1, "p")
        .account_token("tok_4111111111111111")
        .customer_ssn(1234)
        .set("card", json!({"token": "tok_nested", "cvv": "123"}));
    let text = format!("{payment:?}");
    for secret in ["tok_4111111111111111", "1234", "tok_nested", "\"123\""] {
        assert!(!text.contains(secret), "{text}");
    }
    assert!(
        text.contains("project_id") && text.contains("[REDACTED]"),
        "{text}"
    );
    let body =
        r#"{"account": {"number": "411111******1111", "token": "card-token-1"}, "signature": "s"}"#;
    let callback: Callback = serde_json::from_str(body).unwrap();
    let text = format!("{callback:?}");
    assert!(!text.contains("card-token-1"), "{text}");
    assert!(text.contains("411111******1111"), "{text}");
}

proptest! {
    #[test]
    fn any_payment_round_trips(params in prop::collection::vec(("[a-z_:]{1,8}", json_value()), 0..8)) {
        let mut payment = Payment::new(7, "p");
        for (k, v) in params {
            payment = payment.set(k, v);
        }
        round_trip(&payment);
    }

    #[test]
    fn any_signed_callback_round_trips(body in prop::collection::vec(("[a-z:]{1,6}", json_value()), 0..6), secret in any::<String>()) {
        let mut map: serde_json::Map<String, Value> = body.into_iter().collect();
        map.shift_remove("signature");
        let handler = SignatureHandler::new(secret.as_str());
        let signature = handler.sign(strip(&mut Value::Object(map.clone())).as_object().unwrap());
        map.insert("signature".into(), Value::from(signature));
        let raw = Value::Object(map).to_string();
        let callback = Gate::new(secret.as_str()).handle_callback(&raw).unwrap();
        let back = round_trip(&callback);
        prop_assert!(back.check_signature(&handler));
    }
}
