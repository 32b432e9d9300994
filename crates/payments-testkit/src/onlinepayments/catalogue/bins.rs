//! The BIN table behind `getIINdetails`, the card product of a payment and the card
//! networks: the issuer BINs of the sandbox's test cards ([`crate::cards`]) and of the
//! platform's published test cards, then the scheme ranges for any other number.

use serde_json::{Value, json};

use crate::cards::digits_only;

/// What the sandbox knows about a BIN (or a scheme range).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::onlinepayments) struct Bin {
    /// The leading digits it covers.
    pub(in crate::onlinepayments) prefix: &'static str,
    /// The payment product: 1 Visa, 2 American Express, 3 Mastercard.
    pub(in crate::onlinepayments) product: i64,
    /// `cardScheme`: `Visa`, `Mastercard`, `AmericanExpress`.
    pub(in crate::onlinepayments) scheme: &'static str,
    /// `cardType`: `Credit`, `Debit` or `Prepaid`.
    pub(in crate::onlinepayments) card_type: &'static str,
    /// `cardProductUsageLabel`: `credit`, `debit`, `prepaid` or `commercial`.
    pub(super) usage: &'static str,
    /// `cardProductCode` and `cardProductName`.
    pub(super) card_product: Option<(&'static str, &'static str)>,
    /// `issuerCode` and `issuerName`.
    pub(super) issuer: Option<(&'static str, &'static str)>,
    /// `issuingCountryCode` (`99` when unknown, as the platform writes it).
    pub(in crate::onlinepayments) country: &'static str,
    /// `issuerRegionCode`.
    pub(super) region: Option<&'static str>,
    /// `panLengthMin`, `panLengthMax`.
    pub(super) pan_length: (i64, i64),
}

const fn issued(
    prefix: &'static str,
    product: i64,
    usage: &'static str,
    card_product: (&'static str, &'static str),
    issuer: (&'static str, &'static str),
    country: &'static str,
    region: &'static str,
) -> Bin {
    let (scheme, pan_length) = scheme_of(product);
    let card_type = match usage.as_bytes() {
        [b'd', ..] => "Debit",
        [b'p', ..] => "Prepaid",
        _ => "Credit",
    };
    Bin {
        prefix,
        product,
        scheme,
        card_type,
        usage,
        card_product: Some(card_product),
        issuer: Some(issuer),
        country,
        region: Some(region),
        pan_length,
    }
}

impl Bin {
    /// The same BIN with other PAN lengths.
    const fn with_pan(self, min: i64, max: i64) -> Bin {
        Bin {
            pan_length: (min, max),
            ..self
        }
    }
}

/// `cardScheme` and PAN lengths of a card product.
const fn scheme_of(product: i64) -> (&'static str, (i64, i64)) {
    match product {
        2 => ("AmericanExpress", (15, 15)),
        3 => ("Mastercard", (16, 16)),
        _ => ("Visa", (13, 19)),
    }
}

const fn range(prefix: &'static str, product: i64) -> Bin {
    let (scheme, pan_length) = scheme_of(product);
    Bin {
        prefix,
        product,
        scheme,
        card_type: "Credit",
        usage: "credit",
        card_product: None,
        issuer: None,
        country: "99",
        region: None,
        pan_length,
    }
}

const SANDBOX_BANK: (&str, &str) = ("SBX", "Sandbox Bank");
const TEST_BANK: (&str, &str) = ("TST", "Test Issuer");

/// Issuer BINs, most specific first.
const ISSUED: &[Bin] = &[
    // The sandbox's test cards.
    issued(
        "411111",
        1,
        "credit",
        ("F", "Visa Classic"),
        SANDBOX_BANK,
        "US",
        "1",
    ),
    issued(
        "554433",
        3,
        "debit",
        ("MDS", "Debit Mastercard"),
        SANDBOX_BANK,
        "NL",
        "d",
    )
    .with_pan(13, 16),
    // The platform's published test cards.
    issued(
        "401200",
        1,
        "credit",
        ("F", "Visa Classic"),
        TEST_BANK,
        "NL",
        "d",
    ),
    issued(
        "456735",
        1,
        "debit",
        ("L", "Visa Electron"),
        TEST_BANK,
        "FR",
        "d",
    ),
    issued(
        "432145",
        1,
        "credit",
        ("F", "Visa Classic"),
        TEST_BANK,
        "BE",
        "d",
    ),
    issued(
        "520000",
        3,
        "credit",
        ("MCC", "Mastercard Credit"),
        TEST_BANK,
        "US",
        "8",
    ),
    issued(
        "542523",
        3,
        "commercial",
        ("MCB", "Mastercard Business"),
        TEST_BANK,
        "US",
        "8",
    ),
    issued(
        "371449",
        2,
        "credit",
        ("AX", "American Express Green"),
        TEST_BANK,
        "US",
        "8",
    ),
    issued(
        "344822",
        2,
        "credit",
        ("AX", "American Express Gold"),
        TEST_BANK,
        "US",
        "8",
    ),
    issued(
        "348058",
        2,
        "credit",
        ("AX", "American Express Green"),
        TEST_BANK,
        "US",
        "8",
    ),
    issued(
        "371402",
        2,
        "credit",
        ("AX", "American Express Green"),
        TEST_BANK,
        "US",
        "8",
    ),
];

