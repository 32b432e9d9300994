//! The TLS backend of the built-in transports, chosen by cargo features:
//!
//! - `rustls` (default): rustls with the *ring* provider and the platform's certificate
//!   verifier. No C build. The configuration is built here and handed to reqwest, so no
//!   process-wide default provider is installed.
//! - `rustls-aws-lc`: reqwest's own rustls configuration with aws-lc-rs (a C build).
//! - `native-tls`: the platform's TLS library (OpenSSL on Linux).
//!
//! With several enabled, `rustls-aws-lc` wins over `rustls`, and either over `native-tls`.

use super::TransportError;

/// A reqwest client builder (async or blocking) that takes the TLS backend the features
/// select.
pub(crate) trait WithTls: Sized {
    /// The builder with its TLS backend set.
    fn with_tls(self) -> Result<Self, TransportError>;
}

macro_rules! impl_with_tls {
    ($builder:ty) => {
        impl WithTls for $builder {
            #[cfg(all(feature = "rustls", not(feature = "rustls-aws-lc")))]
            fn with_tls(self) -> Result<Self, TransportError> {
                Ok(self.tls_backend_preconfigured(ring_config()?))
            }

            #[cfg(not(all(feature = "rustls", not(feature = "rustls-aws-lc"))))]
            fn with_tls(self) -> Result<Self, TransportError> {
                Ok(self)
            }
        }
    };
}

impl_with_tls!(reqwest::ClientBuilder);
#[cfg(feature = "blocking")]
impl_with_tls!(reqwest::blocking::ClientBuilder);

/// rustls with the ring provider and the platform's certificate verifier, HTTP/1.1.
#[cfg(all(feature = "rustls", not(feature = "rustls-aws-lc")))]
fn ring_config() -> Result<rustls::ClientConfig, TransportError> {
    use std::sync::Arc;

    use rustls_platform_verifier::Verifier;

    use super::TransportErrorKind;

    let fail = |what: &str, e: rustls::Error| {
        TransportError::new(
            TransportErrorKind::Tls,
            format!("could not set up TLS: {what}"),
        )
        .with_source(e)
        .with_may_have_been_sent(false)
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Verifier::new(provider.clone()).map_err(|e| fail("certificate verifier", e))?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| fail("protocol versions", e))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}
