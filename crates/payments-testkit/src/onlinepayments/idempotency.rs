//! Idempotence: a `POST` with `X-GCS-Idempotence-Key` whose key and path were seen before
//! gets the stored status and body again, with `X-GCS-Idempotence-Request-Timestamp` (ms of
//! the first request). Answers below `500` are stored.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;

use super::Inner;
use super::state::Replay;
use crate::common::lock;
use crate::common::server::MAX_BODY;

/// Middleware on the API routes.
pub(super) async fn replay_or_store(
    State(inner): State<Arc<Inner>>,
    request: Request,
    next: Next,
) -> Response {
    let key = (request.method() == Method::POST)
        .then(|| request.headers().get("x-gcs-idempotence-key"))
        .flatten()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let Some(key) = key else {
        return next.run(request).await;
    };
    let path = request.uri().path().to_owned();
    let stored = lock(&inner.store)
        .replays
        .iter()
        .find(|r| r.key == key && r.path == path)
        .cloned();
    if let Some(r) = stored {
        return replayed(r);
    }
    let response = next.run(request).await;
    if response.status().is_server_error() {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    lock(&inner.store).replays.push(Replay {
        key,
        path,
        status: parts.status,
        content_type: parts.headers.get(header::CONTENT_TYPE).cloned(),
        body: body.clone(),
        timestamp: Utc::now().timestamp_millis(),
    });
    Response::from_parts(parts, Body::from(body))
}

/// The stored answer, marked as a replay.
fn replayed(r: Replay) -> Response {
    let mut response = Response::new(Body::from(r.body));
    *response.status_mut() = r.status;
    if let Some(ct) = r.content_type {
        response.headers_mut().insert(header::CONTENT_TYPE, ct);
    }
    if let Ok(v) = HeaderValue::from_str(&r.timestamp.to_string()) {
        response
            .headers_mut()
            .insert("X-GCS-Idempotence-Request-Timestamp", v);
    }
    response
}
