//! The date formats of the communication: the `Date` header and the idempotence
//! date-time of a response.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};

/// `Date` header value: RFC 1123 in GMT, e.g. `Tue, 05 Mar 2024 10:00:00 GMT`.
pub fn format_date_time(time: DateTime<Utc>) -> String {
    time.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Python's `DataObject.parse_datetime`: ISO 8601 with `Z` or an offset (`+01:00` or
/// `+0100`) and any fraction; a value without offset is read as UTC.
pub fn parse_datetime(value: &str) -> Option<DateTime<FixedOffset>> {
    let v = value.trim();
    let v = match v.strip_suffix('Z') {
        Some(rest) => format!("{rest}+00:00"),
        None => v.to_owned(),
    };
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(&v, format) {
            return Some(dt);
        }
    }
    NaiveDateTime::parse_from_str(&v, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|n| n.and_utc().fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates() {
        let t = Utc.with_ymd_and_hms(2024, 3, 5, 10, 0, 0).unwrap();
        assert_eq!(format_date_time(t), "Tue, 05 Mar 2024 10:00:00 GMT");
        let d = parse_datetime("2017-02-02T11:24:14.040+0100").unwrap();
        assert_eq!(d.to_rfc3339(), "2017-02-02T11:24:14.040+01:00");
        assert!(parse_datetime("2024-03-05T10:00:00Z").is_some());
        assert!(parse_datetime("2024-03-05T10:00:00.1234567+01:00").is_some());
        assert!(parse_datetime("2024-03-05T10:00:00").is_some());
        assert!(parse_datetime("nope").is_none());
    }
}
