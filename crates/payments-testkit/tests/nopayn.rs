#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use common::{Merchant, client, fast_retry, vectors};
use payments_core::signing::{hex_lower, hmac_sha256};
use payments_testkit::{CardOutcome, NoPaynConfig, NoPaynSandbox, SandboxError, TestCard};
use serde_json::{Value, json};

async fn sandbox(api_key: &str) -> NoPaynSandbox {
    NoPaynSandbox::start(NoPaynConfig {
        api_key: api_key.to_owned(),
        project_id: "proj-1".to_owned(),
        retry: fast_retry(),
    })
    .await
    .unwrap()
}

async fn call(
    sb: &NoPaynSandbox,
    method: reqwest::Method,
    path: &str,
    auth: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = client().request(method, format!("{}{path}", sb.base_url()));
    if let Some(a) = auth {
        req = req.header("Authorization", a);
    }
    if let Some(b) = body {
        req = req
            .header("Content-Type", "application/json")
            .body(serde_json::to_vec(&b).unwrap());
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn order_body(merchant: Option<&str>) -> Value {
    json!({
        "amount": 1295,
        "currency": "EUR",
        "merchant_order_id": "ORDER-001",
        "description": "Premium Widget",
        "return_url": "https://shop.example/success",
        "failure_url": "https://shop.example/failure",
        "webhook_url": merchant,
        "locale": "en-GB",
        "payment_methods": ["credit-card"],
        "expiration_period": "PT30M",
    })
}

#[tokio::test]
async fn basic_auth_vector_is_accepted_and_wrong_keys_rejected() {
    let v = vectors("nopayn");
    let expected = v["basic_auth"]["test-api-key"].as_str().unwrap();
    let sb = sandbox("test-api-key").await;
    assert_eq!(sb.authorization_header(), expected);

    let (status, body) = call(
        &sb,
        reqwest::Method::POST,
        "/v1/orders/",
        Some(expected),
        Some(order_body(None)),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(body["status"], "new");

    for auth in [
        None,
        Some("Basic d3Jvbmc6"),
        Some("Bearer test-api-key"),
        Some("Basic !!!"),
    ] {
        let (status, body) = call(&sb, reqwest::Method::GET, "/v1/orders/x/", auth, None).await;
        assert_eq!(status, 401);
        assert_eq!(body, json!({"error": {"message": "Unauthorized"}}));
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn hpp_signature_vectors_use_the_api_key() {
    for case in vectors("nopayn")["signature_vectors"].as_array().unwrap() {
        let mac = hmac_sha256(
            case["secret"].as_str().unwrap().as_bytes(),
            case["message"].as_str().unwrap().as_bytes(),
        );
        assert_eq!(hex_lower(&mac), case["hmac_sha256_hex"].as_str().unwrap());
    }
}

#[tokio::test]
async fn errors_have_the_provider_shapes() {
    let sb = sandbox("k").await;
    let auth = sb.authorization_header();
    let (status, body) = call(
        &sb,
        reqwest::Method::GET,
        "/v1/orders/unknown/",
        Some(&auth),
        None,
    )
    .await;
    assert_eq!((status, body), (404, json!({"detail": "Not found"})));
    let (status, body) = call(
        &sb,
        reqwest::Method::POST,
        "/v1/orders/",
        Some(&auth),
        Some(json!({"amount": "x", "currency": "EUR"})),
    )
    .await;
    assert_eq!(
        (status, body),
        (400, json!({"error": {"value": "Invalid amount"}}))
    );
    let (status, body) = call(
        &sb,
        reqwest::Method::POST,
        "/v1/orders/",
        Some(&auth),
        Some(json!({"amount": 5, "currency": "eur"})),
    )
    .await;
    assert_eq!(
        (status, body),
        (400, json!({"error": {"value": "Invalid currency"}}))
    );
    let (status, _) = call(
        &sb,
        reqwest::Method::POST,
        "/v1/orders/",
        Some(&auth),
        Some(json!([1])),
    )
    .await;
    assert_eq!(status, 400);
    let (status, _) = call(
        &sb,
        reqwest::Method::POST,
        "/v1/orders/unknown/refunds/",
        Some(&auth),
        Some(json!({"amount": 1})),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = call(&sb, reqwest::Method::PUT, "/v1/orders/", Some(&auth), None).await;
    assert_eq!(status, 405);
    assert!(matches!(
        sb.pay_hosted("nope", TestCard::VisaSuccess).await,
        Err(SandboxError::NotFound(_))
    ));
    assert_eq!(sb.requests().len(), 6);
}

#[tokio::test]
async fn happy_path_with_webhook_retries_capture_and_refund() {
    let merchant = Merchant::start(2).await;
    let sb = sandbox("shop-key").await;
    let auth = sb.authorization_header();
    let (status, order) = call(
        &sb,
        reqwest::Method::POST,
        "/v1/orders/",
        Some(&auth),
        Some(order_body(Some(&merchant.url))),
    )
    .await;
    assert_eq!(status, 201);
    let id = order["id"].as_str().unwrap().to_owned();
    let order_url = order["order_url"].as_str().unwrap().to_owned();
    assert_eq!(order_url, sb.hosted_page_url(&id));
    let tx = &order["transactions"][0];
    assert_eq!(tx["status"], "new");
    assert!(tx["payment_url"].as_str().unwrap().starts_with(&order_url));

    // The hosted page shows the amount and a card form.
    let page = client()
        .get(&order_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("12.95") && page.contains("EUR") && page.contains("card_number"));

    // The customer submits the form.
    let resp = client()
        .post(format!("{order_url}pay"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("card_number=4111+1111+1111+1111")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        location,
        format!("https://shop.example/success?order_id={id}&project_id=proj-1")
    );

    // Webhook: two failures, then delivered.
    let sent = sb.notifications();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].delivered);
    assert_eq!(sent[0].attempts.len(), 3);
    assert_eq!(sent[0].attempts[0].status, Some(500));
    let received = merchant.received();
    assert_eq!(received.len(), 3);
    let hook: Value = serde_json::from_slice(&received[2].1).unwrap();
    assert_eq!(
        hook,
        json!({"event": "status_changed", "order_id": id, "project_id": "proj-1"})
    );

    let (_, got) = call(
        &sb,
        reqwest::Method::GET,
        &format!("/v1/orders/{id}/"),
        Some(&auth),
        None,
    )
    .await;
    assert_eq!(got["status"], "completed");
    assert!(got["completed"].is_string());
    let tid = got["transactions"][0]["id"].as_str().unwrap().to_owned();

    let (status, captured) = call(
        &sb,
        reqwest::Method::POST,
        &format!("/v1/orders/{id}/transactions/{tid}/captures/"),
        Some(&auth),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(captured["status"], "captured");
    let (status, _) = call(
        &sb,
        reqwest::Method::POST,
        &format!("/v1/orders/{id}/transactions/{tid}/voids/amount/"),
        Some(&auth),
        Some(json!({"amount": 1295, "description": ""})),
    )
    .await;
    assert_eq!(status, 400);

    let (status, refund) = call(
        &sb,
        reqwest::Method::POST,
        &format!("/v1/orders/{id}/refunds/"),
        Some(&auth),
        Some(json!({"amount": 1000, "description": "part"})),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(refund["status"], "pending");
    assert_eq!(refund["amount"], 1000);
    let (status, body) = call(
        &sb,
        reqwest::Method::POST,
        &format!("/v1/orders/{id}/refunds/"),
        Some(&auth),
        Some(json!({"amount": 296})),
    )
    .await;
    assert_eq!(status, 400);
    assert!(body["error"]["value"].is_string());
    assert_eq!(sb.order(&id).unwrap().refunds.len(), 1);

    // A paid order cannot be paid again.
    assert!(matches!(
        sb.pay_hosted(&order_url, TestCard::VisaSuccess).await,
        Err(SandboxError::InvalidState(_))
    ));
}

#[tokio::test]
async fn declined_cards_go_to_the_failure_url() {
    let sb = sandbox("k").await;
    let auth = sb.authorization_header();
    for (card, reason) in [
        (TestCard::VisaDeclined, "Declined"),
        (TestCard::VisaInsufficientFunds, "Insufficient funds"),
    ] {
        let (_, order) = call(
            &sb,
            reqwest::Method::POST,
            "/v1/orders/",
            Some(&auth),
            Some(order_body(None)),
        )
        .await;
        let id = order["id"].as_str().unwrap();
        let outcome = sb
            .pay_hosted(order["order_url"].as_str().unwrap(), card)
            .await
            .unwrap();
        assert_eq!(outcome.status, "error");
        assert!(!outcome.is_approved());
        assert!(!outcome.notification_delivered);
        assert!(outcome.attempts.is_empty());
        assert!(
            outcome
                .redirect_url
                .unwrap()
                .starts_with("https://shop.example/failure?order_id=")
        );
        let stored = sb.order(id).unwrap();
        assert_eq!(stored.transactions[0].reason.as_deref(), Some(reason));
    }
    let (_, order) = call(
        &sb,
        reqwest::Method::POST,
        "/v1/orders/",
        Some(&auth),
        Some(order_body(None)),
    )
    .await;
    let outcome = sb
        .pay_hosted_with_number(order["id"].as_str().unwrap(), "4000 0000 0000 0002")
        .await
        .unwrap();
    assert_eq!(outcome.card_outcome, CardOutcome::Declined);
}

#[tokio::test]
async fn expiry_cancel_and_void() {
    let merchant = Merchant::start(0).await;
    let sb = sandbox("k").await;
    let auth = sb.authorization_header();
    let (_, order) = call(
        &sb,
        reqwest::Method::POST,
        "/v1/orders/",
        Some(&auth),
        Some(order_body(Some(&merchant.url))),
    )
    .await;
    let id = order["id"].as_str().unwrap().to_owned();
    let outcome = sb.expire_order(&id).await.unwrap();
    assert_eq!(outcome.status, "expired");
    assert!(outcome.notification_delivered);
    let (_, got) = call(
        &sb,
        reqwest::Method::GET,
        &format!("/v1/orders/{id}/"),
        Some(&auth),
        None,
    )
    .await;
    assert_eq!(got["status"], "expired");

    // An order with a zero expiration period expires on the next access.
    let mut body = order_body(None);
    body["expiration_period"] = json!("PT0S");
    let (_, order) = call(
        &sb,
        reqwest::Method::POST,
        "/v1/orders/",
        Some(&auth),
        Some(body),
    )
    .await;
    let (_, got) = call(
        &sb,
        reqwest::Method::GET,
        &format!("/v1/orders/{}/", order["id"].as_str().unwrap()),
        Some(&auth),
        None,
    )
    .await;
    assert_eq!(got["status"], "expired");

    let (_, order) = call(
        &sb,
        reqwest::Method::POST,
        "/v1/orders/",
        Some(&auth),
        Some(order_body(None)),
    )
    .await;
    let outcome = sb
        .cancel_hosted(order["order_url"].as_str().unwrap())
        .await
        .unwrap();
    assert_eq!(outcome.status, "cancelled");

    let (_, order) = call(
        &sb,
        reqwest::Method::POST,
        "/v1/orders/",
        Some(&auth),
        Some(order_body(None)),
    )
    .await;
    let id = order["id"].as_str().unwrap();
    let tid = order["transactions"][0]["id"].as_str().unwrap();
    sb.pay_hosted(id, TestCard::MastercardSuccess)
        .await
        .unwrap();
    let (status, voided) = call(
        &sb,
        reqwest::Method::POST,
        &format!("/v1/orders/{id}/transactions/{tid}/voids/amount/"),
        Some(&auth),
        Some(json!({"amount": 1295, "description": "void"})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(voided["status"], "voided");
    assert_eq!(sb.order(id).unwrap().status, "cancelled");
}
