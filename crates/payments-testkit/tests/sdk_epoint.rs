#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! The `epoint` SDK (`EPointClient`, blocking client, `decode_callback_data`) against the
//! EPoint sandbox: all 15 endpoints, signatures both ways, errors and callbacks.

mod common;

use std::str::FromStr;
use std::time::Duration;

use common::{Merchant, client};
use epoint::handlers::{self, PaymentPayloadHandler, RefundPayloadHandler};
use epoint::{
    CallbackError, Config, CreateTokenPaymentRequest, CreateWidgetRequest, Decimal, EPointClient,
    PayAndSaveCardRequest, PayRequest, PayWithSavedCardRequest, PayoutRequest, RefundRequest,
    SplitPayAndSaveCardRequest, SplitPayRequest, SplitPayWithSavedCardRequest, TokenPayRequest,
    TransactionStatus, TransactionStatusExtended,
};
use payments_core::http::{ReqwestTransport, Transport, TransportConfig};
use payments_core::signing::{base64_decode, base64_encode};
use payments_testkit::{CardOutcome, EpointConfig, EpointSandbox, RetryPolicy, TestCard};
use serde_json::{Map, Value, json};

const PUBLIC: &str = "i000000042";
const PRIVATE: &str = "sdk-epoint-private-key";

async fn sandbox(callback_url: Option<&str>) -> EpointSandbox {
    EpointSandbox::start(EpointConfig {
        public_key: PUBLIC.to_owned(),
        private_key: PRIVATE.to_owned(),
        callback_url: callback_url.map(str::to_owned),
        retry: RetryPolicy::new(5, Duration::from_millis(10)),
    })
    .await
    .unwrap()
}

fn config(sb: &EpointSandbox, public: &str, private: &str) -> Config {
    Config::new(public, private)
        .base_url(sb.base_url())
        .success_redirect_url("https://shop.example/ok")
        .failed_redirect_url("https://shop.example/fail")
        .timeout(Duration::from_secs(10))
}

fn sdk(sb: &EpointSandbox) -> EPointClient {
    EPointClient::new(config(sb, PUBLIC, PRIVATE)).unwrap()
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// A merchant endpoint that accepts only callbacks the SDK verifies with `private_key`.
async fn verifying_merchant(fail_first: usize, private_key: &'static str) -> Merchant {
    Merchant::start_verifying(fail_first, move |_, body| {
        epoint::decode_callback_data(private_key, body).is_ok()
    })
    .await
}

/// The JSON inside a callback's `data` field.
fn callback_payload(body: &[u8]) -> Value {
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body).into_owned().collect();
    let data = &form.iter().find(|(k, _)| k == "data").unwrap().1;
    serde_json::from_slice(&base64_decode(data).unwrap()).unwrap()
}

