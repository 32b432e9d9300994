//! `HostedCheckoutClient`: `create_hosted_checkout`, `get_hosted_checkout`.

use std::sync::Arc;

use axum::extract::State;
use serde_json::{Value, json};

use super::JsonBody;
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::render::{Reply, checkout_url, not_found, ok, payment_json};
use crate::onlinepayments::state::{OpCheckout, amount_of, get_str};

/// `POST /v2/{merchantId}/hostedcheckouts`.
pub(in crate::onlinepayments) async fn create_hosted_checkout(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    create_checkout(&inner, &body, None)
}

/// `GET /v2/{merchantId}/hostedcheckouts/{hostedCheckoutId}`.
pub(in crate::onlinepayments) async fn get_hosted_checkout(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let id = params.get("hostedCheckoutId");

    let store = lock(&inner.store);
    let Some(c) = store.checkouts.iter().find(|c| c.id == id) else {
        return not_found("Hosted checkout");
    };
    let mut v = json!({"status": c.status});
    if let Some(p) = c
        .payment_id
        .as_ref()
        .and_then(|pid| store.payments.iter().find(|p| &p.id == pid))
    {
        let category = match p.status.as_str() {
            "REJECTED" => "REJECTED",
            "PENDING_CAPTURE" | "CAPTURED" | "REFUNDED" => "SUCCESSFUL",
            _ => "STATUS_UNKNOWN",
        };
        if let Some(m) = v.as_object_mut() {
            m.insert(
                "createdPaymentOutput".into(),
                json!({"payment": payment_json(p), "paymentStatusCategory": category}),
            );
        }
    }
    ok(v)
}

/// Creates a hosted checkout (of payment link `link_id`, if given).
pub(in crate::onlinepayments) fn create_checkout(
    inner: &Inner,
    body: &Value,
    link_id: Option<&str>,
) -> Reply {
    let (amount, currency) = match amount_of(body, &["order", "amountOfMoney"]) {
        Ok(v) => v,
        Err(r) => return r.into(),
    };
    let mut store = lock(&inner.store);
    let id = store.next().to_string();
    let returnmac = uuid::Uuid::new_v4().to_string();
    store.checkouts.push(OpCheckout {
        id: id.clone(),
        returnmac: returnmac.clone(),
        amount,
        currency,
        request: body.clone(),
        status: "IN_PROGRESS".to_owned(),
        payment_id: None,
        link_id: link_id.map(str::to_owned),
    });
    let url = checkout_url(inner, &id);
    let partial = url.trim_start_matches("http://").to_owned();
    let mut response = json!({
        "RETURNMAC": returnmac,
        "hostedCheckoutId": id,
        "partialRedirectUrl": partial,
        "redirectUrl": url,
    });
    if let (Some(r), Some(m)) = (
        get_str(body, &["order", "references", "merchantReference"]),
        response.as_object_mut(),
    ) {
        m.insert("merchantReference".into(), json!(r));
    }
    ok(response)
}
