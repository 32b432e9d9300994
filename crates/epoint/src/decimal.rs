//! Amounts as the official SDK writes and reads them.
//!
//! EPoint amounts travel as JSON strings equal to Python's `str(Decimal)`. A
//! [`Decimal`] keeps its scale, so `10.50` stays `"10.50"`; very small values switch to
//! Python's scientific form:
//!
//! ```
//! use std::str::FromStr;
//! use epoint::Decimal;
//! use epoint::decimal::python_str;
//!
//! assert_eq!(python_str(&Decimal::from_str("10.50").unwrap()), "10.50");
//! assert_eq!(python_str(&Decimal::from_str("0.0000001").unwrap()), "1E-7");
//! assert_eq!(python_str(&Decimal::from(100)), "100");
//! ```

use std::str::FromStr;

use payments_core::Decimal;
use payments_core::pyfmt::float_repr;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};
use serde_json::Value;

/// Python's `str(Decimal)` for the decimal with the same coefficient and exponent
/// (`mantissa × 10^-scale`).
///
/// Positional notation unless the value is below `1E-6` in magnitude of its leading
/// digit, where Python writes `d.dddE-n`. A negative zero keeps its sign (`-0.0`).
pub fn python_str(value: &Decimal) -> String {
    let mut out = String::with_capacity(16);
    write_python_str(&mut out, value);
    out
}

/// Appends [`python_str`] of `value` to `out`.
pub fn write_python_str(out: &mut String, value: &Decimal) {
    let mut buf = [0u8; 40];
    let digits = decimal_digits(value.mantissa().unsigned_abs(), &mut buf);
    let n_digits = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    let exp = -i64::from(value.scale());
    let left_digits = exp + n_digits;
    // rust_decimal never has a positive exponent, so only the small-value rule applies.
    let dot_place = if left_digits > -6 { left_digits } else { 1 };
    if value.is_sign_negative() {
        out.push('-');
    }
    if dot_place <= 0 {
        out.push_str("0.");
        for _ in 0..(-dot_place) {
            out.push('0');
        }
        out.push_str(digits);
    } else {
        let split = usize::try_from(dot_place).unwrap_or(usize::MAX);
        match (digits.get(..split), digits.get(split..)) {
            (Some(int_part), Some(frac_part)) if !frac_part.is_empty() => {
                out.push_str(int_part);
                out.push('.');
                out.push_str(frac_part);
            }
            _ => {
                out.push_str(digits);
                for _ in digits.len()..split.min(64) {
                    out.push('0');
                }
            }
        }
    }
    if left_digits != dot_place {
        out.push('E');
        let e = left_digits - dot_place;
        out.push(if e < 0 { '-' } else { '+' });
        out.push_str(&e.unsigned_abs().to_string());
    }
}

/// The decimal digits of `n` (at least one), written at the end of `buf`.
fn decimal_digits(n: u128, buf: &mut [u8; 40]) -> &str {
    let mut len = 0;
    match u64::try_from(n) {
        Ok(mut small) => {
            for slot in buf.iter_mut().rev() {
                *slot = b'0' + (small % 10) as u8;
                small /= 10;
                len += 1;
                if small == 0 {
                    break;
                }
            }
        }
        Err(_) => {
            let mut big = n;
            for slot in buf.iter_mut().rev() {
                *slot = b'0' + (big % 10) as u8;
                big /= 10;
                len += 1;
                if big == 0 {
                    break;
                }
            }
        }
    }
    let digits = buf.get(buf.len() - len..).unwrap_or_default();
    std::str::from_utf8(digits).unwrap_or("0")
}

/// Parses decimal text the way Python's `Decimal(str)` does for finite values:
/// surrounding whitespace and `_` digit separators are ignored and an exponent
/// (`1.5E-3`, `1e2`) is allowed. `None` for text that is not a finite decimal or does
/// not fit a [`Decimal`] exactly (more than 28 fractional digits, or too large).
pub fn parse_python_decimal(text: &str) -> Option<Decimal> {
    let trimmed = text.trim();
    if trimmed.is_empty()
        || trimmed.starts_with('_')
        || trimmed.ends_with('_')
        || trimmed.contains("__")
    {
        return None;
    }
    let cleaned: String = trimmed.chars().filter(|c| *c != '_').collect();
    if !cleaned
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return None;
    }
    let (mantissa, exponent) = match cleaned.find(['e', 'E']) {
        Some(i) => (cleaned.get(..i)?, Some(cleaned.get(i + 1..)?)),
        None => (cleaned.as_str(), None),
    };
    let unsigned = mantissa.strip_prefix(['-', '+']).unwrap_or(mantissa);
    let has_digit = unsigned.bytes().any(|b| b.is_ascii_digit());
    if !has_digit || unsigned.contains(['-', '+']) || unsigned.matches('.').count() > 1 {
        return None;
    }
    match exponent {
        None => {
            let plain = mantissa.strip_prefix('+').unwrap_or(mantissa);
            let plain = if plain.starts_with('.') || plain.starts_with("-.") {
                plain.replacen('.', "0.", 1)
            } else {
                plain.to_owned()
            };
            let value = Decimal::from_str_exact(plain.strip_suffix('.').unwrap_or(&plain)).ok()?;
            // Keep the sign of a negative zero, as Python does (`-0.00`).
            Some(
                if plain.starts_with('-') && value.is_zero() && !value.is_sign_negative() {
                    -value
                } else {
                    value
                },
            )
        }
        Some(exp_text) => {
            let exp: i64 = exp_text.parse().ok()?;
            scaled(mantissa, exp)
        }
    }
}

