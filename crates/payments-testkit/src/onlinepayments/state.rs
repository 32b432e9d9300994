//! What the Online Payments sandbox holds, the request fields it reads, and the status
//! changes of payments: captures, cancellations, refunds and hosted checkout payments (the
//! forced transitions are in [`transitions`](super::transitions)).

use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode};
use chrono::Utc;
use serde_json::Value;

use super::Inner;
use super::events::send_event;
use super::render::{capture_json, payment_json, refund_json};
use crate::cards::{CardOutcome, card_outcome, digits_only};
use crate::common::facade::id_from_url;
use crate::common::lock;
use crate::common::page::with_query;
use crate::error::SandboxError;
use crate::outcome::PaymentOutcome;

pub(super) use super::transitions::{force, reset};

/// A payment.
#[derive(Debug, Clone)]
pub(super) struct OpPayment {
    pub(super) id: String,
    pub(super) status: String,
    pub(super) amount: i64,
    pub(super) currency: String,
    pub(super) merchant_reference: Option<String>,
    pub(super) card_number: String,
    pub(super) expiry_date: Option<String>,
    pub(super) sale: bool,
    pub(super) token: Option<String>,
    pub(super) hosted_checkout_id: Option<String>,
    pub(super) captures: Vec<(String, i64)>,
    pub(super) refunds: Vec<(String, i64)>,
    pub(super) outcome: CardOutcome,
    pub(super) created: String,
    /// Authorised with `PRE_AUTHORIZATION` (its authorisation can be incremented).
    pub(super) pre_authorization: bool,
    /// The third party of a redirect payment (`None` for a card payment).
    pub(super) redirect: Option<Redirect>,
    /// The `carRentalData` added to the authorisation.
    pub(super) authorization_details: Option<Value>,
}

/// The third party a redirect payment sends the customer to.
#[derive(Debug, Clone)]
pub(super) struct Redirect {
    /// `redirectPaymentMethodSpecificInput.paymentProductId`.
    pub(super) product: i64,
    /// `redirectionData.returnUrl`, where the customer comes back.
    pub(super) return_url: Option<String>,
    /// `merchantAction.redirectData.RETURNMAC`.
    pub(super) returnmac: String,
}

/// A hosted checkout.
#[derive(Debug, Clone)]
pub(super) struct OpCheckout {
    pub(super) id: String,
    pub(super) returnmac: String,
    pub(super) amount: i64,
    pub(super) currency: String,
    pub(super) request: Value,
    pub(super) status: String,
    pub(super) payment_id: Option<String>,
    pub(super) link_id: Option<String>,
}

/// A card token.
#[derive(Debug, Clone)]
pub(super) struct OpToken {
    pub(super) id: String,
    pub(super) card_number: String,
    pub(super) cardholder_name: Option<String>,
    pub(super) expiry_date: Option<String>,
}

/// A payment link (behind a hosted checkout).
#[derive(Debug, Clone)]
pub(super) struct OpLink {
    pub(super) id: String,
    pub(super) checkout_id: String,
    pub(super) status: String,
    pub(super) request: Value,
    pub(super) amount: i64,
    pub(super) currency: String,
    pub(super) created: String,
    /// `paymentLinkEvents` after the creation: `(type, dateTime, details)`.
    pub(super) events: Vec<(String, String, Option<String>)>,
}

impl OpLink {
    /// Records a `paymentLinkEvents` entry.
    pub(super) fn event(&mut self, kind: &str, details: Option<String>) {
        self.events.push((kind.to_owned(), now_millis(), details));
    }
}

/// A stored answer to a `POST` with `X-GCS-Idempotence-Key`.
#[derive(Debug, Clone)]
pub(super) struct Replay {
    pub(super) key: String,
    pub(super) path: String,
    pub(super) status: StatusCode,
    pub(super) content_type: Option<HeaderValue>,
    pub(super) body: Bytes,
    pub(super) timestamp: i64,
}

/// Everything the sandbox holds.
#[derive(Debug, Default)]
pub(super) struct Store {
    pub(super) payments: Vec<OpPayment>,
    pub(super) checkouts: Vec<OpCheckout>,
    pub(super) tokens: Vec<OpToken>,
    pub(super) links: Vec<OpLink>,
    pub(super) replays: Vec<Replay>,
    pub(super) counter: u64,
    /// Client sessions, hosted tokenization and hosted fields sessions, certificates.
    pub(super) sessions: super::sessions::SessionStore,
    /// Mandates, oldest first.
    pub(super) mandates: Vec<super::mandates::OpMandate>,
    /// Payouts, oldest first.
    pub(super) payouts: Vec<super::payouts::OpPayout>,
    /// Merchant batches, oldest first.
    pub(super) batches: Vec<super::batches::OpBatch>,
}

