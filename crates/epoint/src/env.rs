//! Configuration (the official `integrify.epoint.env`) and the API paths.

use std::time::Duration;

use payments_core::http::{DEFAULT_MAX_RESPONSE_BODY, TransportConfig};
use payments_core::runtime::RetryPolicy;
use payments_core::secret::{SecretString, secret};

use crate::error::Error;
use crate::handlers::{self as h, PayloadHandler};

/// The EPoint API's base URL and endpoint paths (the official `env.API`); each path is
/// the [`PayloadHandler::PATH`] of its endpoint.
#[derive(Debug, Clone, Copy)]
#[doc(alias = "API")]
pub struct Api;

impl Api {
    /// `https://epoint.az`
    pub const BASE_URL: &'static str = "https://epoint.az";
    /// `pay`: `/api/1/request`
    pub const PAY: &'static str = <h::PaymentPayloadHandler as PayloadHandler>::PATH;
    /// `get_transaction_status`: `/api/1/get-status`
    pub const GET_STATUS: &'static str =
        <h::GetTransactionStatusPayloadHandler as PayloadHandler>::PATH;
    /// `save_card`: `/api/1/card-registration`
    pub const SAVE_CARD: &'static str = <h::SaveCardPayloadHandler as PayloadHandler>::PATH;
    /// `pay_with_saved_card`: `/api/1/execute-pay`
    pub const PAY_WITH_SAVED_CARD: &'static str =
        <h::PayWithSavedCardPayloadHandler as PayloadHandler>::PATH;
    /// `pay_and_save_card`: `/api/1/card-registration-with-pay`
    pub const PAY_AND_SAVE_CARD: &'static str =
        <h::PayAndSaveCardPayloadHandler as PayloadHandler>::PATH;
    /// `payout`: `/api/1/refund-request`
    pub const PAYOUT: &'static str = <h::PayoutPayloadHandler as PayloadHandler>::PATH;
    /// `refund`: `/api/1/reverse`
    pub const REFUND: &'static str = <h::RefundPayloadHandler as PayloadHandler>::PATH;
    /// `split_pay`: `/api/1/split-request`
    pub const SPLIT_PAY: &'static str = <h::SplitPayPayloadHandler as PayloadHandler>::PATH;
    /// `split_pay_with_saved_card`: `/api/1/split-execute-pay`
    pub const SPLIT_PAY_WITH_SAVED_CARD: &'static str =
        <h::SplitPayWithSavedCardPayloadHandler as PayloadHandler>::PATH;
    /// `split_pay_and_save_card`: `/api/1/split-card-registration-with-pay`
    pub const SPLIT_PAY_AND_SAVE_CARD: &'static str =
        <h::SplitPayAndSaveCardPayloadHandler as PayloadHandler>::PATH;
    /// `create_widget`: `/api/1/token/widget`
    pub const CREATE_WIDGET: &'static str = <h::CreateWidgetPayloadHandler as PayloadHandler>::PATH;
    /// `create_token_payment`: `/api/1/token/payment`
    pub const CREATE_TOKEN_PAYMENT: &'static str =
        <h::CreateTokenPaymentPayloadHandler as PayloadHandler>::PATH;
    /// `apple_pay_session`: `/api/1/token/apple/session`
    pub const APPLE_PAY_SESSION: &'static str =
        <h::ApplePaySessionPayloadHandler as PayloadHandler>::PATH;
    /// `apple_pay`: `/api/1/token/apple/pay`
    pub const APPLE_PAY: &'static str = <h::ApplePayPayloadHandler as PayloadHandler>::PATH;
    /// `google_pay`: `/api/1/token/google/pay`
    pub const GOOGLE_PAY: &'static str = <h::GooglePayPayloadHandler as PayloadHandler>::PATH;
}

/// Environment variable holding the public key (merchant id, `i000000001`).
pub const EPOINT_PUBLIC_KEY: &str = "EPOINT_PUBLIC_KEY";
/// Environment variable holding the private key.
pub const EPOINT_PRIVATE_KEY: &str = "EPOINT_PRIVATE_KEY";
/// Environment variable holding the payment page language (`az` when unset).
pub const EPOINT_INTERFACE_LANG: &str = "EPOINT_INTERFACE_LANG";
/// Environment variable holding the default success redirect URL.
pub const EPOINT_SUCCESS_REDIRECT_URL: &str = "EPOINT_SUCCESS_REDIRECT_URL";
/// Environment variable holding the default failure redirect URL.
pub const EPOINT_FAILED_REDIRECT_URL: &str = "EPOINT_FAILED_REDIRECT_URL";

