//! The payment product catalogue: the products, the `cards` group, the iDEAL directory, the
//! wallets' networks and the BIN table, filtered by the query as the platform filters them
//! (`countryCode` required; `currencyCode`, `amount`, `isRecurring`, `locale`, `hide`).

use serde_json::{Map, Value, json};

use super::input::{QueryParams, is_country, is_currency, is_locale, missing};
use super::render::{Reply, invalid};

pub(super) mod bins;
mod fields;
mod products;

pub(super) use fields::Lang;
pub(super) use products::{PRODUCTS, Product};

/// The `hide` values the platform knows.
const HIDE: &[&str] = &[
    "fields",
    "accountsOnFile",
    "translations",
    "productsWithoutFields",
    "productsWithoutInstructions",
    "productsWithRedirects",
];

/// The group of the card products.
pub(super) const CARDS_GROUP: &str = "cards";

/// A catalogue query: what to offer, in which language, and what to leave out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Query {
    /// `None` only for a context without a country (`getIINdetails`).
    pub(super) country: Option<String>,
    pub(super) currency: Option<String>,
    pub(super) amount: Option<i64>,
    pub(super) lang: Lang,
    pub(super) is_recurring: bool,
    hide: Vec<String>,
}

impl Query {
    /// Reads and checks the query parameters: `countryCode` is required, every value must be
    /// well-formed and every `hide` value known.
    pub(super) fn parse(q: &QueryParams) -> Result<Query, Reply> {
        let country = q
            .checked("countryCode", is_country)?
            .ok_or_else(|| missing("countryCode"))?;
        let currency = q.checked("currencyCode", is_currency)?;
        let locale = q.checked("locale", is_locale)?;
        let amount = q.amount("amount")?;
        let is_recurring = q.boolean("isRecurring")?.unwrap_or(false);
        if q.get("operationType").is_some_and(str::is_empty) {
            return Err(invalid("operationType", "operationType is empty"));
        }
        let hide: Vec<String> = q.all("hide").into_iter().map(str::to_owned).collect();
        if let Some(bad) = hide.iter().find(|h| !HIDE.contains(&h.as_str())) {
            return Err(invalid("hide", &format!("unknown hide value {bad}")));
        }
        Ok(Query {
            country: Some(country),
            currency,
            amount,
            lang: Lang::of(locale.as_deref()),
            is_recurring,
            hide,
        })
    }

    /// A payment context (`getIINdetails`): no language, nothing hidden.
    pub(super) fn context(
        country: Option<String>,
        currency: Option<String>,
        amount: Option<i64>,
        is_recurring: bool,
    ) -> Query {
        Query {
            country,
            currency,
            amount,
            lang: Lang::En,
            is_recurring,
            hide: Vec::new(),
        }
    }

    fn hides(&self, what: &str) -> bool {
        self.hide.iter().any(|h| h == what)
    }
}

/// The product `id`, whether offered or not.
pub(super) fn product(id: i64) -> Option<&'static Product> {
    PRODUCTS.iter().find(|p| p.id == id)
}

impl Product {
    /// Whether the product is offered for the query's country, currency, amount and
    /// recurrence.
    pub(super) fn offered(&self, q: &Query) -> bool {
        q.country
            .as_deref()
            .is_none_or(|country| self.countries.is_none_or(|c| c.contains(&country)))
            && q.currency
                .as_deref()
                .is_none_or(|c| self.currencies.is_none_or(|cs| cs.contains(&c)))
            && q.amount
                .is_none_or(|a| (self.amounts.0..=self.amounts.1).contains(&a))
            && (!q.is_recurring || self.allows_recurring)
    }

    /// Whether a list answer leaves the product out for `hide`.
    fn hidden_in_lists(&self, q: &Query) -> bool {
        (q.hides("productsWithoutFields") && self.fields.is_empty())
            || (q.hides("productsWithRedirects") && self.redirects)
    }

    /// `displayHints`: label, logo and display order.
    pub(super) fn display_hints(&self) -> Value {
        json!({
            "displayOrder": self.display_order,
            "label": self.label,
            "logo": logo(self.id),
        })
    }

    /// The wallet networks (`PaymentProductNetworksResponse.networks`); empty for a product
    /// without networks.
    pub(super) fn networks(&self) -> &'static [&'static str] {
        self.networks
    }

    /// The `PaymentProduct` JSON for the query, with these accounts on file.
    pub(super) fn json(&self, q: &Query, accounts: Vec<Value>) -> Value {
        let mut m = Map::new();
        if !accounts.is_empty() && !q.hides("accountsOnFile") {
            m.insert("accountsOnFile".into(), Value::Array(accounts));
        }
        m.insert(
            "allowsAuthentication".into(),
            json!(self.allows_authentication),
        );
        m.insert("allowsRecurring".into(), json!(self.allows_recurring));
        m.insert("allowsTokenization".into(), json!(self.allows_tokenization));
        m.insert("displayHints".into(), self.display_hints());
        m.insert("displayHintsList".into(), json!([self.display_hints()]));
        if !self.fields.is_empty() && !q.hides("fields") {
            let fields: Vec<Value> = (1..)
                .zip(self.fields)
                .map(|(i, f)| f.json(q.lang, i * 10))
                .collect();
            m.insert("fields".into(), Value::Array(fields));
        }
        m.insert("id".into(), json!(self.id));
        m.insert("paymentMethod".into(), json!(self.method));
        match self.id {
            302 => {
                m.insert(
                    "paymentProduct302SpecificData".into(),
                    json!({"networks": self.networks}),
                );
            }
            320 => {
                m.insert(
                    "paymentProduct320SpecificData".into(),
                    json!({"gateway": self.gateway, "networks": self.networks}),
                );
            }
            _ => {}
        }
        if let Some(g) = self.group {
            m.insert("paymentProductGroup".into(), json!(g));
        }
        m.insert("usesRedirectionTo3rdParty".into(), json!(self.redirects));
        Value::Object(m)
    }
}

