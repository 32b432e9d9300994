//! Failures of client-side encryption.

/// Why a public key was refused or a request could not be encrypted.
///
/// No variant carries card data.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EncryptionError {
    /// `publicKey` is not base64.
    #[error("the public key is not valid base64: {0}")]
    InvalidBase64(#[source] base64::DecodeError),
    /// `publicKey` is base64, but not the DER SubjectPublicKeyInfo of a usable RSA key
    /// (1024 to 8192 bits).
    #[error("the public key is not an RSA SubjectPublicKeyInfo: {0}")]
    InvalidPublicKey(String),
    /// The random number generator failed.
    #[error("the random number generator failed: {0}")]
    Random(String),
    /// RSA-OAEP refused to wrap the content encryption key.
    #[error("RSA-OAEP key wrapping failed: {0}")]
    KeyWrap(String),
    /// A cipher refused its key or IV length.
    #[error("the content cipher refused its key")]
    Cipher,
    /// The plaintext could not be serialised.
    #[error("the customer input could not be serialised: {0}")]
    Json(#[source] serde_json::Error),
}
