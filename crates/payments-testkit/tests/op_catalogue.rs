#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! The catalogue through the Rust SDK: `products()` and `product_groups()` filtered by the
//! query, typed fields and display hints, networks, the directory, Apple Pay sessions, and
//! the platform's errors.

mod op_common;

use onlinepayments::domain::{PaymentProduct, PaymentProductSessionRequest};
use onlinepayments::merchant::productgroups::{GetProductGroupParams, GetProductGroupsParams};
use onlinepayments::merchant::products::{
    GetPaymentProductNetworksParams, GetPaymentProductParams, GetPaymentProductsParams,
    GetProductDirectoryParams,
};
use op_common::{failure, merchant, merchant_as, req, sandbox, wrong_secret};
use serde_json::{Value, json};

fn nl_eur() -> GetPaymentProductsParams {
    GetPaymentProductsParams::default()
        .with_country_code("NL")
        .with_currency_code("EUR")
}

fn product_nl() -> GetPaymentProductParams {
    GetPaymentProductParams::default()
        .with_country_code("NL")
        .with_currency_code("EUR")
}

fn ids(products: &[PaymentProduct]) -> Vec<i64> {
    products.iter().map(|p| p.id.unwrap()).collect()
}

fn field<'a>(p: &'a PaymentProduct, id: &str) -> &'a onlinepayments::domain::PaymentProductField {
    p.fields
        .as_ref()
        .unwrap()
        .iter()
        .find(|f| f.id.as_deref() == Some(id))
        .unwrap()
}

#[tokio::test]
async fn products_are_filtered_by_the_query() {
    let sb = sandbox(None).await;
    let products = merchant(&sb).products();

    let all = products
        .get_payment_products(&nl_eur(), None)
        .await
        .unwrap();
    let all = all.payment_products.unwrap();
    assert_eq!(ids(&all), [1, 3, 2, 302, 320, 840, 809, 771]);
    let visa = &all[0];
    assert_eq!(visa.payment_method.as_deref(), Some("card"));
    assert_eq!(visa.payment_product_group.as_deref(), Some("cards"));
    assert_eq!(visa.allows_tokenization, Some(true));
    assert_eq!(visa.uses_redirection_to3rd_party, Some(false));
    let hints = &visa.display_hints_list.as_ref().unwrap()[0];
    assert_eq!(hints.label.as_deref(), Some("Visa"));
    assert_eq!(hints.display_order, Some(10));
    assert!(hints.logo.as_deref().unwrap().ends_with("pp_logo_1_v1.png"));
    let paypal = all.iter().find(|p| p.id == Some(840)).unwrap();
    assert_eq!(paypal.payment_method.as_deref(), Some("redirect"));
    assert_eq!(paypal.uses_redirection_to3rd_party, Some(true));
    assert!(paypal.fields.is_none());
    let sepa = all.iter().find(|p| p.id == Some(771)).unwrap();
    assert_eq!(sepa.payment_method.as_deref(), Some("directDebit"));
    assert!(
        field(sepa, "iban")
            .data_restrictions
            .as_ref()
            .unwrap()
            .validators
            .as_ref()
            .unwrap()
            .iban
            .is_some()
    );

    // Currency, country, amount and recurrence filter; `hide` takes fields and products out.
    let cases: [(GetPaymentProductsParams, &[i64]); 5] = [
        (nl_eur().with_currency_code("SEK"), &[1, 3, 302, 320, 840]),
        (
            nl_eur().with_country_code("US").with_currency_code("USD"),
            &[1, 3, 2, 302, 320, 840],
        ),
        (nl_eur().with_is_recurring(true), &[1, 3, 2, 302, 840, 771]),
        (
            nl_eur().with_amount(6_000_000),
            &[1, 3, 2, 302, 320, 840, 771],
        ),
        (
            nl_eur().add_hide("productsWithRedirects"),
            &[1, 3, 2, 302, 320, 771],
        ),
    ];
    for (params, expected) in cases {
        let got = products.get_payment_products(&params, None).await.unwrap();
        assert_eq!(ids(&got.payment_products.unwrap()), expected, "{params:?}");
    }
    let hidden = products
        .get_payment_products(
            &nl_eur().add_hide("fields").add_hide("accountsOnFile"),
            None,
        )
        .await
        .unwrap();
    assert!(
        hidden
            .payment_products
            .unwrap()
            .iter()
            .all(|p| p.fields.is_none())
    );

    // Labels follow the locale.
    let dutch = products
        .get_payment_products(&nl_eur().with_locale("nl_NL"), None)
        .await
        .unwrap();
    let visa = &dutch.payment_products.unwrap()[0];
    let number = field(visa, "cardNumber").display_hints.as_ref().unwrap();
    assert_eq!(number.label.as_deref(), Some("Kaartnummer"));
    sb.shutdown().await;
}

