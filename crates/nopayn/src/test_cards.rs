//! Card numbers of the Cost+ test mode (sandbox website). Use any future expiry date
//! and any 3-digit CVC.
//!
//! ```
//! assert_eq!(nopayn::test_cards::VISA_SUCCESS, "4111111111111111");
//! assert_eq!(nopayn::test_cards::ALL.len(), 4);
//! ```

/// Visa, payment succeeds (any CVV).
pub const VISA_SUCCESS: &str = "4111111111111111";
/// Mastercard, payment succeeds (any CVV).
pub const MASTERCARD_SUCCESS: &str = "5544330000037";
/// Visa, payment declined.
pub const VISA_DECLINED: &str = "4111111111111105";
/// Visa, declined for insufficient funds.
pub const VISA_INSUFFICIENT_FUNDS: &str = "4111111111111151";

/// Every test card with a short description, in the order of the documentation.
pub const ALL: [(&str, &str); 4] = [
    (VISA_SUCCESS, "Visa (success)"),
    (MASTERCARD_SUCCESS, "Mastercard (success)"),
    (VISA_DECLINED, "Visa (declined)"),
    (VISA_INSUFFICIENT_FUNDS, "Visa (insufficient funds)"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn luhn_ok(number: &str) -> bool {
        let sum: u32 = number
            .chars()
            .rev()
            .enumerate()
            .map(|(i, c)| {
                let d = c.to_digit(10).unwrap();
                if i.is_multiple_of(2) {
                    d
                } else if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            })
            .sum();
        sum.is_multiple_of(10)
    }

    #[test]
    fn numbers_are_plain_digits() {
        for (number, _) in ALL {
            assert!(number.chars().all(|c| c.is_ascii_digit()), "{number}");
            assert!((13..=19).contains(&number.len()), "{number}");
        }
        assert!(luhn_ok(VISA_SUCCESS) && luhn_ok(MASTERCARD_SUCCESS));
    }
}
