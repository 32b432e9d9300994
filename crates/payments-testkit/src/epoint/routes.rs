//! Every route of the EPoint sandbox, in one table, and the router built from it.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::Inner;
use super::auth::verify;
use super::handlers::{cards, payments, refunds, status, tokens};
use super::page;
use super::render::{Failure, error_with};
use crate::common::server::route_table;

// Route tables look alike across providers by design: each line is one route's data.
route_table! {
    /// Every route of the EPoint sandbox (the [control API](crate::control) aside). The API
    /// routes take `POST {"data", "signature"}`, verified before the handler runs.
    pub const ROUTES;
    fn router(&Arc<Inner>);
    layers: [];
    not_allowed: method_not_allowed;
    fallback: fallback;
    api POST "/api/1/request" => payments::pay;
    api POST "/api/1/get-status" => status::get_transaction_status;
    api POST "/api/1/card-registration" => cards::save_card;
    api POST "/api/1/execute-pay" => payments::pay_with_saved_card;
    api POST "/api/1/card-registration-with-pay" => cards::pay_and_save_card;
    api POST "/api/1/refund-request" => refunds::payout;
    api POST "/api/1/reverse" => refunds::refund;
    api POST "/api/1/split-request" => payments::split_pay;
    api POST "/api/1/split-execute-pay" => payments::split_pay_with_saved_card;
    api POST "/api/1/split-card-registration-with-pay" => cards::split_pay_and_save_card;
    api POST "/api/1/token/widget" => tokens::create_widget;
    api POST "/api/1/token/payment" => tokens::create_token_payment;
    api POST "/api/1/token/apple/session" => tokens::apple_pay_session;
    api POST "/api/1/token/apple/pay" => tokens::apple_pay;
    api POST "/api/1/token/google/pay" => tokens::google_pay;
    page GET "/epoint/pay/{transaction}" => page::show;
    page POST "/epoint/pay/{transaction}" => page::pay;
}

async fn method_not_allowed() -> Response {
    error_with(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed")
}

/// Unknown paths: a signed `POST /api/1/...` is verified first (a bad signature gets EPoint's
/// error), then `404`; other methods under `/api` get `405`.
async fn fallback(
    State(inner): State<Arc<Inner>>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    let path = uri.path();
    if method == Method::POST && path.starts_with("/api/1/") {
        if let Err(message) = verify(&inner, &body) {
            return Failure(message).into_response();
        }
    } else if path == "/api" || path.starts_with("/api/") {
        return method_not_allowed().await;
    }
    error_with(StatusCode::NOT_FOUND, "Not found")
}
