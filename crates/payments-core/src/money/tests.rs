use super::*;
use proptest::prelude::*;

#[test]
fn table_is_sorted_unique_and_complete() {
    let all = Currency::all();
    assert_eq!(all.len(), 165);
    assert!(all.windows(2).all(|w| w[0].code < w[1].code));
    for c in all {
        assert_eq!(c.code.len(), 3);
        assert!(c.exponent <= 4);
        assert_eq!(Currency::from_numeric(c.numeric).unwrap(), *c);
    }
}

#[test]
fn known_exponents_and_numeric_codes() {
    let cases = [
        ("EUR", 978, 2),
        ("JPY", 392, 0),
        ("KWD", 414, 3),
        ("BHD", 48, 3),
        ("CLF", 990, 4),
        ("UYW", 927, 4),
        ("ISK", 352, 0),
        ("AZN", 944, 2),
        ("XOF", 952, 0),
    ];
    for (code, numeric, exp) in cases {
        let c = Currency::from_code(code).unwrap();
        assert_eq!((c.numeric(), c.exponent()), (numeric, exp), "{code}");
    }
    assert_eq!(Currency::from_code("ALL").unwrap().numeric_string(), "008");
    for constant in [
        Currency::EUR,
        Currency::USD,
        Currency::GBP,
        Currency::JPY,
        Currency::KWD,
        Currency::AZN,
        Currency::RUB,
    ] {
        let looked_up = Currency::from_code(constant.code()).unwrap();
        assert_eq!(looked_up.numeric(), constant.numeric());
        assert_eq!(looked_up.exponent(), constant.exponent());
        assert_eq!(looked_up.name(), constant.name());
    }
}

#[test]
fn from_code_is_case_insensitive_and_rejects_unknown() {
    assert_eq!(Currency::from_code("eur").unwrap(), Currency::EUR);
    assert_eq!(Currency::from_code("Jpy").unwrap(), Currency::JPY);
    for bad in ["", "EU", "EURO", "XXX", "XAU", "HRK", "€"] {
        assert!(
            matches!(
                Currency::from_code(bad),
                Err(MoneyError::UnknownCurrency(_))
            ),
            "{bad}"
        );
    }
    assert!(Currency::from_numeric(0).is_err());
}

#[test]
fn currency_serde() {
    assert_eq!(serde_json::to_string(&Currency::EUR).unwrap(), "\"EUR\"");
    let c: Currency = serde_json::from_str("\"kwd\"").unwrap();
    assert_eq!(c, Currency::KWD);
    assert!(serde_json::from_str::<Currency>("\"ZZZ\"").is_err());
}

#[test]
fn major_formatting() {
    assert_eq!(
        Money::from_minor(1295, Currency::EUR).to_major_string(),
        "12.95"
    );
    assert_eq!(
        Money::from_minor(1295, Currency::JPY).to_major_string(),
        "1295"
    );
    assert_eq!(
        Money::from_minor(1295, Currency::KWD).to_major_string(),
        "1.295"
    );
    assert_eq!(
        Money::from_minor(5, Currency::EUR).to_major_string(),
        "0.05"
    );
    assert_eq!(
        Money::from_minor(-5, Currency::EUR).to_major_string(),
        "-0.05"
    );
    assert_eq!(
        Money::from_minor(0, Currency::KWD).to_major_string(),
        "0.000"
    );
    assert_eq!(
        Money::from_minor(i64::MIN, Currency::EUR).to_major_string(),
        "-92233720368547758.08"
    );
    assert_eq!(
        Money::from_minor(1295, Currency::EUR).to_string(),
        "12.95 EUR"
    );
}

#[test]
fn major_parsing() {
    let eur = Currency::EUR;
    assert_eq!(Money::from_major("12.95", eur).unwrap().minor_units(), 1295);
    assert_eq!(Money::from_major("12.9", eur).unwrap().minor_units(), 1290);
    assert_eq!(Money::from_major("12", eur).unwrap().minor_units(), 1200);
    assert_eq!(
        Money::from_major("12.950", eur).unwrap().minor_units(),
        1295
    );
    assert_eq!(Money::from_major("-0.01", eur).unwrap().minor_units(), -1);
    assert_eq!(Money::from_major("+1", eur).unwrap().minor_units(), 100);
    assert_eq!(
        Money::from_major("1295", Currency::JPY)
            .unwrap()
            .minor_units(),
        1295
    );
    assert_eq!(
        Money::from_major("1.295", Currency::KWD)
            .unwrap()
            .minor_units(),
        1295
    );
    assert_eq!(
        Money::from_major("-92233720368547758.08", eur)
            .unwrap()
            .minor_units(),
        i64::MIN
    );
    assert!(matches!(
        Money::from_major("12.955", eur),
        Err(MoneyError::TooManyDecimals { exponent: 2, .. })
    ));
    assert!(matches!(
        Money::from_major("12.5", Currency::JPY),
        Err(MoneyError::TooManyDecimals { .. })
    ));
    for bad in [
        "", "-", ".5", "5.", "1e3", " 1", "1 ", "1,00", "1.2.3", "--1", "0x10", "١٢",
    ] {
        assert!(
            matches!(
                Money::from_major(bad, eur),
                Err(MoneyError::InvalidAmount(_))
            ),
            "{bad:?}"
        );
    }
    assert!(matches!(
        Money::from_major("92233720368547758.08", eur),
        Err(MoneyError::Overflow(_))
    ));
    assert!(matches!(
        Money::from_major("99999999999999999999999999999999999999999", eur),
        Err(MoneyError::Overflow(_))
    ));
}