#[tokio::test]
async fn pay_callback_status_and_refunds() {
    let merchant = verifying_merchant(0, PRIVATE).await;
    let sb = sandbox(Some(&merchant.url)).await;
    let c = sdk(&sb);
    let mut other = Map::new();
    other.insert("cart".to_owned(), json!("A-17"));
    other.insert("qty".to_owned(), json!(2));
    let request = PayRequest::new(dec("10.50"), "AZN", "order-1")
        .description("Sifariş №1")
        .other_attr(other);
    let resp = c.pay(&request).await.unwrap();
    assert!(resp.ok);
    assert_eq!(resp.status_code, 200);
    assert_eq!(resp.body.status, TransactionStatus::Success);
    let transaction = resp.body.transaction.clone().unwrap();
    assert_eq!(
        resp.body.redirect_url.as_deref(),
        Some(sb.hosted_page_url(&transaction).as_str())
    );

    // The wire payload is the official one: data = base64(json.dumps(..)), then signed.
    let sent = sb.requests()[0].body_json().unwrap();
    let payload: Value =
        serde_json::from_slice(&base64_decode(sent["data"].as_str().unwrap()).unwrap()).unwrap();
    assert_eq!(payload["public_key"], PUBLIC);
    assert_eq!(payload["language"], "az");
    assert_eq!(payload["amount"], "10.50");
    assert_eq!(payload["success_redirect_url"], "https://shop.example/ok");
    assert_eq!(payload["other_attr"], json!({"cart": "A-17", "qty": 2}));
    let stored = sb.transaction(&transaction).unwrap();
    assert_eq!(stored.kind, "pay");
    assert_eq!(stored.description.as_deref(), Some("Sifariş №1"));

    // Before payment the status is `new`.
    let status = c.get_transaction_status(&transaction).await.unwrap();
    assert!(status.ok);
    assert_eq!(status.body.status, TransactionStatusExtended::New);
    assert_eq!(status.body.order_id.as_deref(), Some("order-1"));

    // The customer pays; the callback is verified by the merchant with the SDK.
    let outcome = sb
        .pay_hosted(
            resp.body.redirect_url.as_deref().unwrap(),
            TestCard::VisaSuccess,
        )
        .await
        .unwrap();
    assert_eq!(outcome.status, "success");
    assert_eq!(
        outcome.redirect_url.as_deref(),
        Some("https://shop.example/ok")
    );
    assert!(outcome.notification_delivered);
    let notification = outcome.notification.unwrap();
    assert_eq!(
        notification.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let callback = c.decode_callback_data(&notification.body).unwrap();
    assert_eq!(callback.status, TransactionStatus::Success);
    assert_eq!(callback.order_id.as_deref(), Some("order-1"));
    assert_eq!(callback.transaction.as_deref(), Some(transaction.as_str()));
    assert_eq!(callback.code.as_deref(), Some("000"));
    assert_eq!(callback.code_meaning(), Some("Approved"));
    assert_eq!(callback.amount, Some(dec("10.5")));
    assert_eq!(callback.card_mask.as_deref(), Some("411111******1111"));
    assert!(callback.card_id.is_none());
    let echoed: Value = serde_json::from_str(callback.other_attr.as_deref().unwrap()).unwrap();
    assert_eq!(echoed, json!({"cart": "A-17", "qty": 2}));

    let status = c.get_transaction_status(&transaction).await.unwrap();
    assert!(status.ok);
    assert_eq!(status.body.status, TransactionStatusExtended::Success);
    assert_eq!(status.body.code.as_deref(), Some("000"));
    assert_eq!(status.body.code_meaning(), Some("Approved"));
    assert_eq!(status.body.amount, Some(dec("10.50")));
    assert_eq!(status.body.card_mask.as_deref(), Some("411111******1111"));
    assert_eq!(
        status.body.transaction.as_deref(),
        Some(transaction.as_str())
    );
    assert!(status.body.rrn.is_some() && status.body.bank_transaction.is_some());

    // Partial refund, then the rest (amount null = full), then nothing is left.
    let partial = c
        .refund(&RefundRequest::new(&transaction, "AZN").amount(dec("4.50")))
        .await
        .unwrap();
    assert!(partial.ok, "{:?}", partial.body);
    assert_eq!(partial.body.status, TransactionStatus::Success);
    let refund_payload: Value = serde_json::from_slice(
        &base64_decode(
            sb.requests().last().unwrap().body_json().unwrap()["data"]
                .as_str()
                .unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(refund_payload["transaction"], transaction.as_str());
    assert_eq!(refund_payload["amount"], "4.50");
    assert_eq!(
        c.get_transaction_status(&transaction)
            .await
            .unwrap()
            .body
            .status,
        TransactionStatusExtended::Success
    );
    let rest = c
        .refund(&RefundRequest::new(&transaction, "AZN"))
        .await
        .unwrap();
    assert!(rest.ok);
    assert_eq!(
        c.get_transaction_status(&transaction)
            .await
            .unwrap()
            .body
            .status,
        TransactionStatusExtended::Returned
    );
    let again = c
        .refund(&RefundRequest::new(&transaction, "AZN"))
        .await
        .unwrap();
    assert!(!again.ok);
    assert_eq!(again.body.status, TransactionStatus::Error);
    assert_eq!(
        again.body.message.as_deref(),
        Some("Transaction cannot be refunded in status returned")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn saved_cards_payouts_and_splits() {
    let merchant = verifying_merchant(0, PRIVATE).await;
    let sb = sandbox(Some(&merchant.url)).await;
    let c = sdk(&sb);

    // save_card: registration is completed on the page.
    let saved = c.save_card().await.unwrap();
    assert!(saved.ok);
    let card_id = saved.body.card_id.clone().unwrap();
    assert!(!sb.cards()[0].active);
    let reg = sb
        .pay_hosted(
            saved.body.redirect_url.as_deref().unwrap(),
            TestCard::VisaSuccess,
        )
        .await
        .unwrap();
    let callback = c
        .decode_callback_data(&reg.notification.unwrap().body)
        .unwrap();
    assert_eq!(callback.card_id.as_deref(), Some(card_id.as_str()));
    assert_eq!(callback.status, TransactionStatus::Success);
    assert!(sb.cards()[0].active);

    // pay_with_saved_card charges at once.
    let charged = c
        .pay_with_saved_card(&PayWithSavedCardRequest::new(
            dec("25"),
            "AZN",
            "order-saved",
            &card_id,
        ))
        .await
        .unwrap();
    assert!(charged.ok);
    assert_eq!(charged.body.status, TransactionStatus::Success);
    assert_eq!(charged.body.amount, Some(dec("25")));
    assert_eq!(charged.body.card_mask.as_deref(), Some("411111******1111"));
    let charged_tx = charged.body.transaction.clone().unwrap();
    let status = c.get_transaction_status(&charged_tx).await.unwrap();
    assert_eq!(status.body.status, TransactionStatusExtended::Success);
    assert_eq!(status.body.order_id.as_deref(), Some("order-saved"));

    // payout to the saved card.
    let payout = c
        .payout(&PayoutRequest::new(dec("7.25"), "AZN", "payout-1", &card_id).description("prize"))
        .await
        .unwrap();
    assert!(payout.ok);
    assert_eq!(payout.body.status, TransactionStatus::Success);
    assert_eq!(payout.body.amount, Some(dec("7.25")));
    assert_eq!(
        sb.transaction(payout.body.transaction.as_deref().unwrap())
            .unwrap()
            .kind,
        "payout"
    );

    // split_pay_with_saved_card reports the split amount.
    let split = c
        .split_pay_with_saved_card(&SplitPayWithSavedCardRequest::new(
            dec("30"),
            "AZN",
            "order-split-saved",
            &card_id,
            "i000000099",
            dec("12.5"),
        ))
        .await
        .unwrap();
    assert!(split.ok);
    assert_eq!(split.body.split_amount, Some(dec("12.5")));
    let stored = sb
        .transaction(split.body.transaction.as_deref().unwrap())
        .unwrap();
    assert_eq!(stored.split_user.as_deref(), Some("i000000099"));

    // split_pay on the page: the callback carries the split amount.
    let split_page = c
        .split_pay(
            &SplitPayRequest::new(dec("40"), "AZN", "order-split", "i000000099", dec("10"))
                .description("split"),
        )
        .await
        .unwrap();
    assert!(split_page.ok);
    let outcome = sb
        .pay_hosted(
            split_page.body.redirect_url.as_deref().unwrap(),
            TestCard::MastercardSuccess,
        )
        .await
        .unwrap();
    let callback = c
        .decode_callback_data(&outcome.notification.unwrap().body)
        .unwrap();
    assert_eq!(callback.split_amount, Some(dec("10")));
    assert_eq!(callback.order_id.as_deref(), Some("order-split"));

    // pay_and_save_card and split_pay_and_save_card hand out new card ids.
    let pay_save = c
        .pay_and_save_card(&PayAndSaveCardRequest::new(
            dec("5"),
            "AZN",
            "order-ps",
            "pay and save",
        ))
        .await
        .unwrap();
    assert!(pay_save.ok);
    let new_card = pay_save.body.card_id.clone().unwrap();
    assert_ne!(new_card, card_id);
    let outcome = sb
        .pay_hosted(
            pay_save.body.redirect_url.as_deref().unwrap(),
            TestCard::VisaSuccess,
        )
        .await
        .unwrap();
    let callback = c
        .decode_callback_data(&outcome.notification.unwrap().body)
        .unwrap();
    assert_eq!(callback.card_id.as_deref(), Some(new_card.as_str()));
    assert_eq!(callback.amount, Some(dec("5")));

    let split_save = c
        .split_pay_and_save_card(&SplitPayAndSaveCardRequest::new(
            dec("8"),
            "AZN",
            "order-sps",
            "i000000099",
            dec("3"),
        ))
        .await
        .unwrap();
    assert!(split_save.ok);
    assert!(split_save.body.card_id.is_some());
    assert_eq!(
        sb.transaction(split_save.body.transaction.as_deref().unwrap())
            .unwrap()
            .kind,
        "split_pay_and_save_card"
    );
    // Page payments send callbacks (three above); saved-card charges and payouts do not.
    assert_eq!(merchant.received().len(), 3);
    sb.shutdown().await;
}

#[tokio::test]
async fn widget_token_payment_and_wallets() {
    let sb = sandbox(None).await;
    let c = sdk(&sb);

    let widget = c
        .create_widget(&CreateWidgetRequest::new(dec("15"), "order-w", "widget"))
        .await
        .unwrap();
    assert!(widget.ok);
    assert_eq!(widget.body.status, TransactionStatus::Success);
    let widget_url = widget.body.widget_url.clone().unwrap();
    assert!(widget_url.starts_with(sb.base_url()));
    // The widget payload carries the public key only, no language.
    let sent = sb.requests().last().unwrap().body_json().unwrap();
    let payload: Value =
        serde_json::from_slice(&base64_decode(sent["data"].as_str().unwrap()).unwrap()).unwrap();
    assert!(payload.get("language").is_none());
    assert_eq!(payload["public_key"], PUBLIC);

    let session = c.apple_pay_session("https://shop.example").await.unwrap();
    assert!(session.ok);
    assert_eq!(session.body["status"], "success");
    assert_eq!(session.body["data"]["domainName"], "https://shop.example");

    for (i, wallet) in ["apple", "google"].into_iter().enumerate() {
        let token_payment = c
            .create_token_payment(
                &CreateTokenPaymentRequest::new(dec("12.34"), "AZN", format!("order-t{i}"))
                    .description("token"),
            )
            .await
            .unwrap();
        assert!(token_payment.ok, "{:?}", token_payment.body);
        let id = token_payment.body.id.unwrap();
        assert_eq!(token_payment.body.total, Some(dec("12.34")));
        assert_eq!(
            token_payment.body.merchant_order_id.as_deref(),
            Some(format!("order-t{i}").as_str())
        );
        assert!(token_payment.body.short_link.is_some());
        assert!(token_payment.body.created_at.is_some());
        let transaction = token_payment.body.transaction.clone().unwrap();

        let request = TokenPayRequest::new(id, json!({"paymentData": {"version": "EC_v1"}}))
            .billing_contact(json!({"countryCode": "AZ"}));
        let paid = if wallet == "apple" {
            c.apple_pay(&request).await.unwrap()
        } else {
            c.google_pay(&request).await.unwrap()
        };
        assert!(paid.ok, "{wallet}: {:?}", paid.body);
        assert_eq!(paid.body.status, TransactionStatus::Success);
        assert_eq!(
            paid.body.result.as_ref().unwrap()["transaction"],
            transaction.as_str()
        );
        let status = c.get_transaction_status(&transaction).await.unwrap();
        assert_eq!(status.body.status, TransactionStatusExtended::Success);

        // A token payment is completed once.
        let again = c.apple_pay(&request).await.unwrap();
        assert!(!again.ok);
        assert_eq!(again.body.status, TransactionStatus::Error);
    }

    // An unknown token payment id, as a number or as text.
    for request in [
        TokenPayRequest::new(999_999_i64, json!({"t": 1})),
        TokenPayRequest::new("999999", json!({"t": 1})),
    ] {
        let resp = c.google_pay(&request).await.unwrap();
        assert!(!resp.ok);
        assert_eq!(
            resp.body.message.as_deref(),
            Some("Token payment not found")
        );
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn wrong_keys_are_refused_by_every_endpoint() {
    let sb = sandbox(None).await;
    let good = sdk(&sb);
    let paid = good
        .pay(&PayRequest::new(dec("1"), "AZN", "order-k"))
        .await
        .unwrap();
    let transaction = paid.body.transaction.clone().unwrap();
    let before = sb.transactions().len();

    for (c, message) in [
        (
            EPointClient::new(config(&sb, PUBLIC, "wrong-private-key")).unwrap(),
            "Signature is invalid",
        ),
        (
            EPointClient::new(config(&sb, "i000000000", PRIVATE)).unwrap(),
            "Public key is invalid",
        ),
    ] {
        let m = Some(message);
        let r = c.pay(&PayRequest::new(dec("1"), "AZN", "o")).await.unwrap();
        assert!(!r.ok);
        assert_eq!(
            (r.body.status.clone(), r.body.message.as_deref()),
            (TransactionStatus::Error, m)
        );
        let r = c.save_card().await.unwrap();
        assert!(!r.ok && r.body.message.as_deref() == m);
        let r = c
            .pay_with_saved_card(&PayWithSavedCardRequest::new(dec("1"), "AZN", "o", "c"))
            .await
            .unwrap();
        assert!(!r.ok && r.body.message.as_deref() == m);
        let r = c
            .pay_and_save_card(&PayAndSaveCardRequest::new(dec("1"), "AZN", "o", "d"))
            .await
            .unwrap();
        assert!(!r.ok && r.body.message.as_deref() == m);
        let r = c
            .payout(&PayoutRequest::new(dec("1"), "AZN", "o", "c"))
            .await
            .unwrap();
        assert!(!r.ok && r.body.message.as_deref() == m);
        let r = c
            .refund(&RefundRequest::new(&transaction, "AZN"))
            .await
            .unwrap();
        assert!(!r.ok && r.body.message.as_deref() == m);
        let r = c
            .split_pay(&SplitPayRequest::new(dec("2"), "AZN", "o", "u", dec("1")))
            .await
            .unwrap();
        assert!(!r.ok && r.body.message.as_deref() == m);
        let r = c
            .split_pay_with_saved_card(&SplitPayWithSavedCardRequest::new(
                dec("2"),
                "AZN",
                "o",
                "c",
                "u",
                dec("1"),
            ))
            .await
            .unwrap();
        assert!(!r.ok && r.body.message.as_deref() == m);
        let r = c
            .split_pay_and_save_card(&SplitPayAndSaveCardRequest::new(
                dec("2"),
                "AZN",
                "o",
                "u",
                dec("1"),
            ))
            .await
            .unwrap();
        assert!(!r.ok && r.body.message.as_deref() == m);
        let r = c
            .create_widget(&CreateWidgetRequest::new(dec("1"), "o", "d"))
            .await
            .unwrap();
        assert!(!r.ok && r.body.message.as_deref() == m);
        let r = c
            .create_token_payment(&CreateTokenPaymentRequest::new(dec("1"), "AZN", "o"))
            .await
            .unwrap();
        assert!(!r.ok && r.body.message.as_deref() == m);
        let r = c.apple_pay_session("https://shop.example").await.unwrap();
        assert!(!r.ok);
        assert_eq!(r.body["message"], message);
        let r = c
            .apple_pay(&TokenPayRequest::new(1, json!({})))
            .await
            .unwrap();
        assert!(!r.ok && r.body.message.as_deref() == m);
        let r = c
            .google_pay(&TokenPayRequest::new(1, json!({})))
            .await
            .unwrap();
        assert!(!r.ok && r.body.message.as_deref() == m);
        // get-status: the official rule makes `ok` false only for `server_error`, so an
        // `error` answer is `ok`; the status and message tell the refusal.
        let r = c.get_transaction_status(&transaction).await.unwrap();
        assert!(r.ok);
        assert_eq!(r.body.status, TransactionStatusExtended::Error);
        assert_eq!(r.body.message.as_deref(), m);
    }
    // Nothing was created or refunded.
    assert_eq!(sb.transactions().len(), before);
    assert_eq!(sb.transaction(&transaction).unwrap().status, "new");
    sb.shutdown().await;
}

/// Sends a signed envelope whose `data` was changed after signing.
async fn send_tampered(sb: &EpointSandbox, path: &str, data: &str, signature: &str) -> Vec<u8> {
    let resp = client()
        .post(format!("{}{path}", sb.base_url()))
        .header("Content-Type", "application/json")
        .body(json!({"data": data, "signature": signature}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    resp.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn tampered_requests_are_refused() {
    let sb = sandbox(None).await;
    let cfg = config(&sb, PUBLIC, PRIVATE);
    let request = PayRequest::new(dec("100"), "AZN", "order-tamper");

    // The SDK's own request goes through.
    let http = handlers::build_request::<PaymentPayloadHandler>(&cfg, &request).unwrap();
    let transport = ReqwestTransport::new(&TransportConfig::default()).unwrap();
    let resp =
        handlers::handle_response::<PaymentPayloadHandler>(transport.send(http).await.unwrap())
            .unwrap();
    assert!(resp.ok);

    // The same signature over a changed amount, or a changed signature, is refused.
    let signed = handlers::signed_payload::<PaymentPayloadHandler>(&cfg, &request);
    let mut payload = handlers::payload::<PaymentPayloadHandler>(&cfg, &request);
    payload.insert("amount".to_owned(), json!("1"));
    let tampered_data = base64_encode(handlers::payload_json(&payload).as_bytes());
    let mut flipped = signed.signature.clone();
    let first = flipped.remove(0);
    flipped.insert(0, if first == 'A' { 'B' } else { 'A' });
    for (data, signature) in [
        (tampered_data.as_str(), signed.signature.as_str()),
        (signed.data.as_str(), flipped.as_str()),
        (signed.data.as_str(), ""),
    ] {
        let body = send_tampered(&sb, "/api/1/request", data, signature).await;
        let parsed = handlers::handle_response::<PaymentPayloadHandler>(
            payments_core::http::HttpResponse::json(200, String::from_utf8(body).unwrap()),
        )
        .unwrap();
        assert!(!parsed.ok);
        assert_eq!(parsed.body.message.as_deref(), Some("Signature is invalid"));
    }
    // A full refund turned into someone else's transaction is refused too.
    let refund = RefundRequest::new("te000000001", "AZN");
    let signed = handlers::signed_payload::<RefundPayloadHandler>(&cfg, &refund);
    let mut payload = handlers::payload::<RefundPayloadHandler>(&cfg, &refund);
    payload.insert("transaction".to_owned(), json!("te000000002"));
    let data = base64_encode(handlers::payload_json(&payload).as_bytes());
    let body = send_tampered(&sb, "/api/1/reverse", &data, &signed.signature).await;
    assert_eq!(
        serde_json::from_slice::<Value>(&body).unwrap(),
        json!({"status": "error", "message": "Signature is invalid"})
    );
    assert_eq!(sb.transactions().len(), 1);
    assert_eq!(sb.transactions()[0].amount, Some(dec("100")));
    sb.shutdown().await;
}

#[tokio::test]
async fn tampered_callbacks_are_rejected() {
    let merchant = Merchant::start(0).await;
    let sb = sandbox(Some(&merchant.url)).await;
    let c = sdk(&sb);
    let resp = c
        .pay(&PayRequest::new(dec("9.99"), "AZN", "order-cb"))
        .await
        .unwrap();
    sb.pay_hosted(
        resp.body.transaction.as_deref().unwrap(),
        TestCard::VisaDeclined,
    )
    .await
    .unwrap();
    let body = sb.notifications()[0].body.clone();
    assert_eq!(
        c.decode_callback_data(&body).unwrap().status,
        TransactionStatus::Error
    );
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let data = form.iter().find(|(k, _)| k == "data").unwrap().1.clone();
    let signature = form
        .iter()
        .find(|(k, _)| k == "signature")
        .unwrap()
        .1
        .clone();
    let encode = |data: &str, signature: &str| {
        url::form_urlencoded::Serializer::new(String::new())
            .append_pair("data", data)
            .append_pair("signature", signature)
            .finish()
            .into_bytes()
    };

    // A declined payment turned into a success, with the original signature.
    let mut payload = callback_payload(&body);
    payload["status"] = json!("success");
    payload["code"] = json!("000");
    let forged = base64_encode(
        payments_core::pyfmt::json_dumps(
            &payload,
            payments_core::pyfmt::JsonStyle::Compact { ensure_ascii: true },
        )
        .as_bytes(),
    );
    assert!(matches!(
        c.decode_callback_data(&encode(&forged, &signature)),
        Err(CallbackError::InvalidSignature)
    ));
    // A signature made with another key, a changed signature, or the wrong private key.
    let other_key = epoint::generate_signature("another-key", &forged);
    assert!(matches!(
        c.decode_callback_data(&encode(&forged, &other_key)),
        Err(CallbackError::InvalidSignature)
    ));
    let mut flipped = signature.clone();
    let last = flipped.pop().unwrap();
    flipped.push(if last == '=' { 'A' } else { '=' });
    assert!(matches!(
        c.decode_callback_data(&encode(&data, &flipped)),
        Err(CallbackError::InvalidSignature)
    ));
    assert!(matches!(
        epoint::decode_callback_data("wrong-private-key", &body),
        Err(CallbackError::InvalidSignature)
    ));
    // A missing field, and a body that is not UTF-8.
    let only_data = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("data", &data)
        .finish();
    assert!(matches!(
        c.decode_callback_data(only_data.as_bytes()),
        Err(CallbackError::MissingField("signature"))
    ));
    assert!(matches!(
        c.decode_callback_data(b"\xff\xfe"),
        Err(CallbackError::NotUtf8(_))
    ));
    // The genuine body still verifies, fields in either order.
    let swapped = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("signature", &signature)
        .append_pair("data", &data)
        .finish();
    assert!(c.decode_callback_data(swapped.as_bytes()).is_ok());
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_transactions_and_cards() {
    let sb = sandbox(None).await;
    let c = sdk(&sb);
    let status = c.get_transaction_status("te999999999").await.unwrap();
    assert_eq!(status.body.status, TransactionStatusExtended::Error);
    assert_eq!(
        status.body.message.as_deref(),
        Some("Transaction not found")
    );

    let refund = c
        .refund(&RefundRequest::new("te999999999", "AZN"))
        .await
        .unwrap();
    assert!(!refund.ok);
    assert_eq!(
        refund.body.message.as_deref(),
        Some("Transaction not found")
    );

    for resp in [
        c.pay_with_saved_card(&PayWithSavedCardRequest::new(dec("1"), "AZN", "o", "ce404"))
            .await
            .unwrap(),
        c.payout(&PayoutRequest::new(dec("1"), "AZN", "o", "ce404"))
            .await
            .unwrap(),
    ] {
        assert!(!resp.ok);
        assert_eq!(resp.body.status, TransactionStatus::Error);
        assert_eq!(resp.body.message.as_deref(), Some("Card not found"));
    }
    let split = c
        .split_pay_with_saved_card(&SplitPayWithSavedCardRequest::new(
            dec("2"),
            "AZN",
            "o",
            "ce404",
            "u",
            dec("1"),
        ))
        .await
        .unwrap();
    assert_eq!(split.body.message.as_deref(), Some("Card not found"));

    // A card whose registration never completed cannot be charged either.
    let saved = c.save_card().await.unwrap();
    let pending = saved.body.card_id.unwrap();
    let resp = c
        .pay_with_saved_card(&PayWithSavedCardRequest::new(
            dec("1"),
            "AZN",
            "o",
            &pending,
        ))
        .await
        .unwrap();
    assert_eq!(resp.body.message.as_deref(), Some("Card not found"));

    // Missing required values are named.
    let resp = c
        .pay(&PayRequest::new(dec("0"), "AZN", "order-zero"))
        .await
        .unwrap();
    assert!(!resp.ok);
    assert_eq!(resp.body.message.as_deref(), Some("amount is invalid"));
    let resp = c.pay(&PayRequest::new(dec("1"), "AZN", "")).await.unwrap();
    assert_eq!(resp.body.message.as_deref(), Some("order_id is required"));
    sb.shutdown().await;
}

#[tokio::test]
async fn declined_and_insufficient_funds() {
    let merchant = verifying_merchant(0, PRIVATE).await;
    let sb = sandbox(Some(&merchant.url)).await;
    let c = sdk(&sb);
    for (i, (card, code)) in [
        (TestCard::VisaDeclined, "100"),
        (TestCard::VisaInsufficientFunds, "116"),
    ]
    .into_iter()
    .enumerate()
    {
        let order = format!("order-d{i}");
        let resp = c
            .pay(&PayRequest::new(dec("20"), "AZN", &order))
            .await
            .unwrap();
        let transaction = resp.body.transaction.unwrap();
        let outcome = sb
            .pay_hosted(resp.body.redirect_url.as_deref().unwrap(), card)
            .await
            .unwrap();
        assert_eq!(outcome.status, "error");
        assert!(!outcome.is_approved());
        assert_eq!(
            outcome.redirect_url.as_deref(),
            Some("https://shop.example/fail")
        );
        assert!(outcome.notification_delivered);

        let callback = c
            .decode_callback_data(&outcome.notification.unwrap().body)
            .unwrap();
        assert_eq!(callback.status, TransactionStatus::Error);
        assert_eq!(callback.code.as_deref(), Some(code));
        assert!(callback.code_meaning().is_some());
        assert_eq!(callback.order_id.as_deref(), Some(order.as_str()));

        let status = c.get_transaction_status(&transaction).await.unwrap();
        assert!(status.ok);
        assert_eq!(status.body.status, TransactionStatusExtended::Error);
        assert_eq!(status.body.code.as_deref(), Some(code));

        let refund = c
            .refund(&RefundRequest::new(&transaction, "AZN"))
            .await
            .unwrap();
        assert!(!refund.ok);
        assert_eq!(
            refund.body.message.as_deref(),
            Some("Transaction cannot be refunded in status error")
        );
    }
    // A card registration paid with a declined card leaves the card unusable.
    let reg = c
        .pay_and_save_card(&PayAndSaveCardRequest::new(dec("3"), "AZN", "order-r", "r"))
        .await
        .unwrap();
    let card_id = reg.body.card_id.unwrap();
    let outcome = sb
        .pay_hosted(
            reg.body.transaction.as_deref().unwrap(),
            TestCard::VisaInsufficientFunds,
        )
        .await
        .unwrap();
    assert_eq!(outcome.card_outcome, CardOutcome::InsufficientFunds);
    let resp = c
        .pay_with_saved_card(&PayWithSavedCardRequest::new(
            dec("1"),
            "AZN",
            "o",
            &card_id,
        ))
        .await
        .unwrap();
    assert!(!resp.ok);
    assert_eq!(resp.body.message.as_deref(), Some("Card not found"));
    sb.shutdown().await;
}

#[tokio::test]
async fn callback_endpoint_failing_then_recovering_is_verified() {
    let merchant = verifying_merchant(3, PRIVATE).await;
    let sb = sandbox(Some(&merchant.url)).await;
    let c = sdk(&sb);
    let resp = c
        .pay(&PayRequest::new(dec("55.10"), "AZN", "order-retry"))
        .await
        .unwrap();
    let outcome = sb
        .pay_hosted(
            resp.body.transaction.as_deref().unwrap(),
            TestCard::VisaSuccess,
        )
        .await
        .unwrap();
    let statuses: Vec<_> = outcome.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(500), Some(500), Some(500), Some(200)]);
    assert!(outcome.notification_delivered);
    let received = merchant.received();
    assert_eq!(received.len(), 4);
    assert!(received.iter().all(|(_, b)| *b == received[0].1));
    let callback = c.decode_callback_data(&received[3].1).unwrap();
    assert_eq!(callback.order_id.as_deref(), Some("order-retry"));
    assert_eq!(callback.status, TransactionStatus::Success);
    assert_eq!(callback.amount, Some(dec("55.1")));

    // A merchant holding the wrong private key rejects every attempt.
    let strict = verifying_merchant(0, "not-the-private-key").await;
    sb.set_callback_url(Some(strict.url.clone()));
    sb.set_retry_policy(RetryPolicy::new(2, Duration::from_millis(5)));
    let resp = c
        .pay(&PayRequest::new(dec("1"), "AZN", "order-strict"))
        .await
        .unwrap();
    let outcome = sb
        .pay_hosted(
            resp.body.transaction.as_deref().unwrap(),
            TestCard::VisaSuccess,
        )
        .await
        .unwrap();
    assert!(!outcome.notification_delivered);
    let statuses: Vec<_> = outcome.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(400), Some(400)]);
    sb.shutdown().await;
}

/// The blocking client, outside any async context; the sandbox runs on its own runtime.
#[test]
fn blocking_client_against_the_sandbox() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let merchant = rt.block_on(verifying_merchant(1, PRIVATE));
    let sb = rt.block_on(sandbox(Some(&merchant.url)));
    let c = epoint::blocking::EPointClient::new(config(&sb, PUBLIC, PRIVATE)).unwrap();

    let resp = c
        .pay(&PayRequest::new(dec("3.30"), "AZN", "order-b"))
        .unwrap();
    assert!(resp.ok);
    let transaction = resp.body.transaction.clone().unwrap();
    let outcome = rt
        .block_on(sb.pay_hosted(&transaction, TestCard::VisaSuccess))
        .unwrap();
    assert_eq!(outcome.attempts.len(), 2);
    let callback = c.decode_callback_data(&merchant.received()[1].1).unwrap();
    assert_eq!(callback.status, TransactionStatus::Success);
    let status = c.get_transaction_status(&transaction).unwrap();
    assert_eq!(status.body.status, TransactionStatusExtended::Success);
    let refund = c.refund(&RefundRequest::new(&transaction, "AZN")).unwrap();
    assert!(refund.ok);
    assert_eq!(
        c.get_transaction_status(&transaction).unwrap().body.status,
        TransactionStatusExtended::Returned
    );
    let saved = c.save_card().unwrap();
    assert!(saved.ok && saved.body.card_id.is_some());
    let session = c.apple_pay_session("https://shop.example").unwrap();
    assert!(session.ok);

    let bad = epoint::blocking::EPointClient::new(config(&sb, PUBLIC, "wrong")).unwrap();
    let resp = bad
        .pay(&PayRequest::new(dec("1"), "AZN", "order-x"))
        .unwrap();
    assert!(!resp.ok);
    assert_eq!(resp.body.message.as_deref(), Some("Signature is invalid"));

    drop(c);
    drop(bad);
    rt.block_on(sb.shutdown());
    drop(sb);
    drop(merchant);
    drop(rt);
}
