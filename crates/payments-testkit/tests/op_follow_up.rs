#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `complete()`, `subsequent()` and `cof_series()` through the Rust SDK: a PayPal redirect
//! payment approved at the third party and completed, subsequent payments on the card of an
//! earlier payment or of an imported card-on-file series, and their errors.

mod op_common;

use onlinepayments::Error;
use onlinepayments::domain::{
    CompletePaymentRequest, CreatePaymentRequest, ImportCofSeriesRequest, SubsequentPaymentRequest,
};
use op_common::{card_payment, failure, http, merchant, paid, req, sandbox, token_of};
use payments_core::http::{HttpRequest, Method};
use payments_testkit::{TestCard, Transition};
use serde_json::json;

fn redirect_payment(product: i64, requires_approval: bool) -> CreatePaymentRequest {
    req(json!({
        "order": {"amountOfMoney": {"amount": 1500, "currencyCode": "EUR"}},
        "redirectPaymentMethodSpecificInput": {
            "paymentProductId": product,
            "redirectionData": {"returnUrl": "https://shop.example/back"},
            "requiresApproval": requires_approval,
        },
    }))
}

fn completion(amount: i64) -> CompletePaymentRequest {
    req(json!({"order": {"amountOfMoney": {"amount": amount, "currencyCode": "EUR"}}}))
}

fn subsequent(amount: i64, mode: &str) -> SubsequentPaymentRequest {
    req(json!({
        "order": {"amountOfMoney": {"amount": amount, "currencyCode": "EUR"}},
        "subsequentcardPaymentMethodSpecificInput": {"authorizationMode": mode, "subsequentType": "Recurring"},
    }))
}

fn series(card: &str) -> ImportCofSeriesRequest {
    req(json!({
        "card": {"cardNumber": card, "cardholderName": "John Doe", "expiryDate": "1230"},
        "currencyCode": "EUR",
        "paymentProductId": 1,
        "schemeReferenceData": "test_scheme_reference",
    }))
}

#[tokio::test]
async fn a_paypal_payment_is_approved_at_the_third_party_then_completed() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let created = m
        .payments()
        .create_payment(&redirect_payment(840, false), None)
        .await
        .unwrap();
    let payment = created.payment.unwrap();
    let id = payment.id.unwrap();
    assert_eq!(payment.status.as_deref(), Some("REDIRECTED"));
    let output = payment.payment_output.unwrap();
    assert_eq!(output.payment_method.as_deref(), Some("redirect"));
    let product = output.redirect_payment_method_specific_output.unwrap();
    assert_eq!(product.payment_product_id, Some(840));
    let action = created.merchant_action.unwrap();
    assert_eq!(action.action_type.as_deref(), Some("REDIRECT"));
    let redirect = action.redirect_data.unwrap();
    let url = redirect.redirect_url.unwrap();
    assert_eq!(url, format!("{}/thirdparty/{id}", sb.base_url()));

    // Not PENDING_COMPLETION yet: the platform's 500; an invalid body is checked first.
    let complete = m.complete();
    let e = complete
        .complete_payment(&id, &completion(1500), None)
        .await
        .unwrap_err();
    let (kind, status, _, _) = failure(&e);
    assert_eq!((kind, status), ("PlatformException", 500));
    let first = &op_common::api(&e).1.errors[0];
    assert_eq!(first.category.as_deref(), Some("DIRECT_PLATFORM_ERROR"));
    let e = complete
        .complete_payment(&id, &req(json!({})), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("PARAMETER_NOT_FOUND_IN_REQUEST".into()),
            Some("order".into())
        )
    );

    let page = http(HttpRequest::new(Method::Get, url.clone())).await;
    assert!(
        page.text_lossy().contains("15.00 EUR"),
        "{}",
        page.text_lossy()
    );
    let approved = http(HttpRequest::new(Method::Post, format!("{url}/approve"))).await;
    assert_eq!(approved.status, 303);
    let back = approved.header("location").unwrap();
    assert!(back.starts_with("https://shop.example/back?"), "{back}");
    assert!(back.contains(&format!("RETURNMAC={}", redirect.returnmac.unwrap())));
    assert!(back.contains(&format!("paymentId={id}")));
    let waiting = m.payments().get_payment(&id, None).await.unwrap();
    assert_eq!(waiting.status.as_deref(), Some("PENDING_COMPLETION"));

    let e = complete
        .complete_payment(&id, &completion(2000), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("order.amountOfMoney.amount"));
    let done = complete
        .complete_payment(&id, &completion(1500), None)
        .await
        .unwrap()
        .payment
        .unwrap();
    assert_eq!(done.status.as_deref(), Some("CAPTURED"));
    let e = complete
        .complete_payment(&id, &completion(1500), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 500);
    let e = complete
        .complete_payment("9999999999_0", &completion(1500), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).0, "ReferenceException");
    // A completed redirect payment is refunded like any other.
    let refund = m
        .payments()
        .refund_payment(&id, &req(json!({})), None)
        .await
        .unwrap();
    assert_eq!(refund.status.as_deref(), Some("REFUNDED"));
    sb.shutdown().await;
}

