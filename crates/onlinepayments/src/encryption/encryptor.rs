//! The JWE compact serialisation of `encryptedCustomerInput`.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD_PAD_INDIFFERENT, URL_SAFE_NO_PAD};
use payments_core::secret::{ExposeSecret, SecretString};
use payments_core::signing::hex_lower;
use rand_core::TryCryptoRng;
use rsa::pkcs8::DecodePublicKey;
use rsa::traits::PublicKeyParts;
use rsa::{Oaep, PublicKey};
use serde::{Deserialize, Serialize};
use sha1::Sha1;
use zeroize::Zeroizing;

use super::content::{self, CEK_LEN, IV_LEN};
use super::error::EncryptionError;
use super::request::{CreditCardTokenRequest, Payload, PaymentRequest};

/// `alg` of the protected header: the content key is wrapped with RSA-OAEP (SHA-1, MGF1-SHA-1).
pub const ALG: &str = "RSA-OAEP";
/// `enc` of the protected header: the content is encrypted with A256CBC-HS512.
pub const ENC: &str = "A256CBC-HS512";
/// Random bytes behind the hex `nonce` of the plaintext (32 hex characters).
const NONCE_LEN: usize = 16;

/// The client API's answer to `GET /{customerId}/crypto/publickey`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicKeyResponse {
    /// Id of the key, sent back as the JWE `kid`.
    pub key_id: String,
    /// Base64 (standard alphabet) of the DER SubjectPublicKeyInfo of an RSA key.
    pub public_key: String,
}

impl PublicKeyResponse {
    /// A response with this key id and base64 public key.
    pub fn new(key_id: impl Into<String>, public_key: impl Into<String>) -> Self {
        Self {
            key_id: key_id.into(),
            public_key: public_key.into(),
        }
    }
}

/// Encrypts customer input for one client session into `encryptedCustomerInput`, the way
/// the platform's client SDKs do.
///
/// The output is a JWE in compact serialisation (RFC 7516): five base64url parts without
/// padding, `header.wrappedKey.iv.ciphertext.tag`, with the protected header
/// `{"alg":"RSA-OAEP","enc":"A256CBC-HS512","kid":"<keyId>"}`. Every call draws a fresh
/// content key, IV and nonce from the operating system's random number generator.
///
/// `Debug` shows the key id and size, never the client session id.
#[derive(Clone)]
pub struct Encryptor {
    client_session_id: SecretString,
    key_id: String,
    public_key: PublicKey,
    encoded_header: String,
}

impl Encryptor {
    /// An encryptor for the session `client_session_id` (from `SessionResponse`) and the
    /// session's public key.
    ///
    /// # Errors
    /// [`EncryptionError::InvalidBase64`] or [`EncryptionError::InvalidPublicKey`] when
    /// `public_key.public_key` is not the base64 DER of an RSA public key. ASCII whitespace
    /// in the base64 text is ignored, and so is missing padding.
    pub fn new(
        client_session_id: impl Into<String>,
        public_key: &PublicKeyResponse,
    ) -> Result<Self, EncryptionError> {
        let text: String = public_key
            .public_key
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        let der = STANDARD_PAD_INDIFFERENT
            .decode(text)
            .map_err(EncryptionError::InvalidBase64)?;
        let key = PublicKey::from_public_key_der(&der)
            .map_err(|e| EncryptionError::InvalidPublicKey(e.to_string()))?;
        let header = serde_json::to_vec(&Header {
            alg: ALG,
            enc: ENC,
            kid: &public_key.key_id,
        })
        .map_err(EncryptionError::Json)?;
        Ok(Self {
            client_session_id: SecretString::from(client_session_id.into()),
            key_id: public_key.key_id.clone(),
            public_key: key,
            encoded_header: URL_SAFE_NO_PAD.encode(header),
        })
    }

    /// The key id, written as `kid` in every header.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The base64url protected header, the first part of every output.
    pub fn encoded_header(&self) -> &str {
        &self.encoded_header
    }

