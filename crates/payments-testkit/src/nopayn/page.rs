//! The hosted payment page (`order_url`): the form, its Pay and Cancel buttons.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;

use super::Inner;
use super::state::{finish_unpaid, pay as pay_order};
use crate::common::lock;
use crate::common::page::{
    Checkout, card_number_field, checkout_response, closed_page, major_amount, not_found_page,
    page_result,
};
use crate::common::server::Params;

/// `GET /hpp/{orderId}/`: the checkout form of a `new` order.
pub(super) async fn show(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    let id = params.get("orderId");
    let orders = lock(&inner.orders);
    let Some(o) = orders.iter().find(|o| o.id == id) else {
        return not_found_page("order");
    };
    if o.status != "new" {
        return closed_page("Order", &o.status);
    }
    let action = format!("/hpp/{}/pay", o.id);
    let cancel = format!("/hpp/{}/cancel", o.id);
    checkout_response(&Checkout {
        provider: "NoPayn",
        amount: &major_amount(o.amount, &o.currency),
        currency: &o.currency,
        description: o.description.as_deref().unwrap_or(""),
        action: &action,
        hidden: &[],
        cancel_action: Some(&cancel),
    })
}

/// `POST /hpp/{orderId}/pay` (form `card_number`).
pub(super) async fn pay(State(inner): State<Arc<Inner>>, params: Params, body: Bytes) -> Response {
    let card = card_number_field(&body);
    page_result(
        pay_order(&inner, params.get("orderId"), &card).await,
        "order",
    )
}

/// `POST /hpp/{orderId}/cancel`.
pub(super) async fn cancel(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    page_result(
        finish_unpaid(&inner, params.get("orderId"), "cancelled").await,
        "order",
    )
}
