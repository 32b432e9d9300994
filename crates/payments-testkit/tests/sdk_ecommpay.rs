#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! The `ecommpay` SDK (`Payment`, `Gate`, `Callback`) against the ECommPay Payment Page
//! sandbox. The SDK has no server API: it signs Payment Page URLs and verifies callbacks.

mod common;

use std::time::Duration;

use common::{Merchant, client};
use ecommpay::chrono::{NaiveDate, TimeZone, Utc};
use ecommpay::{Callback, Error, Gate, Payment, PaymentStatus};
use payments_testkit::{
    CardOutcome, EcommpayConfig, EcommpaySandbox, RetryPolicy, SandboxError, TestCard,
};
use serde_json::{Value, json};

const SECRET: &str = "sdk-ecommpay-secret";
const PROJECT: i64 = 4242;

async fn sandbox(callback_url: Option<&str>) -> EcommpaySandbox {
    EcommpaySandbox::start(EcommpayConfig {
        project_id: PROJECT,
        secret_key: SECRET.to_owned(),
        callback_url: callback_url.map(str::to_owned),
        retry: RetryPolicy::new(5, Duration::from_millis(10)),
    })
    .await
    .unwrap()
}

fn gate(sb: &EcommpaySandbox) -> Gate {
    Gate::with_base_url(sb.secret_key(), sb.payment_page_url())
}

fn payment(payment_id: &str) -> Payment {
    Payment::new(PROJECT, payment_id)
        .payment_amount(1001)
        .payment_currency(Gate::CURRENCY_EUR)
        .payment_description("Тестовый платёж №1")
        .customer_id("customer-7")
        .language_code("en")
        .merchant_success_url("https://shop.example/ok")
        .merchant_fail_url("https://shop.example/fail")
}

/// A merchant endpoint that accepts only callbacks the SDK verifies with `secret`.
async fn verifying_merchant(fail_first: usize, secret: &str) -> Merchant {
    let gate = Gate::new(secret);
    Merchant::start_verifying(fail_first, move |_, body| {
        std::str::from_utf8(body).is_ok_and(|text| gate.handle_callback(text).is_ok())
    })
    .await
}

