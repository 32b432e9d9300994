//! EPoint's request signature: `data` (base64 JSON) signed with
//! `base64(sha1(private_key + data + private_key))`, and the verified payload.

use std::str::FromStr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use payments_core::Decimal;
use payments_core::pyfmt::{JsonStyle, json_dumps};
use payments_core::signing::{base64_decode, base64_encode, constant_time_eq, sha1_concat};
use serde_json::{Map, Value};

use super::Inner;
use super::render::Failure;

/// `base64(sha1(private_key + data + private_key))`, EPoint's signature of a `data` string.
pub fn sign(data: &str, private_key: &str) -> String {
    base64_encode(&sha1_concat(&[
        private_key.as_bytes(),
        data.as_bytes(),
        private_key.as_bytes(),
    ]))
}

/// Encodes a payload the way the official SDK does: `data = base64(json.dumps(payload))`
/// (Python separators, ASCII escapes) and its signature.
pub fn encode(payload: &Value, private_key: &str) -> (String, String) {
    let text = json_dumps(payload, JsonStyle::Compact { ensure_ascii: true });
    let data = base64_encode(text.as_bytes());
    let signature = sign(&data, private_key);
    (data, signature)
}

/// A number or numeric string as a decimal.
pub(super) fn parse_decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::String(s) => Decimal::from_str(s)
            .or_else(|_| Decimal::from_scientific(s))
            .ok(),
        Value::Number(n) => {
            let s = n.to_string();
            Decimal::from_str(&s)
                .or_else(|_| Decimal::from_scientific(&s))
                .ok()
        }
        _ => None,
    }
}

/// The decoded `data` of a request whose signature and public key were verified.
pub(super) struct Payload(pub(super) Map<String, Value>);

impl Payload {
    /// A required non-empty string field.
    pub(super) fn str(&self, key: &str) -> Result<String, String> {
        match self.0.get(key) {
            Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
            _ => Err(format!("{key} is required")),
        }
    }

    /// An optional string field.
    pub(super) fn opt_str(&self, key: &str) -> Option<String> {
        self.0.get(key).and_then(Value::as_str).map(str::to_owned)
    }

    /// A required positive amount.
    pub(super) fn amount(&self, key: &str) -> Result<Decimal, String> {
        self.0
            .get(key)
            .and_then(parse_decimal)
            .filter(|d| d.is_sign_positive() && !d.is_zero())
            .ok_or_else(|| format!("{key} is invalid"))
    }
}

/// Checks the envelope `{"data", "signature"}` of `body`; the error is EPoint's message.
pub(super) fn verify(inner: &Inner, body: &[u8]) -> Result<Payload, String> {
    let Ok(Value::Object(envelope)) = serde_json::from_slice::<Value>(body) else {
        return Err("Request body must be JSON with data and signature".to_owned());
    };
    let (Some(data), Some(signature)) = (
        envelope.get("data").and_then(Value::as_str),
        envelope.get("signature").and_then(Value::as_str),
    ) else {
        return Err("data and signature are required".to_owned());
    };
    let expected = sign(data, &inner.config.private_key);
    if !constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        return Err("Signature is invalid".to_owned());
    }
    let decoded = base64_decode(data).map_err(|_| "data is not valid base64".to_owned())?;
    let Ok(Value::Object(payload)) = serde_json::from_slice::<Value>(&decoded) else {
        return Err("data is not a JSON object".to_owned());
    };
    let public_key = payload
        .get("public_key")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !constant_time_eq(public_key.as_bytes(), inner.config.public_key.as_bytes()) {
        return Err("Public key is invalid".to_owned());
    }
    Ok(Payload(payload))
}

impl FromRequest<Arc<Inner>> for Payload {
    type Rejection = Response;

    async fn from_request(request: Request, state: &Arc<Inner>) -> Result<Self, Self::Rejection> {
        let body = Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        verify(state, &body).map_err(|m| Failure(m).into_response())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::epoint::render::decimal_json;
    use serde_json::json;

    #[test]
    fn decimals() {
        assert_eq!(decimal_json(Decimal::from_str("100").unwrap()), json!(100));
        assert_eq!(
            decimal_json(Decimal::from_str("10.50").unwrap()),
            json!(10.5)
        );
        assert_eq!(parse_decimal(&json!("1E+2")), Some(Decimal::from(100)));
        assert_eq!(parse_decimal(&json!(10.5)), Decimal::from_str("10.5").ok());
        assert_eq!(parse_decimal(&json!(true)), None);
    }

    #[test]
    fn signs_like_the_sdk() {
        let data = "eyJwdWJsaWNfa2V5IjogImkwMDAwMDAwMDEiLCAibGFuZ3VhZ2UiOiAiYXoifQ==";
        assert_eq!(
            sign(data, "test_private_key_123"),
            "OlVhzaAvJSmy8ztRvh6RvEAmoDk="
        );
        let (d, s) = encode(
            &json!({"public_key": "i000000001", "language": "az"}),
            "test_private_key_123",
        );
        assert_eq!(d, data);
        assert_eq!(s, "OlVhzaAvJSmy8ztRvh6RvEAmoDk=");
    }
}
