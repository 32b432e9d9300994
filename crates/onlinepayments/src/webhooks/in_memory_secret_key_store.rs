//! A secret key store in memory.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use payments_core::secret::SecretString;

use super::secret_key_store::SecretKeyStore;
use crate::communication::python_strip;
use crate::errors::{Error, SecretKeyNotAvailableException};

/// `InMemorySecretKeyStore`: webhook secrets kept in memory. Clones share the same keys;
/// [`instance`](Self::instance) is a process-wide store.
#[derive(Clone, Default)]
pub struct InMemorySecretKeyStore {
    store: Arc<RwLock<HashMap<String, SecretString>>>,
}

impl fmt::Debug for InMemorySecretKeyStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let map = self.store.read().unwrap_or_else(PoisonError::into_inner);
        let mut keys: Vec<&String> = map.keys().collect();
        keys.sort();
        f.debug_struct("InMemorySecretKeyStore")
            .field("key_ids", &keys)
            .finish()
    }
}

impl InMemorySecretKeyStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// The process-wide store.
    pub fn instance() -> Self {
        static INSTANCE: OnceLock<InMemorySecretKeyStore> = OnceLock::new();
        INSTANCE.get_or_init(Self::new).clone()
    }

    /// Stores the secret of a key id; both must be non-blank (`key_id is required`,
    /// `secret_key is required`).
    pub fn store_secret_key(
        &self,
        key_id: impl Into<String>,
        secret_key: impl Into<String>,
    ) -> Result<(), Error> {
        let key_id = key_id.into();
        let secret_key = secret_key.into();
        if python_strip(&key_id).is_empty() {
            return Err(Error::configuration("key_id is required"));
        }
        if python_strip(&secret_key).is_empty() {
            return Err(Error::configuration("secret_key is required"));
        }
        self.store
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key_id, SecretString::from(secret_key));
        Ok(())
    }

    /// Removes the secret of a key id; returns it, or `None` if it was not stored.
    pub fn remove_secret_key(&self, key_id: &str) -> Option<SecretString> {
        self.store
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(key_id)
    }

    /// Removes every secret.
    pub fn clear(&self) {
        self.store
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

impl SecretKeyStore for InMemorySecretKeyStore {
    fn get_secret_key(&self, key_id: &str) -> Result<SecretString, Error> {
        self.store
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key_id)
            .cloned()
            .ok_or_else(|| {
                Error::SecretKeyNotAvailableException(SecretKeyNotAvailableException::new(
                    key_id,
                    format!("could not find secret key for key id {key_id}"),
                ))
            })
    }
}
