use aes::Aes256;
use cbc::cipher::BlockModeEncrypt;
use rsa::pkcs8::DecodePublicKey;
use rsa::traits::PublicKeyParts;

use super::*;

/// Another platform key (public half only): the key of the JavaScript client SDK's
/// test fixture `public-key-response.ts`.
const OTHER_PUBLIC_KEY: &str = concat!(
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxMXRHSr5bSPvfiHQ8P1oCzg6GyPlpXqll28GKWJt7aX6",
    "usYzFwIC7+c6lQcVnkGB+5kEAX6Ek56LjkQDw48NV9qyoF8U91ih0XRhKtZ21CQmsfakmpY3BfVy1eY1l4OUHOABW",
    "kBo8pQCBbcBHb/rUVQVvLOd+jOeF6GIjtb7XJpkqiXKchNTm0qGLu8YjnRL3ZC5lqOX0qi9/HFMyWDwBSXZSLjTTk",
    "DF1UWalVeMt91b0Yij0SS0+ShL8gdt1EmGU9eEeaR1NPOH1thiPzVi7rFeSq1Fj+H65YPQBx2e4b07NzDF0xsbpB7",
    "3BoSDeWNbMl8dvLJ7byn95IKIsCh9FQIDAQAB"
);

fn hex(text: &str) -> Vec<u8> {
    payments_core::signing::hex_decode(&text.replace(char::is_whitespace, "")).unwrap()
}

/// A token as a client SDK builds it, from explicit parts, so each can be altered.
struct Token {
    header: String,
    iv: Vec<u8>,
    plaintext: Vec<u8>,
}

