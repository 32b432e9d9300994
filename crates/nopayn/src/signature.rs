//! HMAC-SHA256 signatures of hosted-payment-page parameters (Python
//! `nopayn.generate_signature` / `nopayn.verify_signature`).
//!
//! ```
//! let sig = nopayn::generate_signature("test-secret-key", 1295, "EUR", "order-123");
//! assert_eq!(sig, "142bb2839ac988c16ba397088ee455fa2e06664b8e83060d57809cfa4df2aee3");
//! assert!(nopayn::verify_signature("test-secret-key", 1295, "EUR", "order-123", &sig));
//! assert!(!nopayn::verify_signature("test-secret-key", 1295, "EUR", "order-123", &sig.to_uppercase()));
//! ```

use payments_core::signing::{HmacSha256Key, constant_time_eq, hex_lower};

/// The signed message: `{amount}:{currency}:{order_id}`.
pub fn signature_message(amount: i64, currency: &str, order_id: &str) -> String {
    format!("{amount}:{currency}:{order_id}")
}

/// Lowercase hex HMAC-SHA256 of `{amount}:{currency}:{order_id}`, keyed by the API key.
pub fn generate_signature(api_key: &str, amount: i64, currency: &str, order_id: &str) -> String {
    sign_with(
        &HmacSha256Key::new(api_key.as_bytes()),
        amount,
        currency,
        order_id,
    )
}

/// Checks a signature made by [`generate_signature`], in constant time. Only the exact
/// lowercase hex text verifies: an uppercase or wrong-length signature is rejected.
pub fn verify_signature(
    api_key: &str,
    amount: i64,
    currency: &str,
    order_id: &str,
    signature: &str,
) -> bool {
    verify_with(
        &HmacSha256Key::new(api_key.as_bytes()),
        amount,
        currency,
        order_id,
        signature,
    )
}

pub(crate) fn sign_with(
    key: &HmacSha256Key,
    amount: i64,
    currency: &str,
    order_id: &str,
) -> String {
    hex_lower(&key.sign(signature_message(amount, currency, order_id).as_bytes()))
}

pub(crate) fn verify_with(
    key: &HmacSha256Key,
    amount: i64,
    currency: &str,
    order_id: &str,
    signature: &str,
) -> bool {
    let expected = sign_with(key, amount, currency, order_id);
    constant_time_eq(expected.as_bytes(), signature.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_format() {
        assert_eq!(
            signature_message(1295, "EUR", "order-123"),
            "1295:EUR:order-123"
        );
        assert_eq!(signature_message(-5, "EUR", ""), "-5:EUR:");
    }

    #[test]
    fn tampering_is_detected() {
        let sig = generate_signature("k", 1295, "EUR", "o");
        assert_eq!(sig.len(), 64);
        assert!(verify_signature("k", 1295, "EUR", "o", &sig));
        assert!(!verify_signature("k", 1296, "EUR", "o", &sig));
        assert!(!verify_signature("k", 1295, "USD", "o", &sig));
        assert!(!verify_signature("k", 1295, "EUR", "p", &sig));
        assert!(!verify_signature("other", 1295, "EUR", "o", &sig));
        assert!(!verify_signature("k", 1295, "EUR", "o", &sig[..63]));
        assert!(!verify_signature("k", 1295, "EUR", "o", ""));
        assert!(!verify_signature("k", 1295, "EUR", "o", &format!("{sig} ")));
    }
}
