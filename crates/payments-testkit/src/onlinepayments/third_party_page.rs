//! Pages that stand in for third parties: the portal of a redirect payment method
//! (`merchantAction.redirectData.redirectURL` of a redirect payment) and the mandate signing
//! page (that of an `SMS` or `AIS` mandate). Each has two buttons; the answer redirects the
//! customer to the merchant's return URL with `RETURNMAC`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::Inner;
use super::events::send_event;
use super::follow_up::{ThirdParty, third_party_result};
use super::mandates::{OpMandate, change};
use super::state::Refusal;
use crate::common::lock;
use crate::common::page::{
    closed_page, escape, major_amount, message_page, not_found_page, with_query,
};
use crate::common::server::{Params, html, redirect};

/// The third party's page of redirect payment `payment_id`.
pub(super) fn redirect_url(inner: &Inner, payment_id: &str) -> String {
    format!("{}/thirdparty/{payment_id}", inner.core.base_url)
}

/// A page with a title, a text and one form button per `(action, id, label)`.
fn choice_page(title: &str, text: &str, buttons: &[(&str, &str, &str)]) -> Response {
    let forms: String = buttons
        .iter()
        .map(|(action, id, label)| {
            format!(
                "<form method=\"post\" action=\"{}\"><button type=\"submit\" id=\"{}\">{}</button></form>",
                escape(action),
                escape(id),
                escape(label)
            )
        })
        .collect();
    html(
        StatusCode::OK,
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\n\
<body><main><h1>{t}</h1><p id=\"message\">{m}</p>\n{forms}\n</main></body></html>\n",
            t = escape(title),
            m = escape(text),
        ),
    )
}

/// A refused page action: `404` for an unknown object, else `409` with the reason.
fn refused(r: &Refusal, what: &str) -> Response {
    match r {
        Refusal::NotFound(_) => not_found_page(what),
        Refusal::NotAllowed(m) | Refusal::Invalid { message: m, .. } => {
            html(StatusCode::CONFLICT, message_page("Not possible", m))
        }
    }
}

/// `GET /thirdparty/{paymentId}`: approve or cancel a `REDIRECTED` payment.
pub(super) async fn show_redirect(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    let id = params.get("paymentId");
    let store = lock(&inner.store);
    let Some(p) = store
        .payments
        .iter()
        .find(|p| p.id == id && p.redirect.is_some())
    else {
        return not_found_page("payment");
    };
    if p.status != "REDIRECTED" {
        return closed_page("Payment", &p.status);
    }
    let amount = format!("{} {}", major_amount(p.amount, &p.currency), p.currency);
    let (approve, cancel) = (
        format!("/thirdparty/{id}/approve"),
        format!("/thirdparty/{id}/cancel"),
    );
    choice_page(
        "Online Payments sandbox: third-party payment",
        &format!("Approve the payment of {amount}?"),
        &[
            (&approve, "approve", "Approve"),
            (&cancel, "cancel", "Cancel"),
        ],
    )
}

async fn answer_redirect(inner: &Inner, id: &str, result: ThirdParty) -> Response {
    let changed = third_party_result(&mut lock(&inner.store), id, result);
    let payment = match changed {
        Ok(p) => p,
        Err(r) => return refused(&r, "payment"),
    };
    let _ = send_event(inner, &payment).await;
    let status = payment
        .get("status")
        .and_then(|s| s.as_str())
        .unwrap_or_default();
    let back = {
        let store = lock(&inner.store);
        store
            .payments
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.redirect.as_ref())
            .and_then(|r| Some((r.return_url.clone()?, r.returnmac.clone())))
    };
    match back {
        Some((url, mac)) => redirect(&with_query(&url, &[("RETURNMAC", &mac), ("paymentId", id)])),
        None => html(
            StatusCode::OK,
            message_page("Payment finished", &format!("Status: {status}")),
        ),
    }
}

/// `POST /thirdparty/{paymentId}/approve`.
pub(super) async fn approve_redirect(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    answer_redirect(&inner, params.get("paymentId"), ThirdParty::Approve).await
}

/// `POST /thirdparty/{paymentId}/cancel`.
pub(super) async fn cancel_redirect(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    answer_redirect(&inner, params.get("paymentId"), ThirdParty::Cancel).await
}

/// `GET /mandatesigning/{uniqueMandateReference}`: sign or refuse a `CREATED` mandate.
pub(super) async fn show_signing(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    let reference = params.get("uniqueMandateReference");
    let store = lock(&inner.store);
    let Some(m) = store.mandates.iter().find(|m| m.reference == reference) else {
        return not_found_page("mandate");
    };
    if !m.awaits_signature() {
        return closed_page("Mandate", &m.status);
    }
    let segment = payments_core::http::encode_path_segment(reference);
    let (sign, refuse) = (
        format!("/mandatesigning/{segment}/sign"),
        format!("/mandatesigning/{segment}/refuse"),
    );
    choice_page(
        "Online Payments sandbox: mandate signature",
        &format!("Sign SEPA direct debit mandate {reference}?"),
        &[(&sign, "sign", "Sign"), (&refuse, "refuse", "Refuse")],
    )
}

fn answer_signing(inner: &Inner, reference: &str, to: &str, action: &str) -> Response {
    let changed = change(
        &mut lock(&inner.store),
        reference,
        Some("CREATED"),
        to,
        action,
    );
    let m: OpMandate = match changed {
        Ok(m) => m,
        Err(r) => return refused(&r, "mandate"),
    };
    match m.return_url() {
        Some(url) => redirect(&with_query(
            &url,
            &[
                ("RETURNMAC", &m.returnmac),
                ("uniqueMandateReference", &m.reference),
            ],
        )),
        None => html(
            StatusCode::OK,
            message_page("Mandate", &format!("Status: {}", m.status)),
        ),
    }
}

/// `POST /mandatesigning/{uniqueMandateReference}/sign`: `ACTIVE`.
pub(super) async fn sign_mandate(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    answer_signing(
        &inner,
        params.get("uniqueMandateReference"),
        "ACTIVE",
        "signed",
    )
}

/// `POST /mandatesigning/{uniqueMandateReference}/refuse`: `REVOKED`.
pub(super) async fn refuse_mandate(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    answer_signing(
        &inner,
        params.get("uniqueMandateReference"),
        "REVOKED",
        "refused",
    )
}
