#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! Every public request, response and webhook type serialises and deserialises back to
//! an equal value, and the request serialises to the exact body sent.

mod common;

use std::fmt::Debug;

use common::*;
use nopayn::{
    CreateOrderRequest, Customer, Order, OrderLine, OrderLineType, OrderStatus, PaymentMethod,
    PaymentUrlResult, Refund, RefundStatus, Transaction, TransactionStatus, VerifiedWebhook,
    WebhookPayload,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

/// JSON and back: equal value, and the same JSON the second time.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) -> String {
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap();
    assert_eq!(&back, value, "{text}");
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
    text
}

fn order(status: &str, with_transaction: bool) -> Order {
    serde_json::from_value(order_json(status, with_transaction)).unwrap()
}

#[test]
fn requests() {
    let request = quickstart_request();
    assert_eq!(round_trip(&request), QUICKSTART_BODY);
    assert_eq!(
        round_trip(&CreateOrderRequest::new(100, "EUR")),
        r#"{"amount":100,"currency":"EUR"}"#
    );
    let full = quickstart_request()
        .payment_methods([PaymentMethod::CreditCard, "klarna".into()])
        .order_lines([
            OrderLine::new(OrderLineType::Physical, "Widget", 2, 500, "EUR")
                .vat_percentage(2100)
                .merchant_order_line_id("L1")
                .field("image_url", "https://shop.example.com/w.png"),
            OrderLine::new("gift_wrap", "Wrap", 1, 95, "EUR"),
        ])
        .customer(Customer::new().first_name("Jane").field("age", 42))
        .transactions([json!({"payment_method": "credit-card"})
            .as_object()
            .unwrap()
            .clone()]);
    let text = round_trip(&full);
    assert_eq!(text.as_bytes(), full.to_body().unwrap());
    round_trip(&OrderLine::new(
        OrderLineType::ShippingFee,
        "Post",
        1,
        295,
        "EUR",
    ));
    round_trip(&Customer::new().email("jane@example.com"));
    round_trip(&Customer::new());
}

#[test]
fn responses() {
    for status in ["new", "completed", "see-transactions"] {
        round_trip(&order(status, true));
    }
    let bare = order("new", false);
    round_trip(&bare);
    round_trip(&bare.transactions);
    let tx: Transaction = serde_json::from_value(transaction_json("captured")).unwrap();
    round_trip(&tx);
    let refund: Refund =
        serde_json::from_value(json!({"id": "r1", "amount": 500, "status": "pending"})).unwrap();
    round_trip(&refund);
    let result: PaymentUrlResult = serde_json::from_value(json!({
        "order_id": ORDER_ID,
        "order_url": "https://pay.nopayn.co.uk/order/1c969951",
        "payment_url": null,
        "signature": nopayn::generate_signature(API_KEY, 1295, "EUR", ORDER_ID),
        "order": order_json("completed", true)
    }))
    .unwrap();
    round_trip(&result);
}

#[test]
fn webhooks() {
    let payload = nopayn::parse_webhook_body(format!(
        r#"{{"event":"status_changed","order_id":"{ORDER_ID}","project_id":"proj-1"}}"#
    ))
    .unwrap();
    round_trip(&payload);
    let minimal: WebhookPayload = serde_json::from_str(r#"{"order_id":"o1"}"#).unwrap();
    assert_eq!(minimal.event, "");
    assert_eq!(minimal.project_id, None);
    round_trip(&minimal);
    let verified: VerifiedWebhook = serde_json::from_value(json!({
        "order_id": ORDER_ID,
        "order": order_json("completed", true),
        "is_final": true
    }))
    .unwrap();
    assert_eq!(verified.order.status, OrderStatus::Completed);
    round_trip(&verified);
}

#[test]
fn open_enums() {
    round_trip(&OrderStatus::Cancelled);
    round_trip(&OrderStatus::Unknown("on-hold".into()));
    round_trip(&TransactionStatus::Accepted);
    round_trip(&RefundStatus::Unknown("queued".into()));
    round_trip(&PaymentMethod::VippsMobilepay);
    round_trip(&OrderLineType::Discount);
}
