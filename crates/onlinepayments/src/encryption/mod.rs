//! Client-side encryption of card data: `encryptedCustomerInput` (feature `encryption`).
//!
//! A checkout that collects card data in its own client encrypts it for the platform, which
//! alone can decrypt it, and sends the result as `encryptedCustomerInput` in
//! create-payment or create-token. [`Encryptor`] writes exactly what the platform's client
//! SDKs (JavaScript, Swift) write:
//!
//! - a JWE in compact serialisation (RFC 7516), five base64url parts without padding:
//!   `header.wrappedKey.iv.ciphertext.tag`;
//! - the protected header `{"alg":"RSA-OAEP","enc":"A256CBC-HS512","kid":"<keyId>"}`;
//! - a 64-byte random content key, wrapped with RSA-OAEP (SHA-1, MGF1-SHA-1) under the
//!   session's public key;
//! - A256CBC-HS512 content encryption (RFC 7518 §5.2.5): the first 32 key bytes are the
//!   HMAC-SHA-512 key, the last 32 the AES-256-CBC key; a random 16-byte IV; the tag is
//!   the first 32 bytes of the HMAC over `header ‖ IV ‖ ciphertext ‖ AL`;
//! - the plaintext JSON of the JavaScript SDK: `clientSessionId`, `nonce` (32 hex
//!   characters), `paymentProductId`, `tokenize`, `collectedDeviceInformation`,
//!   `paymentValues` (`[{"key":…,"value":…}]`) and `accountOnFileId`, in that order.
//!
//! The public key comes from the client API (`GET {clientApiUrl}/v1/{customerId}/crypto/publickey`
//! with the session's `clientSessionId`) as a [`PublicKeyResponse`].
//!
//! ```
//! use onlinepayments::encryption::{Encryptor, PaymentRequest, PublicKeyResponse};
//!
//! # fn main() -> Result<(), onlinepayments::encryption::EncryptionError> {
//! // The answer of GET /v1/{customerId}/crypto/publickey (a 2048-bit RSA key).
//! let key = PublicKeyResponse::new(
//!     "2c3363b2-ce03-4079-90db-c8bf381ac49c",
//!     "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxMXRHSr5bSPvfiHQ8P1oCzg6GyPlpXqll28GKWJt\
//!      7aX6usYzFwIC7+c6lQcVnkGB+5kEAX6Ek56LjkQDw48NV9qyoF8U91ih0XRhKtZ21CQmsfakmpY3BfVy1eY1l4\
//!      OUHOABWkBo8pQCBbcBHb/rUVQVvLOd+jOeF6GIjtb7XJpkqiXKchNTm0qGLu8YjnRL3ZC5lqOX0qi9/HFMyWDw\
//!      BSXZSLjTTkDF1UWalVeMt91b0Yij0SS0+ShL8gdt1EmGU9eEeaR1NPOH1thiPzVi7rFeSq1Fj+H65YPQBx2e4b\
//!      07NzDF0xsbpB73BoSDeWNbMl8dvLJ7byn95IKIsCh9FQIDAQAB",
//! );
//! let encryptor = Encryptor::new("the-client-session-id", &key)?;
//!
//! let request = PaymentRequest::new(1)
//!     .value("cardNumber", "4012000033330026")
//!     .value("expiryDate", "0530")
//!     .value("cvv", "123")
//!     .value("cardholderName", "Wile E. Coyote");
//! let encrypted_customer_input = encryptor.encrypt(&request)?;
//!
//! assert_eq!(encrypted_customer_input.split('.').count(), 5);
//! // Put it in CreatePaymentRequest.encrypted_customer_input.
//! # Ok(())
//! # }
//! ```

mod content;
mod encryptor;
mod error;
mod request;
#[cfg(test)]
mod tests;

pub use encryptor::{ALG, ENC, Encryptor, PublicKeyResponse};
pub use error::EncryptionError;
pub use request::{BrowserData, CreditCardTokenRequest, DeviceInformation, PaymentRequest};
