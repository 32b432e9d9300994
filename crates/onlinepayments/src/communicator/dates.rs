//! The date formats of the communication: the `Date` header and the idempotence
//! date-time of a response.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, Timelike, Utc};

/// `Date` header value: RFC 1123 in GMT, e.g. `Tue, 05 Mar 2024 10:00:00 GMT`.
pub fn format_date_time(time: DateTime<Utc>) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let day = DAYS.get(time.weekday().num_days_from_monday() as usize);
    let month = MONTHS.get(time.month0() as usize);
    match (day, month, u32::try_from(time.year())) {
        (Some(day), Some(month), Ok(year @ 1000..=9999)) if time.nanosecond() < 1_000_000_000 => {
            let mut out = String::with_capacity(29);
            out.push_str(day);
            out.push_str(", ");
            push_two_digits(&mut out, time.day());
            out.push(' ');
            out.push_str(month);
            out.push(' ');
            push_two_digits(&mut out, year / 100);
            push_two_digits(&mut out, year % 100);
            out.push(' ');
            push_two_digits(&mut out, time.hour());
            out.push(':');
            push_two_digits(&mut out, time.minute());
            out.push(':');
            push_two_digits(&mut out, time.second());
            out.push_str(" GMT");
            out
        }
        // years of other widths and leap seconds as chrono writes them
        _ => time.format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
    }
}

fn push_two_digits(out: &mut String, n: u32) {
    for digit in [n / 10 % 10, n % 10] {
        out.push(char::from_digit(digit, 10).unwrap_or('0'));
    }
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
        // every day of four years, at varying times, as chrono formats it
        let start = Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap();
        for n in 0..(4 * 366) {
            let t = start + chrono::Duration::seconds(n * 86_400 + n * 7_919 % 86_400);
            assert_eq!(
                format_date_time(t),
                t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
            );
        }
        for year in [1, 999, 1000, 9999, 10_000] {
            let t = Utc.with_ymd_and_hms(year, 12, 31, 23, 59, 59).unwrap();
            assert_eq!(
                format_date_time(t),
                t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
            );
        }
        let d = parse_datetime("2017-02-02T11:24:14.040+0100").unwrap();
        assert_eq!(d.to_rfc3339(), "2017-02-02T11:24:14.040+01:00");
        assert!(parse_datetime("2024-03-05T10:00:00Z").is_some());
        assert!(parse_datetime("2024-03-05T10:00:00.1234567+01:00").is_some());
        assert!(parse_datetime("2024-03-05T10:00:00").is_some());
        assert!(parse_datetime("nope").is_none());
    }
}
