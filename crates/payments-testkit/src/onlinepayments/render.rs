//! Online Payments' JSON: payments, captures, refunds, tokens, payment links, and the
//! `ErrorResponse` of every refusal.

use axum::body::Body;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::Inner;
use super::catalogue::bins::product_of;
use super::state::{OpLink, OpPayment, OpToken, Refusal, Store, get_str};
use crate::cards::{CardOutcome, bin, mask_last4};
use crate::common::server::json as json_response;

/// An API answer: HTTP status and JSON body (`None` for an empty body).
#[derive(Debug)]
pub(super) struct Reply(pub(super) StatusCode, pub(super) Option<Value>);

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        match self.1 {
            Some(v) => json_response(self.0, &v),
            None => {
                let mut response = Response::new(Body::empty());
                *response.status_mut() = self.0;
                response
            }
        }
    }
}

impl From<Refusal> for Reply {
    fn from(r: Refusal) -> Reply {
        match r {
            Refusal::NotFound(what) => not_found(what),
            Refusal::NotAllowed(message) => not_allowed(&message),
            Refusal::Invalid { property, message } => invalid(&property, &message),
        }
    }
}

/// `200` with `value`.
pub(super) fn ok(value: Value) -> Reply {
    Reply(StatusCode::OK, Some(value))
}

/// The platform's `ErrorResponse` body with one error.
pub(super) fn api_error(
    status: StatusCode,
    error_code: &str,
    id: &str,
    message: &str,
    property: Option<&str>,
) -> Value {
    let mut e = json!({
        "errorCode": error_code,
        "category": "DIRECT_PLATFORM_ERROR",
        "httpStatusCode": status.as_u16(),
        "id": id,
        "message": message,
        "retriable": false,
    });
    if let (Some(p), Some(m)) = (property, e.as_object_mut()) {
        m.insert("propertyName".into(), json!(p));
    }
    json!({"errorId": uuid::Uuid::new_v4().to_string(), "errors": [e]})
}

/// An `ErrorResponse` with one error.
pub(super) fn err(status: StatusCode, error_code: &str, id: &str, message: &str) -> Reply {
    Reply(
        status,
        Some(api_error(status, error_code, id, message, None)),
    )
}

/// `400 INVALID_VALUE` on `property`.
pub(super) fn invalid(property: &str, message: &str) -> Reply {
    let status = StatusCode::BAD_REQUEST;
    Reply(
        status,
        Some(api_error(
            status,
            "1002",
            "INVALID_VALUE",
            message,
            Some(property),
        )),
    )
}

/// `404 UNKNOWN_RESOURCE`.
pub(super) fn not_found(what: &str) -> Reply {
    err(
        StatusCode::NOT_FOUND,
        "1002",
        "UNKNOWN_RESOURCE",
        &format!("{what} not found"),
    )
}

fn status_code_of(status: &str) -> (i64, &'static str, bool, bool, bool) {
    // (statusCode, statusCategory, isAuthorized, isCancellable, isRefundable)
    match status {
        "PENDING_CAPTURE" => (5, "PENDING_MERCHANT", true, true, false),
        "CAPTURED" => (9, "COMPLETED", false, false, true),
        "CANCELLED" => (6, "UNSUCCESSFUL", false, false, false),
        "REFUNDED" => (8, "REFUNDED", false, false, false),
        // The sandbox's own codes: the platform's numbers are not documented.
        "CHARGEBACK_NOTIFICATION" => (83, "REVERSED", false, false, false),
        "REDIRECTED" => (46, "PENDING_CONNECT_OR_3RD_PARTY", false, false, false),
        "PENDING_COMPLETION" => (50, "PENDING_MERCHANT", false, false, false),
        "ACCOUNT_VERIFIED" => (5, "COMPLETED", false, false, false),
        _ => (2, "UNSUCCESSFUL", false, false, false),
    }
}

pub(super) fn money(amount: i64, currency: &str) -> Value {
    json!({"amount": amount, "currencyCode": currency})
}

pub(super) fn card_output(p: &OpPayment) -> Value {
    let mut out = json!({
        "paymentProductId": product_of(&p.card_number),
        "card": {"cardNumber": mask_last4(&p.card_number), "bin": bin(&p.card_number)},
    });
    if let Some(m) = out.as_object_mut() {
        if p.outcome.is_approved() {
            m.insert("authorisationCode".into(), json!("123456"));
        }
        if let (Some(e), Some(card)) = (
            &p.expiry_date,
            m.get_mut("card").and_then(Value::as_object_mut),
        ) {
            card.insert("expiryDate".into(), json!(e));
        }
        if let Some(t) = &p.token {
            m.insert("token".into(), json!(t));
        }
    }
    out
}

