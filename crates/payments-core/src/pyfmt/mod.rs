//! Byte-exact renderings of Python's `repr(float)` and `json.dumps`.
//!
//! Several providers sign bytes that their official (Python) SDK produced with
//! `json.dumps` or `str(float)`. These functions reproduce those bytes:
//!
//! ```
//! use payments_core::pyfmt::{float_repr, json_dumps, JsonStyle};
//! use serde_json::json;
//!
//! assert_eq!(float_repr(1e20), "1e+20");
//! assert_eq!(float_repr(10.0), "10.0");
//! let v = json!({"a": "Ödəniş", "b": [1, 2.5, null, true]});
//! assert_eq!(
//!     json_dumps(&v, JsonStyle::Compact { ensure_ascii: true }),
//!     r#"{"a": "\u00d6d\u0259ni\u015f", "b": [1, 2.5, null, true]}"#
//! );
//! ```

use std::fmt::Write as _;

use serde_json::{Map, Value};

mod ser;

pub use ser::to_json_string;

/// Python's `repr(x)` / `str(x)` for a float.
///
/// Shortest round-trip digits; positional notation when the decimal exponent is in
/// `-4..16`, otherwise scientific with a signed, at least two-digit exponent
/// (`1e+20`, `1e-07`, `1.5e+300`). Integral values keep a `.0` (`1.0`).
/// Non-finite values give `inf`, `-inf` and `nan`.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.to_owned();
    }
    // `{:e}` gives the shortest round-trip digits as `d.ddddde<exp>`.
    let sci = format!("{x:e}");
    let (mantissa, exp) = match sci.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (sci.as_str(), 0),
    };
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        let n_digits = i32::try_from(digits.len()).unwrap_or(i32::MAX);
        if exp < 0 {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        } else if exp + 1 >= n_digits {
            out.push_str(&digits);
            for _ in 0..(exp + 1 - n_digits) {
                out.push('0');
            }
            out.push_str(".0");
        } else {
            let split = usize::try_from(exp + 1).unwrap_or(0);
            let (int_part, frac_part) = digits.split_at(split.min(digits.len()));
            out.push_str(int_part);
            out.push('.');
            out.push_str(frac_part);
        }
    } else {
        let mut chars = digits.chars();
        if let Some(first) = chars.next() {
            out.push(first);
        }
        let rest: String = chars.collect();
        if !rest.is_empty() {
            out.push('.');
            out.push_str(&rest);
        }
        let _ = write!(
            out,
            "e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.unsigned_abs()
        );
    }
    out
}

/// Layout of [`json_dumps`] output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonStyle {
    /// `json.dumps(v)`: separators `", "` and `": "` on one line.
    Compact {
        /// Escape every non-ASCII character as `\uXXXX` (Python's default).
        ensure_ascii: bool,
    },
    /// `json.dumps(v, separators=(",", ":"))`.
    Tight {
        /// Escape every non-ASCII character as `\uXXXX`.
        ensure_ascii: bool,
    },
    /// `json.dumps(v, indent=n)`: newlines, `n` spaces per level, `","` at line ends.
    Indent {
        /// Spaces per nesting level.
        width: usize,
        /// Escape every non-ASCII character as `\uXXXX`.
        ensure_ascii: bool,
    },
}

/// Renders a JSON value exactly as Python's `json.dumps` would with the given style.
///
/// Object keys keep their insertion order (serde_json's `preserve_order`); floats use
/// [`float_repr`]; integers are written in full.
pub fn json_dumps(value: &Value, style: JsonStyle) -> String {
    let mut out = String::new();
    write_value(&mut out, value, style, 0);
    out
}

/// Appends `value` to `out` as [`json_dumps`] renders it.
pub fn write_json(out: &mut String, value: &Value, style: JsonStyle) {
    write_value(out, value, style, 0);
}

/// Appends the object of `map` to `out` as [`json_dumps`] renders it, without building a
/// [`Value`] around the map.
///
/// ```
/// use payments_core::pyfmt::{JsonStyle, write_json_object};
///
/// let mut map = serde_json::Map::new();
/// map.insert("a".into(), 1.into());
/// map.insert("b".into(), "ə".into());
/// let mut out = String::from("x=");
/// write_json_object(&mut out, &map, JsonStyle::Compact { ensure_ascii: true });
/// assert_eq!(out, r#"x={"a": 1, "b": "\u0259"}"#);
/// ```
pub fn write_json_object(out: &mut String, map: &Map<String, Value>, style: JsonStyle) {
    write_object(out, map, style, 0);
}

