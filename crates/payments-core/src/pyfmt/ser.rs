//! [`to_json_string`]: the bytes of [`json_dumps`] written straight from a `Serialize`
//! value, without building a [`serde_json::Value`] first.
//!
//! The writer handles the shapes request bodies have (structs, options, sequences, maps
//! with string or integer keys, unit variants, numbers, strings). For anything else (byte
//! strings, data-carrying enum variants, a map key repeated or of another kind, integers
//! past 64 bits, serde_json's `RawValue`) it gives up, and the value goes through
//! `serde_json::to_value` and [`json_dumps`] instead, so the result is always the same as
//! that path's.

use std::fmt::{self, Write as _};

use serde::ser::{self, Impossible, Serialize};

use super::{JsonStyle, float_repr, json_dumps, newline, separators, write_json_string};

/// The start of the struct names serde_json gives `RawValue` and arbitrary-precision numbers.
const SERDE_JSON_MARKER: &str = "$serde_json::private::";

/// Largest number of keys of one map checked for repeats; a larger map takes the
/// `Value` path, which keeps the last value of a repeated key.
const MAX_CHECKED_KEYS: usize = 64;

/// `json_dumps(&serde_json::to_value(value)?, style)`, byte for byte, written directly.
///
/// ```
/// use payments_core::pyfmt::{JsonStyle, json_dumps, to_json_string};
///
/// #[derive(serde::Serialize)]
/// struct Order<'a> {
///     amount: u64,
///     description: &'a str,
///     tags: Vec<&'a str>,
///     note: Option<&'a str>,
/// }
///
/// let order = Order { amount: 1250, description: "Ödəniş", tags: vec![], note: None };
/// let style = JsonStyle::Indent { width: 4, ensure_ascii: true };
/// let text = to_json_string(&order, style)?;
/// assert_eq!(
///     text,
///     "{\n    \"amount\": 1250,\n    \"description\": \"\\u00d6d\\u0259ni\\u015f\",\n    \"tags\": [],\n    \"note\": null\n}"
/// );
/// assert_eq!(text, json_dumps(&serde_json::to_value(&order)?, style));
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// # Errors
///
/// The error of `serde_json::to_value` when the value cannot be represented as JSON
/// (its `Serialize` implementation fails, or a map key is not a string or number).
pub fn to_json_string<T: Serialize + ?Sized>(
    value: &T,
    style: JsonStyle,
) -> Result<String, serde_json::Error> {
    match write_directly(value, style) {
        Ok(out) => Ok(out),
        Err(GiveUp) => serde_json::to_value(value).map(|v| json_dumps(&v, style)),
    }
}

fn write_directly<T: Serialize + ?Sized>(value: &T, style: JsonStyle) -> Result<String, GiveUp> {
    let mut out = String::with_capacity(256);
    value.serialize(Writer {
        out: &mut out,
        style,
        depth: 0,
    })?;
    Ok(out)
}

/// The writer could not render the value itself; the `Value` path decides.
#[derive(Debug)]
struct GiveUp;

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not written directly")
    }
}

impl std::error::Error for GiveUp {}

impl ser::Error for GiveUp {
    fn custom<T: fmt::Display>(_: T) -> Self {
        GiveUp
    }
}

/// Writes one value at `depth` into `out`.
struct Writer<'a> {
    out: &'a mut String,
    style: JsonStyle,
    depth: usize,
}

impl<'a> Writer<'a> {
    fn ensure_ascii(&self) -> bool {
        separators(self.style).3
    }

    fn integer(self, n: impl fmt::Display) -> Result<(), GiveUp> {
        write!(self.out, "{n}").map_err(|_| GiveUp)
    }

    fn open(self, bracket: char, keys: Option<Vec<String>>) -> Compound<'a> {
        self.out.push(bracket);
        Compound {
            out: self.out,
            style: self.style,
            depth: self.depth,
            empty: true,
            keys,
        }
    }
}

/// An array or object being written.
struct Compound<'a> {
    out: &'a mut String,
    style: JsonStyle,
    depth: usize,
    empty: bool,
    /// The keys of a map so far, to find a repeated one; `None` for a struct.
    keys: Option<Vec<String>>,
}

