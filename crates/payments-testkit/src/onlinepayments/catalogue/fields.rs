//! The fields of the catalogue's products (`PaymentProductField`): their validators, as the
//! client SDKs read them, and their display hints, labelled in the query's language.

use serde_json::{Value, json};

use super::products::IDEAL_ISSUERS;

/// The languages the sandbox labels fields in; any other locale gets English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::onlinepayments) enum Lang {
    En,
    Nl,
    Fr,
    De,
}

impl Lang {
    /// The language of a locale (`nl_NL` → Dutch); English when absent or unknown.
    pub(in crate::onlinepayments) fn of(locale: Option<&str>) -> Lang {
        match locale.and_then(|l| l.split('_').next()) {
            Some("nl") => Lang::Nl,
            Some("fr") => Lang::Fr,
            Some("de") => Lang::De,
            _ => Lang::En,
        }
    }

    /// One of four texts, in the order English, Dutch, French, German.
    pub(in crate::onlinepayments) fn pick(self, texts: [&'static str; 4]) -> &'static str {
        let [en, nl, fr, de] = texts;
        match self {
            Lang::En => en,
            Lang::Nl => nl,
            Lang::Fr => fr,
            Lang::De => de,
        }
    }
}

/// A field a product asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::onlinepayments) enum Field {
    /// `cardNumber`, Luhn-checked, with its length range.
    CardNumber { length: (i64, i64) },
    /// `expiryDate` as `MMYY`.
    ExpiryDate,
    /// `cvv` with its exact length range.
    Cvv { length: (i64, i64) },
    /// `cardholderName`.
    CardholderName,
    /// `iban` (SEPA Direct Debit).
    Iban,
    /// `accountHolderName` (SEPA Direct Debit).
    AccountHolderName,
    /// `issuerId`: the bank, one of the iDEAL directory.
    IssuerId,
}

const CARD_MASK: &str = "{{9999}} {{9999}} {{9999}} {{9999}} {{999}}";
const AMEX_MASK: &str = "{{9999}} {{999999}} {{99999}}";
const CVV_IMAGE: &str = "templates/master/global/css/img/ppimages/ppf_cvv_v1.png";

fn display_hints(
    order: i64,
    label: &str,
    form: &str,
    input: &str,
) -> serde_json::Map<String, Value> {
    let hints = json!({
        "alwaysShow": false,
        "displayOrder": order,
        "formElement": {"type": form},
        "label": label,
        "obfuscate": false,
        "preferredInputType": input,
    });
    match hints {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    }
}

fn field(
    id: &str,
    kind: &str,
    required: bool,
    validators: Value,
    hints: serde_json::Map<String, Value>,
) -> Value {
    json!({
        "dataRestrictions": {"isRequired": required, "validators": validators},
        "displayHints": hints,
        "id": id,
        "type": kind,
    })
}

impl Field {
    /// The field's id.
    pub(in crate::onlinepayments) fn id(self) -> &'static str {
        match self {
            Field::CardNumber { .. } => "cardNumber",
            Field::ExpiryDate => "expiryDate",
            Field::Cvv { .. } => "cvv",
            Field::CardholderName => "cardholderName",
            Field::Iban => "iban",
            Field::AccountHolderName => "accountHolderName",
            Field::IssuerId => "issuerId",
        }
    }