impl Store {
    /// The next sequential id.
    pub(super) fn next(&mut self) -> u64 {
        self.counter += 1;
        3_066_019_730 + self.counter
    }
}

/// Why an operation was refused; the API renders it as the platform's error, the control
/// API as a [`SandboxError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Refusal {
    /// `404`: no such `what` (`Payment`, `Token`, ...).
    NotFound(&'static str),
    /// `400 ACTION_NOT_ALLOWED_ON_TARGET`.
    NotAllowed(String),
    /// `400 INVALID_VALUE` on `property`.
    Invalid {
        /// The offending property.
        property: String,
        /// What is wrong.
        message: String,
    },
}

impl Refusal {
    pub(super) fn invalid(property: &str, message: &str) -> Refusal {
        Refusal::Invalid {
            property: property.to_owned(),
            message: message.to_owned(),
        }
    }

    pub(super) fn into_sandbox_error(self, id: &str) -> SandboxError {
        match self {
            Refusal::NotFound(_) => SandboxError::NotFound(id.to_owned()),
            Refusal::NotAllowed(m) | Refusal::Invalid { message: m, .. } => {
                SandboxError::InvalidState(m)
            }
        }
    }
}

/// Current time as the platform writes it (`2024-01-01T12:00:00.000+00:00`).
pub(super) fn now_millis() -> String {
    Utc::now().format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
}

/// The value at `path`.
pub(super) fn get<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |cur, k| cur.get(*k))
}

/// The string at `path`.
pub(super) fn get_str(v: &Value, path: &[&str]) -> Option<String> {
    get(v, path).and_then(Value::as_str).map(str::to_owned)
}

/// The `{amount, currencyCode}` at `path`: a non-negative amount and a currency code.
pub(super) fn amount_of(v: &Value, path: &[&str]) -> Result<(i64, String), Refusal> {
    let prop = path.join(".");
    let money =
        get(v, path).ok_or_else(|| Refusal::invalid(&prop, &format!("{prop} is missing")))?;
    let amount = money
        .get("amount")
        .and_then(Value::as_i64)
        .filter(|a| *a >= 0)
        .ok_or_else(|| {
            Refusal::invalid(
                &format!("{prop}.amount"),
                "amount must be a non-negative integer",
            )
        })?;
    let currency = money
        .get("currencyCode")
        .and_then(Value::as_str)
        .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
        .ok_or_else(|| {
            Refusal::invalid(&format!("{prop}.currencyCode"), "currencyCode is invalid")
        })?;
    Ok((amount, currency.to_owned()))
}

/// Creates a payment record from the card input of `request` and the given card number.
pub(super) fn new_payment(
    store: &mut Store,
    request: &Value,
    card_number: &str,
    expiry_date: Option<String>,
    amount: i64,
    currency: &str,
    hosted_checkout_id: Option<String>,
) -> OpPayment {
    let outcome = card_outcome(card_number);
    let mode = get_str(
        request,
        &["cardPaymentMethodSpecificInput", "authorizationMode"],
    );
    let sale = !matches!(
        mode.as_deref(),
        Some("FINAL_AUTHORIZATION" | "PRE_AUTHORIZATION")
    );
    let status = match (outcome.is_approved(), sale) {
        (false, _) => "REJECTED",
        (true, true) => "CAPTURED",
        (true, false) => "PENDING_CAPTURE",
    };
    let tokenize = get(request, &["cardPaymentMethodSpecificInput", "tokenize"])
        .and_then(Value::as_bool)
        == Some(true);
    let token = get_str(request, &["cardPaymentMethodSpecificInput", "token"]).or_else(|| {
        (tokenize && outcome.is_approved())
            .then(|| token_for(store, card_number, None, expiry_date.clone()).0)
    });
    let id = format!("{}_0", store.next());
    let payment = OpPayment {
        id,
        status: status.to_owned(),
        amount,
        currency: currency.to_owned(),
        merchant_reference: get_str(request, &["order", "references", "merchantReference"]),
        card_number: digits_only(card_number),
        expiry_date,
        sale,
        token,
        hosted_checkout_id,
        captures: Vec::new(),
        refunds: Vec::new(),
        outcome,
        created: now_millis(),
        pre_authorization: mode.as_deref() == Some("PRE_AUTHORIZATION"),
        redirect: None,
        authorization_details: None,
    };
    store.payments.push(payment.clone());
    payment
}

