//! Deterministic checks of the exact output, with a counting random number generator.

use std::convert::Infallible;

use aes::Aes256;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
use hmac::{Hmac, KeyInit, Mac};
use rand_core::{TryCryptoRng, TryRng};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use rsa::{Oaep, PrivateKey};
use sha1::Sha1;
use sha2::Sha512;

use super::*;

const KEY_PEM: &str = include_str!("../../tests/data/encryption_test_key.pem");

/// Byte `n` of the stream is `n mod 256`, so each draw is recognisable by its offset.
struct CountingRng(u8);

impl TryRng for CountingRng {
    type Error = Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        let mut b = [0; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let mut b = [0; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for b in dst {
            *b = self.0;
            self.0 = self.0.wrapping_add(1);
        }
        Ok(())
    }
}

impl TryCryptoRng for CountingRng {}

fn counting(from: u8, len: usize) -> Vec<u8> {
    (0..len).map(|i| from.wrapping_add(i as u8)).collect()
}

fn setup() -> (PrivateKey, Encryptor) {
    let private = PrivateKey::from_pkcs8_pem(KEY_PEM).unwrap();
    let der = private.to_public_key().to_public_key_der().unwrap();
    let response = PublicKeyResponse::new("key-1", STANDARD.encode(der.as_bytes()));
    (private, Encryptor::new("session-1", &response).unwrap())
}

fn b64(part: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(part).unwrap()
}

#[test]
fn every_part_is_exact_for_a_known_random_stream() {
    let (private, encryptor) = setup();
    let request = PaymentRequest::new(1)
        .value("cardNumber", "4012000033330026")
        .value("expiryDate", "0530")
        .value("cvv", "123");
    let jwe = encryptor
        .encrypt_with(&mut CountingRng(0), &request)
        .unwrap();
    let parts: Vec<&str> = jwe.split('.').collect();
    assert_eq!(parts.len(), 5);

    assert_eq!(
        parts[0],
        URL_SAFE_NO_PAD.encode(r#"{"alg":"RSA-OAEP","enc":"A256CBC-HS512","kid":"key-1"}"#)
    );
    // Draw order: nonce 0x00..0x0f, content key 0x10..0x4f, OAEP seed (20 bytes), IV.
    let cek = private
        .decrypt(Oaep::<Sha1>::new(), &b64(parts[1]))
        .unwrap();
    assert_eq!(cek, counting(0x10, 64));
    let iv = b64(parts[2]);
    assert_eq!(iv, counting(0x64, 16));

    let ciphertext = b64(parts[3]);
    // The AES key is the second half of the content key.
    let plaintext = cbc::Decryptor::<Aes256>::new_from_slices(&cek[32..], &iv)
        .unwrap()
        .decrypt_padded_vec::<Pkcs7>(&ciphertext)
        .unwrap();
    assert_eq!(
        String::from_utf8(plaintext).unwrap(),
        concat!(
            r#"{"clientSessionId":"session-1","nonce":"000102030405060708090a0b0c0d0e0f","#,
            r#""paymentProductId":1,"tokenize":false,"paymentValues":["#,
            r#"{"key":"cardNumber","value":"4012000033330026"},"#,
            r#"{"key":"expiryDate","value":"0530"},{"key":"cvv","value":"123"}]}"#
        )
    );

    // The MAC key is the first half; AL is the bit length of the encoded header.
    let mut mac = <Hmac<Sha512> as KeyInit>::new_from_slice(&cek[..32]).unwrap();
    mac.update(parts[0].as_bytes());
    mac.update(&iv);
    mac.update(&ciphertext);
    mac.update(&((parts[0].len() as u64) * 8).to_be_bytes());
    assert_eq!(b64(parts[4]), mac.finalize().into_bytes()[..32]);

    // Same stream, same output: nothing else is random.
    let again = encryptor
        .encrypt_with(&mut CountingRng(0), &request)
        .unwrap();
    assert_eq!(again, jwe);
}

fn decrypt_plaintext(private: &PrivateKey, jwe: &str) -> String {
    let parts: Vec<&str> = jwe.split('.').collect();
    let cek = private
        .decrypt(Oaep::<Sha1>::new(), &b64(parts[1]))
        .unwrap();
    let plaintext = cbc::Decryptor::<Aes256>::new_from_slices(&cek[32..], &b64(parts[2]))
        .unwrap()
        .decrypt_padded_vec::<Pkcs7>(&b64(parts[3]))
        .unwrap();
    String::from_utf8(plaintext).unwrap()
}

#[test]
fn payment_request_members_follow_the_javascript_order() {
    let (private, encryptor) = setup();
    let device = DeviceInformation {
        timezone_offset_utc_minutes: -60,
        locale: "nl-NL".into(),
        browser_data: BrowserData::new(24, 1080, 1920, 900, 1600),
    };
    let request = PaymentRequest::new(3)
        .value("cardNumber", "5200000091444270")
        .value("cvv", "")
        .value("cardholderName", "J. \"Doe\" Ñ")
        .value("cardNumber", "5200008932030109")
        .tokenize(true)
        .account_on_file_id("aof-9")
        .collected_device_information(device);
    let jwe = encryptor
        .encrypt_with(&mut CountingRng(0xf0), &request)
        .unwrap();
    assert_eq!(
        decrypt_plaintext(&private, &jwe),
        concat!(
            r#"{"clientSessionId":"session-1","nonce":"f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff","#,
            r#""paymentProductId":3,"tokenize":true,"collectedDeviceInformation":"#,
            r#"{"timezoneOffsetUtcMinutes":-60,"locale":"nl-NL","browserData":"#,
            r#"{"javaScriptEnabled":true,"colorDepth":24,"screenHeight":1080,"#,
            r#""screenWidth":1920,"innerHeight":900,"innerWidth":1600}},"#,
            r#""paymentValues":[{"key":"cardNumber","value":"5200008932030109"},"#,
            r#"{"key":"cardholderName","value":"J. \"Doe\" Ñ"}],"accountOnFileId":"aof-9"}"#
        )
    );
}

#[test]
fn token_request_lists_the_five_javascript_values() {
    let (private, encryptor) = setup();
    let request = CreditCardTokenRequest::new(1)
        .card_number("4567350000427977")
        .expiry_date("1230")
        .cardholder_name("Darwin Núñez");
    let jwe = encryptor
        .encrypt_with(&mut CountingRng(0), &request)
        .unwrap();
    assert_eq!(
        decrypt_plaintext(&private, &jwe),
        concat!(
            r#"{"clientSessionId":"session-1","nonce":"000102030405060708090a0b0c0d0e0f","#,
            r#""paymentProductId":1,"paymentValues":["#,
            r#"{"key":"cardNumber","value":"4567350000427977"},"#,
            r#"{"key":"cardholderName","value":"Darwin Núñez"},"#,
            r#"{"key":"expiryDate","value":"1230"},{"key":"cvv"},"#,
            r#"{"key":"paymentProductId","value":1}]}"#
        )
    );
}

#[test]
fn a_kid_with_quotes_is_escaped_as_json_stringify_does() {
    let (private, _) = setup();
    let der = private.to_public_key().to_public_key_der().unwrap();
    let response = PublicKeyResponse::new("a\"b\\c", STANDARD.encode(der.as_bytes()));
    let encryptor = Encryptor::new("s", &response).unwrap();
    assert_eq!(
        b64(encryptor.encoded_header()),
        br#"{"alg":"RSA-OAEP","enc":"A256CBC-HS512","kid":"a\"b\\c"}"#
    );
}
