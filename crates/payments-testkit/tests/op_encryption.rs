#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! Client-side encryption, offline end to end: a session, its public key from the client
//! API, the Rust `Encryptor`, and the sandbox decrypting `encryptedCustomerInput` in
//! create-payment and create-token; tampered tokens and wrong keys are the platform's 400.

mod op_common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use onlinepayments::MerchantClient;
use onlinepayments::domain::{CreatePaymentRequest, CreateTokenRequest, SessionResponse};
use onlinepayments::encryption::{
    CreditCardTokenRequest, Encryptor, PaymentRequest, PublicKeyResponse,
};
use op_common::{client_api, failure, http, json_of, merchant, req, sandbox, session, token_of};
use payments_core::http::Method;
use payments_testkit::TestCard;
use payments_testkit::onlinepayments::jwe::SANDBOX_KEY_ID;
use serde_json::{Value, json};

/// A platform key that is not the sandbox's (the public key of the JavaScript client SDK's
/// test fixture).
const OTHER_PUBLIC_KEY: &str = concat!(
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxMXRHSr5bSPvfiHQ8P1oCzg6GyPlpXqll28GKWJt7aX6",
    "usYzFwIC7+c6lQcVnkGB+5kEAX6Ek56LjkQDw48NV9qyoF8U91ih0XRhKtZ21CQmsfakmpY3BfVy1eY1l4OUHOABW",
    "kBo8pQCBbcBHb/rUVQVvLOd+jOeF6GIjtb7XJpkqiXKchNTm0qGLu8YjnRL3ZC5lqOX0qi9/HFMyWDwBSXZSLjTTk",
    "DF1UWalVeMt91b0Yij0SS0+ShL8gdt1EmGU9eEeaR1NPOH1thiPzVi7rFeSq1Fj+H65YPQBx2e4b07NzDF0xsbpB7",
    "3BoSDeWNbMl8dvLJ7byn95IKIsCh9FQIDAQAB"
);

/// The session's public key, as a browser gets it from the client API.
async fn public_key(s: &SessionResponse) -> PublicKeyResponse {
    let response = http(client_api(s, Method::Get, "v1", "crypto/publickey")).await;
    assert_eq!(response.status, 200);
    serde_json::from_slice(&response.body).unwrap()
}

async fn session_encryptor(m: &MerchantClient, tokens: &[&str]) -> (SessionResponse, Encryptor) {
    let s = session(m, tokens).await;
    let key = public_key(&s).await;
    let e = Encryptor::new(s.client_session_id.clone().unwrap(), &key).unwrap();
    (s, e)
}

fn card(card: TestCard, product: i32) -> PaymentRequest {
    PaymentRequest::new(product)
        .value("cardNumber", card.number())
        .value("expiryDate", "1230")
        .value("cvv", "123")
        .value("cardholderName", "Wile E. Coyote")
}

fn payment(encrypted: &str, amount: i64) -> CreatePaymentRequest {
    req(json!({
        "encryptedCustomerInput": encrypted,
        "order": {"amountOfMoney": {"amount": amount, "currencyCode": "EUR"}},
    }))
}

/// The decoded protected header of a compact JWE.
fn header(compact: &str) -> Value {
    let first = compact.split('.').next().unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(first).unwrap()).unwrap()
}

