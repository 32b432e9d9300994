//! Unit tests of the redaction.

use super::*;

#[test]
fn sensitive_headers() {
    for name in [
        "Authorization",
        "proxy-authorization",
        "Cookie",
        "Set-Cookie",
        "X-Api-Key",
        "X-Auth-Token",
        "X-GCS-Signature",
        "X-Session-Id",
        "x-client-secret",
    ] {
        assert!(is_sensitive_header(name), "{name}");
    }
    for name in [
        "Content-Type",
        "Accept",
        "Date",
        "X-Request-Id",
        "Retry-After",
    ] {
        assert!(!is_sensitive_header(name), "{name}");
    }
}

#[test]
fn json_fields() {
    let body = br#"{"cardNumber":"4111111111111111","cvv":"123","expiryDate":"1230",
        "cardholderName":"Wile E. Coyote","iban":"NL91ABNA0417164300","card_id":"c1",
        "token":"tok_abc","amount":1295,"nested":{"card_number":5555555555554444},
        "name":"Widget","cvv2":'999',"empty":"","cvc":""}"#;
    let text = body_text(body);
    assert!(
        text.contains(r#""cardNumber":"************1111""#),
        "{text}"
    );
    assert!(text.contains(r#""cvv":"***""#), "{text}");
    assert!(text.contains(r#""expiryDate":"****""#), "{text}");
    assert!(
        text.contains(r#""cardholderName":"**************""#),
        "{text}"
    );
    assert!(text.contains(r#""iban":"**************4300""#), "{text}");
    assert!(text.contains(r#""card_id":"**""#), "{text}");
    assert!(text.contains(r#""token":"*******""#), "{text}");
    assert!(text.contains(r#""amount":1295"#), "{text}");
    assert!(text.contains(r#""card_number":************4444"#), "{text}");
    assert!(text.contains(r#""name":"Widget""#), "{text}");
    assert!(text.contains(r#""cvv2":'***'"#), "{text}");
    assert!(text.contains(r#""cvc":"""#), "{text}");
    for secret in ["4111111111111111", "Coyote", "123\"", "tok_abc", "999"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}

#[test]
fn form_fields_and_digit_runs() {
    let text = body_text(b"card_number=4111111111111111&cvv=123&amount=10");
    assert_eq!(text, "card_number=************1111&cvv=***&amount=10");
    assert_eq!(
        body_text(b"<p>We can't charge it: cvv=123</p>"),
        "<p>We can't charge it: cvv=***</p>"
    );
    assert_eq!(
        body_text(b"paid with 4111-1111-1111-1111, ref 12345, id ab4111111111111111"),
        "paid with ****-****-****-1111, ref 12345, id ab4111111111111111"
    );
    assert_eq!(
        body_text(b"<p>5555 5555 5555 4444</p>"),
        "<p>**** **** **** 4444</p>"
    );
    // 11 and 20 digits are left alone (order ids, timestamps)
    assert_eq!(body_text(b"12345678901"), "12345678901");
    assert_eq!(body_text(b"12345678901234567890"), "12345678901234567890");
}

#[test]
fn snippets_truncate_after_masking() {
    let body = r#"{"cardNumber": "4111111111111111"}"#.as_bytes();
    assert_eq!(snippet(body, 20), r#"{"cardNumber": "****"#);
    assert_eq!(snippet("é".repeat(5).as_bytes(), 3), "ééé");
    assert_eq!(snippet(&[0xff, b'a'], 10), "\u{fffd}a");
    assert_eq!(snippet(b"", 10), "");
}

#[test]
fn malformed_input_never_panics() {
    for body in [
        &b"\""[..],
        b"'",
        b"\"cvv\":",
        b"\"cvv\": \"12",
        b"cvv=",
        b"\\",
        b"\"a\\",
        b"{\"cardNumber\": {\"x\": 1}}",
    ] {
        let _ = body_text(body);
    }
    assert_eq!(body_text(br#""cvv": "12"#), r#""cvv": "**"#);
}

#[test]
fn card_objects_and_name_parts() {
    let text = body_text(
        br#"{"card":{"number":"4111 1111 1111 1111","holder":"Jane Doe","exp":"12/30"},
        "cards":[{"name":"J D","no":"5555555555554444"}],"name":"shop","number":7,
        "customerIban":"NL91ABNA0417164300","card_cvv":"123","x_signature":"c2ln",
        "expiration_period":"PT30M","order_id":"o-1"}"#,
    );
    for want in [
        r#""number":"***************1111""#,
        r#""holder":"********""#,
        r#""exp":"*****""#,
        r#""name":"***""#,
        r#""no":"************4444""#,
        r#""name":"shop""#,
        r#""number":7"#,
        r#""customerIban":"**************4300""#,
        r#""card_cvv":"***""#,
        r#""x_signature":"****""#,
        r#""expiration_period":"PT30M""#,
        r#""order_id":"o-1""#,
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    // a sensitive object or array is replaced whole; the scan goes on after it
    assert_eq!(
        body_text(br#"{"token":{"a":[1,"}"]},"cardholder":["J","D"],"x":"y"}"#),
        r#"{"token":"[REDACTED]","cardholder":"[REDACTED]","x":"y"}"#
    );
    // arrays close their frames: a later "name" is not in the card any more
    assert_eq!(
        body_text(br#"{"card":{"n":[1,2]},"name":"shop"}"#),
        r#"{"card":{"n":[1,2]},"name":"shop"}"#
    );
}

#[test]
fn bracketed_form_names_and_long_grouped_runs() {
    assert_eq!(
        body_text(b"card[number]=4111111111111111&card[cvc]=123&card[holder]=Jane&a[b]=c"),
        "card[number]=************1111&card[cvc]=***&card[holder]=****&a[b]=c"
    );
    assert_eq!(
        body_text(b"4111 1111 1111 1111 2025 / 4111111111111111"),
        "**** **** **** **** 2025 / ************1111"
    );
}

#[test]
fn snippets_read_a_bounded_prefix() {
    assert_eq!(scanned_text(b"paid 4111 1111 1111 1111", 14), "paid");
    assert_eq!(scanned_text("ab é".as_bytes(), 4), "ab");
    assert_eq!(scanned_text(b"cvv=12", 6), "cvv=12");
    let mut big = vec![b'x'; MAX_SCAN_BYTES - 6];
    big.extend_from_slice(b" 4111111111111111 and more");
    let s = snippet(&big, MAX_SCAN_BYTES / 4);
    assert_eq!(s, "x".repeat(MAX_SCAN_BYTES / 4));
    let huge = vec![b'a'; 20 * 1024 * 1024];
    assert_eq!(snippet(&huge, 5), "aaaaa");
    assert_eq!(snippet(&huge, SNIPPET_CHARS).len(), SNIPPET_CHARS);
}

#[test]
fn redacted_messages() {
    let msg = "invalid type: integer `4111111111111111`, expected a string";
    assert_eq!(
        Redacted(msg).to_string(),
        "invalid type: integer `************1111`, expected a string"
    );
    assert_eq!(
        format!("{:?}", Redacted(r#"cvv="123""#)),
        format!("{:?}", r#"cvv="***""#)
    );
    assert_eq!(Redacted("x".repeat(300)).to_string().len(), SNIPPET_CHARS);
}
