//! `PaymentsClient`: `create_payment`, `get_payment`, `get_payment_details`,
//! `capture_payment`, `cancel_payment`, `refund_payment`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{JsonBody, with_payment};
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::customer_input::resolve_payment;
use crate::onlinepayments::events::spawn_event;
use crate::onlinepayments::follow_up::{is_redirect, new_redirect_payment};
use crate::onlinepayments::render::{
    Reply, decline_error, declined, details_json, invalid, ok, payment_json,
};
use crate::onlinepayments::state::{
    OpPayment, amount_of, cancel, capture, get_str, new_payment, refund,
};
use crate::onlinepayments::third_party_page::redirect_url;

/// A new payment from a CreatePaymentRequest: a card (in clear, a token, encrypted or from a
/// hosted session) or a redirect method.
pub(in crate::onlinepayments) fn create(inner: &Inner, body: Value) -> Result<OpPayment, Reply> {
    let body = resolve_payment(inner, body)?;
    let body = &body;
    let (amount, currency) = amount_of(body, &["order", "amountOfMoney"]).map_err(Reply::from)?;
    let mut store = lock(&inner.store);
    if is_redirect(body) {
        return new_redirect_payment(&mut store, body, amount, &currency);
    }
    let card = get_str(
        body,
        &["cardPaymentMethodSpecificInput", "card", "cardNumber"],
    );
    let expiry = get_str(
        body,
        &["cardPaymentMethodSpecificInput", "card", "expiryDate"],
    );
    let (number, expiry) = match (
        card,
        get_str(body, &["cardPaymentMethodSpecificInput", "token"]),
    ) {
        (Some(n), _) => (n, expiry),
        (None, Some(token)) => match store.tokens.iter().find(|t| t.id == token) {
            Some(t) => (t.card_number.clone(), t.expiry_date.clone()),
            None => {
                return Err(invalid(
                    "cardPaymentMethodSpecificInput.token",
                    "Unknown token",
                ));
            }
        },
        (None, None) => {
            return Err(invalid(
                "cardPaymentMethodSpecificInput.card.cardNumber",
                "cardPaymentMethodSpecificInput.card.cardNumber is missing",
            ));
        }
    };
    Ok(new_payment(
        &mut store, body, &number, expiry, amount, &currency, None,
    ))
}

/// The CreatePaymentResponse of a new payment: `201` (with the third party's redirect for a
/// redirect payment), or `402` with `paymentResult` when declined.
pub(in crate::onlinepayments) fn created_reply(inner: &Inner, p: &OpPayment) -> Reply {
    let mut creation = json!({"isNewToken": false});
    if let (Some(t), Some(m)) = (&p.token, creation.as_object_mut()) {
        m.insert("token".into(), json!(t));
    }
    let mut result = json!({"creationOutput": creation, "payment": payment_json(p)});
    if let (Some(r), Some(m)) = (&p.redirect, result.as_object_mut()) {
        let redirect = redirect_url(inner, &p.id);
        m.insert(
            "merchantAction".into(),
            json!({"actionType": "REDIRECT", "redirectData": {"RETURNMAC": r.returnmac, "redirectURL": redirect}}),
        );
    }
    if p.outcome.is_approved() {
        Reply(StatusCode::CREATED, Some(result))
    } else {
        declined(decline_error(p.outcome), "paymentResult", result)
    }
}

/// `POST /v2/{merchantId}/payments`: `201`, or `402` with `paymentResult` when declined.
pub(in crate::onlinepayments) async fn create_payment(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    match create(&inner, body) {
        Ok(p) => {
            spawn_event(&inner, payment_json(&p));
            created_reply(&inner, &p)
        }
        Err(r) => r,
    }
}

/// `GET /v2/{merchantId}/payments/{paymentId}`.
pub(in crate::onlinepayments) async fn get_payment(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    with_payment(&inner, params.get("paymentId"), |p| ok(payment_json(p)))
}

/// `GET /v2/{merchantId}/payments/{paymentId}/details`.
pub(in crate::onlinepayments) async fn get_payment_details(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    with_payment(&inner, params.get("paymentId"), |p| ok(details_json(p)))
}

/// `POST /v2/{merchantId}/payments/{paymentId}/capture`.
pub(in crate::onlinepayments) async fn capture_payment(
    State(inner): State<Arc<Inner>>,
    params: Params,
    JsonBody(body): JsonBody,
) -> Reply {
    let result = capture(&mut lock(&inner.store), params.get("paymentId"), &body);
    match result {
        Ok((response, payment)) => {
            spawn_event(&inner, payment);
            ok(response)
        }
        Err(r) => r.into(),
    }
}

/// `POST /v2/{merchantId}/payments/{paymentId}/cancel`.
pub(in crate::onlinepayments) async fn cancel_payment(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let result = cancel(&mut lock(&inner.store), params.get("paymentId"));
    match result {
        Ok(payment) => {
            spawn_event(&inner, payment.clone());
            ok(json!({"payment": payment}))
        }
        Err(r) => r.into(),
    }
}

/// `POST /v2/{merchantId}/payments/{paymentId}/refund`: `201`.
pub(in crate::onlinepayments) async fn refund_payment(
    State(inner): State<Arc<Inner>>,
    params: Params,
    JsonBody(body): JsonBody,
) -> Reply {
    let result = refund(&mut lock(&inner.store), params.get("paymentId"), &body);
    match result {
        Ok((response, payment)) => {
            spawn_event(&inner, payment);
            Reply(StatusCode::CREATED, Some(response))
        }
        Err(r) => r.into(),
    }
}
