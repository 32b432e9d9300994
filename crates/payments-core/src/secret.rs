//! Secret strings whose `Debug` output never shows the value.
//!
//! Re-exports [`secrecy`] so every crate of the workspace and its users share one
//! version of the type.
//!
//! ```
//! use payments_core::secret::{ExposeSecret, SecretString};
//!
//! let key = SecretString::from("sk_live_123");
//! assert!(!format!("{key:?}").contains("sk_live_123"));
//! assert_eq!(key.expose_secret(), "sk_live_123");
//! ```

pub use secrecy::{ExposeSecret, SecretBox, SecretString};

/// Wraps a string as a [`SecretString`].
pub fn secret(value: impl Into<String>) -> SecretString {
    SecretString::from(value.into())
}

/// True when the secret is empty or only whitespace (useful for configuration checks).
pub fn is_blank(secret: &SecretString) -> bool {
    secret.expose_secret().trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s = secret("hunter2");
        let dbg = format!("{s:?}");
        assert!(!dbg.contains("hunter2"), "{dbg}");
        assert!(dbg.contains("REDACTED"), "{dbg}");
        assert_eq!(s.expose_secret(), "hunter2");
        assert!(is_blank(&secret("  ")));
        assert!(!is_blank(&s));
    }
}
