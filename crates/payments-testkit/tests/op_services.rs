#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `services()` and `privacy_policy()` through the Rust SDK: IIN details from the BIN table,
//! DCC rates, surcharges, the privacy policy and the test connection.

mod op_common;

use onlinepayments::domain::{
    CalculateSurchargeRequest, CurrencyConversionRequest, GetIINDetailsRequest,
};
use onlinepayments::merchant::privacypolicy::GetPrivacyPolicyParams;
use op_common::{failure, merchant, merchant_as, req, sandbox, token_of};
use payments_testkit::TestCard;
use serde_json::json;

fn iin(bin: &str) -> GetIINDetailsRequest {
    req(json!({ "bin": bin }))
}

#[tokio::test]
async fn iin_details_come_from_the_bin_table() {
    let sb = sandbox(None).await;
    let services = merchant(&sb).services();

    // The platform's test BIN and the sandbox's test cards.
    let d = services
        .get_iin_details(&iin("401200"), None)
        .await
        .unwrap();
    assert_eq!(d.payment_product_id, Some(1));
    assert_eq!(d.card_scheme.as_deref(), Some("Visa"));
    assert_eq!(d.card_type.as_deref(), Some("Credit"));
    assert_eq!(d.issuing_country_code.as_deref(), Some("NL"));
    assert_eq!(d.issuer_name.as_deref(), Some("Test Issuer"));
    assert_eq!(d.pan_luhn_check, Some(true));
    assert!(d.is_allowed_in_context.is_none());
    let visa = services
        .get_iin_details(&iin(&TestCard::VisaSuccess.number()[..6]), None)
        .await
        .unwrap();
    assert_eq!(
        (visa.issuer_name.as_deref(), visa.country_code.as_deref()),
        (Some("Sandbox Bank"), Some("US"))
    );
    let mc = services
        .get_iin_details(&iin(TestCard::MastercardSuccess.number()), None)
        .await
        .unwrap();
    assert_eq!(mc.payment_product_id, Some(3));
    assert_eq!(mc.card_product_usage_label.as_deref(), Some("debit"));
    assert_eq!((mc.pan_length_min, mc.pan_length_max), (Some(13), Some(16)));
    let amex = services
        .get_iin_details(&iin("371449"), None)
        .await
        .unwrap();
    assert_eq!(
        (amex.payment_product_id, amex.card_scheme.as_deref()),
        (Some(2), Some("AmericanExpress"))
    );
    // A BIN of a scheme but no listed issuer: the scheme, country 99.
    let other = services
        .get_iin_details(&iin("499999"), None)
        .await
        .unwrap();
    assert_eq!(
        (other.payment_product_id, other.country_code.as_deref()),
        (Some(1), Some("99"))
    );
    assert!(other.issuer_name.is_none());

    // With a payment context: American Express is not offered in SEK.
    let context = |bin: &str, currency: &str| -> GetIINDetailsRequest {
        req(json!({"bin": bin, "paymentContext": {
            "amountOfMoney": {"amount": 1000, "currencyCode": currency}, "countryCode": "NL", "isRecurring": false,
        }}))
    };
    let ok = services
        .get_iin_details(&context("371449", "EUR"), None)
        .await
        .unwrap();
    assert_eq!(ok.is_allowed_in_context, Some(true));
    let refused = services
        .get_iin_details(&context("371449", "SEK"), None)
        .await
        .unwrap();
    assert_eq!(refused.is_allowed_in_context, Some(false));

    // Errors: a short BIN, no BIN, an unknown scheme, another merchant.
    let e = services
        .get_iin_details(&iin("123"), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("INVALID_VALUE".into()),
            Some("bin".into())
        )
    );
    let e = services
        .get_iin_details(&GetIINDetailsRequest::default(), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e).2.as_deref(),
        Some("PARAMETER_NOT_FOUND_IN_REQUEST")
    );
    let e = services
        .get_iin_details(&iin("601100"), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).0, "ReferenceException");
    let e = merchant_as(&sb, "OTHER")
        .services()
        .get_iin_details(&iin("401200"), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 403);
    sb.shutdown().await;
}

fn dcc(source: serde_json::Value, amount: i64, currency: &str) -> CurrencyConversionRequest {
    req(json!({
        "cardSource": source,
        "transaction": {"amount": {"amount": amount, "currencyCode": currency}},
    }))
}

