#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! Date and date-time fields: written as the official SDK writes them
//! (`isoformat(timespec='milliseconds')`, `date.isoformat()`), read leniently.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use onlinepayments::domain::{Acceptance, CardEssentials};
use onlinepayments::json::{DefaultMarshaller, format_datetime, parse_datetime};

fn read<T: onlinepayments::domain::DataObject>(body: &str) -> T {
    DefaultMarshaller::instance()
        .unmarshal(body)
        .unwrap()
        .unwrap()
}

#[test]
fn datetime_written_with_milliseconds_and_offset() {
    let when = FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2024, 3, 5, 10, 0, 0)
        .unwrap();
    let acceptance = Acceptance::default().with_authorization_date(when);
    assert_eq!(
        DefaultMarshaller::instance().marshal(&acceptance),
        "{\n    \"authorizationDate\": \"2024-03-05T10:00:00.000+00:00\"\n}"
    );
}

/// The official SDK reads `2024-03-05T10:00:00.1234567Z` and writes
/// `2024-03-05T10:00:00.123+00:00`.
#[test]
fn datetime_read_leniently() {
    for (input, output) in [
        (
            "2024-03-05T10:00:00.1234567Z",
            "2024-03-05T10:00:00.123+00:00",
        ),
        ("2024-03-05T10:00:00Z", "2024-03-05T10:00:00.000+00:00"),
        (
            "2024-03-05T10:00:00.5+0100",
            "2024-03-05T10:00:00.500+01:00",
        ),
        (
            "2024-03-05T10:00:00.123456-03:30",
            "2024-03-05T10:00:00.123-03:30",
        ),
        ("2024-03-05T10:00:00+01:00", "2024-03-05T10:00:00.000+01:00"),
    ] {
        let a: Acceptance = read(&format!(r#"{{"authorizationDate": "{input}"}}"#));
        assert_eq!(
            format_datetime(&a.authorization_date.unwrap()),
            output,
            "{input}"
        );
        assert_eq!(format_datetime(&parse_datetime(input).unwrap()), output);
    }
}

#[test]
fn invalid_datetime_is_an_error() {
    let result = DefaultMarshaller::instance()
        .unmarshal::<Acceptance>(r#"{"authorizationDate": "yesterday"}"#);
    assert!(result.is_err());
}

#[test]
fn date_fields() {
    let card: CardEssentials = read(r#"{"cardEffectiveDate": "2023-11-01"}"#);
    assert_eq!(
        card.card_effective_date,
        NaiveDate::from_ymd_opt(2023, 11, 1)
    );
    assert_eq!(
        DefaultMarshaller::instance().marshal(&card),
        "{\n    \"cardEffectiveDate\": \"2023-11-01\"\n}"
    );
    assert!(
        DefaultMarshaller::instance()
            .unmarshal::<CardEssentials>(r#"{"cardEffectiveDate": "1/11/2023"}"#)
            .is_err()
    );
}
