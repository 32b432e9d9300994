//! `encryptedCustomerInput` as the platform sees it: the header, a round trip through an
//! independent decryption with the private key, tampering and refused keys.
#![cfg(feature = "encryption")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use aes::Aes256;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
use hmac::{Hmac, KeyInit, Mac};
use onlinepayments::encryption::{
    BrowserData, CreditCardTokenRequest, DeviceInformation, EncryptionError, Encryptor,
    PaymentRequest, PublicKeyResponse,
};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use rsa::{Oaep, PrivateKey};
use serde_json::{Value, json};
use sha1::Sha1;
use sha2::Sha512;

const KEY_PEM: &str = include_str!("data/encryption_test_key.pem");
const KEY_ID: &str = "2c3363b2-ce03-4079-90db-c8bf381ac49c";
const SESSION: &str = "f8a6a1f0d2c44d6d9e7b3c1a2b4c5d6e";

fn private_key() -> PrivateKey {
    PrivateKey::from_pkcs8_pem(KEY_PEM).unwrap()
}

fn public_key_response(private: &PrivateKey) -> PublicKeyResponse {
    let der = private.to_public_key().to_public_key_der().unwrap();
    // As the client API serves it.
    serde_json::from_value(json!({"keyId": KEY_ID, "publicKey": STANDARD.encode(der.as_bytes())}))
        .unwrap()
}

fn encryptor(private: &PrivateKey) -> Encryptor {
    Encryptor::new(SESSION, &public_key_response(private)).unwrap()
}

fn card_request() -> PaymentRequest {
    PaymentRequest::new(1)
        .value("cardNumber", "4012000033330026")
        .value("expiryDate", "0530")
        .value("cvv", "123")
        .value("cardholderName", "Wile E. Coyote")
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Refused {
    Format,
    KeyUnwrap,
    Tag,
}

/// What the platform does with the token, written from RFC 7516/7518 alone.
fn platform_decrypt(private: &PrivateKey, token: &str) -> Result<(Value, Value), Refused> {
    let parts: Vec<&str> = token.split('.').collect();
    let [header, wrapped, iv, ciphertext, tag] = parts[..] else {
        return Err(Refused::Format);
    };
    let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).map_err(|_| Refused::Format);
    let (wrapped, iv, ciphertext, tag) = (
        decode(wrapped)?,
        decode(iv)?,
        decode(ciphertext)?,
        decode(tag)?,
    );
    let cek = private
        .decrypt(Oaep::<Sha1>::new(), &wrapped)
        .map_err(|_| Refused::KeyUnwrap)?;
    if cek.len() != 64 || tag.len() != 32 {
        return Err(Refused::Format);
    }
    let mut mac = <Hmac<Sha512> as KeyInit>::new_from_slice(&cek[..32]).unwrap();
    mac.update(header.as_bytes());
    mac.update(&iv);
    mac.update(&ciphertext);
    mac.update(&(header.len() as u64 * 8).to_be_bytes());
    mac.verify_truncated_left(&tag).map_err(|_| Refused::Tag)?;
    let plaintext = cbc::Decryptor::<Aes256>::new_from_slices(&cek[32..], &iv)
        .map_err(|_| Refused::Format)?
        .decrypt_padded_vec::<Pkcs7>(&ciphertext)
        .map_err(|_| Refused::Format)?;
    let header = serde_json::from_slice(&decode(header)?).map_err(|_| Refused::Format)?;
    let plaintext = serde_json::from_slice(&plaintext).map_err(|_| Refused::Format)?;
    Ok((header, plaintext))
}

#[test]
fn header_names_the_algorithms_and_the_session_key() {
    let private = private_key();
    let token = encryptor(&private).encrypt(&card_request()).unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 5);
    for part in &parts {
        assert!(!part.is_empty());
        assert!(
            part.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "not base64url without padding: {part}"
        );
    }
    let header = URL_SAFE_NO_PAD.decode(parts[0]).unwrap();
    assert_eq!(
        String::from_utf8(header).unwrap(),
        format!(r#"{{"alg":"RSA-OAEP","enc":"A256CBC-HS512","kid":"{KEY_ID}"}}"#)
    );
    // Wrapped key as long as the modulus, IV of one block, tag of 32 bytes.
    let len = |i: usize| URL_SAFE_NO_PAD.decode(parts[i]).unwrap().len();
    assert_eq!((len(1), len(2), len(4)), (256, 16, 32));
    assert_eq!(len(3) % 16, 0);
}

