#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! Errors built from bodies that carry test card data never show it in `Display` or
//! `Debug`, whichever way the body fails.

mod common;

use common::*;
use mockito::{Matcher, Server, ServerGuard};
use nopayn::{Error, NoPaynClient, RetryPolicy};

const CARD: &str = "4111111111111111";
const HOLDER: &str = "Jane Q Cardholder";

/// Sends each call once: these tests are about text (retries: `tests/faults.rs`).
fn client(server: &ServerGuard) -> NoPaynClient {
    NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url(server.url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

/// Every text form of the error: `Display`, `Debug`, pretty `Debug`.
fn texts(err: &Error) -> String {
    format!("{err}\n{err:?}\n{err:#?}")
}

fn assert_clean(text: &str) {
    for secret in [CARD, "\"123\"", "cvv=123", HOLDER, "tok_live_abc"] {
        assert!(!text.contains(secret), "{secret} shown in: {text}");
    }
}

async fn error_for(status: usize, body: &str) -> Error {
    let mut server = Server::new_async().await;
    let mock = server
        .mock("GET", Matcher::Any)
        .with_status(status)
        .with_header("Retry-After", "3")
        .with_body(body)
        .create_async()
        .await;
    let err = client(&server).get_order(ORDER_ID).await.unwrap_err();
    mock.assert_async().await;
    err
}

#[tokio::test]
async fn api_error_bodies_are_masked() {
    let body = format!(
        r#"{{"error":{{"value":"card {CARD} refused"}},"card_number":"{CARD}","cvv":"123","cardholder_name":"{HOLDER}","token":"tok_live_abc"}}"#
    );
    let err = error_for(402, &body).await;
    let text = texts(&err);
    assert_clean(&text);
    assert!(text.contains("************1111"), "{text}");
    assert!(text.starts_with("NoPayn API error (HTTP 402): card ************1111"));
    // The data itself stays available to the caller.
    let api = err.as_api_error().unwrap();
    assert_eq!(api.raw_body, body);
    assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(3)));
}

#[tokio::test]
async fn html_and_form_bodies_are_masked() {
    let err = error_for(
        502,
        &format!("<html>card_number={CARD}&cvv=123 holder {CARD}</html>"),
    )
    .await;
    assert_clean(&texts(&err));
}

#[tokio::test]
async fn success_bodies_that_fail_to_parse_are_masked() {
    // Not JSON at all.
    let err = error_for(200, &format!("card_number={CARD}&cvv=123")).await;
    assert!(matches!(err, Error::InvalidJson { .. }), "{err:?}");
    assert_clean(&texts(&err));
    // JSON of the wrong shape: serde quotes the offending value.
    let err = error_for(
        200,
        &format!(r#"{{"id":{CARD},"card_holder":"{HOLDER}","cvv":"123"}}"#),
    )
    .await;
    assert!(matches!(err, Error::UnexpectedResponse { .. }), "{err:?}");
    assert_clean(&texts(&err));
    let err = error_for(200, &format!(r#"{{"id":"o","amount":"{CARD}"}}"#)).await;
    assert_clean(&texts(&err));
}

/// A card object as a processor might echo it: number, CVC, holder and expiry.
fn card_body(number: &str) -> String {
    format!(
        r#"{{"error":{{"value":"declined {number}"}},"card":{{"number":"{number}","cvc":"123","holder":"{HOLDER}","exp_month":"12","exp_year":"2030"}}}}"#
    )
}

#[tokio::test]
async fn retried_errors_with_each_test_card_are_masked() {
    let mut server = Server::new_async().await;
    let retried = NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url(server.url())
        .build()
        .unwrap();
    for (number, _) in nopayn::test_cards::ALL {
        let mock = server
            .mock("GET", Matcher::Any)
            .with_status(502)
            .with_header("Retry-After", "0")
            .with_body(card_body(number))
            .expect(3)
            .create_async()
            .await;
        let err = retried.get_order(ORDER_ID).await.unwrap_err();
        mock.assert_async().await;
        mock.remove_async().await;
        let text = texts(&err);
        assert!(text.contains("(after 3 attempts)"), "{text}");
        for secret in [number, "\"123\"", HOLDER, "\"2030\""] {
            assert!(!text.contains(secret), "{secret} shown in: {text}");
        }
        assert!(text.contains(&number[number.len() - 4..]), "{text}");
    }
}

#[cfg(feature = "blocking")]
#[test]
fn blocking_client_errors_are_masked() {
    let mut server = Server::new();
    let c = nopayn::blocking::NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url(server.url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    for (status, body) in [
        (402, card_body(CARD)),
        (200, format!("<p>card[number]={CARD}&card[cvc]=123</p>")),
        (
            200,
            format!(r#"{{"id":"o","card":{{"holder":"{HOLDER}"}},"amount":"{CARD}"}}"#),
        ),
    ] {
        let m = server
            .mock("POST", Matcher::Any)
            .with_status(status)
            .with_body(body)
            .create();
        let err = c.create_refund(ORDER_ID, 100, None).unwrap_err();
        m.remove();
        assert_clean(&texts(&err));
    }
}
