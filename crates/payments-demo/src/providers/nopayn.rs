//! NoPayn: the shop creates an order through the API, sends the customer to the hosted payment
//! page and, on a webhook, re-fetches the order through the API (the webhook carries no status).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use nopayn::{CreateOrderRequest, NoPaynClient, OrderStatus};
use payments_testkit::NoPaynSandbox;

use super::{DemoError, PaymentStart};
use crate::shop::{PaymentState, Provider, ReportedAmount, Shop, ShopOrder, VerifiedNotification};

/// A client for the sandbox's API.
pub fn client(sandbox: &NoPaynSandbox) -> Result<NoPaynClient, String> {
    NoPaynClient::builder(sandbox.api_key(), sandbox.project_id())
        .base_url(sandbox.base_url())
        .build()
        .map_err(|e| format!("NoPayn client: {e}"))
}

/// Creates the order and returns its hosted payment page.
pub async fn start(shop: &Shop, order: &ShopOrder) -> Result<PaymentStart, DemoError> {
    let order_url = shop.order_url(&order.id);
    let request = CreateOrderRequest::from_money(order.amount)
        .merchant_order_id(order.id.as_str())
        .description(order.product.as_str())
        .return_url(order_url.as_str())
        .failure_url(order_url.as_str())
        .webhook_url(format!("{}/webhooks/nopayn", shop.base_url()))
        .locale("en-GB")
        .expiration_period("PT30M");
    let result = shop
        .providers()
        .nopayn
        .generate_payment_url(&request)
        .await
        .map_err(|e| DemoError::from_display("NoPayn create_order", e))?;
    let redirect_url = result
        .order_url
        .clone()
        .or(result.payment_url.clone())
        .ok_or_else(|| DemoError("NoPayn returned no payment page URL".to_owned()))?;
    Ok(PaymentStart {
        redirect_url,
        reference: result.order_id,
    })
}

/// Verifies the webhook through the API and records the order's status.
pub async fn on_webhook(shop: &Shop, body: &[u8]) -> Response {
    let verified = match shop.providers().nopayn.verify_webhook(body).await {
        Ok(v) => v,
        Err(e) => {
            shop.reject_notification(None, &format!("NoPayn webhook: {e}"));
            return (StatusCode::BAD_REQUEST, e.to_string()).into_response();
        }
    };
    let Some(order) = shop.order_by_reference(Provider::NoPayn, &verified.order_id) else {
        shop.reject_notification(
            None,
            &format!("NoPayn webhook for unknown order {}", verified.order_id),
        );
        // Answer 200 anyway: the order is not ours, retrying will not change that.
        return StatusCode::OK.into_response();
    };
    let status = &verified.order.status;
    let state = match status {
        OrderStatus::Completed => PaymentState::Paid,
        OrderStatus::Cancelled | OrderStatus::Expired => PaymentState::Cancelled,
        OrderStatus::Error => PaymentState::Declined,
        _ => PaymentState::Pending,
    };
    shop.apply_verified(
        &order.id,
        VerifiedNotification {
            source: "NoPayn webhook",
            check: "re-fetching the order through the API",
            state,
            provider_status: status.as_str().to_owned(),
            reported: Some(ReportedAmount::from_minor(
                verified.order.amount,
                &verified.order.currency,
            )),
        },
    );
    StatusCode::OK.into_response()
}
