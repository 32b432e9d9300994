//! An axum extractor for callbacks (feature `axum`).
//!
//! Put an [`EcommpayCallbackKey`] in the router state (directly or through `FromRef`);
//! a handler taking [`EcommpayCallback`] then only runs for a callback whose signature
//! matches the project's secret key. A missing or wrong signature is answered
//! `401 Unauthorized` and a body that is not JSON `400 Bad Request`, before the handler
//! runs.
//!
//! ```
//! use axum::{Router, routing::post};
//! use ecommpay::PaymentStatus;
//! use ecommpay::extract::{EcommpayCallback, EcommpayCallbackKey};
//!
//! async fn callback(EcommpayCallback(callback): EcommpayCallback) -> &'static str {
//!     if callback.get_payment_status() == Some(PaymentStatus::Success) {
//!         // fulfil the order of callback.get_payment_id()
//!     }
//!     "OK"
//! }
//!
//! let app: Router = Router::new()
//!     .route("/ecommpay/callback", post(callback))
//!     .with_state(EcommpayCallbackKey::new("project-secret"));
//! ```

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use payments_core::secret::SecretString;

use crate::callback::Callback;
use crate::gate::Gate;
use crate::process_exception::Error;
use crate::signature_handler::SignatureHandler;

/// The key callbacks are verified with: the project's secret key, held as a ready HMAC
/// key. Cheap to clone; `Debug` never shows it.
#[derive(Debug, Clone)]
pub struct EcommpayCallbackKey(Arc<SignatureHandler>);

impl EcommpayCallbackKey {
    /// A key from the project's secret key.
    pub fn new(secret_key: impl Into<SecretString>) -> Self {
        Self(Arc::new(SignatureHandler::new(secret_key)))
    }

    /// The handler that verifies the signatures.
    pub fn signature_handler(&self) -> &SignatureHandler {
        &self.0
    }
}

impl From<SignatureHandler> for EcommpayCallbackKey {
    fn from(handler: SignatureHandler) -> Self {
        Self(Arc::new(handler))
    }
}

impl From<&Gate> for EcommpayCallbackKey {
    fn from(gate: &Gate) -> Self {
        Self::from(gate.signature_handler().clone())
    }
}

/// A callback whose signature has been verified (what [`Gate::handle_callback`] returns).
#[derive(Debug, Clone)]
pub struct EcommpayCallback(pub Callback);

/// Why [`EcommpayCallback`] rejected a request.
///
/// As a response: `401 Unauthorized` for a missing or wrong signature, `400 Bad Request`
/// for a body that is not JSON, and axum's own answer when the body cannot be read (for
/// example `413 Payload Too Large` beyond the body limit). The response text is short and
/// never echoes the request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EcommpayCallbackRejection {
    /// The body could not be read.
    #[error(transparent)]
    Body(#[from] BytesRejection),
    /// The body is not JSON, or its signature is missing or wrong.
    #[error(transparent)]
    Callback(#[from] Error),
}

impl EcommpayCallbackRejection {
    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Body(rejection) => rejection.status(),
            Self::Callback(Error::Decoding { .. }) => StatusCode::BAD_REQUEST,
            Self::Callback(_) => StatusCode::UNAUTHORIZED,
        }
    }
}

impl IntoResponse for EcommpayCallbackRejection {
    fn into_response(self) -> Response {
        let status = self.status();
        let text = match self {
            Self::Body(rejection) => return rejection.into_response(),
            Self::Callback(Error::Decoding { .. }) => "callback body is not JSON",
            Self::Callback(Error::SignatureUndefined) => "callback signature missing",
            Self::Callback(_) => "callback signature invalid",
        };
        (status, text).into_response()
    }
}

impl<S> FromRequest<S> for EcommpayCallback
where
    S: Send + Sync,
    EcommpayCallbackKey: FromRef<S>,
{
    type Rejection = EcommpayCallbackRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let key = EcommpayCallbackKey::from_ref(state);
        let body = Bytes::from_request(req, state).await?;
        Ok(Self(Callback::from_slice(&body, key.signature_handler())?))
    }
}
