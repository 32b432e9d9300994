//! An axum extractor for webhooks (feature `axum`), the counterpart of the official
//! `webhooks_helper.unmarshal(body, request_headers)` in a request handler.
//!
//! Put a [`WebhooksHelper`] in the router state (directly or through `FromRef`); a
//! handler taking [`OnlinePaymentsWebhook`] then only runs for an event whose
//! `X-GCS-Signature` matches its body under the secret of its `X-GCS-KeyId`:
//!
//! ```
//! use axum::{Router, routing::post};
//! use onlinepayments::extract::OnlinePaymentsWebhook;
//! use onlinepayments::webhooks::{InMemorySecretKeyStore, Webhooks};
//!
//! async fn webhook(OnlinePaymentsWebhook(event): OnlinePaymentsWebhook) -> &'static str {
//!     println!("event {:?} of type {:?}", event.id, event.r#type);
//!     "OK"
//! }
//!
//! let key_store = InMemorySecretKeyStore::new();
//! key_store.store_secret_key("webhooks-key-id", "webhooks-secret")?;
//! let app: Router = Router::new()
//!     .route("/webhooks", post(webhook))
//!     .with_state(Webhooks::create_helper(key_store));
//! # Ok::<(), onlinepayments::Error>(())
//! ```
//!
//! Rejections ([`OnlinePaymentsWebhookRejection`]), each with a short text body that
//! never echoes the request:
//!
//! | case | status |
//! |---|---|
//! | `X-GCS-Signature` or `X-GCS-KeyId` missing or repeated, a wrong signature, an unknown key id | `401 Unauthorized` |
//! | a correctly signed body that is not a JSON event, or whose `apiVersion` is not `v1` | `400 Bad Request` |
//! | the key store failed otherwise (a custom [`SecretKeyStore`](crate::webhooks::SecretKeyStore)) | `503 Service Unavailable` |
//! | the body cannot be read (for example over axum's body limit) | axum's own answer (`413`, …) |
//!
//! The signature is checked on the raw body before it is parsed.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::communication::RequestHeader;
use crate::domain::WebhooksEvent;
use crate::errors::Error;
use crate::webhooks::WebhooksHelper;

/// A webhook event whose signature has been verified (what
/// [`WebhooksHelper::unmarshal`] returns).
#[derive(Debug, Clone)]
pub struct OnlinePaymentsWebhook(pub WebhooksEvent);

/// Why [`OnlinePaymentsWebhook`] rejected a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OnlinePaymentsWebhookRejection {
    /// The body could not be read.
    #[error(transparent)]
    Body(#[from] BytesRejection),
    /// [`WebhooksHelper::unmarshal`] refused the delivery.
    #[error(transparent)]
    Webhook(#[from] Error),
}

impl OnlinePaymentsWebhookRejection {
    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Body(rejection) => rejection.status(),
            Self::Webhook(
                Error::SignatureValidationException(_) | Error::SecretKeyNotAvailableException(_),
            ) => StatusCode::UNAUTHORIZED,
            Self::Webhook(
                Error::MarshallerSyntaxException(_) | Error::ApiVersionMismatchException(_),
            ) => StatusCode::BAD_REQUEST,
            Self::Webhook(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

impl IntoResponse for OnlinePaymentsWebhookRejection {
    fn into_response(self) -> Response {
        let status = self.status();
        let text = match self {
            Self::Body(rejection) => return rejection.into_response(),
            Self::Webhook(Error::SignatureValidationException(_)) => {
                "webhook signature missing or invalid"
            }
            Self::Webhook(Error::SecretKeyNotAvailableException(_)) => "webhook key id unknown",
            Self::Webhook(Error::MarshallerSyntaxException(_)) => "webhook body is not an event",
            Self::Webhook(Error::ApiVersionMismatchException(_)) => {
                "webhook event API version not supported"
            }
            Self::Webhook(_) => "webhook could not be verified now; retry later",
        };
        (status, text).into_response()
    }
}

/// The request headers as the webhooks helper reads them; a value that is not UTF-8 is
/// kept lossily (so it still counts, and never matches a signature).
fn request_headers(headers: &HeaderMap) -> Vec<RequestHeader> {
    headers
        .iter()
        .map(|(name, value)| {
            RequestHeader::new(
                name.as_str(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

impl<S> FromRequest<S> for OnlinePaymentsWebhook
where
    S: Send + Sync,
    WebhooksHelper: FromRef<S>,
{
    type Rejection = OnlinePaymentsWebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let helper = WebhooksHelper::from_ref(state);
        let headers = request_headers(req.headers());
        let body = Bytes::from_request(req, state).await?;
        Ok(Self(helper.unmarshal(&body, &headers)?))
    }
}
