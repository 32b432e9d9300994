#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use common::{Merchant, client, fast_retry, header, vectors};
use payments_core::signing::{base64_encode, hmac_sha256};
use payments_testkit::onlinepayments::{string_to_sign, webhook_signature};
use payments_testkit::{OnlinePaymentsConfig, OnlinePaymentsSandbox, Sandboxes, TestCard};
use serde_json::{Value, json};

const DATE: &str = "Tue, 05 Mar 2024 10:00:00 GMT";

async fn sandbox() -> OnlinePaymentsSandbox {
    OnlinePaymentsSandbox::start(OnlinePaymentsConfig {
        merchant_id: "MERCHANT1".to_owned(),
        api_key_id: "KEY1234".to_owned(),
        secret_api_key: "c2VjcmV0LXNlY3JldA==".to_owned(),
        webhook_key_id: "key-1".to_owned(),
        webhook_secret: "my-webhook-secret".to_owned(),
        webhook_url: None,
        retry: fast_retry(),
    })
    .await
    .unwrap()
}

/// Signs like the SDK: METHOD, Content-Type, Date, sorted x-gcs headers, path.
fn sign(secret: &str, method: &str, ct: &str, gcs: &[(&str, &str)], path: &str) -> String {
    let mut gcs: Vec<(String, &str)> = gcs
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), *v))
        .collect();
    gcs.sort();
    let mut s = format!("{method}\n{ct}\n{DATE}\n");
    for (n, v) in gcs {
        s.push_str(&format!("{n}:{v}\n"));
    }
    s.push_str(&format!("{path}\n"));
    base64_encode(&hmac_sha256(secret.as_bytes(), s.as_bytes()))
}

struct Call<'a> {
    key_id: &'a str,
    secret: &'a str,
    idempotence: Option<&'a str>,
}

const OK: Call<'static> = Call {
    key_id: "KEY1234",
    secret: "c2VjcmV0LXNlY3JldA==",
    idempotence: None,
};

async fn call(
    sb: &OnlinePaymentsSandbox,
    c: &Call<'_>,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value, reqwest::header::HeaderMap) {
    let ct = if body.is_some() {
        "application/json"
    } else {
        ""
    };
    let gcs: Vec<(&str, &str)> = c
        .idempotence
        .map(|k| ("X-GCS-Idempotence-Key", k))
        .into_iter()
        .collect();
    let sig = sign(c.secret, method, ct, &gcs, path);
    let mut req = client()
        .request(method.parse().unwrap(), format!("{}{path}", sb.base_url()))
        .header("Date", DATE)
        .header("Authorization", format!("GCS v1HMAC:{}:{sig}", c.key_id));
    for (n, v) in gcs {
        req = req.header(n, v);
    }
    if let Some(b) = body {
        req = req
            .header("Content-Type", ct)
            .body(serde_json::to_string_pretty(&b).unwrap());
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let bytes = resp.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        headers,
    )
}

fn assert_error_shape(body: &Value, status: u16) {
    assert!(body["errorId"].is_string(), "{body}");
    let e = &body["errors"][0];
    assert_eq!(e["httpStatusCode"], status);
    assert!(e["errorCode"].is_string() && e["id"].is_string() && e["message"].is_string());
}

