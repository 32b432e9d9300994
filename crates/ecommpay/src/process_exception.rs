//! Errors: `payment_page_sdk.process_exception.ProcessException`.

/// A callback or booking details could not be accepted; mirrors the official
/// `ProcessException`.
///
/// `Display` gives the official SDKs' messages (Python's for callbacks, PHP's for booking
/// details).
#[derive(Debug, thiserror::Error)]
#[doc(alias = "ProcessException")]
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
    /// The booking details hold no entry (PHP's `Empty array passed`).
    #[error("Empty array passed")]
    EmptyBookingInfo,
    /// The booking details cannot be encoded as PHP's `json_encode` would (PHP's `Invalid data
    /// passed`): not an object or a list, a string that is not UTF-8, a NaN or infinite float,
    /// more than 512 levels of nesting, a map key that is not a string or an integer, or an
    /// error of the value's own `Serialize`.
    #[error("Invalid data passed: {reason}")]
    InvalidBookingInfo {
        /// What is wrong.
        reason: String,
    },
}

/// The official SDK's name for [`Error`].
pub type ProcessException = Error;