#[tokio::test]
async fn a_card_product_has_typed_fields_with_validators_and_hints() {
    let sb = sandbox(None).await;
    let products = merchant(&sb).products();
    let visa = products
        .get_payment_product(1, &product_nl(), None)
        .await
        .unwrap();
    assert_eq!(visa.id, Some(1));
    let order: Vec<_> = visa
        .fields
        .as_ref()
        .unwrap()
        .iter()
        .map(|f| f.id.clone().unwrap())
        .collect();
    assert_eq!(order, ["cardNumber", "expiryDate", "cvv", "cardholderName"]);

    let number = field(&visa, "cardNumber");
    assert_eq!(number.r#type.as_deref(), Some("numericstring"));
    let restrictions = number.data_restrictions.as_ref().unwrap();
    assert_eq!(restrictions.is_required, Some(true));
    let validators = restrictions.validators.as_ref().unwrap();
    let length = validators.length.as_ref().unwrap();
    assert_eq!((length.min_length, length.max_length), (Some(12), Some(19)));
    assert!(validators.luhn.is_some());
    let hints = number.display_hints.as_ref().unwrap();
    assert_eq!(hints.label.as_deref(), Some("Card number"));
    assert_eq!(
        hints.mask.as_deref(),
        Some("{{9999}} {{9999}} {{9999}} {{9999}} {{999}}")
    );
    assert_eq!(
        hints.preferred_input_type.as_deref(),
        Some("IntegerKeyboard")
    );
    assert_eq!(
        hints.form_element.as_ref().unwrap().r#type.as_deref(),
        Some("text")
    );

    let expiry = field(&visa, "expiryDate");
    let v = expiry
        .data_restrictions
        .as_ref()
        .unwrap()
        .validators
        .as_ref()
        .unwrap();
    assert!(v.expiration_date.is_some());
    assert_eq!(
        v.regular_expression
            .as_ref()
            .unwrap()
            .regular_expression
            .as_deref(),
        Some("(?:0[1-9]|1[0-2])[0-9]{2}")
    );
    assert_eq!(
        expiry
            .display_hints
            .as_ref()
            .unwrap()
            .placeholder_label
            .as_deref(),
        Some("MM/YY")
    );
    let cvv = field(&visa, "cvv").display_hints.as_ref().unwrap();
    assert_eq!(cvv.obfuscate, Some(true));
    assert!(
        cvv.tooltip
            .as_ref()
            .unwrap()
            .label
            .as_deref()
            .unwrap()
            .contains("3 digits")
    );
    let holder = field(&visa, "cardholderName");
    assert_eq!(
        holder.data_restrictions.as_ref().unwrap().is_required,
        Some(false)
    );

    // American Express: 15 digits, a 4-digit code.
    let amex = products
        .get_payment_product(2, &product_nl(), None)
        .await
        .unwrap();
    let l = field(&amex, "cardNumber")
        .data_restrictions
        .clone()
        .unwrap()
        .validators
        .unwrap()
        .length
        .unwrap();
    assert_eq!((l.min_length, l.max_length), (Some(15), Some(15)));
    let l = field(&amex, "cvv")
        .data_restrictions
        .clone()
        .unwrap()
        .validators
        .unwrap()
        .length
        .unwrap();
    assert_eq!((l.min_length, l.max_length), (Some(4), Some(4)));

    // iDEAL: the issuer as a list of the directory's banks.
    let ideal = products
        .get_payment_product(809, &product_nl(), None)
        .await
        .unwrap();
    let issuer = field(&ideal, "issuerId");
    let element = issuer
        .display_hints
        .as_ref()
        .unwrap()
        .form_element
        .as_ref()
        .unwrap();
    assert_eq!(element.r#type.as_deref(), Some("list"));
    // `valueMapping` is deprecated in the API but is what a list field carries.
    #[allow(deprecated)]
    let mapping = element.value_mapping.as_ref().unwrap();
    assert_eq!(mapping[0].value.as_deref(), Some("ABNANL2A"));
    assert_eq!(
        mapping[0].display_elements.as_ref().unwrap()[0]
            .value
            .as_deref(),
        Some("ABN AMRO")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_or_unavailable_products_are_404_and_bad_queries_400() {
    let sb = sandbox(None).await;
    let products = merchant(&sb).products();
    let e = products
        .get_payment_product(-1, &product_nl(), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).0, "ReferenceException");
    assert_eq!(failure(&e).1, 404);
    // iDEAL is Dutch only.
    let us = GetPaymentProductParams::default().with_country_code("US");
    let e = products
        .get_payment_product(809, &us, None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 404);

    let missing_country = GetPaymentProductsParams::default().with_currency_code("EUR");
    let e = products
        .get_payment_products(&missing_country, None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("PARAMETER_NOT_FOUND_IN_REQUEST".to_owned()),
            Some("countryCode".to_owned())
        )
    );
    let bad = [
        (nl_eur().with_locale("invalid_locale"), "locale"),
        (nl_eur().with_currency_code("euro"), "currencyCode"),
        (nl_eur().with_amount(-5), "amount"),
        (nl_eur().add_hide("everything"), "hide"),
    ];
    for (params, property) in bad {
        let e = products
            .get_payment_products(&params, None)
            .await
            .unwrap_err();
        let (kind, status, id, prop) = failure(&e);
        assert_eq!(
            (kind, status, id.as_deref(), prop.as_deref()),
            (
                "ValidationException",
                400,
                Some("INVALID_VALUE"),
                Some(property)
            )
        );
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn networks_and_directory() {
    let sb = sandbox(None).await;
    let products = merchant(&sb).products();
    let params = GetPaymentProductNetworksParams::default()
        .with_country_code("NL")
        .with_currency_code("EUR");
    let apple = products
        .get_payment_product_networks(302, &params, None)
        .await
        .unwrap();
    assert_eq!(apple.networks.unwrap(), ["Visa", "MasterCard", "Amex"]);
    let google = products
        .get_payment_product_networks(320, &params, None)
        .await
        .unwrap();
    assert_eq!(google.networks.unwrap(), ["VISA", "MASTERCARD", "AMEX"]);
    for id in [1, -1] {
        let e = products
            .get_payment_product_networks(id, &params, None)
            .await
            .unwrap_err();
        assert_eq!(failure(&e).1, 404, "{id}");
    }

    let params = GetProductDirectoryParams::default()
        .with_country_code("NL")
        .with_currency_code("EUR");
    let directory = products
        .get_product_directory(809, &params, None)
        .await
        .unwrap();
    let entries = directory.entries.unwrap();
    assert_eq!(entries.len(), 8);
    #[allow(deprecated)]
    let first = (
        entries[0].issuer_id.clone(),
        entries[0].issuer_name.clone(),
        entries[0].issuer_list.clone(),
    );
    assert_eq!(
        first,
        (
            Some("ABNANL2A".into()),
            Some("ABN AMRO".into()),
            Some("short".into())
        )
    );
    assert!(
        entries
            .iter()
            .any(|e| e.issuer_list.as_deref() == Some("long"))
    );
    for id in [1, -1] {
        let e = products
            .get_product_directory(id, &params, None)
            .await
            .unwrap_err();
        assert_eq!(failure(&e).1, 404, "{id}");
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn apple_pay_sessions() {
    let sb = sandbox(None).await;
    let products = merchant(&sb).products();
    let request: PaymentProductSessionRequest = req(json!({
        "paymentProductSession302SpecificInput": {"displayName": "Test Merchant", "domainName": "shop.example"},
    }));
    let response = products
        .create_payment_product_session(302, &request, None)
        .await
        .unwrap();
    let session = response
        .payment_product_session302_specific_output
        .unwrap()
        .session
        .unwrap();
    let session: Value = serde_json::from_str(&session).unwrap();
    assert_eq!(session["domainName"], "shop.example");
    assert_eq!(session["displayName"], "Test Merchant");
    assert_eq!(session["merchantIdentifier"], op_common::MERCHANT);
    assert!(session["signature"].as_str().is_some_and(|s| !s.is_empty()));

    let e = products
        .create_payment_product_session(-1, &request, None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).0, "ValidationException");
    let no_domain: PaymentProductSessionRequest =
        req(json!({"paymentProductSession302SpecificInput": {"displayName": "Test Merchant"}}));
    let e = products
        .create_payment_product_session(302, &no_domain, None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e).3.as_deref(),
        Some("paymentProductSession302SpecificInput.domainName")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn product_groups() {
    let sb = sandbox(None).await;
    let groups = merchant(&sb).product_groups();
    let params = GetProductGroupsParams::default()
        .with_country_code("NL")
        .with_currency_code("EUR")
        .with_locale("de_DE");
    let all = groups.get_product_groups(&params, None).await.unwrap();
    let all = all.payment_product_groups.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].id.as_deref(), Some("cards"));
    assert_eq!(
        all[0].display_hints_list.as_ref().unwrap()[0]
            .label
            .as_deref(),
        Some("Karten")
    );

    let one = GetProductGroupParams::default().with_country_code("NL");
    for id in ["cards", "Cards"] {
        let g = groups.get_product_group(id, &one, None).await.unwrap();
        assert_eq!(g.id.as_deref(), Some("cards"));
    }
    let e = groups
        .get_product_group("wallets", &one, None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).0, "ReferenceException");
    let e = groups
        .get_product_group("cards", &GetProductGroupParams::default(), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("countryCode"));
    sb.shutdown().await;
}

#[tokio::test]
async fn another_merchant_or_a_wrong_signature_is_refused() {
    let sb = sandbox(None).await;
    let e = merchant_as(&sb, "OTHER")
        .products()
        .get_payment_products(&nl_eur(), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).0, "AuthorizationException");
    assert_eq!(failure(&e).1, 403);
    let e = wrong_secret(&sb)
        .product_groups()
        .get_product_groups(
            &GetProductGroupsParams::default().with_country_code("NL"),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 401);
    sb.shutdown().await;
}

/// The blocking client, outside any async context.
#[test]
fn blocking_client_reads_the_catalogue() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sb = runtime.block_on(sandbox(None));
    let client = onlinepayments::blocking::Factory::create_client_from_configuration(
        &op_common::configuration(&sb, op_common::SECRET),
        None,
        None,
        None,
    )
    .unwrap();
    let products = client.merchant(op_common::MERCHANT).products();
    let mastercard = products
        .get_payment_product(3, &product_nl(), None)
        .unwrap();
    assert_eq!(
        mastercard.display_hints_list.unwrap()[0].label.as_deref(),
        Some("MasterCard")
    );
    runtime.block_on(sb.shutdown());
}