pub(super) fn references(p: &OpPayment) -> Value {
    p.merchant_reference
        .as_ref()
        .map_or_else(|| json!({}), |r| json!({"merchantReference": r}))
}

pub(super) fn status_output(p: &OpPayment) -> Value {
    let (code, category, authorized, cancellable, refundable) = status_code_of(&p.status);
    let mut s = json!({
        "isCancellable": cancellable,
        "statusCategory": category,
        "statusCode": code,
        "isAuthorized": authorized,
        "isRefundable": refundable,
    });
    if p.status == "REJECTED"
        && let Some(m) = s.as_object_mut()
    {
        m.insert("errors".into(), json!([decline_error(p.outcome)]));
    }
    s
}

/// `paymentMethod`, the name of its output member and that output: `card` and
/// `cardPaymentMethodSpecificOutput`, or `redirect` and `redirectPaymentMethodSpecificOutput`.
pub(super) fn method_output(p: &OpPayment) -> (&'static str, &'static str, Value) {
    match &p.redirect {
        Some(r) => (
            "redirect",
            "redirectPaymentMethodSpecificOutput",
            json!({"paymentProductId": r.product}),
        ),
        None => ("card", "cardPaymentMethodSpecificOutput", card_output(p)),
    }
}

pub(super) fn payment_output(p: &OpPayment) -> Value {
    let captured: i64 = p.captures.iter().map(|c| c.1).sum();
    // A sale is acquired once approved; a redirect payment only once the third party has paid.
    let pending = matches!(
        p.status.as_str(),
        "REDIRECTED" | "PENDING_COMPLETION" | "ACCOUNT_VERIFIED"
    );
    let acquired = if p.sale && !pending {
        p.amount.max(captured)
    } else {
        captured
    };
    let (method, key, output) = method_output(p);
    let mut out = json!({
        "amountOfMoney": money(p.amount, &p.currency),
        "references": references(p),
        "acquiredAmount": money(acquired, &p.currency),
        "paymentMethod": method,
        "paymentCreationDate": p.created,
    });
    if let Some(m) = out.as_object_mut() {
        m.insert(key.into(), output);
    }
    out
}

pub(super) fn payment_json(p: &OpPayment) -> Value {
    let mut v = json!({
        "id": p.id,
        "status": p.status,
        "statusOutput": status_output(p),
        "paymentOutput": payment_output(p),
    });
    if let (Some(hc), Some(m)) = (&p.hosted_checkout_id, v.as_object_mut()) {
        m.insert(
            "hostedCheckoutSpecificOutput".into(),
            json!({"hostedCheckoutId": hc}),
        );
    }
    v
}

pub(super) fn details_json(p: &OpPayment) -> Value {
    let mut v = payment_json(p);
    let (method, _, _) = method_output(p);
    let first = match p.status.as_str() {
        "REDIRECTED" | "PENDING_COMPLETION" | "ACCOUNT_VERIFIED" | "REJECTED" => p.status.as_str(),
        _ if p.sale && p.outcome.is_approved() => "CAPTURED",
        _ if p.outcome.is_approved() => "PENDING_CAPTURE",
        _ => "REJECTED",
    };
    let mut ops = vec![json!({
        "id": p.id,
        "status": first,
        "amountOfMoney": money(p.amount, &p.currency),
        "paymentMethod": method,
        "references": references(p),
    })];
    for (id, amount) in &p.captures {
        ops.push(json!({"id": id, "status": "CAPTURED", "amountOfMoney": money(*amount, &p.currency), "paymentMethod": method}));
    }
    for (id, amount) in &p.refunds {
        ops.push(json!({"id": id, "status": "REFUNDED", "amountOfMoney": money(*amount, &p.currency), "paymentMethod": method}));
    }
    if let Some(m) = v.as_object_mut() {
        m.insert("Operations".into(), Value::Array(ops));
    }
    v
}

pub(super) fn decline_error(outcome: CardOutcome) -> Value {
    let (code, id, message) = match outcome {
        CardOutcome::InsufficientFunds => ("30051001", "INSUFFICIENT_FUNDS", "Insufficient funds"),
        _ => (
            "30511001",
            "AUTHORIZATION_DECLINED",
            "Authorization declined",
        ),
    };
    json!({"errorCode": code, "category": "IO_ERROR", "httpStatusCode": 402, "id": id, "message": message, "retriable": false})
}

