#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `webhooks()` through the Rust SDK: credential validation, and test webhooks delivered
//! signed to a local receiver that verifies them with the SDK's `WebhooksHelper`.

mod common;
mod op_common;

use common::Merchant;
use onlinepayments::communication::RequestHeader;
use onlinepayments::domain::{SendTestRequest, ValidateCredentialsRequest};
use onlinepayments::webhooks::{InMemorySecretKeyStore, WebhooksHelper};
use op_common::{WEBHOOK_KEY_ID, WEBHOOK_SECRET, failure, merchant, merchant_as, req, sandbox};
use serde_json::json;

fn helper() -> WebhooksHelper {
    let store = InMemorySecretKeyStore::new();
    store
        .store_secret_key(WEBHOOK_KEY_ID, WEBHOOK_SECRET)
        .unwrap();
    WebhooksHelper::new(store)
}

fn headers(pairs: &[(String, String)]) -> Vec<RequestHeader> {
    pairs
        .iter()
        .map(|(n, v)| RequestHeader::new(n.as_str(), v.as_str()))
        .collect()
}

/// A receiver that answers 500 `fail_first` times, then 200 to what the SDK verifies.
async fn verifying(fail_first: usize) -> Merchant {
    let helper = helper();
    Merchant::start_verifying(fail_first, move |h, body| {
        helper.unmarshal(body, &headers(h)).is_ok()
    })
    .await
}

fn credentials(key: &str, secret: &str) -> ValidateCredentialsRequest {
    req(json!({"key": key, "secret": secret}))
}

#[tokio::test]
async fn webhook_credentials_are_valid_or_invalid() {
    let sb = sandbox(None).await;
    let webhooks = merchant(&sb).webhooks();
    let valid = webhooks
        .validate_webhook_credentials(&credentials(WEBHOOK_KEY_ID, WEBHOOK_SECRET), None)
        .await
        .unwrap();
    assert_eq!(valid.result.as_deref(), Some("Valid"));
    for (key, secret) in [
        (WEBHOOK_KEY_ID, "incorrect-secret"),
        ("test-key", WEBHOOK_SECRET),
        ("test-key", "test-secret"),
    ] {
        let r = webhooks
            .validate_webhook_credentials(&credentials(key, secret), None)
            .await
            .unwrap();
        assert_eq!(r.result.as_deref(), Some("Invalid"), "{key} {secret}");
    }
    let e = webhooks
        .validate_webhook_credentials(&req(json!({"key": WEBHOOK_KEY_ID})), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("PARAMETER_NOT_FOUND_IN_REQUEST".into()),
            Some("secret".into())
        )
    );
    let e = merchant_as(&sb, "OTHER")
        .webhooks()
        .validate_webhook_credentials(&credentials(WEBHOOK_KEY_ID, WEBHOOK_SECRET), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 403);
    sb.shutdown().await;
}

#[tokio::test]
async fn a_test_webhook_is_delivered_signed_with_retries() {
    let receiver = verifying(2).await;
    let sb = sandbox(None).await;
    let webhooks = merchant(&sb).webhooks();
    webhooks
        .send_test_webhook(&req::<SendTestRequest>(json!({"url": receiver.url})), None)
        .await
        .unwrap();

    let sent = sb.notifications();
    assert_eq!(sent.len(), 1);
    let n = &sent[0];
    assert_eq!(n.url, receiver.url);
    assert!(n.delivered);
    assert_eq!(
        n.attempts.iter().map(|a| a.status).collect::<Vec<_>>(),
        [Some(500), Some(500), Some(200)]
    );
    assert_eq!(n.header("X-GCS-KeyId"), Some(WEBHOOK_KEY_ID));
    let event = helper().unmarshal(&n.body, &headers(&n.headers)).unwrap();
    assert_eq!(event.api_version.as_deref(), Some("v1"));
    assert_eq!(event.r#type.as_deref(), Some("payment.created"));
    assert_eq!(event.merchant_id.as_deref(), Some(op_common::MERCHANT));
    let payment = event.payment.unwrap();
    assert_eq!(payment.id.as_deref(), Some("0000000000_0"));
    assert_eq!(payment.status.as_deref(), Some("CREATED"));
    // The receiver got the same bytes three times.
    let received = receiver.received();
    assert_eq!(received.len(), 3);
    assert!(received.iter().all(|(_, body)| body == &n.body));

    // A tampered copy does not verify.
    let mut body = n.body.clone();
    body[10] ^= 1;
    assert!(helper().unmarshal(&body, &headers(&n.headers)).is_err());
    sb.shutdown().await;
}

#[tokio::test]
async fn without_a_url_the_configured_webhook_url_is_used_or_400() {
    let receiver = verifying(0).await;
    let configured = sandbox(Some(&receiver.url)).await;
    merchant(&configured)
        .webhooks()
        .send_test_webhook(&SendTestRequest::default(), None)
        .await
        .unwrap();
    assert_eq!(configured.notifications()[0].url, receiver.url);
    assert_eq!(receiver.received().len(), 1);
    configured.shutdown().await;

    let bare = sandbox(None).await;
    let webhooks = merchant(&bare).webhooks();
    let e = webhooks
        .send_test_webhook(&SendTestRequest::default(), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("url"));
    let e = webhooks
        .send_test_webhook(&req::<SendTestRequest>(json!({"url": "invalid-url"})), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("INVALID_VALUE".into()),
            Some("url".into())
        )
    );
    assert!(bare.notifications().is_empty());
    bare.shutdown().await;
}
