//! The client API of a client session (`clientApiUrl` = `{base}/client`): the public key
//! for `encryptedCustomerInput`, the catalogue with the session's accounts on file, IIN
//! details, surcharge and DCC. Every request carries `Authorization: GCS
//! v1Client:{clientSessionId}` and the session's `customerId` in the path.

use std::sync::Arc;

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde_json::{Value, json};

use super::JsonBody;
use super::products::{list, networks, one};
use super::services::{dcc_rate, iin_details, surcharge};
use crate::cards::mask_last4;
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::catalogue::{self, bins::product_of};
use crate::onlinepayments::customer_input::platform_key;
use crate::onlinepayments::input::QueryParams;
use crate::onlinepayments::render::{Reply, err, ok};
use crate::onlinepayments::sessions::{ClientSession, token};

/// The client session a request authenticates with.
pub(in crate::onlinepayments) struct ClientAuth(ClientSession);

impl FromRequestParts<Arc<Inner>> for ClientAuth {
    type Rejection = Reply;

    /// `401` without a known `GCS v1Client:` session, `403` for another customer's path.
    async fn from_request_parts(parts: &mut Parts, inner: &Arc<Inner>) -> Result<Self, Reply> {
        let unauthorized = || {
            err(
                StatusCode::UNAUTHORIZED,
                "9002",
                "MISSING_OR_INVALID_AUTHORIZATION",
                "MISSING_OR_INVALID_AUTHORIZATION",
            )
        };
        let session = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("GCS v1Client:"))
            .and_then(|id| lock(&inner.store).sessions.client(id.trim()).cloned())
            .ok_or_else(unauthorized)?;
        let params = Params::from_request_parts(parts, inner)
            .await
            .unwrap_or_default();
        if params.get("customerId") != session.customer_id {
            return Err(err(
                StatusCode::FORBIDDEN,
                "9007",
                "ACCESS_TO_CUSTOMER_NOT_ALLOWED",
                "the path's customerId is not the session's",
            ));
        }
        Ok(ClientAuth(session))
    }
}

/// The session's tokens of product `id` as `AccountOnFile`.
fn accounts(inner: &Inner, session: &ClientSession, id: i64) -> Vec<Value> {
    let store = lock(&inner.store);
    session
        .tokens
        .iter()
        .filter_map(|t| token(&store, t))
        .filter(|t| product_of(&t.card_number) == id)
        .map(|t| {
            let mut attributes = vec![json!({"key": "alias", "status": "READ_ONLY", "value": mask_last4(&t.card_number)})];
            if let Some(e) = &t.expiry_date {
                attributes.push(json!({"key": "expiryDate", "status": "CAN_WRITE", "value": e}));
            }
            if let Some(h) = &t.cardholder_name {
                attributes.push(json!({"key": "cardholderName", "status": "READ_ONLY", "value": h}));
            }
            json!({
                "attributes": attributes,
                "displayHints": {
                    "labelTemplate": [{"attributeKey": "alias", "mask": "{{9999}} {{9999}} {{9999}} {{9999}} {{999}}"}],
                    "logo": catalogue::logo(id),
                },
                "id": t.id,
                "paymentProductId": id,
            })
        })
        .collect()
}

/// `GET /client/v1/{customerId}/crypto/publickey`: `{keyId, publicKey}` of the sandbox's
/// client-encryption key (base64 DER SubjectPublicKeyInfo).
pub(in crate::onlinepayments) async fn public_key(_: ClientAuth) -> Reply {
    match platform_key() {
        Some(key) => ok(key.public_key_response()),
        None => err(
            StatusCode::INTERNAL_SERVER_ERROR,
            "9999",
            "UNKNOWN_SERVER_ERROR",
            "no key",
        ),
    }
}

/// `GET /client/v1/{customerId}/products`.
pub(in crate::onlinepayments) async fn products(
    State(inner): State<Arc<Inner>>,
    ClientAuth(session): ClientAuth,
    query: QueryParams,
) -> Reply {
    list(&query, |id| accounts(&inner, &session, id))
}

/// `GET /client/v1/{customerId}/products/{paymentProductId}`.
pub(in crate::onlinepayments) async fn product(
    State(inner): State<Arc<Inner>>,
    ClientAuth(session): ClientAuth,
    params: Params,
    query: QueryParams,
) -> Reply {
    one(&params, &query, |id| accounts(&inner, &session, id))
}

/// `GET /client/v1/{customerId}/products/{paymentProductId}/networks`.
pub(in crate::onlinepayments) async fn product_networks(
    _: ClientAuth,
    params: Params,
    query: QueryParams,
) -> Reply {
    networks(&params, &query)
}

/// `POST /client/v1/{customerId}/services/getIINdetails`.
pub(in crate::onlinepayments) async fn iin(_: ClientAuth, JsonBody(body): JsonBody) -> Reply {
    iin_details(&body)
}

/// `POST /client/v1/{customerId}/services/surchargeCalculation`.
pub(in crate::onlinepayments) async fn surcharge_calculation(
    State(inner): State<Arc<Inner>>,
    _: ClientAuth,
    JsonBody(body): JsonBody,
) -> Reply {
    surcharge(&inner, &body)
}

/// `POST /client/v2/{customerId}/services/dccrate`.
pub(in crate::onlinepayments) async fn dcc(
    State(inner): State<Arc<Inner>>,
    _: ClientAuth,
    JsonBody(body): JsonBody,
) -> Reply {
    dcc_rate(&inner, &body)
}
