//! Request authentication: the `Authorization` header.

mod v1hmac_authenticator;

use std::fmt::Debug;

pub use v1hmac_authenticator::V1HmacAuthenticator;

use crate::communication::RequestHeader;
use crate::errors::Error;

/// `Authenticator`: computes the `Authorization` header value of a request.
pub trait Authenticator: Send + Sync + Debug {
    /// The header value for a request with this method, absolute URL (exactly as sent,
    /// query included) and headers (every header added so far).
    fn get_authorization(
        &self,
        http_method: &str,
        resource_uri: &str,
        request_headers: &[RequestHeader],
    ) -> Result<String, Error>;
}

/// `AuthorizationType`: the supported authorization types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthorizationType {
    /// `v1HMAC`: HMAC-SHA256 over the canonical request.
    V1HMAC,
}

impl AuthorizationType {
    /// `v1HMAC`.
    pub const V1HMAC_NAME: &'static str = "v1HMAC";

    /// The name used in configuration and in the header (`v1HMAC`).
    pub fn as_str(&self) -> &'static str {
        match self {
            AuthorizationType::V1HMAC => Self::V1HMAC_NAME,
        }
    }

    /// Looks up a type by its exact (case-sensitive) name.
    pub fn get_authorization(name: &str) -> Result<Self, Error> {
        match name {
            Self::V1HMAC_NAME => Ok(AuthorizationType::V1HMAC),
            other => Err(Error::configuration(format!(
                "Unknown authorizationType {other}"
            ))),
        }
    }
}

impl std::fmt::Display for AuthorizationType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for AuthorizationType {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::get_authorization(s)
    }
}
