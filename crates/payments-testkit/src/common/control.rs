//! The control API: the same routes under `/__sandbox/` on every sandbox, to inspect what it
//! received and sent, force status transitions, resend notifications and reset it.
//!
//! | route | answer |
//! |---|---|
//! | `GET /__sandbox/requests` | `{"requests": [{id, method, path, query, headers, body, received_at}]}` |
//! | `GET /__sandbox/notifications` | `{"notifications": [{id, url, headers, body, delivered, attempts: [{number, status, error, at}]}]}` |
//! | `POST /__sandbox/notifications/{id}/resend` | delivers notification `id` again: `{"notification": {…}}` |
//! | `POST /__sandbox/payments/{id}/{transition}` | forces a [`Transition`]: `{id, transition, status, notification}` |
//! | `POST /__sandbox/reset` | forgets every payment, request and notification: `{"reset": true}` |
//! | `GET /__sandbox/routes` | the sandbox's route table and transitions |
//!
//! Errors are `{"error": {"code", "message"}}`: `404 not_found` (unknown id or route), `400
//! unsupported_transition` (a transition the provider lacks), `409 invalid_state` (not
//! possible in the current status), `405 method_not_allowed`. Control requests are not
//! recorded in `requests()`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::Response;
use axum::routing::any;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::cards::TestCard;
use super::error::SandboxError;
use super::facade::Core;
use super::lock;
use super::notify::Notification;
use super::outcome::PaymentOutcome;
use super::record::RecordedRequest;
use super::server::{Params, json as json_response, route_table};

/// A status change the control API can force (`POST /__sandbox/payments/{id}/{transition}`).
///
/// Each sandbox maps it to its own statuses and sends the notification a real change sends;
/// the provider pages of `docs/testkit.md` list which ones each provider has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Transition {
    /// The customer pays with an approved card (or an authorisation is captured).
    Pay,
    /// The issuer declines the payment.
    Decline,
    /// The payment (or its authorisation, or a payment link) runs out of time.
    Expire,
    /// A refund settles (or, where refunds are immediate, the rest is refunded).
    RefundSettled,
    /// The cardholder disputes a completed payment.
    Chargeback,
}

impl Transition {
    /// Every transition.
    pub const ALL: [Transition; 5] = [
        Transition::Pay,
        Transition::Decline,
        Transition::Expire,
        Transition::RefundSettled,
        Transition::Chargeback,
    ];

    /// The name in control URLs: `pay`, `decline`, `expire`, `refund_settled`, `chargeback`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Transition::Pay => "pay",
            Transition::Decline => "decline",
            Transition::Expire => "expire",
            Transition::RefundSettled => "refund_settled",
            Transition::Chargeback => "chargeback",
        }
    }
}

impl Transition {
    /// The test card a `pay` or `decline` pays with on a hosted page.
    pub(crate) const fn card(self) -> Option<TestCard> {
        match self {
            Transition::Pay => Some(TestCard::VisaSuccess),
            Transition::Decline => Some(TestCard::VisaDeclined),
            _ => None,
        }
    }
}

impl fmt::Display for Transition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Transition {
    type Err = SandboxError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Transition::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| SandboxError::Unsupported(format!("no transition is called `{s}`")))
    }
}

/// What a forced [`Transition`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Transitioned {
    /// The id the transition was applied to.
    pub id: String,
    /// The transition.
    pub transition: Transition,
    /// The provider's status afterwards (`completed`, `success`, `CAPTURED`, ...).
    pub status: String,
    /// The notification sent, already delivered (or given up on), if the change sends one and a
    /// notification URL is set.
    pub notification: Option<Notification>,
}

impl Transitioned {
    pub(crate) fn new(
        id: &str,
        transition: Transition,
        status: impl Into<String>,
        notification: Option<Notification>,
    ) -> Self {
        Self {
            id: id.to_owned(),
            transition,
            status: status.into(),
            notification,
        }
    }
}

impl Transitioned {
    /// What a page payment forced by `transition` did.
    pub(crate) fn paid(id: &str, transition: Transition, outcome: PaymentOutcome) -> Self {
        Self::new(id, transition, outcome.status, outcome.notification)
    }
}

/// The error for a transition `provider` lacks.
pub(crate) fn unsupported(provider: &str, transition: Transition) -> SandboxError {
    SandboxError::Unsupported(format!("{provider} has no `{transition}` transition"))
}

