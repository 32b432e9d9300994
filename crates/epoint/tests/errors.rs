//! Error mapping of answers that are not EPoint's (429, 5xx, HTML) and redaction: no
//! error built from a body with test card data shows it in `Display` or `Debug`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use epoint::{CallbackError, Config, EPointClient, Error, RefundRequest, generate_signature};
use payments_core::http::HttpResponse;
use payments_core::http::test_util::ReplayTransport;
use payments_core::signing::base64_encode;

const CARD: &str = "4111111111111111";
const HOLDER: &str = "Jane Q Cardholder";

fn answer(response: HttpResponse) -> Error {
    let t = ReplayTransport::new();
    t.push_response(response);
    let client = EPointClient::with_transport(Config::new("i1", "k"), t.clone()).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let err = rt
        .block_on(client.refund(&RefundRequest::new("te1", "AZN")))
        .unwrap_err();
    assert_eq!(t.requests().len(), 1);
    err
}

fn texts(err: &dyn std::fmt::Debug) -> String {
    format!("{err:?}\n{err:#?}")
}

fn assert_clean(text: &str) {
    for secret in [CARD, "\"123\"", "cvv=123", HOLDER] {
        assert!(!text.contains(secret), "{secret} shown in: {text}");
    }
}

#[test]
fn non_epoint_answers_are_http_status_errors() {
    let err = answer(
        HttpResponse::new(429, "Too Many Requests")
            .with_header("Retry-After", "30")
            .with_header("X-Request-Id", "r-1"),
    );
    match &err {
        Error::HttpStatus {
            status_code,
            headers,
            snippet,
            ..
        } => {
            assert_eq!(*status_code, 429);
            assert_eq!(headers.get("retry-after"), Some("30"));
            assert_eq!(snippet, "Too Many Requests");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.status_code(), Some(429));
    assert!(err.request_may_have_been_sent());
    assert_eq!(
        err.response_headers().and_then(|h| h.get("x-request-id")),
        Some("r-1")
    );
    assert_eq!(
        err.to_string(),
        "EPoint answered HTTP 429: \"Too Many Requests\""
    );

    for (status, body) in [
        (503, ""),
        (502, "<html><h1>502 Bad Gateway</h1></html>"),
        (500, r#"{"error": "internal"}"#),
        (404, "[]"),
    ] {
        let err = answer(HttpResponse::new(status, body));
        assert!(
            matches!(err, Error::HttpStatus { status_code, .. } if status_code == status),
            "{status} {body}: {err:?}"
        );
    }
}

#[test]
fn response_bodies_are_masked() {
    let json_card = format!(
        r#"{{"card_number": "{CARD}", "cvv": "123", "card_name": "{HOLDER}", "note": "pan {CARD}"}}"#
    );
    for response in [
        HttpResponse::new(402, json_card.clone()),
        HttpResponse::new(502, format!("<p>card_number={CARD}&cvv=123</p>")),
        HttpResponse::new(200, format!("card_number={CARD}&cvv=123")),
        HttpResponse::new(200, json_card.clone()),
        HttpResponse::new(
            200,
            format!(r#"{{"status": "success", "message": {CARD}, "card_name": "{HOLDER}"}}"#),
        ),
    ] {
        let status = response.status;
        let err = answer(response);
        let text = format!("{err}\n{}", texts(&err));
        assert_clean(&text);
        assert!(text.contains("1111"), "{status}: {text}");
    }
}

#[test]
fn callback_errors_are_masked() {
    let decode = |json: &str| {
        let data = base64_encode(json.as_bytes());
        let sig = generate_signature("k", &data);
        let body = format!(
            "data={}&signature={}",
            data.replace('+', "%2B").replace('=', "%3D"),
            sig.replace('+', "%2B")
                .replace('/', "%2F")
                .replace('=', "%3D")
        );
        epoint::decode_callback_data("k", body.as_bytes()).unwrap_err()
    };
    let err = decode(&format!(
        r#"{{"status": "success", "card_name": {CARD}, "card_mask": "411111******1111"}}"#
    ));
    assert!(matches!(err, CallbackError::InvalidData(_)), "{err:?}");
    assert_clean(&format!("{err}\n{}", texts(&err)));
    let err = decode(&format!("{{\"cvv\": \"123\", {CARD}"));
    assert!(matches!(err, CallbackError::InvalidJson(_)), "{err:?}");
    assert_clean(&format!("{err}\n{}", texts(&err)));
}

#[test]
fn retried_and_blocking_errors_are_masked() {
    let body = format!(
        r#"{{"card": {{"number": "{CARD}", "holder": "{HOLDER}", "cvc": "123"}}, "pan": "{CARD}"}}"#
    );
    // a read answered 502 three times: the error after the retries
    let t = ReplayTransport::new();
    for _ in 0..3 {
        t.push_response(HttpResponse::new(502, body.clone()).with_header("Retry-After", "0"));
    }
    let client = EPointClient::with_transport(Config::new("i1", "k"), t.clone()).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let err = rt
        .block_on(client.get_transaction_status("te1"))
        .unwrap_err();
    assert_eq!(t.requests().len(), 3);
    let text = format!("{err}\n{}", texts(&err));
    assert!(text.contains("(after 3 attempts)"), "{text}");
    assert_clean(&text);
    assert!(text.contains("************1111"), "{text}");

    #[cfg(feature = "blocking")]
    {
        let t = ReplayTransport::new();
        t.push_response(HttpResponse::new(200, body.clone()));
        let client =
            epoint::blocking::EPointClient::with_transport(Config::new("i1", "k"), t).unwrap();
        let err = client
            .refund(&RefundRequest::new("te1", "AZN"))
            .unwrap_err();
        assert!(matches!(err, Error::UnexpectedResponse { .. }), "{err:?}");
        assert_clean(&format!("{err}\n{}", texts(&err)));
    }
}
