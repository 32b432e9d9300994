//! Dates and date-times as the official SDK writes and reads them
//! (`DataObject.format_datetime`, `parse_datetime`, `format_date`, `parse_date`).

use std::fmt;

use chrono::{
    DateTime, Datelike, FixedOffset, Local, NaiveDate, NaiveTime, TimeZone, Timelike, Utc,
};

/// A date or date-time text that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTimeParseError {
    value: String,
}

impl DateTimeParseError {
    fn new(value: &str) -> Self {
        Self {
            value: value.to_owned(),
        }
    }

    /// The text that could not be read.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for DateTimeParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Invalid isoformat string: {:?}", self.value)
    }
}

impl std::error::Error for DateTimeParseError {}

/// A date-time as Python's `isoformat(timespec='milliseconds')`:
/// `2024-03-05T10:00:00.123+00:00`. The fraction is truncated to milliseconds and the
/// offset is always written as `+HH:MM` (with `:SS` when it has seconds), never `Z`.
pub fn format_datetime(value: &DateTime<FixedOffset>) -> String {
    let millis = (value.nanosecond() % 1_000_000_000) / 1_000_000;
    let offset = value.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.unsigned_abs();
    let mut out = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}{}{:02}:{:02}",
        value.year(),
        value.month(),
        value.day(),
        value.hour(),
        value.minute(),
        value.second(),
        millis,
        sign,
        offset / 3600,
        (offset / 60) % 60,
    );
    if !offset.is_multiple_of(60) {
        out.push_str(&format!(":{:02}", offset % 60));
    }
    out
}

/// A date as Python's `date.isoformat()`: `YYYY-MM-DD`.
pub fn format_date(value: &NaiveDate) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        value.year(),
        value.month(),
        value.day()
    )
}

/// Reads a date-time the way the official SDK's `parse_datetime` does: ISO 8601 with a
/// `Z`, `+HH:MM`, `+HHMM` or `+HH` offset and a fraction of any length (truncated to
/// microseconds). Basic formats (`20240305T100000`), a space instead of `T`, and times
/// without seconds are accepted too. A date alone means midnight; a value without offset
/// is read in the local time zone, as Python gives naive values the local zone when it
/// writes them.
pub fn parse_datetime(value: &str) -> Result<DateTime<FixedOffset>, DateTimeParseError> {
    let err = || DateTimeParseError::new(value);
    let (date, rest) = split_date(value).ok_or_else(err)?;
    let (time, offset) = if rest.is_empty() {
        (NaiveTime::MIN, None)
    } else {
        let mut chars = rest.chars();
        match chars.next() {
            Some('T' | 't' | ' ') => {}
            _ => return Err(err()),
        }
        let rest = chars.as_str();
        let split = rest.find(['+', '-', 'Z', 'z']).unwrap_or(rest.len());
        let (time, zone) = rest.split_at(split);
        let time = parse_time(time).ok_or_else(err)?;
        let offset = if zone.is_empty() {
            None
        } else {
            Some(parse_offset(zone).ok_or_else(err)?)
        };
        (time, offset)
    };
    let naive = date.and_time(time);
    match offset {
        Some(offset) => offset.from_local_datetime(&naive).single().ok_or_else(err),
        None => Ok(Local
            .from_local_datetime(&naive)
            .earliest()
            .map(|dt| dt.fixed_offset())
            .unwrap_or_else(|| Utc.from_utc_datetime(&naive).fixed_offset())),
    }
}

/// Reads a date as Python's `date.fromisoformat`: `YYYY-MM-DD` or `YYYYMMDD`.
pub fn parse_date(value: &str) -> Result<NaiveDate, DateTimeParseError> {
    match split_date(value) {
        Some((date, "")) => Ok(date),
        _ => Err(DateTimeParseError::new(value)),
    }
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The leading date of `s` and what follows it.
fn split_date(s: &str) -> Option<(NaiveDate, &str)> {
    if s.as_bytes().get(4) == Some(&b'-') {
        let year = digits(s.get(0..4)?)?;
        if s.as_bytes().get(7) != Some(&b'-') {
            return None;
        }
        let month = digits(s.get(5..7)?)?;
        let day = digits(s.get(8..10)?)?;
        let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
        Some((date, s.get(10..)?))
    } else {
        let year = digits(s.get(0..4)?)?;
        let month = digits(s.get(4..6)?)?;
        let day = digits(s.get(6..8)?)?;
        let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
        Some((date, s.get(8..)?))
    }
}

/// `HH[:MM[:SS[.f…]]]` or `HH[MM[SS[.f…]]]`.
fn parse_time(s: &str) -> Option<NaiveTime> {
    let (main, fraction) = match s.find(['.', ',']) {
        Some(i) => (s.get(..i)?, Some(s.get(i + 1..)?)),
        None => (s, None),
    };
    let ([hour, minute, second], count) = two_digit_parts(main)?;
    let micros = match fraction {
        None if count > 0 => 0,
        Some(f) if count == 3 && !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            // The first six digits, padded with zeros to six: microseconds.
            let mut digits = f
                .bytes()
                .map(|b| u32::from(b - b'0'))
                .chain(std::iter::repeat(0));
            (0..6).fold(0, |micros, _| micros * 10 + digits.next().unwrap_or(0))
        }
        _ => return None,
    };
    NaiveTime::from_hms_micro_opt(hour, minute, second, micros)
}

