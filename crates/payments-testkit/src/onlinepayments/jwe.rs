//! The platform side of client-side encryption: decrypting `encryptedCustomerInput`.
//!
//! A client SDK encrypts card data for the platform as a JWE in compact serialisation
//! (RFC 7516) with `alg` `RSA-OAEP` (SHA-1, MGF1-SHA-1) and `enc` `A256CBC-HS512`
//! (RFC 7518 §5.2.5). [`JweDecryptor`] holds the platform's RSA private key, answers the
//! client API's public-key request and turns a token back into its plaintext JSON, or into
//! a [`JweError`] that says whether the key was wrong, the token was tampered with or it
//! was never a well-formed token.
//!
//! ```
//! use payments_testkit::onlinepayments::jwe::JweDecryptor;
//!
//! # fn main() -> Result<(), payments_testkit::onlinepayments::jwe::JweError> {
//! let platform = JweDecryptor::sandbox()?;
//! // What GET /v1/{customerId}/crypto/publickey answers.
//! let response = platform.public_key_response();
//! assert_eq!(response["keyId"], platform.key_id());
//! assert!(platform.decrypt("not.a.jwe").is_err());
//! # Ok(())
//! # }
//! ```

use std::fmt;

use aes::Aes256;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
use hmac::{Hmac, KeyInit, Mac};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use rsa::{Oaep, PrivateKey};
use serde_json::Value;
use sha1::Sha1;
use sha2::Sha512;

/// `alg` accepted in the protected header.
pub const ALG: &str = "RSA-OAEP";
/// `enc` accepted in the protected header.
pub const ENC: &str = "A256CBC-HS512";
/// Key id of the built-in sandbox key ([`JweDecryptor::sandbox`]).
pub const SANDBOX_KEY_ID: &str = "sandbox-client-encryption-key-1";

const CEK_LEN: usize = 64;
const IV_LEN: usize = 16;
const TAG_LEN: usize = 32;
const BLOCK_LEN: usize = 16;

/// The sandbox's 2048-bit RSA key (PKCS#8). It protects test data only: it is public.
const SANDBOX_PRIVATE_KEY_PEM: &str = "\
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCaHqW+EPJXXC+Y
i4mqAmBvxw8WXZngEgulZtwrATBuCb7+3YmDQd7aR0Yp3jandK0sbH9GsOeEi9Kv
P1Yh31Wc4/otnHHQAMoafWpjPF40IB08I9jUhJ8n+PlYTyH9iORyizja+04wdSED
KHHQ8TWEcKplABK6gidgF5mU3Jy9006ovB7bld+e1+5tunC2SsRF79ezsQoSFdq3
WrjxE53Mpe73AmtduH9BKdnyGQhgJjsFzt+/8rOwjMlzw7405hiJxxWB++xtA0Ai
JIGSo2/5YbcNz3r7WagGg+SAlJQxM2SJcylV+DuPib4YkhZWJ2nm9fegDRLGbzOW
/vzVsx+xAgMBAAECggEAPR8gbkN8SMcnnSDhxMnSgyH3ys/uQZ4Gfl9Pu8Jp+Ynl
9F/ZtHOANSMFIX+eP0UXlMGmrFtmRfvJ33SH7UEMS/9h7YrY3Dwj6uOIOLjtR1Dh
J0O0L3w1Pn4QLUSc31bV+tNaBgaaWL9rCzyT/uBacB7ahNnFk7Age4yAfTgM9X7l
Pb4F8eTRjjQlRlv0l6YZ3Dlut51esUS/rBgBUCiwBH563GmSp36Uz60dy1EkxNWK
xe/h/4rhW/T6srEjKaRt9zfVzv7L4c924GcAyZHHmCEm6YDMCCs95FhhhnQxLwcC
i2kw6q7EUEdk8LVqSXWYAtXVeOD3Qcrf8kVFGSiRLQKBgQDQRK71oh4mIyZ0VLSl
aXJDXAFRzWLjTPZA7JMCOF8n2eYys1WFQLcFx3+cvrUx+6uLIXC6t8rGGMFhV5bK
r6iunD3ToIyMciOVt+9aFma6u5Xz9RbJmSvRkuURqFz3N0uc1oCO5l3qRoOh262p
91zazp0GM9XL1YAWk8L5hSjBwwKBgQC9cQLF19xfcDEh5lgoG04w5IqH5gxff0kj
DqMPPOffq/IGFoBCj4Y5UpAdBx3nnBi/NBLlBnQEVlI4ltLwAZ/Lil9qiAtYDhEs
NDGdyujtDMb0gWA9EgLBTwbOhbNMN6uLWz/wVdHb93ZnLB1uwU7I41u6OoVDvg9L
X4NKZQptewKBgQCzR5yQZ+iqDbIJi+0hQt8Qav/bygBpCBQnGT8HNz16UZFebY+d
sHKcb/pDFMtnZmxpzPR8VsAfvKmiwMJWYdXD0U1LgjXapFpLhFVu6D+wWNAhfAYM
rmTQ+DFl/NdiG+Bj9yYdXOLVS7P+PduFpyDwXdE/yJku6O9k//dj0aOe/wKBgDo4
Of7teReHlkHx1ZP12FDkW8KqK5FJwANbIzeyoxw1brr6PU63ZyvEuO+C2WjtqxlP
+qKSGiOfF8O2bns+NIrMKsjFqJ7WK+bm33y7+Fupupc4D4iVOW2JSPE9W74Hudup
HnxRE57DbYsFnsID/J92aCFSjNQl2/NxFhtN9CdzAoGAM05xOf7pvgWoiEkWwFex
8DiAZY0zWr/IbldCkm/9E7f3hMUa7F+uXlhR8cy3IhPXFHCT/zmSQlorfJwB2Brl
7jQLhoDKGulMDObp0MutUghGRc09JHnnJM1BO4i27HpqPzjJW2RiPx1cUoFeKQFa
0v1ervrvCpVN30/jv/h3qnk=
-----END PRIVATE KEY-----
";