#[tokio::test]
async fn an_encrypted_card_pays_with_the_right_card_and_product() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let (_, encryptor) = session_encryptor(&m, &[]).await;

    let encrypted = encryptor.encrypt(&card(TestCard::VisaSuccess, 1)).unwrap();
    let h = header(&encrypted);
    assert_eq!(
        (h["alg"].as_str(), h["enc"].as_str(), h["kid"].as_str()),
        (
            Some("RSA-OAEP"),
            Some("A256CBC-HS512"),
            Some(SANDBOX_KEY_ID)
        )
    );
    assert_eq!(encrypted.split('.').count(), 5);

    let created = m
        .payments()
        .create_payment(&payment(&encrypted, 2500), None)
        .await
        .unwrap();
    let p = created.payment.unwrap();
    assert_eq!(p.status.as_deref(), Some("CAPTURED"));
    let output = p.payment_output.unwrap();
    assert_eq!(output.amount_of_money.unwrap().amount, Some(2500));
    let card_output = output.card_payment_method_specific_output.unwrap();
    assert_eq!(card_output.payment_product_id, Some(1));
    let c = card_output.card.unwrap();
    assert_eq!(c.card_number.as_deref(), Some("************1111"));
    assert_eq!(c.expiry_date.as_deref(), Some("1230"));
    assert_eq!(c.bin.as_deref(), Some("411111"));

    // Mastercard (product 3); a declined test card is a 402 decline, as in clear.
    let mc = encryptor
        .encrypt(&card(TestCard::MastercardSuccess, 3))
        .unwrap();
    let created = m
        .payments()
        .create_payment(&payment(&mc, 900), None)
        .await
        .unwrap();
    let card_output = created
        .payment
        .unwrap()
        .payment_output
        .unwrap()
        .card_payment_method_specific_output
        .unwrap();
    assert_eq!(card_output.payment_product_id, Some(3));
    assert_eq!(
        card_output.card.unwrap().card_number.as_deref(),
        Some("*********0037")
    );
    let declined = encryptor.encrypt(&card(TestCard::VisaDeclined, 1)).unwrap();
    let e = m
        .payments()
        .create_payment(&payment(&declined, 900), None)
        .await
        .unwrap_err();
    let onlinepayments::Error::DeclinedPaymentException(d) = e else {
        panic!("{e:?}");
    };
    assert_eq!(d.api.status_code, 402);

    // The clear card never reaches the sandbox's request log.
    assert!(
        sb.requests()
            .iter()
            .all(|r| !String::from_utf8_lossy(&r.body).contains("4111111111111111"))
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn tokenize_and_accounts_on_file() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let (_, encryptor) = session_encryptor(&m, &[]).await;
    let encrypted = encryptor
        .encrypt(&card(TestCard::VisaSuccess, 1).tokenize(true))
        .unwrap();
    let created = m
        .payments()
        .create_payment(&payment(&encrypted, 100), None)
        .await
        .unwrap();
    let token = created.creation_output.unwrap().token.unwrap();
    let stored = m.tokens().get_token(&token, None).await.unwrap();
    assert_eq!(
        stored.card.unwrap().alias.as_deref(),
        Some("************1111")
    );

    // A session with that token: the customer picks it and types only the CVV.
    let (_, encryptor) = session_encryptor(&m, &[&token]).await;
    let on_file = PaymentRequest::new(1)
        .value("cvv", "123")
        .account_on_file_id(token.clone());
    let created = m
        .payments()
        .create_payment(&payment(&encryptor.encrypt(&on_file).unwrap(), 300), None)
        .await
        .unwrap();
    let card_output = created
        .payment
        .unwrap()
        .payment_output
        .unwrap()
        .card_payment_method_specific_output
        .unwrap();
    assert_eq!(card_output.token.as_deref(), Some(token.as_str()));
    assert_eq!(
        card_output.card.unwrap().card_number.as_deref(),
        Some("************1111")
    );

    // A token that is not the session's is refused.
    let other = token_of(&m, TestCard::MastercardSuccess.number()).await;
    let foreign = PaymentRequest::new(3)
        .value("cvv", "123")
        .account_on_file_id(other);
    let e = m
        .payments()
        .create_payment(&payment(&encryptor.encrypt(&foreign).unwrap(), 300), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("encryptedCustomerInput"));
    sb.shutdown().await;
}

#[tokio::test]
async fn an_encrypted_card_becomes_a_token() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let (_, encryptor) = session_encryptor(&m, &[]).await;
    let request = CreditCardTokenRequest::new(3)
        .card_number(TestCard::MastercardSuccess.number())
        .cardholder_name("Wile E. Coyote")
        .expiry_date("1129")
        .security_code("123");
    let encrypted = encryptor.encrypt_token_request(&request).unwrap();
    let body: CreateTokenRequest = req(json!({ "encryptedCustomerInput": encrypted }));
    let created = m.tokens().create_token(&body, None).await.unwrap();
    assert_eq!(created.is_new_token, Some(true));
    let c = created.card.unwrap();
    assert_eq!(c.card_number.as_deref(), Some("*********0037"));
    assert_eq!(c.expiry_date.as_deref(), Some("1129"));
    assert_eq!(c.cardholder_name.as_deref(), Some("Wile E. Coyote"));
    let stored = m
        .tokens()
        .get_token(created.token.as_deref().unwrap(), None)
        .await
        .unwrap();
    assert_eq!(stored.payment_product_id, Some(3));
    sb.shutdown().await;
}

