#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `pre_authorization()` through the Rust SDK: a `PRE_AUTHORIZATION` is incremented and given
//! car rental details, then captured for the new amount; other payments refuse both.

mod op_common;

use onlinepayments::domain::{
    IncrementAuthorizationRequest, UpdateAuthorizationAdditionalDataRequest,
};
use op_common::{failure, merchant, paid, req, sandbox};
use payments_testkit::TestCard;
use serde_json::json;

fn increment(amount: i64, currency: &str) -> IncrementAuthorizationRequest {
    req(json!({"amountOfMoney": {"amount": amount, "currencyCode": currency}}))
}

fn car_rental() -> UpdateAuthorizationAdditionalDataRequest {
    req(
        json!({"carRentalData": {"agreementNumber": "RA-1234", "renterName": "Wile E. Coyote", "rentalRateAmount": 4500}}),
    )
}

#[tokio::test]
async fn a_pre_authorization_is_incremented_detailed_and_captured_in_full() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let visa = TestCard::VisaSuccess.number();
    let (id, status) = paid(&m, visa, 1000, "PRE_AUTHORIZATION").await;
    assert_eq!(status, "PENDING_CAPTURE");
    let pre = m.pre_authorization();
    let raised = pre
        .increment_authorization(&id, &increment(250, "EUR"), None)
        .await
        .unwrap()
        .payment
        .unwrap();
    assert_eq!(raised.status.as_deref(), Some("PENDING_CAPTURE"));
    let amount = |p: &onlinepayments::domain::PaymentResponse| {
        p.payment_output
            .as_ref()
            .unwrap()
            .amount_of_money
            .as_ref()
            .unwrap()
            .amount
    };
    assert_eq!(amount(&raised), Some(1250));
    let detailed = pre
        .add_authorization_details(&id, &car_rental(), None)
        .await
        .unwrap()
        .payment
        .unwrap();
    assert_eq!(detailed.id.as_deref(), Some(id.as_str()));
    assert_eq!(
        amount(&m.payments().get_payment(&id, None).await.unwrap()),
        Some(1250)
    );

    // The capture takes the incremented amount.
    let capture = m
        .payments()
        .capture_payment(&id, &req(json!({})), None)
        .await
        .unwrap();
    let captured = capture.capture_output.unwrap().amount_of_money.unwrap();
    assert_eq!(captured.amount, Some(1250));
    // Once captured, neither applies.
    let e = pre
        .increment_authorization(&id, &increment(100, "EUR"), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("ACTION_NOT_ALLOWED_ON_TARGET".into()),
            None
        )
    );
    let e = pre
        .add_authorization_details(&id, &car_rental(), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e).2.as_deref(),
        Some("ACTION_NOT_ALLOWED_ON_TARGET")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn only_a_pending_pre_authorization_can_be_incremented() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let pre = m.pre_authorization();
    let visa = TestCard::VisaSuccess.number();
    // A final authorisation waits for capture but cannot grow; its details can be added.
    let (final_auth, _) = paid(&m, visa, 1000, "FINAL_AUTHORIZATION").await;
    let e = pre
        .increment_authorization(&final_auth, &increment(100, "EUR"), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e).2.as_deref(),
        Some("ACTION_NOT_ALLOWED_ON_TARGET")
    );
    pre.add_authorization_details(&final_auth, &car_rental(), None)
        .await
        .unwrap();
    // A sale is captured already.
    let (sale, status) = paid(&m, visa, 1000, "SALE").await;
    assert_eq!(status, "CAPTURED");
    let e = pre
        .increment_authorization(&sale, &increment(100, "EUR"), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 400);
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_payments_and_invalid_increments_get_the_platform_errors() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let pre = m.pre_authorization();
    for e in [
        pre.increment_authorization("9999999999_0", &increment(100, "EUR"), None)
            .await
            .unwrap_err(),
        pre.add_authorization_details("9999999999_0", &car_rental(), None)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(
            failure(&e),
            (
                "ReferenceException",
                404,
                Some("UNKNOWN_RESOURCE".into()),
                None
            )
        );
    }
    let (id, _) = paid(
        &m,
        TestCard::VisaSuccess.number(),
        1000,
        "PRE_AUTHORIZATION",
    )
    .await;
    let cases = [
        (
            increment(-5, "EUR"),
            "INVALID_VALUE",
            "amountOfMoney.amount",
        ),
        (
            increment(5, "USD"),
            "INVALID_VALUE",
            "amountOfMoney.currencyCode",
        ),
        (
            req(json!({})),
            "PARAMETER_NOT_FOUND_IN_REQUEST",
            "amountOfMoney",
        ),
    ];
    for (request, error, property) in cases {
        let e = pre
            .increment_authorization(&id, &request, None)
            .await
            .unwrap_err();
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
    let e = pre
        .add_authorization_details(&id, &req(json!({})), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("carRentalData"));
    sb.shutdown().await;
}
