//! An axum extractor for callbacks (feature `axum`), the counterpart of the official
//! FastAPI shortcut `Depends(decode_callback_data)`.
//!
//! Put an [`EPointCallbackKey`] in the router state (directly or through `FromRef`);
//! a handler taking [`EPointCallback`] then only runs for a verified callback. A
//! callback without `data` or `signature`, or whose signature does not match, is
//! answered `401 Unauthorized`; a body that is not UTF-8, or correctly signed `data` that
//! is not base64 JSON of a callback, `400 Bad Request` (see
//! [`EPointCallbackRejection::status`]):
//!
//! ```
//! use axum::{Router, routing::post};
//! use epoint::extract::{EPointCallback, EPointCallbackKey};
//!
//! async fn callback(EPointCallback(data): EPointCallback) -> &'static str {
//!     println!("order {:?} is {}", data.order_id, data.status);
//!     "OK"
//! }
//!
//! let app: Router = Router::new()
//!     .route("/epoint/callback", post(callback))
//!     .with_state(EPointCallbackKey::new("private-key"));
//! ```

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use payments_core::secret::{ExposeSecret, SecretString, secret};

use crate::env::Config;
use crate::error::CallbackError;
use crate::schemas::callback::DecodedCallbackData;

/// The private key callbacks are verified with. `Debug` never shows it.
#[derive(Debug, Clone)]
pub struct EPointCallbackKey(Arc<SecretString>);

impl EPointCallbackKey {
    /// A key from its text.
    pub fn new(private_key: impl Into<String>) -> Self {
        Self(Arc::new(secret(private_key)))
    }
}

impl From<&Config> for EPointCallbackKey {
    fn from(config: &Config) -> Self {
        Self(Arc::new(config.private_key.clone()))
    }
}

/// A verified, decoded callback.
#[derive(Debug, Clone)]
pub struct EPointCallback(pub DecodedCallbackData);

/// Why [`EPointCallback`] rejected a request, answered with [`status`](Self::status) and a
/// short reason.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EPointCallbackRejection {
    /// The body could not be read.
    #[error("could not read the callback body: {0}")]
    Body(String),
    /// The callback is malformed or its signature is wrong.
    #[error(transparent)]
    Callback(#[from] CallbackError),
}

impl EPointCallbackRejection {
    /// The HTTP status of the response: `401 Unauthorized` when the callback is not
    /// signed by EPoint (a missing `data` or `signature` field, a signature that does not
    /// match), `400 Bad Request` for a body that cannot be read or a signed payload that
    /// cannot be decoded.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Callback(CallbackError::InvalidSignature | CallbackError::MissingField(_)) => {
                StatusCode::UNAUTHORIZED
            }
            Self::Body(_) | Self::Callback(_) => StatusCode::BAD_REQUEST,
        }
    }
}

impl IntoResponse for EPointCallbackRejection {
    fn into_response(self) -> Response {
        (self.status(), self.to_string()).into_response()
    }
}

impl<S> FromRequest<S> for EPointCallback
where
    S: Send + Sync,
    EPointCallbackKey: FromRef<S>,
{
    type Rejection = EPointCallbackRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let key = EPointCallbackKey::from_ref(state);
        let body = Bytes::from_request(req, state)
            .await
            .map_err(|e| EPointCallbackRejection::Body(e.body_text()))?;
        let decoded = crate::helpers::decode_callback_data(key.0.expose_secret(), &body)?;
        Ok(Self(decoded))
    }
}
