//! ECommPay: the shop signs the Payment Page parameters and verifies the signed callback.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ecommpay::{Gate, Payment, PaymentStatus};

use super::{DemoError, PaymentStart};
use crate::shop::{PaymentState, ReportedAmount, Shop, ShopOrder, VerifiedNotification};

/// The merchant's ECommPay account: project and secret key.
pub struct EcommpayAccount {
    /// Signs Payment Page URLs and verifies callbacks.
    pub gate: Gate,
    /// Project id.
    pub project_id: i64,
}

/// Builds the signed Payment Page URL for an order.
pub fn start(shop: &Shop, order: &ShopOrder) -> Result<PaymentStart, DemoError> {
    let account = &shop.providers().ecommpay;
    let order_url = shop.order_url(&order.id);
    let payment = Payment::new(account.project_id, order.id.as_str())
        .payment_amount(order.amount.minor_units())
        .payment_currency(order.amount.currency().code())
        .payment_description(order.product.as_str())
        .language_code("en")
        .merchant_success_url(order_url.as_str())
        .merchant_fail_url(order_url.as_str());
    Ok(PaymentStart {
        redirect_url: account.gate.get_purchase_payment_page_url(&payment),
        reference: order.id.clone(),
    })
}

/// Verifies the callback signature and records the payment status.
pub fn on_callback(shop: &Shop, body: &[u8]) -> Response {
    let text = String::from_utf8_lossy(body);
    let callback = match shop.providers().ecommpay.gate.handle_callback(&text) {
        Ok(cb) => cb,
        Err(e) => {
            shop.reject_notification(None, &format!("ECommPay callback: {e}"));
            return (StatusCode::BAD_REQUEST, e.to_string()).into_response();
        }
    };
    let Some(payment_id) = callback.get_payment_id() else {
        shop.reject_notification(None, "ECommPay callback without payment.id");
        return (StatusCode::BAD_REQUEST, "missing payment id").into_response();
    };
    let Some(order) = shop.order_by_reference(crate::shop::Provider::Ecommpay, payment_id) else {
        shop.reject_notification(
            None,
            &format!("ECommPay callback for unknown payment {payment_id}"),
        );
        return (StatusCode::NOT_FOUND, "unknown payment").into_response();
    };
    let status = callback.get_payment_status();
    let state = match &status {
        Some(PaymentStatus::Success) => PaymentState::Paid,
        Some(PaymentStatus::Decline) => PaymentState::Declined,
        Some(PaymentStatus::Cancelled) => PaymentState::Cancelled,
        Some(PaymentStatus::Error) => PaymentState::Error,
        _ => PaymentState::Pending,
    };
    let label = status.as_ref().map_or("-", |s| s.as_str());
    let reported = match (
        callback
            .get_value("payment.sum.amount")
            .and_then(|v| v.as_i64()),
        callback
            .get_value("payment.sum.currency")
            .and_then(|v| v.as_str()),
    ) {
        (Some(amount), Some(currency)) => Some(ReportedAmount::from_minor(amount, currency)),
        _ => None,
    };
    shop.apply_verified(
        &order.id,
        VerifiedNotification {
            source: "ECommPay callback",
            check: "HMAC-SHA512 signature",
            state,
            provider_status: label.to_owned(),
            reported,
        },
    );
    StatusCode::OK.into_response()
}
