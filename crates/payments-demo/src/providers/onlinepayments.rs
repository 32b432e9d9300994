//! Online Payments: the shop creates a hosted checkout (v1HMAC-signed API call), sends the
//! customer to it and verifies the signed webhook with the webhooks helper.

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use onlinepayments::communication::RequestHeader;
use onlinepayments::domain::{
    AmountOfMoney, CreateHostedCheckoutRequest, HostedCheckoutSpecificInput, Order, OrderReferences,
};
use onlinepayments::webhooks::{InMemorySecretKeyStore, WebhooksHelper};
use onlinepayments::{Client, CommunicatorConfiguration, Factory};
use payments_testkit::OnlinePaymentsSandbox;

use super::{DemoError, PaymentStart};
use crate::shop::{PaymentState, Provider, ReportedAmount, Shop, ShopOrder, VerifiedNotification};

/// The merchant's Online Payments client, merchant id and webhook verifier.
pub struct OnlinePaymentsAccount {
    /// API client.
    pub client: Client,
    /// Merchant (PSPID).
    pub merchant_id: String,
    /// Verifies `X-GCS-Signature` and parses webhook events.
    pub webhooks: WebhooksHelper,
}

/// A client configured for the sandbox endpoint and its webhook key.
pub fn account(sandbox: &OnlinePaymentsSandbox) -> Result<OnlinePaymentsAccount, String> {
    let configuration = CommunicatorConfiguration::builder()
        .api_endpoint(sandbox.base_url())
        .api_key_id(sandbox.api_key_id())
        .secret_api_key(sandbox.secret_api_key())
        .integrator("payments-demo")
        .build()
        .map_err(|e| format!("Online Payments configuration: {e}"))?;
    let client = Factory::create_client_from_configuration(&configuration, None, None, None)
        .map_err(|e| format!("Online Payments client: {e}"))?;
    let keys = InMemorySecretKeyStore::new();
    keys.store_secret_key(sandbox.webhook_key_id(), sandbox.webhook_secret())
        .map_err(|e| format!("Online Payments webhook key: {e}"))?;
    Ok(OnlinePaymentsAccount {
        client,
        merchant_id: sandbox.merchant_id().to_owned(),
        webhooks: WebhooksHelper::new(keys),
    })
}

/// Creates a hosted checkout and returns its page.
pub async fn start(shop: &Shop, order: &ShopOrder) -> Result<PaymentStart, DemoError> {
    let account = &shop.providers().onlinepayments;
    let request = CreateHostedCheckoutRequest::default()
        .with_order(
            Order::default()
                .with_amount_of_money(
                    AmountOfMoney::default()
                        .with_amount(order.amount.minor_units())
                        .with_currency_code(order.amount.currency().code()),
                )
                .with_references(
                    OrderReferences::default().with_merchant_reference(order.id.as_str()),
                ),
        )
        .with_hosted_checkout_specific_input(
            HostedCheckoutSpecificInput::default().with_return_url(shop.order_url(&order.id)),
        );
    let response = account
        .client
        .merchant(account.merchant_id.as_str())
        .hosted_checkout()
        .create_hosted_checkout(&request, None)
        .await
        .map_err(|e| DemoError::from_display("Online Payments create_hosted_checkout", e))?;
    let reference = response
        .hosted_checkout_id
        .clone()
        .ok_or_else(|| DemoError("Online Payments returned no hostedCheckoutId".to_owned()))?;
    let redirect_url = response
        .redirect_url
        .or_else(|| {
            response
                .partial_redirect_url
                .map(|p| format!("https://payment.{p}"))
        })
        .ok_or_else(|| DemoError("Online Payments returned no redirect URL".to_owned()))?;
    Ok(PaymentStart {
        redirect_url,
        reference,
    })
}

/// Verifies the webhook signature and records the payment status.
pub fn on_webhook(shop: &Shop, headers: &HeaderMap, body: &[u8]) -> Response {
    let request_headers: Vec<RequestHeader> = headers
        .iter()
        .map(|(name, value)| {
            RequestHeader::new(name.as_str(), String::from_utf8_lossy(value.as_bytes()))
        })
        .collect();
    let event = match shop
        .providers()
        .onlinepayments
        .webhooks
        .unmarshal(body, &request_headers)
    {
        Ok(event) => event,
        Err(e) => {
            shop.reject_notification(None, &format!("Online Payments webhook: {e}"));
            return (StatusCode::BAD_REQUEST, e.to_string()).into_response();
        }
    };
    let Some(payment) = event.payment else {
        // Not a payment event: acknowledged, nothing to update.
        return StatusCode::OK.into_response();
    };
    // The payment names the hosted checkout it was made through.
    let reference = payment
        .hosted_checkout_specific_output
        .as_ref()
        .and_then(|o| o.hosted_checkout_id.clone());
    let Some(order) = reference.and_then(|r| shop.order_by_reference(Provider::OnlinePayments, &r))
    else {
        shop.reject_notification(None, "Online Payments webhook for an unknown order");
        return StatusCode::OK.into_response();
    };
    let reported = payment
        .payment_output
        .as_ref()
        .and_then(|o| o.amount_of_money.as_ref())
        .and_then(|m| match (m.amount, m.currency_code.as_deref()) {
            (Some(amount), Some(currency)) => Some(ReportedAmount::from_minor(amount, currency)),
            _ => None,
        });
    let status = payment.status.unwrap_or_default();
    let state = match status.as_str() {
        "CAPTURED" | "PENDING_CAPTURE" | "CAPTURE_REQUESTED" => PaymentState::Paid,
        "REJECTED" | "REJECTED_CAPTURE" => PaymentState::Declined,
        "CANCELLED" => PaymentState::Cancelled,
        _ => PaymentState::Pending,
    };
    shop.apply_verified(
        &order.id,
        VerifiedNotification {
            source: "Online Payments webhook",
            check: "X-GCS-Signature (HMAC-SHA256)",
            state,
            provider_status: status,
            reported,
        },
    );
    StatusCode::OK.into_response()
}
