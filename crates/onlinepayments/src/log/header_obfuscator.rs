//! Obfuscation of logged header values.

use std::fmt;

use super::obfuscation_rule::{ObfuscationRule, obfuscate_with_fixed_length};

/// `HeaderObfuscator`: obfuscates header values by (case-insensitive) header name.
///
/// By default `Authorization`, `WWW-Authenticate`, `Proxy-Authenticate`,
/// `Proxy-Authorization`, `X-GCS-Authentication-Token` and `X-GCS-CallerPassword` are
/// logged as `********`.
///
/// ```
/// use onlinepayments::log::{obfuscate_all, HeaderObfuscator};
///
/// let obfuscator = HeaderObfuscator::new([("X-Custom", obfuscate_all())]);
/// assert_eq!(obfuscator.obfuscate_header("x-custom", "abc"), "***");
/// assert_eq!(obfuscator.obfuscate_header("Authorization", "GCS v1HMAC:k:s"), "********");
/// ```
#[derive(Clone)]
pub struct HeaderObfuscator {
    rules: Vec<(String, ObfuscationRule)>,
}

const DEFAULT_HEADERS: [&str; 6] = [
    "x-gcs-authentication-token",
    "x-gcs-callerpassword",
    "authorization",
    "www-authenticate",
    "proxy-authenticate",
    "proxy-authorization",
];

impl HeaderObfuscator {
    /// The default rules plus (or overridden by) `additional_rules`.
    pub fn new<N: Into<String>>(
        additional_rules: impl IntoIterator<Item = (N, ObfuscationRule)>,
    ) -> Self {
        let mut obfuscator = Self::default();
        for (name, rule) in additional_rules {
            let name = name.into().to_lowercase();
            match obfuscator.rules.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = rule,
                None => obfuscator.rules.push((name, rule)),
            }
        }
        obfuscator
    }

    /// The shared default obfuscator.
    pub fn default_header_obfuscator() -> Self {
        Self::default()
    }

    /// The value to log for a header.
    pub fn obfuscate_header(&self, header_name: &str, value: &str) -> String {
        let name = header_name.to_lowercase();
        match self.rules.iter().find(|(n, _)| *n == name) {
            Some((_, rule)) => rule(value),
            None => value.to_owned(),
        }
    }
}

impl Default for HeaderObfuscator {
    fn default() -> Self {
        Self {
            rules: DEFAULT_HEADERS
                .iter()
                .map(|n| ((*n).to_owned(), obfuscate_with_fixed_length(8)))
                .collect(),
        }
    }
}

impl fmt::Debug for HeaderObfuscator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.rules.iter().map(|(n, _)| n))
            .finish()
    }
}
