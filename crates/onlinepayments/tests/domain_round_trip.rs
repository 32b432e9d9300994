//! Serde round trip of every data class: for each class of `spec/domain.json`, a JSON
//! object with every field set (nested objects three levels deep, lists of two elements)
//! is read into the Rust struct and written again; the result must be the same JSON,
//! keys in the same order. And no `Debug` of a data class shows a value the official
//! SDK obfuscates in its logs (card numbers, CVVs, names, addresses, keys, …).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::collections::BTreeMap;

use onlinepayments::domain::{CLASS_NAMES, DataObject, WebhooksEvent, round_trip_by_name};
use onlinepayments::log::BodyObfuscator;
use serde_json::{Map, Value, json};

/// The spec: class name → its fields as (JSON key, type).
fn spec() -> BTreeMap<String, Vec<(String, Value)>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/domain.json");
    let spec: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    spec["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|class| {
            let fields = class["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| (f["key"].as_str().unwrap().to_owned(), f["type"].clone()))
                .collect();
            (class["name"].as_str().unwrap().to_owned(), fields)
        })
        .collect()
}

/// A value of `ty` for the field `key`; `depth` bounds nested (and recursive) objects.
fn sample(
    spec: &BTreeMap<String, Vec<(String, Value)>>,
    ty: &Value,
    key: &str,
    depth: usize,
) -> Value {
    match ty["kind"].as_str().unwrap() {
        "string" => json!(format!("{key}-value-é\"\n")),
        "integer" => json!(i64::MAX - key.len() as i64),
        "number" => json!(21.5),
        "boolean" => json!(key.len().is_multiple_of(2)),
        "date" => json!("2024-03-05"),
        "datetime" => json!("2024-03-05T10:00:00.123+01:00"),
        "object" => object(spec, ty["class"].as_str().unwrap(), depth + 1),
        "list" => {
            let item = &ty["items"];
            json!([
                sample(spec, item, key, depth),
                sample(spec, item, key, depth)
            ])
        }
        other => panic!("unknown kind {other}"),
    }
}

/// An object of `class` with every field set, down to three levels.
fn object(spec: &BTreeMap<String, Vec<(String, Value)>>, class: &str, depth: usize) -> Value {
    let mut map = Map::new();
    if depth <= 3 {
        for (key, ty) in &spec[class] {
            map.insert(key.clone(), sample(spec, ty, key, depth));
        }
    }
    Value::Object(map)
}