/// Up to three numbers of two digits each, separated by `:` or run together (`10:00:05`,
/// `100005`), and how many there are; `None` for anything else. Unread numbers are 0.
fn two_digit_parts(s: &str) -> Option<([u32; 3], usize)> {
    let mut parts = [0u32; 3];
    let mut count = 0;
    let mut take = |part: &[u8]| -> Option<()> {
        let [tens, ones] = *part else { return None };
        *parts.get_mut(count)? = two_digits(tens, ones)?;
        count += 1;
        Some(())
    };
    if s.contains(':') {
        s.split(':').try_for_each(|p| take(p.as_bytes()))?;
    } else {
        s.as_bytes().chunks(2).try_for_each(&mut take)?;
    }
    Some((parts, count))
}

/// The value of two ASCII digits.
fn two_digits(tens: u8, ones: u8) -> Option<u32> {
    (tens.is_ascii_digit() && ones.is_ascii_digit())
        .then(|| u32::from(tens - b'0') * 10 + u32::from(ones - b'0'))
}

/// `Z`, `±HH`, `±HH:MM`, `±HHMM`, `±HH:MM:SS`, `±HHMMSS`.
fn parse_offset(s: &str) -> Option<FixedOffset> {
    if s == "Z" || s == "z" {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match s.split_at_checked(1)? {
        ("+", rest) => (1, rest),
        ("-", rest) => (-1, rest),
        _ => return None,
    };
    let rest = rest.split(['.', ',']).next()?;
    let ([hours, minutes, seconds], count) = two_digit_parts(rest)?;
    if count == 0 || hours > 23 || minutes > 59 || seconds > 59 {
        return None;
    }
    let total = i32::try_from(hours * 3600 + minutes * 60 + seconds).ok()?;
    FixedOffset::east_opt(sign * total)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn python_forms() {
        for (input, output) in [
            (
                "2024-03-05T10:00:00.123+00:00",
                "2024-03-05T10:00:00.123+00:00",
            ),
            ("2024-03-05T10:00:00Z", "2024-03-05T10:00:00.000+00:00"),
            (
                "2024-03-05T10:00:00.1234567Z",
                "2024-03-05T10:00:00.123+00:00",
            ),
            (
                "2024-03-05T10:00:00.9+0100",
                "2024-03-05T10:00:00.900+01:00",
            ),
            (
                "2024-03-05T10:00:00.5-05:30",
                "2024-03-05T10:00:00.500-05:30",
            ),
            ("2024-03-05T10:00+02", "2024-03-05T10:00:00.000+02:00"),
            ("20240305T100000+01:00", "2024-03-05T10:00:00.000+01:00"),
            (
                "2024-03-05 10:00:00,25+01:00",
                "2024-03-05T10:00:00.250+01:00",
            ),
            (
                "2024-03-05T100005.1234564-013045",
                "2024-03-05T10:00:05.123-01:30:45",
            ),
            (
                "2024-03-05T23:59:59+23:59:59",
                "2024-03-05T23:59:59.000+23:59:59",
            ),
            ("2024-03-05T10-0000", "2024-03-05T10:00:00.000+00:00"),
            (
                "2024-03-05T10:00:00+01:00.5",
                "2024-03-05T10:00:00.000+01:00",
            ),
        ] {
            assert_eq!(
                format_datetime(&parse_datetime(input).unwrap()),
                output,
                "{input}"
            );
        }
        for bad in [
            "",
            "2024-03-05T",
            "2024-13-05T10:00:00Z",
            "2024-03-05X10:00",
            "2024-03-05T10:00:00+1",
            "2024-03-05T10:00:00+",
            "2024-03-05T10:00:00+24:00",
            "2024-03-05T10:00:00+01:60",
            "2024-03-05T10:00:00+01:00:00:00",
            "2024-03-05T10:00:00+0100001",
            "2024-03-05T10::00",
            "2024-03-05T1000:00",
            "2024-03-05T100",
            "2024-03-05T10:00:00:00",
            "2024-03-05T10:00.5",
            "2024-03-05T10:00:00.",
            "2024-03-05T10:00:00.5a",
            "2024-03-05T1a:00:00",
            "2024-03-05T.5",
            "2024-03-05T24:00:00",
        ] {
            assert!(parse_datetime(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(
            format_date(&parse_date("2024-03-05").unwrap()),
            "2024-03-05"
        );
        assert_eq!(format_date(&parse_date("20240305").unwrap()), "2024-03-05");
        assert!(parse_date("2024-03-05T00:00").is_err());
    }
}
