//! What the shop sells, the providers it offers and the one place prices come from.

use std::fmt;

use payments_core::money::{Currency, Money};

/// A payment provider the shop offers at checkout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provider {
    /// NoPayn / Cost+ hosted payment page.
    NoPayn,
    /// ECommPay Payment Page.
    Ecommpay,
    /// EPoint.
    Epoint,
    /// Online Payments hosted checkout.
    OnlinePayments,
}

impl Provider {
    /// Every provider, in display order.
    pub const ALL: [Provider; 4] = [
        Provider::NoPayn,
        Provider::Ecommpay,
        Provider::Epoint,
        Provider::OnlinePayments,
    ];

    /// URL-safe identifier.
    pub fn slug(self) -> &'static str {
        match self {
            Provider::NoPayn => "nopayn",
            Provider::Ecommpay => "ecommpay",
            Provider::Epoint => "epoint",
            Provider::OnlinePayments => "onlinepayments",
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Provider::NoPayn => "NoPayn",
            Provider::Ecommpay => "ECommPay",
            Provider::Epoint => "EPoint",
            Provider::OnlinePayments => "Online Payments",
        }
    }

    /// What the customer sees of the provider, shown in the picker.
    pub fn tagline(self) -> &'static str {
        match self {
            Provider::NoPayn => "Cost+ hosted payment page",
            Provider::Ecommpay => "ECommPay Payment Page",
            Provider::Epoint => "Cards issued in Azerbaijan",
            Provider::OnlinePayments => "Worldline hosted checkout",
        }
    }

    /// The currency the shop's account with this provider settles in: every price shown with
    /// this provider selected, and every amount sent to it, is in this currency. EPoint only
    /// takes Azerbaijani manat.
    pub fn currency(self) -> Currency {
        match self {
            Provider::Epoint => Currency::AZN,
            Provider::NoPayn | Provider::Ecommpay | Provider::OnlinePayments => Currency::EUR,
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.slug() == slug)
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A product of the catalogue.
#[derive(Debug)]
pub struct Product {
    /// Identifier used in forms and URLs.
    pub sku: &'static str,
    /// Display name.
    pub name: &'static str,
    /// One line under the name.
    pub blurb: &'static str,
    /// Text alternative of the product picture.
    pub image_alt: &'static str,
    /// The price list: one price per currency the shop sells in (no conversion at checkout).
    prices: &'static [Money],
}

impl Product {
    /// The listed price in `currency`, if the product is sold in it.
    pub fn price_in(&self, currency: Currency) -> Option<Money> {
        self.prices
            .iter()
            .copied()
            .find(|m| m.currency() == currency)
    }

    /// Path of the product picture (served by the shop).
    pub fn image_path(&self) -> String {
        format!("/static/img/{}.svg", self.sku)
    }
}

const fn eur(minor: i64) -> Money {
    Money::from_minor(minor, Currency::EUR)
}

const fn azn(minor: i64) -> Money {
    Money::from_minor(minor, Currency::AZN)
}

/// The catalogue, in display order.
pub const CATALOGUE: &[Product] = &[
    Product {
        sku: "kettle",
        name: "Gooseneck Kettle",
        blurb: "1 litre, brushed steel, for a slow and steady pour.",
        image_alt: "A steel gooseneck kettle with a black handle",
        prices: &[eur(4950), azn(9200)],
    },
    Product {
        sku: "dripper",
        name: "Ceramic Dripper",
        blurb: "Cone pour-over for one or two cups.",
        image_alt: "A white ceramic pour-over cone on a saucer",
        prices: &[eur(2400), azn(4450)],
    },
    Product {
        sku: "mug",
        name: "Enamel Mug",
        blurb: "350 ml, chip-resistant, dishwasher safe.",
        image_alt: "A teal enamel mug with a white rim",
        prices: &[eur(1295), azn(2390)],
    },
    Product {
        sku: "beans",
        name: "House Blend, 250 g",
        blurb: "Medium roast with notes of cocoa and plum.",
        image_alt: "A brown paper bag of coffee beans with a label",
        prices: &[eur(980), azn(1820)],
    },
];

/// A product by its SKU.
pub fn product(sku: &str) -> Option<&'static Product> {
    CATALOGUE.iter().find(|p| p.sku == sku)
}

/// The amount the customer sees and the provider is asked to charge for `product` paid with
/// `provider`. Product cards, the checkout summary and the order all take it from here.
pub fn quote(product: &Product, provider: Provider) -> Option<Money> {
    product.price_in(provider.currency())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_slugs_round_trip() {
        for p in Provider::ALL {
            assert_eq!(Provider::from_slug(p.slug()), Some(p));
        }
        assert_eq!(Provider::from_slug("paypal"), None);
        assert_eq!(Provider::from_slug(""), None);
    }

    #[test]
    fn every_product_has_a_price_for_every_provider() {
        for product in CATALOGUE {
            for provider in Provider::ALL {
                let price = quote(product, provider)
                    .unwrap_or_else(|| panic!("{} has no price for {provider}", product.sku));
                assert_eq!(price.currency(), provider.currency());
                assert!(price.minor_units() > 0);
            }
        }
    }

    #[test]
    fn epoint_is_quoted_in_manat_and_the_others_in_euro() {
        let kettle = product("kettle").unwrap();
        assert_eq!(
            quote(kettle, Provider::Epoint).unwrap().to_string(),
            "92.00 AZN"
        );
        for p in [
            Provider::NoPayn,
            Provider::Ecommpay,
            Provider::OnlinePayments,
        ] {
            assert_eq!(quote(kettle, p).unwrap().to_string(), "49.50 EUR");
        }
    }

    #[test]
    fn skus_are_unique_and_url_safe() {
        for (i, p) in CATALOGUE.iter().enumerate() {
            assert!(p.sku.bytes().all(|b| b.is_ascii_lowercase()));
            assert_eq!(product(p.sku).map(|q| q.name), Some(p.name));
            assert!(CATALOGUE.iter().skip(i + 1).all(|q| q.sku != p.sku));
        }
        assert!(product("nothing").is_none());
    }
}