/// Writes `s` as a JSON string literal the way Python's encoder does.
///
/// Runs of characters that need no escape are copied at once.
pub fn write_json_string(out: &mut String, s: &str, ensure_ascii: bool) {
    let plain = if ensure_ascii {
        &PLAIN_ASCII
    } else {
        &PLAIN_UTF8
    };
    out.reserve(s.len() + 2);
    out.push('"');
    let mut rest = s;
    loop {
        let run = rest
            .bytes()
            .position(|b| !plain.get(usize::from(b)).copied().unwrap_or(false))
            .unwrap_or(rest.len());
        // `run` ends on a character boundary: an escaped byte is ASCII or, with
        // `ensure_ascii`, the first byte of a character
        let (copied, tail) = rest.split_at_checked(run).unwrap_or((rest, ""));
        out.push_str(copied);
        let mut chars = tail.chars();
        let Some(c) = chars.next() else { break };
        escape_char(out, c);
        rest = chars.as_str();
    }
    out.push('"');
}

/// Bytes copied as they are with `ensure_ascii`: printable ASCII but `"` and `\\`
/// (Python's ASCII encoder escapes everything else, DEL included).
static PLAIN_ASCII: [bool; 256] = plain_table(false);
/// Bytes copied as they are without `ensure_ascii`: also DEL and every byte of a
/// non-ASCII character; only control characters, `"` and `\\` are escaped.
static PLAIN_UTF8: [bool; 256] = plain_table(true);

#[allow(clippy::indexing_slicing)] // `b` stays below 256
const fn plain_table(non_ascii: bool) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0x20;
    while b < 256 {
        table[b] = if b == b'"' as usize || b == b'\\' as usize {
            false
        } else if b < 0x7f {
            true
        } else {
            non_ascii
        };
        b += 1;
    }
    table
}

/// The escape of one character that Python's encoder does not copy as it is.
fn escape_char(out: &mut String, c: char) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{08}' => out.push_str("\\b"),
        '\u{0c}' => out.push_str("\\f"),
        c => {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                push_u_escape(out, *unit);
            }
        }
    }
}

/// `\uXXXX` with lower-case hex digits, as Python writes it.
fn push_u_escape(out: &mut String, unit: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digit = |shift: u16| {
        HEX.get(usize::from((unit >> shift) & 0xf))
            .copied()
            .unwrap_or(b'0')
    };
    let escape = [b'\\', b'u', digit(12), digit(8), digit(4), digit(0)];
    // six ASCII bytes
    if let Ok(text) = std::str::from_utf8(&escape) {
        out.push_str(text);
    }
}

fn write_number(out: &mut String, n: &serde_json::Number) {
    if let Some(i) = n.as_i64() {
        let _ = write!(out, "{i}");
    } else if let Some(u) = n.as_u64() {
        let _ = write!(out, "{u}");
    } else if let Some(f) = n.as_f64() {
        match float_repr(f).as_str() {
            // Python's json module writes these spellings for non-finite floats.
            "inf" => out.push_str("Infinity"),
            "-inf" => out.push_str("-Infinity"),
            "nan" => out.push_str("NaN"),
            other => out.push_str(other),
        }
    } else {
        out.push_str(&n.to_string());
    }
}

fn write_value(out: &mut String, value: &Value, style: JsonStyle, depth: usize) {
    let (item_sep, _, indent, ensure_ascii) = separators(style);
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_json_string(out, s, ensure_ascii),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(item_sep);
                }
                newline(out, indent, depth + 1);
                write_value(out, item, style, depth + 1);
            }
            newline(out, indent, depth);
            out.push(']');
        }
        Value::Object(map) => write_object(out, map, style, depth),
    }
}

fn write_object(out: &mut String, map: &Map<String, Value>, style: JsonStyle, depth: usize) {
    let (item_sep, key_sep, indent, ensure_ascii) = separators(style);
    if map.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for (i, (k, v)) in map.iter().enumerate() {
        if i > 0 {
            out.push_str(item_sep);
        }
        newline(out, indent, depth + 1);
        write_json_string(out, k, ensure_ascii);
        out.push_str(key_sep);
        write_value(out, v, style, depth + 1);
    }
    newline(out, indent, depth);
    out.push('}');
}

/// Item separator, key separator, indent width and `ensure_ascii` of a style.
fn separators(style: JsonStyle) -> (&'static str, &'static str, Option<usize>, bool) {
    match style {
        JsonStyle::Compact { ensure_ascii } => (", ", ": ", None, ensure_ascii),
        JsonStyle::Tight { ensure_ascii } => (",", ":", None, ensure_ascii),
        JsonStyle::Indent {
            width,
            ensure_ascii,
        } => (",", ": ", Some(width), ensure_ascii),
    }
}

