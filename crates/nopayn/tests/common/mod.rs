#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Shared fixtures of the integration tests.

use serde_json::{Value, json};

pub const API_KEY: &str = "test-api-key";
pub const AUTH: &str = "Basic dGVzdC1hcGkta2V5Og==";
pub const MERCHANT: &str = "test-project";
pub const ORDER_ID: &str = "1c969951-f5f1-4290-ae41-6177961fb3cb";
pub const TX_ID: &str = "e3ed069e-2f4a-4c59-b4a1-8a6d0c3a5b7e";

pub fn order_json(status: &str, with_transaction: bool) -> Value {
    let transactions = if with_transaction {
        json!([{
            "id": TX_ID,
            "amount": 1295,
            "currency": "EUR",
            "payment_method": "credit-card",
            "payment_url": "https://pay.nopayn.co.uk/tx/e3ed069e",
            "status": "new",
            "created": "2026-03-20T10:00:00.123456+00:00",
            "modified": "2026-03-20T10:00:01Z",
            "expiration_period": "PT30M",
            "unknown_field": {"nested": true}
        }])
    } else {
        json!([])
    };
    json!({
        "id": ORDER_ID,
        "amount": 1295,
        "currency": "EUR",
        "status": status,
        "description": "Premium Widget",
        "merchant_order_id": "ORDER-001",
        "return_url": "https://shop.example.com/success",
        "failure_url": "https://shop.example.com/failure",
        "order_url": "https://pay.nopayn.co.uk/order/1c969951",
        "created": "2026-03-20T10:00:00.123456+00:00",
        "modified": "2026-03-20T10:00:01Z",
        "completed": null,
        "project_id": "proj-1",
        "transactions": transactions
    })
}

pub fn transaction_json(status: &str) -> Value {
    json!({
        "id": TX_ID,
        "amount": 1295,
        "currency": "EUR",
        "payment_method": "credit-card",
        "status": status,
        "created": "2026-03-20T10:00:00Z",
        "modified": "2026-03-20T10:05:00Z"
    })
}

/// The quickstart body, in the order the SDK emits it.
pub const QUICKSTART_BODY: &str = concat!(
    r#"{"amount":1295,"currency":"EUR","merchant_order_id":"ORDER-001","description":"Premium Widget","#,
    r#""return_url":"https://shop.example.com/success","failure_url":"https://shop.example.com/failure","#,
    r#""webhook_url":"https://shop.example.com/webhook","locale":"en-GB","expiration_period":"PT30M"}"#
);

pub fn quickstart_request() -> nopayn::CreateOrderRequest {
    nopayn::CreateOrderRequest::new(1295, "EUR")
        .merchant_order_id("ORDER-001")
        .description("Premium Widget")
        .return_url("https://shop.example.com/success")
        .failure_url("https://shop.example.com/failure")
        .webhook_url("https://shop.example.com/webhook")
        .locale("en-GB")
        .expiration_period("PT30M")
}

/// Attempts the default retry policy makes for `get_order` answered with `status`: 3
/// for the transient statuses, else 1.
pub fn read_attempts(status: u16) -> usize {
    if nopayn::payments_core::is_retryable_status(status) {
        3
    } else {
        1
    }
}

/// What `Display` adds for a call that took `attempts` attempts.
pub fn after(attempts: usize) -> String {
    if attempts > 1 {
        format!(" (after {attempts} attempts)")
    } else {
        String::new()
    }
}

/// Error bodies and the message each must produce.
pub const ERROR_SHAPES: &[(u16, &str, &str)] = &[
    (
        400,
        r#"{"error":{"value":"Invalid amount"}}"#,
        "Invalid amount",
    ),
    (
        401,
        r#"{"error":{"message":"Unauthorized"}}"#,
        "Unauthorized",
    ),
    (404, r#"{"detail":"Not found"}"#, "Not found"),
    (422, r#"{"something":"else"}"#, "Unknown error"),
    (
        502,
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
        "Unknown error",
    ),
    (400, "", "Unknown error"),
    (
        500,
        r#"{"error":{"value":"Internal failure"}}"#,
        "Internal failure",
    ),
    (503, "Service Unavailable", "Unknown error"),
];
