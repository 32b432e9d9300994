//! Booking details: the `booking_info` parameter of ECommPay's PHP SDK
//! (`Payment::setBookingInfo`), the standard base64 of the details as PHP's
//! `json_encode` writes them.
//!
//! [`encode`] is a `serde` serializer producing `json_encode`'s exact bytes: no spaces,
//! `/` written as `\/`, every non-ASCII character as a lowercase `\uXXXX` escape (UTF-16
//! pairs above U+FFFF), control characters as `\b \f \n \r \t` or `\u00XX`, floats in
//! PHP's shortest form (`1.0` as `1`, `1e20` as `1.0e+20`, `1e-5` as `1.0e-5`, `-0.0` as
//! `-0`). Maps and structs become objects and sequences become arrays.
//!
//! As in PHP, the details must be an object or a list with at least one entry, strings
//! (including byte strings written with `serialize_bytes`) must be valid UTF-8, floats
//! finite, and nesting at most 512 levels deep; anything else is an error, never a panic.

use std::fmt::{self, Display};
use std::io::Write as _;

use serde::ser::{self, Serialize};

use crate::process_exception::Error;

/// PHP's default `json_encode` depth limit.
const MAX_DEPTH: usize = 512;

/// The base64 text of `info` encoded as PHP's `json_encode` (see the module docs).
pub(crate) fn encode<T: Serialize + ?Sized>(info: &T) -> Result<String, Error> {
    let json = to_php_json(info)?;
    Ok(payments_core::signing::base64_encode(&json))
}

/// `info` as the bytes of PHP's `json_encode`, or why PHP would refuse it.
pub(crate) fn to_php_json<T: Serialize + ?Sized>(info: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(128);
    info.serialize(Php {
        out: &mut out,
        depth: 0,
        key: false,
    })
    .map_err(|Invalid(reason)| Error::InvalidBookingInfo { reason })?;
    // The top level is always a container here, so this is exactly the empty case.
    if out == b"[]" || out == b"{}" {
        return Err(Error::EmptyBookingInfo);
    }
    Ok(out)
}

/// Why a value cannot be encoded.
#[derive(Debug)]
struct Invalid(String);

impl Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Invalid {}

impl ser::Error for Invalid {
    fn custom<T: Display>(msg: T) -> Self {
        Invalid(msg.to_string())
    }
}

fn invalid<T>(reason: &str) -> Result<T, Invalid> {
    Err(Invalid(reason.to_owned()))
}

/// The serializer: writes into `out`; `depth` counts the enclosing containers and `key`
/// says a map key is being written (strings and integers only, always quoted).
struct Php<'a> {
    out: &'a mut Vec<u8>,
    depth: usize,
    key: bool,
}

impl<'a> Php<'a> {
    /// Checks that a scalar may stand here: not at the top level, and in a key only when
    /// it is a string or an integer.
    fn scalar(&self, kind: &str, key_allowed: bool) -> Result<(), Invalid> {
        if self.key && !key_allowed {
            return Err(Invalid(format!(
                "a map key must be a string or an integer, not {kind}"
            )));
        }
        if self.depth == 0 && !self.key {
            return Err(Invalid(format!(
                "booking info must be an object or a list, not {kind}"
            )));
        }
        Ok(())
    }

    fn integer(self, value: impl Display) -> Result<(), Invalid> {
        self.scalar("an integer", true)?;
        let quote = if self.key { "\"" } else { "" };
        // Writing into a Vec cannot fail.
        let _ = write!(self.out, "{quote}{value}{quote}");
        Ok(())
    }

    fn float(
        self,
        finite: bool,
        negative: bool,
        zero: bool,
        scientific: impl FnOnce() -> String,
    ) -> Result<(), Invalid> {
        self.scalar("a float", false)?;
        write_float(self.out, finite, negative, zero, scientific)
    }

