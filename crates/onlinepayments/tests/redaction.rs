//! No error text shows card data: the `Display`, `Debug` and pretty `Debug` of every
//! error built from a response whose body echoes a test card (number, CVV, expiry,
//! cardholder name), an IBAN and a token, through the real client (async and blocking)
//! on a replaying transport. Credential headers of a response are never printed either.
//! (The parsed domain objects an error carries keep the data, and their own `Debug` is
//! the generated one: print the error, not its parts.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::sync::Arc;

use onlinepayments::domain::{CreatePaymentRequest, CreatePayoutRequest, RefundRequest};
use onlinepayments::{CommunicatorConfiguration, Error, Factory, RetryPolicy};
use payments_core::http::HttpResponse;
use payments_core::http::test_util::ReplayTransport;

const CARD: &str = "4111111111111111";
const CVV: &str = "737";
const EXPIRY: &str = "1230";
const HOLDER: &str = "Wile E. Coyote";
const IBAN: &str = "BE45000253450589";
const TOKEN: &str = "0f2d8c4e-token-9a1b";

/// A declined payment whose body echoes the card, as a 402 can.
fn declined_body() -> String {
    format!(
        r#"{{"errorId":"E-1","errors":[{{"errorCode":"30511001","id":"DECLINED","message":"card {CARD} declined","propertyName":"card.cardNumber"}}],"paymentResult":{{"payment":{{"id":"P1","status":"REJECTED","paymentOutput":{{"cardPaymentMethodSpecificOutput":{{"token":"{TOKEN}","card":{{"cardNumber":"{CARD}","cvv":"{CVV}","expiryDate":"{EXPIRY}","cardholderName":"{HOLDER}"}}}},"sepaDirectDebitPaymentMethodSpecificOutput":{{"iban":"{IBAN}"}}}}}}}}}}"#
    )
}

