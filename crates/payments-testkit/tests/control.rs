#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! The `/__sandbox/` control API of every sandbox, through real HTTP on 127.0.0.1, with
//! notifications checked at a local merchant endpoint; and its Rust twins.

mod common;

use common::{Merchant, client, fast_retry, header};
use payments_core::signing::base64_decode;
use payments_testkit::control::{Transition, Transitioned};
use payments_testkit::{
    EcommpayConfig, EcommpaySandbox, EpointConfig, EpointSandbox, NoPaynConfig, NoPaynSandbox,
    OnlinePaymentsConfig, OnlinePaymentsSandbox, Route, SandboxError, TestCard,
};
use serde_json::{Value, json};

/// `METHOD /__sandbox<path>` with an optional JSON body: (status, JSON answer).
async fn control(base: &str, method: &str, path: &str) -> (u16, Value) {
    let resp = client()
        .request(method.parse().unwrap(), format!("{base}/__sandbox{path}"))
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    assert_eq!(
        resp.headers()["content-type"].to_str().unwrap(),
        "application/json",
        "{method} {path}"
    );
    (
        status,
        serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap(),
    )
}

/// Forces `transition` on `id` over HTTP and expects `200`.
async fn force(base: &str, id: &str, transition: &str) -> Value {
    let (status, body) = control(base, "POST", &format!("/payments/{id}/{transition}")).await;
    assert_eq!(status, 200, "{transition} {id}: {body}");
    assert_eq!(body["id"], id);
    assert_eq!(body["transition"], transition);
    body
}

fn assert_error(answer: &(u16, Value), status: u16, code: &str) {
    assert_eq!(answer.0, status, "{}", answer.1);
    assert_eq!(answer.1["error"]["code"], code, "{}", answer.1);
    assert!(
        !answer.1["error"]["message"].as_str().unwrap().is_empty(),
        "{}",
        answer.1
    );
}

/// The error cases every sandbox shares; `id` is a known payment, `lacking` a transition the
/// provider does not have (if any).
async fn check_errors(base: &str, id: &str, lacking: Option<&str>) {
    let unknown = control(base, "POST", "/payments/no-such-id/pay").await;
    assert_error(&unknown, 404, "not_found");
    let nonsense = control(base, "POST", &format!("/payments/{id}/teleport")).await;
    assert_error(&nonsense, 400, "unsupported_transition");
    if let Some(t) = lacking {
        let lacks = control(base, "POST", &format!("/payments/{id}/{t}")).await;
        assert_error(&lacks, 400, "unsupported_transition");
        assert!(lacks.1["error"]["message"].as_str().unwrap().contains(t));
    }
    for bad in ["/notifications/999/resend", "/notifications/x/resend"] {
        assert_error(&control(base, "POST", bad).await, 404, "not_found");
    }
    for path in ["", "/", "/nothing", "/payments/x"] {
        assert_error(&control(base, "GET", path).await, 404, "not_found");
    }
    assert_error(
        &control(base, "GET", "/reset").await,
        405,
        "method_not_allowed",
    );
    assert_error(
        &control(base, "DELETE", "/requests").await,
        405,
        "method_not_allowed",
    );
}

