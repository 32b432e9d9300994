//! The hosted checkout page (`redirectUrl`, a payment link's `redirectionUrl`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;

use super::Inner;
use super::state::{cancel_checkout, get_str, pay_checkout};
use crate::common::lock;
use crate::common::page::{
    Checkout, card_number_field, checkout_response, closed_page, major_amount, not_found_page,
    page_result,
};
use crate::common::server::Params;

/// `GET /hostedcheckout/{hostedCheckoutId}`: the form of an `IN_PROGRESS` checkout.
pub(super) async fn show(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    let id = params.get("hostedCheckoutId");
    let store = lock(&inner.store);
    let Some(c) = store.checkouts.iter().find(|c| c.id == id) else {
        return not_found_page("hosted checkout");
    };
    if c.status != "IN_PROGRESS" {
        return closed_page("Checkout", &c.status);
    }
    let action = format!("/hostedcheckout/{id}/pay");
    let cancel = format!("/hostedcheckout/{id}/cancel");
    let description = get_str(&c.request, &["order", "references", "descriptor"])
        .or_else(|| get_str(&c.request, &["description"]))
        .unwrap_or_default();
    checkout_response(&Checkout {
        provider: "Online Payments",
        amount: &major_amount(c.amount, &c.currency),
        currency: &c.currency,
        description: &description,
        action: &action,
        hidden: &[],
        cancel_action: Some(&cancel),
    })
}

/// `POST /hostedcheckout/{hostedCheckoutId}/pay` (form `card_number`).
pub(super) async fn pay(State(inner): State<Arc<Inner>>, params: Params, body: Bytes) -> Response {
    let card = card_number_field(&body);
    page_result(
        pay_checkout(&inner, params.get("hostedCheckoutId"), &card).await,
        "hosted checkout",
    )
}

/// `POST /hostedcheckout/{hostedCheckoutId}/cancel`.
pub(super) async fn cancel(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    page_result(
        cancel_checkout(&inner, params.get("hostedCheckoutId")),
        "hosted checkout",
    )
}
