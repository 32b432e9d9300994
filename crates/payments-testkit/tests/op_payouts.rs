#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `payouts()` through the Rust SDK: a credited payout, a declined card, unknown ids, invalid
//! requests, and the bank's rejection forced by the control API with its signed webhook.

mod common;
mod op_common;

use std::time::{Duration, Instant};

use common::Merchant;
use onlinepayments::Error;
use onlinepayments::communication::RequestHeader;
use onlinepayments::domain::CreatePayoutRequest;
use onlinepayments::webhooks::{InMemorySecretKeyStore, WebhooksHelper};
use op_common::{WEBHOOK_KEY_ID, WEBHOOK_SECRET, failure, merchant, req, sandbox, token_of};
use payments_testkit::{Notification, OnlinePaymentsSandbox, SandboxError, TestCard, Transition};
use serde_json::{Value, json};

fn payout(card: &str, amount: i64, currency: &str) -> Value {
    json!({
        "amountOfMoney": {"amount": amount, "currencyCode": currency},
        "cardPayoutMethodSpecificInput": {
            "card": {"cardNumber": card, "cardholderName": "Wile E. Coyote", "expiryDate": "1230"},
            "paymentProductId": 1,
            "payoutReason": "Refund of order 42",
        },
    })
}

/// The first `count` webhooks, waiting at most 5 s for their background delivery.
async fn webhooks(sb: &OnlinePaymentsSandbox, count: usize) -> Vec<Notification> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let sent = sb.notifications();
        if sent.len() >= count || Instant::now() > deadline {
            return sent;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn unmarshal(n: &Notification) -> onlinepayments::domain::WebhooksEvent {
    let store = InMemorySecretKeyStore::new();
    store
        .store_secret_key(WEBHOOK_KEY_ID, WEBHOOK_SECRET)
        .unwrap();
    let headers: Vec<RequestHeader> = n
        .headers
        .iter()
        .map(|(k, v)| RequestHeader::new(k.as_str(), v.as_str()))
        .collect();
    WebhooksHelper::new(store)
        .unmarshal(&n.body, &headers)
        .unwrap()
}

#[tokio::test]
async fn a_payout_to_an_approved_card_is_credited_and_can_be_read_back() {
    let receiver = Merchant::start(0).await;
    let sb = sandbox(Some(&receiver.url)).await;
    let m = merchant(&sb);
    let request: CreatePayoutRequest = req(payout(TestCard::VisaSuccess.number(), 1000, "EUR"));
    let created = m.payouts().create_payout(&request, None).await.unwrap();
    let id = created.id.clone().unwrap();
    assert_eq!(created.status.as_deref(), Some("ACCOUNT_CREDITED"));
    let output = created.payout_output.unwrap();
    let money = output.amount_of_money.unwrap();
    assert_eq!(
        (money.amount, money.currency_code.as_deref()),
        (Some(1000), Some("EUR"))
    );
    let card = output.payout_card_payment_method_specific_output.unwrap();
    assert_eq!(card.payment_product_id, Some(1));
    assert_eq!(
        card.card.unwrap().card_number.as_deref(),
        Some("************1111")
    );

    let got = m.payouts().get_payout(&id, None).await.unwrap();
    assert_eq!(got.id.as_deref(), Some(id.as_str()));
    assert_eq!(got.status.as_deref(), Some("ACCOUNT_CREDITED"));
    let status = got.status_output.unwrap();
    assert_eq!(
        (status.status_category.as_deref(), status.status_code),
        (Some("REFUNDED"), Some(8))
    );

    // A stored token pays out too.
    let token = token_of(&m, TestCard::MastercardSuccess.number()).await;
    let by_token: CreatePayoutRequest = req(json!({
        "amountOfMoney": {"amount": 250, "currencyCode": "EUR"},
        "cardPayoutMethodSpecificInput": {"token": token},
    }));
    let credited = m.payouts().create_payout(&by_token, None).await.unwrap();
    assert_eq!(credited.status.as_deref(), Some("ACCOUNT_CREDITED"));

    let sent = webhooks(&sb, 2).await;
    let event = unmarshal(&sent[0]);
    assert_eq!(event.r#type.as_deref(), Some("payout.account_credited"));
    assert_eq!(event.payout.unwrap().id.as_deref(), Some(id.as_str()));
    sb.shutdown().await;
}

#[tokio::test]
async fn a_declined_card_gives_a_declined_payout_with_its_result() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let request: CreatePayoutRequest = req(payout(TestCard::VisaDeclined.number(), 500, "EUR"));
    let e = m.payouts().create_payout(&request, None).await.unwrap_err();
    let Error::DeclinedPayoutException(declined) = &e else {
        panic!("{e:?}");
    };
    assert_eq!(declined.api.status_code, 402);
    let result = declined.payout_result().unwrap();
    assert_eq!(result.status.as_deref(), Some("REJECTED_CREDIT"));
    // The declined payout exists.
    let id = result.id.clone().unwrap();
    let got = m.payouts().get_payout(&id, None).await.unwrap();
    assert_eq!(got.status.as_deref(), Some("REJECTED_CREDIT"));
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_payouts_and_invalid_requests_get_the_platform_errors() {
    let sb = sandbox(None).await;
    let payouts = merchant(&sb).payouts();
    let e = payouts.get_payout("9999999999_0", None).await.unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ReferenceException",
            404,
            Some("UNKNOWN_RESOURCE".into()),
            None
        )
    );
    let visa = TestCard::VisaSuccess.number();
    let cases = [
        (payout(visa, -1000, "EUR"), "amountOfMoney.amount"),
        (payout(visa, 1000, "INVALID"), "amountOfMoney.currencyCode"),
        (
            payout("123", 1000, "EUR"),
            "cardPayoutMethodSpecificInput.card.cardNumber",
        ),
    ];
    for (body, property) in cases {
        let e = payouts.create_payout(&req(body), None).await.unwrap_err();
        assert_eq!(
            failure(&e),
            (
                "ValidationException",
                400,
                Some("INVALID_VALUE".into()),
                Some(property.into())
            )
        );
    }
    let e = payouts
        .create_payout(
            &req(json!({"amountOfMoney": {"amount": 5, "currencyCode": "EUR"}})),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e).3.as_deref(),
        Some("cardPayoutMethodSpecificInput.card.cardNumber")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn the_bank_rejects_a_credited_payout_once() {
    let receiver = Merchant::start(0).await;
    let sb = sandbox(Some(&receiver.url)).await;
    let payouts = merchant(&sb).payouts();
    let request: CreatePayoutRequest = req(payout(TestCard::VisaSuccess.number(), 700, "EUR"));
    let id = payouts
        .create_payout(&request, None)
        .await
        .unwrap()
        .id
        .unwrap();
    webhooks(&sb, 1).await;
    let rejected = sb.force_transition(&id, Transition::Decline).await.unwrap();
    assert_eq!(rejected.status, "REJECTED_CREDIT");
    let event = unmarshal(&rejected.notification.unwrap());
    assert_eq!(event.r#type.as_deref(), Some("payout.rejected_credit"));
    let got = payouts.get_payout(&id, None).await.unwrap();
    assert_eq!(got.status.as_deref(), Some("REJECTED_CREDIT"));
    // Rejected once; a payout has no other transition.
    for t in [
        Transition::Decline,
        Transition::Pay,
        Transition::RefundSettled,
    ] {
        let e = sb.force_transition(&id, t).await.unwrap_err();
        assert!(matches!(e, SandboxError::InvalidState(_)), "{t}: {e:?}");
    }
    sb.reset();
    let e = payouts.get_payout(&id, None).await.unwrap_err();
    assert_eq!(failure(&e).1, 404);
    sb.shutdown().await;
}