#[tokio::test]
async fn dcc_rate_inquiry() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let services = m.services();

    // A US card paying in euros: a USD proposal at 1.085 plus 3.5%.
    let card =
        json!({"card": {"cardNumber": TestCard::VisaSuccess.number(), "paymentProductId": 1}});
    let r = services
        .get_dcc_rate_inquiry(&dcc(card, 1000, "EUR"), None)
        .await
        .unwrap();
    assert!(r.dcc_session_id.is_some());
    let result = r.result.unwrap();
    assert_eq!(result.result.as_deref(), Some("Allowed"));
    let proposal = r.proposal.unwrap();
    let base = proposal.base_amount.unwrap();
    assert_eq!(
        (base.amount, base.currency_code.as_deref()),
        (Some(1000), Some("EUR"))
    );
    let target = proposal.target_amount.unwrap();
    assert_eq!(
        (target.amount, target.currency_code.as_deref()),
        (Some(1123), Some("USD"))
    );
    let rate = proposal.rate.unwrap();
    assert_eq!(rate.exchange_rate, Some(1.085));
    assert_eq!(rate.mark_up_rate, Some(3.5));
    assert!(rate.quotation_date_time.is_some() && proposal.disclaimer_display.is_some());

    // The card as a token works too; a Dutch card in euros gets no proposal.
    let token = token_of(&m, TestCard::VisaSuccess.number()).await;
    let r = services
        .get_dcc_rate_inquiry(&dcc(json!({"token": token}), 500, "GBP"), None)
        .await
        .unwrap();
    assert_eq!(
        r.proposal
            .unwrap()
            .target_amount
            .unwrap()
            .currency_code
            .as_deref(),
        Some("USD")
    );
    let dutch = json!({"card": {"cardNumber": "4012000033330026"}});
    let r = services
        .get_dcc_rate_inquiry(&dcc(dutch, 1000, "EUR"), None)
        .await
        .unwrap();
    assert_eq!(r.result.unwrap().result.as_deref(), Some("NotAvailable"));
    assert!(r.proposal.is_none());
    let unknown = json!({"card": {"cardNumber": "6011000990139424"}});
    let r = services
        .get_dcc_rate_inquiry(&dcc(unknown, 1000, "EUR"), None)
        .await
        .unwrap();
    assert_eq!(r.result.unwrap().result.as_deref(), Some("InvalidCard"));

    // No card, a negative amount, an unknown token.
    let e = services
        .get_dcc_rate_inquiry(&dcc(json!({"card": {}}), 1000, "EUR"), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).0, "ValidationException");
    let card = json!({"card": {"cardNumber": TestCard::VisaSuccess.number()}});
    let e = services
        .get_dcc_rate_inquiry(&dcc(card, -1000, "EUR"), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("transaction.amount.amount"));
    let e = services
        .get_dcc_rate_inquiry(&dcc(json!({"token": "nope"}), 1000, "EUR"), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 404);
    sb.shutdown().await;
}

fn surcharge(number: Option<&str>, amount: i64) -> CalculateSurchargeRequest {
    let mut body = json!({"amountOfMoney": {"amount": amount, "currencyCode": "EUR"}, "cardSource": {"card": {}}});
    if let Some(n) = number {
        body["cardSource"]["card"]["cardNumber"] = json!(n);
    }
    req(body)
}

#[tokio::test]
async fn surcharge_calculation() {
    let sb = sandbox(None).await;
    let services = merchant(&sb).services();
    let cases = [
        (TestCard::VisaSuccess.number(), 1, "OK", 12),
        ("371449635398431", 2, "OK", 35),
        ("5425233430109903", 3, "OK", 15),
        // A consumer debit card: no surcharge.
        (TestCard::MastercardSuccess.number(), 3, "NO_SURCHARGE", 0),
    ];
    for (number, product, result, extra) in cases {
        let r = services
            .surcharge_calculation(&surcharge(Some(number), 1000), None)
            .await
            .unwrap();
        let s = &r.surcharges.unwrap()[0];
        assert_eq!(s.payment_product_id, Some(product), "{number}");
        assert_eq!(s.result.as_deref(), Some(result), "{number}");
        assert_eq!(s.net_amount.as_ref().unwrap().amount, Some(1000));
        assert_eq!(
            s.surcharge_amount.as_ref().unwrap().amount,
            Some(extra),
            "{number}"
        );
        assert_eq!(
            s.total_amount.as_ref().unwrap().amount,
            Some(1000 + extra),
            "{number}"
        );
        assert_eq!(s.surcharge_rate.is_some(), result == "OK");
    }
    let amex = services
        .surcharge_calculation(&surcharge(Some("371449635398431"), 1000), None)
        .await
        .unwrap();
    let rate = amex.surcharges.unwrap()[0].surcharge_rate.clone().unwrap();
    assert_eq!(
        (rate.ad_valorem_rate, rate.specific_rate),
        (Some(2.5), Some(10))
    );

    let e = services
        .surcharge_calculation(&surcharge(None, 1000), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).0, "ValidationException");
    let e = services
        .surcharge_calculation(
            &surcharge(Some(TestCard::VisaSuccess.number()), -1000),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("amountOfMoney.amount"));
    sb.shutdown().await;
}

#[tokio::test]
async fn privacy_policy_and_test_connection() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let policy = m.privacy_policy();
    let english = policy
        .get_privacy_policy(&GetPrivacyPolicyParams::default(), None)
        .await
        .unwrap();
    assert!(english.html_content.unwrap().contains("Privacy policy"));
    let params = GetPrivacyPolicyParams::default()
        .with_locale("de_DE")
        .with_payment_product_id(2);
    let german = policy
        .get_privacy_policy(&params, None)
        .await
        .unwrap()
        .html_content
        .unwrap();
    assert!(
        german.contains("Datenschutzerklärung") && german.contains("American Express"),
        "{german}"
    );

    let e = policy
        .get_privacy_policy(
            &GetPrivacyPolicyParams::default().with_payment_product_id(999),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 404);
    let e = policy
        .get_privacy_policy(
            &GetPrivacyPolicyParams::default().with_locale("german"),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("locale"));

    let connection = m.services().test_connection(None).await.unwrap();
    assert_eq!(connection.result.as_deref(), Some("OK"));
    sb.shutdown().await;
}
