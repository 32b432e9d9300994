//! How response fields are read: lenient numbers, bank codes and timestamps, as the
//! official pydantic models accept them.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// The bank code: falsy values (`null`, `""`, `0`, `false`, `[]`, `{}`) are none, other
/// text is kept as sent, anything else is an error (as the official validator behaves).
pub(crate) fn opt_code<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    match value {
        Value::Null | Value::Bool(false) => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Number(ref n) if n.as_f64() == Some(0.0) => Ok(None),
        Value::Array(ref a) if a.is_empty() => Ok(None),
        Value::Object(ref o) if o.is_empty() => Ok(None),
        other => Err(D::Error::custom(format!("invalid code {other}"))),
    }
}

/// An optional integer as pydantic's lax `int` reads it: integers, integral floats and
/// numeric strings.
pub(crate) fn opt_int<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    let invalid = |v: &Value| D::Error::custom(format!("invalid integer {v}"));
    match &value {
        Value::Null => Ok(None),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Ok(Some(i))
            } else {
                match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
                    _ => Err(invalid(&value)),
                }
            }
        }
        Value::String(s) => s
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| invalid(&value)),
        _ => Err(invalid(&value)),
    }
}

/// An optional timestamp: ISO 8601 text (`T` or space, optional fraction and offset;
/// a bare date is midnight) or Unix seconds (milliseconds above 2e10), as number or text.
pub(crate) fn opt_datetime<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    let value = Value::deserialize(deserializer)?;
    let parsed = match &value {
        Value::Null => return Ok(None),
        Value::Number(n) => n.as_f64().and_then(from_unix),
        Value::String(s) => parse_datetime(s.trim()),
        _ => None,
    };
    parsed
        .map(Some)
        .ok_or_else(|| D::Error::custom(format!("invalid datetime {value}")))
}

fn from_unix(seconds: f64) -> Option<DateTime<FixedOffset>> {
    if !seconds.is_finite() {
        return None;
    }
    let seconds = if seconds.abs() > 2e10 {
        seconds / 1000.0
    } else {
        seconds
    };
    let whole = seconds.floor();
    let nanos = ((seconds - whole) * 1e9).round();
    let secs = whole as i64;
    let nanos = (nanos as u32).min(999_999_999);
    Utc.timestamp_opt(secs, nanos)
        .single()
        .map(|t| t.fixed_offset())
}

fn parse_datetime(text: &str) -> Option<DateTime<FixedOffset>> {
    if text.is_empty() {
        return None;
    }
    if text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && !text.contains("-")
    {
        return text.parse::<f64>().ok().and_then(from_unix);
    }
    let normalized = text.replacen(' ', "T", 1);
    if let Ok(t) = DateTime::parse_from_rfc3339(&normalized) {
        return Some(t);
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%:z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(&normalized, format) {
            return Some(t);
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(&normalized, format) {
            return Some(t.and_utc().fixed_offset());
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schemas::response::*;
    use payments_core::Decimal;
    use serde_json::json;

    #[test]
    fn field_types() {
        let st: TransactionStatusResponse = serde_json::from_value(
            json!({"status": "success", "code": "116", "amount": 10.5, "other_attr": "x"}),
        )
        .unwrap();
        assert_eq!(st.code.as_deref(), Some("116"));
        assert_eq!(st.code_meaning(), Some("Declined: insufficient funds"));
        assert_eq!(st.amount, Some(Decimal::new(105, 1)));
        for falsy in [
            json!(""),
            json!(0),
            json!(false),
            json!([]),
            json!({}),
            json!(null),
        ] {
            let st: TransactionStatusResponse =
                serde_json::from_value(json!({"status": "new", "code": falsy})).unwrap();
            assert_eq!(st.code, None);
        }
        assert!(
            serde_json::from_value::<TransactionStatusResponse>(
                json!({"status": "new", "code": 116})
            )
            .is_err()
        );
        assert!(
            serde_json::from_value::<TransactionStatusResponse>(
                json!({"status": "new", "other_attr": {}})
            )
            .is_err()
        );
        assert!(
            serde_json::from_value::<TransactionStatusResponse>(json!({"code": "000"})).is_err()
        );
        assert!(
            serde_json::from_value::<BaseResponse>(json!({"status": "success", "transaction": 5}))
                .is_err()
        );
        assert!(
            serde_json::from_value::<BaseResponse>(json!({"status": "success", "amount": "abc"}))
                .is_err()
        );

        let tp: TokenPaymentResponse = serde_json::from_value(json!({
            "id": "42", "total": "10.50", "other_attr": {"a": 1},
            "created_at": "2024-01-02T03:04:05.123456+04:00", "updated_at": "2024-01-02 03:04:05"
        }))
        .unwrap();
        assert_eq!(tp.id, Some(42));
        assert_eq!(
            tp.total.map(|t| crate::decimal::python_str(&t)).as_deref(),
            Some("10.50")
        );
        assert_eq!(
            tp.created_at.unwrap().to_rfc3339(),
            "2024-01-02T03:04:05.123456+04:00"
        );
        assert_eq!(
            tp.updated_at.unwrap().to_rfc3339(),
            "2024-01-02T03:04:05+00:00"
        );
        let tp: TokenPaymentResponse = serde_json::from_value(
            json!({"id": 7.0, "created_at": 1700000000, "updated_at": "2024-01-02"}),
        )
        .unwrap();
        assert_eq!(tp.id, Some(7));
        assert_eq!(
            tp.created_at.unwrap().to_rfc3339(),
            "2023-11-14T22:13:20+00:00"
        );
        assert_eq!(
            tp.updated_at.unwrap().to_rfc3339(),
            "2024-01-02T00:00:00+00:00"
        );
        assert!(serde_json::from_value::<TokenPaymentResponse>(json!({"id": 7.5})).is_err());
        assert!(
            serde_json::from_value::<TokenPaymentResponse>(json!({"created_at": "yesterday"}))
                .is_err()
        );
        assert_eq!(
            parse_datetime("1700000000000")
                .map(|t| t.to_rfc3339())
                .as_deref(),
            Some("2023-11-14T22:13:20+00:00")
        );
    }
}
