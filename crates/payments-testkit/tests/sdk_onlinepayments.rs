#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! The `onlinepayments` SDK (`Factory`, `Client`, `merchant(..)` sub-clients, blocking
//! client, `WebhooksHelper`) against the Online Payments sandbox: every route the sandbox
//! serves, v1HMAC both ways, error mapping, declined cards and webhooks.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::Merchant;
use onlinepayments::communication::RequestHeader;
use onlinepayments::domain::{
    CancelPaymentRequest, CapturePaymentRequest, CreateHostedCheckoutRequest,
    CreatePaymentLinkRequest, CreatePaymentRequest, CreateTokenRequest, RefundRequest,
    WebhooksEvent,
};
use onlinepayments::webhooks::{InMemorySecretKeyStore, WebhooksHelper};
use onlinepayments::{
    ApiException, CallContext, Client, CommunicatorConfiguration, Error, Factory, MerchantClient,
};
use payments_core::http::{
    HttpRequest, HttpResponse, ReqwestTransport, Transport, TransportConfig, TransportError,
};
use payments_testkit::{
    CardOutcome, Notification, OnlinePaymentsConfig, OnlinePaymentsSandbox, RetryPolicy, TestCard,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

const MERCHANT: &str = "SDKMERCHANT";
const KEY_ID: &str = "sdk-api-key-id";
const SECRET: &str = "sdk-secret-api-key";
const WEBHOOK_KEY_ID: &str = "sdk-webhook-key";
const WEBHOOK_SECRET: &str = "sdk-webhook-secret";

async fn sandbox(webhook_url: Option<&str>) -> OnlinePaymentsSandbox {
    OnlinePaymentsSandbox::start(OnlinePaymentsConfig {
        merchant_id: MERCHANT.to_owned(),
        api_key_id: KEY_ID.to_owned(),
        secret_api_key: SECRET.to_owned(),
        webhook_key_id: WEBHOOK_KEY_ID.to_owned(),
        webhook_secret: WEBHOOK_SECRET.to_owned(),
        webhook_url: webhook_url.map(str::to_owned),
        retry: RetryPolicy::new(5, Duration::from_millis(10)),
    })
    .await
    .unwrap()
}

fn configuration(
    sb: &OnlinePaymentsSandbox,
    key_id: &str,
    secret: &str,
) -> CommunicatorConfiguration {
    CommunicatorConfiguration::builder()
        .api_endpoint(sb.base_url())
        .api_key_id(key_id)
        .secret_api_key(secret)
        .integrator("payments-testkit")
        .connect_timeout(Duration::from_secs(5))
        .socket_timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn client_with(sb: &OnlinePaymentsSandbox, key_id: &str, secret: &str) -> Client {
    Factory::create_client_from_configuration(&configuration(sb, key_id, secret), None, None, None)
        .unwrap()
}

fn merchant(sb: &OnlinePaymentsSandbox) -> MerchantClient {
    client_with(sb, KEY_ID, SECRET).merchant(MERCHANT)
}

/// A request object from its JSON form (the wire names of the API). Every key must be
/// part of the SDK's domain model: it serialises back to the same JSON.
fn req<T: DeserializeOwned + Serialize>(value: Value) -> T {
    let typed: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), value);
    typed
}

fn card_payment(card: TestCard, amount: i64, mode: &str) -> CreatePaymentRequest {
    req(json!({
        "cardPaymentMethodSpecificInput": {
            "authorizationMode": mode,
            "card": {"cardNumber": card.number(), "cvv": "123", "expiryDate": "1230", "cardholderName": "Wile E. Coyote"},
            "paymentProductId": 1,
        },
        "order": {
            "amountOfMoney": {"amount": amount, "currencyCode": "EUR"},
            "references": {"merchantReference": "ORDER-42"},
        },
    }))
}

/// The `ApiException` of an error that is one, with the variant's name.
fn api(e: &Error) -> (&'static str, &ApiException) {
    match e {
        Error::ApiException(a) => ("ApiException", a),
        Error::ValidationException(a) => ("ValidationException", a),
        Error::AuthorizationException(a) => ("AuthorizationException", a),
        Error::ReferenceException(a) => ("ReferenceException", a),
        Error::PlatformException(a) => ("PlatformException", a),
        other => panic!("not an API exception: {other:?}"),
    }
}

fn first_error_id(a: &ApiException) -> Option<&str> {
    a.errors.first().and_then(|e| e.id.as_deref())
}

fn helper() -> WebhooksHelper {
    let store = InMemorySecretKeyStore::new();
    store
        .store_secret_key(WEBHOOK_KEY_ID, WEBHOOK_SECRET)
        .unwrap();
    WebhooksHelper::new(store)
}

fn request_headers(headers: &[(String, String)]) -> Vec<RequestHeader> {
    headers
        .iter()
        .map(|(n, v)| RequestHeader::new(n.as_str(), v.as_str()))
        .collect()
}

/// Verifies a sent webhook with the SDK.
fn unmarshal(n: &Notification) -> Result<WebhooksEvent, Error> {
    helper().unmarshal(&n.body, &request_headers(&n.headers))
}

