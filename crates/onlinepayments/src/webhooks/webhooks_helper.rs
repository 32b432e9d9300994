//! Reading webhook events.

use std::sync::Arc;

use super::secret_key_store::SecretKeyStore;
use super::signature_validator::SignatureValidator;
use crate::communication::RequestHeader;
use crate::domain::WebhooksEvent;
use crate::errors::{ApiVersionMismatchException, Error, MarshallerSyntaxException};

/// The event API version this SDK reads.
pub const SDK_API_VERSION: &str = "v1";

/// `WebhooksHelper`: validates a delivery's signature and reads its event.
#[derive(Debug, Clone)]
pub struct WebhooksHelper {
    signature_validator: SignatureValidator,
}

impl WebhooksHelper {
    /// A helper over a secret key store.
    pub fn new<S: SecretKeyStore + 'static>(secret_key_store: S) -> Self {
        Self {
            signature_validator: SignatureValidator::new(Arc::new(secret_key_store)),
        }
    }

    /// The key store.
    pub fn secret_key_store(&self) -> &Arc<dyn SecretKeyStore> {
        self.signature_validator.secret_key_store()
    }

    /// Validates the signature of the raw body (exactly as received) and returns the event.
    ///
    /// # Errors
    ///
    /// `SignatureValidationException` for a missing, repeated or wrong signature header,
    /// `SecretKeyNotAvailableException` for an unknown key id, `MarshallerSyntaxException`
    /// for a body that is not a JSON object, and `ApiVersionMismatchException` for an
    /// event whose `apiVersion` is not `v1` (or is missing).
    pub fn unmarshal(
        &self,
        body: &[u8],
        request_headers: &[RequestHeader],
    ) -> Result<WebhooksEvent, Error> {
        self.signature_validator.validate(body, request_headers)?;
        let text = std::str::from_utf8(body).map_err(|_| {
            Error::MarshallerSyntaxException(MarshallerSyntaxException::new(
                "the webhook body is not valid UTF-8",
            ))
        })?;
        let event: WebhooksEvent = serde_json::from_str(text)
            .map_err(|e| Error::MarshallerSyntaxException(MarshallerSyntaxException::from(e)))?;
        if event.api_version.as_deref() != Some(SDK_API_VERSION) {
            return Err(Error::ApiVersionMismatchException(
                ApiVersionMismatchException::new(event.api_version.clone(), SDK_API_VERSION),
            ));
        }
        Ok(event)
    }
}

/// `Webhooks`: creates webhooks helpers.
#[derive(Debug, Clone, Copy)]
pub struct Webhooks;

impl Webhooks {
    /// A [`WebhooksHelper`] over a secret key store.
    pub fn create_helper<S: SecretKeyStore + 'static>(secret_key_store: S) -> WebhooksHelper {
        WebhooksHelper::new(secret_key_store)
    }
}