#[tokio::test]
async fn other_redirect_methods_are_paid_on_approval_and_can_be_forced() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let id = |r: onlinepayments::domain::CreatePaymentResponse| r.payment.unwrap().id.unwrap();
    let ideal = id(m
        .payments()
        .create_payment(&redirect_payment(809, true), None)
        .await
        .unwrap());
    let forced = sb.force_transition(&ideal, Transition::Pay).await.unwrap();
    assert_eq!(forced.status, "PENDING_CAPTURE");
    let refused = id(m
        .payments()
        .create_payment(&redirect_payment(809, false), None)
        .await
        .unwrap());
    let forced = sb
        .force_transition(&refused, Transition::Decline)
        .await
        .unwrap();
    assert_eq!(forced.status, "REJECTED");
    let abandoned = id(m
        .payments()
        .create_payment(&redirect_payment(840, false), None)
        .await
        .unwrap());
    let cancelled = http(HttpRequest::new(
        Method::Post,
        format!("{}/thirdparty/{abandoned}/cancel", sb.base_url()),
    ))
    .await;
    assert_eq!(cancelled.status, 303);
    let got = m.payments().get_payment(&abandoned, None).await.unwrap();
    assert_eq!(got.status.as_deref(), Some("CANCELLED"));

    let e = m
        .payments()
        .create_payment(&redirect_payment(1, false), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e).3.as_deref(),
        Some("redirectPaymentMethodSpecificInput.paymentProductId")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn a_subsequent_payment_charges_the_card_of_an_earlier_payment() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let (initial, _) = paid(
        &m,
        TestCard::VisaSuccess.number(),
        1000,
        "FINAL_AUTHORIZATION",
    )
    .await;
    let next = m
        .subsequent()
        .subsequent_payment(&initial, &subsequent(500, "SALE"), None)
        .await
        .unwrap()
        .payment
        .unwrap();
    assert_ne!(next.id.as_deref(), Some(initial.as_str()));
    assert_eq!(next.status.as_deref(), Some("CAPTURED"));
    let card = next
        .payment_output
        .unwrap()
        .card_payment_method_specific_output
        .unwrap()
        .card
        .unwrap();
    assert_eq!(card.card_number.as_deref(), Some("************1111"));
    let authorised = m
        .subsequent()
        .subsequent_payment(&initial, &subsequent(300, "FINAL_AUTHORIZATION"), None)
        .await
        .unwrap();
    assert_eq!(
        authorised.payment.unwrap().status.as_deref(),
        Some("PENDING_CAPTURE")
    );

    let s = m.subsequent();
    let e = s
        .subsequent_payment(&initial, &subsequent(-1000, "SALE"), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("INVALID_VALUE".into()),
            Some("order.amountOfMoney.amount".into())
        )
    );
    let bad_type: SubsequentPaymentRequest = req(json!({
        "order": {"amountOfMoney": {"amount": 100, "currencyCode": "EUR"}},
        "subsequentcardPaymentMethodSpecificInput": {"subsequentType": "Sometimes"},
    }));
    let e = s
        .subsequent_payment(&initial, &bad_type, None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e).3.as_deref(),
        Some("subsequentcardPaymentMethodSpecificInput.subsequentType")
    );
    let e = s
        .subsequent_payment("9999999999", &subsequent(100, "SALE"), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 404);
    // A rejected payment stored no credential.
    let e = m
        .payments()
        .create_payment(
            &card_payment(TestCard::VisaDeclined.number(), 1000, "SALE"),
            None,
        )
        .await
        .unwrap_err();
    let Error::DeclinedPaymentException(declined) = &e else {
        panic!("{e:?}");
    };
    let rejected = declined
        .create_payment_response()
        .unwrap()
        .payment
        .clone()
        .unwrap();
    let e = s
        .subsequent_payment(&rejected.id.unwrap(), &subsequent(100, "SALE"), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e).2.as_deref(),
        Some("ACTION_NOT_ALLOWED_ON_TARGET")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn an_imported_series_is_the_start_of_subsequent_payments() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let cof = m.cof_series();
    let imported = cof
        .import_cof_series(&series(TestCard::VisaSuccess.number()), None)
        .await
        .unwrap()
        .payment_id
        .unwrap();
    let start = m.payments().get_payment(&imported, None).await.unwrap();
    assert_eq!(start.status.as_deref(), Some("ACCOUNT_VERIFIED"));
    let amount = start
        .payment_output
        .unwrap()
        .amount_of_money
        .unwrap()
        .amount;
    assert_eq!(amount, Some(0));
    let next = m
        .subsequent()
        .subsequent_payment(&imported, &subsequent(900, "SALE"), None)
        .await
        .unwrap();
    assert_eq!(next.payment.unwrap().status.as_deref(), Some("CAPTURED"));

    // A series by token; one whose card is now declined.
    let token = token_of(&m, TestCard::MastercardSuccess.number()).await;
    let by_token: ImportCofSeriesRequest = req(json!({
        "currencyCode": "EUR", "schemeReferenceData": "srd-2", "tokenId": token,
        "transactionLinkIdentifier": "TLID-1",
    }));
    cof.import_cof_series(&by_token, None).await.unwrap();
    let declining = cof
        .import_cof_series(&series(TestCard::VisaInsufficientFunds.number()), None)
        .await
        .unwrap()
        .payment_id
        .unwrap();
    let e = m
        .subsequent()
        .subsequent_payment(&declining, &subsequent(900, "SALE"), None)
        .await
        .unwrap_err();
    let Error::DeclinedPaymentException(declined) = &e else {
        panic!("{e:?}");
    };
    assert_eq!(declined.api.status_code, 402);

    let mut no_srd = serde_json::to_value(series(TestCard::VisaSuccess.number())).unwrap();
    no_srd
        .as_object_mut()
        .unwrap()
        .remove("schemeReferenceData");
    let unknown_token: ImportCofSeriesRequest = req(json!({
        "currencyCode": "EUR", "schemeReferenceData": "srd", "tokenId": "no-such-token",
    }));
    let cases = [
        (
            req(no_srd),
            "PARAMETER_NOT_FOUND_IN_REQUEST",
            "schemeReferenceData",
        ),
        (unknown_token, "INVALID_VALUE", "tokenId"),
        (series("123"), "INVALID_VALUE", "card.cardNumber"),
    ];
    for (request, error, property) in cases {
        let e = cof.import_cof_series(&request, None).await.unwrap_err();
        assert_eq!(
            failure(&e),
            (
                "ValidationException",
                400,
                Some(error.into()),
                Some(property.into())
            )
        );
    }
    sb.shutdown().await;
}