    fn open(self, bracket: u8) -> Result<Compound<'a>, Invalid> {
        if self.key {
            return invalid("a map key must be a string or an integer, not a container");
        }
        let depth = self.depth + 1;
        if depth > MAX_DEPTH {
            return invalid("nested deeper than 512 levels");
        }
        self.out.push(bracket);
        Ok(Compound {
            out: self.out,
            depth,
            first: true,
            close: if bracket == b'[' { b']' } else { b'}' },
            variant: false,
        })
    }

    /// Opens `{"variant":` around the value of an enum variant.
    fn open_variant(self, variant: &str, bracket: u8) -> Result<Compound<'a>, Invalid> {
        let outer = self.open(b'{')?;
        write_string(outer.out, variant);
        outer.out.push(b':');
        let mut inner = Php {
            out: outer.out,
            depth: outer.depth,
            key: false,
        }
        .open(bracket)?;
        inner.variant = true;
        Ok(inner)
    }
}

/// An open array or object.
struct Compound<'a> {
    out: &'a mut Vec<u8>,
    depth: usize,
    first: bool,
    close: u8,
    /// Also closes the `{"variant":` wrapper.
    variant: bool,
}

impl Compound<'_> {
    fn separator(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Invalid> {
        self.separator();
        self.value(value)
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Invalid> {
        value.serialize(Php {
            out: self.out,
            depth: self.depth,
            key: false,
        })
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Invalid> {
        self.separator();
        write_string(self.out, key);
        self.out.push(b':');
        self.value(value)
    }

    fn finish(self) -> Result<(), Invalid> {
        self.out.push(self.close);
        if self.variant {
            self.out.push(b'}');
        }
        Ok(())
    }
}

/// The integer methods of the serializer: all written in decimal.
macro_rules! integers {
    ($($method:ident: $type:ty),*) => {$(
        fn $method(self, v: $type) -> Result<(), Invalid> {
            self.integer(v)
        }
    )*};
}

impl<'a> ser::Serializer for Php<'a> {
    type Ok = ();
    type Error = Invalid;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Invalid> {
        self.scalar("a boolean", false)?;
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    integers!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128
    );

    fn serialize_f32(self, v: f32) -> Result<(), Invalid> {
        // The shortest digits of the f32 itself, as serde_json writes it.
        let scientific = || format!("{:e}", v.abs());
        self.float(v.is_finite(), v.is_sign_negative(), v == 0.0, scientific)
    }

    fn serialize_f64(self, v: f64) -> Result<(), Invalid> {
        let scientific = || format!("{:e}", v.abs());
        self.float(v.is_finite(), v.is_sign_negative(), v == 0.0, scientific)
    }

    fn serialize_char(self, v: char) -> Result<(), Invalid> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Invalid> {
        self.scalar("a string", true)?;
        write_string(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Invalid> {
        // A PHP string is bytes; `json_encode` accepts it only when it is UTF-8.
        match std::str::from_utf8(v) {
            Ok(text) => self.serialize_str(text),
            Err(_) => invalid("a string is not valid UTF-8"),
        }
    }

    fn serialize_none(self) -> Result<(), Invalid> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Invalid> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Invalid> {
        self.scalar("null", false)?;
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Invalid> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Invalid> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Invalid> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Invalid> {
        let mut object = self.open(b'{')?;
        object.field(variant, value)?;
        object.finish()
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Invalid> {
        self.open(b'[')
    }

    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, Invalid> {
        self.open(b'[')
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Invalid> {
        self.open(b'[')
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Invalid> {
        self.open_variant(variant, b'[')
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Invalid> {
        self.open(b'{')
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Invalid> {
        self.open(b'{')
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Invalid> {
        self.open_variant(variant, b'{')
    }
}

/// The four sequence-like compounds: every element is written the same way.
macro_rules! sequence {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Invalid;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Invalid> {
                self.element(value)
            }

            fn end(self) -> Result<(), Invalid> {
                self.finish()
            }
        }
    )*};
}

sequence!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Invalid;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Invalid> {
        self.separator();
        key.serialize(Php {
            out: self.out,
            depth: self.depth,
            key: true,
        })?;
        self.out.push(b':');
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Invalid> {
        self.value(value)
    }

    fn end(self) -> Result<(), Invalid> {
        self.finish()
    }
}

/// Structs and struct variants: every field is written as a key and its value.
macro_rules! structure {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Invalid;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Invalid> {
                self.field(key, value)
            }

            fn end(self) -> Result<(), Invalid> {
                self.finish()
            }
        }
    )*};
}

structure!(SerializeStruct, SerializeStructVariant);

/// A JSON string as `json_encode` writes it with its default flags.
fn write_string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    for c in text.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '/' => out.extend_from_slice(b"\\/"),
            '\u{8}' => out.extend_from_slice(b"\\b"),
            '\u{c}' => out.extend_from_slice(b"\\f"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            // Printable ASCII and DEL pass through.
            ' '..='\u{7f}' => out.push(c as u8),
            _ => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push(b'"');
}

/// A finite float in PHP's shortest form (`serialize_precision = -1`): plain digits while
/// the decimal exponent lies in -4..=16, else `d.ddde±x` with at least one fraction digit.
///
/// `scientific` gives Rust's shortest `{:e}` text of the absolute value (`1.25e-7`).
fn write_float(
    out: &mut Vec<u8>,
    finite: bool,
    negative: bool,
    zero: bool,
    scientific: impl FnOnce() -> String,
) -> Result<(), Invalid> {
    if !finite {
        return invalid("NaN and infinity cannot be encoded");
    }
    if negative {
        out.push(b'-');
    }
    if zero {
        out.push(b'0');
        return Ok(());
    }
    let text = scientific();
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text.as_str(), "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let (first, rest) = digits.split_first().unwrap_or((&b'0', &[]));
    // The position of the decimal point after the first digit.
    let point = exponent + 1;
    if !(-3..=17).contains(&point) {
        out.push(*first);
        out.push(b'.');
        if rest.is_empty() {
            out.push(b'0');
        } else {
            out.extend_from_slice(rest);
        }
        let sign = if exponent < 0 { '-' } else { '+' };
        let _ = write!(out, "e{sign}{}", exponent.unsigned_abs());
    } else if point <= 0 {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', point.unsigned_abs() as usize));
        out.extend_from_slice(&digits);
    } else {
        let point = point.unsigned_abs() as usize;
        let (int, fraction) = digits.split_at(point.min(digits.len()));
        out.extend_from_slice(int);
        out.extend(std::iter::repeat_n(b'0', point - int.len()));
        if !fraction.is_empty() {
            out.push(b'.');
            out.extend_from_slice(fraction);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn php(v: &impl Serialize) -> String {
        String::from_utf8(to_php_json(v).unwrap()).unwrap()
    }

    #[test]
    fn floats_like_php() {
        let cases = [
            (1.0, "1"),
            (0.1, "0.1"),
            (1e15, "1000000000000000"),
            (1e16, "10000000000000000"),
            (1e17, "1.0e+17"),
            (1.2345678901234568e17, "1.2345678901234568e+17"),
            (1e-4, "0.0001"),
            (1.2e-5, "1.2e-5"),
            (-0.0, "-0"),
            (0.0, "0"),
            (5e-324, "5.0e-324"),
            (-1.5e-7, "-1.5e-7"),
            (0.5, "0.5"),
            (100.0, "100"),
        ];
        for (f, want) in cases {
            assert_eq!(php(&[f]), format!("[{want}]"), "{f}");
        }
        // An f32 keeps its own shortest digits.
        assert_eq!(php(&[0.1f32]), "[0.1]");
    }

    #[test]
    fn strings_like_php() {
        assert_eq!(
            php(&json!({"a/b": "é☕😀\u{7f}\u{1f}\u{0}\n\"\\<'"})),
            "{\"a\\/b\":\"\\u00e9\\u2615\\ud83d\\ude00\u{7f}\\u001f\\u0000\\n\\\"\\\\<'\"}"
        );
    }
}
