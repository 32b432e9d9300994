//! Callback verification and decoding: every error case, and no panics on any input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use epoint::{CallbackError, Decimal, TransactionStatus, decode_callback_data, generate_signature};
use payments_core::signing::base64_encode;
use proptest::prelude::*;

const KEY: &str = "callback-key";

fn pct(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn form(json: &str) -> String {
    let data = base64_encode(json.as_bytes());
    let sig = generate_signature(KEY, &data);
    format!("data={}&signature={}", pct(&data), pct(&sig))
}

#[test]
fn decodes_a_signed_callback() {
    let json = r#"{"status": "success", "code": "116", "amount": "10.50", "split_amount": 1e-7, "card_id": "c1", "other_attr": "x", "unknown": 1}"#;
    let cb = decode_callback_data(KEY, form(json).as_bytes()).unwrap();
    assert_eq!(cb.status, TransactionStatus::Success);
    assert_eq!(cb.code.as_deref(), Some("116"));
    assert_eq!(cb.code_meaning(), Some("Declined: insufficient funds"));
    assert_eq!(cb.amount, Some(Decimal::new(1050, 2)));
    assert_eq!(cb.split_amount, Some(Decimal::new(1, 7)));
    assert_eq!(cb.card_id.as_deref(), Some("c1"));
    // Unknown codes pass through.
    let cb = decode_callback_data(
        KEY,
        form(r#"{"status": "error", "code": "Z99"}"#).as_bytes(),
    )
    .unwrap();
    assert_eq!(cb.code.as_deref(), Some("Z99"));
    assert_eq!(cb.code_meaning(), None);
    // A UTF-8 BOM before the JSON is accepted, like Python's json.loads(bytes).
    let cb =
        decode_callback_data(KEY, form("\u{feff}{\"status\": \"failed\"}").as_bytes()).unwrap();
    assert_eq!(cb.status, TransactionStatus::Failed);
}

#[test]
fn error_cases() {
    let good = form(r#"{"status": "success"}"#);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"\xff\xfe".to_vec(), "NotUtf8"),
        (b"".to_vec(), "MissingField(data)"),
        (b"signature=abc".to_vec(), "MissingField(data)"),
        (b"data=abc".to_vec(), "MissingField(signature)"),
        (b"data=&signature=abc".to_vec(), "MissingField(data)"),
        (
            good.replace("signature=", "signature=X").into_bytes(),
            "InvalidSignature",
        ),
        (
            format!("{good}&signature=other").into_bytes(),
            "InvalidSignature",
        ),
    ];
    for (body, want) in cases {
        let err = decode_callback_data(KEY, &body).unwrap_err();
        let got = match &err {
            CallbackError::NotUtf8(_) => "NotUtf8".to_owned(),
            CallbackError::MissingField(f) => format!("MissingField({f})"),
            CallbackError::InvalidSignature => "InvalidSignature".to_owned(),
            other => format!("{other:?}"),
        };
        assert_eq!(got, want, "{}", String::from_utf8_lossy(&body));
    }
    // Wrong key.
    assert!(matches!(
        decode_callback_data("other", good.as_bytes()),
        Err(CallbackError::InvalidSignature)
    ));
    // A raw `+` in the signature reads as a space, so an unencoded form fails (as in Python).
    let data = base64_encode(br#"{"status": "success"}"#);
    let mut key = 0;
    let sig = loop {
        let sig = generate_signature(&format!("k{key}"), &data);
        if sig.contains('+') {
            break sig;
        }
        key += 1;
    };
    let raw = format!("data={data}&signature={sig}");
    assert!(matches!(
        decode_callback_data(&format!("k{key}"), raw.as_bytes()),
        Err(CallbackError::InvalidSignature)
    ));

    // Signed, but the content is bad.
    let signed = |data: &str| {
        format!(
            "data={}&signature={}",
            pct(data),
            pct(&generate_signature(KEY, data))
        )
    };
    assert!(matches!(
        decode_callback_data(KEY, signed("QQ").as_bytes()),
        Err(CallbackError::InvalidBase64(_))
    ));
    assert!(matches!(
        decode_callback_data(KEY, signed("é").as_bytes()),
        Err(CallbackError::InvalidBase64(_))
    ));
    let not_json = base64_encode(b"not json");
    assert!(matches!(
        decode_callback_data(KEY, signed(&not_json).as_bytes()),
        Err(CallbackError::InvalidJson(_))
    ));
    for json in [
        r#"[1]"#,
        r#"{"message": "no status"}"#,
        r#"{"status": 1}"#,
        r#"{"status": "success", "other_attr": {"a": 1}}"#,
        r#"{"status": "success", "code": 116}"#,
        r#"{"status": "success", "amount": "ten"}"#,
    ] {
        let err = decode_callback_data(KEY, signed(&base64_encode(json.as_bytes())).as_bytes())
            .unwrap_err();
        assert!(
            matches!(err, CallbackError::InvalidData(_)),
            "{json}: {err}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_arbitrary_bytes(body in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = decode_callback_data(KEY, &body);
    }

    #[test]
    fn never_panics_on_form_like_text(body in "(data|signature|x|%[0-9A-Fa-f]{0,2}|[=&+ ]|[A-Za-z0-9/+]{0,12}|é|😀){0,24}") {
        let _ = decode_callback_data(KEY, body.as_bytes());
    }

    #[test]
    fn signed_random_payloads_never_panic(payload in proptest::collection::vec(any::<u8>(), 0..200)) {
        let data = base64_encode(&payload);
        let body = format!("data={}&signature={}", pct(&data), pct(&generate_signature(KEY, &data)));
        let result = decode_callback_data(KEY, body.as_bytes());
        prop_assert!(!matches!(result, Err(CallbackError::InvalidSignature)), "a correct signature was rejected");
    }

    #[test]
    fn round_trip_and_tamper(order in "[ -~]{0,20}", status in prop::sample::select(vec!["success", "error", "failed", "server_error"]), flip in 0usize..64) {
        let json = serde_json::json!({"status": status, "order_id": order}).to_string();
        let body = form(&json);
        let cb = decode_callback_data(KEY, body.as_bytes()).unwrap();
        prop_assert_eq!(cb.status.as_str(), status);
        prop_assert_eq!(cb.order_id.as_deref(), if order.is_empty() { Some("") } else { Some(order.as_str()) });
        // Changing any one character of the signature makes it invalid.
        let data = base64_encode(json.as_bytes());
        let mut sig: Vec<char> = generate_signature(KEY, &data).chars().collect();
        let i = flip % sig.len();
        sig[i] = if sig[i] == 'A' { 'B' } else { 'A' };
        let sig: String = sig.into_iter().collect();
        let tampered = format!("data={}&signature={}", pct(&data), pct(&sig));
        prop_assert!(matches!(decode_callback_data(KEY, tampered.as_bytes()), Err(CallbackError::InvalidSignature)));
    }
}