pub(super) fn capture_json(p: &OpPayment, id: &str, amount: i64) -> Value {
    let (method, key, output) = method_output(p);
    let mut capture = json!({
        "amountOfMoney": money(amount, &p.currency),
        "references": references(p),
        "paymentMethod": method,
    });
    if let Some(m) = capture.as_object_mut() {
        m.insert(key.into(), output);
    }
    json!({
        "id": id,
        "status": "CAPTURED",
        "statusOutput": {"statusCode": 9},
        "captureOutput": capture,
    })
}

pub(super) fn refund_json(p: &OpPayment, id: &str, amount: i64) -> Value {
    json!({
        "id": id,
        "status": "REFUNDED",
        "statusOutput": {"isCancellable": false, "statusCategory": "REFUNDED", "statusCode": 8, "isRefundable": false},
        "refundOutput": {
            "amountOfMoney": money(amount, &p.currency),
            "references": references(p),
            "paymentMethod": method_output(p).0,
        },
    })
}

/// `402`: an `ErrorResponse` with `error` and the declined object under `key`
/// (`paymentResult`, `payoutResult`).
pub(super) fn declined(error: Value, key: &str, result: Value) -> Reply {
    let mut body = json!({"errorId": uuid::Uuid::new_v4().to_string(), "errors": [error]});
    if let Some(m) = body.as_object_mut() {
        m.insert(key.into(), result);
    }
    Reply(StatusCode::PAYMENT_REQUIRED, Some(body))
}

/// `400 ACTION_NOT_ALLOWED_ON_TARGET`.
pub(super) fn not_allowed(message: &str) -> Reply {
    err(
        StatusCode::BAD_REQUEST,
        "1004",
        "ACTION_NOT_ALLOWED_ON_TARGET",
        message,
    )
}

pub(super) fn token_card(t: &OpToken) -> Value {
    let mut card = json!({"cardNumber": mask_last4(&t.card_number)});
    if let Some(m) = card.as_object_mut() {
        if let Some(h) = &t.cardholder_name {
            m.insert("cardholderName".into(), json!(h));
        }
        if let Some(e) = &t.expiry_date {
            m.insert("expiryDate".into(), json!(e));
        }
    }
    card
}

pub(super) fn token_json(t: &OpToken) -> Value {
    json!({
        "id": t.id,
        "paymentProductId": product_of(&t.card_number),
        "card": {"alias": mask_last4(&t.card_number), "data": {"cardWithoutCvv": token_card(t)}},
        "isTemporary": false,
    })
}

pub(super) fn link_json(inner: &Inner, store: &Store, l: &OpLink) -> Value {
    let payment_id = store
        .checkouts
        .iter()
        .find(|c| c.id == l.checkout_id)
        .and_then(|c| c.payment_id.clone());
    let mut order = json!({"amount": money(l.amount, &l.currency)});
    let reference = get_str(&l.request, &["paymentLinkOrder", "merchantReference"])
        .or_else(|| get_str(&l.request, &["order", "references", "merchantReference"]));
    if let (Some(r), Some(m)) = (reference, order.as_object_mut()) {
        m.insert("merchantReference".into(), json!(r));
    }
    let mut v = json!({
        "paymentLinkId": l.id,
        "status": l.status,
        "redirectionUrl": checkout_url(inner, &l.checkout_id),
        "paymentLinkOrder": order,
        "isReusableLink": l.request.get("isReusableLink").and_then(Value::as_bool).unwrap_or(false),
        "paymentLinkEvents": link_events(l),
    });
    if let Some(m) = v.as_object_mut() {
        if let Some(pid) = payment_id {
            m.insert("paymentId".into(), json!(pid));
        }
        for key in ["recipientName", "expirationDate"] {
            if let Some(x) = l.request.get(key) {
                m.insert(key.into(), x.clone());
            }
        }
    }
    v
}

/// `paymentLinkEvents`: the creation, then every recorded change.
fn link_events(l: &OpLink) -> Value {
    let mut events = vec![json!({"type": "CREATED", "dateTime": l.created})];
    for (kind, at, details) in &l.events {
        let mut e = json!({"type": kind, "dateTime": at});
        if let (Some(d), Some(m)) = (details, e.as_object_mut()) {
            m.insert("details".into(), json!(d));
        }
        events.push(e);
    }
    Value::Array(events)
}

pub(super) fn checkout_url(inner: &Inner, id: &str) -> String {
    format!("{}/hostedcheckout/{id}", inner.core.base_url)
}
