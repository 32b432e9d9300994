#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use common::{Merchant, client, fast_retry, vectors};
use payments_core::signing::base64_decode;
use payments_testkit::epoint::{encode, sign};
use payments_testkit::{EpointConfig, EpointSandbox, TestCard};
use serde_json::{Value, json};

const PUBLIC: &str = "i000000001";
const PRIVATE: &str = "test_private_key_123";

async fn sandbox() -> EpointSandbox {
    EpointSandbox::start(EpointConfig {
        public_key: PUBLIC.to_owned(),
        private_key: PRIVATE.to_owned(),
        callback_url: None,
        retry: fast_retry(),
    })
    .await
    .unwrap()
}

async fn post_raw(sb: &EpointSandbox, path: &str, body: Vec<u8>) -> (u16, Value) {
    let resp = client()
        .post(format!("{}{path}", sb.base_url()))
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (
        status,
        serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap(),
    )
}

async fn call(sb: &EpointSandbox, path: &str, mut payload: Value) -> Value {
    let mut full = json!({"public_key": PUBLIC, "language": "az"});
    full.as_object_mut()
        .unwrap()
        .append(payload.as_object_mut().unwrap());
    let (data, signature) = encode(&full, PRIVATE);
    let (status, body) = post_raw(
        sb,
        path,
        serde_json::to_vec(&json!({"data": data, "signature": signature})).unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    body
}

#[test]
fn sdk_vectors_sign_the_same() {
    let v = vectors("epoint");
    for case in v["requests"].as_array().unwrap() {
        assert_eq!(
            sign(case["data"].as_str().unwrap(), PRIVATE),
            case["signature"].as_str().unwrap()
        );
    }
    for case in v["callbacks"].as_array().unwrap() {
        assert_eq!(
            sign(case["data"].as_str().unwrap(), PRIVATE),
            case["signature"].as_str().unwrap()
        );
    }
}

#[tokio::test]
async fn sdk_request_vectors_are_accepted_and_tampering_rejected() {
    let sb = sandbox().await;
    for case in vectors("epoint")["requests"].as_array().unwrap() {
        let path = case["url"]
            .as_str()
            .unwrap()
            .trim_start_matches("https://epoint.az");
        let body = format!(
            "{{\"data\":\"{}\",\"signature\":\"{}\"}}",
            case["data"].as_str().unwrap(),
            case["signature"].as_str().unwrap()
        );
        let (status, answer) = post_raw(&sb, path, body.into_bytes()).await;
        assert_eq!(status, 200);
        assert_ne!(
            answer["message"], "Signature is invalid",
            "{}",
            case["name"]
        );
        match case["name"].as_str().unwrap() {
            "pay_int_100" | "pay_decimal_10.50" => {
                assert_eq!(answer["status"], "success");
                assert!(
                    answer["redirect_url"]
                        .as_str()
                        .unwrap()
                        .starts_with(sb.base_url())
                );
            }
            "save_card" => assert!(answer["card_id"].is_string()),
            "get_transaction_status" | "refund_full" => {
                assert_eq!(
                    answer,
                    json!({"status": "error", "message": "Transaction not found"})
                );
            }
            _ => {}
        }
    }
    let good = &vectors("epoint")["requests"][0];
    let tampered = json!({"data": good["data"], "signature": "AAAAAAAAAAAAAAAAAAAAAAAAAAA="});
    let (status, answer) = post_raw(
        &sb,
        "/api/1/request",
        serde_json::to_vec(&tampered).unwrap(),
    )
    .await;
    assert_eq!(
        (status, answer),
        (
            200,
            json!({"status": "error", "message": "Signature is invalid"})
        )
    );

    let (data, signature) = encode(&json!({"public_key": "other", "amount": "1"}), PRIVATE);
    let (_, answer) = post_raw(
        &sb,
        "/api/1/request",
        serde_json::to_vec(&json!({"data": data, "signature": signature})).unwrap(),
    )
    .await;
    assert_eq!(
        answer,
        json!({"status": "error", "message": "Public key is invalid"})
    );

    let (_, answer) = post_raw(&sb, "/api/1/request", b"not json".to_vec()).await;
    assert_eq!(answer["status"], "error");
    let (status, answer) = post_raw(
        &sb,
        "/api/1/unknown",
        serde_json::to_vec(&json!({"data": good["data"], "signature": good["signature"]})).unwrap(),
    )
    .await;
    assert_eq!((status, answer["status"].as_str()), (404, Some("error")));
    let missing = call(
        &sb,
        "/api/1/request",
        json!({"amount": "5", "currency": "AZN"}),
    )
    .await;
    assert_eq!(
        missing,
        json!({"status": "error", "message": "order_id is required"})
    );
}

#[tokio::test]
async fn happy_path_with_form_callback_refund_and_status() {
    let merchant = Merchant::start(1).await;
    let sb = sandbox().await;
    sb.set_callback_url(Some(merchant.url.clone()));
    let created = call(&sb, "/api/1/request", json!({
        "amount": "10.50", "currency": "AZN", "order_id": "order-1",
        "success_redirect_url": "https://shop.example/ok", "error_redirect_url": "https://shop.example/err",
        "description": "Ödəniş", "other_attr": {"k": "v"},
    }))
    .await;
    assert_eq!(created["status"], "success");
    let tx = created["transaction"].as_str().unwrap().to_owned();
    let redirect_url = created["redirect_url"].as_str().unwrap().to_owned();
    let page = client()
        .get(&redirect_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("10.50") && page.contains("AZN"));

    let status = call(&sb, "/api/1/get-status", json!({"transaction": tx})).await;
    assert_eq!(status["status"], "new");

    let resp = client()
        .post(&redirect_url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("card_number=4111111111111111")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(resp.headers()["location"], "https://shop.example/ok");

    let received = merchant.received();
    assert_eq!(received.len(), 2);
    assert_eq!(
        common::header(&received[1].0, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&received[1].1)
        .into_owned()
        .collect();
    let data = &form.iter().find(|(k, _)| k == "data").unwrap().1;
    let signature = &form.iter().find(|(k, _)| k == "signature").unwrap().1;
    assert_eq!(&sign(data, PRIVATE), signature);
    let decoded: Value = serde_json::from_slice(&base64_decode(data).unwrap()).unwrap();
    assert_eq!(decoded["status"], "success");
    assert_eq!(decoded["order_id"], "order-1");
    assert_eq!(decoded["code"], "000");
    assert_eq!(decoded["amount"], json!(10.5));
    assert_eq!(decoded["other_attr"], "{\"k\": \"v\"}");
    assert_eq!(sb.notifications()[0].attempts.len(), 2);

    let status = call(&sb, "/api/1/get-status", json!({"transaction": tx})).await;
    assert_eq!(status["status"], "success");
    assert_eq!(status["order_id"], "order-1");
    assert_eq!(status["card_mask"], "411111******1111");

    let partial = call(
        &sb,
        "/api/1/reverse",
        json!({"transaction": tx, "currency": "AZN", "amount": "0.50"}),
    )
    .await;
    assert_eq!(partial["status"], "success");
    let over = call(
        &sb,
        "/api/1/reverse",
        json!({"transaction": tx, "currency": "AZN", "amount": "11"}),
    )
    .await;
    assert_eq!(over["status"], "error");
    let rest = call(
        &sb,
        "/api/1/reverse",
        json!({"transaction": tx, "currency": "AZN", "amount": null}),
    )
    .await;
    assert_eq!(rest["status"], "success");
    let status = call(&sb, "/api/1/get-status", json!({"transaction": tx})).await;
    assert_eq!(status["status"], "returned");
}

#[tokio::test]
async fn saved_cards_declines_and_token_flows() {
    let sb = sandbox().await;
    let reg = call(&sb, "/api/1/card-registration", json!({})).await;
    let card_id = reg["card_id"].as_str().unwrap().to_owned();
    let not_yet = call(
        &sb,
        "/api/1/execute-pay",
        json!({"amount": "1", "currency": "AZN", "order_id": "o", "card_id": card_id}),
    )
    .await;
    assert_eq!(
        not_yet,
        json!({"status": "error", "message": "Card not found"})
    );
    let outcome = sb
        .pay_hosted(reg["redirect_url"].as_str().unwrap(), TestCard::VisaSuccess)
        .await
        .unwrap();
    assert_eq!(outcome.status, "success");
    assert!(sb.cards()[0].active);

    let paid = call(
        &sb,
        "/api/1/execute-pay",
        json!({"amount": "3", "currency": "AZN", "order_id": "o2", "card_id": card_id}),
    )
    .await;
    assert_eq!(paid["status"], "success");
    assert_eq!(paid["amount"], 3);
    let split = call(&sb, "/api/1/split-execute-pay", json!({"amount": "3", "currency": "AZN", "order_id": "o3", "card_id": card_id, "split_user": "u1", "split_amount": "1.5"})).await;
    assert_eq!(split["split_amount"], json!(1.5));
    let payout = call(
        &sb,
        "/api/1/refund-request",
        json!({"amount": "2", "currency": "AZN", "order_id": "o4", "card_id": card_id}),
    )
    .await;
    assert_eq!(payout["status"], "success");

    let with_pay = call(
        &sb,
        "/api/1/card-registration-with-pay",
        json!({"amount": "5", "currency": "AZN", "order_id": "o5", "description": "d"}),
    )
    .await;
    let outcome = sb
        .pay_hosted(
            with_pay["transaction"].as_str().unwrap(),
            TestCard::VisaDeclined,
        )
        .await
        .unwrap();
    assert_eq!(outcome.status, "error");
    let status = call(
        &sb,
        "/api/1/get-status",
        json!({"transaction": with_pay["transaction"]}),
    )
    .await;
    assert_eq!(
        (status["status"].as_str(), status["code"].as_str()),
        (Some("error"), Some("100"))
    );

    let widget = call(
        &sb,
        "/api/1/token/widget",
        json!({"amount": "7", "order_id": "w1", "description": "widget"}),
    )
    .await;
    assert!(
        widget["widget_url"]
            .as_str()
            .unwrap()
            .contains("/epoint/pay/")
    );
    let token = call(
        &sb,
        "/api/1/token/payment",
        json!({"amount": "7", "currency": "AZN", "order_id": "t1"}),
    )
    .await;
    let id = token["id"].as_i64().unwrap();
    let session = call(
        &sb,
        "/api/1/token/apple/session",
        json!({"origin": "https://shop.example"}),
    )
    .await;
    assert_eq!(session["status"], "success");
    let paid = call(
        &sb,
        "/api/1/token/google/pay",
        json!({"id": id, "token": {"x": 1}, "billingContact": null}),
    )
    .await;
    assert_eq!(paid["status"], "success");
    let status = call(
        &sb,
        "/api/1/token/apple/pay",
        json!({"id": 999_999, "token": {}}),
    )
    .await;
    assert_eq!(status["status"], "error");
    let split = call(&sb, "/api/1/split-request", json!({"amount": "4", "currency": "AZN", "order_id": "s1", "split_user": "u", "split_amount": "1"})).await;
    assert_eq!(split["status"], "success");
}