/// Finds or creates the token of a card; returns (token id, is new).
pub(super) fn token_for(
    store: &mut Store,
    card_number: &str,
    holder: Option<String>,
    expiry: Option<String>,
) -> (String, bool) {
    let digits = digits_only(card_number);
    if let Some(t) = store.tokens.iter().find(|t| t.card_number == digits) {
        return (t.id.clone(), false);
    }
    let id = uuid::Uuid::new_v4().simple().to_string();
    store.tokens.push(OpToken {
        id: id.clone(),
        card_number: digits,
        cardholder_name: holder,
        expiry_date: expiry,
    });
    (id, true)
}

/// The payment `id`, for a change.
pub(super) fn payment_mut<'a>(
    store: &'a mut Store,
    id: &str,
) -> Result<&'a mut OpPayment, Refusal> {
    store
        .payments
        .iter_mut()
        .find(|p| p.id == id)
        .ok_or(Refusal::NotFound("Payment"))
}

/// Refuses unless `p` is in `status`; `action` names what was refused.
pub(super) fn require(p: &OpPayment, status: &str, action: &str) -> Result<(), Refusal> {
    if p.status == status {
        Ok(())
    } else {
        Err(Refusal::NotAllowed(format!(
            "A payment in status {} cannot be {action}",
            p.status
        )))
    }
}

/// Captures `amount` of a `PENDING_CAPTURE` payment (the rest when absent); it is `CAPTURED`
/// once fully captured or with `isFinal`. Returns the CaptureResponse and the payment.
pub(super) fn capture(
    store: &mut Store,
    id: &str,
    body: &Value,
) -> Result<(Value, Value), Refusal> {
    let p = payment_mut(store, id)?;
    require(p, "PENDING_CAPTURE", "captured")?;
    let captured: i64 = p.captures.iter().map(|c| c.1).sum();
    let remaining = p.amount - captured;
    let amount = match body.get("amount") {
        None | Some(Value::Null) => remaining,
        Some(v) => match v.as_i64() {
            Some(a) if a > 0 && a <= remaining => a,
            _ => {
                return Err(Refusal::invalid(
                    "amount",
                    "amount exceeds the capturable amount",
                ));
            }
        },
    };
    let capture_id = format!("{}_{}", p.id.trim_end_matches("_0"), p.captures.len() + 1);
    p.captures.push((capture_id.clone(), amount));
    let is_final = body.get("isFinal").and_then(Value::as_bool) == Some(true);
    if amount == remaining || is_final {
        p.status = "CAPTURED".to_owned();
    }
    Ok((capture_json(p, &capture_id, amount), payment_json(p)))
}

/// Cancels a `PENDING_CAPTURE` payment (`CANCELLED`); returns the payment.
pub(super) fn cancel(store: &mut Store, id: &str) -> Result<Value, Refusal> {
    let p = payment_mut(store, id)?;
    require(p, "PENDING_CAPTURE", "cancelled")?;
    p.status = "CANCELLED".to_owned();
    Ok(payment_json(p))
}

/// Refunds `amountOfMoney` of a `CAPTURED` payment (the rest when absent); it is `REFUNDED`
/// once fully refunded. Returns the RefundResponse and the payment.
pub(super) fn refund(store: &mut Store, id: &str, body: &Value) -> Result<(Value, Value), Refusal> {
    let p = payment_mut(store, id)?;
    require(p, "CAPTURED", "refunded")?;
    let captured = if p.sale {
        p.amount
    } else {
        p.captures.iter().map(|c| c.1).sum()
    };
    let refunded: i64 = p.refunds.iter().map(|r| r.1).sum();
    let remaining = captured - refunded;
    let amount = match body.get("amountOfMoney") {
        None | Some(Value::Null) => remaining,
        Some(_) => match amount_of(body, &["amountOfMoney"])? {
            (a, c) if c == p.currency && a > 0 && a <= remaining => a,
            _ => {
                return Err(Refusal::invalid(
                    "amountOfMoney.amount",
                    "amount exceeds the refundable amount",
                ));
            }
        },
    };
    let refund_id = format!("{}_r{}", p.id.trim_end_matches("_0"), p.refunds.len() + 1);
    p.refunds.push((refund_id.clone(), amount));
    if amount == remaining {
        p.status = "REFUNDED".to_owned();
    }
    Ok((refund_json(p, &refund_id, amount), payment_json(p)))
}

