//! `TokenizationClient`: `create_certificate`, `get_card_data_by_tokens`,
//! `get_card_data_by_payments` (detokenization).

use std::sync::Arc;

use axum::extract::State;
use serde_json::{Value, json};

use super::JsonBody;
use crate::common::lock;
use crate::onlinepayments::Inner;
use crate::onlinepayments::catalogue::bins::lookup;
use crate::onlinepayments::certificates::{encrypt_card_number, issue};
use crate::onlinepayments::customer_input::platform_key;
use crate::onlinepayments::input::{QueryParams, missing, required_str};
use crate::onlinepayments::render::{Reply, invalid, not_allowed, not_found, ok};
use crate::onlinepayments::sessions::token;
use crate::onlinepayments::state::Store;

/// `POST /v2/{merchantId}/detokenize/csr`: verifies the PEM `csr` (an RSA key, signed with
/// `sha256WithRSAEncryption`) and answers `certificateId` and the PEM `signedCertificate`.
/// Card data is then encrypted for the latest certificate's key.
pub(in crate::onlinepayments) async fn create_certificate(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    let csr = match required_str(&body, &["csr"]) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Some(platform) = platform_key() else {
        return not_allowed("the sandbox has no signing key");
    };
    match issue(platform, &csr) {
        Ok((key, pem)) => {
            let id = uuid::Uuid::new_v4().to_string();
            lock(&inner.store).sessions.certificates.push(key);
            ok(json!({"certificateId": id, "signedCertificate": pem}))
        }
        Err(e) => invalid("csr", &e.to_string()),
    }
}

/// The values of a repeated query parameter (each may also be comma separated).
fn ids(query: &QueryParams, name: &str) -> Result<Vec<String>, Reply> {
    let ids: Vec<String> = query
        .all(name)
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect();
    if ids.is_empty() {
        return Err(missing(name));
    }
    Ok(ids)
}

/// `cardBrand` of a card number.
fn brand(number: &str) -> &'static str {
    match lookup(number).map(|b| b.product) {
        Some(2) => "AMEX",
        Some(3) => "MasterCard",
        _ => "VISA",
    }
}

/// A `DetokenizedTokenResponse` with the card number encrypted for the latest certificate.
fn detokenized(
    store: &Store,
    number: &str,
    expiry: Option<&str>,
    holder: Option<&str>,
) -> Result<serde_json::Map<String, Value>, Reply> {
    let certificate = store
        .sessions
        .certificates
        .last()
        .ok_or_else(|| not_allowed("create a detokenization certificate first"))?;
    let encrypted = encrypt_card_number(certificate, number)
        .ok_or_else(|| not_allowed("the card number could not be encrypted"))?;
    let mut m = serde_json::Map::new();
    m.insert("cardBrand".into(), json!(brand(number)));
    if let Some(e) = expiry {
        m.insert("cardExpiryDate".into(), json!(e));
    }
    if let Some(h) = holder {
        m.insert("cardHolderName".into(), json!(h));
    }
    m.insert("encryptedCardNumber".into(), json!(encrypted));
    Ok(m)
}

/// `GET /v2/{merchantId}/detokenize/tokens?tokens=…`: the card of each token; `404` when
/// one is unknown, `400` without tokens or before any certificate was created.
pub(in crate::onlinepayments) async fn get_card_data_by_tokens(
    State(inner): State<Arc<Inner>>,
    query: QueryParams,
) -> Reply {
    let ids = match ids(&query, "tokens") {
        Ok(i) => i,
        Err(r) => return r,
    };
    let store = lock(&inner.store);
    let mut out = Vec::new();
    for id in ids {
        let Some(t) = token(&store, &id) else {
            return not_found("Token");
        };
        match detokenized(
            &store,
            &t.card_number,
            t.expiry_date.as_deref(),
            t.cardholder_name.as_deref(),
        ) {
            Ok(mut m) => {
                m.insert("token".into(), json!(t.id));
                out.push(Value::Object(m));
            }
            Err(r) => return r,
        }
    }
    ok(json!({"tokens": out}))
}

/// `GET /v2/{merchantId}/detokenize/payments?payments=…`: the card of each payment (with its
/// token, if it has one); `404` when one is unknown, `400` without payments or before any
/// certificate was created.
pub(in crate::onlinepayments) async fn get_card_data_by_payments(
    State(inner): State<Arc<Inner>>,
    query: QueryParams,
) -> Reply {
    let ids = match ids(&query, "payments") {
        Ok(i) => i,
        Err(r) => return r,
    };
    let store = lock(&inner.store);
    let mut out = Vec::new();
    for id in ids {
        let Some(p) = store.payments.iter().find(|p| p.id == id) else {
            return not_found("Payment");
        };
        match detokenized(&store, &p.card_number, p.expiry_date.as_deref(), None) {
            Ok(mut m) => {
                m.insert("paymentId".into(), json!(p.id));
                if let Some(t) = &p.token {
                    m.insert("token".into(), json!(t));
                }
                out.push(Value::Object(m));
            }
            Err(r) => return r,
        }
    }
    ok(json!({"tokens": out}))
}
