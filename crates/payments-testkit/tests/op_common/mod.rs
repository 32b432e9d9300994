#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! What the `op_*` tests share: a sandbox with known credentials, the SDK's merchant client
//! on it, request objects from JSON, the error of a failed call, and raw HTTP for the client
//! API and the hosted pages.

use std::time::Duration;

use onlinepayments::domain::SessionResponse;
use onlinepayments::{ApiException, CommunicatorConfiguration, Error, Factory, MerchantClient};
use payments_core::http::{
    HttpRequest, HttpResponse, Method, ReqwestTransport, Transport, TransportConfig,
};
use payments_testkit::{OnlinePaymentsConfig, OnlinePaymentsSandbox, RetryPolicy};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub const MERCHANT: &str = "OPMERCHANT";
pub const KEY_ID: &str = "op-api-key-id";
pub const SECRET: &str = "op-secret-api-key";
pub const WEBHOOK_KEY_ID: &str = "op-webhook-key";
pub const WEBHOOK_SECRET: &str = "op-webhook-secret";

pub async fn sandbox(webhook_url: Option<&str>) -> OnlinePaymentsSandbox {
    OnlinePaymentsSandbox::start(OnlinePaymentsConfig {
        merchant_id: MERCHANT.to_owned(),
        api_key_id: KEY_ID.to_owned(),
        secret_api_key: SECRET.to_owned(),
        webhook_key_id: WEBHOOK_KEY_ID.to_owned(),
        webhook_secret: WEBHOOK_SECRET.to_owned(),
        webhook_url: webhook_url.map(str::to_owned),
        retry: RetryPolicy::new(4, Duration::from_millis(10)),
    })
    .await
    .unwrap()
}

pub fn configuration(sb: &OnlinePaymentsSandbox, secret: &str) -> CommunicatorConfiguration {
    CommunicatorConfiguration::builder()
        .api_endpoint(sb.base_url())
        .api_key_id(KEY_ID)
        .secret_api_key(secret)
        .integrator("payments-testkit")
        .connect_timeout(Duration::from_secs(5))
        .socket_timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// The SDK's client for merchant `merchant_id` with the sandbox's credentials.
pub fn merchant_as(sb: &OnlinePaymentsSandbox, merchant_id: &str) -> MerchantClient {
    Factory::create_client_from_configuration(&configuration(sb, SECRET), None, None, None)
        .unwrap()
        .merchant(merchant_id)
}

pub fn merchant(sb: &OnlinePaymentsSandbox) -> MerchantClient {
    merchant_as(sb, MERCHANT)
}

/// A client signing with a wrong secret.
pub fn wrong_secret(sb: &OnlinePaymentsSandbox) -> MerchantClient {
    Factory::create_client_from_configuration(
        &configuration(sb, "not-the-secret"),
        None,
        None,
        None,
    )
    .unwrap()
    .merchant(MERCHANT)
}

/// A request object from its JSON form; every key must be part of the SDK's model.
pub fn req<T: DeserializeOwned + Serialize>(value: Value) -> T {
    let typed: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), value);
    typed
}

/// The `ApiException` of an error that is one, with the variant's name.
pub fn api(e: &Error) -> (&'static str, &ApiException) {
    match e {
        Error::ApiException(a) => ("ApiException", a),
        Error::ValidationException(a) => ("ValidationException", a),
        Error::AuthorizationException(a) => ("AuthorizationException", a),
        Error::ReferenceException(a) => ("ReferenceException", a),
        Error::PlatformException(a) => ("PlatformException", a),
        other => panic!("not an API exception: {other:?}"),
    }
}

/// `(variant, status, errors[0].id, errors[0].propertyName)` of a failed call; also checks
/// that the first error repeats the HTTP status and has a category and an error code.
pub fn failure(e: &Error) -> (&'static str, u16, Option<String>, Option<String>) {
    let (kind, a) = api(e);
    assert!(
        a.error_id.as_deref().is_some_and(|id| !id.is_empty()),
        "{a:?}"
    );
    let first = a.errors.first().unwrap();
    assert_eq!(first.http_status_code, Some(i64::from(a.status_code)));
    assert!(
        first.category.is_some() && first.error_code.is_some(),
        "{first:?}"
    );
    (
        kind,
        a.status_code,
        first.id.clone(),
        first.property_name.clone(),
    )
}

/// Raw HTTP on loopback (for the client API and the hosted pages).
pub async fn http(request: HttpRequest) -> HttpResponse {
    ReqwestTransport::new(&TransportConfig::default())
        .unwrap()
        .send(request.timeout(Duration::from_secs(10)))
        .await
        .unwrap()
}

/// The JSON of a response body.
pub fn json_of(response: &HttpResponse) -> Value {
    serde_json::from_slice(&response.body).unwrap()
}

/// A client API request of `session` (`{clientApiUrl}/{version}/{customerId}/{path}`).
pub fn client_api(
    session: &SessionResponse,
    method: Method,
    version: &str,
    path: &str,
) -> HttpRequest {
    let url = format!(
        "{}/{version}/{}/{path}",
        session.client_api_url.as_deref().unwrap(),
        session.customer_id.as_deref().unwrap()
    );
    HttpRequest::new(method, url)
        .header(
            "Authorization",
            format!(
                "GCS v1Client:{}",
                session.client_session_id.as_deref().unwrap()
            ),
        )
        .header("Content-Type", "application/json")
}

/// A new client session with these tokens.
pub async fn session(m: &MerchantClient, tokens: &[&str]) -> SessionResponse {
    let request = req(serde_json::json!({"tokens": tokens}));
    m.sessions().create_session(&request, None).await.unwrap()
}

/// Stores a card as a token through the API and returns its id.
pub async fn token_of(m: &MerchantClient, card_number: &str) -> String {
    let request = req(serde_json::json!({
        "card": {"data": {"card": {"cardNumber": card_number, "cardholderName": "Wile E. Coyote", "expiryDate": "1230"}}},
        "paymentProductId": 1,
    }));
    m.tokens()
        .create_token(&request, None)
        .await
        .unwrap()
        .token
        .unwrap()
}

/// A card payment request for `amount` EUR cents in `authorizationMode` `mode`.
pub fn card_payment(
    card: &str,
    amount: i64,
    mode: &str,
) -> onlinepayments::domain::CreatePaymentRequest {
    req(serde_json::json!({
        "cardPaymentMethodSpecificInput": {
            "authorizationMode": mode,
            "card": {"cardNumber": card, "cvv": "123", "expiryDate": "1230", "cardholderName": "Wile E. Coyote"},
            "paymentProductId": 1,
        },
        "order": {
            "amountOfMoney": {"amount": amount, "currencyCode": "EUR"},
            "references": {"merchantReference": "ORDER-42"},
        },
    }))
}

/// Creates a card payment and returns its id and status.
pub async fn paid(m: &MerchantClient, card: &str, amount: i64, mode: &str) -> (String, String) {
    let p = m
        .payments()
        .create_payment(&card_payment(card, amount, mode), None)
        .await
        .unwrap()
        .payment
        .unwrap();
    (p.id.unwrap(), p.status.unwrap())
}
