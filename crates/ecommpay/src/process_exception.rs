//! Errors: `payment_page_sdk.process_exception.ProcessException`.

/// A callback could not be accepted; mirrors the official `ProcessException`.
///
/// `Display` gives the official SDK's messages.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The callback body is not valid JSON (`Error on response decoding`).
    #[error("Error on response decoding")]
    Decoding {
        /// The JSON parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// Neither `signature` nor `general.signature` holds a value (`Signature undefined`).
    #[error("Signature undefined")]
    SignatureUndefined,
    /// The callback's signature does not match its content (`Signature <sig> is invalid`).
    #[error("Signature {signature} is invalid")]
    SignatureInvalid {
        /// The signature found in the callback (non-string values as their JSON text).
        signature: String,
    },
}

/// The official SDK's name for [`Error`].
pub type ProcessException = Error;
