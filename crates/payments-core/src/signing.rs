//! Hashing, HMAC, encodings and constant-time verification.
//!
//! Providers build their signature schemes on these primitives:
//!
//! ```
//! use payments_core::signing;
//!
//! let tag = signing::hmac_sha256(b"test-secret-key", b"1295:EUR:order-123");
//! let hex = signing::hex_lower(&tag);
//! assert_eq!(hex, "142bb2839ac988c16ba397088ee455fa2e06664b8e83060d57809cfa4df2aee3");
//! assert!(signing::verify_hmac_sha256_hex(b"test-secret-key", b"1295:EUR:order-123", &hex));
//! assert!(!signing::verify_hmac_sha256_hex(b"test-secret-key", b"1295:EUR:order-123", &hex.to_uppercase()));
//! ```

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};
use subtle::ConstantTimeEq;

/// Error decoding hex or base64 text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The text is not valid standard base64 (with padding).
    #[error("invalid base64: {0}")]
    Base64(String),
    /// The text is not valid hexadecimal.
    #[error("invalid hex: {0}")]
    Hex(String),
}

/// HMAC-SHA256 of `msg` keyed by `key`.
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    HmacSha256Key::new(key).sign(msg)
}

/// HMAC-SHA512 of `msg` keyed by `key`.
pub fn hmac_sha512(key: &[u8], msg: &[u8]) -> [u8; 64] {
    HmacSha512Key::new(key).sign(msg)
}

/// SHA-1 digest of `data`.
pub fn sha1(data: &[u8]) -> [u8; 20] {
    Sha1::digest(data).into()
}

/// SHA-1 digest of several byte strings concatenated (no copy of the parts).
pub fn sha1_concat(parts: &[&[u8]]) -> [u8; 20] {
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// SHA-256 digest of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// Lowercase hexadecimal encoding.
pub fn hex_lower(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

/// Decodes hexadecimal text (either case).
pub fn hex_decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    hex::decode(text).map_err(|e| {
        DecodeError::Hex(match e {
            hex::FromHexError::OddLength => "odd length".into(),
            hex::FromHexError::InvalidHexCharacter { .. } => "non-hex character".into(),
            other => other.to_string(),
        })
    })
}

/// Standard base64 (RFC 4648 alphabet, `=` padding).
pub fn base64_encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Appends the standard base64 of `bytes` to `out` (as [`base64_encode`], without a
/// string of its own).
///
/// ```
/// let mut out = String::from("data=");
/// payments_core::signing::base64_encode_into(b"test-api-key:", &mut out);
/// assert_eq!(out, "data=dGVzdC1hcGkta2V5Og==");
/// ```
pub fn base64_encode_into(bytes: &[u8], out: &mut String) {
    STANDARD.encode_string(bytes, out);
}

/// Decodes standard base64 with padding, strictly.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, DecodeError> {
    STANDARD
        .decode(text)
        .map_err(|e| DecodeError::Base64(e.to_string()))
}

/// Compares two byte strings in time independent of where they differ.
///
/// Lengths are not secret: strings of different length compare unequal at once.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// Verifies a lowercase-hex HMAC-SHA256 signature in constant time.
///
/// The comparison is on the hex text itself, so an uppercase or otherwise re-encoded
/// signature does not verify.
pub fn verify_hmac_sha256_hex(key: &[u8], msg: &[u8], signature_hex: &str) -> bool {
    let expected = hex_lower(&hmac_sha256(key, msg));
    constant_time_eq(expected.as_bytes(), signature_hex.as_bytes())
}

/// Verifies a standard-base64 HMAC-SHA256 signature in constant time (exact text match).
pub fn verify_hmac_sha256_base64(key: &[u8], msg: &[u8], signature_b64: &str) -> bool {
    let expected = base64_encode(&hmac_sha256(key, msg));
    constant_time_eq(expected.as_bytes(), signature_b64.as_bytes())
}

/// Verifies a standard-base64 HMAC-SHA512 signature in constant time (exact text match).
pub fn verify_hmac_sha512_base64(key: &[u8], msg: &[u8], signature_b64: &str) -> bool {
    let expected = base64_encode(&hmac_sha512(key, msg));
    constant_time_eq(expected.as_bytes(), signature_b64.as_bytes())
}

macro_rules! keyed_hmac {
    ($name:ident, $digest:ty, $len:expr, $doc:literal) => {
        #[doc = $doc]
        ///
        /// The key schedule is computed once; each signature clones the keyed state, so
        /// repeated signing with one key does no per-call key setup. `Debug` never shows
        /// the key.
        #[derive(Clone)]
        pub struct $name {
            mac: Hmac<$digest>,
        }

        impl $name {
            /// Prepares the keyed state. HMAC accepts keys of any length, including empty.
            pub fn new(key: &[u8]) -> Self {
                // `new_from_slice` only fails for fixed-size-key MACs; HMAC takes any length.
                let mac = match <Hmac<$digest> as KeyInit>::new_from_slice(key) {
                    Ok(mac) => mac,
                    Err(_) => <Hmac<$digest> as KeyInit>::new(&Default::default()),
                };
                Self { mac }
            }

            /// The MAC of `msg`.
            pub fn sign(&self, msg: &[u8]) -> [u8; $len] {
                let mut mac = self.mac.clone();
                mac.update(msg);
                mac.finalize().into_bytes().into()
            }

            /// The MAC of several byte strings concatenated, without joining them first.
            pub fn sign_parts<'a>(&self, parts: impl IntoIterator<Item = &'a [u8]>) -> [u8; $len] {
                let mut mac = self.mac.clone();
                for part in parts {
                    mac.update(part);
                }
                mac.finalize().into_bytes().into()
            }

            /// Verifies a raw MAC tag in constant time.
            pub fn verify(&self, msg: &[u8], tag: &[u8]) -> bool {
                let mut mac = self.mac.clone();
                mac.update(msg);
                mac.verify_slice(tag).is_ok()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "([REDACTED])"))
            }
        }
    };
}