    /// Encrypts a payment request into `encryptedCustomerInput`.
    ///
    /// # Errors
    /// [`EncryptionError::Random`] if the operating system has no randomness to give;
    /// the other variants only for impossible key or cipher states.
    #[doc(alias = "encryptPaymentRequest")]
    pub fn encrypt(&self, request: &PaymentRequest) -> Result<String, EncryptionError> {
        self.encrypt_with(&mut getrandom::SysRng, request)
    }

    /// Encrypts a card token request into `encryptedCustomerInput` (for create-token).
    ///
    /// # Errors
    /// As [`encrypt`](Self::encrypt).
    #[doc(alias = "encryptTokenRequest")]
    pub fn encrypt_token_request(
        &self,
        request: &CreditCardTokenRequest,
    ) -> Result<String, EncryptionError> {
        self.encrypt_with(&mut getrandom::SysRng, request)
    }

    /// Encrypts with randomness from `rng`, drawn in this order: nonce (16 bytes), content
    /// key (64), the RSA-OAEP seed, IV (16). Tests pass a deterministic generator.
    pub(crate) fn encrypt_with<R, T>(
        &self,
        rng: &mut R,
        request: &T,
    ) -> Result<String, EncryptionError>
    where
        R: TryCryptoRng + ?Sized,
        T: CustomerInput + ?Sized,
    {
        let nonce = hex_lower(&random::<NONCE_LEN, R>(rng)?);
        let plaintext = Zeroizing::new(
            serde_json::to_vec(&request.payload(self.client_session_id.expose_secret(), &nonce))
                .map_err(EncryptionError::Json)?,
        );
        let cek = Zeroizing::new(random::<CEK_LEN, R>(rng)?);
        let wrapped = self
            .public_key
            .encrypt(rng, Oaep::<Sha1>::new(), cek.as_slice())
            .map_err(|e| EncryptionError::KeyWrap(e.to_string()))?;
        let iv = random::<IV_LEN, R>(rng)?;
        let sealed = content::seal(&cek, &iv, self.encoded_header.as_bytes(), &plaintext)
            .map_err(|_| EncryptionError::Cipher)?;
        Ok([
            self.encoded_header.clone(),
            URL_SAFE_NO_PAD.encode(wrapped),
            URL_SAFE_NO_PAD.encode(iv),
            URL_SAFE_NO_PAD.encode(&sealed.ciphertext),
            URL_SAFE_NO_PAD.encode(sealed.tag),
        ]
        .join("."))
    }
}

impl fmt::Debug for Encryptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Encryptor")
            .field("client_session_id", &"[REDACTED]")
            .field("key_id", &self.key_id)
            .field("key_bits", &(self.public_key.size() * 8))
            .finish()
    }
}

/// A request that becomes the plaintext JSON.
pub(crate) trait CustomerInput {
    fn payload<'a>(&'a self, client_session_id: &'a str, nonce: &'a str) -> Payload<'a>;
}

impl CustomerInput for PaymentRequest {
    fn payload<'a>(&'a self, client_session_id: &'a str, nonce: &'a str) -> Payload<'a> {
        PaymentRequest::payload(self, client_session_id, nonce)
    }
}

impl CustomerInput for CreditCardTokenRequest {
    fn payload<'a>(&'a self, client_session_id: &'a str, nonce: &'a str) -> Payload<'a> {
        CreditCardTokenRequest::payload(self, client_session_id, nonce)
    }
}

/// The protected header, members in the client SDKs' order.
#[derive(Serialize)]
struct Header<'a> {
    alg: &'a str,
    enc: &'a str,
    kid: &'a str,
}

fn random<const N: usize, R: TryCryptoRng + ?Sized>(
    rng: &mut R,
) -> Result<[u8; N], EncryptionError> {
    let mut out = [0; N];
    rng.try_fill_bytes(&mut out)
        .map_err(|e| EncryptionError::Random(e.to_string()))?;
    Ok(out)
}