/// The same data in a plain error body, a payout and a refund result, and a non-JSON page.
fn bodies() -> Vec<(u16, &'static str, String)> {
    let card = format!(
        r#"{{"cardNumber":"{CARD}","cvv":"{CVV}","expiryDate":"{EXPIRY}","cardholderName":"{HOLDER}"}}"#
    );
    vec![
        (402, "application/json", declined_body()),
        (
            400,
            "application/json",
            format!(r#"{{"errorId":"E","errors":[{{"id":"X"}}],"card":{card},"iban":"{IBAN}"}}"#),
        ),
        (
            402,
            "application/json",
            format!(r#"{{"payoutResult":{{"id":"PO","card":{card}}}}}"#),
        ),
        (
            402,
            "application/json",
            format!(r#"{{"refundResult":{{"id":"R","card":{card}}}}}"#),
        ),
        (
            502,
            "text/html",
            // free text: a card-like number is masked wherever it is
            format!("<html>card {CARD} was declined</html>"),
        ),
        (
            409,
            "application/json",
            format!(r#"{{"errors":[{{"errorCode":"30001002"}}],"card":{card}}}"#),
        ),
    ]
}

fn assert_masked(text: &str) {
    for secret in [
        CARD,
        "4111 1111 1111 1111",
        &format!("\"{CVV}\""),
        &format!("cvv {CVV}"),
        &format!("\"{EXPIRY}\""),
        HOLDER,
        "Coyote",
        IBAN,
        TOKEN,
    ] {
        assert!(!text.contains(secret), "{secret} shown in: {text}");
    }
}

fn configuration() -> CommunicatorConfiguration {
    CommunicatorConfiguration::builder()
        .api_endpoint("https://payment.example")
        .api_key_id("KEY")
        .secret_api_key("c2VjcmV0")
        .integrator("ACME")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

fn response(status: u16, content_type: &str, body: &str) -> HttpResponse {
    HttpResponse::new(status, body.as_bytes().to_vec())
        .with_header("Content-Type", content_type)
        .with_header("X-Auth-Token", "secret-auth-token")
        .with_header("Set-Cookie", "session=secret-cookie")
        .with_header("X-Request-Id", "req-42")
}

/// Every way an error can be printed.
fn texts(err: &Error) -> String {
    format!("{err}\n{err:?}\n{err:#?}")
}

#[tokio::test]
async fn errors_of_card_bodies_never_show_card_data() {
    for (status, content_type, body) in bodies() {
        let replay = ReplayTransport::new();
        let client = Factory::create_client_from_configuration(
            &configuration(),
            None,
            Some(Arc::new(replay.clone())),
            None,
        )
        .unwrap();
        let merchant = client.merchant("M");
        for call in 0..3 {
            replay.push_response(response(status, content_type, &body));
            let context = onlinepayments::CallContext::new().with_idempotence_key("k");
            let err = match call {
                0 => merchant
                    .payments()
                    .create_payment(&CreatePaymentRequest::default(), Some(&context))
                    .await
                    .map(drop),
                1 => merchant
                    .payouts()
                    .create_payout(&CreatePayoutRequest::default(), None)
                    .await
                    .map(drop),
                _ => merchant
                    .payments()
                    .refund_payment("P", &RefundRequest::default(), None)
                    .await
                    .map(drop),
            }
            .unwrap_err();
            let text = texts(&err);
            assert_masked(&text);
            assert!(!text.contains("secret-auth-token"), "{text}");
            assert!(!text.contains("secret-cookie"), "{text}");
            assert!(text.contains("req-42"), "other headers stay: {text}");
            // the fields keep what was received
            assert_eq!(err.response_body(), Some(body.as_str()), "{status}");
            assert_eq!(
                err.response_headers().and_then(|h| h.get("x-request-id")),
                Some("req-42")
            );
            assert_eq!(err.status_code(), Some(status));
        }
    }
}

#[tokio::test]
async fn a_declined_payment_shows_the_last_four_digits_only() {
    let replay = ReplayTransport::new();
    replay.push_response(response(402, "application/json", &declined_body()));
    let client = Factory::create_client_from_configuration(
        &configuration(),
        None,
        Some(Arc::new(replay.clone())),
        None,
    )
    .unwrap();
    let err = client
        .merchant("M")
        .payments()
        .create_payment(&CreatePaymentRequest::default(), None)
        .await
        .unwrap_err();
    let Error::DeclinedPaymentException(declined) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(
        declined.api.message,
        "declined payment 'P1' with status 'REJECTED'"
    );
    let text = texts(&err);
    assert!(text.contains("************1111"), "{text}");
    assert!(text.contains(
        "declined payment 'P1' with status 'REJECTED'; status_code=402; response_body='"
    ));
    assert_masked(&text);
    // the parsed response keeps the card as received
    let card = declined
        .create_payment_response()
        .and_then(|r| r.payment.as_ref())
        .and_then(|p| p.payment_output.as_ref())
        .and_then(|o| o.card_payment_method_specific_output.as_ref())
        .and_then(|c| c.card.as_ref())
        .and_then(|c| c.card_number.as_deref());
    assert_eq!(card, Some(CARD));
    assert_masked(&declined.api.body_snippet());
}

#[cfg(feature = "blocking")]
#[test]
fn blocking_errors_are_masked_the_same_way() {
    let replay = ReplayTransport::new();
    replay.push_response(response(402, "application/json", &declined_body()));
    let client = onlinepayments::blocking::Factory::create_client_from_configuration(
        &configuration(),
        None,
        Some(Arc::new(replay.clone())),
        None,
    )
    .unwrap();
    let err = client
        .merchant("M")
        .payments()
        .create_payment(&CreatePaymentRequest::default(), None)
        .unwrap_err();
    assert!(err.is_declined_transaction());
    assert_masked(&texts(&err));
}

#[test]
fn headers_debug_redacts_credentials() {
    let response = response(200, "application/json", "{}")
        .with_header("Authorization", "GCS v1HMAC:KEY:c2lnbmF0dXJl")
        .with_header("X-GCS-Authentication-Token", "auth-token-value")
        .with_header("X-Api-Key", "api-key-value");
    let text = format!("{:?}", response.headers);
    for secret in [
        "secret-auth-token",
        "secret-cookie",
        "c2lnbmF0dXJl",
        "auth-token-value",
        "api-key-value",
    ] {
        assert!(!text.contains(secret), "{secret}: {text}");
    }
    assert!(
        text.contains("[REDACTED]") && text.contains("req-42"),
        "{text}"
    );
}
