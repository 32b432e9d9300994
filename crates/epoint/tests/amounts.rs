//! Amount text is Python's `str(Decimal)` for every representable decimal.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use epoint::Decimal;
use epoint::decimal::{parse_python_decimal, python_str};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn text_round_trips_with_scale(lo in any::<u64>(), mid in any::<u32>(), negative in any::<bool>(), scale in 0u32..=28) {
        let d = Decimal::from_parts(lo as u32, (lo >> 32) as u32, mid, negative, scale);
        let text = python_str(&d);
        let back = parse_python_decimal(&text).unwrap();
        prop_assert_eq!(back, d);
        prop_assert_eq!(back.scale(), d.scale());
        prop_assert_eq!(python_str(&back), text.clone());
        // Scientific notation only below 1E-6, as Python writes it.
        if text.contains('E') {
            prop_assert!(text.contains("E-"));
            prop_assert!(d.abs() < Decimal::new(1, 6));
        }
    }

    #[test]
    fn parsing_never_panics(text in "[-+0-9eE._ ]{0,40}") {
        let _ = parse_python_decimal(&text);
    }
}
