//! Webhooks: validating the signature of event deliveries and reading the events.
//!
//! ```
//! use onlinepayments::communication::RequestHeader;
//! use onlinepayments::webhooks::{InMemorySecretKeyStore, Webhooks};
//!
//! let key_store = InMemorySecretKeyStore::new();
//! key_store.store_secret_key("key-1", "my-webhook-secret")?;
//! let helper = Webhooks::create_helper(key_store.clone());
//!
//! let body = br#"{"apiVersion":"v1","id":"evt-1","created":"2024-03-05T10:00:00.000+01:00","merchantId":"M1","type":"payment.captured","payment":{"id":"3066019730_0","status":"CAPTURED","paymentOutput":{"amountOfMoney":{"amount":1000,"currencyCode":"EUR"}}}}"#;
//! let headers = [
//!     RequestHeader::new("X-GCS-Signature", "qY2saCLFy99bftGLRtGIXRwa3y1Y/T+20h1Y2wmOYdQ="),
//!     RequestHeader::new("X-GCS-KeyId", "key-1"),
//! ];
//! let event = helper.unmarshal(body, &headers)?;
//! assert_eq!(event.r#type.as_deref(), Some("payment.captured"));
//! # Ok::<(), onlinepayments::Error>(())
//! ```

mod in_memory_secret_key_store;
mod secret_key_store;
mod signature_validator;
mod webhooks_helper;

pub use in_memory_secret_key_store::InMemorySecretKeyStore;
pub use secret_key_store::SecretKeyStore;
pub use signature_validator::SignatureValidator;
pub use webhooks_helper::{SDK_API_VERSION, Webhooks, WebhooksHelper};
