//! Test cards and the outcome each one produces.

/// The test cards every sandbox knows (from the providers' test-card tables).
///
/// Any other card number is declined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TestCard {
    /// Visa `4111 1111 1111 1111`: approved.
    VisaSuccess,
    /// Mastercard `5544 3300 0003 7`: approved.
    MastercardSuccess,
    /// Visa `4111 1111 1111 1105`: declined.
    VisaDeclined,
    /// Visa `4111 1111 1111 1151`: declined for insufficient funds.
    VisaInsufficientFunds,
}

/// The result a card produces on a hosted page or a direct card payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CardOutcome {
    /// The payment is authorised.
    Approved,
    /// The issuer declines the payment.
    Declined,
    /// The issuer declines for insufficient funds.
    InsufficientFunds,
}

impl CardOutcome {
    /// Whether the payment goes through.
    pub const fn is_approved(self) -> bool {
        matches!(self, CardOutcome::Approved)
    }
}

impl TestCard {
    /// Every test card.
    pub const ALL: [TestCard; 4] = [
        TestCard::VisaSuccess,
        TestCard::MastercardSuccess,
        TestCard::VisaDeclined,
        TestCard::VisaInsufficientFunds,
    ];

    /// The card number, digits only.
    pub const fn number(self) -> &'static str {
        match self {
            TestCard::VisaSuccess => "4111111111111111",
            TestCard::MastercardSuccess => "5544330000037",
            TestCard::VisaDeclined => "4111111111111105",
            TestCard::VisaInsufficientFunds => "4111111111111151",
        }
    }

    /// What paying with this card does.
    pub const fn outcome(self) -> CardOutcome {
        match self {
            TestCard::VisaSuccess | TestCard::MastercardSuccess => CardOutcome::Approved,
            TestCard::VisaDeclined => CardOutcome::Declined,
            TestCard::VisaInsufficientFunds => CardOutcome::InsufficientFunds,
        }
    }

    /// The test card with this number; spaces and dashes are ignored.
    pub fn from_number(number: &str) -> Option<TestCard> {
        let digits = digits_only(number);
        TestCard::ALL.into_iter().find(|c| c.number() == digits)
    }
}

/// The outcome of paying with `number`: a test card's outcome, [`CardOutcome::Declined`]
/// for any other number.
pub fn card_outcome(number: &str) -> CardOutcome {
    TestCard::from_number(number).map_or(CardOutcome::Declined, TestCard::outcome)
}

pub(crate) fn digits_only(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}

/// `411111******1111`-style mask (first six and last four digits).
pub(crate) fn mask(number: &str) -> String {
    let digits: Vec<char> = digits_only(number).chars().collect();
    if digits.len() < 10 {
        return "*".repeat(digits.len());
    }
    digits
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < 6 || i + 4 >= digits.len() {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

/// Last four digits behind stars, as Online Payments shows card numbers.
pub(crate) fn mask_last4(number: &str) -> String {
    let digits: Vec<char> = digits_only(number).chars().collect();
    digits
        .iter()
        .enumerate()
        .map(|(i, c)| if i + 4 >= digits.len() { *c } else { '*' })
        .collect()
}

/// First six digits.
pub(crate) fn bin(number: &str) -> String {
    digits_only(number).chars().take(6).collect()
}

/// Card scheme guessed from the first digit: `visa`, `mastercard` or `card`.
pub(crate) fn brand(number: &str) -> &'static str {
    match digits_only(number).chars().next() {
        Some('4') => "visa",
        Some('2' | '5') => "mastercard",
        _ => "card",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes() {
        assert_eq!(card_outcome("4111 1111 1111 1111"), CardOutcome::Approved);
        assert_eq!(card_outcome("5544-3300-0003-7"), CardOutcome::Approved);
        assert_eq!(card_outcome("4111111111111105"), CardOutcome::Declined);
        assert_eq!(
            card_outcome("4111111111111151"),
            CardOutcome::InsufficientFunds
        );
        assert_eq!(card_outcome("4000000000000002"), CardOutcome::Declined);
        assert_eq!(card_outcome(""), CardOutcome::Declined);
    }

    #[test]
    fn masks() {
        assert_eq!(mask("4111111111111111"), "411111******1111");
        assert_eq!(mask("5544330000037"), "554433***0037");
        assert_eq!(mask_last4("4111111111111111"), "************1111");
        assert_eq!(bin("4111 1111"), "411111");
        assert_eq!(brand("5544330000037"), "mastercard");
        assert_eq!(mask("12"), "**");
    }
}