#[test]
fn vectors_reproduce() {
    let v = vectors("onlinepayments");
    for name in [
        "hmac_official_minimal",
        "hmac_official_full",
        "hmac_post_json",
    ] {
        let case = &v[name];
        let headers: Vec<(String, String)> = case["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h[0].as_str().unwrap().to_owned(),
                    h[1].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let url = url::Url::parse(case["url"].as_str().unwrap()).unwrap();
        let s = string_to_sign(case["method"].as_str().unwrap(), &headers, url.path());
        assert_eq!(s, case["string_to_sign"].as_str().unwrap(), "{name}");
        let auth = payments_testkit::onlinepayments::authorization(
            case["key_id"].as_str().unwrap(),
            case["secret"].as_str().unwrap(),
            &s,
        );
        assert_eq!(auth, case["authorization"].as_str().unwrap(), "{name}");
    }
    let w = &v["webhook_custom"];
    assert_eq!(
        webhook_signature(
            w["secret"].as_str().unwrap(),
            w["body"].as_str().unwrap().as_bytes()
        ),
        w["signature"].as_str().unwrap()
    );
}

#[tokio::test]
async fn auth_is_verified_from_the_received_request() {
    let sb = sandbox().await;
    let (status, body, _) = call(
        &sb,
        &OK,
        "GET",
        "/v2/MERCHANT1/services/testconnection",
        None,
    )
    .await;
    assert_eq!((status, body), (200, json!({"result": "OK"})));

    let (status, body, _) = call(
        &sb,
        &Call {
            secret: "wrong",
            ..OK
        },
        "GET",
        "/v2/MERCHANT1/services/testconnection",
        None,
    )
    .await;
    assert_eq!(status, 401);
    assert_error_shape(&body, 401);
    let (status, body, _) = call(
        &sb,
        &Call {
            key_id: "OTHER",
            ..OK
        },
        "GET",
        "/v2/MERCHANT1/services/testconnection",
        None,
    )
    .await;
    assert_eq!(status, 401);
    assert_error_shape(&body, 401);
    let (status, body, _) = call(&sb, &OK, "GET", "/v2/OTHER/services/testconnection", None).await;
    assert_eq!(status, 403);
    assert_error_shape(&body, 403);

    let resp = client()
        .get(format!(
            "{}/v2/MERCHANT1/services/testconnection",
            sb.base_url()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    // Signed for another path: rejected.
    let sig = sign(OK.secret, "GET", "", &[], "/v2/MERCHANT1/payments/1");
    let resp = client()
        .get(format!(
            "{}/v2/MERCHANT1/services/testconnection",
            sb.base_url()
        ))
        .header("Date", DATE)
        .header("Authorization", format!("GCS v1HMAC:KEY1234:{sig}"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);

    let (status, body, _) = call(&sb, &OK, "GET", "/v2/MERCHANT1/payments/404_0", None).await;
    assert_eq!(status, 404);
    assert_error_shape(&body, 404);
    let (status, body, _) = call(
        &sb,
        &OK,
        "POST",
        "/v2/MERCHANT1/payments",
        Some(json!({"order": {}})),
    )
    .await;
    assert_eq!(status, 400);
    assert_error_shape(&body, 400);
}

fn checkout_request() -> Value {
    json!({
        "order": {"amountOfMoney": {"amount": 1000, "currencyCode": "EUR"}, "references": {"merchantReference": "ref-1"}},
        "hostedCheckoutSpecificInput": {"returnUrl": "https://shop.example/return", "locale": "en_GB"},
    })
}

#[tokio::test]
async fn hosted_checkout_happy_path_with_signed_webhook_retry() {
    let merchant = Merchant::start(1).await;
    let sb = sandbox().await;
    sb.set_webhook_url(Some(merchant.url.clone()));
    let (status, hc, _) = call(
        &sb,
        &OK,
        "POST",
        "/v2/MERCHANT1/hostedcheckouts",
        Some(checkout_request()),
    )
    .await;
    assert_eq!(status, 200);
    let hc_id = hc["hostedCheckoutId"].as_str().unwrap().to_owned();
    let redirect = hc["redirectUrl"].as_str().unwrap().to_owned();
    assert_eq!(
        format!("http://{}", hc["partialRedirectUrl"].as_str().unwrap()),
        redirect
    );
    assert_eq!(hc["merchantReference"], "ref-1");
    let (_, got, _) = call(
        &sb,
        &OK,
        "GET",
        &format!("/v2/MERCHANT1/hostedcheckouts/{hc_id}"),
        None,
    )
    .await;
    assert_eq!(got, json!({"status": "IN_PROGRESS"}));

    let page = client()
        .get(&redirect)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("10.00"));
    let resp = client()
        .post(format!("{redirect}/pay"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("card_number=4111111111111111")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&format!(
        "https://shop.example/return?RETURNMAC={}&hostedCheckoutId={hc_id}",
        hc["RETURNMAC"].as_str().unwrap()
    )));

    let received = merchant.received();
    assert_eq!(received.len(), 2);
    let (headers, body) = &received[1];
    assert_eq!(header(headers, "x-gcs-keyid"), Some("key-1"));
    assert_eq!(
        header(headers, "x-gcs-signature").unwrap(),
        webhook_signature("my-webhook-secret", body)
    );
    let event: Value = serde_json::from_slice(body).unwrap();
    assert_eq!(event["apiVersion"], "v1");
    assert_eq!(event["type"], "payment.captured");
    assert_eq!(event["merchantId"], "MERCHANT1");
    assert_eq!(event["payment"]["status"], "CAPTURED");

    let (_, got, _) = call(
        &sb,
        &OK,
        "GET",
        &format!("/v2/MERCHANT1/hostedcheckouts/{hc_id}"),
        None,
    )
    .await;
    assert_eq!(got["status"], "PAYMENT_CREATED");
    assert_eq!(
        got["createdPaymentOutput"]["paymentStatusCategory"],
        "SUCCESSFUL"
    );
    let payment_id = got["createdPaymentOutput"]["payment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, payment, _) = call(
        &sb,
        &OK,
        "GET",
        &format!("/v2/MERCHANT1/payments/{payment_id}"),
        None,
    )
    .await;
    assert_eq!(payment["statusOutput"]["statusCode"], 9);
    assert_eq!(
        payment["paymentOutput"]["amountOfMoney"],
        json!({"amount": 1000, "currencyCode": "EUR"})
    );
    let (_, details, _) = call(
        &sb,
        &OK,
        "GET",
        &format!("/v2/MERCHANT1/payments/{payment_id}/details"),
        None,
    )
    .await;
    assert!(details["Operations"].is_array());

    let (status, refund, _) = call(
        &sb,
        &OK,
        "POST",
        &format!("/v2/MERCHANT1/payments/{payment_id}/refund"),
        Some(json!({"amountOfMoney": {"amount": 400, "currencyCode": "EUR"}})),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(refund["status"], "REFUNDED");
    let (status, _, _) = call(
        &sb,
        &OK,
        "POST",
        &format!("/v2/MERCHANT1/payments/{payment_id}/refund"),
        Some(json!({"amountOfMoney": {"amount": 601, "currencyCode": "EUR"}})),
    )
    .await;
    assert_eq!(status, 400);
    call(
        &sb,
        &OK,
        "POST",
        &format!("/v2/MERCHANT1/payments/{payment_id}/refund"),
        Some(json!({})),
    )
    .await;
    let (_, refunds, _) = call(
        &sb,
        &OK,
        "GET",
        &format!("/v2/MERCHANT1/payments/{payment_id}/refunds"),
        None,
    )
    .await;
    assert_eq!(refunds["refunds"].as_array().unwrap().len(), 2);
    assert_eq!(sb.payment(&payment_id).unwrap()["status"], "REFUNDED");
}

#[tokio::test]
async fn declined_direct_payment_is_402_with_payment_result() {
    let sb = sandbox().await;
    let request = json!({
        "order": {"amountOfMoney": {"amount": 500, "currencyCode": "EUR"}},
        "cardPaymentMethodSpecificInput": {"card": {"cardNumber": TestCard::VisaDeclined.number(), "expiryDate": "1230", "cvv": "123"}},
    });
    let (status, body, _) = call(&sb, &OK, "POST", "/v2/MERCHANT1/payments", Some(request)).await;
    assert_eq!(status, 402);
    assert_error_shape(&body, 402);
    assert_eq!(body["paymentResult"]["payment"]["status"], "REJECTED");
    assert_eq!(
        body["paymentResult"]["payment"]["statusOutput"]["statusCode"],
        2
    );
}

#[tokio::test]
async fn capture_cancel_idempotence_and_tokens() {
    let sb = sandbox().await;
    let request = |card: &str| {
        json!({
            "order": {"amountOfMoney": {"amount": 700, "currencyCode": "EUR"}},
            "cardPaymentMethodSpecificInput": {"authorizationMode": "FINAL_AUTHORIZATION", "card": {"cardNumber": card, "expiryDate": "1230"}},
        })
    };
    let key = Call {
        idempotence: Some("6a1b4f2e-0000-4000-8000-000000000001"),
        ..OK
    };
    let (status, first, h1) = call(
        &sb,
        &key,
        "POST",
        "/v2/MERCHANT1/payments",
        Some(request("5544330000037")),
    )
    .await;
    assert_eq!(status, 201);
    assert!(h1.get("x-gcs-idempotence-request-timestamp").is_none());
    let (status, second, h2) = call(
        &sb,
        &key,
        "POST",
        "/v2/MERCHANT1/payments",
        Some(request("5544330000037")),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(first, second);
    assert!(
        h2["x-gcs-idempotence-request-timestamp"]
            .to_str()
            .unwrap()
            .parse::<i64>()
            .is_ok()
    );
    assert_eq!(sb.payments().len(), 1);

    let id = first["payment"]["id"].as_str().unwrap().to_owned();
    assert_eq!(first["payment"]["status"], "PENDING_CAPTURE");
    let (status, capture, _) = call(
        &sb,
        &OK,
        "POST",
        &format!("/v2/MERCHANT1/payments/{id}/capture"),
        Some(json!({"amount": 300})),
    )
    .await;
    assert_eq!(
        (status, capture["status"].as_str()),
        (200, Some("CAPTURED"))
    );
    call(
        &sb,
        &OK,
        "POST",
        &format!("/v2/MERCHANT1/payments/{id}/capture"),
        Some(json!({})),
    )
    .await;
    let (_, captures, _) = call(
        &sb,
        &OK,
        "GET",
        &format!("/v2/MERCHANT1/payments/{id}/captures"),
        None,
    )
    .await;
    assert_eq!(captures["captures"].as_array().unwrap().len(), 2);
    assert_eq!(sb.payment(&id).unwrap()["status"], "CAPTURED");
    let (status, body, _) = call(
        &sb,
        &OK,
        "POST",
        &format!("/v2/MERCHANT1/payments/{id}/cancel"),
        None,
    )
    .await;
    assert_eq!(status, 400);
    assert_error_shape(&body, 400);

    let (_, other, _) = call(
        &sb,
        &OK,
        "POST",
        "/v2/MERCHANT1/payments",
        Some(request("4111111111111111")),
    )
    .await;
    let other_id = other["payment"]["id"].as_str().unwrap();
    let (status, cancelled, _) = call(
        &sb,
        &OK,
        "POST",
        &format!("/v2/MERCHANT1/payments/{other_id}/cancel"),
        None,
    )
    .await;
    assert_eq!(
        (status, cancelled["payment"]["status"].as_str()),
        (200, Some("CANCELLED"))
    );

    let token_request = json!({"paymentProductId": 1, "card": {"data": {"card": {"cardNumber": "4111111111111111", "cardholderName": "Ada", "expiryDate": "1230"}}}});
    let (status, token, _) = call(
        &sb,
        &OK,
        "POST",
        "/v2/MERCHANT1/tokens",
        Some(token_request.clone()),
    )
    .await;
    assert_eq!((status, token["isNewToken"].as_bool()), (201, Some(true)));
    let (status, again, _) = call(
        &sb,
        &OK,
        "POST",
        "/v2/MERCHANT1/tokens",
        Some(token_request),
    )
    .await;
    assert_eq!(
        (status, again["token"].clone()),
        (200, token["token"].clone())
    );
    let tid = token["token"].as_str().unwrap();
    let (_, got, _) = call(
        &sb,
        &OK,
        "GET",
        &format!("/v2/MERCHANT1/tokens/{tid}"),
        None,
    )
    .await;
    assert_eq!(
        got["card"]["data"]["cardWithoutCvv"]["cardNumber"],
        "************1111"
    );
    let with_token = json!({"order": {"amountOfMoney": {"amount": 100, "currencyCode": "EUR"}}, "cardPaymentMethodSpecificInput": {"token": tid}});
    let (status, paid, _) =
        call(&sb, &OK, "POST", "/v2/MERCHANT1/payments", Some(with_token)).await;
    assert_eq!(
        (status, paid["payment"]["status"].as_str()),
        (201, Some("CAPTURED"))
    );
    let (status, _, _) = call(
        &sb,
        &OK,
        "DELETE",
        &format!("/v2/MERCHANT1/tokens/{tid}"),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (status, body, _) = call(
        &sb,
        &OK,
        "GET",
        &format!("/v2/MERCHANT1/tokens/{tid}"),
        None,
    )
    .await;
    assert_eq!(status, 404);
    assert_error_shape(&body, 404);
}

#[tokio::test]
async fn payment_links_and_start_all() {
    let all = Sandboxes::start_all().await.unwrap();
    all.set_retry_policy(&fast_retry());
    let sb = &all.onlinepayments;
    let c = Call {
        key_id: sb.api_key_id(),
        secret: sb.secret_api_key(),
        idempotence: None,
    };
    let path = format!("/v2/{}/paymentlinks", sb.merchant_id());
    let (status, link, _) = call(sb, &c, "POST", &path, Some(json!({"paymentLinkOrder": {"amount": {"amount": 2500, "currencyCode": "EUR"}, "merchantReference": "link-1"}, "recipientName": "Ada"}))).await;
    assert_eq!(status, 201);
    assert_eq!(link["status"], "ACTIVE");
    let outcome = sb
        .pay_hosted(
            link["redirectionUrl"].as_str().unwrap(),
            TestCard::MastercardSuccess,
        )
        .await
        .unwrap();
    assert_eq!(outcome.status, "CAPTURED");
    let (_, got, _) = call(
        sb,
        &c,
        "GET",
        &format!("{path}/{}", link["paymentLinkId"].as_str().unwrap()),
        None,
    )
    .await;
    assert_eq!(got["status"], "PAID");
    assert!(got["paymentId"].is_string());
    assert_eq!(got["paymentLinkOrder"]["merchantReference"], "link-1");
    assert!(all.nopayn.base_url().starts_with("http://127.0.0.1:"));
    assert_ne!(all.nopayn.base_url(), all.epoint.base_url());
    all.shutdown().await;
    assert!(
        client()
            .get(format!("{}/v1/orders/", all.nopayn.base_url()))
            .send()
            .await
            .is_err()
    );
}
