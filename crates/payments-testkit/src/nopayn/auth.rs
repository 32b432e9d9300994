//! NoPayn's API authentication: HTTP Basic with the API key as the user name.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
use payments_core::signing::{base64_decode, constant_time_eq};

use super::Inner;
use super::render::unauthorized;

/// Whether `headers` carry `Authorization: Basic base64(api_key + ":")` (any password).
pub(super) fn authorized(inner: &Inner, headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some(encoded) = value.strip_prefix("Basic ") else {
        return false;
    };
    let Ok(decoded) = base64_decode(encoded.trim()) else {
        return false;
    };
    let Ok(text) = String::from_utf8(decoded) else {
        return false;
    };
    let user = text.split_once(':').map_or(text.as_str(), |(u, _)| u);
    !user.is_empty() && constant_time_eq(user.as_bytes(), inner.config.api_key.as_bytes())
}

/// Middleware on the API routes: `401` without the sandbox's API key.
pub(super) async fn require_api_key(
    State(inner): State<Arc<Inner>>,
    request: Request,
    next: Next,
) -> Response {
    if authorized(&inner, request.headers()) {
        next.run(request).await
    } else {
        unauthorized()
    }
}