/// A newline and the indent of `level`, in an indented style.
fn newline(out: &mut String, indent: Option<usize>, level: usize) {
    if let Some(width) = indent {
        out.push('\n');
        for _ in 0..(width * level) {
            out.push(' ');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn float_repr_matches_python() {
        let cases: &[(f64, &str)] = &[
            (10.5, "10.5"),
            (1.0, "1.0"),
            (1e20, "1e+20"),
            (1e-7, "1e-07"),
            (0.1, "0.1"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (-2.5, "-2.5"),
            (1.5e300, "1.5e+300"),
            (5e-324, "5e-324"),
            (21.0, "21.0"),
            (0.30000000000000004, "0.30000000000000004"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (1234.5678, "1234.5678"),
            (9999999999999998.0, "9999999999999998.0"),
        ];
        for (x, want) in cases {
            assert_eq!(float_repr(*x), *want, "{x:e}");
        }
    }

    #[test]
    fn json_dumps_styles() {
        let v =
            json!({"public_key": "i1", "amount": "10.50", "n": null, "f": 1.0, "l": [], "o": {}});
        assert_eq!(
            json_dumps(&v, JsonStyle::Compact { ensure_ascii: true }),
            r#"{"public_key": "i1", "amount": "10.50", "n": null, "f": 1.0, "l": [], "o": {}}"#
        );
        assert_eq!(
            json_dumps(&v, JsonStyle::Tight { ensure_ascii: true }),
            r#"{"public_key":"i1","amount":"10.50","n":null,"f":1.0,"l":[],"o":{}}"#
        );
        let nested = json!({"a": {"b": [1, {"c": "x"}]}, "d": true});
        assert_eq!(
            json_dumps(
                &nested,
                JsonStyle::Indent {
                    width: 4,
                    ensure_ascii: true
                }
            ),
            "{\n    \"a\": {\n        \"b\": [\n            1,\n            {\n                \"c\": \"x\"\n            }\n        ]\n    },\n    \"d\": true\n}"
        );
    }

    #[test]
    fn json_string_escapes() {
        let v = json!("q\"b\\n\n\r\t\u{8}\u{c}\u{1}\u{7f}é😀");
        assert_eq!(
            json_dumps(&v, JsonStyle::Compact { ensure_ascii: true }),
            "\"q\\\"b\\\\n\\n\\r\\t\\b\\f\\u0001\\u007f\\u00e9\\ud83d\\ude00\""
        );
        assert_eq!(
            json_dumps(
                &v,
                JsonStyle::Compact {
                    ensure_ascii: false
                }
            ),
            "\"q\\\"b\\\\n\\n\\r\\t\\b\\f\\u0001\u{7f}é😀\""
        );
    }

    /// The escaping rules one character at a time, to check the run-copying writer.
    fn reference_string(s: &str, ensure_ascii: bool) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' | '\\' | '\n' | '\r' | '\t' | '\u{08}' | '\u{0c}' => escape_char(&mut out, c),
                c if (c as u32) < 0x20 => escape_char(&mut out, c),
                c if ensure_ascii && (!c.is_ascii() || c == '\u{7f}') => escape_char(&mut out, c),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    proptest::proptest! {
        #[test]
        fn string_runs_match_the_per_character_rules(s in "\\PC*|[\\x00-\\x7f]*|.*", ascii: bool) {
            let mut out = String::new();
            write_json_string(&mut out, &s, ascii);
            proptest::prop_assert_eq!(out, reference_string(&s, ascii));
        }
    }

    #[test]
    fn object_of_a_map_and_appending() {
        let v = json!({"k": [1, {"é": null}], "z": "\u{7f}"});
        let Value::Object(map) = &v else {
            unreachable!()
        };
        for style in [
            JsonStyle::Compact { ensure_ascii: true },
            JsonStyle::Tight {
                ensure_ascii: false,
            },
            JsonStyle::Indent {
                width: 2,
                ensure_ascii: true,
            },
        ] {
            let mut out = String::from(">");
            write_json_object(&mut out, map, style);
            assert_eq!(out, format!(">{}", json_dumps(&v, style)));
            let mut out = String::new();
            write_json(&mut out, &v, style);
            assert_eq!(out, json_dumps(&v, style));
        }
    }

    #[test]
    fn big_integers() {
        let v = json!([u64::MAX, i64::MIN]);
        assert_eq!(
            json_dumps(&v, JsonStyle::Compact { ensure_ascii: true }),
            "[18446744073709551615, -9223372036854775808]"
        );
    }
}