#[test]
fn round_trip_gives_the_card_back_to_the_platform() {
    let private = private_key();
    let request = card_request()
        .tokenize(true)
        .collected_device_information(DeviceInformation {
            timezone_offset_utc_minutes: -120,
            locale: "de-DE".into(),
            browser_data: BrowserData::new(30, 1440, 2560, 1300, 2400),
        });
    let token = encryptor(&private).encrypt(&request).unwrap();
    let (header, plaintext) = platform_decrypt(&private, &token).unwrap();
    assert_eq!(
        header,
        json!({"alg": "RSA-OAEP", "enc": "A256CBC-HS512", "kid": KEY_ID})
    );

    let nonce = plaintext["nonce"].as_str().unwrap();
    assert_eq!(nonce.len(), 32);
    assert!(
        nonce
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );
    assert_eq!(
        plaintext,
        json!({
            "clientSessionId": SESSION,
            "nonce": nonce,
            "paymentProductId": 1,
            "tokenize": true,
            "collectedDeviceInformation": {
                "timezoneOffsetUtcMinutes": -120,
                "locale": "de-DE",
                "browserData": {
                    "javaScriptEnabled": true, "colorDepth": 30, "screenHeight": 1440,
                    "screenWidth": 2560, "innerHeight": 1300, "innerWidth": 2400
                }
            },
            "paymentValues": [
                {"key": "cardNumber", "value": "4012000033330026"},
                {"key": "expiryDate", "value": "0530"},
                {"key": "cvv", "value": "123"},
                {"key": "cardholderName", "value": "Wile E. Coyote"}
            ]
        })
    );
    let keys: Vec<&str> = plaintext
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "clientSessionId",
            "nonce",
            "paymentProductId",
            "tokenize",
            "collectedDeviceInformation",
            "paymentValues"
        ]
    );
}

#[test]
fn token_request_round_trip() {
    let private = private_key();
    let request = CreditCardTokenRequest::new(3)
        .card_number("5200000091444270")
        .cardholder_name("Darwin Núñez")
        .expiry_date("1230")
        .security_code("123");
    let token = encryptor(&private).encrypt_token_request(&request).unwrap();
    let (_, plaintext) = platform_decrypt(&private, &token).unwrap();
    assert_eq!(plaintext["clientSessionId"], SESSION);
    assert_eq!(plaintext["paymentProductId"], 3);
    assert!(plaintext.get("tokenize").is_none());
    assert_eq!(
        plaintext["paymentValues"],
        json!([
            {"key": "cardNumber", "value": "5200000091444270"},
            {"key": "cardholderName", "value": "Darwin Núñez"},
            {"key": "expiryDate", "value": "1230"},
            {"key": "cvv", "value": "123"},
            {"key": "paymentProductId", "value": 3}
        ])
    );
}

#[test]
fn every_call_draws_fresh_randomness() {
    let private = private_key();
    let encryptor = encryptor(&private);
    let a = encryptor.encrypt(&card_request()).unwrap();
    let b = encryptor.encrypt(&card_request()).unwrap();
    let (pa, pb): (Vec<&str>, Vec<&str>) = (a.split('.').collect(), b.split('.').collect());
    assert_eq!(pa[0], pb[0]);
    for i in 1..5 {
        assert_ne!(pa[i], pb[i], "part {i} repeated");
    }
    let nonce = |t: &str| platform_decrypt(&private, t).unwrap().1["nonce"].clone();
    assert_ne!(nonce(&a), nonce(&b));
}

/// Flips one bit of the decoded part `index` and re-encodes it.
fn flip(token: &str, index: usize, byte: usize) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut bytes = URL_SAFE_NO_PAD.decode(&parts[index]).unwrap();
    bytes[byte] ^= 0x01;
    parts[index] = URL_SAFE_NO_PAD.encode(bytes);
    parts.join(".")
}

#[test]
fn tampering_with_any_part_is_detected() {
    let private = private_key();
    let token = encryptor(&private).encrypt(&card_request()).unwrap();
    assert!(platform_decrypt(&private, &token).is_ok());
    for (index, expected) in [
        (0, Refused::Tag),
        (1, Refused::KeyUnwrap),
        (2, Refused::Tag),
        (3, Refused::Tag),
        (4, Refused::Tag),
    ] {
        for byte in [0, 5] {
            assert_eq!(
                platform_decrypt(&private, &flip(&token, index, byte)).map(|_| ()),
                Err(expected),
                "part {index} byte {byte}"
            );
        }
    }
    // The last ciphertext block too, where the padding lives.
    let last = URL_SAFE_NO_PAD
        .decode(token.split('.').nth(3).unwrap())
        .unwrap()
        .len()
        - 1;
    assert_eq!(
        platform_decrypt(&private, &flip(&token, 3, last)).map(|_| ()),
        Err(Refused::Tag)
    );
}