/// One route of a sandbox, as its route table declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Route {
    /// `api` (the provider's API), `page` (hosted pages) or `control` (`/__sandbox/`).
    pub group: &'static str,
    /// HTTP method, upper case.
    pub method: &'static str,
    /// Path template in axum syntax, written like the provider's SDK writes it
    /// (`/v2/{merchantId}/payments/{paymentId}/capture`).
    pub path: &'static str,
    /// The handler that serves it (`payments::capture_payment`).
    pub handler: &'static str,
}

impl Route {
    pub(crate) const fn new(
        group: &'static str,
        method: &'static str,
        path: &'static str,
        handler: &'static str,
    ) -> Route {
        Route {
            group,
            method,
            path,
            handler,
        }
    }
}

/// A boxed, sendable future.
pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What a sandbox gives the control API.
pub(crate) trait Control: Send + Sync + 'static {
    /// The shared parts: base URL, request log, notifier.
    fn core(&self) -> &Core;
    /// `nopayn`, `ecommpay`, `epoint` or `onlinepayments`.
    fn provider(&self) -> &'static str;
    /// The provider's route table.
    fn routes(&self) -> &'static [Route];
    /// The transitions the provider has.
    fn transitions(&self) -> &'static [Transition];
    /// Forgets every payment, order, token, ... (requests and notifications are cleared by
    /// [`reset`]).
    fn reset_state(&self);
    /// Applies a transition the provider has (checked by [`force`]).
    fn force(
        self: Arc<Self>,
        id: String,
        transition: Transition,
    ) -> BoxFuture<'static, Result<Transitioned, SandboxError>>;
}

/// Forces `transition` on `id`, refusing transitions the provider lacks.
pub(crate) async fn force(
    state: Arc<dyn Control>,
    id: &str,
    transition: Transition,
) -> Result<Transitioned, SandboxError> {
    if !state.transitions().contains(&transition) {
        let names: Vec<&str> = state.transitions().iter().map(|t| t.as_str()).collect();
        return Err(SandboxError::Unsupported(format!(
            "{} has no `{transition}` transition (it has: {})",
            state.provider(),
            names.join(", ")
        )));
    }
    state.force(id.to_owned(), transition).await
}

/// Forgets all state, requests and notifications.
pub(crate) fn reset(state: &dyn Control) {
    state.reset_state();
    lock(&state.core().requests).clear();
    state.core().notifier.clear();
}

/// Delivers notification `index` again; returns its new index and the new delivery.
pub(crate) async fn resend(
    core: &Core,
    index: usize,
) -> Result<(usize, Notification), SandboxError> {
    core.notifier
        .resend(index)
        .await
        .ok_or_else(|| SandboxError::NotFound(format!("notification {index}")))
}

route_table! {
    /// The control API, the same on every sandbox (see the [module docs](self)).
    pub const ROUTES;
    fn build() -> (control): Router<Arc<dyn Control>>;
    control GET "/__sandbox/requests" => list_requests;
    control GET "/__sandbox/notifications" => list_notifications;
    control POST "/__sandbox/notifications/{id}/resend" => resend_notification;
    control POST "/__sandbox/payments/{id}/{transition}" => force_transition;
    control POST "/__sandbox/reset" => reset_all;
    control GET "/__sandbox/routes" => list_routes;
}

/// The control router for `state`, ready to merge into a sandbox's router (which keeps its
/// own fallback: unknown paths under `/__sandbox` are caught here by a wildcard).
pub(crate) fn router<S>(state: Arc<dyn Control>) -> Router<S> {
    build()
        .method_not_allowed_fallback(method_not_allowed)
        .route("/__sandbox", any(unknown_route))
        .route("/__sandbox/", any(unknown_route))
        .route("/__sandbox/{*rest}", any(unknown_route))
        .with_state(state)
}

