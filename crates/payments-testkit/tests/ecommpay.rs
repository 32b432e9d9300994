#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use common::{Merchant, client, fast_retry, vectors};
use payments_testkit::ecommpay::{signature, string_to_sign};
use payments_testkit::{EcommpayConfig, EcommpaySandbox, SandboxError, TestCard};
use serde_json::{Value, json};

async fn sandbox(project_id: i64, secret: &str) -> EcommpaySandbox {
    EcommpaySandbox::start(EcommpayConfig {
        project_id,
        secret_key: secret.to_owned(),
        callback_url: None,
        retry: fast_retry(),
    })
    .await
    .unwrap()
}

/// Builds a Payment Page URL the way the Python SDK does (urlencode with quote_plus).
fn page_url(base: &str, params: &[(&str, Value)], secret: &str) -> String {
    let mut signed = serde_json::Map::new();
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        signed.insert((*k).to_owned(), v.clone());
        let text = match v {
            Value::Bool(true) => "True".to_owned(),
            Value::Bool(false) => "False".to_owned(),
            Value::Null => "None".to_owned(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        query.append_pair(k, &text);
    }
    let sig = signature(&Value::Object(signed), secret);
    query.append_pair("signature", &sig);
    format!("{base}?{}", query.finish())
}

#[test]
fn signature_vectors() {
    for case in vectors("ecommpay")["signature_vectors"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        assert_eq!(
            string_to_sign(&case["params"]),
            case["string_to_sign"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            signature(&case["params"], case["secret"].as_str().unwrap()),
            case["signature"].as_str().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn callback_vectors_verify_after_removing_signatures() {
    for case in vectors("ecommpay")["callback_vectors"].as_array().unwrap() {
        let mut data: Value = serde_json::from_str(case["raw"].as_str().unwrap()).unwrap();
        let given = data
            .get("signature")
            .cloned()
            .unwrap_or_else(|| data["general"]["signature"].clone());
        // The SDK removes `signature` from every nested dict (not from list elements).
        fn strip(v: &mut Value) {
            if let Value::Object(m) = v {
                m.remove("signature");
                for child in m.values_mut() {
                    strip(child);
                }
            }
        }
        strip(&mut data);
        assert_eq!(
            signature(&data, case["secret"].as_str().unwrap()),
            given.as_str().unwrap()
        );
    }
}

#[tokio::test]
async fn official_url_vector_is_accepted_and_tampering_rejected() {
    let v = vectors("ecommpay");
    let vector = &v["url_vectors"][0];
    let url = vector["url"].as_str().unwrap();
    let query = url.split_once('?').unwrap().1;
    let sb = sandbox(12345, "secret").await;
    let resp = client()
        .get(format!("{}?{query}", sb.payment_page_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let page = resp.text().await.unwrap();
    assert!(page.contains("10.00") && page.contains("EUR"));
    assert!(page.contains("Test &amp; pay"));
    assert_eq!(sb.payment("order-001").unwrap().status, "awaiting customer");

    let tampered = query.replace("payment_amount=1000", "payment_amount=1");
    let resp = client()
        .get(format!("{}?{tampered}", sb.payment_page_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert!(resp.text().await.unwrap().contains("signature is invalid"));

    let other = sandbox(12345, "other-secret").await;
    let resp = client()
        .get(format!("{}?{query}", other.payment_page_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    let resp = client().get(other.payment_page_url()).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 400);

    let wrong_project = sandbox(999, "secret").await;
    let resp = client()
        .get(format!("{}?{query}", wrong_project.payment_page_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert!(matches!(
        wrong_project.pay_hosted(url, TestCard::VisaSuccess).await,
        Err(SandboxError::Rejected(_))
    ));
}

fn params(id: &str, callback: Option<&str>) -> Vec<(&'static str, Value)> {
    let mut p = vec![
        ("project_id", json!(186)),
        ("interface_type", json!("{\"id\": 24}")),
        ("payment_id", json!(id)),
        ("payment_amount", json!(1001)),
        ("payment_currency", json!("RUB")),
        ("payment_description", json!("Тестовый платёж")),
        ("customer_id", json!("cust 1")),
        ("force_acs_new_window", json!(true)),
        ("close_on_missclick", json!(false)),
        ("merchant_success_url", json!("https://shop.example/ok")),
        ("merchant_fail_url", json!("https://shop.example/fail")),
    ];
    if let Some(c) = callback {
        p.push(("merchant_callback_url", json!(c)));
    }
    p
}

#[tokio::test]
async fn happy_path_through_the_html_form_with_callback_retry() {
    let merchant = Merchant::start(1).await;
    let sb = sandbox(186, "project-secret").await;
    sb.set_callback_url(Some(merchant.url.clone()));
    let url = page_url(
        &sb.payment_page_url(),
        &params("pay-1", None),
        sb.secret_key(),
    );
    let page = client().get(&url).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.text().await.unwrap().contains("10.01"));

    let resp = client()
        .post(format!("{}/payment/pay", sb.base_url()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("payment_id=pay-1&card_number=5544330000037")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(resp.headers()["location"], "https://shop.example/ok");

    let received = merchant.received();
    assert_eq!(received.len(), 2);
    let mut callback: Value = serde_json::from_slice(&received[1].1).unwrap();
    let sig = callback["signature"].as_str().unwrap().to_owned();
    callback.as_object_mut().unwrap().remove("signature");
    assert_eq!(signature(&callback, "project-secret"), sig);
    assert_eq!(callback["project_id"], 186);
    assert_eq!(callback["payment"]["id"], "pay-1");
    assert_eq!(callback["payment"]["status"], "success");
    assert_eq!(
        callback["payment"]["sum"],
        json!({"amount": 1001, "currency": "RUB"})
    );
    assert_eq!(callback["operation"]["status"], "success");
    assert_eq!(callback["account"]["number"], "554433***0037");
    let n = &sb.notifications()[0];
    assert!(n.delivered);
    assert_eq!(n.attempts.len(), 2);
    assert_eq!(sb.payment("pay-1").unwrap().status, "success");

    // The same payment_id cannot be opened again.
    let resp = client().get(&url).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 400);
}

#[tokio::test]
async fn declined_card_and_per_request_callback_url() {
    let merchant = Merchant::start(0).await;
    let sb = sandbox(186, "s").await;
    let url = page_url(
        &sb.payment_page_url(),
        &params("pay-2", Some(&merchant.url)),
        "s",
    );
    let outcome = sb
        .pay_hosted(&url, TestCard::VisaInsufficientFunds)
        .await
        .unwrap();
    assert_eq!(outcome.status, "decline");
    assert_eq!(
        outcome.redirect_url.as_deref(),
        Some("https://shop.example/fail")
    );
    assert!(outcome.notification_delivered);
    let callback: Value = serde_json::from_slice(&merchant.received()[0].1).unwrap();
    assert_eq!(callback["operation"]["code"], "20105");
    assert_eq!(callback["payment"]["status"], "decline");

    // A payment opened without any callback URL is paid without a notification.
    let url = page_url(&sb.payment_page_url(), &params("pay-3", None), "s");
    let outcome = sb.pay_hosted(&url, TestCard::VisaSuccess).await.unwrap();
    assert_eq!(outcome.status, "success");
    assert!(outcome.notification.is_none());
    assert!(matches!(
        sb.pay_hosted("pay-3", TestCard::VisaSuccess).await,
        Err(SandboxError::InvalidState(_))
    ));
}