#[tokio::test]
async fn tampered_tokens_wrong_keys_and_unknown_sessions_are_400() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let (s, encryptor) = session_encryptor(&m, &[]).await;
    let good = encryptor.encrypt(&card(TestCard::VisaSuccess, 1)).unwrap();
    let rejected = |e: &onlinepayments::Error| {
        assert_eq!(
            failure(e),
            (
                "ValidationException",
                400,
                Some("INVALID_VALUE".into()),
                Some("encryptedCustomerInput".into())
            )
        );
    };

    // One character changed in the ciphertext, the IV or the tag.
    for part in [2, 3, 4] {
        let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
        let first = parts[part].remove(0);
        parts[part].insert(0, if first == 'A' { 'B' } else { 'A' });
        let e = m
            .payments()
            .create_payment(&payment(&parts.join("."), 100), None)
            .await
            .unwrap_err();
        rejected(&e);
    }
    // Not a JWE at all; the header of another key id.
    let e = m
        .payments()
        .create_payment(&payment("not.a.jwe", 100), None)
        .await
        .unwrap_err();
    rejected(&e);
    let sandbox_key = public_key(&s).await;
    let wrong_kid = Encryptor::new(
        s.client_session_id.clone().unwrap(),
        &PublicKeyResponse::new("another-key", sandbox_key.public_key.clone()),
    )
    .unwrap();
    let e = m
        .payments()
        .create_payment(
            &payment(
                &wrong_kid.encrypt(&card(TestCard::VisaSuccess, 1)).unwrap(),
                100,
            ),
            None,
        )
        .await
        .unwrap_err();
    rejected(&e);
    // Encrypted for another platform key under the sandbox's key id.
    let other_key = Encryptor::new(
        s.client_session_id.clone().unwrap(),
        &PublicKeyResponse::new(SANDBOX_KEY_ID, OTHER_PUBLIC_KEY),
    )
    .unwrap();
    let e = m
        .payments()
        .create_payment(
            &payment(
                &other_key.encrypt(&card(TestCard::VisaSuccess, 1)).unwrap(),
                100,
            ),
            None,
        )
        .await
        .unwrap_err();
    rejected(&e);
    // A client session the sandbox never created.
    let stranger = Encryptor::new("0123456789abcdef0123456789abcdef", &sandbox_key).unwrap();
    let e = m
        .payments()
        .create_payment(
            &payment(
                &stranger.encrypt(&card(TestCard::VisaSuccess, 1)).unwrap(),
                100,
            ),
            None,
        )
        .await
        .unwrap_err();
    rejected(&e);
    // The card's product is not the one claimed.
    let mismatch = encryptor.encrypt(&card(TestCard::VisaSuccess, 3)).unwrap();
    let e = m
        .payments()
        .create_payment(&payment(&mismatch, 100), None)
        .await
        .unwrap_err();
    rejected(&e);
    // Both a clear and an encrypted card.
    let both: CreatePaymentRequest = req(json!({
        "cardPaymentMethodSpecificInput": {"card": {"cardNumber": TestCard::VisaSuccess.number()}},
        "encryptedCustomerInput": good,
        "order": {"amountOfMoney": {"amount": 100, "currencyCode": "EUR"}},
    }));
    let e = m.payments().create_payment(&both, None).await.unwrap_err();
    assert_eq!(
        failure(&e).3.as_deref(),
        Some("cardPaymentMethodSpecificInput.card")
    );
    // The same checks guard create-token.
    let e = m
        .tokens()
        .create_token(
            &req::<CreateTokenRequest>(json!({"encryptedCustomerInput": "a.b.c.d.e"})),
            None,
        )
        .await
        .unwrap_err();
    rejected(&e);
    // Nothing was created by any of them.
    assert!(sb.payments().is_empty());
    let unchanged = json_of(&http(client_api(&s, Method::Get, "v1", "crypto/publickey")).await);
    assert_eq!(unchanged["keyId"], SANDBOX_KEY_ID);
    sb.shutdown().await;
}