/// Why a token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JweError {
    /// Not five base64url parts, a header that is not a JSON object, an IV, ciphertext or
    /// tag of the wrong length, or a plaintext that is not JSON.
    #[error("malformed JWE: {0}")]
    Malformed(&'static str),
    /// The header names another algorithm, or asks for compression or critical extensions.
    #[error("unsupported JWE header: alg {alg:?}, enc {enc:?}")]
    Unsupported {
        /// The header's `alg`.
        alg: String,
        /// The header's `enc`.
        enc: String,
    },
    /// The header's `kid` is not this key's id.
    #[error("unknown key id {0:?}")]
    UnknownKeyId(String),
    /// The content key does not unwrap with this private key: the token was encrypted for
    /// another key, or its wrapped key was altered.
    #[error("the content key does not unwrap with this private key")]
    WrongKey,
    /// The authentication tag does not match: header, IV, ciphertext or tag was altered.
    #[error("the authentication tag does not match")]
    Tampered,
    /// The private key given to the decryptor is unusable.
    #[error("invalid private key: {0}")]
    InvalidKey(String),
}

/// A decrypted `encryptedCustomerInput`.
#[derive(Clone, PartialEq)]
pub struct Decrypted {
    /// The `kid` of the protected header.
    pub kid: String,
    /// The plaintext JSON (`clientSessionId`, `nonce`, `paymentProductId`, `paymentValues`, …).
    pub plaintext: Value,
}

impl Decrypted {
    /// `clientSessionId` of the plaintext.
    pub fn client_session_id(&self) -> Option<&str> {
        self.plaintext.get("clientSessionId")?.as_str()
    }

    /// `paymentProductId` of the plaintext.
    pub fn payment_product_id(&self) -> Option<i64> {
        self.plaintext.get("paymentProductId")?.as_i64()
    }

    /// The text value of `key` in `paymentValues` (`cardNumber`, `expiryDate`, `cvv`, …).
    pub fn value(&self, key: &str) -> Option<&str> {
        self.plaintext
            .get("paymentValues")?
            .as_array()?
            .iter()
            .find(|pair| pair.get("key").and_then(Value::as_str) == Some(key))?
            .get("value")?
            .as_str()
    }
}

impl fmt::Debug for Decrypted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decrypted")
            .field("kid", &self.kid)
            .field("plaintext", &"[REDACTED]")
            .finish()
    }
}

/// The platform's client-encryption key: publishes the public half, decrypts tokens.
#[derive(Clone)]
pub struct JweDecryptor {
    key_id: String,
    key: PrivateKey,
    public_key: String,
}

impl JweDecryptor {
    /// A decryptor for `key` under the id `key_id`.
    ///
    /// # Errors
    /// [`JweError::InvalidKey`] if the public key cannot be encoded.
    pub fn new(key_id: impl Into<String>, key: PrivateKey) -> Result<Self, JweError> {
        let der = key
            .to_public_key()
            .to_public_key_der()
            .map_err(|e| JweError::InvalidKey(e.to_string()))?;
        Ok(Self {
            key_id: key_id.into(),
            public_key: STANDARD.encode(der.as_bytes()),
            key,
        })
    }

    /// A decryptor for a PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`).
    ///
    /// # Errors
    /// [`JweError::InvalidKey`] if the PEM is not an RSA private key.
    pub fn from_pkcs8_pem(key_id: impl Into<String>, pem: &str) -> Result<Self, JweError> {
        let key =
            PrivateKey::from_pkcs8_pem(pem).map_err(|e| JweError::InvalidKey(e.to_string()))?;
        Self::new(key_id, key)
    }

    /// The built-in sandbox key, id [`SANDBOX_KEY_ID`].
    ///
    /// # Errors
    /// None in practice: the key is a constant.
    pub fn sandbox() -> Result<Self, JweError> {
        Self::from_pkcs8_pem(SANDBOX_KEY_ID, SANDBOX_PRIVATE_KEY_PEM)
    }