/// `GET /__sandbox/routes` lists the provider's table, the control table and its transitions.
async fn check_routes(base: &str, provider: &str, table: &[Route], transitions: &[Transition]) {
    let (status, body) = control(base, "GET", "/routes").await;
    assert_eq!(status, 200);
    assert_eq!(body["provider"], provider);
    let listed: Vec<(String, String)> = body["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["method"].as_str().unwrap().to_owned(),
                r["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = table
        .iter()
        .chain(payments_testkit::control::ROUTES)
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    assert_eq!(listed, expected);
    let names: Vec<&str> = transitions.iter().map(|t| t.as_str()).collect();
    assert_eq!(body["transitions"], json!(names));
}

/// A notification answer as the control API renders it: delivered, with these statuses.
fn assert_delivered(n: &Value, url: &str, statuses: &[u16]) {
    assert_eq!(n["url"], url, "{n}");
    assert_eq!(n["delivered"], true, "{n}");
    let got: Vec<u64> = n["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_u64().unwrap())
        .collect();
    let want: Vec<u64> = statuses.iter().map(|s| u64::from(*s)).collect();
    assert_eq!(got, want, "{n}");
    for (i, a) in n["attempts"].as_array().unwrap().iter().enumerate() {
        assert_eq!(a["number"], i + 1);
        assert!(a["error"].is_null());
        assert!(a["at"].as_str().unwrap().ends_with('Z'));
    }
}

/// Lists, resends the first notification and resets, over HTTP; `bodies` is what the
/// merchant received before.
async fn check_lists_resend_and_reset(base: &str, merchant: &Merchant, api_requests: usize) {
    let (status, listed) = control(base, "GET", "/requests").await;
    assert_eq!(status, 200);
    let requests = listed["requests"].as_array().unwrap();
    assert_eq!(
        requests.len(),
        api_requests,
        "control calls are not recorded"
    );
    for (i, r) in requests.iter().enumerate() {
        assert_eq!(r["id"], i);
        assert!(r["method"].is_string() && r["path"].as_str().unwrap().starts_with('/'));
        assert!(
            r["headers"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h[0] == "host")
        );
        assert!(r["received_at"].is_string());
    }

    let (status, listed) = control(base, "GET", "/notifications").await;
    assert_eq!(status, 200);
    let notifications = listed["notifications"].as_array().unwrap().clone();
    assert!(!notifications.is_empty());
    for (i, n) in notifications.iter().enumerate() {
        assert_eq!(n["id"], i);
        assert!(
            n["headers"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h[0] == "Content-Type")
        );
    }
    let received_before = merchant.received().len();
    let (status, resent) = control(base, "POST", "/notifications/0/resend").await;
    assert_eq!(status, 200, "{resent}");
    let resent = &resent["notification"];
    assert_eq!(resent["id"], notifications.len());
    assert_eq!(resent["body"], notifications[0]["body"]);
    assert_eq!(resent["headers"], notifications[0]["headers"]);
    assert_delivered(resent, &merchant.url, &[200]);
    let received = merchant.received();
    assert_eq!(received.len(), received_before + 1);
    assert_eq!(
        String::from_utf8(received.last().unwrap().1.clone()).unwrap(),
        notifications[0]["body"].as_str().unwrap(),
        "the same bytes again"
    );

    let (status, reset) = control(base, "POST", "/reset").await;
    assert_eq!((status, reset), (200, json!({"reset": true})));
    let (_, listed) = control(base, "GET", "/requests").await;
    assert_eq!(listed, json!({"requests": []}));
    let (_, listed) = control(base, "GET", "/notifications").await;
    assert_eq!(listed, json!({"notifications": []}));
}

// ---------------------------------------------------------------- NoPayn

async fn nopayn_order(sb: &NoPaynSandbox, webhook: &str) -> String {
    let resp = client()
        .post(format!("{}/v1/orders/", sb.base_url()))
        .header("Authorization", sb.authorization_header())
        .header("Content-Type", "application/json")
        .body(json!({"amount": 1295, "currency": "EUR", "webhook_url": webhook}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let order: Value = serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap();
    order["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn nopayn_control_api() {
    let merchant = Merchant::start(1).await;
    let sb = NoPaynSandbox::start(NoPaynConfig {
        retry: fast_retry(),
        ..NoPaynConfig::default()
    })
    .await
    .unwrap();
    let base = sb.base_url().to_owned();
    let webhook = |id: &str| json!({"event": "status_changed", "order_id": id, "project_id": sb.project_id()});

    // pay: completed, the webhook retried once and delivered.
    let paid = nopayn_order(&sb, &merchant.url).await;
    let done = force(&base, &paid, "pay").await;
    assert_eq!(done["status"], "completed");
    assert_delivered(&done["notification"], &merchant.url, &[500, 200]);
    assert_eq!(sb.order(&paid).unwrap().status, "completed");
    let (_, last) = merchant.received().last().cloned().unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&last).unwrap(),
        webhook(&paid)
    );
    assert_error(
        &control(&base, "POST", &format!("/payments/{paid}/pay")).await,
        409,
        "invalid_state",
    );

    // refund_settled: the pending refund completes; the webhook goes out again.
    assert_error(
        &control(&base, "POST", &format!("/payments/{paid}/refund_settled")).await,
        409,
        "invalid_state",
    );
    let resp = client()
        .post(format!("{base}/v1/orders/{paid}/refunds/"))
        .header("Authorization", sb.authorization_header())
        .body(json!({"amount": 500}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let done = force(&base, &paid, "refund_settled").await;
    assert_eq!(done["status"], "completed");
    assert_delivered(&done["notification"], &merchant.url, &[200]);
    assert_eq!(sb.order(&paid).unwrap().refunds[0].status, "completed");

    // decline and expire, over HTTP and from Rust.
    let declined = nopayn_order(&sb, &merchant.url).await;
    let done = force(&base, &declined, "decline").await;
    assert_eq!(done["status"], "error");
    assert_eq!(
        sb.order(&declined).unwrap().transactions[0]
            .reason
            .as_deref(),
        Some("Declined")
    );
    let expired = nopayn_order(&sb, &merchant.url).await;
    let done: Transitioned = sb
        .force_transition(&expired, Transition::Expire)
        .await
        .unwrap();
    assert_eq!(
        (done.id.as_str(), done.status.as_str()),
        (expired.as_str(), "expired")
    );
    assert!(done.notification.unwrap().delivered);
    assert!(matches!(
        sb.force_transition(&expired, Transition::Chargeback).await,
        Err(SandboxError::Unsupported(_))
    ));
    assert!(matches!(
        sb.force_transition("nope", Transition::Pay).await,
        Err(SandboxError::NotFound(_))
    ));

    check_errors(&base, &paid, Some("chargeback")).await;
    check_routes(
        &base,
        "nopayn",
        payments_testkit::nopayn::ROUTES,
        payments_testkit::nopayn::TRANSITIONS,
    )
    .await;
    assert_eq!(merchant.received().len(), 5);
    check_lists_resend_and_reset(&base, &merchant, 4).await;
    assert!(sb.orders().is_empty() && sb.requests().is_empty() && sb.notifications().is_empty());
    let resp = client()
        .get(format!("{base}/v1/orders/{paid}/"))
        .header("Authorization", sb.authorization_header())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 404);
}

// ---------------------------------------------------------------- ECommPay

const ECOMMPAY_SECRET: &str = "control-secret";

/// Opens a Payment Page (signed like the SDK) and returns the payment id.
async fn ecommpay_open(sb: &EcommpaySandbox, payment_id: &str) {
    let params = json!({
        "project_id": sb.project_id().to_string(),
        "payment_id": payment_id,
        "payment_amount": "1000",
        "payment_currency": "EUR",
        "customer_id": "c-1",
    });
    let signature = payments_testkit::ecommpay::signature(&params, ECOMMPAY_SECRET);
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in params.as_object().unwrap() {
        query.append_pair(k, v.as_str().unwrap());
    }
    query.append_pair("signature", &signature);
    let resp = client()
        .get(format!("{}?{}", sb.payment_page_url(), query.finish()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
}

/// The callback body, after checking its signature the way the SDK does.
fn ecommpay_callback(body: &str) -> Value {
    let mut v: Value = serde_json::from_str(body).unwrap();
    let given = v.as_object_mut().unwrap().remove("signature").unwrap();
    assert_eq!(
        payments_testkit::ecommpay::signature(&v, ECOMMPAY_SECRET),
        given.as_str().unwrap()
    );
    v
}

#[tokio::test]
async fn ecommpay_control_api() {
    let merchant = Merchant::start(1).await;
    let sb = EcommpaySandbox::start(EcommpayConfig {
        secret_key: ECOMMPAY_SECRET.to_owned(),
        callback_url: Some(merchant.url.clone()),
        retry: fast_retry(),
        ..EcommpayConfig::default()
    })
    .await
    .unwrap();
    let base = sb.base_url().to_owned();

    ecommpay_open(&sb, "order-1").await;
    let done = force(&base, "order-1", "pay").await;
    assert_eq!(done["status"], "success");
    assert_delivered(&done["notification"], &merchant.url, &[500, 200]);
    let callback = ecommpay_callback(done["notification"]["body"].as_str().unwrap());
    assert_eq!(callback["payment"]["status"], "success");
    assert_eq!(callback["operation"]["type"], "sale");
    assert_eq!(callback["account"]["number"], "411111******1111");
    assert_error(
        &control(&base, "POST", "/payments/order-1/decline").await,
        409,
        "invalid_state",
    );

    let done = force(&base, "order-1", "refund_settled").await;
    assert_eq!(done["status"], "refunded");
    assert_delivered(&done["notification"], &merchant.url, &[200]);
    let received = merchant.received();
    let callback = ecommpay_callback(std::str::from_utf8(&received.last().unwrap().1).unwrap());
    assert_eq!(callback["payment"]["status"], "refunded");
    assert_eq!(
        (
            &callback["operation"]["type"],
            &callback["operation"]["status"]
        ),
        (&json!("refund"), &json!("success"))
    );
    assert_eq!(sb.payment("order-1").unwrap().status, "refunded");

    ecommpay_open(&sb, "order-2").await;
    let done = sb
        .force_transition("order-2", Transition::Decline)
        .await
        .unwrap();
    assert_eq!(done.status, "decline");
    let n = done.notification.unwrap();
    assert!(n.delivered);
    assert_eq!(
        ecommpay_callback(&n.body_text())["operation"]["code"],
        "20000"
    );
    assert!(matches!(
        sb.force_transition("order-2", Transition::Expire).await,
        Err(SandboxError::Unsupported(_))
    ));

    check_errors(&base, "order-1", Some("expire")).await;
    check_errors(&base, "order-1", Some("chargeback")).await;
    check_routes(
        &base,
        "ecommpay",
        payments_testkit::ecommpay::ROUTES,
        payments_testkit::ecommpay::TRANSITIONS,
    )
    .await;
    let resent = sb.resend_notification(1).await.unwrap();
    assert!(resent.delivered);
    assert_eq!(merchant.received().len(), 5);
    check_lists_resend_and_reset(&base, &merchant, 2).await;
    assert!(sb.payments().is_empty());
    assert!(matches!(
        sb.resend_notification(0).await,
        Err(SandboxError::NotFound(_))
    ));
}

// ---------------------------------------------------------------- EPoint

const EPOINT_PUBLIC: &str = "i000000042";
const EPOINT_PRIVATE: &str = "control-private";

async fn epoint_request(sb: &EpointSandbox, order_id: &str) -> String {
    let payload = json!({
        "public_key": EPOINT_PUBLIC, "language": "az", "amount": "10.50", "currency": "AZN",
        "order_id": order_id, "success_redirect_url": null, "error_redirect_url": null,
        "description": null, "other_attr": null,
    });
    let (data, signature) = payments_testkit::epoint::encode(&payload, EPOINT_PRIVATE);
    let resp = client()
        .post(format!("{}/api/1/request", sb.base_url()))
        .header("Content-Type", "application/json")
        .body(json!({"data": data, "signature": signature}).to_string())
        .send()
        .await
        .unwrap();
    let answer: Value = serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap();
    assert_eq!(answer["status"], "success", "{answer}");
    answer["transaction"].as_str().unwrap().to_owned()
}

/// The decoded `data` of a callback form, after checking its signature.
fn epoint_callback(form: &str) -> Value {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(form.as_bytes())
        .into_owned()
        .collect();
    let field = |k: &str| pairs.iter().find(|(n, _)| n == k).unwrap().1.clone();
    let data = field("data");
    assert_eq!(
        payments_testkit::epoint::sign(&data, EPOINT_PRIVATE),
        field("signature")
    );
    serde_json::from_slice(&base64_decode(&data).unwrap()).unwrap()
}

#[tokio::test]
async fn epoint_control_api() {
    let merchant = Merchant::start(1).await;
    let sb = EpointSandbox::start(EpointConfig {
        public_key: EPOINT_PUBLIC.to_owned(),
        private_key: EPOINT_PRIVATE.to_owned(),
        callback_url: Some(merchant.url.clone()),
        retry: fast_retry(),
    })
    .await
    .unwrap();
    let base = sb.base_url().to_owned();

    let paid = epoint_request(&sb, "o-1").await;
    let done = force(&base, &paid, "pay").await;
    assert_eq!(done["status"], "success");
    assert_delivered(&done["notification"], &merchant.url, &[500, 200]);
    let callback = epoint_callback(done["notification"]["body"].as_str().unwrap());
    assert_eq!(
        (
            &callback["status"],
            &callback["code"],
            &callback["order_id"]
        ),
        (&json!("success"), &json!("000"), &json!("o-1"))
    );
    let received = merchant.received();
    assert_eq!(
        header(&received[1].0, "content-type"),
        Some("application/x-www-form-urlencoded")
    );

    // A refund settles at once and sends no callback (EPoint answers `reverse` directly).
    let done = force(&base, &paid, "refund_settled").await;
    assert_eq!(
        (&done["status"], &done["notification"]),
        (&json!("returned"), &Value::Null)
    );
    assert_eq!(sb.transaction(&paid).unwrap().status, "returned");
    assert_error(
        &control(&base, "POST", &format!("/payments/{paid}/refund_settled")).await,
        409,
        "invalid_state",
    );

    let declined = epoint_request(&sb, "o-2").await;
    let done = sb
        .force_transition(&declined, Transition::Decline)
        .await
        .unwrap();
    assert_eq!(done.status, "error");
    let callback = epoint_callback(&done.notification.unwrap().body_text());
    assert_eq!(
        (&callback["status"], &callback["code"]),
        (&json!("error"), &json!("100"))
    );

    check_errors(&base, &paid, Some("expire")).await;
    check_errors(&base, &paid, Some("chargeback")).await;
    check_routes(
        &base,
        "epoint",
        payments_testkit::epoint::ROUTES,
        payments_testkit::epoint::TRANSITIONS,
    )
    .await;
    assert_eq!(merchant.received().len(), 3);
    check_lists_resend_and_reset(&base, &merchant, 2).await;
    assert!(sb.transactions().is_empty() && sb.cards().is_empty());
}

// ---------------------------------------------------------------- Online Payments

const OP_MERCHANT: &str = "M-CONTROL";
const OP_KEY: &str = "control-key";
const OP_SECRET: &str = "control-secret-api-key";
const OP_WEBHOOK_SECRET: &str = "control-webhook-secret";

/// A v1HMAC-signed API call: (status, JSON answer).
async fn op_call(
    sb: &OnlinePaymentsSandbox,
    method: &str,
    path: &str,
    body: Value,
) -> (u16, Value) {
    use payments_testkit::onlinepayments::{authorization, string_to_sign};
    let path = format!("/v2/{OP_MERCHANT}{path}");
    let date = "Tue, 05 Mar 2024 10:00:00 GMT";
    let headers = vec![
        ("Content-Type".to_owned(), "application/json".to_owned()),
        ("Date".to_owned(), date.to_owned()),
    ];
    let auth = authorization(OP_KEY, OP_SECRET, &string_to_sign(method, &headers, &path));
    let resp = client()
        .request(method.parse().unwrap(), format!("{}{path}", sb.base_url()))
        .header("Content-Type", "application/json")
        .header("Date", date)
        .header("Authorization", auth)
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn op_order() -> Value {
    json!({"order": {"amountOfMoney": {"amount": 2000, "currencyCode": "EUR"}}})
}

async fn op_checkout(sb: &OnlinePaymentsSandbox) -> String {
    let (status, created) = op_call(sb, "POST", "/hostedcheckouts", op_order()).await;
    assert_eq!(status, 200, "{created}");
    created["hostedCheckoutId"].as_str().unwrap().to_owned()
}

/// A direct card payment authorised for later capture (`PENDING_CAPTURE`).
async fn op_authorisation(sb: &OnlinePaymentsSandbox) -> String {
    let mut body = op_order();
    body["cardPaymentMethodSpecificInput"] = json!({
        "authorizationMode": "FINAL_AUTHORIZATION",
        "card": {"cardNumber": TestCard::VisaSuccess.number(), "expiryDate": "1230"},
    });
    let (status, created) = op_call(sb, "POST", "/payments", body).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["payment"]["status"], "PENDING_CAPTURE");
    created["payment"]["id"].as_str().unwrap().to_owned()
}

/// The webhook event of a forced transition: its `type` and the payment's status.
fn op_event(done: &Value) -> (String, String) {
    let event: Value =
        serde_json::from_str(done["notification"]["body"].as_str().unwrap()).unwrap();
    assert_eq!(event["merchantId"], OP_MERCHANT);
    (
        event["type"].as_str().unwrap().to_owned(),
        event["payment"]["status"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn online_payments_control_api() {
    // The merchant answers 200 only to webhooks whose signature verifies.
    let merchant = Merchant::start_verifying(0, |headers, body| {
        header(headers, "x-gcs-signature")
            == Some(
                payments_testkit::onlinepayments::webhook_signature(OP_WEBHOOK_SECRET, body)
                    .as_str(),
            )
            && header(headers, "x-gcs-keyid") == Some("control-webhook-key")
    })
    .await;
    let sb = OnlinePaymentsSandbox::start(OnlinePaymentsConfig {
        merchant_id: OP_MERCHANT.to_owned(),
        api_key_id: OP_KEY.to_owned(),
        secret_api_key: OP_SECRET.to_owned(),
        webhook_key_id: "control-webhook-key".to_owned(),
        webhook_secret: OP_WEBHOOK_SECRET.to_owned(),
        webhook_url: Some(merchant.url.clone()),
        retry: fast_retry(),
    })
    .await
    .unwrap();
    let base = sb.base_url().to_owned();

    // A hosted checkout paid: CAPTURED; then refunded in full.
    let checkout = op_checkout(&sb).await;
    let done = force(&base, &checkout, "pay").await;
    assert_eq!(done["status"], "CAPTURED");
    assert_delivered(&done["notification"], &merchant.url, &[200]);
    assert_eq!(
        op_event(&done),
        ("payment.captured".into(), "CAPTURED".into())
    );
    let (_, got) = op_call(
        &sb,
        "GET",
        &format!("/hostedcheckouts/{checkout}"),
        Value::Null,
    )
    .await;
    assert_eq!(got["status"], "PAYMENT_CREATED");
    let payment = got["createdPaymentOutput"]["payment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_error(
        &control(&base, "POST", &format!("/payments/{checkout}/pay")).await,
        409,
        "invalid_state",
    );
    let done = force(&base, &payment, "refund_settled").await;
    assert_eq!(
        op_event(&done),
        ("payment.refunded".into(), "REFUNDED".into())
    );
    let (_, refunds) = op_call(
        &sb,
        "GET",
        &format!("/payments/{payment}/refunds"),
        Value::Null,
    )
    .await;
    assert_eq!(
        refunds["refunds"][0]["refundOutput"]["amountOfMoney"]["amount"],
        2000
    );

    // A hosted checkout declined: REJECTED.
    let declined = op_checkout(&sb).await;
    let done = force(&base, &declined, "decline").await;
    assert_eq!(
        op_event(&done),
        ("payment.rejected".into(), "REJECTED".into())
    );

    // An authorisation: expiry cancels it; another is captured (`pay`), then charged back.
    let lapsed = op_authorisation(&sb).await;
    let done = force(&base, &lapsed, "expire").await;
    assert_eq!(
        op_event(&done),
        ("payment.cancelled".into(), "CANCELLED".into())
    );
    let disputed = op_authorisation(&sb).await;
    assert_error(
        &control(&base, "POST", &format!("/payments/{disputed}/decline")).await,
        409,
        "invalid_state",
    );
    let done = force(&base, &disputed, "pay").await;
    assert_eq!(
        op_event(&done),
        ("payment.captured".into(), "CAPTURED".into())
    );
    let done = sb
        .force_transition(&disputed, Transition::Chargeback)
        .await
        .unwrap();
    assert_eq!(done.status, "CHARGEBACK_NOTIFICATION");
    assert!(done.notification.unwrap().delivered);
    let (_, got) = op_call(&sb, "GET", &format!("/payments/{disputed}"), Value::Null).await;
    assert_eq!(got["status"], "CHARGEBACK_NOTIFICATION");
    assert_eq!(got["statusOutput"]["statusCategory"], "REVERSED");

    // A payment link expires; its page can no longer be paid.
    let (status, link) = op_call(
        &sb,
        "POST",
        "/paymentlinks",
        json!({"paymentLinkOrder": {"amount": {"amount": 700, "currencyCode": "EUR"}}}),
    )
    .await;
    assert_eq!(status, 201);
    let link_id = link["paymentLinkId"].as_str().unwrap();
    let done = force(&base, link_id, "expire").await;
    assert_eq!(
        (&done["status"], &done["notification"]),
        (&json!("EXPIRED"), &Value::Null)
    );
    let (_, got) = op_call(&sb, "GET", &format!("/paymentlinks/{link_id}"), Value::Null).await;
    assert_eq!(got["status"], "EXPIRED");
    assert!(matches!(
        sb.pay_hosted(
            link["redirectionUrl"].as_str().unwrap(),
            TestCard::VisaSuccess
        )
        .await,
        Err(SandboxError::InvalidState(_))
    ));
    assert_error(
        &control(&base, "POST", &format!("/payments/{link_id}/pay")).await,
        409,
        "invalid_state",
    );

    check_errors(&base, &payment, None).await;
    check_routes(
        &base,
        "onlinepayments",
        payments_testkit::onlinepayments::ROUTES,
        payments_testkit::onlinepayments::TRANSITIONS,
    )
    .await;
    assert_eq!(
        payments_testkit::onlinepayments::TRANSITIONS,
        Transition::ALL.as_slice()
    );
    // Webhooks of the two API-created authorisations are sent in the background.
    for _ in 0..200 {
        if sb.notifications().len() == 8 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(sb.notifications().len(), 8);
    assert!(sb.notifications().iter().all(|n| n.delivered));
    check_lists_resend_and_reset(&base, &merchant, 9).await;
    assert!(sb.payments().is_empty());
    let (status, _) = op_call(&sb, "GET", &format!("/payments/{payment}"), Value::Null).await;
    assert_eq!(status, 404);
    // From Rust too: the sandbox starts over.
    let again = op_checkout(&sb).await;
    sb.reset();
    assert!(sb.requests().is_empty());
    assert!(matches!(
        sb.force_transition(&again, Transition::Pay).await,
        Err(SandboxError::NotFound(_))
    ));
}
