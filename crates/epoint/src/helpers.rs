//! Signing and callback decoding (the official `integrify.epoint.helpers`).

use payments_core::signing::{base64_encode, constant_time_eq, sha1_concat};
use serde_json::Value;

use crate::error::CallbackError;
use crate::schemas::callback::{CallbackData, DecodedCallbackData};

/// `base64(sha1(private_key + data + private_key))`, the signature of requests and
/// callbacks.
///
/// ```
/// let data = "eyJwdWJsaWNfa2V5IjogImkwMDAwMDAwMDEiLCAibGFuZ3VhZ2UiOiAiYXoifQ==";
/// assert_eq!(epoint::generate_signature("test_private_key_123", data), "OlVhzaAvJSmy8ztRvh6RvEAmoDk=");
/// ```
pub fn generate_signature(private_key: &str, data: &str) -> String {
    let key = private_key.as_bytes();
    base64_encode(&sha1_concat(&[key, data.as_bytes(), key]))
}

/// True when `signature` is the signature of `data` (compared in constant time).
pub fn verify_signature(private_key: &str, data: &str, signature: &str) -> bool {
    constant_time_eq(
        generate_signature(private_key, data).as_bytes(),
        signature.as_bytes(),
    )
}

/// Verifies and decodes a callback's form body.
///
/// Parses the form like Python's `parse_qsl`, requires `data` and `signature`, checks
/// the signature in constant time, then base64- and JSON-decodes `data`. A wrong
/// signature is [`CallbackError::InvalidSignature`] (the official SDK returns `None`).
///
/// ```
/// let body = b"data=eyJzdGF0dXMiOiAic3VjY2VzcyJ9&signature=wrong";
/// let err = epoint::decode_callback_data("private", body).unwrap_err();
/// assert!(matches!(err, epoint::CallbackError::InvalidSignature));
/// ```
pub fn decode_callback_data(
    private_key: &str,
    body: &[u8],
) -> Result<DecodedCallbackData, CallbackError> {
    let callback = CallbackData::parse(body)?;
    decode_callback(private_key, &callback)
}

/// Verifies and decodes an already parsed callback (see [`decode_callback_data`]).
#[doc(alias = "decode_callback_data")]
pub fn decode_callback(
    private_key: &str,
    callback: &CallbackData,
) -> Result<DecodedCallbackData, CallbackError> {
    if !verify_signature(private_key, &callback.data, &callback.signature) {
        return Err(CallbackError::InvalidSignature);
    }
    let bytes = b64decode_lenient(&callback.data)?;
    let json = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let value: Value = serde_json::from_slice(json).map_err(CallbackError::InvalidJson)?;
    serde_json::from_value(value).map_err(CallbackError::InvalidData)
}

/// Python's `base64.b64decode(text)` (non-strict): characters outside the standard
/// alphabet are skipped, decoding stops at complete padding, and a leftover of one
/// character or missing padding is an error.
pub fn b64decode_lenient(text: &str) -> Result<Vec<u8>, CallbackError> {
    if !text.is_ascii() {
        return Err(CallbackError::InvalidBase64(
            "non-ASCII character".to_owned(),
        ));
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 3);
    let mut quad_pos = 0u8;
    let mut pads = 0u8;
    let mut left: u8 = 0;
    for c in text.bytes() {
        if c == b'=' {
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos + pads >= 4 {
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            continue;
        };
        pads = 0;
        match quad_pos {
            0 => {
                left = v;
                quad_pos = 1;
            }
            1 => {
                out.push((left << 2) | (v >> 4));
                left = v & 0x0f;
                quad_pos = 2;
            }
            2 => {
                out.push((left << 4) | (v >> 2));
                left = v & 0x03;
                quad_pos = 3;
            }
            _ => {
                out.push((left << 6) | v);
                left = 0;
                quad_pos = 0;
            }
        }
    }
    match quad_pos {
        0 => Ok(out),
        1 => Err(CallbackError::InvalidBase64(
            "number of data characters is one more than a multiple of 4".to_owned(),
        )),
        _ => Err(CallbackError::InvalidBase64("incorrect padding".to_owned())),
    }
}

fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_base64_like_python() {
        assert_eq!(b64decode_lenient("QUJD").unwrap(), b"ABC");
        assert_eq!(b64decode_lenient("QQ==").unwrap(), b"A");
        assert_eq!(b64decode_lenient("Q Q=\n=").unwrap(), b"A");
        assert_eq!(b64decode_lenient("QQ==QUJD").unwrap(), b"A");
        assert_eq!(b64decode_lenient("QU=J=").unwrap(), b"AB");
        assert_eq!(b64decode_lenient("=QUJD").unwrap(), b"ABC");
        assert_eq!(b64decode_lenient("").unwrap(), b"");
        assert_eq!(b64decode_lenient("Q-_UJD").unwrap(), b"ABC");
        assert!(b64decode_lenient("QQ").is_err());
        assert!(b64decode_lenient("QQ=").is_err());
        assert!(b64decode_lenient("QUJDQ").is_err());
        assert!(b64decode_lenient("QUJDé").is_err());
    }

    #[test]
    fn signature_round_trip() {
        let sig = generate_signature("k", "data");
        assert_eq!(sig.len(), 28);
        assert!(verify_signature("k", "data", &sig));
        assert!(!verify_signature("k2", "data", &sig));
        assert!(!verify_signature("k", "data", sig.trim_end_matches('=')));
    }
}
