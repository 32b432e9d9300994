#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `Payment::booking_info` against the official PHP SDK's `setBookingInfo`
//! (`vectors/ecommpay_booking_info.json`; see its `about` for the input markers).

mod common;

use common::json_value;
use ecommpay::{Error, Gate, Payment};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

fn file() -> Value {
    let path = format!(
        "{}/tests/vectors/ecommpay_booking_info.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A vector input with its markers turned into what they stand for.
struct Input<'a>(&'a Value);

impl Serialize for Input<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let bytes = |v: &Value| payments_core::signing::base64_decode(v.as_str().unwrap()).unwrap();
        match self.0 {
            Value::Object(m) if m.contains_key("$bytes") => s.serialize_bytes(&bytes(&m["$bytes"])),
            Value::Object(m) if m.contains_key("$float") => {
                s.serialize_f64(match m["$float"].as_str() {
                    Some("nan") => f64::NAN,
                    Some("inf") => f64::INFINITY,
                    _ => f64::NEG_INFINITY,
                })
            }
            Value::Object(m) if m.contains_key("$nest") => {
                Nest(m["$nest"].as_u64().unwrap(), &m["leaf"]).serialize(s)
            }
            Value::Object(m) if m.contains_key("$key_bytes") => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry(&Bytes(bytes(&m["$key_bytes"])), &Input(&m["value"]))?;
                map.end()
            }
            Value::Object(m) => {
                let mut map = s.serialize_map(Some(m.len()))?;
                for (k, v) in m {
                    map.serialize_entry(k, &Input(v))?;
                }
                map.end()
            }
            Value::Array(l) => {
                let mut seq = s.serialize_seq(Some(l.len()))?;
                for v in l {
                    seq.serialize_element(&Input(v))?;
                }
                seq.end()
            }
            scalar => scalar.serialize(s),
        }
    }
}

struct Bytes(Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

/// `leaf` inside `n` lists.
struct Nest<'a>(u64, &'a Value);

impl Serialize for Nest<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 == 0 {
            return Input(self.1).serialize(s);
        }
        let mut seq = s.serialize_seq(Some(1))?;
        seq.serialize_element(&Nest(self.0 - 1, self.1))?;
        seq.end()
    }
}

#[test]
fn booking_info_matches_php() {
    let (mut ok, mut errors) = (0, 0);
    for v in file()["vectors"].as_array().unwrap() {
        let name = v["name"].as_str().unwrap();
        let result = Payment::new(100, "p").booking_info(&Input(&v["info"]));
        match (
            v.get("booking_info"),
            v.get("message").and_then(Value::as_str),
        ) {
            (Some(expected), _) => {
                let payment = result.unwrap_or_else(|e| panic!("{name}: {e}"));
                let params = payment.get_params();
                assert_eq!(&params["booking_info"], expected, "{name}");
                assert_eq!(params.keys().next_back().unwrap(), "booking_info");
                ok += 1;
            }
            (None, Some("Empty array passed")) => {
                let err = result.unwrap_err();
                assert!(matches!(err, Error::EmptyBookingInfo), "{name}: {err:?}");
                assert_eq!(err.to_string(), "Empty array passed");
                errors += 1;
            }
            // "Invalid data passed", or a TypeError for a value that is not an array.
            (None, Some(message)) => {
                let err = result.unwrap_err();
                assert!(
                    matches!(err, Error::InvalidBookingInfo { .. }),
                    "{name}: {err:?}"
                );
                assert!(
                    err.to_string().starts_with("Invalid data passed: "),
                    "{err}"
                );
                if v["exception"] == "TypeError" {
                    assert!(message.contains("must be of type array"));
                    assert!(err.to_string().contains("an object or a list"), "{err}");
                }
                errors += 1;
            }
            (None, None) => panic!("{name}: no result"),
        }
    }
    assert!(ok >= 45 && errors >= 12, "{ok} {errors}");
}

#[test]
fn payment_page_urls_with_booking_info() {
    let file = file();
    let vectors = file["url_vectors"].as_array().unwrap();
    assert_eq!(vectors.len(), 3);
    for v in vectors {
        let payment = Payment::new(v["project_id"].clone(), v["payment_id"].as_str().unwrap())
            .payment_amount(1000)
            .payment_currency(Gate::CURRENCY_EUR)
            .booking_info(&Input(&v["info"]))
            .unwrap()
            .language_code("en");
        assert_eq!(payment.get_params()["booking_info"], v["booking_info"]);
        let gate = Gate::new(v["secret"].as_str().unwrap());
        assert_eq!(
            gate.get_purchase_payment_page_url(&payment),
            v["url"].as_str().unwrap(),
            "{}",
            v["name"]
        );
    }
}