/// Waits (bounded) until the sandbox has sent `count` webhooks; API calls send them in the
/// background.
async fn notifications(sb: &OnlinePaymentsSandbox, count: usize) -> Vec<Notification> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let sent = sb.notifications();
        if sent.len() >= count || Instant::now() > deadline {
            assert_eq!(sent.len(), count, "webhooks sent");
            return sent;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A merchant endpoint that accepts only webhooks the SDK verifies.
async fn verifying_merchant(fail_first: usize) -> Merchant {
    let helper = helper();
    Merchant::start_verifying(fail_first, move |headers, body| {
        helper.unmarshal(body, &request_headers(headers)).is_ok()
    })
    .await
}

#[tokio::test]
async fn hosted_checkout_capture_and_refund() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);

    let created = m
        .hosted_checkout()
        .create_hosted_checkout(
            &req::<CreateHostedCheckoutRequest>(json!({
                "order": {
                    "amountOfMoney": {"amount": 2995, "currencyCode": "EUR"},
                    "references": {"merchantReference": "ORDER-HC"},
                },
                "hostedCheckoutSpecificInput": {"returnUrl": "https://shop.example/return", "locale": "en_GB"},
                "cardPaymentMethodSpecificInput": {"authorizationMode": "FINAL_AUTHORIZATION"},
            })),
            None,
        )
        .await
        .unwrap();
    let hc_id = created.hosted_checkout_id.clone().unwrap();
    let redirect = created.redirect_url.clone().unwrap();
    assert_eq!(redirect, sb.hosted_checkout_url(&hc_id));
    assert_eq!(
        created.partial_redirect_url.as_deref(),
        redirect.strip_prefix("http://")
    );
    assert_eq!(created.merchant_reference.as_deref(), Some("ORDER-HC"));
    let returnmac = created.returnmac.clone().unwrap();

    let status = m
        .hosted_checkout()
        .get_hosted_checkout(&hc_id, None)
        .await
        .unwrap();
    assert_eq!(status.status.as_deref(), Some("IN_PROGRESS"));
    assert!(status.created_payment_output.is_none());

    // The customer pays on the hosted page and comes back with RETURNMAC and the payment id.
    let outcome = sb
        .pay_hosted(&redirect, TestCard::VisaSuccess)
        .await
        .unwrap();
    assert_eq!(outcome.status, "PENDING_CAPTURE");
    let back = url::Url::parse(outcome.redirect_url.as_deref().unwrap()).unwrap();
    let query: Vec<(String, String)> = back.query_pairs().into_owned().collect();
    let param = |k: &str| query.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    assert_eq!(param("RETURNMAC"), Some(returnmac));
    assert_eq!(param("hostedCheckoutId"), Some(hc_id.clone()));
    let payment_id = param("paymentId").unwrap();

    let status = m
        .hosted_checkout()
        .get_hosted_checkout(&hc_id, None)
        .await
        .unwrap();
    assert_eq!(status.status.as_deref(), Some("PAYMENT_CREATED"));
    let created_output = status.created_payment_output.unwrap();
    assert_eq!(
        created_output.payment_status_category.as_deref(),
        Some("SUCCESSFUL")
    );
    assert_eq!(
        created_output.payment.unwrap().id.as_deref(),
        Some(payment_id.as_str())
    );

    let payment = m.payments().get_payment(&payment_id, None).await.unwrap();
    assert_eq!(payment.status.as_deref(), Some("PENDING_CAPTURE"));
    let so = payment.status_output.as_ref().unwrap();
    assert_eq!(so.status_code, Some(5));
    assert_eq!(so.is_cancellable, Some(true));
    assert_eq!(so.is_authorized, Some(true));
    let po = payment.payment_output.as_ref().unwrap();
    assert_eq!(po.amount_of_money.as_ref().unwrap().amount, Some(2995));
    // `references` is deprecated in the API, but still sent.
    #[allow(deprecated)]
    let references = po.references.as_ref().unwrap();
    assert_eq!(references.merchant_reference.as_deref(), Some("ORDER-HC"));
    let card = po.card_payment_method_specific_output.as_ref().unwrap();
    assert_eq!(card.payment_product_id, Some(1));
    assert_eq!(
        card.card.as_ref().unwrap().card_number.as_deref(),
        Some("************1111")
    );
    assert_eq!(
        payment
            .hosted_checkout_specific_output
            .unwrap()
            .hosted_checkout_id
            .as_deref(),
        Some(hc_id.as_str())
    );

    // Partial capture, then the rest as final.
    let first = m
        .payments()
        .capture_payment(
            &payment_id,
            &req::<CapturePaymentRequest>(json!({"amount": 1000})),
            None,
        )
        .await
        .unwrap();
    assert_eq!(first.status.as_deref(), Some("CAPTURED"));
    assert_eq!(first.status_output.unwrap().status_code, Some(9));
    assert_eq!(
        first
            .capture_output
            .unwrap()
            .amount_of_money
            .unwrap()
            .amount,
        Some(1000)
    );
    let still = m.payments().get_payment(&payment_id, None).await.unwrap();
    assert_eq!(still.status.as_deref(), Some("PENDING_CAPTURE"));
    let last = m
        .payments()
        .capture_payment(
            &payment_id,
            &req::<CapturePaymentRequest>(json!({"amount": 1995, "isFinal": true})),
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        last.capture_output.unwrap().amount_of_money.unwrap().amount,
        Some(1995)
    );
    let captured = m.payments().get_payment(&payment_id, None).await.unwrap();
    assert_eq!(captured.status.as_deref(), Some("CAPTURED"));
    assert_eq!(captured.status_output.unwrap().is_refundable, Some(true));
    let captures = m.captures().get_captures(&payment_id, None).await.unwrap();
    let amounts: Vec<_> = captures
        .captures
        .unwrap()
        .iter()
        .map(|c| {
            c.capture_output
                .as_ref()
                .unwrap()
                .amount_of_money
                .as_ref()
                .unwrap()
                .amount
                .unwrap()
        })
        .collect();
    assert_eq!(amounts, [1000, 1995]);

    // A second capture is refused: the payment is captured.
    let e = m
        .payments()
        .capture_payment(&payment_id, &CapturePaymentRequest::default(), None)
        .await
        .unwrap_err();
    let (kind, a) = api(&e);
    assert_eq!((kind, a.status_code), ("ValidationException", 400));
    assert_eq!(first_error_id(a), Some("ACTION_NOT_ALLOWED_ON_TARGET"));

    // Partial refund, then the rest.
    let refund = m
        .payments()
        .refund_payment(
            &payment_id,
            &req::<RefundRequest>(json!({"amountOfMoney": {"amount": 500, "currencyCode": "EUR"}})),
            None,
        )
        .await
        .unwrap();
    assert_eq!(refund.status.as_deref(), Some("REFUNDED"));
    assert_eq!(
        refund
            .refund_output
            .unwrap()
            .amount_of_money
            .unwrap()
            .amount,
        Some(500)
    );
    assert_eq!(
        m.payments()
            .get_payment(&payment_id, None)
            .await
            .unwrap()
            .status
            .as_deref(),
        Some("CAPTURED")
    );
    let e = m
        .payments()
        .refund_payment(
            &payment_id,
            &req::<RefundRequest>(
                json!({"amountOfMoney": {"amount": 2996, "currencyCode": "EUR"}}),
            ),
            None,
        )
        .await
        .unwrap_err();
    let (kind, a) = api(&e);
    assert_eq!(kind, "ValidationException");
    assert_eq!(
        a.errors[0].property_name.as_deref(),
        Some("amountOfMoney.amount")
    );
    let rest = m
        .payments()
        .refund_payment(&payment_id, &RefundRequest::default(), None)
        .await
        .unwrap();
    assert_eq!(
        rest.refund_output.unwrap().amount_of_money.unwrap().amount,
        Some(2495)
    );
    let refunded = m.payments().get_payment(&payment_id, None).await.unwrap();
    assert_eq!(refunded.status.as_deref(), Some("REFUNDED"));
    assert_eq!(refunded.status_output.unwrap().status_code, Some(8));
    let refunds = m.refunds().get_refunds(&payment_id, None).await.unwrap();
    assert_eq!(refunds.refunds.unwrap().len(), 2);

    let details = m
        .payments()
        .get_payment_details(&payment_id, None)
        .await
        .unwrap();
    assert_eq!(details.status.as_deref(), Some("REFUNDED"));
    let operations: Vec<_> = details
        .operations
        .unwrap()
        .iter()
        .map(|o| o.status.clone().unwrap())
        .collect();
    assert_eq!(
        operations,
        [
            "PENDING_CAPTURE",
            "CAPTURED",
            "CAPTURED",
            "REFUNDED",
            "REFUNDED"
        ]
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn direct_payments_cancel_tokens_and_test_connection() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);

    let connection = m.services().test_connection(None).await.unwrap();
    assert_eq!(connection.result.as_deref(), Some("OK"));

    // SALE with tokenize: captured at once, token stored.
    let mut sale: Value =
        serde_json::to_value(card_payment(TestCard::MastercardSuccess, 1500, "SALE")).unwrap();
    sale["cardPaymentMethodSpecificInput"]["tokenize"] = json!(true);
    let created = m
        .payments()
        .create_payment(&req::<CreatePaymentRequest>(sale), None)
        .await
        .unwrap();
    let payment = created.payment.unwrap();
    assert_eq!(payment.status.as_deref(), Some("CAPTURED"));
    assert_eq!(payment.status_output.as_ref().unwrap().status_code, Some(9));
    let out = payment.payment_output.unwrap();
    assert_eq!(out.acquired_amount.unwrap().amount, Some(1500));
    let card = out.card_payment_method_specific_output.unwrap();
    assert_eq!(card.payment_product_id, Some(3));
    assert_eq!(card.authorisation_code.as_deref(), Some("123456"));
    let token = created.creation_output.unwrap().token.unwrap();
    assert_eq!(card.token.as_deref(), Some(token.as_str()));

    let stored = m.tokens().get_token(&token, None).await.unwrap();
    assert_eq!(stored.id.as_deref(), Some(token.as_str()));
    assert_eq!(stored.payment_product_id, Some(3));
    let token_card = stored.card.unwrap();
    assert_eq!(token_card.alias.as_deref(), Some("*********0037"));
    assert_eq!(
        token_card
            .data
            .unwrap()
            .card_without_cvv
            .unwrap()
            .expiry_date
            .as_deref(),
        Some("1230")
    );

    // Pay with the token, authorisation only, then cancel.
    let by_token: CreatePaymentRequest = req(json!({
        "cardPaymentMethodSpecificInput": {"token": token, "authorizationMode": "FINAL_AUTHORIZATION"},
        "order": {"amountOfMoney": {"amount": 700, "currencyCode": "EUR"}},
    }));
    let authorised = m
        .payments()
        .create_payment(&by_token, None)
        .await
        .unwrap()
        .payment
        .unwrap();
    assert_eq!(authorised.status.as_deref(), Some("PENDING_CAPTURE"));
    let id = authorised.id.unwrap();
    let cancelled = m
        .payments()
        .cancel_payment(&id, &CancelPaymentRequest::default(), None)
        .await
        .unwrap()
        .payment
        .unwrap();
    assert_eq!(cancelled.status.as_deref(), Some("CANCELLED"));
    assert_eq!(cancelled.status_output.unwrap().status_code, Some(6));
    let e = m
        .payments()
        .cancel_payment(&id, &CancelPaymentRequest::default(), None)
        .await
        .unwrap_err();
    assert_eq!(api(&e).0, "ValidationException");
    // A SALE payment is captured already: nothing to cancel.
    let e = m
        .payments()
        .cancel_payment(
            payment.id.as_deref().unwrap(),
            &CancelPaymentRequest::default(),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(
        first_error_id(api(&e).1),
        Some("ACTION_NOT_ALLOWED_ON_TARGET")
    );

    // Tokens created directly; the same card gives the same token.
    let token_request: CreateTokenRequest = req(json!({
        "paymentProductId": 1,
        "card": {"data": {"card": {"cardNumber": TestCard::VisaSuccess.number(), "cardholderName": "Road Runner", "expiryDate": "0129"}}},
    }));
    let new_token = m.tokens().create_token(&token_request, None).await.unwrap();
    assert_eq!(new_token.is_new_token, Some(true));
    assert_eq!(new_token.token_status.as_deref(), Some("CREATED"));
    assert_eq!(
        new_token.card.as_ref().unwrap().cardholder_name.as_deref(),
        Some("Road Runner")
    );
    let again = m.tokens().create_token(&token_request, None).await.unwrap();
    assert_eq!(again.is_new_token, Some(false));
    assert_eq!(again.token, new_token.token);
    let token_id = new_token.token.unwrap();
    m.tokens().delete_token(&token_id, None).await.unwrap();
    let e = m.tokens().get_token(&token_id, None).await.unwrap_err();
    let (kind, a) = api(&e);
    assert_eq!((kind, a.status_code), ("ReferenceException", 404));

    // A token request without a card is invalid, with the property named.
    let e = m
        .tokens()
        .create_token(&CreateTokenRequest::default(), None)
        .await
        .unwrap_err();
    let (kind, a) = api(&e);
    assert_eq!(kind, "ValidationException");
    assert_eq!(
        a.errors[0].property_name.as_deref(),
        Some("card.data.card.cardNumber")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn payment_links_paid_and_cancelled() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let link_request: CreatePaymentLinkRequest = req(json!({
        "paymentLinkOrder": {"amount": {"amount": 4200, "currencyCode": "EUR"}, "merchantReference": "LINK-1"},
        "recipientName": "Ada",
        "isReusableLink": false,
    }));
    let link = m
        .payment_links()
        .create_payment_link(&link_request, None)
        .await
        .unwrap();
    assert_eq!(link.status.as_deref(), Some("ACTIVE"));
    assert_eq!(link.recipient_name.as_deref(), Some("Ada"));
    assert_eq!(link.is_reusable_link, Some(false));
    let order = link.payment_link_order.as_ref().unwrap();
    assert_eq!(order.amount.as_ref().unwrap().amount, Some(4200));
    assert_eq!(order.merchant_reference.as_deref(), Some("LINK-1"));
    assert_eq!(
        link.payment_link_events.as_ref().unwrap()[0]
            .r#type
            .as_deref(),
        Some("CREATED")
    );
    let link_id = link.payment_link_id.clone().unwrap();

    let outcome = sb
        .pay_hosted(
            link.redirection_url.as_deref().unwrap(),
            TestCard::VisaSuccess,
        )
        .await
        .unwrap();
    assert_eq!(outcome.status, "CAPTURED");
    let paid = m
        .payment_links()
        .get_payment_link_by_id(&link_id, None)
        .await
        .unwrap();
    assert_eq!(paid.status.as_deref(), Some("PAID"));
    let payment_id = paid.payment_id.unwrap();
    let payment = m.payments().get_payment(&payment_id, None).await.unwrap();
    assert_eq!(
        payment
            .payment_output
            .unwrap()
            .amount_of_money
            .unwrap()
            .amount,
        Some(4200)
    );

    // A paid link cannot be cancelled; an active one can, once.
    let e = m
        .payment_links()
        .cancel_payment_link_by_id(&link_id, None)
        .await
        .unwrap_err();
    assert_eq!(api(&e).0, "ValidationException");
    let other = m
        .payment_links()
        .create_payment_link(&link_request, None)
        .await
        .unwrap();
    let other_id = other.payment_link_id.unwrap();
    m.payment_links()
        .cancel_payment_link_by_id(&other_id, None)
        .await
        .unwrap();
    let cancelled = m
        .payment_links()
        .get_payment_link_by_id(&other_id, None)
        .await
        .unwrap();
    assert_eq!(cancelled.status.as_deref(), Some("CANCELLED"));
    let e = m
        .payment_links()
        .cancel_payment_link_by_id(&other_id, None)
        .await
        .unwrap_err();
    assert_eq!(
        first_error_id(api(&e).1),
        Some("ACTION_NOT_ALLOWED_ON_TARGET")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn wrong_credentials_and_foreign_merchant() {
    let sb = sandbox(None).await;
    let good = merchant(&sb);
    let payment = good
        .payments()
        .create_payment(
            &card_payment(TestCard::VisaSuccess, 100, "FINAL_AUTHORIZATION"),
            None,
        )
        .await
        .unwrap()
        .payment
        .unwrap();
    let id = payment.id.unwrap();
    let before = sb.payments().len();

    // A wrong secret or an unknown key id: 401, which the SDK (like the official one) maps
    // to the generic ApiException.
    for m in [
        client_with(&sb, KEY_ID, "not-the-secret").merchant(MERCHANT),
        client_with(&sb, "unknown-key-id", SECRET).merchant(MERCHANT),
    ] {
        let errors = [
            m.services().test_connection(None).await.unwrap_err(),
            m.payments()
                .create_payment(&card_payment(TestCard::VisaSuccess, 100, "SALE"), None)
                .await
                .unwrap_err(),
            m.payments().get_payment(&id, None).await.unwrap_err(),
            m.payments()
                .capture_payment(&id, &CapturePaymentRequest::default(), None)
                .await
                .unwrap_err(),
            m.payments()
                .cancel_payment(&id, &CancelPaymentRequest::default(), None)
                .await
                .unwrap_err(),
            m.tokens().get_token("t", None).await.unwrap_err(),
            m.hosted_checkout()
                .get_hosted_checkout("1", None)
                .await
                .unwrap_err(),
            m.payment_links()
                .get_payment_link_by_id("l", None)
                .await
                .unwrap_err(),
        ];
        for e in &errors {
            let (kind, a) = api(e);
            assert_eq!((kind, a.status_code), ("ApiException", 401), "{e:?}");
            assert_eq!(first_error_id(a), Some("MISSING_OR_INVALID_AUTHORIZATION"));
            assert!(a.error_id.is_some());
            assert_eq!(e.status_code(), Some(401));
        }
    }
    assert_eq!(sb.payments().len(), before);
    assert_eq!(
        good.payments()
            .get_payment(&id, None)
            .await
            .unwrap()
            .status
            .as_deref(),
        Some("PENDING_CAPTURE")
    );

    // Valid credentials, but another merchant's path: AuthorizationException (403).
    let foreign = client_with(&sb, KEY_ID, SECRET).merchant("OTHERMERCHANT");
    let e = foreign.payments().get_payment(&id, None).await.unwrap_err();
    let (kind, a) = api(&e);
    assert_eq!((kind, a.status_code), ("AuthorizationException", 403));
    assert_eq!(first_error_id(a), Some("ACCESS_TO_MERCHANT_NOT_ALLOWED"));
    sb.shutdown().await;
}

/// Changes a request after the SDK signed it.
type Edit = Box<dyn Fn(&mut HttpRequest) + Send + Sync>;

/// A connection that applies an [`Edit`] before sending.
struct Tamper {
    inner: ReqwestTransport,
    edit: Edit,
}

#[async_trait::async_trait]
impl Transport for Tamper {
    async fn send(&self, mut request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (self.edit)(&mut request);
        self.inner.send(request).await
    }
}

fn tampering_client(sb: &OnlinePaymentsSandbox, edit: Edit) -> MerchantClient {
    let connection = Tamper {
        inner: ReqwestTransport::new(&TransportConfig::default()).unwrap(),
        edit,
    };
    Factory::create_client_from_configuration(
        &configuration(sb, KEY_ID, SECRET),
        None,
        Some(Arc::new(connection)),
        None,
    )
    .unwrap()
    .merchant(MERCHANT)
}

#[tokio::test]
async fn tampered_requests_are_refused() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let mut ids = Vec::new();
    for _ in 0..2 {
        let p = m
            .payments()
            .create_payment(
                &card_payment(TestCard::VisaSuccess, 100, "FINAL_AUTHORIZATION"),
                None,
            )
            .await
            .unwrap();
        ids.push(p.payment.unwrap().id.unwrap());
    }
    let (first, second) = (ids[0].clone(), ids[1].clone());
    // An untouched request through the same connection type is accepted.
    let plain = tampering_client(&sb, Box::new(|_| {}));
    assert!(plain.payments().get_payment(&first, None).await.is_ok());

    let (from, to) = (
        format!("/payments/{first}/"),
        format!("/payments/{second}/"),
    );
    let edits: [Edit; 4] = [
        // another payment than the one signed
        Box::new(move |r| r.url = r.url.replace(&from, &to)),
        // a query the signature did not cover
        Box::new(|r| r.url.push_str("?extra=1")),
        // a changed signed header
        Box::new(|r| r.headers.insert("Date", "Mon, 01 Jan 2024 00:00:00 GMT")),
        // a changed signature
        Box::new(|r| {
            let auth = r.headers.get("Authorization").unwrap().to_owned();
            let (head, sig) = auth.rsplit_once(':').unwrap();
            let flipped = if sig.starts_with('A') { "B" } else { "A" };
            r.headers
                .insert("Authorization", format!("{head}:{flipped}{}", &sig[1..]));
        }),
    ];
    for edit in edits {
        let t = tampering_client(&sb, edit);
        let e = t
            .payments()
            .cancel_payment(&first, &CancelPaymentRequest::default(), None)
            .await
            .unwrap_err();
        let (kind, a) = api(&e);
        assert_eq!((kind, a.status_code), ("ApiException", 401));
        assert_eq!(first_error_id(a), Some("MISSING_OR_INVALID_AUTHORIZATION"));
    }
    // Neither payment was cancelled.
    for id in [&first, &second] {
        assert_eq!(
            m.payments()
                .get_payment(id, None)
                .await
                .unwrap()
                .status
                .as_deref(),
            Some("PENDING_CAPTURE")
        );
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_resources_are_reference_errors() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let errors = [
        m.payments().get_payment("999_0", None).await.unwrap_err(),
        m.payments()
            .get_payment_details("999_0", None)
            .await
            .unwrap_err(),
        m.payments()
            .capture_payment("999_0", &CapturePaymentRequest::default(), None)
            .await
            .unwrap_err(),
        m.payments()
            .cancel_payment("999_0", &CancelPaymentRequest::default(), None)
            .await
            .unwrap_err(),
        m.payments()
            .refund_payment("999_0", &RefundRequest::default(), None)
            .await
            .unwrap_err(),
        m.captures().get_captures("999_0", None).await.unwrap_err(),
        m.refunds().get_refunds("999_0", None).await.unwrap_err(),
        m.hosted_checkout()
            .get_hosted_checkout("999", None)
            .await
            .unwrap_err(),
        m.tokens()
            .get_token("no-such-token", None)
            .await
            .unwrap_err(),
        m.tokens()
            .delete_token("no-such-token", None)
            .await
            .unwrap_err(),
        m.payment_links()
            .get_payment_link_by_id("no-such-link", None)
            .await
            .unwrap_err(),
        m.payment_links()
            .cancel_payment_link_by_id("no-such-link", None)
            .await
            .unwrap_err(),
    ];
    for e in &errors {
        let (kind, a) = api(e);
        assert_eq!((kind, a.status_code), ("ReferenceException", 404), "{e:?}");
        assert_eq!(first_error_id(a), Some("UNKNOWN_RESOURCE"));
    }
    // An unknown token in a payment is invalid input, not a missing resource.
    let e = m
        .payments()
        .create_payment(
            &req::<CreatePaymentRequest>(json!({
                "cardPaymentMethodSpecificInput": {"token": "no-such-token"},
                "order": {"amountOfMoney": {"amount": 1, "currencyCode": "EUR"}},
            })),
            None,
        )
        .await
        .unwrap_err();
    let (kind, a) = api(&e);
    assert_eq!(kind, "ValidationException");
    assert_eq!(
        a.errors[0].property_name.as_deref(),
        Some("cardPaymentMethodSpecificInput.token")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn declined_cards_raise_declined_payment_with_the_result() {
    let merchant_endpoint = verifying_merchant(0).await;
    let sb = sandbox(Some(&merchant_endpoint.url)).await;
    let m = merchant(&sb);
    for (card, code, id) in [
        (TestCard::VisaDeclined, "30511001", "AUTHORIZATION_DECLINED"),
        (
            TestCard::VisaInsufficientFunds,
            "30051001",
            "INSUFFICIENT_FUNDS",
        ),
    ] {
        let e = m
            .payments()
            .create_payment(&card_payment(card, 990, "SALE"), None)
            .await
            .unwrap_err();
        assert!(e.is_declined_transaction(), "{e:?}");
        let Error::DeclinedPaymentException(declined) = &e else {
            panic!("{e:?}");
        };
        assert_eq!(declined.api.status_code, 402);
        assert_eq!(declined.api.errors[0].error_code.as_deref(), Some(code));
        assert_eq!(declined.api.errors[0].id.as_deref(), Some(id));
        let payment = declined
            .create_payment_response()
            .unwrap()
            .payment
            .clone()
            .unwrap();
        assert_eq!(payment.status.as_deref(), Some("REJECTED"));
        let so = payment.status_output.unwrap();
        assert_eq!(so.status_code, Some(2));
        assert_eq!(so.errors.unwrap()[0].error_code.as_deref(), Some(code));
        let payment_id = payment.id.unwrap();
        assert!(
            e.to_string().contains(&format!(
                "declined payment '{payment_id}' with status 'REJECTED'"
            )),
            "{e}"
        );

        // The payment exists, rejected; nothing can be done with it.
        let got = m.payments().get_payment(&payment_id, None).await.unwrap();
        assert_eq!(got.status.as_deref(), Some("REJECTED"));
        let e = m
            .payments()
            .refund_payment(&payment_id, &RefundRequest::default(), None)
            .await
            .unwrap_err();
        assert_eq!(api(&e).0, "ValidationException");
    }
    // The rejection webhooks are verified by the SDK.
    let sent = notifications(&sb, 2).await;
    for n in &sent {
        let event = unmarshal(n).unwrap();
        assert_eq!(event.r#type.as_deref(), Some("payment.rejected"));
        assert_eq!(event.merchant_id.as_deref(), Some(MERCHANT));
        assert_eq!(event.payment.unwrap().status.as_deref(), Some("REJECTED"));
    }

    // On the hosted page a declined card leaves a rejected payment behind the checkout.
    let hc = m
        .hosted_checkout()
        .create_hosted_checkout(
            &req::<CreateHostedCheckoutRequest>(json!({
                "order": {"amountOfMoney": {"amount": 100, "currencyCode": "EUR"}},
            })),
            None,
        )
        .await
        .unwrap();
    let hc_id = hc.hosted_checkout_id.unwrap();
    let outcome = sb
        .pay_hosted(&hc_id, TestCard::VisaInsufficientFunds)
        .await
        .unwrap();
    assert_eq!(outcome.card_outcome, CardOutcome::InsufficientFunds);
    assert_eq!(outcome.status, "REJECTED");
    let status = m
        .hosted_checkout()
        .get_hosted_checkout(&hc_id, None)
        .await
        .unwrap();
    assert_eq!(
        status
            .created_payment_output
            .unwrap()
            .payment_status_category
            .as_deref(),
        Some("REJECTED")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn tampered_webhooks_are_rejected() {
    let merchant_endpoint = Merchant::start(0).await;
    let sb = sandbox(Some(&merchant_endpoint.url)).await;
    let m = merchant(&sb);
    m.payments()
        .create_payment(
            &card_payment(TestCard::VisaSuccess, 250, "FINAL_AUTHORIZATION"),
            None,
        )
        .await
        .unwrap();
    let sent = notifications(&sb, 1).await;
    let n = &sent[0];
    let event = unmarshal(n).unwrap();
    assert_eq!(event.api_version.as_deref(), Some("v1"));
    assert_eq!(event.r#type.as_deref(), Some("payment.pending_capture"));
    assert_eq!(
        event.payment.as_ref().unwrap().id,
        sb.payments()[0]["id"].as_str().map(str::to_owned)
    );
    let headers = request_headers(&n.headers);
    let signature = n.header("X-GCS-Signature").unwrap().to_owned();

    // A changed body under the original signature.
    let forged = n.body_text().replace("PENDING_CAPTURE", "CAPTURED");
    assert_ne!(forged, n.body_text());
    let e = helper().unmarshal(forged.as_bytes(), &headers).unwrap_err();
    assert!(matches!(e, Error::SignatureValidationException(_)), "{e:?}");
    assert!(e.to_string().contains(&signature), "{e}");

    // A changed signature, a missing or repeated header, an unknown key id.
    let with = |name: &str, value: &str| -> Vec<RequestHeader> {
        n.headers
            .iter()
            .map(|(k, v)| {
                if k.eq_ignore_ascii_case(name) {
                    RequestHeader::new(k.as_str(), value)
                } else {
                    RequestHeader::new(k.as_str(), v.as_str())
                }
            })
            .collect()
    };
    let unpadded = signature.trim_end_matches('=');
    let e = helper()
        .unmarshal(&n.body, &with("X-GCS-Signature", unpadded))
        .unwrap_err();
    assert!(matches!(e, Error::SignatureValidationException(_)), "{e:?}");
    let without: Vec<RequestHeader> = headers
        .iter()
        .filter(|h| !h.name().eq_ignore_ascii_case("x-gcs-signature"))
        .cloned()
        .collect();
    let e = helper().unmarshal(&n.body, &without).unwrap_err();
    assert!(matches!(e, Error::SignatureValidationException(_)), "{e:?}");
    let mut twice = headers.clone();
    twice.push(RequestHeader::new("x-gcs-signature", signature.as_str()));
    let e = helper().unmarshal(&n.body, &twice).unwrap_err();
    assert!(matches!(e, Error::SignatureValidationException(_)), "{e:?}");
    let e = helper()
        .unmarshal(&n.body, &with("X-GCS-KeyId", "other-key"))
        .unwrap_err();
    assert!(
        matches!(e, Error::SecretKeyNotAvailableException(_)),
        "{e:?}"
    );
    // A helper holding another secret for the key id.
    let store = InMemorySecretKeyStore::new();
    store
        .store_secret_key(WEBHOOK_KEY_ID, "another-secret")
        .unwrap();
    let e = WebhooksHelper::new(store)
        .unmarshal(&n.body, &headers)
        .unwrap_err();
    assert!(e.is_signature_validation());

    // Correctly signed, but another event API version.
    let mut v2: Value = serde_json::from_slice(&n.body).unwrap();
    v2["apiVersion"] = json!("v2");
    let body = serde_json::to_vec(&v2).unwrap();
    let sig = payments_testkit::onlinepayments::webhook_signature(WEBHOOK_SECRET, &body);
    let e = helper()
        .unmarshal(&body, &with("X-GCS-Signature", &sig))
        .unwrap_err();
    assert!(matches!(e, Error::ApiVersionMismatchException(_)), "{e:?}");
    sb.shutdown().await;
}

#[tokio::test]
async fn webhook_endpoint_failing_then_recovering_is_verified() {
    let merchant_endpoint = verifying_merchant(3).await;
    let sb = sandbox(Some(&merchant_endpoint.url)).await;
    let m = merchant(&sb);
    let hc = m
        .hosted_checkout()
        .create_hosted_checkout(
            &req::<CreateHostedCheckoutRequest>(json!({
                "order": {"amountOfMoney": {"amount": 1234, "currencyCode": "EUR"}},
                "hostedCheckoutSpecificInput": {"returnUrl": "https://shop.example/return"},
            })),
            None,
        )
        .await
        .unwrap();
    let outcome = sb
        .pay_hosted(hc.redirect_url.as_deref().unwrap(), TestCard::VisaSuccess)
        .await
        .unwrap();
    let statuses: Vec<_> = outcome.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(500), Some(500), Some(500), Some(200)]);
    assert!(outcome.notification_delivered);
    let received = merchant_endpoint.received();
    assert_eq!(received.len(), 4);
    assert!(received.iter().all(|(_, b)| *b == received[0].1));
    let (headers, body) = &received[3];
    let event = helper().unmarshal(body, &request_headers(headers)).unwrap();
    assert_eq!(event.r#type.as_deref(), Some("payment.captured"));
    let payment = event.payment.unwrap();
    assert_eq!(payment.status.as_deref(), Some("CAPTURED"));
    assert_eq!(
        payment
            .hosted_checkout_specific_output
            .unwrap()
            .hosted_checkout_id,
        hc.hosted_checkout_id
    );

    // Background webhooks of API calls go through the same retries.
    let payment_id = payment.id.unwrap();
    m.payments()
        .refund_payment(&payment_id, &RefundRequest::default(), None)
        .await
        .unwrap();
    let sent = notifications(&sb, 2).await;
    let event = unmarshal(&sent[1]).unwrap();
    assert_eq!(event.r#type.as_deref(), Some("payment.refunded"));
    sb.shutdown().await;
}

#[tokio::test]
async fn idempotent_requests_are_replayed() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let request = card_payment(TestCard::VisaSuccess, 321, "SALE");
    let first_context = CallContext::new().with_idempotence_key("order-321");
    let first = m
        .payments()
        .create_payment(&request, Some(&first_context))
        .await
        .unwrap();
    assert_eq!(first_context.idempotence_request_timestamp(), None);
    let second_context = CallContext::new().with_idempotence_key("order-321");
    let second = m
        .payments()
        .create_payment(&request, Some(&second_context))
        .await
        .unwrap();
    assert_eq!(
        first.payment.as_ref().unwrap().id,
        second.payment.as_ref().unwrap().id
    );
    assert!(second_context.idempotence_request_timestamp().is_some());
    assert_eq!(sb.payments().len(), 1);
    let sent = sb.requests();
    assert_eq!(
        sent.last().unwrap().header("x-gcs-idempotence-key"),
        Some("order-321")
    );
    // Another key creates another payment.
    let other = CallContext::new().with_idempotence_key("order-322");
    m.payments()
        .create_payment(&request, Some(&other))
        .await
        .unwrap();
    assert_eq!(sb.payments().len(), 2);
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
    let sb = rt.block_on(sandbox(None));
    let client = onlinepayments::blocking::Factory::create_client_from_configuration(
        &configuration(&sb, KEY_ID, SECRET),
        None,
        None,
        None,
    )
    .unwrap();
    let m = client.merchant(MERCHANT);
    assert_eq!(
        m.services()
            .test_connection(None)
            .unwrap()
            .result
            .as_deref(),
        Some("OK")
    );
    let created = m
        .payments()
        .create_payment(
            &card_payment(TestCard::VisaSuccess, 800, "PRE_AUTHORIZATION"),
            None,
        )
        .unwrap();
    let id = created.payment.unwrap().id.unwrap();
    let captured = m
        .payments()
        .capture_payment(&id, &CapturePaymentRequest::default(), None)
        .unwrap();
    assert_eq!(
        captured
            .capture_output
            .unwrap()
            .amount_of_money
            .unwrap()
            .amount,
        Some(800)
    );
    assert_eq!(
        m.payments()
            .get_payment(&id, None)
            .unwrap()
            .status
            .as_deref(),
        Some("CAPTURED")
    );
    let e = m
        .payments()
        .create_payment(&card_payment(TestCard::VisaDeclined, 800, "SALE"), None)
        .unwrap_err();
    assert!(matches!(e, Error::DeclinedPaymentException(_)), "{e:?}");
    let e = m.payments().get_payment("404_0", None).unwrap_err();
    assert_eq!(api(&e).0, "ReferenceException");
    let bad = onlinepayments::blocking::Factory::create_client_from_configuration(
        &configuration(&sb, KEY_ID, "wrong"),
        None,
        None,
        None,
    )
    .unwrap();
    let e = bad
        .merchant(MERCHANT)
        .services()
        .test_connection(None)
        .unwrap_err();
    assert_eq!(api(&e).1.status_code, 401);

    drop(m);
    drop(client);
    drop(bad);
    rt.block_on(sb.shutdown());
    drop(sb);
    drop(rt);
}
