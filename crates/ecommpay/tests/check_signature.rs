#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `Callback::check_signature` against `Callback.check_signature()` of the official SDK's
//! master branch (`vectors/ecommpay_check_signature.json`).

use ecommpay::{Callback, Error, Gate, SignatureHandler};
use serde_json::Value;

fn vectors() -> Vec<Value> {
    let path = format!(
        "{}/tests/vectors/ecommpay_check_signature.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    file["vectors"].as_array().unwrap().clone()
}

#[test]
fn check_signature_matches_master() {
    let (mut valid, mut invalid, mut undefined, mut differ_from_pypi) = (0, 0, 0, 0);
    for v in vectors() {
        let name = v["name"].as_str().unwrap();
        let raw = v["raw"].as_str().unwrap();
        let secret = v["secret"].as_str().unwrap();
        let handler = SignatureHandler::new(secret);
        let gate = Gate::new(secret);
        if v["master"] != v["pypi_1_0_6"] {
            differ_from_pypi += 1;
        }
        match &v["master"] {
            Value::Bool(expected) => {
                // Read without verifying, then check, as the official method does.
                let callback: Callback = serde_json::from_str(raw).unwrap();
                assert_eq!(callback.check_signature(&handler), *expected, "{name}");
                assert!(
                    !callback.check_signature(&SignatureHandler::new(format!("{secret}x"))),
                    "{name}"
                );
                match gate.handle_callback(raw) {
                    Ok(verified) => {
                        assert!(*expected, "{name}: accepted");
                        assert!(verified.check_signature(&handler), "{name}");
                        assert_eq!(verified, callback, "{name}");
                        valid += 1;
                    }
                    Err(Error::SignatureInvalid { .. }) => {
                        assert!(!*expected, "{name}: rejected");
                        invalid += 1;
                    }
                    Err(other) => panic!("{name}: {other}"),
                }
            }
            expected => {
                let message = expected["error"].as_str().unwrap();
                assert_eq!(message, "Signature undefined", "{name}");
                let err = serde_json::from_str::<Callback>(raw).unwrap_err();
                assert!(err.to_string().starts_with(message), "{name}: {err}");
                let err = gate.handle_callback(raw).unwrap_err();
                assert!(matches!(err, Error::SignatureUndefined), "{name}: {err}");
                assert_eq!(err.to_string(), message, "{name}");
                undefined += 1;
            }
        }
    }
    assert!(
        valid >= 30 && invalid >= 15 && undefined >= 5,
        "{valid} {invalid} {undefined}"
    );
    // The vectors cover what PyPI 1.0.6 gets wrong (nulls, `:` in keys).
    assert!(differ_from_pypi >= 15, "{differ_from_pypi}");
}

#[test]
fn stored_callbacks_reverify_after_a_round_trip() {
    for v in vectors() {
        if v["master"] != Value::Bool(true) {
            continue;
        }
        let secret = v["secret"].as_str().unwrap();
        let callback = Gate::new(secret)
            .handle_callback(v["raw"].as_str().unwrap())
            .unwrap();
        let stored = serde_json::to_string(&callback).unwrap();
        let restored: Callback = serde_json::from_str(&stored).unwrap();
        assert_eq!(restored, callback);
        assert_eq!(restored.get_signature(), callback.get_signature());
        assert!(restored.check_signature(&SignatureHandler::new(secret)));
        // What was stored verifies like the original body.
        assert!(Gate::new(secret).handle_callback(&stored).is_ok());
    }
}