/// The logo of a product, relative to the session's `assetUrl`.
pub(super) fn logo(id: i64) -> String {
    format!("templates/master/global/css/img/ppimages/pp_logo_{id}_v1.png")
}

/// The products offered for the query, in display order, each with the accounts on file
/// `accounts` gives for its id.
pub(super) fn offered(q: &Query, accounts: impl Fn(i64) -> Vec<Value>) -> Vec<Value> {
    PRODUCTS
        .iter()
        .filter(|p| p.offered(q) && !p.hidden_in_lists(q))
        .map(|p| p.json(q, accounts(p.id)))
        .collect()
}

/// The `cards` group (`PaymentProductGroup`), if one of its products is offered.
pub(super) fn cards_group(q: &Query) -> Option<Value> {
    PRODUCTS
        .iter()
        .any(|p| p.group == Some(CARDS_GROUP) && p.offered(q))
        .then(|| {
            let hints = json!({
                "displayOrder": 0,
                "label": q.lang.pick(["Cards", "Kaarten", "Cartes", "Karten"]),
                "logo": "templates/master/global/css/img/ppimages/group-card.png",
            });
            json!({"displayHints": hints, "displayHintsList": [hints], "id": CARDS_GROUP})
        })
}

/// The iDEAL directory (`ProductDirectory`).
pub(super) fn directory(p: &Product) -> Option<Value> {
    (p.id == 809).then(|| {
        let entries: Vec<Value> = products::IDEAL_ISSUERS
            .iter()
            .map(|(id, name, list)| json!({"issuerId": id, "issuerList": list, "issuerName": name}))
            .collect();
        json!({ "entries": entries })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(raw: &str) -> Result<Query, Reply> {
        Query::parse(&QueryParams::parse(raw))
    }

    fn ids(q: &Query) -> Vec<i64> {
        offered(q, |_| Vec::new())
            .iter()
            .map(|p| p["id"].as_i64().unwrap_or_default())
            .collect()
    }

    #[test]
    fn queries_are_checked() {
        assert_eq!(query("currencyCode=EUR").unwrap_err().0, 400);
        for bad in [
            "countryCode=nl",
            "countryCode=NL&currencyCode=euro",
            "countryCode=NL&amount=-1",
            "countryCode=NL&amount=x",
            "countryCode=NL&locale=invalid_locale",
            "countryCode=NL&isRecurring=maybe",
            "countryCode=NL&hide=everything",
            "countryCode=NL&operationType=",
        ] {
            assert!(query(bad).is_err(), "{bad}");
        }
        let q = query("countryCode=NL&locale=nl_NL&hide=fields&hide=accountsOnFile").unwrap();
        assert_eq!(q.lang, Lang::Nl);
        assert!(q.hides("fields") && q.hides("accountsOnFile"));
    }

    #[test]
    fn filters() {
        assert_eq!(
            ids(&query("countryCode=NL&currencyCode=EUR").unwrap()),
            [1, 3, 2, 302, 320, 840, 809, 771]
        );
        assert_eq!(
            ids(&query("countryCode=US&currencyCode=USD").unwrap()),
            [1, 3, 2, 302, 320, 840]
        );
        assert_eq!(
            ids(&query("countryCode=NL&currencyCode=SEK").unwrap()),
            [1, 3, 302, 320, 840]
        );
        assert_eq!(
            ids(&query("countryCode=NL&currencyCode=EUR&isRecurring=True").unwrap()),
            [1, 3, 2, 302, 840, 771]
        );
        assert_eq!(
            ids(&query("countryCode=NL&currencyCode=EUR&amount=6000000").unwrap()),
            [1, 3, 2, 302, 320, 840, 771]
        );
        assert_eq!(
            ids(&query("countryCode=NL&currencyCode=EUR&amount=0").unwrap()),
            [1, 3, 2]
        );
        let no_redirects =
            query("countryCode=NL&currencyCode=EUR&hide=productsWithRedirects").unwrap();
        assert_eq!(ids(&no_redirects), [1, 3, 2, 302, 320, 771]);
        let with_fields =
            query("countryCode=NL&currencyCode=EUR&hide=productsWithoutFields").unwrap();
        assert_eq!(ids(&with_fields), [1, 3, 2, 809, 771]);
    }

    #[test]
    fn products_render_with_or_without_fields() {
        let q = query("countryCode=NL&locale=fr_FR").unwrap();
        let visa = product(1).unwrap().json(&q, vec![json!({"id": "t"})]);
        assert_eq!(visa["paymentProductGroup"], "cards");
        assert_eq!(visa["displayHints"]["label"], "Visa");
        assert_eq!(
            visa["fields"][0]["displayHints"]["label"],
            "Numéro de carte"
        );
        assert_eq!(visa["fields"].as_array().map(Vec::len), Some(4));
        assert_eq!(visa["accountsOnFile"][0]["id"], "t");
        let hidden = query("countryCode=NL&hide=fields&hide=accountsOnFile").unwrap();
        let visa = product(1).unwrap().json(&hidden, vec![json!({"id": "t"})]);
        assert!(visa.get("fields").is_none() && visa.get("accountsOnFile").is_none());
        let apple = product(302).unwrap().json(&q, Vec::new());
        assert_eq!(
            apple["paymentProduct302SpecificData"]["networks"][0],
            "Visa"
        );
        assert!(directory(product(809).unwrap()).is_some());
        assert!(directory(product(1).unwrap()).is_none());
        assert!(cards_group(&q).is_some());
    }
}