#[test]
fn decimal_conversion() {
    let d = Decimal::new(1295, 2);
    let m = Money::from_decimal(d, Currency::EUR).unwrap();
    assert_eq!(m.minor_units(), 1295);
    assert_eq!(m.to_decimal(), d);
    assert_eq!(
        Money::from_decimal(Decimal::new(12950, 3), Currency::EUR)
            .unwrap()
            .minor_units(),
        1295
    );
    assert_eq!(
        Money::from_decimal(Decimal::new(7, 0), Currency::KWD)
            .unwrap()
            .minor_units(),
        7000
    );
    assert!(matches!(
        Money::from_decimal(Decimal::new(12955, 3), Currency::EUR),
        Err(MoneyError::TooManyDecimals { .. })
    ));
    assert!(Money::from_decimal(Decimal::MAX, Currency::EUR).is_err());
}

#[test]
fn arithmetic() {
    let a = Money::from_minor(1000, Currency::EUR);
    let b = Money::from_minor(295, Currency::EUR);
    assert_eq!(a.checked_add(b).unwrap().minor_units(), 1295);
    assert_eq!(b.checked_sub(a).unwrap().minor_units(), -705);
    assert!(matches!(
        a.checked_add(Money::from_minor(1, Currency::USD)),
        Err(MoneyError::CurrencyMismatch {
            left: "EUR",
            right: "USD"
        })
    ));
    assert!(matches!(
        Money::from_minor(i64::MAX, Currency::EUR).checked_add(Money::from_minor(1, Currency::EUR)),
        Err(MoneyError::Overflow(_))
    ));
    assert!(Money::from_minor(0, Currency::EUR).is_zero());
    assert!(Money::from_minor(-1, Currency::EUR).is_negative());
}

#[test]
fn money_serde() {
    let m = Money::from_minor(1295, Currency::EUR);
    let json = serde_json::to_string(&m).unwrap();
    assert_eq!(json, r#"{"minor_units":1295,"currency":"EUR"}"#);
    assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
}

fn any_currency() -> impl Strategy<Value = Currency> {
    (0..Currency::all().len()).prop_map(|i| Currency::all()[i])
}

proptest! {
    #[test]
    fn format_parse_round_trip(minor in any::<i64>(), currency in any_currency()) {
        let m = Money::from_minor(minor, currency);
        let text = m.to_major_string();
        prop_assert_eq!(Money::from_major(&text, currency).unwrap(), m);
        prop_assert_eq!(Money::from_decimal(m.to_decimal(), currency).unwrap(), m);
    }

    #[test]
    fn exponent_is_respected(minor in any::<i64>(), currency in any_currency()) {
        let text = Money::from_minor(minor, currency).to_major_string();
        let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
        prop_assert_eq!(decimals, usize::from(currency.exponent()));
    }

    #[test]
    fn extra_nonzero_decimal_is_rejected(minor in any::<i32>(), digit in 1u8..10, currency in any_currency()) {
        let mut text = Money::from_minor(i64::from(minor), currency).to_major_string();
        if !text.contains('.') { text.push('.'); }
        text.push(char::from(b'0' + digit));
        let is_too_many = matches!(Money::from_major(&text, currency), Err(MoneyError::TooManyDecimals { .. }));
        prop_assert!(is_too_many);
    }

    #[test]
    fn malformed_amounts_are_rejected(s in "[0-9]*[^0-9.+-][0-9.]*") {
        prop_assert!(Money::from_major(&s, Currency::EUR).is_err());
    }

    #[test]
    fn parsing_never_panics(s in "\\PC*") {
        let _ = Money::from_major(&s, Currency::EUR);
        let _ = Currency::from_code(&s);
    }
}