fn time(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn headers_json(headers: &[(String, String)]) -> Value {
    headers.iter().map(|(n, v)| json!([n, v])).collect()
}

fn request_json(id: usize, r: &RecordedRequest) -> Value {
    json!({
        "id": id,
        "method": r.method,
        "path": r.path,
        "query": r.query,
        "headers": headers_json(&r.headers),
        "body": r.body_text(),
        "received_at": time(&r.received_at),
    })
}

fn notification_json(id: usize, n: &Notification) -> Value {
    let attempts: Vec<Value> = n
        .attempts
        .iter()
        .map(|a| json!({"number": a.number, "status": a.status, "error": a.error, "at": time(&a.at)}))
        .collect();
    json!({
        "id": id,
        "url": n.url,
        "headers": headers_json(&n.headers),
        "body": n.body_text(),
        "delivered": n.delivered,
        "attempts": attempts,
    })
}

fn error_json(status: StatusCode, code: &str, message: &str) -> Response {
    json_response(
        status,
        &json!({"error": {"code": code, "message": message}}),
    )
}

fn sandbox_error(e: &SandboxError) -> Response {
    let (status, code) = match e {
        SandboxError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
        SandboxError::InvalidState(_) => (StatusCode::CONFLICT, "invalid_state"),
        SandboxError::Unsupported(_) => (StatusCode::BAD_REQUEST, "unsupported_transition"),
        SandboxError::Rejected(_) => (StatusCode::BAD_REQUEST, "rejected"),
        SandboxError::Bind(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
    };
    error_json(status, code, &e.to_string())
}

async fn list_requests(State(state): State<Arc<dyn Control>>) -> Response {
    let requests: Vec<Value> = lock(&state.core().requests)
        .iter()
        .enumerate()
        .map(|(i, r)| request_json(i, r))
        .collect();
    json_response(StatusCode::OK, &json!({"requests": requests}))
}

async fn list_notifications(State(state): State<Arc<dyn Control>>) -> Response {
    let notifications: Vec<Value> = state
        .core()
        .notifier
        .log()
        .iter()
        .enumerate()
        .map(|(i, n)| notification_json(i, n))
        .collect();
    json_response(StatusCode::OK, &json!({"notifications": notifications}))
}

async fn resend_notification(State(state): State<Arc<dyn Control>>, params: Params) -> Response {
    let id = params.get("id");
    let Ok(index) = id.parse::<usize>() else {
        return sandbox_error(&SandboxError::NotFound(format!("notification {id}")));
    };
    match resend(state.core(), index).await {
        Ok((new, n)) => json_response(
            StatusCode::OK,
            &json!({"notification": notification_json(new, &n)}),
        ),
        Err(e) => sandbox_error(&e),
    }
}

async fn force_transition(State(state): State<Arc<dyn Control>>, params: Params) -> Response {
    let result = match params.get("transition").parse::<Transition>() {
        Ok(t) => force(state, params.get("id"), t).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(done) => {
            let notification = done.notification.as_ref().map(notification_json_of);
            json_response(
                StatusCode::OK,
                &json!({
                    "id": done.id,
                    "transition": done.transition.as_str(),
                    "status": done.status,
                    "notification": notification,
                }),
            )
        }
        Err(e) => sandbox_error(&e),
    }
}

/// A delivered notification without its index (the log may have grown meanwhile).
fn notification_json_of(n: &Notification) -> Value {
    let mut v = notification_json(0, n);
    if let Some(m) = v.as_object_mut() {
        m.shift_remove("id");
    }
    v
}

async fn reset_all(State(state): State<Arc<dyn Control>>) -> Response {
    reset(state.as_ref());
    json_response(StatusCode::OK, &json!({"reset": true}))
}

async fn list_routes(State(state): State<Arc<dyn Control>>) -> Response {
    let routes: Vec<Value> = state
        .routes()
        .iter()
        .chain(ROUTES)
        .map(
            |r| json!({"group": r.group, "method": r.method, "path": r.path, "handler": r.handler}),
        )
        .collect();
    let transitions: Vec<&str> = state.transitions().iter().map(|t| t.as_str()).collect();
    json_response(
        StatusCode::OK,
        &json!({"provider": state.provider(), "routes": routes, "transitions": transitions}),
    )
}

async fn unknown_route(method: Method, uri: Uri) -> Response {
    error_json(
        StatusCode::NOT_FOUND,
        "not_found",
        &format!("no control route {method} {}", uri.path()),
    )
}

async fn method_not_allowed(method: Method, uri: Uri) -> Response {
    error_json(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        &format!("{method} is not allowed on {}", uri.path()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transition_names_round_trip() {
        for t in Transition::ALL {
            assert_eq!(t.as_str().parse::<Transition>().ok(), Some(t));
            assert_eq!(t.to_string(), t.as_str());
        }
        assert!(matches!(
            "refund".parse::<Transition>(),
            Err(SandboxError::Unsupported(_))
        ));
    }
}
