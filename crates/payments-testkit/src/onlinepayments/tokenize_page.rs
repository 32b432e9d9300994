//! The hosted tokenization page (`hostedTokenizationUrl`) and the hosted fields page
//! (`sdkUrl`): the sandbox's checkout form without an amount, whose card number becomes a
//! token, and the methods that fill it from Rust.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha384};

use super::catalogue::Lang;
use super::sessions::{HostedSession, PageKind, tokenize};
use super::{Inner, OnlinePaymentsSandbox};
use crate::cards::TestCard;
use crate::common::lock;
use crate::common::page::{
    Checkout, card_number_field, checkout_page, closed_page, message_page, not_found_page,
};
use crate::common::server::{Params, html};
use crate::error::SandboxError;

/// The page of a hosted session: where the customer enters a card.
pub(super) fn page_url(inner: &Inner, kind: PageKind, id: &str) -> String {
    format!("{}{}{id}", inner.core.base_url, kind.prefix())
}

/// The HTML of an open session's page.
fn page_html(session: &HostedSession) -> String {
    let lang = Lang::of(session.locale.as_deref());
    let action = format!("{}{}/tokenize", session.kind.prefix(), session.id);
    checkout_page(&Checkout {
        provider: "Online Payments",
        amount: "",
        currency: "",
        description: lang.pick([
            "Enter your card to save it",
            "Voer uw kaart in om haar te bewaren",
            "Saisissez votre carte pour l'enregistrer",
            "Geben Sie Ihre Karte ein, um sie zu speichern",
        ]),
        action: &action,
        hidden: &[],
        cancel_action: None,
    })
}

/// The Subresource Integrity hash of an open session's page (`sri`, `sdkSri`): `sha384-`
/// and the base64 SHA-384 of the bytes served at its URL.
pub(super) fn page_sri(session: &HostedSession) -> String {
    format!(
        "sha384-{}",
        STANDARD.encode(Sha384::digest(page_html(session).as_bytes()))
    )
}

fn show(inner: &Inner, kind: PageKind, id: &str) -> Response {
    let store = lock(&inner.store);
    match store.sessions.hosted(kind, id) {
        None => not_found_page("session"),
        Some(s) if s.token.is_some() => closed_page("Session", "CREATED"),
        Some(s) => html(StatusCode::OK, page_html(s)),
    }
}

fn submit(inner: &Inner, kind: PageKind, id: &str, body: &[u8]) -> Response {
    let target = format!("{}{id}", kind.prefix());
    match tokenize(inner, &target, &card_number_field(body)) {
        Ok(token) => html(
            StatusCode::OK,
            message_page("Card saved", &format!("Token: {token}")),
        ),
        Err(SandboxError::NotFound(_)) => not_found_page("session"),
        Err(SandboxError::Rejected(reason)) => html(
            StatusCode::BAD_REQUEST,
            message_page("Card not accepted", &reason),
        ),
        Err(e) => html(
            StatusCode::CONFLICT,
            message_page("Card not saved", &e.to_string()),
        ),
    }
}

/// `GET /hostedtokenization/{hostedTokenizationId}`.
pub(super) async fn show_tokenization(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    show(
        &inner,
        PageKind::Tokenization,
        params.get("hostedTokenizationId"),
    )
}

/// `POST /hostedtokenization/{hostedTokenizationId}/tokenize` (form `card_number`).
pub(super) async fn tokenize_tokenization(
    State(inner): State<Arc<Inner>>,
    params: Params,
    body: Bytes,
) -> Response {
    submit(
        &inner,
        PageKind::Tokenization,
        params.get("hostedTokenizationId"),
        &body,
    )
}

/// `GET /hostedfields/{sessionId}`.
pub(super) async fn show_fields(State(inner): State<Arc<Inner>>, params: Params) -> Response {
    show(&inner, PageKind::Fields, params.get("sessionId"))
}

/// `POST /hostedfields/{sessionId}/tokenize` (form `card_number`).
pub(super) async fn tokenize_fields(
    State(inner): State<Arc<Inner>>,
    params: Params,
    body: Bytes,
) -> Response {
    submit(&inner, PageKind::Fields, params.get("sessionId"), &body)
}

impl OnlinePaymentsSandbox {
    /// The customer enters a test card on a hosted tokenization page or in a hosted fields
    /// session (`id_or_url`: its id, `hostedTokenizationUrl` or `sdkUrl`), as the page's form
    /// does. Returns the token, which `get_hosted_tokenization` / `get_hosted_fields_session`
    /// then report and `create_payment` accepts through the session's id.
    ///
    /// # Errors
    /// [`SandboxError::NotFound`] for an unknown session, [`SandboxError::InvalidState`] when
    /// it already has a token, [`SandboxError::Rejected`] for a card the session does not
    /// accept.
    pub fn tokenize_hosted(&self, id_or_url: &str, card: TestCard) -> Result<String, SandboxError> {
        self.tokenize_hosted_with_number(id_or_url, card.number())
    }

    /// Like [`tokenize_hosted`](Self::tokenize_hosted) with any card number (it must pass
    /// the Luhn check and be of a known scheme).
    ///
    /// # Errors
    /// As [`tokenize_hosted`](Self::tokenize_hosted).
    pub fn tokenize_hosted_with_number(
        &self,
        id_or_url: &str,
        card_number: &str,
    ) -> Result<String, SandboxError> {
        tokenize(self.inner(), id_or_url, card_number)
    }
}
