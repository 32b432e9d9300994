//! Tests of the direct writer: each against the `Value` path.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use super::*;

const STYLES: [JsonStyle; 6] = [
    JsonStyle::Compact { ensure_ascii: true },
    JsonStyle::Compact {
        ensure_ascii: false,
    },
    JsonStyle::Tight { ensure_ascii: true },
    JsonStyle::Tight {
        ensure_ascii: false,
    },
    JsonStyle::Indent {
        width: 4,
        ensure_ascii: true,
    },
    JsonStyle::Indent {
        width: 2,
        ensure_ascii: false,
    },
];

/// The direct writer's output and the `Value` path's, for every style.
fn assert_same<T: Serialize + ?Sized>(value: &T) {
    for style in STYLES {
        let direct = to_json_string(value, style).map_err(|e| e.to_string());
        let via_value = serde_json::to_value(value)
            .map(|v| json_dumps(&v, style))
            .map_err(|e| e.to_string());
        assert_eq!(direct, via_value, "{style:?}");
    }
}

#[derive(Serialize)]
enum Kind {
    Plain,
    Tagged(u8),
    Pair(u8, u8),
    Shaped { x: u8 },
}

#[derive(Serialize)]
struct Inner {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<u8>,
    kept: Option<u8>,
}

#[derive(Serialize)]
struct Wrapper(Inner);

#[derive(Serialize)]
struct Unit;

#[derive(Serialize)]
struct Outer {
    amount: i64,
    big: u64,
    ratio: f64,
    tiny: f32,
    flag: bool,
    letter: char,
    text: &'static str,
    kind: Kind,
    inner: Inner,
    wrapped: Wrapper,
    unit: Unit,
    nothing: (),
    list: Vec<Inner>,
    empty_list: Vec<u8>,
    empty_map: BTreeMap<String, u8>,
    numbered: BTreeMap<u16, &'static str>,
    tuple: (u8, &'static str),
}

fn inner(name: &str) -> Inner {
    Inner {
        name: name.to_owned(),
        skipped: None,
        kept: None,
    }
}

#[test]
fn structs_enums_maps_and_numbers() {
    let outer = Outer {
        amount: -12,
        big: u64::MAX,
        ratio: 1e20,
        tiny: 0.1,
        flag: true,
        letter: 'ə',
        text: "a\"b\\c\n\u{7f}\u{1f600}",
        kind: Kind::Plain,
        inner: inner("x"),
        wrapped: Wrapper(inner("ü")),
        unit: Unit,
        nothing: (),
        list: vec![inner("a"), inner("b")],
        empty_list: vec![],
        empty_map: BTreeMap::new(),
        numbered: BTreeMap::from([(1, "one"), (20, "twenty")]),
        tuple: (7, "seven"),
    };
    assert_same(&outer);
    assert!(
        write_directly(&outer, STYLES[4]).is_ok(),
        "written directly"
    );
}

#[test]
fn non_finite_floats_are_null_as_in_to_value() {
    assert_same(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0, 1.5]);
    assert_same(&f32::NAN);
}

#[test]
fn what_the_writer_gives_up_on_goes_through_the_value_path() {
    let style = STYLES[0];
    assert!(write_directly(&Kind::Tagged(1), style).is_err());
    assert!(write_directly(&u128::MAX, style).is_err());
    assert!(write_directly(&BTreeMap::from([(true, 1)]), style).is_err());
    struct Marked;
    impl Serialize for Marked {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::SerializeStruct as _;
            let mut raw = s.serialize_struct("$serde_json::private::RawValue", 1)?;
            raw.serialize_field("$serde_json::private::RawValue", "[1]")?;
            raw.end()
        }
    }
    assert!(write_directly(&Marked, style).is_err());
    assert_same(&Marked);
    assert_same(&Kind::Tagged(1));
    assert_same(&Kind::Pair(1, 2));
    assert_same(&Kind::Shaped { x: 3 });
    assert_same(&serde_bytes_like());
    assert_same(&u128::MAX);
    assert_same(&7u128);
    assert_same(&BTreeMap::from([(true, 1)]));
    assert_same(&BTreeMap::from([(Some(1), 1)]));
    let many: BTreeMap<String, usize> = (0..200).map(|i| (format!("k{i:03}"), i)).collect();
    assert_same(&many);
}

/// A byte string, as `serde_bytes` would serialize it.
fn serde_bytes_like() -> impl Serialize {
    struct Bytes;
    impl Serialize for Bytes {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(b"\x00\x01")
        }
    }
    Bytes
}

#[test]
fn a_repeated_key_keeps_its_first_place_and_last_value() {
    struct Repeated;
    impl Serialize for Repeated {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::SerializeMap as _;
            let mut map = s.serialize_map(None)?;
            map.serialize_entry("a", &1)?;
            map.serialize_entry("b", &2)?;
            map.serialize_entry("a", &3)?;
            map.end()
        }
    }
    assert_same(&Repeated);
    let text = to_json_string(&Repeated, JsonStyle::Compact { ensure_ascii: true });
    assert_eq!(text.ok().as_deref(), Some(r#"{"a": 3, "b": 2}"#));
}

#[test]
fn a_failing_serialize_gives_the_value_path_error() {
    struct Failing;
    impl Serialize for Failing {
        fn serialize<S: ser::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(ser::Error::custom("no"))
        }
    }
    let error = to_json_string(&Failing, JsonStyle::Compact { ensure_ascii: true });
    assert_eq!(error.map_err(|e| e.to_string()), Err("no".to_owned()));
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".*".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec(("[a-c\u{e9}\u{1f600}]{0,3}", inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_json_value_is_written_as_json_dumps_writes_it(value in json_value()) {
        for style in STYLES {
            prop_assert_eq!(
                write_directly(&value, style).ok(),
                Some(json_dumps(&value, style))
            );
        }
    }
}
