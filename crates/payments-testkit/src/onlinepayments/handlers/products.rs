//! `ProductsClient`: `get_payment_products`, `get_payment_product`,
//! `get_payment_product_networks`, `get_product_directory`, `create_payment_product_session`.
//! The client API serves the same catalogue through [`list`] and [`one`].

use std::sync::Arc;

use axum::extract::State;
use chrono::Utc;
use payments_core::signing::{base64_encode, hmac_sha256};
use serde_json::{Value, json};

use super::JsonBody;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::catalogue::{self, Product, Query, directory};
use crate::onlinepayments::input::{QueryParams, required_str};
use crate::onlinepayments::render::{Reply, invalid, not_found, ok};

/// The product of the path's `paymentProductId` offered for the query: `400` for a bad
/// query or id, `404` for a product the catalogue lacks or does not offer in this context.
pub(in crate::onlinepayments) fn offered_product(
    params: &Params,
    query: &QueryParams,
) -> Result<(&'static Product, Query), Reply> {
    let q = Query::parse(query)?;
    let id: i64 = params
        .get("paymentProductId")
        .parse()
        .map_err(|_| invalid("paymentProductId", "paymentProductId is not a number"))?;
    match catalogue::product(id) {
        Some(p) if p.offered(&q) => Ok((p, q)),
        _ => Err(not_found("Payment product")),
    }
}

/// `GetPaymentProductsResponse` for the query, with accounts on file from `accounts`.
pub(in crate::onlinepayments) fn list(
    query: &QueryParams,
    accounts: impl Fn(i64) -> Vec<Value>,
) -> Reply {
    match Query::parse(query) {
        Ok(q) => ok(json!({"paymentProducts": catalogue::offered(&q, accounts)})),
        Err(r) => r,
    }
}

/// `PaymentProduct` of the path's product, with accounts on file from `accounts`.
pub(in crate::onlinepayments) fn one(
    params: &Params,
    query: &QueryParams,
    accounts: impl Fn(i64) -> Vec<Value>,
) -> Reply {
    match offered_product(params, query) {
        Ok((p, q)) => ok(p.json(&q, accounts(p.id))),
        Err(r) => r,
    }
}

/// `PaymentProductNetworksResponse` of a wallet; `404` for a product without networks.
pub(in crate::onlinepayments) fn networks(params: &Params, query: &QueryParams) -> Reply {
    match offered_product(params, query) {
        Ok((p, _)) if !p.networks().is_empty() => ok(json!({"networks": p.networks()})),
        Ok(_) => not_found("Payment product networks"),
        Err(r) => r,
    }
}

/// `GET /v2/{merchantId}/products`.
pub(in crate::onlinepayments) async fn get_payment_products(query: QueryParams) -> Reply {
    list(&query, |_| Vec::new())
}

/// `GET /v2/{merchantId}/products/{paymentProductId}`.
pub(in crate::onlinepayments) async fn get_payment_product(
    params: Params,
    query: QueryParams,
) -> Reply {
    one(&params, &query, |_| Vec::new())
}

/// `GET /v2/{merchantId}/products/{paymentProductId}/networks`.
pub(in crate::onlinepayments) async fn get_payment_product_networks(
    params: Params,
    query: QueryParams,
) -> Reply {
    networks(&params, &query)
}

/// `GET /v2/{merchantId}/products/{paymentProductId}/directory`: the iDEAL issuers; `404`
/// for a product without a directory.
pub(in crate::onlinepayments) async fn get_product_directory(
    params: Params,
    query: QueryParams,
) -> Reply {
    match offered_product(&params, &query) {
        Ok((p, _)) => directory(p).map_or_else(|| not_found("Product directory"), ok),
        Err(r) => r,
    }
}

/// `POST /v2/{merchantId}/products/{paymentProductId}/sessions`: an Apple Pay (302)
/// merchant session for `displayName` and `domainName`. Any other product is `400`, as the
/// platform answers for a product without sessions.
pub(in crate::onlinepayments) async fn create_payment_product_session(
    State(inner): State<Arc<Inner>>,
    params: Params,
    JsonBody(body): JsonBody,
) -> Reply {
    if params.get("paymentProductId") != "302" {
        return invalid(
            "paymentProductId",
            "sessions exist for Apple Pay (302) only",
        );
    }
    let input = "paymentProductSession302SpecificInput";
    let display_name = match required_str(&body, &[input, "displayName"]) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let domain_name = match required_str(&body, &[input, "domainName"]) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if url::Host::parse(&domain_name).is_err() || domain_name.contains(['/', ':']) {
        return invalid(
            &format!("{input}.domainName"),
            "domainName is not a host name",
        );
    }
    let now = Utc::now().timestamp_millis();
    let id = uuid::Uuid::new_v4().simple().to_string();
    let mut session = json!({
        "epochTimestamp": now,
        "expiresAt": now + 3_600_000,
        "merchantSessionIdentifier": id,
        "nonce": id.get(..8).unwrap_or_default(),
        "merchantIdentifier": inner.config.merchant_id,
        "domainName": domain_name,
        "displayName": display_name,
    });
    let signature = base64_encode(&hmac_sha256(
        inner.config.secret_api_key.as_bytes(),
        session.to_string().as_bytes(),
    ));
    if let Some(m) = session.as_object_mut() {
        m.insert("signature".into(), json!(signature));
    }
    ok(json!({
        "paymentProductSession302SpecificOutput": {"session": session.to_string()},
    }))
}
