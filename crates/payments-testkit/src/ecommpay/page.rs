//! The Payment Page: `GET /payment?<params>&signature=…` verifies and shows the form;
//! `POST /payment/pay` pays.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use super::Inner;
use super::state::{open_page, pay as pay_payment};
use crate::common::lock;
use crate::common::page::{
    Checkout, checkout_response, form_pairs, form_value, major_amount, message_page,
    not_found_page, page_result,
};
use crate::common::server::html;

/// `GET /payment`: verifies the signed parameters, registers the payment, shows the form.
pub(super) async fn open(State(inner): State<Arc<Inner>>, uri: Uri) -> Response {
    match open_page(&inner, uri.query().unwrap_or_default()) {
        Ok(payment_id) => payment_page(&inner, &payment_id),
        Err(message) => html(
            StatusCode::BAD_REQUEST,
            message_page("Payment Page error", &message),
        ),
    }
}

/// `POST /payment/pay` (form `payment_id`, `card_number`).
pub(super) async fn pay(State(inner): State<Arc<Inner>>, body: Bytes) -> Response {
    let form = form_pairs(&body);
    let payment_id = form_value(&form, "payment_id").unwrap_or_default();
    let card = form_value(&form, "card_number").unwrap_or_default();
    page_result(pay_payment(&inner, payment_id, card).await, "payment")
}

/// Any other path or method.
pub(super) async fn fallback() -> Response {
    not_found_page("page")
}

fn payment_page(inner: &Inner, payment_id: &str) -> Response {
    let payments = lock(&inner.payments);
    let Some(p) = payments.iter().find(|p| p.payment_id == payment_id) else {
        return not_found_page("payment");
    };
    checkout_response(&Checkout {
        provider: "ECommPay",
        amount: &major_amount(p.amount, &p.currency),
        currency: &p.currency,
        description: &p.description,
        action: "/payment/pay",
        hidden: &[("payment_id", &p.payment_id)],
        cancel_action: None,
    })
}
