//! The API handlers, one file per SDK sub-client (each handler is named after the SDK
//! method), and the request body they share.

use std::io::Read as _;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::Inner;
use super::render::{Reply, invalid, not_found};
use super::state::OpPayment;
use crate::common::lock;

pub(super) mod captures;
pub(super) mod client_api;
pub(super) mod cof_series;
pub(super) mod complete;
pub(super) mod hosted_checkout;
pub(super) mod hosted_fields;
pub(super) mod hosted_tokenization;
pub(super) mod mandates;
pub(super) mod merchant_batch;
pub(super) mod payment_links;
pub(super) mod payments;
pub(super) mod payouts;
pub(super) mod pre_authorization;
pub(super) mod privacy_policy;
pub(super) mod product_groups;
pub(super) mod products;
pub(super) mod refunds;
pub(super) mod services;
pub(super) mod sessions;
pub(super) mod subsequent;
pub(super) mod tokenization;
pub(super) mod tokens;
pub(super) mod webhooks;

/// The largest body a gzipped request may inflate to.
const MAX_INFLATED: u64 = 16 * 1024 * 1024;

/// The request body as JSON (`{}` when empty), inflated first when it is sent with
/// `Content-Encoding: gzip` (as `submit_batch` does); anything else is the platform's `400`.
pub(super) struct JsonBody(pub(super) Value);

/// A gzip body, inflated (at most [`MAX_INFLATED`] bytes).
fn inflate(body: &[u8]) -> Result<Vec<u8>, Reply> {
    let mut out = Vec::new();
    let read = flate2::read::GzDecoder::new(body)
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut out);
    match read {
        Ok(n) if n as u64 <= MAX_INFLATED => Ok(out),
        Ok(_) => Err(invalid("body", "The inflated request body is too large")),
        Err(_) => Err(invalid("body", "The request body is not valid gzip")),
    }
}

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let gzip = request
            .headers()
            .get(header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("gzip"));
        let body = Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let body = if gzip {
            Bytes::from(inflate(&body).map_err(IntoResponse::into_response)?)
        } else {
            body
        };
        if body.is_empty() {
            return Ok(JsonBody(Value::Object(Map::new())));
        }
        serde_json::from_slice(&body)
            .map(JsonBody)
            .map_err(|_| invalid("body", "The request body is not valid JSON").into_response())
    }
}

/// Answers with `f` of payment `id`, or `404`.
pub(super) fn with_payment(inner: &Inner, id: &str, f: impl FnOnce(&OpPayment) -> Reply) -> Reply {
    let store = lock(&inner.store);
    store
        .payments
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| not_found("Payment"), f)
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    #[test]
    fn gzip_bodies_are_inflated_and_bad_ones_refused() {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(br#"{"header": {}}"#).unwrap();
        let compressed = encoder.finish().unwrap();
        assert_eq!(inflate(&compressed).unwrap(), br#"{"header": {}}"#);
        let refused = inflate(b"{\"not\": \"gzip\"}").unwrap_err();
        assert_eq!(refused.0, 400);
        let property = refused.1.unwrap()["errors"][0]["propertyName"].clone();
        assert_eq!(property, "body");
    }
}