/// The text of a value with its keys in their order (serde_json keeps the order).
fn ordered(value: &Value) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn every_class_round_trips_with_every_field_set() {
    let spec = spec();
    assert_eq!(spec.len(), CLASS_NAMES.len());
    let mut fields = 0;
    for name in CLASS_NAMES {
        let input = object(&spec, name, 0);
        fields += input.as_object().unwrap().len();
        let body = serde_json::to_string(&input).unwrap();
        let output = round_trip_by_name(name, &body)
            .unwrap_or_else(|| panic!("{name} is not in the registry"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let output: Value = serde_json::from_str(&output).unwrap();
        assert_eq!(ordered(&output), ordered(&input), "{name}");
    }
    // Every field of every class was set once at the top level.
    assert_eq!(
        fields,
        spec.values().map(Vec::len).sum::<usize>(),
        "fields covered"
    );
}

#[test]
fn every_class_round_trips_empty_and_with_unknown_keys() {
    for name in CLASS_NAMES {
        let out = round_trip_by_name(name, r#"{"notAField": [1, {"x": null}]}"#)
            .unwrap()
            .unwrap();
        assert_eq!(out, "{}", "{name}");
    }
}

/// The webhook event types: `WebhooksEvent` with each of its payloads, through serde
/// directly (`Deserialize` then `Serialize`) and through `DataObject`.
#[test]
fn webhook_events_round_trip() {
    let spec = spec();
    let full = object(&spec, "WebhooksEvent", 0);
    for payload in [
        "directBatch",
        "paymentLink",
        "payment",
        "payout",
        "refund",
        "token",
    ] {
        let mut event = json!({
            "apiVersion": "v1",
            "created": "2024-03-05T10:00:00.000+01:00",
            "id": format!("evt-{payload}"),
            "merchantId": "M1",
            "type": format!("{payload}.created"),
        });
        let value = full
            .get(payload)
            .unwrap_or_else(|| panic!("WebhooksEvent has no {payload}"));
        event[payload] = value.clone();
        let typed: WebhooksEvent = serde_json::from_value(event.clone()).unwrap();
        assert_eq!(
            ordered(&serde_json::to_value(&typed).unwrap()),
            ordered(&event)
        );
        assert_eq!(typed.to_dictionary(), event);
        assert_eq!(WebhooksEvent::from_dictionary(event).unwrap(), typed);
    }
    let typed: WebhooksEvent = serde_json::from_value(full.clone()).unwrap();
    assert_eq!(
        ordered(&serde_json::to_value(&typed).unwrap()),
        ordered(&full)
    );
}

/// The JSON keys whose values the official SDK's default `BodyObfuscator` hides.
const MASKED_KEYS: &[&str] = &[
    "additionalInfo",
    "cardholderName",
    "dateOfBirth",
    "emailAddress",
    "faxNumber",
    "firstName",
    "houseNumber",
    "mobilePhoneNumber",
    "passengerName",
    "phoneNumber",
    "street",
    "workPhoneNumber",
    "zip",
    "cardNumber",
    "expiryDate",
    "cvv",
    "iban",
    "accountNumber",
    "reformattedAccountNumber",
    "bin",
    "value",
    "keyId",
    "secretKey",
    "publicKey",
    "userAuthenticationToken",
    "encryptedPayload",
    "decryptedPayload",
    "encryptedCustomerInput",
];

/// Checks that `Debug` of `class` (read from a fully set object) shows no masked value.
fn assert_debug_masked<T: DataObject>(spec: &BTreeMap<String, Vec<(String, Value)>>, class: &str) {
    let value: T = serde_json::from_value(object(spec, class, 0)).unwrap();
    let debug = format!("{value:?}");
    for key in MASKED_KEYS {
        assert!(
            !debug.contains(&format!("\"{key}-value")),
            "{class} shows {key}: {debug}"
        );
    }
}

macro_rules! classes_with_masked_fields {
    ($($class:ident),* $(,)?) => {
        /// Every class with a masked string field, and through them every class that
        /// holds one: none shows a masked value in `Debug`.
        #[test]
        fn debug_masks_what_the_official_sdk_obfuscates() {
            for key in MASKED_KEYS {
                let body = format!("{{\"{key}\": \"abcdefghijkl\"}}");
                assert_ne!(BodyObfuscator::default().obfuscate_body(&body), body, "{key}");
            }
            let spec = spec();
            let listed: Vec<&str> = vec![$(stringify!($class)),*];
            let expected: Vec<&str> = spec
                .iter()
                .filter(|(_, fields)| {
                    fields.iter().any(|(key, ty)| {
                        ty["kind"] == "string" && MASKED_KEYS.contains(&key.as_str())
                    })
                })
                .map(|(name, _)| name.as_str())
                .collect();
            assert_eq!(listed, expected);
            $(assert_debug_masked::<onlinepayments::domain::$class>(&spec, stringify!($class));)*
            // The classes holding them, for example a payment request with a card.
            assert_debug_masked::<onlinepayments::domain::CardPaymentMethodSpecificInput>(
                &spec,
                "CardPaymentMethodSpecificInput",
            );
            assert_debug_masked::<onlinepayments::domain::PaymentResponse>(&spec, "PaymentResponse");
            assert_debug_masked::<WebhooksEvent>(&spec, "WebhooksEvent");
        }
    };
}

classes_with_masked_fields!(
    AccountOnFileAttribute,
    Address,
    AddressPersonal,
    AirlineData,
    AirlinePassenger,
    BankAccountIban,
    Card,
    CardDataWithoutCvv,
    CardEssentials,
    CardInfo,
    CardPaymentMethodSpecificOutputSummaryCard,
    CardSource,
    CardToken,
    CardWithoutCvv,
    ContactDetails,
    CreatePaymentRequest,
    CreateTokenRequest,
    CustomerBankAccount,
    DccCardSource,
    DecryptedPaymentData,
    GetIINDetailsRequest,
    LoanRecipient,
    MandateAddress,
    MandateAddressResponse,
    MandateContactDetails,
    MandatePersonalName,
    MandatePersonalNameResponse,
    MobilePaymentData,
    NetworkTokenData,
    NetworkTokenEssentials,
    NetworkTokenLinked,
    PaymentProduct5001SpecificOutput,
    PaymentProduct840CustomerAccount,
    PaymentProductFieldDisplayElement,
    PersonalInformation,
    PersonalName,
    PersonalNameToken,
    Shipping,
    SurchargeCalculationCard,
    TokenInfo,
    ValueMappingElement,
);

#[test]
fn debug_keeps_what_is_not_sensitive() {
    let card = onlinepayments::domain::Card::default()
        .with_card_number("5300000000000006")
        .with_cvv("123")
        .with_expiry_date("1230")
        .with_cardholder_name("John Doe");
    assert_eq!(
        format!("{card:?}"),
        r#"Card { card_number: Some("************0006"), cardholder_name: Some("********"), cvv: Some("***"), expiry_date: Some("**30") }"#
    );
    let money = onlinepayments::domain::AmountOfMoney::default().with_amount(1000);
    assert_eq!(
        format!("{money:?}"),
        "AmountOfMoney { amount: Some(1000), currency_code: None }"
    );
}
