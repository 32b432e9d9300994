//! v1HMAC: the string to sign rebuilt from the received request, the `Authorization` check
//! and the merchant check, as axum middleware on the API routes.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use payments_core::signing::{base64_encode, constant_time_eq, hmac_sha256};

use super::Inner;
use super::render::{Reply, err};
use crate::common::server::Params;

/// Canonicalises a header value for v1HMAC: a newline and the whitespace after it become one
/// space; the result is trimmed.
fn canon(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if c == '\n' {
            while chars
                .peek()
                .is_some_and(|n| n.is_whitespace() && *n != '\r' && *n != '\n')
            {
                chars.next();
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out.trim().to_owned()
}

/// The v1HMAC string to sign for a request: `headers` are all request headers (name, value)
/// in received order; `path_and_query` is the request target as sent.
pub fn string_to_sign(method: &str, headers: &[(String, String)], path_and_query: &str) -> String {
    let last = |name: &str| {
        headers
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or("", |(_, v)| v.as_str())
    };
    let mut gcs: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
        .filter(|(n, _)| n.starts_with("x-gcs"))
        .collect();
    gcs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut s = format!(
        "{}\n{}\n{}\n",
        method.to_ascii_uppercase(),
        last("content-type"),
        last("date")
    );
    for (n, v) in gcs {
        s.push_str(&n);
        s.push(':');
        s.push_str(&canon(&v));
        s.push('\n');
    }
    s.push_str(path_and_query);
    s.push('\n');
    s
}

/// `GCS v1HMAC:<key_id>:base64(HMAC-SHA256(secret, string_to_sign))`.
pub fn authorization(key_id: &str, secret: &str, string_to_sign: &str) -> String {
    format!(
        "GCS v1HMAC:{key_id}:{}",
        base64_encode(&hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes()))
    )
}

/// Verifies the v1HMAC `Authorization` of a request as received.
pub(super) fn check_auth(
    inner: &Inner,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
) -> Result<(), Reply> {
    let unauthorized = || {
        err(
            StatusCode::UNAUTHORIZED,
            "9002",
            "MISSING_OR_INVALID_AUTHORIZATION",
            "MISSING_OR_INVALID_AUTHORIZATION",
        )
    };
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(unauthorized)?;
    let rest = auth.strip_prefix("GCS v1HMAC:").ok_or_else(unauthorized)?;
    let (key_id, signature) = rest.rsplit_once(':').ok_or_else(unauthorized)?;
    if headers.get(header::DATE).is_none() {
        return Err(unauthorized());
    }
    if !constant_time_eq(key_id.as_bytes(), inner.config.api_key_id.as_bytes()) {
        return Err(unauthorized());
    }
    let pairs: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let target = uri.path_and_query().map_or(uri.path(), |pq| pq.as_str());
    let to_sign = string_to_sign(method.as_str(), &pairs, target);
    let expected = base64_encode(&hmac_sha256(
        inner.config.secret_api_key.as_bytes(),
        to_sign.as_bytes(),
    ));
    if !constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        return Err(unauthorized());
    }
    Ok(())
}

/// `403` unless `merchant` is the sandbox's merchant id.
pub(super) fn check_merchant(inner: &Inner, merchant: &str) -> Result<(), Reply> {
    if merchant == inner.config.merchant_id {
        Ok(())
    } else {
        Err(err(
            StatusCode::FORBIDDEN,
            "9007",
            "ACCESS_TO_MERCHANT_NOT_ALLOWED",
            "ACCESS_TO_MERCHANT_NOT_ALLOWED",
        ))
    }
}

/// Middleware: `401` unless the request carries a valid v1HMAC signature.
pub(super) async fn authenticate(
    State(inner): State<Arc<Inner>>,
    request: Request,
    next: Next,
) -> Response {
    match check_auth(&inner, request.method(), request.uri(), request.headers()) {
        Ok(()) => next.run(request).await,
        Err(reply) => reply.into_response(),
    }
}

/// Middleware: `403` when the route's `{merchantId}` is another merchant's (routes without
/// one, such as merchant-group routes, pass).
pub(super) async fn require_merchant(
    State(inner): State<Arc<Inner>>,
    params: Params,
    request: Request,
    next: Next,
) -> Response {
    if let Some(Err(reply)) = params.find("merchantId").map(|m| check_merchant(&inner, m)) {
        return reply.into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_values() {
        assert_eq!(canon("  a  "), "a");
        assert_eq!(canon("a\r\n  b"), "a b");
        assert_eq!(canon("a\n\n b"), "a  b");
    }

    #[test]
    fn official_vector() {
        let headers = vec![(
            "Date".to_owned(),
            "Fri, 06 Jun 2014 13:39:43 GMT".to_owned(),
        )];
        let s = string_to_sign("GET", &headers, "/v2/1/tokens/2");
        assert_eq!(s, "GET\n\nFri, 06 Jun 2014 13:39:43 GMT\n/v2/1/tokens/2\n");
        assert_eq!(
            authorization("EC36A74A98D21", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1", &s),
            "GCS v1HMAC:EC36A74A98D21:vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA="
        );
    }
}
