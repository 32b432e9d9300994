//! The hosted payment page (`redirect_url`, `widget_url`, `short_link`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;

use super::Inner;
use super::state::complete;
use crate::common::lock;
use crate::common::page::{
    Checkout, card_number_field, checkout_response, closed_page, not_found_page, page_result,
};
use crate::common::server::Params;

/// `GET /epoint/pay/{transaction}`: the checkout form of a `new` transaction.
pub(super) async fn show(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    let id = params.get("transaction");
    let store = lock(&inner.store);
    let Some(t) = store.transactions.iter().find(|t| t.transaction == id) else {
        return not_found_page("transaction");
    };
    if t.status != "new" {
        return closed_page("Transaction", &t.status);
    }
    let amount = t.amount.map_or_else(|| "0".to_owned(), |a| a.to_string());
    let description = t.description.clone().unwrap_or_else(|| {
        if t.kind == "save_card" {
            "Card registration".to_owned()
        } else {
            String::new()
        }
    });
    let action = format!("/epoint/pay/{id}");
    checkout_response(&Checkout {
        provider: "EPoint",
        amount: &amount,
        currency: t.currency.as_deref().unwrap_or("AZN"),
        description: &description,
        action: &action,
        hidden: &[],
        cancel_action: None,
    })
}

/// `POST /epoint/pay/{transaction}` (form `card_number`).
pub(super) async fn pay(State(inner): State<Arc<Inner>>, params: Params, body: Bytes) -> Response {
    let card = card_number_field(&body);
    page_result(
        complete(&inner, params.get("transaction"), &card).await,
        "transaction",
    )
}
