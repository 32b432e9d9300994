#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs,
    dead_code
)]

use std::str::FromStr;

use epoint::*;
use payments_core::http::HttpRequest;
use payments_core::http::test_util::ReplayTransport;
use serde_json::{Map, Value};

pub const PUBLIC_KEY: &str = "i000000001";
pub const PRIVATE_KEY: &str = "test_private_key_123";

/// A decimal from a kwargs value: a JSON number, a plain string or `"Decimal('10.50')"`.
pub fn dec(v: &Value) -> Decimal {
    match v {
        Value::Number(n) => Decimal::from_str(&n.to_string()).unwrap(),
        Value::String(s) => {
            let inner = s
                .strip_prefix("Decimal('")
                .and_then(|r| r.strip_suffix("')"))
                .unwrap_or(s);
            epoint::decimal::parse_python_decimal(inner).unwrap()
        }
        other => panic!("not a decimal: {other}"),
    }
}

fn s(kw: &Map<String, Value>, k: &str) -> String {
    kw[k].as_str().unwrap().to_owned()
}

fn opt_s(kw: &Map<String, Value>, k: &str) -> Option<String> {
    kw.get(k).and_then(Value::as_str).map(str::to_owned)
}

/// Calls `call` on a client over a replaying transport with the official keyword
/// arguments and returns the request that went on the wire.
pub async fn call_with_kwargs(config: Config, call: &str, kw: &Map<String, Value>) -> HttpRequest {
    let transport = ReplayTransport::new();
    transport.set_fallback(payments_core::http::HttpResponse::json(
        200,
        r#"{"status": "success", "id": 1}"#,
    ));
    let client = EPointClient::with_transport(config, transport.clone()).unwrap();
    let amount = || dec(&kw["amount"]);
    macro_rules! opt {
        ($req:ident, $($field:literal => $setter:ident),*) => {{
            let mut r = $req;
            $( if let Some(v) = opt_s(kw, $field) { r = r.$setter(v); } )*
            r
        }};
    }
    let other_attr = kw.get("other_attr").and_then(Value::as_object).cloned();
    match call {
        "pay" => {
            let r = PayRequest::new(amount(), s(kw, "currency"), s(kw, "order_id"));
            let mut r = opt!(r, "success_redirect_url" => success_redirect_url, "error_redirect_url" => error_redirect_url, "description" => description);
            if let Some(o) = other_attr {
                r = r.other_attr(o);
            }
            client.pay(&r).await.unwrap();
        }
        "get_transaction_status" => {
            client
                .get_transaction_status(&s(kw, "transaction_id"))
                .await
                .unwrap();
        }
        "save_card" => {
            client.save_card().await.unwrap();
        }
        "pay_with_saved_card" => {
            let r = PayWithSavedCardRequest::new(
                amount(),
                s(kw, "currency"),
                s(kw, "order_id"),
                s(kw, "card_id"),
            );
            client.pay_with_saved_card(&r).await.unwrap();
        }
        "pay_and_save_card" => {
            let r = PayAndSaveCardRequest::new(
                amount(),
                s(kw, "currency"),
                s(kw, "order_id"),
                s(kw, "description"),
            );
            let r = opt!(r, "success_redirect_url" => success_redirect_url, "error_redirect_url" => error_redirect_url);
            client.pay_and_save_card(&r).await.unwrap();
        }
        "payout" => {
            let r = PayoutRequest::new(
                amount(),
                s(kw, "currency"),
                s(kw, "order_id"),
                s(kw, "card_id"),
            );
            let r = opt!(r, "description" => description);
            client.payout(&r).await.unwrap();
        }
        "refund" => {
            let mut r = RefundRequest::new(s(kw, "transaction_id"), s(kw, "currency"));
            if let Some(a) = kw.get("amount").filter(|a| !a.is_null()) {
                r = r.amount(dec(a));
            }
            client.refund(&r).await.unwrap();
        }
        "split_pay" => {
            let r = SplitPayRequest::new(
                amount(),
                s(kw, "currency"),
                s(kw, "order_id"),
                s(kw, "split_user_id"),
                dec(&kw["split_amount"]),
            );
            let mut r = opt!(r, "success_redirect_url" => success_redirect_url, "error_redirect_url" => error_redirect_url, "description" => description);
            if let Some(o) = other_attr {
                r = r.other_attr(o);
            }
            client.split_pay(&r).await.unwrap();
        }
        "split_pay_with_saved_card" => {
            let r = SplitPayWithSavedCardRequest::new(
                amount(),
                s(kw, "currency"),
                s(kw, "order_id"),
                s(kw, "card_id"),
                s(kw, "split_user_id"),
                dec(&kw["split_amount"]),
            );
            let r = opt!(r, "description" => description);
            client.split_pay_with_saved_card(&r).await.unwrap();
        }
        "split_pay_and_save_card" => {
            let r = SplitPayAndSaveCardRequest::new(
                amount(),
                s(kw, "currency"),
                s(kw, "order_id"),
                s(kw, "split_user_id"),
                dec(&kw["split_amount"]),
            );
            let r = opt!(r, "success_redirect_url" => success_redirect_url, "error_redirect_url" => error_redirect_url, "description" => description);
            client.split_pay_and_save_card(&r).await.unwrap();
        }
        "create_widget" => {
            let r = CreateWidgetRequest::new(amount(), s(kw, "order_id"), s(kw, "description"));
            client.create_widget(&r).await.unwrap();
        }
        "create_token_payment" => {
            let r = CreateTokenPaymentRequest::new(amount(), s(kw, "currency"), s(kw, "order_id"));
            let r = opt!(r, "description" => description);
            client.create_token_payment(&r).await.unwrap();
        }
        "apple_pay_session" => {
            client.apple_pay_session(&s(kw, "origin")).await.unwrap();
        }
        "apple_pay" | "google_pay" => {
            let id = kw.get("payment_id").or_else(|| kw.get("id")).unwrap();
            let id = match id {
                Value::Number(n) => TokenPaymentId::Int(n.as_i64().unwrap()),
                Value::String(s) => TokenPaymentId::Str(s.clone()),
                other => panic!("id {other}"),
            };
            let mut r = TokenPayRequest::new(id, kw["token"].clone());
            if let Some(b) = kw
                .get("billing_contact")
                .or_else(|| kw.get("billingContact"))
            {
                r = r.billing_contact(b.clone());
            }
            if call == "apple_pay" {
                client.apple_pay(&r).await.unwrap();
            } else {
                client.google_pay(&r).await.unwrap();
            }
        }
        other => panic!("unknown call {other}"),
    }
    let requests = transport.requests();
    assert_eq!(requests.len(), 1);
    requests.into_iter().next().unwrap()
}

/// `(data, signature)` of a sent request body.
pub fn body_fields(req: &HttpRequest) -> (String, String) {
    let body: Value = serde_json::from_slice(req.body.as_deref().unwrap()).unwrap();
    let obj = body.as_object().unwrap();
    assert_eq!(obj.len(), 2, "body has exactly data and signature");
    (
        obj["data"].as_str().unwrap().to_owned(),
        obj["signature"].as_str().unwrap().to_owned(),
    )
}

/// The JSON text inside `data`.
pub fn decoded_data(data: &str) -> String {
    String::from_utf8(payments_core::signing::base64_decode(data).unwrap()).unwrap()
}