#[test]
fn another_private_key_cannot_unwrap() {
    let private = private_key();
    let token = encryptor(&private).encrypt(&card_request()).unwrap();
    // Another key: the JavaScript SDK's test fixture key (public half only). A token for it
    // does not unwrap with our private key.
    let fixture = Encryptor::new(SESSION, &javascript_fixture_key()).unwrap();
    let foreign = fixture.encrypt(&card_request()).unwrap();
    assert_eq!(
        platform_decrypt(&private, &foreign).map(|_| ()),
        Err(Refused::KeyUnwrap)
    );
    assert!(platform_decrypt(&private, &token).is_ok());
}

/// The public key of `onlinepayments-sdk-client-js`' `tests/__fixtures__/public-key-response.ts`.
fn javascript_fixture_key() -> PublicKeyResponse {
    PublicKeyResponse::new(
        KEY_ID,
        concat!(
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxMXRHSr5bSPvfiHQ8P1oCzg6GyPlpXqll28GKWJt",
            "7aX6usYzFwIC7+c6lQcVnkGB+5kEAX6Ek56LjkQDw48NV9qyoF8U91ih0XRhKtZ21CQmsfakmpY3BfVy1eY1l4",
            "OUHOABWkBo8pQCBbcBHb/rUVQVvLOd+jOeF6GIjtb7XJpkqiXKchNTm0qGLu8YjnRL3ZC5lqOX0qi9/HFMyWDw",
            "BSXZSLjTTkDF1UWalVeMt91b0Yij0SS0+ShL8gdt1EmGU9eEeaR1NPOH1thiPzVi7rFeSq1Fj+H65YPQBx2e4b",
            "07NzDF0xsbpB73BoSDeWNbMl8dvLJ7byn95IKIsCh9FQIDAQAB"
        ),
    )
}

#[test]
fn the_javascript_fixture_key_is_accepted_also_with_line_breaks() {
    let key = javascript_fixture_key();
    let wrapped: String = key
        .public_key
        .as_bytes()
        .chunks(64)
        .map(|line| format!("{}\r\n", std::str::from_utf8(line).unwrap()))
        .collect();
    for text in [key.public_key.clone(), wrapped] {
        let encryptor = Encryptor::new(SESSION, &PublicKeyResponse::new(KEY_ID, text)).unwrap();
        assert_eq!(encryptor.key_id(), KEY_ID);
        let token = encryptor.encrypt(&card_request()).unwrap();
        assert_eq!(
            URL_SAFE_NO_PAD
                .decode(token.split('.').nth(1).unwrap())
                .unwrap()
                .len(),
            256
        );
    }
}

#[test]
fn unusable_keys_are_errors() {
    let cases = [
        ("not base64 at all!", "base64"),
        ("", "key"),
        ("AAAA", "key"),
        // An RSA key of 512 bits: below the 1024-bit floor.
        (
            "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAKQSsgNBGcL5BKT3sb6JKmd7Y11qJcPmfT6PbJU6JWEFNXaF1gbnW383UTDbi+fDZfk/8zG5QqUNItExGCVJGDcCAwEAAQ==",
            "key",
        ),
        // A P-256 key: not RSA.
        (
            "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEVtP8aPiZKCLy0LZj5Qw/mS2sSnP/UBzpLNb94nrSutoubfAGrNituR5cb0phsGdiRb1Ccn+pWM8umdfucm0aAw==",
            "key",
        ),
    ];
    for (text, kind) in cases {
        let result = Encryptor::new(SESSION, &PublicKeyResponse::new(KEY_ID, text));
        match (result, kind) {
            (Err(EncryptionError::InvalidBase64(_)), "base64") => {}
            (Err(EncryptionError::InvalidPublicKey(_)), "key") => {}
            (other, _) => panic!("{text}: {other:?}"),
        }
    }
    // A PKCS#1 RSAPublicKey (no SubjectPublicKeyInfo around it) is refused too.
    let private = private_key();
    let spki = private.to_public_key().to_public_key_der().unwrap();
    let pkcs1 = &spki.as_bytes()[24..];
    let result = Encryptor::new(
        SESSION,
        &PublicKeyResponse::new(KEY_ID, STANDARD.encode(pkcs1)),
    );
    assert!(matches!(result, Err(EncryptionError::InvalidPublicKey(_))));
}

#[test]
fn debug_output_shows_no_card_data_or_session() {
    let private = private_key();
    let encryptor = encryptor(&private);
    let token_request = CreditCardTokenRequest::new(1)
        .card_number("4012000033330026")
        .cardholder_name("Wile E. Coyote")
        .expiry_date("0530")
        .security_code("987");
    let shown = format!(
        "{encryptor:?} {:?} {token_request:?} {:#?}",
        card_request(),
        card_request()
    );
    for secret in ["4012000033330026", "0530", "987", "Wile", SESSION] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(shown.contains("cardNumber"), "{shown}");
    assert!(shown.contains(KEY_ID), "{shown}");
}