/// Merchant keys and client settings.
///
/// `Debug` never shows the private key.
///
/// ```
/// use std::time::Duration;
///
/// let config = epoint::Config::new("i000000001", "private-key")
///     .language("en")
///     .success_redirect_url("https://shop.example/ok")
///     .failed_redirect_url("https://shop.example/failed")
///     .timeout(Duration::from_secs(20))
///     .retry_policy(epoint::RetryPolicy::default().max_attempts(2));
/// assert_eq!(config.base_url, "https://epoint.az");
/// assert!(!format!("{config:?}").contains("private-key"));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// Public key, sent as `public_key` in every request.
    pub public_key: String,
    /// Private key: signs requests and verifies callbacks.
    pub private_key: SecretString,
    /// Payment page language, sent as `language` (default `az`).
    pub language: String,
    /// Default `success_redirect_url` of the requests that carry one.
    pub success_redirect_url: Option<String>,
    /// Default `error_redirect_url` of the requests that carry one.
    pub failed_redirect_url: Option<String>,
    /// Base URL (default `https://epoint.az`). Only its scheme and host are used: the
    /// endpoint paths are absolute, as with the official `urljoin`.
    pub base_url: String,
    /// Time allowed for a whole request (default 10 s, as the official SDK). The
    /// built-in transport connects within 10 s.
    pub timeout: Duration,
    /// When calls are retried (default [`RetryPolicy::default`]; see
    /// [`Config::retry_policy`]).
    pub retry_policy: RetryPolicy,
    /// Largest response body the built-in transport reads, in bytes (default 16 MiB).
    pub max_response_body: usize,
}

impl Config {
    /// A configuration with the two keys and the defaults.
    pub fn new(public_key: impl Into<String>, private_key: impl Into<String>) -> Self {
        Self {
            public_key: public_key.into(),
            private_key: secret(private_key),
            language: "az".to_owned(),
            success_redirect_url: None,
            failed_redirect_url: None,
            base_url: Api::BASE_URL.to_owned(),
            timeout: Duration::from_secs(10),
            retry_policy: RetryPolicy::default(),
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
        }
    }

