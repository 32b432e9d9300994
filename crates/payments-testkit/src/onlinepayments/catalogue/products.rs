//! The fixed catalogue: three card products in the `cards` group, two redirect methods
//! (PayPal; iDEAL, which has an issuer directory), SEPA Direct Debit and two mobile wallets.
//! Ids and methods are the platform's; limits and availability are the sandbox's own.

use super::fields::Field;

/// The SEPA countries the sandbox accepts SEPA Direct Debit for.
const SEPA: &[&str] = &[
    "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU",
    "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MC", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI",
    "SK", "SM",
];

/// The card networks the wallets accept (Apple Pay names them in its own spelling).
const APPLE_PAY_NETWORKS: &[&str] = &["Visa", "MasterCard", "Amex"];
const GOOGLE_PAY_NETWORKS: &[&str] = &["VISA", "MASTERCARD", "AMEX"];

/// One payment product of the catalogue.
#[derive(Debug)]
pub(in crate::onlinepayments) struct Product {
    /// `id`.
    pub(in crate::onlinepayments) id: i64,
    /// `paymentMethod`: `card`, `redirect`, `directDebit` or `mobile`.
    pub(in crate::onlinepayments) method: &'static str,
    /// `paymentProductGroup` (`cards` for the cards).
    pub(in crate::onlinepayments) group: Option<&'static str>,
    /// `displayHints.label`.
    pub(in crate::onlinepayments) label: &'static str,
    /// `displayHints.displayOrder`.
    pub(super) display_order: i64,
    pub(super) allows_recurring: bool,
    pub(super) allows_tokenization: bool,
    pub(super) allows_authentication: bool,
    /// `usesRedirectionTo3rdParty`.
    pub(super) redirects: bool,
    /// Countries it is offered in (`None`: every country).
    pub(super) countries: Option<&'static [&'static str]>,
    /// Currencies it is offered in (`None`: every currency).
    pub(super) currencies: Option<&'static [&'static str]>,
    /// Smallest and largest amount (minor units) it is offered for.
    pub(super) amounts: (i64, i64),
    /// Its fields, in display order.
    pub(super) fields: &'static [Field],
    /// The networks of a wallet (`GET /products/{id}/networks`).
    pub(super) networks: &'static [&'static str],
    /// `gateway` of Google Pay's specific data.
    pub(super) gateway: Option<&'static str>,
}

const CARD_FIELDS: &[Field] = &[
    Field::CardNumber { length: (12, 19) },
    Field::ExpiryDate,
    Field::Cvv { length: (3, 3) },
    Field::CardholderName,
];

const AMEX_FIELDS: &[Field] = &[
    Field::CardNumber { length: (15, 15) },
    Field::ExpiryDate,
    Field::Cvv { length: (4, 4) },
    Field::CardholderName,
];

/// Every product, in display order.
pub(in crate::onlinepayments) static PRODUCTS: &[Product] = &[
    Product {
        id: 1,
        method: "card",
        group: Some("cards"),
        label: "Visa",
        display_order: 10,
        allows_recurring: true,
        allows_tokenization: true,
        allows_authentication: true,
        redirects: false,
        countries: None,
        currencies: None,
        amounts: (0, 1_000_000_000),
        fields: CARD_FIELDS,
        networks: &[],
        gateway: None,
    },
    Product {
        id: 3,
        method: "card",
        group: Some("cards"),
        label: "MasterCard",
        display_order: 20,
        allows_recurring: true,
        allows_tokenization: true,
        allows_authentication: true,
        redirects: false,
        countries: None,
        currencies: None,
        amounts: (0, 1_000_000_000),
        fields: CARD_FIELDS,
        networks: &[],
        gateway: None,
    },
    Product {
        id: 2,
        method: "card",
        group: Some("cards"),
        label: "American Express",
        display_order: 30,
        allows_recurring: true,
        allows_tokenization: true,
        allows_authentication: true,
        redirects: false,
        countries: None,
        currencies: Some(&["AUD", "CAD", "CHF", "EUR", "GBP", "JPY", "USD"]),
        amounts: (0, 1_000_000_000),
        fields: AMEX_FIELDS,
        networks: &[],
        gateway: None,
    },
    Product {
        id: 302,
        method: "mobile",
        group: None,
        label: "Apple Pay",
        display_order: 40,
        allows_recurring: true,
        allows_tokenization: false,
        allows_authentication: false,
        redirects: false,
        countries: None,
        currencies: None,
        amounts: (1, 1_000_000_000),
        fields: &[],
        networks: APPLE_PAY_NETWORKS,
        gateway: None,
    },
    Product {
        id: 320,
        method: "mobile",
        group: None,
        label: "Google Pay",
        display_order: 50,
        allows_recurring: false,
        allows_tokenization: false,
        allows_authentication: false,
        redirects: false,
        countries: None,
        currencies: None,
        amounts: (1, 1_000_000_000),
        fields: &[],
        networks: GOOGLE_PAY_NETWORKS,
        gateway: Some("worldlinedirect"),
    },
    Product {
        id: 840,
        method: "redirect",
        group: None,
        label: "PayPal",
        display_order: 60,
        allows_recurring: true,
        allows_tokenization: false,
        allows_authentication: false,
        redirects: true,
        countries: None,
        currencies: Some(&[
            "AUD", "CAD", "CHF", "CZK", "DKK", "EUR", "GBP", "HUF", "JPY", "NOK", "PLN", "SEK",
            "USD",
        ]),
        amounts: (1, 10_000_000),
        fields: &[],
        networks: &[],
        gateway: None,
    },
    Product {
        id: 809,
        method: "redirect",
        group: None,
        label: "iDEAL",
        display_order: 70,
        allows_recurring: false,
        allows_tokenization: false,
        allows_authentication: false,
        redirects: true,
        countries: Some(&["NL"]),
        currencies: Some(&["EUR"]),
        amounts: (1, 5_000_000),
        fields: &[Field::IssuerId],
        networks: &[],
        gateway: None,
    },
    Product {
        id: 771,
        method: "directDebit",
        group: None,
        label: "SEPA Direct Debit",
        display_order: 80,
        allows_recurring: true,
        allows_tokenization: false,
        allows_authentication: false,
        redirects: false,
        countries: Some(SEPA),
        currencies: Some(&["EUR"]),
        amounts: (1, 100_000_000),
        fields: &[Field::Iban, Field::AccountHolderName],
        networks: &[],
        gateway: None,
    },
];

/// The issuers of iDEAL (809), as its directory lists them: `(issuerId, issuerName,
/// issuerList)`.
pub(super) const IDEAL_ISSUERS: &[(&str, &str, &str)] = &[
    ("ABNANL2A", "ABN AMRO", "short"),
    ("INGBNL2A", "ING", "short"),
    ("RABONL2U", "Rabobank", "short"),
    ("ASNBNL21", "ASN Bank", "long"),
    ("BUNQNL2A", "bunq", "long"),
    ("KNABNL2H", "Knab", "long"),
    ("SNSBNL2A", "SNS", "long"),
    ("TRIONL2U", "Triodos Bank", "long"),
];