impl Compound<'_> {
    /// The separator and the indent before an element or key.
    fn next_item(&mut self) {
        let (item_sep, _, indent, _) = separators(self.style);
        if !self.empty {
            self.out.push_str(item_sep);
        }
        self.empty = false;
        newline(self.out, indent, self.depth + 1);
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), GiveUp> {
        self.next_item();
        value.serialize(Writer {
            out: self.out,
            style: self.style,
            depth: self.depth + 1,
        })
    }

    fn key(&mut self, key: &str) {
        self.next_item();
        let (_, key_sep, _, ensure_ascii) = separators(self.style);
        write_json_string(self.out, key, ensure_ascii);
        self.out.push_str(key_sep);
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), GiveUp> {
        value.serialize(Writer {
            out: self.out,
            style: self.style,
            depth: self.depth + 1,
        })
    }

    fn close(self, bracket: char) -> Result<(), GiveUp> {
        if !self.empty {
            newline(self.out, separators(self.style).2, self.depth);
        }
        self.out.push(bracket);
        Ok(())
    }
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = GiveUp;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Impossible<(), GiveUp>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Impossible<(), GiveUp>;

    fn serialize_bool(self, v: bool) -> Result<(), GiveUp> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), GiveUp> {
        self.integer(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), GiveUp> {
        self.integer(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), GiveUp> {
        self.integer(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), GiveUp> {
        self.integer(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), GiveUp> {
        self.integer(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), GiveUp> {
        self.integer(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), GiveUp> {
        self.integer(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), GiveUp> {
        self.integer(v)
    }
    fn serialize_i128(self, _: i128) -> Result<(), GiveUp> {
        Err(GiveUp)
    }
    fn serialize_u128(self, _: u128) -> Result<(), GiveUp> {
        Err(GiveUp)
    }
    fn serialize_f32(self, v: f32) -> Result<(), GiveUp> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), GiveUp> {
        // `to_value` turns a non-finite float into `null`
        if v.is_finite() {
            self.out.push_str(&float_repr(v));
        } else {
            self.out.push_str("null");
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), GiveUp> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), GiveUp> {
        let ensure_ascii = self.ensure_ascii();
        write_json_string(self.out, v, ensure_ascii);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), GiveUp> {
        Err(GiveUp)
    }
    fn serialize_none(self) -> Result<(), GiveUp> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), GiveUp> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), GiveUp> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), GiveUp> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), GiveUp> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), GiveUp> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), GiveUp> {
        Err(GiveUp)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, GiveUp> {
        Ok(self.open('[', None))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, GiveUp> {
        Ok(self.open('[', None))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, GiveUp> {
        Ok(self.open('[', None))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, GiveUp> {
        Ok(self.open('{', Some(Vec::new())))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'a>, GiveUp> {
        // serde_json's own markers (`RawValue`, arbitrary-precision numbers, when a crate
        // turns those features on) mean JSON text, which `to_value` reads
        if name.starts_with(SERDE_JSON_MARKER) {
            return Err(GiveUp);
        }
        Ok(self.open('{', None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, GiveUp> {
        Err(GiveUp)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = GiveUp;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), GiveUp> {
        self.element(value)
    }
    fn end(self) -> Result<(), GiveUp> {
        self.close(']')
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = GiveUp;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), GiveUp> {
        self.element(value)
    }
    fn end(self) -> Result<(), GiveUp> {
        self.close(']')
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = GiveUp;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), GiveUp> {
        self.element(value)
    }
    fn end(self) -> Result<(), GiveUp> {
        self.close(']')
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = GiveUp;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), GiveUp> {
        self.key(key);
        self.value(value)
    }
    fn end(self) -> Result<(), GiveUp> {
        self.close('}')
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = GiveUp;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), GiveUp> {
        let key = key.serialize(KeyWriter)?;
        let seen = self.keys.as_ref().ok_or(GiveUp)?;
        if seen.len() >= MAX_CHECKED_KEYS || seen.contains(&key) {
            return Err(GiveUp);
        }
        self.key(&key);
        if let Some(seen) = self.keys.as_mut() {
            seen.push(key);
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), GiveUp> {
        self.value(value)
    }
    fn end(self) -> Result<(), GiveUp> {
        self.close('}')
    }
}

/// A map key as the text `to_value` gives it: a string, a character or an integer.
struct KeyWriter;

impl KeyWriter {
    fn integer(n: impl fmt::Display) -> Result<String, GiveUp> {
        Ok(n.to_string())
    }
}

impl ser::Serializer for KeyWriter {
    type Ok = String;
    type Error = GiveUp;
    type SerializeSeq = Impossible<String, GiveUp>;
    type SerializeTuple = Impossible<String, GiveUp>;
    type SerializeTupleStruct = Impossible<String, GiveUp>;
    type SerializeTupleVariant = Impossible<String, GiveUp>;
    type SerializeMap = Impossible<String, GiveUp>;
    type SerializeStruct = Impossible<String, GiveUp>;
    type SerializeStructVariant = Impossible<String, GiveUp>;

    fn serialize_str(self, v: &str) -> Result<String, GiveUp> {
        Ok(v.to_owned())
    }
    fn serialize_char(self, v: char) -> Result<String, GiveUp> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, GiveUp> {
        Self::integer(v)
    }
    fn serialize_i16(self, v: i16) -> Result<String, GiveUp> {
        Self::integer(v)
    }
    fn serialize_i32(self, v: i32) -> Result<String, GiveUp> {
        Self::integer(v)
    }
    fn serialize_i64(self, v: i64) -> Result<String, GiveUp> {
        Self::integer(v)
    }
    fn serialize_u8(self, v: u8) -> Result<String, GiveUp> {
        Self::integer(v)
    }
    fn serialize_u16(self, v: u16) -> Result<String, GiveUp> {
        Self::integer(v)
    }
    fn serialize_u32(self, v: u32) -> Result<String, GiveUp> {
        Self::integer(v)
    }
    fn serialize_u64(self, v: u64) -> Result<String, GiveUp> {
        Self::integer(v)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, GiveUp> {
        value.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<String, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_i128(self, _: i128) -> Result<String, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_u128(self, _: u128) -> Result<String, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_f32(self, _: f32) -> Result<String, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_f64(self, _: f64) -> Result<String, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_none(self) -> Result<String, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_unit(self) -> Result<String, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<String, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, GiveUp> {
        Err(GiveUp)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, GiveUp> {
        Err(GiveUp)
    }
}

#[cfg(test)]
mod tests {
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
}
