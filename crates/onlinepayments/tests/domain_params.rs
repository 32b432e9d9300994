#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! Query-parameter classes: emission order and encoding as the official
//! `to_request_parameters`.

use onlinepayments::communication::ParamRequest;
use onlinepayments::params::{
    GetCardDataByTokensParams, GetPaymentProductsParams, GetPaymentsReportParams,
    GetPrivacyPolicyParams,
};

fn pairs(p: &impl ParamRequest) -> Vec<(String, String)> {
    p.to_request_parameters()
        .iter()
        .map(|r| (r.name().to_owned(), r.value().to_owned()))
        .collect()
}

fn owned(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn payment_products_in_official_order() {
    // Set in a different order than emitted.
    let params = GetPaymentProductsParams::default()
        .with_operation_type("Authorization")
        .add_hide("fields")
        .add_hide("accountsOnFile")
        .with_is_recurring(true)
        .with_amount(1000)
        .with_locale("nl_NL")
        .with_currency_code("EUR")
        .with_country_code("NL");
    assert_eq!(
        pairs(&params),
        owned(&[
            ("countryCode", "NL"),
            ("currencyCode", "EUR"),
            ("locale", "nl_NL"),
            ("amount", "1000"),
            ("isRecurring", "True"),
            ("hide", "fields"),
            ("hide", "accountsOnFile"),
            ("operationType", "Authorization"),
        ])
    );
}

#[test]
fn booleans_are_python_str() {
    let params = GetPaymentProductsParams::default().with_is_recurring(false);
    assert_eq!(pairs(&params), owned(&[("isRecurring", "False")]));
}

#[test]
fn unset_fields_are_left_out() {
    assert!(pairs(&GetPaymentProductsParams::default()).is_empty());
    let params = GetPaymentsReportParams::default().with_limit(-5);
    assert_eq!(pairs(&params), owned(&[("limit", "-5")]));
    let params = GetPrivacyPolicyParams::default()
        .with_payment_product_id(3)
        .with_locale("en");
    assert_eq!(
        pairs(&params),
        owned(&[("locale", "en"), ("paymentProductId", "3")])
    );
}

#[test]
fn lists_repeat_and_setters_replace() {
    let params = GetCardDataByTokensParams::default()
        .add_tokens("a")
        .with_tokens(vec!["b".to_owned(), "c".to_owned()]);
    assert_eq!(pairs(&params), owned(&[("tokens", "b"), ("tokens", "c")]));
    let empty = GetCardDataByTokensParams::default().with_tokens(Vec::<String>::new());
    assert!(pairs(&empty).is_empty());
}
