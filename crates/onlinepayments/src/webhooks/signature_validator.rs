//! Validation of webhook signatures.

use std::sync::Arc;

use payments_core::secret::ExposeSecret;
use payments_core::signing::{base64_encode, constant_time_eq, hmac_sha256};

use super::secret_key_store::SecretKeyStore;
use crate::communication::RequestHeader;
use crate::errors::{Error, SignatureValidationException};

/// `SignatureValidator`: checks `X-GCS-Signature` against
/// `base64(HMAC-SHA256(secret, body))`, with the secret of `X-GCS-KeyId`.
///
/// The comparison is constant-time and byte-exact (no trimming, padding required).
#[derive(Clone)]
pub struct SignatureValidator {
    secret_key_store: Arc<dyn SecretKeyStore>,
}

impl std::fmt::Debug for SignatureValidator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignatureValidator").finish_non_exhaustive()
    }
}

/// Whether `header.lower() == name.lower()` (Unicode lowercase), without copies for ASCII.
fn same_name(header: &str, name: &str) -> bool {
    if header.is_ascii() && name.is_ascii() {
        header.eq_ignore_ascii_case(name)
    } else {
        header.to_lowercase() == name.to_lowercase()
    }
}

fn header_value<'a>(headers: &'a [RequestHeader], name: &str) -> Result<&'a str, Error> {
    let mut value = None;
    for header in headers {
        if same_name(header.name(), name) {
            if value.is_some() {
                return Err(Error::SignatureValidationException(
                    SignatureValidationException::new(format!(
                        "encountered multiple occurrences of header '{name}'"
                    )),
                ));
            }
            value = Some(header.value());
        }
    }
    value.ok_or_else(|| {
        Error::SignatureValidationException(SignatureValidationException::new(format!(
            "could not find header '{name}'"
        )))
    })
}

impl SignatureValidator {
    /// A validator over a key store.
    pub fn new(secret_key_store: Arc<dyn SecretKeyStore>) -> Self {
        Self { secret_key_store }
    }

    /// The key store.
    pub fn secret_key_store(&self) -> &Arc<dyn SecretKeyStore> {
        &self.secret_key_store
    }

    /// Validates the raw body against the delivery's headers.
    pub fn validate(&self, body: &[u8], request_headers: &[RequestHeader]) -> Result<(), Error> {
        let signature = header_value(request_headers, "X-GCS-Signature")?;
        let key_id = header_value(request_headers, "X-GCS-KeyId")?;
        let secret = self.secret_key_store.get_secret_key(key_id)?;
        let expected = base64_encode(&hmac_sha256(secret.expose_secret().as_bytes(), body));
        if constant_time_eq(signature.as_bytes(), expected.as_bytes()) {
            Ok(())
        } else {
            Err(Error::SignatureValidationException(
                SignatureValidationException::new(format!(
                    "failed to validate signature: {signature}"
                )),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn header_names_compare_as_python_lower() {
        let headers = [RequestHeader::new("x-gcs-SIGNATURE", "s")];
        assert_eq!(header_value(&headers, "X-GCS-Signature").unwrap(), "s");
        // `'\u{212a}'.lower()` (KELVIN SIGN) is `k`, so Python finds this header too.
        let headers = [RequestHeader::new("X-GCS-\u{212a}eyId", "k")];
        assert_eq!(header_value(&headers, "X-GCS-KeyId").unwrap(), "k");
        let headers = [
            RequestHeader::new("X-GCS-KeyId", "a"),
            RequestHeader::new("x-gcs-keyid", "b"),
        ];
        assert!(header_value(&headers, "X-GCS-KeyId").is_err());
        assert!(header_value(&[], "X-GCS-KeyId").is_err());
        assert!(!same_name("X-GCS-KeyIdé", "X-GCS-KeyId"));
    }
}