    /// The key id, expected as `kid`.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The private key (the sandbox also signs detokenization certificates with it).
    pub(crate) fn private_key(&self) -> &PrivateKey {
        &self.key
    }

    /// Base64 (standard, padded) of the DER SubjectPublicKeyInfo of the public key.
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// The client API's public-key answer: `{"keyId": …, "publicKey": …}`.
    pub fn public_key_response(&self) -> Value {
        serde_json::json!({ "keyId": self.key_id, "publicKey": self.public_key })
    }

    /// Decrypts a compact JWE and parses its plaintext as JSON. The header is checked
    /// first, then the key is unwrapped, then the tag is verified in constant time before
    /// any byte is decrypted.
    ///
    /// # Errors
    /// See [`JweError`].
    pub fn decrypt(&self, compact: &str) -> Result<Decrypted, JweError> {
        let parts: Vec<&str> = compact.split('.').collect();
        let [header_b64, wrapped_b64, iv_b64, ciphertext_b64, tag_b64] = parts[..] else {
            return Err(JweError::Malformed("a compact JWE has five parts"));
        };
        let header: Value =
            serde_json::from_slice(&decode(header_b64, "the header is not base64url")?)
                .map_err(|_| JweError::Malformed("the header is not JSON"))?;
        let kid = self.check_header(&header)?;
        let wrapped = decode(wrapped_b64, "the encrypted key is not base64url")?;
        let iv = decode(iv_b64, "the IV is not base64url")?;
        let ciphertext = decode(ciphertext_b64, "the ciphertext is not base64url")?;
        let tag = decode(tag_b64, "the tag is not base64url")?;
        let cek = self
            .key
            .decrypt_blinded(&mut getrandom::SysRng, Oaep::<Sha1>::new(), &wrapped)
            .map_err(|_| JweError::WrongKey)?;
        let plaintext = open(&cek, &iv, header_b64.as_bytes(), &ciphertext, &tag)?;
        let plaintext = serde_json::from_slice(&plaintext)
            .map_err(|_| JweError::Malformed("the plaintext is not JSON"))?;
        Ok(Decrypted { kid, plaintext })
    }

    fn check_header(&self, header: &Value) -> Result<String, JweError> {
        let object = header
            .as_object()
            .ok_or(JweError::Malformed("the header is not a JSON object"))?;
        let member = |name| object.get(name).and_then(Value::as_str);
        let (alg, enc) = (member("alg"), member("enc"));
        if alg != Some(ALG)
            || enc != Some(ENC)
            || object.contains_key("zip")
            || object.contains_key("crit")
        {
            return Err(JweError::Unsupported {
                alg: alg.unwrap_or_default().to_owned(),
                enc: enc.unwrap_or_default().to_owned(),
            });
        }
        match member("kid") {
            Some(kid) if kid == self.key_id => Ok(kid.to_owned()),
            other => Err(JweError::UnknownKeyId(other.unwrap_or_default().to_owned())),
        }
    }
}

impl fmt::Debug for JweDecryptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JweDecryptor")
            .field("key_id", &self.key_id)
            .field("key", &"[REDACTED]")
            .finish()
    }
}

fn decode(part: &str, error: &'static str) -> Result<Vec<u8>, JweError> {
    URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| JweError::Malformed(error))
}

/// A256CBC-HS512 decryption: verifies the tag over `aad ‖ iv ‖ ciphertext ‖ AL` with the
/// first half of `cek`, then decrypts with the second half.
fn open(
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
    tag: &[u8],
) -> Result<Vec<u8>, JweError> {
    if iv.len() != IV_LEN {
        return Err(JweError::Malformed("the IV is not 16 bytes"));
    }
    if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(BLOCK_LEN) {
        return Err(JweError::Malformed(
            "the ciphertext is not whole AES blocks",
        ));
    }
    if tag.len() != TAG_LEN {
        return Err(JweError::Malformed("the tag is not 32 bytes"));
    }
    if cek.len() != CEK_LEN {
        return Err(JweError::WrongKey);
    }
    let (mac_key, enc_key) = cek.split_at(CEK_LEN / 2);
    let al = (aad.len() as u64).wrapping_mul(8).to_be_bytes();
    <Hmac<Sha512> as KeyInit>::new_from_slice(mac_key)
        .map_err(|_| JweError::WrongKey)?
        .chain_update(aad)
        .chain_update(iv)
        .chain_update(ciphertext)
        .chain_update(al)
        .verify_truncated_left(tag)
        .map_err(|_| JweError::Tampered)?;
    cbc::Decryptor::<Aes256>::new_from_slices(enc_key, iv)
        .map_err(|_| JweError::Malformed("the IV is not 16 bytes"))?
        .decrypt_padded_vec::<Pkcs7>(ciphertext)
        .map_err(|_| JweError::Malformed("the plaintext padding is invalid"))
}

#[cfg(test)]
mod tests;