impl Token {
    fn new(kid: &str, plaintext: &str) -> Self {
        Self {
            header: format!(r#"{{"alg":"RSA-OAEP","enc":"A256CBC-HS512","kid":"{kid}"}}"#),
            iv: (100..116).collect(),
            plaintext: plaintext.as_bytes().to_vec(),
        }
    }

    /// The five decoded parts: header (base64url text), wrapped key, IV, ciphertext, tag.
    fn parts(&self, key: &rsa::PublicKey) -> [Vec<u8>; 5] {
        let cek: Vec<u8> = (0..64).collect();
        let header = URL_SAFE_NO_PAD.encode(&self.header).into_bytes();
        let wrapped = key
            .encrypt(&mut getrandom::SysRng, Oaep::<Sha1>::new(), &cek)
            .unwrap();
        let ciphertext = cbc::Encryptor::<Aes256>::new_from_slices(&cek[32..], &self.iv)
            .unwrap()
            .encrypt_padded_vec::<Pkcs7>(&self.plaintext);
        let mut mac = <Hmac<Sha512> as KeyInit>::new_from_slice(&cek[..32]).unwrap();
        mac.update(&header);
        mac.update(&self.iv);
        mac.update(&ciphertext);
        mac.update(&(header.len() as u64 * 8).to_be_bytes());
        let tag = mac.finalize().into_bytes()[..32].to_vec();
        [header, wrapped, self.iv.clone(), ciphertext, tag]
    }
}

fn compact(parts: &[Vec<u8>; 5]) -> String {
    let [header, rest @ ..] = parts;
    let mut out = String::from_utf8(header.clone()).unwrap();
    for part in rest {
        out.push('.');
        out.push_str(&URL_SAFE_NO_PAD.encode(part));
    }
    out
}

const PLAINTEXT: &str = concat!(
    r#"{"clientSessionId":"cs-1","nonce":"000102030405060708090a0b0c0d0e0f","#,
    r#""paymentProductId":1,"tokenize":false,"paymentValues":["#,
    r#"{"key":"cardNumber","value":"4012000033330026"},{"key":"cvv","value":"123"}]}"#
);

fn check(platform: &JweDecryptor, parts: &[Vec<u8>; 5]) -> Result<(), JweError> {
    platform.decrypt(&compact(parts)).map(|_| ())
}

fn platform() -> JweDecryptor {
    JweDecryptor::sandbox().unwrap()
}

fn valid_parts(platform: &JweDecryptor) -> [Vec<u8>; 5] {
    Token::new(platform.key_id(), PLAINTEXT).parts(&platform.key.to_public_key())
}

#[test]
fn decrypts_a_client_token() {
    let platform = platform();
    let decrypted = platform.decrypt(&compact(&valid_parts(&platform))).unwrap();
    assert_eq!(decrypted.kid, SANDBOX_KEY_ID);
    assert_eq!(
        decrypted.plaintext,
        serde_json::from_str::<Value>(PLAINTEXT).unwrap()
    );
    assert_eq!(decrypted.client_session_id(), Some("cs-1"));
    assert_eq!(decrypted.payment_product_id(), Some(1));
    assert_eq!(decrypted.value("cardNumber"), Some("4012000033330026"));
    assert_eq!(decrypted.value("cvv"), Some("123"));
    assert_eq!(decrypted.value("expiryDate"), None);
    assert!(!format!("{decrypted:?}").contains("4012"));

    // The Swift SDK writes the same header with a space after each comma.
    let mut token = Token::new(platform.key_id(), PLAINTEXT);
    token.header = token.header.replace(",", ", ");
    let parts = token.parts(&platform.key.to_public_key());
    assert_eq!(check(&platform, &parts), Ok(()));
}

#[test]
fn public_key_response_is_base64_der_of_the_public_key() {
    let platform = platform();
    let response = platform.public_key_response();
    assert_eq!(response["keyId"], SANDBOX_KEY_ID);
    let der = STANDARD
        .decode(response["publicKey"].as_str().unwrap())
        .unwrap();
    let key = rsa::PublicKey::from_public_key_der(&der).unwrap();
    assert_eq!(key, platform.key.to_public_key());
    assert_eq!(key.size(), 256);
    assert!(!format!("{platform:?}").contains(platform.public_key()));
}

#[test]
fn a_flipped_bit_anywhere_after_the_key_is_tampering() {
    let platform = platform();
    for part in [2, 3, 4] {
        for byte in [0, 15] {
            let mut parts = valid_parts(&platform);
            parts[part][byte] ^= 0x01;
            assert_eq!(
                check(&platform, &parts),
                Err(JweError::Tampered),
                "part {part} byte {byte}"
            );
        }
    }
}

#[test]
fn an_altered_header_is_tampering() {
    let platform = platform();
    let mut token = Token::new(platform.key_id(), PLAINTEXT);
    let parts = token.parts(&platform.key.to_public_key());
    // Same meaning, other bytes: the tag covers the encoded header as sent.
    token.header = format!(
        r#"{{"enc":"A256CBC-HS512","alg":"RSA-OAEP","kid":"{}"}}"#,
        platform.key_id()
    );
    let mut altered = parts.clone();
    altered[0] = URL_SAFE_NO_PAD.encode(&token.header).into_bytes();
    assert_eq!(check(&platform, &altered), Err(JweError::Tampered));
}

#[test]
fn a_flipped_wrapped_key_or_another_key_is_the_wrong_key() {
    let platform = platform();
    let mut parts = valid_parts(&platform);
    parts[1][0] ^= 0x80;
    assert_eq!(check(&platform, &parts), Err(JweError::WrongKey));

    let der = STANDARD.decode(OTHER_PUBLIC_KEY).unwrap();
    let other = rsa::PublicKey::from_public_key_der(&der);
    let for_other = Token::new(platform.key_id(), PLAINTEXT).parts(&other.unwrap());
    assert_eq!(check(&platform, &for_other), Err(JweError::WrongKey));
}

#[test]
fn another_kid_or_algorithm_is_refused_before_unwrapping() {
    let platform = platform();
    let public = platform.key.to_public_key();
    let parts = Token::new("other-key", PLAINTEXT).parts(&public);
    assert_eq!(
        check(&platform, &parts),
        Err(JweError::UnknownKeyId("other-key".into()))
    );
    for header in [
        r#"{"alg":"RSA-OAEP-256","enc":"A256CBC-HS512","kid":"k"}"#,
        r#"{"alg":"RSA-OAEP","enc":"A128CBC-HS256","kid":"k"}"#,
        r#"{"alg":"RSA-OAEP","enc":"A256CBC-HS512","kid":"k","zip":"DEF"}"#,
        r#"{"alg":"RSA1_5"}"#,
    ] {
        let mut token = Token::new("k", PLAINTEXT);
        token.header = header.into();
        let result = platform.decrypt(&compact(&token.parts(&public)));
        assert!(
            matches!(result, Err(JweError::Unsupported { .. })),
            "{header}: {result:?}"
        );
    }
}

#[test]
fn malformed_tokens_are_named() {
    let platform = platform();
    let good = compact(&valid_parts(&platform));
    let parts: Vec<&str> = good.split('.').collect();
    let with = |index: usize, value: &str| {
        let mut p = parts.clone();
        p[index] = value;
        p.join(".")
    };
    let short_tag = URL_SAFE_NO_PAD.encode([0u8; 16]);
    let short_iv = URL_SAFE_NO_PAD.encode([0u8; 8]);
    let odd_ciphertext = URL_SAFE_NO_PAD.encode([0u8; 17]);
    let array_header = URL_SAFE_NO_PAD.encode("[1]");
    let cases = [
        (String::new(), "a compact JWE has five parts"),
        (parts[..4].join("."), "a compact JWE has five parts"),
        (format!("{good}."), "a compact JWE has five parts"),
        (with(0, "e30="), "the header is not base64url"),
        (with(0, "bm90IGpzb24"), "the header is not JSON"),
        (with(0, &array_header), "the header is not a JSON object"),
        (with(1, "a+b/"), "the encrypted key is not base64url"),
        (with(2, &short_iv), "the IV is not 16 bytes"),
        (with(3, ""), "the ciphertext is not whole AES blocks"),
        (
            with(3, &odd_ciphertext),
            "the ciphertext is not whole AES blocks",
        ),
        (with(4, &short_tag), "the tag is not 32 bytes"),
        (with(4, "!"), "the tag is not base64url"),
    ];
    for (token, reason) in cases {
        assert_eq!(
            platform.decrypt(&token).map(|_| ()),
            Err(JweError::Malformed(reason)),
            "{token}"
        );
    }
}

#[test]
fn a_plaintext_that_is_not_json_is_malformed() {
    let platform = platform();
    let token = Token::new(platform.key_id(), "card=4012000033330026");
    let parts = token.parts(&platform.key.to_public_key());
    assert_eq!(
        check(&platform, &parts),
        Err(JweError::Malformed("the plaintext is not JSON"))
    );
}

/// RFC 7518 Appendix B.3: the A256CBC-HS512 test case.
#[test]
fn opens_rfc_7518_appendix_b3() {
    let key: Vec<u8> = (0..64).collect();
    let iv = hex("1a f3 8c 2d c2 b9 6f fd d8 66 94 09 23 41 bc 04");
    let aad = b"The second principle of Auguste Kerckhoffs";
    let ciphertext = hex(
        "4a ff aa ad b7 8c 31 c5 da 4b 1b 59 0d 10 ff bd 3d d8 d5 d3 02 42 35 26 91 2d a0 37 ec bc c7 bd
         82 2c 30 1d d6 7c 37 3b cc b5 84 ad 3e 92 79 c2 e6 d1 2a 13 74 b7 7f 07 75 53 df 82 94 10 44 6b
         36 eb d9 70 66 29 6a e6 42 7e a7 5c 2e 08 46 a1 1a 09 cc f5 37 0d c8 0b fe cb ad 28 c7 3f 09 b3
         a3 b7 5e 66 2a 25 94 41 0a e4 96 b2 e2 e6 60 9e 31 e6 e0 2c c8 37 f0 53 d2 1f 37 ff 4f 51 95 0b
         be 26 38 d0 9d d7 a4 93 09 30 80 6d 07 03 b1 f6",
    );
    let tag = hex(
        "4d d3 b4 c0 88 a7 f4 5c 21 68 39 64 5b 20 12 bf 2e 62 69 a8 c5 6a 81 6d bc 1b 26 77 61 95 5b c5",
    );
    let plaintext = open(&key, &iv, aad, &ciphertext, &tag).unwrap();
    assert_eq!(
        plaintext,
        b"A cipher system must not be required to be secret, and it must be able to fall \
          into the hands of the enemy without inconvenience"
    );
    let mut bad = tag.clone();
    bad[31] ^= 1;
    assert_eq!(
        open(&key, &iv, aad, &ciphertext, &bad),
        Err(JweError::Tampered)
    );
    // A truncated tag is refused, not compared on its prefix.
    assert_eq!(
        open(&key, &iv, aad, &ciphertext, &tag[..16]),
        Err(JweError::Malformed("the tag is not 32 bytes"))
    );
    assert_eq!(
        open(&key[..32], &iv, aad, &ciphertext, &tag),
        Err(JweError::WrongKey)
    );
}