/// `mantissa × 10^exp` without rounding.
fn scaled(mantissa: &str, exp: i64) -> Option<Decimal> {
    let negative = mantissa.starts_with('-');
    let unsigned = mantissa.trim_start_matches(['-', '+']);
    let (int_part, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = format!("{int_part}{frac_part}");
    let scale = i64::try_from(frac_part.len()).ok()? - exp;
    let digits = digits.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let text = if scale <= 0 {
        let zeros = usize::try_from(-scale).ok()?;
        if zeros > 40 {
            return None;
        }
        format!("{digits}{}", "0".repeat(zeros))
    } else {
        let scale = usize::try_from(scale).ok()?;
        if scale > 28 {
            return None;
        }
        let padded = format!(
            "{}{digits}",
            "0".repeat((scale + 1).saturating_sub(digits.len()))
        );
        let cut = padded.len() - scale;
        format!("{}.{}", padded.get(..cut)?, padded.get(cut..)?)
    };
    let value = Decimal::from_str_exact(&text).ok()?;
    Some(if negative { -value } else { value })
}

/// A JSON number or string as pydantic's lax `Decimal` accepts it (integers exactly,
/// floats through their shortest repr, strings through [`parse_python_decimal`]).
pub(crate) fn from_json(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(Decimal::from(i))
            } else if let Some(u) = n.as_u64() {
                Some(Decimal::from(u))
            } else {
                let f = n.as_f64()?;
                if !f.is_finite() {
                    return None;
                }
                parse_python_decimal(&float_repr(f))
                    .or_else(|| Decimal::from_str(&n.to_string()).ok())
            }
        }
        Value::String(s) => parse_python_decimal(s),
        _ => None,
    }
}

/// Serde of an amount as the official models dump it (`model_dump(mode='json')`):
/// Python's `str(Decimal)` as a JSON string. Reads JSON numbers and numeric strings.
pub(crate) mod amount {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        value: &Decimal,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&python_str(value))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Decimal, D::Error> {
        let value = Value::deserialize(deserializer)?;
        from_json(&value).ok_or_else(|| D::Error::custom(format!("invalid decimal {value}")))
    }
}

/// [`amount`] for an optional amount: `null` for none.
pub(crate) mod opt_amount {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => super::amount::serialize(v, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let value = Value::deserialize(deserializer)?;
        if value.is_null() {
            return Ok(None);
        }
        from_json(&value)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("invalid decimal {value}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn python_str_matches_python() {
        let cases = [
            ("100", "100"),
            ("10.5", "10.5"),
            ("10.50", "10.50"),
            ("10.0", "10.0"),
            ("0.1", "0.1"),
            ("0.0000001", "1E-7"),
            ("0.000001", "0.000001"),
            ("-0.00000012", "-1.2E-7"),
            ("0.00000123", "0.00000123"),
            ("0.000000123", "1.23E-7"),
            ("12.340", "12.340"),
            ("-1", "-1"),
            ("0", "0"),
            ("0.000", "0.000"),
            ("0.000000", "0.000000"),
            ("0.0000000", "0E-7"),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
            ("0.0000000000000000000000000001", "1E-28"),
            (
                "1.0000000000000000000000000001",
                "1.0000000000000000000000000001",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(python_str(&d(input)), want, "{input}");
        }
        assert_eq!(python_str(&-d("0.0")), "-0.0");
    }

    #[test]
    fn parses_python_spellings() {
        assert_eq!(parse_python_decimal(" 5 "), Some(d("5")));
        assert_eq!(parse_python_decimal("5_0"), Some(d("50")));
        assert_eq!(parse_python_decimal("1e2"), Some(d("100")));
        assert_eq!(parse_python_decimal("1E-7"), Some(d("0.0000001")));
        assert_eq!(parse_python_decimal("-1.5e-3"), Some(d("-0.0015")));
        assert_eq!(parse_python_decimal("+2.50"), Some(d("2.50")));
        assert_eq!(parse_python_decimal(".5"), Some(d("0.5")));
        assert_eq!(parse_python_decimal("5."), Some(d("5")));
        assert_eq!(python_str(&parse_python_decimal("-0").unwrap()), "-0");
        assert_eq!(python_str(&parse_python_decimal("-0.00").unwrap()), "-0.00");
        assert_eq!(python_str(&parse_python_decimal("-0E-7").unwrap()), "-0E-7");
        for bad in [
            "", "abc", "NaN", "inf", "1e", "--1", "1.2.3", "_1", "1__0", "1e400", "1E-40", ".",
        ] {
            assert_eq!(parse_python_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn json_values() {
        assert_eq!(from_json(&serde_json::json!(10.5)), Some(d("10.5")));
        assert_eq!(from_json(&serde_json::json!(1e-7)), Some(d("0.0000001")));
        assert_eq!(
            python_str(&from_json(&serde_json::json!(10.0)).unwrap()),
            "10.0"
        );
        assert_eq!(
            from_json(&serde_json::json!(u64::MAX)),
            Some(Decimal::from(u64::MAX))
        );
        assert_eq!(from_json(&serde_json::json!("10.50")), Some(d("10.50")));
        assert_eq!(from_json(&serde_json::json!(1.5e300)), None);
        assert_eq!(from_json(&serde_json::json!(true)), None);
        assert_eq!(from_json(&Value::Null), None);
    }
}
