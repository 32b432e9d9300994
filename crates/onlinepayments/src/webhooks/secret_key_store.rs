//! Where webhook secrets come from.

use std::sync::Arc;

use payments_core::secret::SecretString;

use crate::errors::Error;

/// `SecretKeyStore`: looks up the secret of a webhook key id (the "WebhooksKey" and
/// "WebhooksKeySecret" of the Merchant Portal). Implement it for a database or vault.
pub trait SecretKeyStore: Send + Sync {
    /// The secret for `key_id`, or [`Error::SecretKeyNotAvailableException`].
    fn get_secret_key(&self, key_id: &str) -> Result<SecretString, Error>;
}

impl<T: SecretKeyStore + ?Sized> SecretKeyStore for Arc<T> {
    fn get_secret_key(&self, key_id: &str) -> Result<SecretString, Error> {
        (**self).get_secret_key(key_id)
    }
}

impl<T: SecretKeyStore + ?Sized> SecretKeyStore for Box<T> {
    fn get_secret_key(&self, key_id: &str) -> Result<SecretString, Error> {
        (**self).get_secret_key(key_id)
    }
}