/// Scheme ranges for every other number.
const RANGES: &[Bin] = &[
    range("34", 2),
    range("37", 2),
    range("4", 1),
    range("51", 3),
    range("52", 3),
    range("53", 3),
    range("54", 3),
    range("55", 3),
];

/// The Mastercard 2-series (2221–2720).
const TWO_SERIES: Bin = range("2", 3);

/// Whether the first digits of a card number are a Mastercard 2-series BIN (2221–2720).
fn two_series(digits: &str) -> bool {
    digits
        .get(..4)
        .and_then(|p| p.parse::<u32>().ok())
        .is_some_and(|p| (2221..=2720).contains(&p))
}

/// What the sandbox knows about the card number or BIN `number` (spaces and dashes are
/// ignored): its issuer BIN, else its scheme range; `None` for a number of no known scheme.
pub(in crate::onlinepayments) fn lookup(number: &str) -> Option<Bin> {
    let digits = digits_only(number);
    if let Some(bin) = ISSUED.iter().find(|b| digits.starts_with(b.prefix)) {
        return Some(*bin);
    }
    if two_series(&digits) {
        return Some(TWO_SERIES);
    }
    RANGES
        .iter()
        .find(|b| digits.starts_with(b.prefix))
        .copied()
}

/// The card product of a card number: 1 Visa, 2 American Express, 3 Mastercard (1 when the
/// scheme is unknown, as for a declined test number).
pub(in crate::onlinepayments) fn product_of(number: &str) -> i64 {
    lookup(number).map_or(1, |b| b.product)
}

/// Whether `digits` pass the Luhn check.
pub(in crate::onlinepayments) fn luhn(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.chars().rev().enumerate() {
        let Some(d) = c.to_digit(10) else {
            return false;
        };
        sum += if i % 2 == 1 {
            let x = d * 2;
            if x > 9 { x - 9 } else { x }
        } else {
            d
        };
    }
    !digits.is_empty() && sum % 10 == 0
}

impl Bin {
    /// The card fields of `GetIINDetailsResponse`/`IINDetail` (without `isAllowedInContext`).
    pub(in crate::onlinepayments) fn details_json(&self) -> Value {
        let mut v = json!({
            "cardCorporateIndicator": self.usage == "commercial",
            "cardEffectiveDateIndicator": false,
            "cardPanType": "pan",
            "cardProductUsageLabel": self.usage,
            "cardScheme": self.scheme,
            "cardType": self.card_type,
            "countryCode": self.country,
            "issuingCountryCode": self.country,
            "panLengthMax": self.pan_length.1,
            "panLengthMin": self.pan_length.0,
            "panLuhnCheck": true,
            "paymentProductId": self.product,
            "virtualCardIndicator": false,
        });
        if let Some(m) = v.as_object_mut() {
            if let Some((code, name)) = self.card_product {
                m.insert("cardProductCode".into(), json!(code));
                m.insert("cardProductName".into(), json!(name));
            }
            if let Some((code, name)) = self.issuer {
                m.insert("issuerCode".into(), json!(code));
                m.insert("issuerName".into(), json!(name));
            }
            if let Some(region) = self.region {
                m.insert("issuerRegionCode".into(), json!(region));
            }
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cards::TestCard;

    fn test_card_bins() -> Vec<(TestCard, Option<Bin>)> {
        TestCard::ALL
            .iter()
            .map(|c| (*c, lookup(c.number())))
            .collect()
    }

    #[test]
    fn every_test_card_has_its_issuer_bin() {
        for (card, bin) in test_card_bins() {
            let bin = bin.unwrap();
            assert!(card.number().starts_with(bin.prefix), "{card:?}");
            assert!(bin.issuer.is_some(), "{card:?}");
            // The approved cards are valid numbers; the declined ones fail the Luhn check.
            assert_eq!(
                luhn(card.number()),
                card.outcome().is_approved(),
                "{card:?}"
            );
        }
        assert_eq!(product_of(TestCard::MastercardSuccess.number()), 3);
        assert_eq!(product_of(TestCard::VisaDeclined.number()), 1);
    }

    #[test]
    fn platform_test_cards_and_ranges() {
        assert_eq!(lookup("4012000033330026").unwrap().issuer, Some(TEST_BANK));
        assert_eq!(product_of("371449635398431"), 2);
        assert_eq!(product_of("5200000091444270"), 3);
        assert_eq!(lookup("2223000048400011").unwrap().product, 3);
        assert_eq!(lookup("4999 9999").unwrap().country, "99");
        assert_eq!(lookup("6011000990139424"), None);
        assert_eq!(lookup(""), None);
        assert!(luhn("4012000033330026") && luhn("371449635398431"));
        assert!(!luhn("4012000033330027") && !luhn("") && !luhn("12a4"));
    }

    #[test]
    fn details() {
        let v = lookup("542523").unwrap().details_json();
        assert_eq!(v["cardScheme"], "Mastercard");
        assert_eq!(v["cardCorporateIndicator"], true);
        assert_eq!(v["issuerName"], "Test Issuer");
        assert!(
            lookup("4")
                .unwrap()
                .details_json()
                .get("issuerName")
                .is_none()
        );
    }
}
