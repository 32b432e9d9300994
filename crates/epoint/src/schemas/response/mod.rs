//! Response bodies and [`ApiResponse`].
//!
//! Unknown fields are ignored; statuses are open enums, so a new status never breaks
//! parsing. The bank `code` is kept as sent (see [`code_meaning`](crate::code_meaning)).

use payments_core::http::Headers;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::schemas::enums::{TransactionStatus, TransactionStatusExtended};

mod bodies;
pub(crate) mod fields;

pub use bodies::{
    BaseResponse, MinimalResponse, RedirectUrlResponse, RedirectUrlWithCardIdResponse,
    SplitPayWithSavedCardResponse, TokenPayResponse, TokenPaymentResponse,
    TransactionStatusResponse, WidgetResponse,
};

/// A parsed EPoint answer (the official `APIResponse`).
///
/// Serde writes `headers` as a list of `[name, value]` pairs, in order.
#[doc(alias = "APIResponse")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiResponse<T> {
    /// Whether the operation succeeded, computed per endpoint as the official SDK does
    /// (EPoint answers `200` even on errors, so this mostly follows the body's `status`).
    pub ok: bool,
    /// HTTP status.
    pub status_code: u16,
    /// Response headers.
    #[serde(with = "header_pairs")]
    pub headers: Headers,
    /// The typed body.
    pub body: T,
}

impl<T> ApiResponse<T> {
    /// Assembles a response.
    pub fn new(ok: bool, status_code: u16, headers: Headers, body: T) -> Self {
        Self {
            ok,
            status_code,
            headers,
            body,
        }
    }
}

/// Serde of [`Headers`] as an ordered list of `[name, value]` pairs.
mod header_pairs {
    use payments_core::http::Headers;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(
        headers: &Headers,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(headers.iter())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Headers, D::Error> {
        Ok(Vec::<(String, String)>::deserialize(deserializer)?
            .into_iter()
            .collect())
    }
}

/// A response body type and its `ok` rule (sealed).
pub trait ResponseBody: crate::sealed::Sealed + serde::de::DeserializeOwned {
    /// Parses the body from JSON.
    fn from_json(value: Value) -> Result<Self, serde_json::Error>;

    /// The official `ok` for this body; `http_ok` is true for a 2xx status.
    fn ok(&self, http_ok: bool) -> bool;
}

macro_rules! status_success_body {
    ($($t:ty),*) => {
        $(
            impl crate::sealed::Sealed for $t {}
            impl ResponseBody for $t {
                fn from_json(value: Value) -> Result<Self, serde_json::Error> {
                    serde_json::from_value(value)
                }
                /// `status == "success"`, whatever the HTTP status.
                fn ok(&self, _http_ok: bool) -> bool {
                    self.status == TransactionStatus::Success
                }
            }
        )*
    };
}

status_success_body!(
    MinimalResponse,
    BaseResponse,
    RedirectUrlResponse,
    RedirectUrlWithCardIdResponse,
    SplitPayWithSavedCardResponse,
    WidgetResponse,
    TokenPayResponse
);

impl crate::sealed::Sealed for TransactionStatusResponse {}
impl ResponseBody for TransactionStatusResponse {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(value)
    }
    /// `status != "server_error"`, whatever the HTTP status.
    fn ok(&self, _http_ok: bool) -> bool {
        self.status != TransactionStatusExtended::ServerError
    }
}

impl crate::sealed::Sealed for TokenPaymentResponse {}
impl ResponseBody for TokenPaymentResponse {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(value)
    }
    /// 2xx, an `id`, and no error `status`.
    fn ok(&self, http_ok: bool) -> bool {
        http_ok
            && self.id.is_some()
            && !self
                .status
                .as_ref()
                .is_some_and(TransactionStatus::is_error)
    }
}

impl crate::sealed::Sealed for Map<String, Value> {}
impl ResponseBody for Map<String, Value> {
    fn from_json(value: Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(value)
    }
    /// 2xx and no error `status` (the Apple Pay merchant session is passed through).
    fn ok(&self, http_ok: bool) -> bool {
        let status = self.get("status").and_then(Value::as_str);
        http_ok && !status.is_some_and(|s| TransactionStatus::parse(s).is_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ok_rules() {
        let pay: RedirectUrlResponse =
            serde_json::from_value(json!({"status": "success"})).unwrap();
        assert!(pay.ok(false));
        let pay: RedirectUrlResponse = serde_json::from_value(json!({"status": "new"})).unwrap();
        assert!(!pay.ok(true));
        let st: TransactionStatusResponse =
            serde_json::from_value(json!({"status": "error"})).unwrap();
        assert!(st.ok(false));
        let st: TransactionStatusResponse =
            serde_json::from_value(json!({"status": "server_error"})).unwrap();
        assert!(!st.ok(true));
        let tp: TokenPaymentResponse = serde_json::from_value(json!({"id": 5})).unwrap();
        assert!(tp.ok(true) && !tp.ok(false));
        let tp: TokenPaymentResponse =
            serde_json::from_value(json!({"id": 5, "status": "failed"})).unwrap();
        assert!(!tp.ok(true));
        let tp: TokenPaymentResponse =
            serde_json::from_value(json!({"status": "success"})).unwrap();
        assert!(!tp.ok(true));
        let session: Map<String, Value> =
            serde_json::from_value(json!({"merchantSessionIdentifier": "x"})).unwrap();
        assert!(session.ok(true) && !session.ok(false));
        let session: Map<String, Value> =
            serde_json::from_value(json!({"status": "error"})).unwrap();
        assert!(!session.ok(true));
        let session: Map<String, Value> = serde_json::from_value(json!({"status": 5})).unwrap();
        assert!(session.ok(true));
    }
}