/// A `CAPTURED` payment is disputed: `CHARGEBACK_NOTIFICATION`. Returns the payment.
pub(super) fn chargeback(store: &mut Store, id: &str) -> Result<Value, Refusal> {
    let p = payment_mut(store, id)?;
    require(p, "CAPTURED", "charged back")?;
    p.status = "CHARGEBACK_NOTIFICATION".to_owned();
    Ok(payment_json(p))
}

/// Where the customer returns from checkout `c`: `returnUrl` with `RETURNMAC`,
/// `hostedCheckoutId` and the `paymentId`, if any.
fn return_url(c: &OpCheckout, payment_id: Option<&str>) -> Option<String> {
    let base = get_str(&c.request, &["hostedCheckoutSpecificInput", "returnUrl"])?;
    let mut pairs = vec![
        ("RETURNMAC", c.returnmac.as_str()),
        ("hostedCheckoutId", c.id.as_str()),
    ];
    if let Some(pid) = payment_id {
        pairs.push(("paymentId", pid));
    }
    Some(with_query(&base, &pairs))
}

/// The open (`IN_PROGRESS`) checkout `id`, whose payment link, if any, is still `ACTIVE`.
fn open_checkout<'a>(store: &'a mut Store, id: &str) -> Result<&'a mut OpCheckout, SandboxError> {
    let link_status = store
        .checkouts
        .iter()
        .find(|c| c.id == id)
        .and_then(|c| c.link_id.as_ref())
        .and_then(|l| store.links.iter().find(|x| &x.id == l))
        .map(|l| l.status.clone());
    let c = store
        .checkouts
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or_else(|| SandboxError::NotFound(id.to_owned()))?;
    if c.status != "IN_PROGRESS" {
        return Err(SandboxError::InvalidState(format!(
            "hosted checkout {id} is {}",
            c.status
        )));
    }
    if let Some(status) = link_status.filter(|s| s != "ACTIVE") {
        return Err(SandboxError::InvalidState(format!(
            "the payment link of hosted checkout {id} is {status}"
        )));
    }
    Ok(c)
}

/// The customer pays on checkout `id_or_url` (an id, a `redirectUrl`, `partialRedirectUrl` or
/// a payment link's `redirectionUrl`): creates the payment, sends its webhook, computes the
/// redirect. Paying a payment link's checkout marks the link `PAID`.
pub(super) async fn pay_checkout(
    inner: &Arc<Inner>,
    id_or_url: &str,
    card_number: &str,
) -> Result<PaymentOutcome, SandboxError> {
    let id = id_from_url(id_or_url, "/hostedcheckout/");
    let (payment, redirect_url, card) = {
        let mut store = lock(&inner.store);
        let c = open_checkout(&mut store, id)?.clone();
        let p = new_payment(
            &mut store,
            &c.request,
            card_number,
            Some("1230".to_owned()),
            c.amount,
            &c.currency,
            Some(c.id.clone()),
        );
        if let Some(cm) = store.checkouts.iter_mut().find(|x| x.id == id) {
            cm.status = "PAYMENT_CREATED".to_owned();
            cm.payment_id = Some(p.id.clone());
        }
        if let (Some(link_id), true) = (&c.link_id, p.outcome.is_approved())
            && let Some(l) = store.links.iter_mut().find(|l| &l.id == link_id)
        {
            l.status = "PAID".to_owned();
            l.event("PAID", None);
        }
        (payment_json(&p), return_url(&c, Some(&p.id)), p.outcome)
    };
    let status = payment
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let notification = send_event(inner, &payment).await;
    Ok(PaymentOutcome::new(
        status,
        card,
        redirect_url,
        notification,
    ))
}

/// The customer cancels checkout `id` (`CANCELLED_BY_CONSUMER`, no webhook).
pub(super) fn cancel_checkout(inner: &Inner, id: &str) -> Result<PaymentOutcome, SandboxError> {
    let mut store = lock(&inner.store);
    let c = open_checkout(&mut store, id)?;
    c.status = "CANCELLED_BY_CONSUMER".to_owned();
    let redirect_url = return_url(c, None);
    Ok(PaymentOutcome::new(
        "CANCELLED_BY_CONSUMER",
        CardOutcome::Declined,
        redirect_url,
        None,
    ))
}