async fn get(url: &str) -> (u16, String) {
    let resp = client().get(url).send().await.unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

#[tokio::test]
async fn signed_page_url_is_accepted_and_paid_through_the_form() {
    let merchant = verifying_merchant(0, SECRET).await;
    let sb = sandbox(Some(&merchant.url)).await;
    let gate = gate(&sb);
    let url = gate.get_purchase_payment_page_url(&payment("order-1"));
    assert!(url.starts_with(&format!(
        "{}?project_id={PROJECT}&interface_type=%7B%22id%22%3A+24%7D&payment_id=order-1&",
        sb.payment_page_url()
    )));

    // The Payment Page opens: the signature verified and the payment is registered.
    let (status, page) = get(&url).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("10.01") && page.contains("EUR") && page.contains("card_number"));
    let opened = sb.payment("order-1").unwrap();
    assert_eq!(opened.status, Callback::AW_CUS_STATUS);
    assert_eq!((opened.amount, opened.currency.as_str()), (1001, "EUR"));
    assert_eq!(opened.description, "Тестовый платёж №1");
    assert_eq!(opened.customer_id.as_deref(), Some("customer-7"));

    // The customer submits the page's form.
    let resp = client()
        .post(format!("{}/pay", sb.payment_page_url()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("payment_id=order-1&card_number=4111+1111+1111+1111")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(resp.headers()["location"], "https://shop.example/ok");

    // The merchant verified the callback with the SDK (it answers 200 only then).
    let sent = sb.notifications();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].delivered);
    assert_eq!(sent[0].attempts.len(), 1);
    let body = merchant.received()[0].1.clone();
    let callback = gate
        .handle_callback(std::str::from_utf8(&body).unwrap())
        .unwrap();
    assert_eq!(callback.get_payment_id(), Some("order-1"));
    assert_eq!(callback.get_payment_status(), Some(PaymentStatus::Success));
    assert_eq!(callback.get_value("project_id"), Some(&json!(PROJECT)));
    assert_eq!(callback.get_value("payment.sum.amount"), Some(&json!(1001)));
    assert_eq!(
        callback.get_value("payment.sum.currency"),
        Some(&json!("EUR"))
    );
    assert_eq!(callback.get_value("operation.code"), Some(&json!("0")));
    assert_eq!(
        callback.get_value("operation.message"),
        Some(&json!("Success"))
    );
    assert_eq!(callback.get_value("operation.type"), Some(&json!("sale")));
    assert_eq!(
        callback.get_value("account.number"),
        Some(&json!("411111******1111"))
    );
    assert_eq!(
        callback.get_value("customer.id"),
        Some(&json!("customer-7"))
    );
    assert_eq!(
        callback.get_payment().unwrap()["description"],
        "Тестовый платёж №1"
    );
    assert_eq!(
        callback.get_signature(),
        callback.data()["signature"].as_str().unwrap()
    );
    assert_eq!(
        sb.payment("order-1").unwrap().status,
        Callback::SUCCESS_STATUS
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn every_kind_of_parameter_is_signed_as_the_sandbox_verifies() {
    let merchant = verifying_merchant(0, SECRET).await;
    let sb = sandbox(None).await;
    let gate = gate(&sb);
    let best_before = Utc.with_ymd_and_hms(2055, 5, 5, 10, 30, 0).unwrap();
    let p = payment("order-kinds")
        .close_on_missclick(true)
        .force_acs_new_window(false)
        .best_before(best_before)
        .set("frame_mode", "popup")
        .set("payment_extra_param", Value::Null)
        .set("rate", 10.5)
        .set("big_rate", 1e20)
        .set("merchant_callback_url", merchant.url.as_str())
        .set("note", "a;b:c & d=e + f?/#%")
        .set(
            "receipt",
            json!({"items": [{"name": "Widget", "qty": 2, "gift": true}], "k:v": null}),
        );
    let url = gate.get_purchase_payment_page_url(&p);
    let (status, page) = get(&url).await;
    assert_eq!(status, 200, "{page}");

    let stored = sb.payment("order-kinds").unwrap();
    let param = |name: &str| {
        stored
            .params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(param("close_on_missclick").as_deref(), Some("True"));
    assert_eq!(param("force_acs_new_window").as_deref(), Some("False"));
    assert_eq!(param("payment_extra_param").as_deref(), Some("None"));
    assert_eq!(
        param("best_before").as_deref(),
        Some("2055-05-05T10:30:00+00:00")
    );
    assert_eq!(param("big_rate").as_deref(), Some("1e+20"));
    assert_eq!(param("note").as_deref(), Some("a;b:c & d=e + f?/#%"));
    assert_eq!(param("receipt[items][0][gift]").as_deref(), Some("1"));

    // `merchant_callback_url` sends the callback there; the SDK accepts it.
    let outcome = sb
        .pay_hosted("order-kinds", TestCard::MastercardSuccess)
        .await
        .unwrap();
    assert_eq!(outcome.status, "success");
    assert!(outcome.notification_delivered);
    let notification = outcome.notification.unwrap();
    assert_eq!(notification.url, merchant.url);
    let callback = gate.handle_callback(&notification.body_text()).unwrap();
    assert_eq!(
        callback.get_value("account.type"),
        Some(&json!("mastercard"))
    );

    // A date without time zone and a plain date render as Python's isoformat.
    let naive = payment("order-naive").best_before(
        NaiveDate::from_ymd_opt(2055, 5, 5)
            .unwrap()
            .and_hms_micro_opt(0, 0, 5, 6)
            .unwrap(),
    );
    let (status, _) = get(&gate.get_purchase_payment_page_url(&naive)).await;
    assert_eq!(status, 200);
    assert_eq!(
        sb.payment("order-naive")
            .unwrap()
            .params
            .iter()
            .find(|(k, _)| k == "best_before")
            .map(|(_, v)| v.as_str()),
        Some("2055-05-05T00:00:05.000006")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn wrong_secret_key_is_rejected_both_ways() {
    let sb = sandbox(None).await;
    let wrong = Gate::with_base_url("not-the-secret", sb.payment_page_url());

    // The sandbox refuses a page URL signed with another key.
    let url = wrong.get_purchase_payment_page_url(&payment("order-wrong"));
    let (status, page) = get(&url).await;
    assert_eq!(status, 400);
    assert!(page.contains("signature is invalid"), "{page}");
    match sb.pay_hosted(&url, TestCard::VisaSuccess).await {
        Err(SandboxError::Rejected(message)) => assert_eq!(message, "signature is invalid"),
        other => panic!("{other:?}"),
    }
    assert!(sb.payments().is_empty());

    // The SDK refuses a callback signed with another key.
    let good = gate(&sb);
    let url = good.get_purchase_payment_page_url(&payment("order-right"));
    let outcome = sb.pay_hosted(&url, TestCard::VisaSuccess).await.unwrap();
    assert_eq!(outcome.status, "success");
    let merchant = verifying_merchant(0, "not-the-secret").await;
    sb.set_callback_url(Some(merchant.url.clone()));
    sb.set_retry_policy(RetryPolicy::new(2, Duration::from_millis(5)));
    let url = good.get_purchase_payment_page_url(&payment("order-right-2"));
    let outcome = sb.pay_hosted(&url, TestCard::VisaSuccess).await.unwrap();
    let statuses: Vec<_> = outcome.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(400), Some(400)]);
    assert!(!outcome.notification_delivered);
    let body = outcome.notification.unwrap().body_text();
    let sent_signature = serde_json::from_str::<Value>(&body).unwrap()["signature"]
        .as_str()
        .unwrap()
        .to_owned();
    match wrong.handle_callback(&body) {
        Err(Error::SignatureInvalid { signature }) => assert_eq!(signature, sent_signature),
        other => panic!("{other:?}"),
    }
    assert!(good.handle_callback(&body).is_ok());
    sb.shutdown().await;
}

/// Replaces `name=<old>` by `name=<new>` in a URL's query.
fn replace_param(url: &str, name: &str, new: &str) -> String {
    let (base, query) = url.split_once('?').unwrap();
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if k == name => format!("{k}={new}"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{base}?{}", query.join("&"))
}

#[tokio::test]
async fn tampered_page_urls_are_rejected() {
    let sb = sandbox(None).await;
    let gate = gate(&sb);
    let url = gate.get_purchase_payment_page_url(&payment("order-t"));
    let signature = url.rsplit_once("&signature=").unwrap().1.to_owned();

    let mut flipped = signature.clone();
    let first = flipped.remove(0);
    flipped.insert(0, if first == 'A' { 'B' } else { 'A' });
    let cases = [
        (
            replace_param(&url, "payment_amount", "1"),
            "signature is invalid",
        ),
        (
            replace_param(&url, "payment_currency", "USD"),
            "signature is invalid",
        ),
        (
            replace_param(&url, "payment_id", "order-u"),
            "signature is invalid",
        ),
        (
            format!("{url}&payment_description=x"),
            "signature is invalid",
        ),
        (
            replace_param(&url, "signature", &flipped),
            "signature is invalid",
        ),
        (replace_param(&url, "signature", ""), "signature is invalid"),
        (
            url.replace(&format!("&signature={signature}"), ""),
            "signature is missing",
        ),
    ];
    for (tampered, message) in &cases {
        let (status, page) = get(tampered).await;
        assert_eq!(status, 400, "{tampered}");
        assert!(page.contains(message), "{tampered}: {page}");
    }
    // `frame_mode` is outside the signature: adding it is not tampering.
    let (status, _) = get(&format!("{url}&frame_mode=iframe")).await;
    assert_eq!(status, 200);
    assert_eq!(sb.payments().len(), 1);

    // Correctly signed, but wrong project or incomplete payment data.
    let other_project = Payment::new(PROJECT + 1, "order-p")
        .payment_amount(1)
        .payment_currency("EUR");
    let no_amount = Payment::new(PROJECT, "order-a").payment_currency("EUR");
    let zero_amount = Payment::new(PROJECT, "order-z")
        .payment_amount(0)
        .payment_currency("EUR");
    let bad_currency = Payment::new(PROJECT, "order-c")
        .payment_amount(1)
        .payment_currency("eur");
    let no_id = Payment::new(PROJECT, "")
        .payment_amount(1)
        .payment_currency("EUR");
    for (p, message) in [
        (other_project, "project_id is unknown"),
        (no_amount, "payment_amount must be a positive integer"),
        (zero_amount, "payment_amount must be a positive integer"),
        (bad_currency, "payment_currency is invalid"),
        (no_id, "payment_id is required"),
    ] {
        let (status, page) = get(&gate.get_purchase_payment_page_url(&p)).await;
        assert_eq!(status, 400);
        assert!(page.contains(message), "{message}: {page}");
    }
    assert_eq!(sb.payments().len(), 1);
    sb.shutdown().await;
}

#[tokio::test]
async fn tampered_callbacks_are_rejected() {
    let merchant = Merchant::start(0).await;
    let sb = sandbox(Some(&merchant.url)).await;
    let gate = gate(&sb);
    let url = gate.get_purchase_payment_page_url(&payment("order-cb"));
    sb.pay_hosted(&url, TestCard::VisaDeclined).await.unwrap();
    let body = sb.notifications()[0].body_text();
    let original: Value = serde_json::from_str(&body).unwrap();
    let signature = original["signature"].as_str().unwrap().to_owned();
    assert_eq!(
        gate.handle_callback(&body).unwrap().get_payment_status(),
        Some(PaymentStatus::Decline)
    );

    let tamper = |edit: &dyn Fn(&mut Value)| {
        let mut v = original.clone();
        edit(&mut v);
        v.to_string()
    };
    let forged = [
        tamper(&|v| v["payment"]["status"] = json!("success")),
        tamper(&|v| v["operation"]["status"] = json!("success")),
        tamper(&|v| v["operation"]["code"] = json!("0")),
        tamper(&|v| v["payment"]["sum"]["amount"] = json!(1)),
        tamper(&|v| v["payment"]["id"] = json!("order-other")),
        tamper(&|v| v["project_id"] = json!(PROJECT + 1)),
        tamper(&|v| v["extra"] = json!("x")),
        tamper(&|v| v["account"]["number"] = Value::Null),
        tamper(&|v| {
            v["payment"].as_object_mut().unwrap().remove("description");
        }),
    ];
    for text in &forged {
        match gate.handle_callback(text) {
            Err(Error::SignatureInvalid { signature: got }) => assert_eq!(got, signature),
            other => panic!("{text}: {other:?}"),
        }
    }
    // A changed signature, no signature, or a body that is not JSON.
    let mut other_signature = original.clone();
    let first = if signature.starts_with('A') { 'B' } else { 'A' };
    other_signature["signature"] = json!(format!("{first}{}", &signature[1..]));
    assert!(matches!(
        gate.handle_callback(&other_signature.to_string()),
        Err(Error::SignatureInvalid { .. })
    ));
    let mut unsigned = original.clone();
    unsigned.as_object_mut().unwrap().remove("signature");
    assert!(matches!(
        gate.handle_callback(&unsigned.to_string()),
        Err(Error::SignatureUndefined)
    ));
    assert!(matches!(
        gate.handle_callback(&body[..body.len() - 1]),
        Err(Error::Decoding { .. })
    ));
    assert_eq!(
        gate.handle_callback("[]").unwrap_err().to_string(),
        "Signature undefined"
    );

    // Not tampering: other key order and whitespace, or the signature under `general`.
    let pretty = serde_json::to_string_pretty(&original).unwrap();
    assert!(gate.handle_callback(&pretty).is_ok());
    let mut reordered = serde_json::Map::new();
    for (k, v) in original.as_object().unwrap().iter().rev() {
        reordered.insert(k.clone(), v.clone());
    }
    assert!(
        gate.handle_callback(&Value::Object(reordered).to_string())
            .is_ok()
    );
    let mut general = original.clone();
    general.as_object_mut().unwrap().remove("signature");
    general["general"] = json!({"signature": signature});
    let verified = gate.handle_callback(&general.to_string()).unwrap();
    assert_eq!(verified.get_signature(), signature);
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_and_already_paid_payments() {
    let sb = sandbox(None).await;
    let gate = gate(&sb);
    // The SDK has no lookup call: an unknown payment only exists on the page side.
    assert!(matches!(
        sb.pay_hosted("never-opened", TestCard::VisaSuccess).await,
        Err(SandboxError::NotFound(_))
    ));
    let resp = client()
        .post(format!("{}/pay", sb.payment_page_url()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("payment_id=never-opened&card_number=4111111111111111")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 404);

    // A paid payment id cannot be opened or paid again, even with a valid signature.
    let url = gate.get_purchase_payment_page_url(&payment("order-once"));
    sb.pay_hosted(&url, TestCard::VisaSuccess).await.unwrap();
    let (status, page) = get(&url).await;
    assert_eq!(status, 400);
    assert!(page.contains("already success"), "{page}");
    assert!(matches!(
        sb.pay_hosted("order-once", TestCard::VisaSuccess).await,
        Err(SandboxError::InvalidState(_))
    ));
    sb.shutdown().await;
}

#[tokio::test]
async fn declined_and_insufficient_funds_callbacks() {
    let merchant = verifying_merchant(0, SECRET).await;
    let sb = sandbox(Some(&merchant.url)).await;
    let gate = gate(&sb);
    for (i, (card, code, message)) in [
        (TestCard::VisaDeclined, "20000", "General decline"),
        (
            TestCard::VisaInsufficientFunds,
            "20105",
            "Insufficient funds",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("order-d{i}");
        let url = gate.get_purchase_payment_page_url(&payment(&id));
        let outcome = sb.pay_hosted(&url, card).await.unwrap();
        assert_eq!(outcome.status, Callback::DECLINE_STATUS);
        assert!(!outcome.is_approved());
        assert_eq!(
            outcome.redirect_url.as_deref(),
            Some("https://shop.example/fail")
        );
        assert!(outcome.notification_delivered);

        let callback = gate
            .handle_callback(&outcome.notification.unwrap().body_text())
            .unwrap();
        assert_eq!(callback.get_payment_id(), Some(id.as_str()));
        assert_eq!(callback.get_payment_status(), Some(PaymentStatus::Decline));
        assert!(callback.get_payment_status().unwrap() == Callback::DECLINE_STATUS);
        assert_eq!(
            callback.get_value("operation.status"),
            Some(&json!("decline"))
        );
        assert_eq!(callback.get_value("operation.code"), Some(&json!(code)));
        assert_eq!(
            callback.get_value("operation.message"),
            Some(&json!(message))
        );
        assert_eq!(
            callback.get_value("operation.provider.auth_code"),
            Some(&json!(""))
        );
    }
    // Any other card number declines too.
    let url = gate.get_purchase_payment_page_url(&payment("order-other-card"));
    let outcome = sb
        .pay_hosted_with_number(&url, "4000 0000 0000 0002")
        .await
        .unwrap();
    assert_eq!(outcome.card_outcome, CardOutcome::Declined);
    assert_eq!(outcome.status, "decline");
    sb.shutdown().await;
}

#[tokio::test]
async fn callback_endpoint_failing_then_recovering_is_verified() {
    // 500 three times, then the endpoint verifies each callback with the SDK.
    let merchant = verifying_merchant(3, SECRET).await;
    let sb = sandbox(None).await;
    let gate = gate(&sb);
    let p = payment("order-retry").set("merchant_callback_url", merchant.url.as_str());
    let url = gate.get_purchase_payment_page_url(&p);
    let outcome = sb.pay_hosted(&url, TestCard::VisaSuccess).await.unwrap();

    let statuses: Vec<_> = outcome.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(500), Some(500), Some(500), Some(200)]);
    assert!(outcome.notification_delivered);
    assert_eq!(
        outcome.redirect_url.as_deref(),
        Some("https://shop.example/ok")
    );
    let received = merchant.received();
    assert_eq!(received.len(), 4);
    assert!(received.iter().all(|(_, body)| *body == received[0].1));
    assert_eq!(
        common::header(&received[3].0, "content-type"),
        Some("application/json")
    );
    let callback = gate
        .handle_callback(std::str::from_utf8(&received[3].1).unwrap())
        .unwrap();
    assert_eq!(callback.get_payment_id(), Some("order-retry"));
    assert_eq!(callback.get_payment_status(), Some(PaymentStatus::Success));

    // An endpoint that stays down: every attempt is recorded, nothing is delivered.
    let down = Merchant::start(100).await;
    sb.set_callback_url(Some(down.url.clone()));
    sb.set_retry_policy(RetryPolicy::new(3, Duration::from_millis(5)));
    let url = gate.get_purchase_payment_page_url(&payment("order-down"));
    let outcome = sb.pay_hosted(&url, TestCard::VisaSuccess).await.unwrap();
    assert!(!outcome.notification_delivered);
    assert_eq!(outcome.attempts.len(), 3);
    assert_eq!(down.received().len(), 3);
    sb.shutdown().await;
}
