//! Every public request, response and callback type serialises and deserialises back to
//! an equal value, with the official field names and amounts as Python's `str(Decimal)`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::fmt::Debug;
use std::str::FromStr;

use epoint::handlers::{self, RefundPayloadHandler, SignedPayload};
use epoint::*;
use payments_core::http::HttpResponse;
use payments_core::http::test_util::ReplayTransport;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

/// JSON and back: equal value, and the same JSON the second time.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) -> Value {
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap();
    assert_eq!(&back, value, "{text}");
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
    serde_json::from_str(&text).unwrap()
}

/// Parses a sample body, then checks the round trip.
fn sample<T: Serialize + DeserializeOwned + PartialEq + Debug>(body: Value) -> T {
    let value: T = serde_json::from_value(body).unwrap();
    round_trip(&value);
    value
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn attrs() -> Map<String, Value> {
    json!({"basket": [1, 2], "note": "ə"})
        .as_object()
        .unwrap()
        .clone()
}

#[test]
fn requests() {
    let pay = PayRequest::new(d("10.50"), "AZN", "o-1")
        .success_redirect_url("https://shop.test/ok")
        .error_redirect_url("https://shop.test/err")
        .description("Order #1")
        .other_attr(attrs());
    let json = round_trip(&pay);
    assert_eq!(json["amount"], "10.50");
    round_trip(&PayRequest::new(d("0.0000001"), "AZN", "o-2"));
    assert_eq!(
        round_trip(&GetTransactionStatusRequest::new("te1")),
        json!({"transaction": "te1"})
    );
    let by_kwarg: GetTransactionStatusRequest =
        serde_json::from_value(json!({"transaction_id": "te1"})).unwrap();
    assert_eq!(by_kwarg, GetTransactionStatusRequest::new("te1"));
    round_trip(&SaveCardRequest);
    round_trip(&PayWithSavedCardRequest::new(d("5"), "AZN", "o", "card-1"));
    round_trip(
        &PayAndSaveCardRequest::new(d("5.00"), "AZN", "o", "desc").success_redirect_url("u"),
    );
    round_trip(&PayoutRequest::new(d("7"), "AZN", "o", "card-1").description("payout"));
    assert_eq!(
        round_trip(&RefundRequest::new("te1", "AZN")),
        json!({"transaction": "te1", "currency": "AZN", "amount": null})
    );
    round_trip(&RefundRequest::new("te1", "AZN").amount(d("2.5")));
    let split = round_trip(
        &SplitPayRequest::new(d("10"), "AZN", "o", "u-2", d("3.30"))
            .description("split")
            .other_attr(attrs()),
    );
    assert_eq!(
        (&split["split_user"], &split["split_amount"]),
        (&json!("u-2"), &json!("3.30"))
    );
    round_trip(
        &SplitPayWithSavedCardRequest::new(d("10"), "AZN", "o", "c", "u-2", d("1"))
            .description("x"),
    );
    round_trip(
        &SplitPayAndSaveCardRequest::new(d("10"), "AZN", "o", "u-2", d("1"))
            .error_redirect_url("e"),
    );
    round_trip(&CreateWidgetRequest::new(d("1.99"), "o", "Widget"));
    round_trip(&CreateTokenPaymentRequest::new(d("1.99"), "AZN", "o").description("t"));
    round_trip(&ApplePaySessionRequest::new("https://shop.test"));
    let wallet = TokenPayRequest::new(77, json!({"paymentData": {"v": 1}}))
        .billing_contact(json!({"name": "A"}));
    let json = round_trip(&wallet);
    assert_eq!(
        (&json["id"], &json["billingContact"]),
        (&json!(77), &json!({"name": "A"}))
    );
    round_trip(&TokenPayRequest::new("tp-1", Value::Null));
    let by_kwargs: TokenPayRequest = serde_json::from_value(
        json!({"payment_id": "tp-1", "token": null, "billing_contact": null}),
    )
    .unwrap();
    assert_eq!(by_kwargs, TokenPayRequest::new("tp-1", Value::Null));
    round_trip(&TokenPaymentId::Int(5));
    round_trip(&TokenPaymentId::Str("5".into()));
}

#[test]
fn responses() {
    let bank = json!({
        "status": "success", "message": "ok", "transaction": "te1",
        "bank_transaction": "bt1", "bank_response": "APPROVED", "operation_code": "100",
        "rrn": "123456789012", "card_mask": "411111******1111", "card_name": "JANE DOE",
        "amount": "10.50"
    });
    sample::<MinimalResponse>(json!({"status": "error", "message": "no"}));
    sample::<BaseResponse>(bank.clone());
    sample::<RedirectUrlResponse>(
        json!({"status": "success", "transaction": "te1", "redirect_url": "https://epoint.az/p"}),
    );
    sample::<RedirectUrlWithCardIdResponse>(
        json!({"status": "success", "redirect_url": "https://epoint.az/p", "card_id": "c1"}),
    );
    let mut status = bank.clone();
    status["status"] = json!("returned");
    status["code"] = json!("116");
    status["order_id"] = json!("o-1");
    status["other_attr"] = json!("{'a': 1}");
    let st: TransactionStatusResponse = sample(status);
    assert_eq!(st.code.as_deref(), Some("116"));
    let mut split = bank;
    split["split_amount"] = json!(3.3);
    let sp: SplitPayWithSavedCardResponse = sample(split);
    assert_eq!(sp.split_amount, Some(d("3.3")));
    sample::<WidgetResponse>(json!({"status": "success", "widget_url": "https://epoint.az/w"}));
    let token: TokenPaymentResponse = sample(json!({
        "id": 42, "transaction": "te1", "rrn": "r", "short_link": "https://epoint.az/s",
        "bank_order_id": "b1", "total": "10.50", "card_name": "J", "card_mask": "4***1",
        "description": "d", "merchant_order_id": "o", "other_attr": {"a": [1]},
        "created_at": "2024-01-02T03:04:05.123456+04:00", "updated_at": 1700000000
    }));
    assert_eq!(token.id, Some(42));
    sample::<TokenPaymentResponse>(json!({"status": "error", "message": "bad"}));
    sample::<TokenPayResponse>(
        json!({"status": "success", "result": {"psp": true}, "redirect_url": null}),
    );
    sample::<Map<String, Value>>(json!({"merchantSessionIdentifier": "m", "epochTimestamp": 1}));
}

#[test]
fn api_response() {
    let t = ReplayTransport::new();
    t.push_response(
        HttpResponse::json(200, r#"{"status": "success", "message": "done"}"#)
            .with_header("X-Request-Id", "r-1")
            .with_header("Set-Cookie", "a=1")
            .with_header("Set-Cookie", "b=2"),
    );
    let client = EPointClient::with_transport(Config::new("i1", "k"), t).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let resp = rt
        .block_on(client.refund(&RefundRequest::new("te1", "AZN")))
        .unwrap();
    let json = round_trip(&resp);
    assert_eq!(json["headers"][2], json!(["Set-Cookie", "a=1"]));
    assert_eq!(json["headers"][3], json!(["Set-Cookie", "b=2"]));
    assert_eq!(json["body"]["message"], "done");
}

#[test]
fn callbacks_and_payloads() {
    round_trip(&CallbackData::new("eyJ9", "c2ln"));
    let decoded: DecodedCallbackData = sample(json!({
        "status": "success", "message": "m", "transaction": "te1", "bank_transaction": "b",
        "bank_response": "r", "operation_code": "001", "rrn": "1", "card_mask": "4***1",
        "card_name": "J", "amount": 1.5, "code": "000", "order_id": "o", "card_id": "c",
        "split_amount": "0.50", "other_attr": "x"
    }));
    assert_eq!(decoded.code_meaning(), Some("Approved"));
    sample::<DecodedCallbackData>(json!({"status": "failed"}));
    let signed: SignedPayload = handlers::signed_payload::<RefundPayloadHandler>(
        &Config::new("i1", "k"),
        &RefundRequest::new("te1", "AZN"),
    );
    let json = round_trip(&signed);
    assert_eq!(serde_json::to_string(&json).unwrap(), signed.to_json_body());
    round_trip(&TransactionStatus::Success);
    round_trip(&TransactionStatus::Unknown("new".into()));
    round_trip(&TransactionStatusExtended::Returned);
}