#[test]
fn typed_details_and_replacement() {
    #[derive(serde::Serialize)]
    struct Guest<'a> {
        first_name: &'a str,
        surname: &'a str,
        start_date: &'a str,
        end_date: &'a str,
    }
    let guest = Guest {
        first_name: "Joe",
        surname: "Doe",
        start_date: "21-01-2025",
        end_date: "22-01-2025",
    };
    // The official PHP test's expected value.
    let expected = "eyJmaXJzdF9uYW1lIjoiSm9lIiwic3VybmFtZSI6IkRvZSIsInN0YXJ0X2RhdGUiOiIyMS0wMS0yMDI1IiwiZW5kX2RhdGUiOiIyMi0wMS0yMDI1In0=";
    let payment = Payment::new(100, "test payment id")
        .booking_info(&[("first_name", "x")])
        .unwrap()
        .payment_amount(1)
        .booking_info(&guest)
        .unwrap();
    assert_eq!(payment.get_params()["booking_info"], expected);
    // Set again, it keeps its first position.
    let keys: Vec<&str> = payment.get_params().keys().map(String::as_str).collect();
    assert_eq!(keys[3..], ["booking_info", "payment_amount"]);
    // A struct whose fields are all skipped is empty.
    #[derive(serde::Serialize)]
    struct Nothing {
        #[serde(skip_serializing_if = "Option::is_none")]
        a: Option<u8>,
    }
    assert!(matches!(
        Payment::new(1, "").booking_info(&Nothing { a: None }),
        Err(Error::EmptyBookingInfo)
    ));
}

/// The JSON text inside `booking_info`.
fn decoded(info: &(impl Serialize + ?Sized)) -> Result<String, Error> {
    let payment = Payment::new(1, "").booking_info(info)?;
    let b64 = payment.get_params()["booking_info"].as_str().unwrap();
    Ok(String::from_utf8(payments_core::signing::base64_decode(b64).unwrap()).unwrap())
}

#[test]
fn serde_shapes() {
    #[derive(serde::Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(u8, i128),
        Struct { a: Option<u8>, b: Option<u8> },
    }
    #[derive(serde::Serialize)]
    struct Wrapper(Vec<char>);
    let v = (
        E::Unit,
        E::New(1),
        E::Tuple(1, -2),
        E::Struct {
            a: Some(3),
            b: None,
        },
        Wrapper(vec!['é', '/']),
        (),
    );
    assert_eq!(
        decoded(&v).unwrap(),
        r#"["Unit",{"New":1},{"Tuple":[1,-2]},{"Struct":{"a":3,"b":null}},["\u00e9","\/"],null]"#
    );
    // A top-level enum variant with data is an object.
    assert_eq!(decoded(&E::New(5)).unwrap(), r#"{"New":5}"#);
    // Integer keys are written as strings; other keys are refused.
    let map: std::collections::BTreeMap<u64, bool> = [(7, true), (10, false)].into();
    assert_eq!(decoded(&map).unwrap(), r#"{"7":true,"10":false}"#);
    for bad in [
        decoded(&std::collections::BTreeMap::from([(true, 1)])),
        decoded(&std::collections::BTreeMap::from([((1, 2), 1)])),
        decoded(&std::collections::BTreeMap::from([((), 1)])),
    ] {
        match bad {
            Err(Error::InvalidBookingInfo { reason }) => {
                assert!(reason.contains("map key"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
    }
    // A failing Serialize is an error value too.
    struct Failing;
    impl Serialize for Failing {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("cannot serialize"))
        }
    }
    match decoded(&[Failing]) {
        Err(Error::InvalidBookingInfo { reason }) => assert_eq!(reason, "cannot serialize"),
        other => panic!("{other:?}"),
    }
    // Unit, unit structs and None are not an object or a list.
    for bad in [decoded(&()), decoded(&None::<Vec<u8>>), decoded(&E::Unit)] {
        assert!(
            matches!(bad, Err(Error::InvalidBookingInfo { .. })),
            "{bad:?}"
        );
    }
    assert!(matches!(
        decoded(&Vec::<u8>::new()),
        Err(Error::EmptyBookingInfo)
    ));
}

#[test]
fn deep_nesting_stops_at_php_limit_without_overflow() {
    // Far beyond the limit: refused at level 513, not recursed into.
    let deep = Nest(100_000, &Value::from(1));
    match decoded(&deep) {
        Err(Error::InvalidBookingInfo { reason }) => assert!(reason.contains("512"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

/// Equal as JSON, numbers compared as floats (PHP writes `1.0` as `1`, `-0.0` as `-0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, x), (ky, y))| kx == ky && same(x, y))
        }
        _ => a == b,
    }
}

proptest::proptest! {
    #[test]
    fn output_is_ascii_json_of_the_input(v in json_value()) {
        match decoded(&v) {
            Ok(text) => {
                proptest::prop_assert!(text.is_ascii());
                let back: Value = serde_json::from_str(&text).unwrap();
                proptest::prop_assert!(same(&back, &v), "{text} vs {v}");
            }
            Err(Error::EmptyBookingInfo) => proptest::prop_assert!(
                v.as_array().is_some_and(Vec::is_empty) || v.as_object().is_some_and(|m| m.is_empty())
            ),
            Err(Error::InvalidBookingInfo { .. }) => proptest::prop_assert!(!v.is_array() && !v.is_object()),
            Err(other) => proptest::prop_assert!(false, "{other}"),
        }
    }
}
