//! An axum extractor for webhooks (feature `axum`): it parses the body, then verifies it
//! through the API by fetching the order ([`NoPaynClient::verify_webhook`]).
//!
//! Put a [`NoPaynClient`] in the router state (directly or through `FromRef`); a handler
//! taking [`NoPaynWebhook`] then only runs for a webhook whose order the API confirms:
//!
//! ```no_run
//! use axum::{Router, routing::post};
//! use nopayn::NoPaynClient;
//! use nopayn::extract::NoPaynWebhook;
//!
//! async fn webhook(NoPaynWebhook(verified): NoPaynWebhook) -> &'static str {
//!     println!("order {} is {}", verified.order.id, verified.order.status);
//!     "OK"
//! }
//!
//! # fn app() -> Result<Router, nopayn::Error> {
//! let client = NoPaynClient::new("your-api-key", "your-project")?;
//! let app: Router = Router::new()
//!     .route("/webhook", post(webhook))
//!     .with_state(client);
//! # Ok(app) }
//! ```
//!
//! Rejections ([`NoPaynWebhookRejection`]), each with a short text body:
//!
//! | case | status |
//! |---|---|
//! | the body cannot be read, is not JSON or has no `order_id` | `400 Bad Request` |
//! | the API does not confirm the order (it answers 4xx, for example 404) | `401 Unauthorized` |
//! | the API cannot be asked now (network failure, 5xx, 408, 429, unreadable answer) | `503 Service Unavailable` |
//!
//! Any answer but 200 makes NoPayn send the webhook again later (up to 10 times), so a
//! webhook that could not be checked is not lost.

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::client::NoPaynClient;
use crate::error::{Error, WebhookError};
use crate::models::VerifiedWebhook;

/// A webhook whose order the API confirmed: the order as the API reports it now.
#[derive(Debug, Clone)]
pub struct NoPaynWebhook(pub VerifiedWebhook);

/// Why [`NoPaynWebhook`] rejected a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NoPaynWebhookRejection {
    /// The body could not be read (`400`).
    #[error("could not read the webhook body: {0}")]
    Body(String),
    /// The body is not a NoPayn webhook (`400`).
    #[error(transparent)]
    Invalid(WebhookError),
    /// The API does not confirm the webhook's order (`401`).
    #[error("webhook not confirmed by the API: {0}")]
    NotConfirmed(#[source] Error),
    /// The API could not be asked about the order (`503`).
    #[error("webhook could not be verified now: {0}")]
    Unavailable(#[source] Error),
}

impl NoPaynWebhookRejection {
    /// The HTTP status answered to the sender.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Body(_) | Self::Invalid(_) => StatusCode::BAD_REQUEST,
            Self::NotConfirmed(_) => StatusCode::UNAUTHORIZED,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// Sorts a failure of [`NoPaynClient::verify_webhook`].
    fn from_error(error: Error) -> Self {
        match error {
            Error::Webhook(e) => Self::Invalid(e),
            Error::Api(ref e) if is_refusal(e.status_code) => Self::NotConfirmed(error),
            other => Self::Unavailable(other),
        }
    }
}

/// A 4xx that is an answer about the order, not a sign of a busy or slow server.
fn is_refusal(status: u16) -> bool {
    (400..500).contains(&status) && status != 408 && status != 429
}

impl IntoResponse for NoPaynWebhookRejection {
    /// The status and a short reason; the API's own answer is not passed on.
    fn into_response(self) -> Response {
        let reason = match &self {
            Self::Body(_) => "could not read the webhook body",
            Self::Invalid(WebhookError::MissingOrderId) => "webhook has no order_id",
            Self::Invalid(_) => "webhook body is not a JSON object",
            Self::NotConfirmed(_) => "webhook not confirmed by the NoPayn API",
            Self::Unavailable(_) => "webhook could not be verified now; retry later",
        };
        (self.status(), reason).into_response()
    }
}

impl<S> FromRequest<S> for NoPaynWebhook
where
    S: Send + Sync,
    NoPaynClient: FromRef<S>,
{
    type Rejection = NoPaynWebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let client = NoPaynClient::from_ref(state);
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|e| NoPaynWebhookRejection::Body(e.body_text()))?;
        let verified = client
            .verify_webhook(&body)
            .await
            .map_err(NoPaynWebhookRejection::from_error)?;
        Ok(Self(verified))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;
    use payments_core::http::{TransportError, TransportErrorKind};

    #[test]
    fn statuses() {
        let api = |status| Error::from(ApiError::from_response(status, b"{}"));
        let cases = [
            (Error::from(WebhookError::InvalidJson), 400),
            (Error::from(WebhookError::MissingOrderId), 400),
            (api(404), 401),
            (api(401), 401),
            (api(400), 401),
            (api(408), 503),
            (api(429), 503),
            (api(500), 503),
            (api(502), 503),
            (
                Error::from(TransportError::new(TransportErrorKind::Timeout, "30 s")),
                503,
            ),
            (
                Error::unexpected(&payments_core::http::HttpResponse::new(200, ""), "empty"),
                503,
            ),
        ];
        for (error, status) in cases {
            let text = error.to_string();
            let rejection = NoPaynWebhookRejection::from_error(error);
            assert_eq!(rejection.status().as_u16(), status, "{text}");
            assert_eq!(rejection.into_response().status().as_u16(), status);
        }
        assert_eq!(
            NoPaynWebhookRejection::Body("too large".into()).status(),
            StatusCode::BAD_REQUEST
        );
    }
}
