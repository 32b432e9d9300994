//! EPoint: the shop sends a signed `pay` request, redirects to EPoint's page and verifies the
//! signed, form-encoded callback.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use epoint::{Config, EPointClient, PayRequest, TransactionStatus};
use payments_testkit::EpointSandbox;

use super::{DemoError, PaymentStart};
use crate::shop::{PaymentState, Provider, ReportedAmount, Shop, ShopOrder, VerifiedNotification};

/// The merchant's EPoint client (keys and redirect URLs configured once).
pub struct EpointAccount {
    /// Signs requests and verifies callbacks.
    pub client: EPointClient,
}

/// A client for the sandbox, redirecting back to the shop's order list by default.
pub fn account(sandbox: &EpointSandbox, shop_url: &str) -> Result<EpointAccount, String> {
    let config = Config::new(sandbox.public_key(), sandbox.private_key())
        .base_url(sandbox.base_url())
        .language("en")
        .success_redirect_url(format!("{shop_url}/orders"))
        .failed_redirect_url(format!("{shop_url}/orders"));
    let client = EPointClient::new(config).map_err(|e| format!("EPoint client: {e}"))?;
    Ok(EpointAccount { client })
}

/// Sends the `pay` request and returns EPoint's payment page.
pub async fn start(shop: &Shop, order: &ShopOrder) -> Result<PaymentStart, DemoError> {
    let order_url = shop.order_url(&order.id);
    let request = PayRequest::new(
        order.amount.to_decimal(),
        order.amount.currency().code(),
        order.id.as_str(),
    )
    .description(order.product.as_str())
    .success_redirect_url(order_url.as_str())
    .error_redirect_url(order_url.as_str());
    let response = shop
        .providers()
        .epoint
        .client
        .pay(&request)
        .await
        .map_err(|e| DemoError::from_display("EPoint pay", e))?;
    if !response.ok {
        return Err(DemoError(format!(
            "EPoint refused the payment: {} {}",
            response.body.status.as_str(),
            response.body.message.as_deref().unwrap_or("")
        )));
    }
    let redirect_url = response
        .body
        .redirect_url
        .ok_or_else(|| DemoError("EPoint returned no redirect_url".to_owned()))?;
    Ok(PaymentStart {
        redirect_url,
        reference: order.id.clone(),
    })
}

/// Verifies the callback signature and records the result.
pub fn on_callback(shop: &Shop, body: &[u8]) -> Response {
    let data = match shop.providers().epoint.client.decode_callback_data(body) {
        Ok(d) => d,
        Err(e) => {
            shop.reject_notification(None, &format!("EPoint callback: {e}"));
            return (StatusCode::BAD_REQUEST, e.to_string()).into_response();
        }
    };
    let Some(order) = data
        .order_id
        .as_deref()
        .and_then(|id| shop.order_by_reference(Provider::Epoint, id))
    else {
        shop.reject_notification(None, "EPoint callback for an unknown order");
        return (StatusCode::NOT_FOUND, "unknown order").into_response();
    };
    let state = match &data.status {
        TransactionStatus::Success => PaymentState::Paid,
        TransactionStatus::Failed | TransactionStatus::Error => PaymentState::Declined,
        TransactionStatus::ServerError => PaymentState::Error,
        _ => PaymentState::Pending,
    };
    shop.apply_verified(
        &order.id,
        VerifiedNotification {
            source: "EPoint callback",
            check: "SHA-1 signature with the private key",
            state,
            provider_status: data.status.as_str().to_owned(),
            // EPoint states the amount in the transaction's currency without naming it.
            reported: data.amount.map(|amount| ReportedAmount {
                amount,
                currency: None,
            }),
        },
    );
    StatusCode::OK.into_response()
}
