//! Every vector computed with the official SDK must match byte for byte.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use common::*;
use epoint::decimal::python_str;
use epoint::{Config, TransactionStatus, decode_callback_data, generate_signature};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("vectors/epoint.json")).unwrap()
}

#[tokio::test]
async fn request_vectors_match_byte_for_byte() {
    let v = vectors();
    assert_eq!(v["env"]["EPOINT_PUBLIC_KEY"], PUBLIC_KEY);
    assert_eq!(v["env"]["EPOINT_PRIVATE_KEY"], PRIVATE_KEY);
    let requests = v["requests"].as_array().unwrap();
    assert!(!requests.is_empty());
    for case in requests {
        let name = case["name"].as_str().unwrap();
        let config = Config::new(PUBLIC_KEY, PRIVATE_KEY)
            .language(v["env"]["EPOINT_INTERFACE_LANG"].as_str().unwrap());
        let req = call_with_kwargs(
            config,
            case["call"].as_str().unwrap(),
            case["kwargs"].as_object().unwrap(),
        )
        .await;
        assert_eq!(req.url, case["url"].as_str().unwrap(), "{name}");
        assert_eq!(
            req.method.as_str(),
            case["verb"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            req.headers.get("content-type"),
            Some("application/json"),
            "{name}"
        );
        let (data, signature) = body_fields(&req);
        assert_eq!(
            decoded_data(&data),
            case["json_before_base64"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(data, case["data"].as_str().unwrap(), "{name}");
        assert_eq!(signature, case["signature"].as_str().unwrap(), "{name}");
        assert_eq!(generate_signature(PRIVATE_KEY, &data), signature, "{name}");
        // httpx's compact JSON body.
        assert_eq!(
            req.body_text(),
            format!(r#"{{"data":"{data}","signature":"{signature}"}}"#),
            "{name}"
        );
    }
}

#[test]
fn callback_vectors_decode() {
    let v = vectors();
    for case in v["callbacks"].as_array().unwrap() {
        let data = case["data"].as_str().unwrap();
        assert_eq!(
            payments_core::signing::base64_encode(case["json"].as_str().unwrap().as_bytes()),
            data
        );
        assert_eq!(
            generate_signature(PRIVATE_KEY, data),
            case["signature"].as_str().unwrap()
        );
        let decoded =
            decode_callback_data(PRIVATE_KEY, case["form_body"].as_str().unwrap().as_bytes())
                .unwrap();
        let want = &case["decoded"];
        let raw: Value = serde_json::from_str(case["json"].as_str().unwrap()).unwrap();
        assert_eq!(
            decoded.status,
            TransactionStatus::parse(want["status"].as_str().unwrap())
        );
        let text = |f: &Option<String>| {
            f.as_deref()
                .map(|s| Value::String(s.to_owned()))
                .unwrap_or(Value::Null)
        };
        assert_eq!(text(&decoded.message), want["message"]);
        assert_eq!(text(&decoded.transaction), want["transaction"]);
        assert_eq!(text(&decoded.bank_transaction), want["bank_transaction"]);
        assert_eq!(text(&decoded.bank_response), want["bank_response"]);
        assert_eq!(text(&decoded.operation_code), want["operation_code"]);
        assert_eq!(text(&decoded.rrn), want["rrn"]);
        assert_eq!(text(&decoded.card_mask), want["card_mask"]);
        assert_eq!(text(&decoded.card_name), want["card_name"]);
        assert_eq!(text(&decoded.order_id), want["order_id"]);
        assert_eq!(text(&decoded.card_id), want["card_id"]);
        assert_eq!(text(&decoded.other_attr), want["other_attr"]);
        let amount = decoded
            .amount
            .map(|a| Value::String(python_str(&a)))
            .unwrap_or(Value::Null);
        assert_eq!(amount, want["amount"]);
        let split = decoded
            .split_amount
            .map(|a| Value::String(python_str(&a)))
            .unwrap_or(Value::Null);
        assert_eq!(split, want["split_amount"]);
        // The official SDK replaces the code with its (Azerbaijani) text; the crate keeps
        // the code and gives an English meaning.
        assert_eq!(text(&decoded.code), raw["code"]);
        assert_eq!(decoded.code_meaning(), Some("Approved"));
        assert_ne!(want["code"], raw["code"]);

        // The same body through a client.
        let client = epoint::EPointClient::with_transport(
            Config::new(PUBLIC_KEY, PRIVATE_KEY),
            payments_core::http::test_util::ReplayTransport::new(),
        )
        .unwrap();
        assert_eq!(
            client
                .decode_callback_data(case["form_body"].as_str().unwrap().as_bytes())
                .unwrap(),
            decoded
        );
    }
}