keyed_hmac!(
    HmacSha256Key,
    Sha256,
    32,
    "An HMAC-SHA256 key ready for repeated signing."
);
keyed_hmac!(
    HmacSha512Key,
    Sha512,
    64,
    "An HMAC-SHA512 key ready for repeated signing."
);

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 4231 test case 2.
    const KEY: &[u8] = b"Jefe";
    const MSG: &[u8] = b"what do ya want for nothing?";

    #[test]
    fn rfc4231_vectors() {
        assert_eq!(
            hex_lower(&hmac_sha256(KEY, MSG)),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex_lower(&hmac_sha512(KEY, MSG)),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
        );
    }

    #[test]
    fn sha_vectors() {
        assert_eq!(
            hex_lower(&sha1(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex_lower(&sha1_concat(&[b"a", b"bc"])),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex_lower(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn keyed_state_matches_one_shot_and_parts() {
        let key = HmacSha512Key::new(KEY);
        assert_eq!(key.sign(MSG), hmac_sha512(KEY, MSG));
        assert_eq!(
            key.sign_parts([&MSG[..4], &MSG[4..]]),
            hmac_sha512(KEY, MSG)
        );
        assert!(key.verify(MSG, &hmac_sha512(KEY, MSG)));
        assert!(!key.verify(MSG, &[0u8; 64]));
        assert!(!key.verify(MSG, &[]));
        assert_eq!(format!("{key:?}"), "HmacSha512Key([REDACTED])");
        // Empty and very long keys are valid HMAC keys.
        assert_eq!(HmacSha256Key::new(b"").sign(b"x"), hmac_sha256(b"", b"x"));
        let long = vec![7u8; 300];
        assert_eq!(
            HmacSha256Key::new(&long).sign(b"x"),
            hmac_sha256(&long, b"x")
        );
    }

    #[test]
    fn hex_round_trip_and_errors() {
        assert_eq!(hex_lower(&[0x00, 0xff, 0x10]), "00ff10");
        assert_eq!(hex_decode("00FF10").unwrap(), vec![0x00, 0xff, 0x10]);
        assert!(hex_decode("abc").is_err());
        assert!(hex_decode("zz").is_err());
        assert_eq!(hex_decode("").unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn base64_round_trip_and_errors() {
        assert_eq!(base64_encode(b"test-api-key:"), "dGVzdC1hcGkta2V5Og==");
        assert_eq!(
            base64_decode("dGVzdC1hcGkta2V5Og==").unwrap(),
            b"test-api-key:"
        );
        assert!(base64_decode("dGVzdC1hcGkta2V5Og").is_err());
        assert!(base64_decode("!!!!").is_err());
    }

    #[test]
    fn constant_time_helpers() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
        assert!(constant_time_eq(b"", b""));
        let sig = base64_encode(&hmac_sha256(KEY, MSG));
        assert!(verify_hmac_sha256_base64(KEY, MSG, &sig));
        assert!(!verify_hmac_sha256_base64(
            KEY,
            MSG,
            sig.trim_end_matches('=')
        ));
        let sig512 = base64_encode(&hmac_sha512(KEY, MSG));
        assert!(verify_hmac_sha512_base64(KEY, MSG, &sig512));
        assert!(!verify_hmac_sha512_base64(b"other", MSG, &sig512));
        let hex = hex_lower(&hmac_sha256(KEY, MSG));
        assert!(verify_hmac_sha256_hex(KEY, MSG, &hex));
        assert!(!verify_hmac_sha256_hex(KEY, MSG, &hex.to_uppercase()));
        assert!(!verify_hmac_sha256_hex(KEY, MSG, &hex[..63]));
        assert!(!verify_hmac_sha256_hex(KEY, MSG, ""));
    }
}