    /// The `PaymentProductField` JSON, labelled in `lang`; `order` is its display order.
    pub(in crate::onlinepayments) fn json(self, lang: Lang, order: i64) -> Value {
        let id = self.id();
        match self {
            Field::CardNumber { length: (min, max) } => {
                let label = lang.pick([
                    "Card number",
                    "Kaartnummer",
                    "Numéro de carte",
                    "Kartennummer",
                ]);
                let mut hints = display_hints(order, label, "text", "IntegerKeyboard");
                hints.insert("alwaysShow".into(), json!(true));
                hints.insert(
                    "mask".into(),
                    json!(if max == 15 { AMEX_MASK } else { CARD_MASK }),
                );
                hints.insert("placeholderLabel".into(), json!("**** **** **** ****"));
                let validators =
                    json!({"length": {"maxLength": max, "minLength": min}, "luhn": {}});
                field(id, "numericstring", true, validators, hints)
            }
            Field::ExpiryDate => {
                let label = lang.pick([
                    "Expiry date",
                    "Vervaldatum",
                    "Date d'expiration",
                    "Ablaufdatum",
                ]);
                let mut hints = display_hints(order, label, "text", "IntegerKeyboard");
                hints.insert("mask".into(), json!("{{99}}/{{99}}"));
                hints.insert(
                    "placeholderLabel".into(),
                    json!(lang.pick(["MM/YY", "MM/JJ", "MM/AA", "MM/JJ"])),
                );
                let validators = json!({
                    "expirationDate": {},
                    "length": {"maxLength": 4, "minLength": 4},
                    "regularExpression": {"regularExpression": "(?:0[1-9]|1[0-2])[0-9]{2}"},
                });
                field(id, "expirydate", true, validators, hints)
            }
            Field::Cvv { length: (min, max) } => {
                let label = lang.pick([
                    "Security code",
                    "Beveiligingscode",
                    "Cryptogramme visuel",
                    "Prüfnummer",
                ]);
                let mut hints = display_hints(order, label, "text", "IntegerKeyboard");
                hints.insert(
                    "mask".into(),
                    json!(if max == 4 { "{{9999}}" } else { "{{999}}" }),
                );
                hints.insert("obfuscate".into(), json!(true));
                let where_ = if max == 4 {
                    lang.pick([
                        "The 4 digits on the front of your card",
                        "De 4 cijfers op de voorkant van uw kaart",
                        "Les 4 chiffres au recto de votre carte",
                        "Die 4 Ziffern auf der Vorderseite Ihrer Karte",
                    ])
                } else {
                    lang.pick([
                        "The 3 digits on the back of your card",
                        "De 3 cijfers op de achterkant van uw kaart",
                        "Les 3 chiffres au verso de votre carte",
                        "Die 3 Ziffern auf der Rückseite Ihrer Karte",
                    ])
                };
                hints.insert(
                    "tooltip".into(),
                    json!({"image": CVV_IMAGE, "label": where_}),
                );
                let validators = json!({
                    "length": {"maxLength": max, "minLength": min},
                    "regularExpression": {"regularExpression": format!("^[0-9]{{{min},{max}}}$")},
                });
                field(id, "numericstring", true, validators, hints)
            }
            Field::CardholderName => {
                let label = lang.pick([
                    "Cardholder name",
                    "Naam kaarthouder",
                    "Nom du titulaire",
                    "Karteninhaber",
                ]);
                let hints = display_hints(order, label, "text", "StringKeyboard");
                let validators = json!({"length": {"maxLength": 51, "minLength": 2}});
                field(id, "string", false, validators, hints)
            }
            Field::Iban => {
                let mut hints = display_hints(order, "IBAN", "text", "StringKeyboard");
                hints.insert("placeholderLabel".into(), json!("NL00 BANK 0123 4567 89"));
                let validators = json!({"iban": {}, "length": {"maxLength": 34, "minLength": 15}});
                field(id, "string", true, validators, hints)
            }
            Field::AccountHolderName => {
                let label = lang.pick([
                    "Account holder",
                    "Rekeninghouder",
                    "Titulaire du compte",
                    "Kontoinhaber",
                ]);
                let hints = display_hints(order, label, "text", "StringKeyboard");
                let validators = json!({"length": {"maxLength": 70, "minLength": 2}});
                field(id, "string", true, validators, hints)
            }
            Field::IssuerId => {
                let label = lang.pick(["Bank", "Bank", "Banque", "Bank"]);
                let mut hints = display_hints(order, label, "list", "StringKeyboard");
                let mapping: Vec<Value> = IDEAL_ISSUERS
                    .iter()
                    .map(|(id, name, _)| {
                        json!({
                            "displayElements": [{"id": "displayName", "type": "STRING", "value": name}],
                            "value": id,
                        })
                    })
                    .collect();
                hints.insert(
                    "formElement".into(),
                    json!({"type": "list", "valueMapping": mapping}),
                );
                let allowed: Vec<&str> = IDEAL_ISSUERS.iter().map(|(id, _, _)| *id).collect();
                let validators = json!({"fixedList": {"allowedValues": allowed}});
                field(id, "string", true, validators, hints)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages() {
        assert_eq!(Lang::of(Some("nl_NL")), Lang::Nl);
        assert_eq!(Lang::of(Some("fr_BE")), Lang::Fr);
        assert_eq!(Lang::of(Some("es_ES")), Lang::En);
        assert_eq!(Lang::of(None), Lang::En);
    }

    #[test]
    fn card_fields() {
        let number = Field::CardNumber { length: (15, 15) }.json(Lang::De, 10);
        assert_eq!(number["id"], "cardNumber");
        assert_eq!(number["displayHints"]["label"], "Kartennummer");
        assert_eq!(number["displayHints"]["mask"], AMEX_MASK);
        assert_eq!(
            number["dataRestrictions"]["validators"]["length"]["minLength"],
            15
        );
        assert!(number["dataRestrictions"]["validators"]["luhn"].is_object());
        let cvv = Field::Cvv { length: (3, 3) }.json(Lang::En, 30);
        assert_eq!(
            cvv["dataRestrictions"]["validators"]["regularExpression"]["regularExpression"],
            "^[0-9]{3,3}$"
        );
        let issuer = Field::IssuerId.json(Lang::Nl, 10);
        assert_eq!(issuer["displayHints"]["formElement"]["type"], "list");
        assert_eq!(
            issuer["dataRestrictions"]["validators"]["fixedList"]["allowedValues"][0],
            "ABNANL2A"
        );
    }
}
