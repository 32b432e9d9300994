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

/// Integer methods of a serializer, each handing its value to `self.integer`.
macro_rules! integers {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Result<Self::Ok, GiveUp> {
            self.integer(v)
        })*
    };
}

/// Serializer methods that give up, by name, argument types and the `Ok` type they return.
macro_rules! give_up {
    ($(fn $method:ident $(<$t:ident>)? ($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $method $(<$t: Serialize + ?Sized>)? (self, $(_: $arg),*) -> Result<$ok, GiveUp> {
            Err(GiveUp)
        })*
    };
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

    integers!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64
    );

    give_up! {
        fn serialize_i128(i128) -> ();
        fn serialize_u128(u128) -> ();
        fn serialize_bytes(&[u8]) -> ();
        fn serialize_newtype_variant<T>(&'static str, u32, &'static str, &T) -> ();
        fn serialize_tuple_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeTupleVariant;
        fn serialize_struct_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeStructVariant;
    }

    fn serialize_bool(self, v: bool) -> Result<(), GiveUp> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
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
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, GiveUp> {
        Ok(self.open('[', None))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, GiveUp> {
        Ok(self.open('[', None))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, GiveUp> {
        Ok(self.open('[', None))
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
}

/// The element methods of serde's three array traits, all writing one array element.
macro_rules! arrays {
    ($($array:ident::$element:ident),*) => {
        $(impl ser::$array for Compound<'_> {
            type Ok = ();
            type Error = GiveUp;
            fn $element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), GiveUp> {
                self.element(value)
            }
            fn end(self) -> Result<(), GiveUp> {
                self.close(']')
            }
        })*
    };
}

arrays!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

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
    #[allow(clippy::unused_self)] // called as the `integers!` methods call it
    fn integer(self, n: impl fmt::Display) -> Result<String, GiveUp> {
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

    integers!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64
    );

    // `to_value` takes some of these as keys too; the `Value` path decides.
    give_up! {
        fn serialize_bool(bool) -> String;
        fn serialize_i128(i128) -> String;
        fn serialize_u128(u128) -> String;
        fn serialize_f32(f32) -> String;
        fn serialize_f64(f64) -> String;
        fn serialize_bytes(&[u8]) -> String;
        fn serialize_none() -> String;
        fn serialize_some<T>(&T) -> String;
        fn serialize_unit() -> String;
        fn serialize_unit_struct(&'static str) -> String;
        fn serialize_unit_variant(&'static str, u32, &'static str) -> String;
        fn serialize_newtype_variant<T>(&'static str, u32, &'static str, &T) -> String;
        fn serialize_seq(Option<usize>) -> Self::SerializeSeq;
        fn serialize_tuple(usize) -> Self::SerializeTuple;
        fn serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        fn serialize_tuple_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeTupleVariant;
        fn serialize_map(Option<usize>) -> Self::SerializeMap;
        fn serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        fn serialize_struct_variant(&'static str, u32, &'static str, usize)
            -> Self::SerializeStructVariant;
    }

    fn serialize_str(self, v: &str) -> Result<String, GiveUp> {
        Ok(v.to_owned())
    }
    fn serialize_char(self, v: char) -> Result<String, GiveUp> {
        Ok(v.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, GiveUp> {
        value.serialize(self)
    }
}

#[cfg(test)]
mod tests;