    /// Reads `EPOINT_PUBLIC_KEY`, `EPOINT_PRIVATE_KEY` (both required, non-empty),
    /// `EPOINT_INTERFACE_LANG`, `EPOINT_SUCCESS_REDIRECT_URL` and
    /// `EPOINT_FAILED_REDIRECT_URL` from the process environment.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`Config::from_env`], reading each variable through `lookup`.
    ///
    /// ```
    /// let config = epoint::Config::from_env_with(|name| match name {
    ///     "EPOINT_PUBLIC_KEY" => Some("i000000001".into()),
    ///     "EPOINT_PRIVATE_KEY" => Some("secret".into()),
    ///     _ => None,
    /// })?;
    /// assert_eq!(config.language, "az");
    /// # Ok::<(), epoint::Error>(())
    /// ```
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let required = |name: &'static str| match lookup(name) {
            Some(value) if !value.is_empty() => Ok(value),
            _ => Err(Error::MissingEnv { name }),
        };
        let public_key = required(EPOINT_PUBLIC_KEY)?;
        let private_key = required(EPOINT_PRIVATE_KEY)?;
        let mut config = Self::new(public_key, private_key);
        if let Some(language) = lookup(EPOINT_INTERFACE_LANG) {
            config.language = language;
        }
        config.success_redirect_url = lookup(EPOINT_SUCCESS_REDIRECT_URL);
        config.failed_redirect_url = lookup(EPOINT_FAILED_REDIRECT_URL);
        Ok(config)
    }

    /// Sets the payment page language (`az`, `en`, `ru`).
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = language.into();
        self
    }

    /// Sets the default success redirect URL.
    pub fn success_redirect_url(mut self, url: impl Into<String>) -> Self {
        self.success_redirect_url = Some(url.into());
        self
    }

    /// Sets the default failure redirect URL.
    pub fn failed_redirect_url(mut self, url: impl Into<String>) -> Self {
        self.failed_redirect_url = Some(url.into());
        self
    }

    /// Sets the base URL (a test server or a sandbox, for example).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Sets the request timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets when calls are retried. By default (up to 3 attempts within 60 s),
    /// `get_transaction_status` is retried on `429`, `502`, `503`, `504`, resets and
    /// timeouts, and every other endpoint only when the request certainly did not reach
    /// EPoint (refused connection, DNS, TLS handshake). [`RetryPolicy::none`] sends every
    /// call once.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry_policy = retry;
        self
    }

    /// Sets the largest response body the built-in transport reads, in bytes; a longer
    /// one is an [`Error::Transport`] of kind
    /// [`BodyTooLarge`](payments_core::http::TransportErrorKind::BodyTooLarge).
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// The settings of the built-in transport.
    #[cfg_attr(not(feature = "reqwest"), allow(dead_code))]
    pub(crate) fn transport_config(&self) -> TransportConfig {
        TransportConfig::default()
            .timeout(self.timeout)
            .max_response_body(self.max_response_body)
    }

    /// The absolute URL of an endpoint path: the base URL's scheme and host followed by
    /// the path (what Python's `urljoin(base_url, path)` gives for an absolute path).
    pub fn url(&self, path: &str) -> Result<String, Error> {
        let invalid = || {
            Error::InvalidConfig(format!(
                "base_url {:?} is not an absolute http(s) URL",
                self.base_url
            ))
        };
        let (scheme, rest) = self.base_url.split_once("://").ok_or_else(invalid)?;
        if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
            return Err(invalid());
        }
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if authority.is_empty() {
            return Err(invalid());
        }
        Ok(format!("{scheme}://{authority}{path}"))
    }

    /// Checks what a client needs: non-empty keys and a usable base URL.
    pub(crate) fn validate(&self) -> Result<(), Error> {
        if self.public_key.is_empty() {
            return Err(Error::InvalidConfig("public_key is empty".to_owned()));
        }
        if payments_core::secret::is_blank(&self.private_key) {
            return Err(Error::InvalidConfig("private_key is empty".to_owned()));
        }
        self.url("/").map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use payments_core::secret::ExposeSecret;

    #[test]
    fn from_env_requires_both_keys() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let err = Config::from_env_with(env(&[("EPOINT_PRIVATE_KEY", "x")])).unwrap_err();
        assert!(
            matches!(
                err,
                Error::MissingEnv {
                    name: "EPOINT_PUBLIC_KEY"
                }
            ),
            "{err}"
        );
        let err = Config::from_env_with(env(&[
            ("EPOINT_PUBLIC_KEY", "i1"),
            ("EPOINT_PRIVATE_KEY", ""),
        ]))
        .unwrap_err();
        assert!(
            matches!(
                err,
                Error::MissingEnv {
                    name: "EPOINT_PRIVATE_KEY"
                }
            ),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "environment variable EPOINT_PRIVATE_KEY is missing or empty"
        );

        let config = Config::from_env_with(env(&[
            ("EPOINT_PUBLIC_KEY", "i1"),
            ("EPOINT_PRIVATE_KEY", "p"),
            ("EPOINT_INTERFACE_LANG", "en"),
            ("EPOINT_SUCCESS_REDIRECT_URL", "https://s"),
            ("EPOINT_FAILED_REDIRECT_URL", "https://f"),
        ]))
        .unwrap();
        assert_eq!(config.public_key, "i1");
        assert_eq!(config.private_key.expose_secret(), "p");
        assert_eq!(config.language, "en");
        assert_eq!(config.success_redirect_url.as_deref(), Some("https://s"));
        assert_eq!(config.failed_redirect_url.as_deref(), Some("https://f"));
        assert_eq!(config.timeout, Duration::from_secs(10));

        let config = Config::from_env_with(env(&[
            ("EPOINT_PUBLIC_KEY", "i1"),
            ("EPOINT_PRIVATE_KEY", "p"),
        ]))
        .unwrap();
        assert_eq!(config.language, "az");
        assert_eq!(config.success_redirect_url, None);
    }

    #[test]
    fn url_joins_like_urljoin() {
        let c = Config::new("i", "p");
        assert_eq!(c.url(Api::PAY).unwrap(), "https://epoint.az/api/1/request");
        let c = c.base_url("http://127.0.0.1:8080/prefix/?q#f");
        assert_eq!(
            c.url(Api::REFUND).unwrap(),
            "http://127.0.0.1:8080/api/1/reverse"
        );
        for bad in ["epoint.az", "ftp://x", "https://", ""] {
            assert!(
                Config::new("i", "p").base_url(bad).url("/").is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn validate_and_debug() {
        assert!(Config::new("i", "p").validate().is_ok());
        assert!(Config::new("", "p").validate().is_err());
        assert!(Config::new("i", " ").validate().is_err());
        let dbg = format!("{:?}", Config::new("i", "very-secret"));
        assert!(!dbg.contains("very-secret"), "{dbg}");
    }
}
