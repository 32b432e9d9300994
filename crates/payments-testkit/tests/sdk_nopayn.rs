#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! The `nopayn` SDK (async and blocking clients) against the NoPayn sandbox.

mod common;

use std::time::Duration;

use common::Merchant;
use nopayn::{
    CreateOrderRequest, Error, NoPaynClient, OrderStatus, PaymentMethod, PollOptions, RefundStatus,
    TransactionStatus, WebhookError,
};
use payments_testkit::{NoPaynConfig, NoPaynSandbox, RetryPolicy, TestCard};
use serde_json::{Value, json};

const API_KEY: &str = "sdk-test-api-key";
const PROJECT: &str = "sdk-project";

fn config() -> NoPaynConfig {
    NoPaynConfig {
        api_key: API_KEY.to_owned(),
        project_id: PROJECT.to_owned(),
        retry: RetryPolicy::new(5, Duration::from_millis(10)),
    }
}

async fn sandbox() -> NoPaynSandbox {
    NoPaynSandbox::start(config()).await.unwrap()
}

fn client(sb: &NoPaynSandbox, api_key: &str) -> NoPaynClient {
    NoPaynClient::builder(api_key, PROJECT)
        .base_url(sb.base_url())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn order_request(webhook_url: Option<&str>) -> CreateOrderRequest {
    let request = CreateOrderRequest::new(1295, "EUR")
        .merchant_order_id("ORDER-001")
        .description("Premium Widget")
        .return_url("https://shop.example/success")
        .failure_url("https://shop.example/failure")
        .locale("en-GB")
        .payment_methods([PaymentMethod::CreditCard])
        .expiration_period("PT30M");
    match webhook_url {
        Some(url) => request.webhook_url(url),
        None => request,
    }
}

/// The `Error::Api` status and message, or a panic naming the unexpected error.
fn api_error(e: &Error) -> (u16, String) {
    match e {
        Error::Api(api) => (api.status_code, api.message.clone()),
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn create_get_and_generate_payment_url() {
    let sb = sandbox().await;
    let c = client(&sb, API_KEY);

    let order = c.create_order(&order_request(None)).await.unwrap();
    assert_eq!(order.amount, 1295);
    assert_eq!(order.currency, "EUR");
    assert_eq!(order.status, OrderStatus::New);
    assert!(!order.is_final());
    assert_eq!(order.description.as_deref(), Some("Premium Widget"));
    assert_eq!(order.merchant_order_id.as_deref(), Some("ORDER-001"));
    assert_eq!(
        order.return_url.as_deref(),
        Some("https://shop.example/success")
    );
    assert_eq!(
        order.failure_url.as_deref(),
        Some("https://shop.example/failure")
    );
    assert_eq!(
        order.order_url.as_deref(),
        Some(sb.hosted_page_url(&order.id).as_str())
    );
    assert!(order.completed.is_none());
    assert_eq!(order.transactions.len(), 1);
    let tx = &order.transactions[0];
    assert_eq!(tx.status, TransactionStatus::New);
    assert_eq!((tx.amount, tx.currency.as_str()), (1295, "EUR"));
    assert_eq!(tx.payment_method, Some(PaymentMethod::CreditCard));
    assert_eq!(tx.expiration_period.as_deref(), Some("PT30M"));

    // The wire request carries what the sandbox checks: Basic auth, JSON body.
    let recorded = sb.requests();
    let create = &recorded[0];
    assert_eq!(
        (create.method.as_str(), create.path.as_str()),
        ("POST", "/v1/orders/")
    );
    assert_eq!(
        create.header("authorization"),
        Some(sb.authorization_header().as_str())
    );
    assert_eq!(create.header("content-type"), Some("application/json"));
    let body = create.body_json().unwrap();
    assert_eq!(body["amount"], 1295);
    assert_eq!(body["payment_methods"], json!(["credit-card"]));

    let fetched = c.get_order(&order.id).await.unwrap();
    assert_eq!(fetched.id, order.id);
    assert_eq!(fetched.status, OrderStatus::New);
    assert_eq!(fetched.transactions[0].id, tx.id);

    let result = c.generate_payment_url(&order_request(None)).await.unwrap();
    assert_ne!(result.order_id, order.id);
    assert_eq!(result.order.id, result.order_id);
    assert_eq!(
        result.order_url.as_deref(),
        Some(sb.hosted_page_url(&result.order_id).as_str())
    );
    let payment_url = result.payment_url.clone().unwrap();
    assert!(payment_url.starts_with(result.order_url.as_deref().unwrap()));
    assert_eq!(
        result.signature,
        nopayn::generate_signature(API_KEY, 1295, "EUR", &result.order_id)
    );
    assert!(c.verify_signature(1295, "EUR", &result.order_id, &result.signature));
    assert_eq!(sb.orders().len(), 2);

    // The payment URL the SDK hands out is payable on the sandbox.
    let outcome = sb
        .pay_hosted(&payment_url, TestCard::VisaSuccess)
        .await
        .unwrap();
    assert_eq!(outcome.status, "completed");
    let paid = c.get_order(&result.order_id).await.unwrap();
    assert_eq!(paid.status, OrderStatus::Completed);
    assert!(paid.is_final());
    assert!(paid.completed.is_some());
    assert_eq!(paid.transactions[0].status, TransactionStatus::Completed);
    sb.shutdown().await;
}

#[tokio::test]
async fn tampered_hpp_signatures_are_rejected() {
    let sb = sandbox().await;
    let c = client(&sb, API_KEY);
    let result = c.generate_payment_url(&order_request(None)).await.unwrap();
    let id = result.order_id.as_str();
    let sig = result.signature.as_str();
    assert!(c.verify_signature(1295, "EUR", id, sig));
    // Another amount, currency, order or key, or a changed digit, does not verify.
    assert!(!c.verify_signature(1296, "EUR", id, sig));
    assert!(!c.verify_signature(1295, "USD", id, sig));
    assert!(!c.verify_signature(1295, "EUR", "another-order", sig));
    assert!(!nopayn::verify_signature("other-key", 1295, "EUR", id, sig));
    let mut flipped = sig.to_owned();
    let last = flipped.pop().unwrap();
    flipped.push(if last == '0' { '1' } else { '0' });
    assert!(!c.verify_signature(1295, "EUR", id, &flipped));
    assert!(!c.verify_signature(1295, "EUR", id, &sig.to_uppercase()));
    assert!(!c.verify_signature(1295, "EUR", id, ""));
}

#[tokio::test]
async fn capture_then_refunds() {
    let sb = sandbox().await;
    let c = client(&sb, API_KEY);
    let order = c.create_order(&order_request(None)).await.unwrap();
    let tid = order.transactions[0].id.clone();

    // Nothing to capture or refund before the customer pays.
    let e = c.capture_transaction(&order.id, &tid).await.unwrap_err();
    assert_eq!(
        api_error(&e),
        (
            400,
            "Transaction cannot be captured in status new".to_owned()
        )
    );
    let e = c.create_refund(&order.id, 100, None).await.unwrap_err();
    assert_eq!(api_error(&e), (400, "Order is not completed".to_owned()));

    sb.pay_hosted(&order.id, TestCard::MastercardSuccess)
        .await
        .unwrap();

    let captured = c
        .capture_transaction(&order.id, &tid)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(captured.id, tid);
    assert_eq!(captured.status, TransactionStatus::Captured);
    assert_eq!(captured.amount, 1295);
    // A captured transaction cannot be captured again or voided.
    let e = c.capture_transaction(&order.id, &tid).await.unwrap_err();
    assert_eq!(api_error(&e).0, 400);
    let e = c
        .void_transaction(&order.id, &tid, 1295, Some(""))
        .await
        .unwrap_err();
    assert_eq!(
        api_error(&e),
        (
            400,
            "Transaction cannot be voided in status captured".to_owned()
        )
    );

    let refund = c
        .create_refund(&order.id, 1000, Some("partial"))
        .await
        .unwrap();
    assert_eq!(refund.amount, 1000);
    assert_eq!(refund.status, RefundStatus::Pending);
    assert!(!refund.id.is_empty());
    let refund_body = sb.requests().last().unwrap().body_json().unwrap();
    assert_eq!(
        refund_body,
        json!({"amount": 1000, "description": "partial"})
    );

    // More than what is left is refused; the rest is accepted.
    let e = c.create_refund(&order.id, 296, None).await.unwrap_err();
    assert_eq!(
        api_error(&e),
        (
            400,
            "Refund amount exceeds the refundable amount".to_owned()
        )
    );
    let rest = c.create_refund(&order.id, 295, None).await.unwrap();
    assert_eq!(rest.amount, 295);
    assert_ne!(rest.id, refund.id);
    let rest_body = sb.requests().last().unwrap().body_json().unwrap();
    assert_eq!(rest_body, json!({"amount": 295}));

    let stored = sb.order(&order.id).unwrap();
    assert_eq!(stored.refunds.len(), 2);
    assert_eq!(stored.transactions[0].status, "captured");
    sb.shutdown().await;
}

#[tokio::test]
async fn void_cancels_the_order() {
    let sb = sandbox().await;
    let c = client(&sb, API_KEY);
    let order = c.create_order(&order_request(None)).await.unwrap();
    let tid = order.transactions[0].id.clone();
    sb.pay_hosted(&order.id, TestCard::VisaSuccess)
        .await
        .unwrap();

    let voided = c
        .void_transaction(&order.id, &tid, 1295, Some("customer changed mind"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(voided.id, tid);
    assert_eq!(voided.status, TransactionStatus::Voided);
    let body = sb.requests().last().unwrap().body_json().unwrap();
    assert_eq!(
        body,
        json!({"amount": 1295, "description": "customer changed mind"})
    );

    let after = c.get_order(&order.id).await.unwrap();
    assert_eq!(after.status, OrderStatus::Cancelled);
    assert!(after.is_final());
    assert_eq!(after.transactions[0].status, TransactionStatus::Voided);

    // Voided: no capture any more.
    let e = c.capture_transaction(&order.id, &tid).await.unwrap_err();
    assert_eq!(api_error(&e).0, 400);
    sb.shutdown().await;
}

#[tokio::test]
async fn wrong_api_key_is_unauthorized() {
    let sb = sandbox().await;
    let good = client(&sb, API_KEY);
    let order = good.create_order(&order_request(None)).await.unwrap();
    let tid = order.transactions[0].id.clone();

    let bad = client(&sb, "not-the-key");
    let before = sb.orders().len();
    let errors = [
        bad.create_order(&order_request(None)).await.unwrap_err(),
        bad.generate_payment_url(&order_request(None))
            .await
            .unwrap_err(),
        bad.get_order(&order.id).await.unwrap_err(),
        bad.create_refund(&order.id, 1, None).await.unwrap_err(),
        bad.capture_transaction(&order.id, &tid).await.unwrap_err(),
        bad.void_transaction(&order.id, &tid, 1, None)
            .await
            .unwrap_err(),
    ];
    for e in &errors {
        assert_eq!(api_error(e), (401, "Unauthorized".to_owned()));
        assert_eq!(e.status_code(), Some(401));
        assert_eq!(
            e.as_api_error().unwrap().error_body,
            Some(json!({"error": {"message": "Unauthorized"}}))
        );
        assert_eq!(e.to_string(), "NoPayn API error (HTTP 401): Unauthorized");
    }
    // Nothing changed on the sandbox.
    assert_eq!(sb.orders().len(), before);
    assert_eq!(sb.order(&order.id).unwrap().status, "new");

    // A key that differs only in case is another key.
    let e = client(&sb, &API_KEY.to_uppercase())
        .get_order(&order.id)
        .await
        .unwrap_err();
    assert_eq!(api_error(&e).0, 401);
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_orders_and_transactions_are_not_found() {
    let sb = sandbox().await;
    let c = client(&sb, API_KEY);
    let unknown = "00000000-0000-4000-8000-000000000000";
    let order = c.create_order(&order_request(None)).await.unwrap();
    sb.pay_hosted(&order.id, TestCard::VisaSuccess)
        .await
        .unwrap();

    let errors = [
        c.get_order(unknown).await.unwrap_err(),
        c.create_refund(unknown, 100, None).await.unwrap_err(),
        c.capture_transaction(unknown, &order.transactions[0].id)
            .await
            .unwrap_err(),
        c.capture_transaction(&order.id, unknown).await.unwrap_err(),
        c.void_transaction(&order.id, unknown, 100, None)
            .await
            .unwrap_err(),
    ];
    for e in &errors {
        assert_eq!(api_error(e), (404, "Not found".to_owned()));
        assert_eq!(
            e.as_api_error().unwrap().error_body,
            Some(json!({"detail": "Not found"}))
        );
    }
    let hook = json!({"event": "status_changed", "order_id": unknown, "project_id": PROJECT});
    let e = c.verify_webhook(hook.to_string()).await.unwrap_err();
    assert_eq!(api_error(&e).0, 404);

    // Ids are sent as one path segment each, so a slash cannot reach another route.
    let e = c
        .get_order(&format!("{}/refunds", order.id))
        .await
        .unwrap_err();
    assert_eq!(api_error(&e).0, 404);
    sb.shutdown().await;
}

#[tokio::test]
async fn declined_and_insufficient_funds_end_in_error() {
    let merchant = Merchant::start(0).await;
    let sb = sandbox().await;
    let c = client(&sb, API_KEY);
    for card in [TestCard::VisaDeclined, TestCard::VisaInsufficientFunds] {
        let order = c
            .create_order(&order_request(Some(&merchant.url)))
            .await
            .unwrap();
        let outcome = sb.pay_hosted(&order.id, card).await.unwrap();
        assert!(!outcome.is_approved());
        assert!(outcome.notification_delivered);
        assert!(
            outcome
                .redirect_url
                .as_deref()
                .unwrap()
                .starts_with("https://shop.example/failure?order_id=")
        );

        let got = c.get_order(&order.id).await.unwrap();
        assert_eq!(got.status, OrderStatus::Error, "{card:?}");
        assert!(got.is_final());
        assert!(got.completed.is_none());
        assert_eq!(got.transactions[0].status, TransactionStatus::Error);

        // The webhook leads the SDK to the declined order.
        let body = outcome.notification.unwrap().body;
        let verified = c.verify_webhook(&body).await.unwrap();
        assert_eq!(verified.order_id, order.id);
        assert_eq!(verified.order.status, OrderStatus::Error);
        assert!(verified.is_final);

        // A declined order cannot be refunded or captured.
        let e = c.create_refund(&order.id, 1295, None).await.unwrap_err();
        assert_eq!(api_error(&e).0, 400);
        let e = c
            .capture_transaction(&order.id, &order.transactions[0].id)
            .await
            .unwrap_err();
        assert_eq!(api_error(&e).0, 400);
    }
    let reasons: Vec<_> = sb
        .orders()
        .iter()
        .map(|o| o.transactions[0].reason.clone().unwrap())
        .collect();
    assert_eq!(reasons, ["Declined", "Insufficient funds"]);
    assert_eq!(merchant.received().len(), 2);
    sb.shutdown().await;
}

#[tokio::test]
async fn webhook_endpoint_failing_then_recovering_is_verified() {
    // The merchant answers 500 three times, then 200.
    let merchant = Merchant::start(3).await;
    let sb = sandbox().await;
    let c = client(&sb, API_KEY);
    let order = c
        .create_order(&order_request(Some(&merchant.url)))
        .await
        .unwrap();

    let outcome = sb
        .pay_hosted(&order.id, TestCard::VisaSuccess)
        .await
        .unwrap();
    assert!(outcome.notification_delivered);
    let statuses: Vec<_> = outcome.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(500), Some(500), Some(500), Some(200)]);
    let received = merchant.received();
    assert_eq!(received.len(), 4);
    assert!(received.windows(2).all(|w| w[0].1 == w[1].1));

    let delivered = &received[3].1;
    let payload = c.parse_webhook_body(delivered).unwrap();
    assert_eq!(payload.event, "status_changed");
    assert_eq!(payload.order_id, order.id);
    assert_eq!(payload.project_id.as_deref(), Some(PROJECT));

    let verified = c.verify_webhook(delivered).await.unwrap();
    assert_eq!(verified.order_id, order.id);
    assert_eq!(verified.order.status, OrderStatus::Completed);
    assert!(verified.is_final);
    assert_eq!(verified.order.amount, 1295);

    // A retry of the same webhook verifies the same way (idempotent handling).
    let again = c.verify_webhook(&received[0].1).await.unwrap();
    assert_eq!(again.order, verified.order);
    sb.shutdown().await;
}

#[tokio::test]
async fn webhook_that_never_gets_through_is_recorded_and_recovered_by_polling() {
    let merchant = Merchant::start(10).await;
    let sb = sandbox().await;
    sb.set_retry_policy(RetryPolicy::new(2, Duration::from_millis(5)));
    let c = client(&sb, API_KEY);
    let order = c
        .create_order(&order_request(Some(&merchant.url)))
        .await
        .unwrap();
    let outcome = sb
        .pay_hosted(&order.id, TestCard::VisaSuccess)
        .await
        .unwrap();
    assert!(!outcome.notification_delivered);
    assert_eq!(outcome.attempts.len(), 2);
    assert!(outcome.attempts.iter().all(|a| !a.succeeded()));

    // Backup polling finds the final status without the webhook.
    let polled = c
        .poll_order(
            &order.id,
            &PollOptions::new()
                .interval(Duration::from_millis(10))
                .timeout(Duration::from_secs(5)),
        )
        .await
        .unwrap();
    assert_eq!(polled.status, OrderStatus::Completed);
    sb.shutdown().await;
}

#[tokio::test]
async fn tampered_webhooks_are_not_trusted() {
    let merchant = Merchant::start(0).await;
    let sb = sandbox().await;
    let c = client(&sb, API_KEY);
    let declined = c
        .create_order(&order_request(Some(&merchant.url)))
        .await
        .unwrap();
    sb.pay_hosted(&declined.id, TestCard::VisaDeclined)
        .await
        .unwrap();
    let captured = sb.notifications();
    assert_eq!(captured.len(), 1);
    let original: Value = serde_json::from_slice(&captured[0].body).unwrap();
    assert_eq!(original["order_id"], declined.id.as_str());

    // A forged status in the body changes nothing: the order is fetched from the API.
    let mut forged = original.clone();
    forged["status"] = json!("completed");
    forged["event"] = json!("order_completed");
    let verified = c.verify_webhook(forged.to_string()).await.unwrap();
    assert_eq!(verified.order.status, OrderStatus::Error);

    // A forged order id is looked up and not found.
    let mut forged = original.clone();
    forged["order_id"] = json!(format!("{}x", declined.id));
    let e = c.verify_webhook(forged.to_string()).await.unwrap_err();
    assert_eq!(api_error(&e).0, 404);

    // Bodies that are not a webhook never reach the API.
    let requests_before = sb.requests().len();
    let mut truncated = captured[0].body.clone();
    truncated.pop();
    let cases: [(Vec<u8>, WebhookError); 4] = [
        (truncated, WebhookError::InvalidJson),
        (b"[]".to_vec(), WebhookError::InvalidJson),
        (
            br#"{"event":"status_changed","order_id":""}"#.to_vec(),
            WebhookError::MissingOrderId,
        ),
        (
            br#"{"event":"status_changed","order_id":42}"#.to_vec(),
            WebhookError::MissingOrderId,
        ),
    ];
    for (body, want) in cases {
        match c.verify_webhook(&body).await {
            Err(Error::Webhook(got)) => assert_eq!(got, want),
            other => panic!("{}: {other:?}", String::from_utf8_lossy(&body)),
        }
    }
    assert_eq!(sb.requests().len(), requests_before);
    sb.shutdown().await;
}

#[tokio::test]
async fn cancelled_and_expired_orders() {
    let merchant = Merchant::start(0).await;
    let sb = sandbox().await;
    let c = client(&sb, API_KEY);

    let cancelled = c
        .create_order(&order_request(Some(&merchant.url)))
        .await
        .unwrap();
    let outcome = sb.cancel_hosted(&cancelled.id).await.unwrap();
    let verified = c
        .verify_webhook(outcome.notification.unwrap().body)
        .await
        .unwrap();
    assert_eq!(verified.order.status, OrderStatus::Cancelled);
    assert!(verified.is_final);

    let expired = c
        .create_order(&order_request(Some(&merchant.url)))
        .await
        .unwrap();
    let outcome = sb.expire_order(&expired.id).await.unwrap();
    let verified = c
        .verify_webhook(outcome.notification.unwrap().body)
        .await
        .unwrap();
    assert_eq!(verified.order.status, OrderStatus::Expired);
    assert_eq!(
        verified.order.transactions[0].status,
        TransactionStatus::Expired
    );

    // An elapsed expiration period shows on the next API call.
    let instant = c
        .create_order(&order_request(None).expiration_period("PT0S"))
        .await
        .unwrap();
    let got = c.get_order(&instant.id).await.unwrap();
    assert_eq!(got.status, OrderStatus::Expired);

    // Polling returns at once for a final order and at the deadline for an open one.
    let options = PollOptions::new()
        .interval(Duration::from_millis(10))
        .timeout(Duration::from_millis(50));
    let open = c.create_order(&order_request(None)).await.unwrap();
    assert_eq!(
        c.poll_order(&open.id, &options).await.unwrap().status,
        OrderStatus::New
    );
    assert_eq!(
        c.poll_order(&expired.id, &options).await.unwrap().status,
        OrderStatus::Expired
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn invalid_requests_are_mapped() {
    let sb = sandbox().await;
    let c = client(&sb, API_KEY);
    // The SDK itself refuses obviously bad input before sending.
    let sent = sb.requests().len();
    assert!(matches!(
        c.create_order(&CreateOrderRequest::new(100, "EUR").expiration_period("30 minutes"))
            .await,
        Err(Error::InvalidRequest(_))
    ));
    assert!(matches!(
        c.get_order("").await,
        Err(Error::InvalidRequest(_))
    ));
    assert_eq!(sb.requests().len(), sent);

    // What the SDK lets through, the sandbox answers with its error shape.
    let e = c
        .create_order(&CreateOrderRequest::new(100, "eur"))
        .await
        .unwrap_err();
    assert_eq!(api_error(&e), (400, "Invalid currency".to_owned()));
    let e = c
        .create_order(&CreateOrderRequest::new(0, "EUR"))
        .await
        .unwrap_err();
    assert_eq!(api_error(&e), (400, "Invalid amount".to_owned()));

    // Nothing listens on a closed port: a network error, never an API error.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let offline = NoPaynClient::builder(API_KEY, PROJECT)
        .base_url(format!("http://{closed}"))
        .build()
        .unwrap();
    let e = offline.get_order("x").await.unwrap_err();
    assert!(matches!(e, Error::Network(_)), "{e:?}");
    assert!(!e.request_may_have_been_sent());
    sb.shutdown().await;
}

/// The blocking client, used outside any async context; the sandbox runs on a runtime
/// of its own.
#[test]
fn blocking_client_against_the_sandbox() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let sb = rt.block_on(NoPaynSandbox::start(config())).unwrap();
    let merchant = rt.block_on(Merchant::start(2));
    let c = nopayn::blocking::NoPaynClient::builder(API_KEY, PROJECT)
        .base_url(sb.base_url())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();

    let result = c
        .generate_payment_url(&order_request(Some(&merchant.url)))
        .unwrap();
    assert_eq!(result.order.status, OrderStatus::New);
    assert!(c.verify_signature(1295, "EUR", &result.order_id, &result.signature));
    let id = result.order_id.clone();
    let tid = result.order.transactions[0].id.clone();

    let outcome = rt
        .block_on(sb.pay_hosted(
            result.payment_url.as_deref().unwrap(),
            TestCard::VisaSuccess,
        ))
        .unwrap();
    assert_eq!(outcome.attempts.len(), 3);
    assert!(outcome.notification_delivered);
    let delivered = merchant.received().last().unwrap().1.clone();
    let verified = c.verify_webhook(&delivered).unwrap();
    assert_eq!(verified.order.status, OrderStatus::Completed);
    assert!(verified.is_final);

    let order = c.get_order(&id).unwrap();
    assert_eq!(order.status, OrderStatus::Completed);
    let captured = c.capture_transaction(&id, &tid).unwrap().unwrap();
    assert_eq!(captured.status, TransactionStatus::Captured);
    let refund = c.create_refund(&id, 1295, Some("full")).unwrap();
    assert_eq!(
        (refund.amount, refund.status),
        (1295, RefundStatus::Pending)
    );
    let polled = c
        .poll_order(&id, &PollOptions::new().interval(Duration::from_millis(10)))
        .unwrap();
    assert_eq!(polled.status, OrderStatus::Completed);

    // Void on a second, approved order.
    let second = c.create_order(&order_request(None)).unwrap();
    rt.block_on(sb.pay_hosted(&second.id, TestCard::MastercardSuccess))
        .unwrap();
    let voided = c
        .void_transaction(&second.id, &second.transactions[0].id, 1295, None)
        .unwrap()
        .unwrap();
    assert_eq!(voided.status, TransactionStatus::Voided);
    assert_eq!(
        c.get_order(&second.id).unwrap().status,
        OrderStatus::Cancelled
    );

    // Declined card.
    let third = c.create_order(&order_request(None)).unwrap();
    rt.block_on(sb.pay_hosted(&third.id, TestCard::VisaInsufficientFunds))
        .unwrap();
    assert_eq!(c.get_order(&third.id).unwrap().status, OrderStatus::Error);

    // Wrong key and unknown order.
    let bad = nopayn::blocking::NoPaynClient::builder("wrong", PROJECT)
        .base_url(sb.base_url())
        .build()
        .unwrap();
    let e = bad.get_order(&id).unwrap_err();
    assert_eq!(api_error(&e), (401, "Unauthorized".to_owned()));
    let e = bad.create_order(&order_request(None)).unwrap_err();
    assert_eq!(api_error(&e).0, 401);
    let e = c.get_order("unknown-order").unwrap_err();
    assert_eq!(api_error(&e), (404, "Not found".to_owned()));
    assert!(matches!(
        c.verify_webhook("not json"),
        Err(Error::Webhook(WebhookError::InvalidJson))
    ));

    // Clients first (outside the runtime), then the sandbox and its runtime.
    drop(c);
    drop(bad);
    rt.block_on(sb.shutdown());
    drop(sb);
    drop(merchant);
    drop(rt);
}
