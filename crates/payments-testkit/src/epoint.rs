//! Sandbox of the EPoint API (`https://epoint.az/api/1/...`).
//!
//! Every API route is `POST` with the body `{"data": "<base64 JSON>", "signature": "<base64>"}`.
//! The sandbox checks `signature == base64(sha1(private_key + data + private_key))`, decodes
//! `data` and requires its `public_key` to match. Like EPoint it answers `200` even on errors,
//! with `{"status": "error", "message": "..."}`.
//!
//! | route | answer |
//! |---|---|
//! | `/api/1/request`, `/api/1/split-request` | `{status, transaction, redirect_url}` |
//! | `/api/1/card-registration`, `/api/1/card-registration-with-pay`, `/api/1/split-card-registration-with-pay` | `{status, transaction, redirect_url, card_id}` |
//! | `/api/1/execute-pay`, `/api/1/split-execute-pay` | charges a saved card at once |
//! | `/api/1/refund-request` | payout to a saved card |
//! | `/api/1/reverse` | refund (full when `amount` is `null`) |
//! | `/api/1/get-status` | the transaction's state (`new`, `success`, `returned`, `error`) |
//! | `/api/1/token/widget`, `/api/1/token/payment` | widget URL / token payment with `short_link` |
//! | `/api/1/token/apple/session`, `/api/1/token/apple/pay`, `/api/1/token/google/pay` | wallet session and payment |
//! | `GET /epoint/pay/{transaction}` | hosted payment page |
//! | `POST /epoint/pay/{transaction}` (form `card_number`) | pays, POSTs the signed form callback, `303` to the redirect URL |

use std::str::FromStr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use payments_core::Decimal;
use payments_core::pyfmt::{JsonStyle, json_dumps};
use payments_core::signing::{base64_decode, base64_encode, constant_time_eq, sha1_concat};
use serde_json::{Map, Value, json};

use crate::cards::{CardOutcome, TestCard, card_outcome, digits_only, mask};
use crate::error::SandboxError;
use crate::notify::{Notification, Notifier, RetryPolicy};
use crate::outcome::PaymentOutcome;
use crate::page::{Checkout, checkout_page, message_page};
use crate::record::RecordedRequest;
use crate::server::{Server, base_url, bind};
use crate::util::{
    form_pairs, form_value, html, json as json_response, lock, now_iso, record, redirect, segments,
};

/// Settings of an [`EpointSandbox`].
#[derive(Debug, Clone)]
pub struct EpointConfig {
    /// The merchant's public key (`public_key` inside `data`).
    pub public_key: String,
    /// The merchant's private key (signs requests and callbacks).
    pub private_key: String,
    /// The merchant's callback URL (configured per merchant at EPoint).
    pub callback_url: Option<String>,
    /// Callback delivery policy.
    pub retry: RetryPolicy,
}

impl Default for EpointConfig {
    fn default() -> Self {
        Self {
            public_key: "i000000001".to_owned(),
            private_key: "sandbox-epoint-private-key".to_owned(),
            callback_url: None,
            retry: RetryPolicy::default(),
        }
    }
}

/// A transaction as the sandbox holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpointTransaction {
    /// Transaction id (`te...`).
    pub transaction: String,
    /// The SDK method that created it (`pay`, `save_card`, `pay_and_save_card`, `split_pay`,
    /// `pay_with_saved_card`, `payout`, `create_widget`, `create_token_payment`, ...).
    pub kind: String,
    /// The merchant's order id.
    pub order_id: Option<String>,
    /// Amount in major units, as received.
    pub amount: Option<Decimal>,
    /// Currency code.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `new`, `success`, `error` or `returned`.
    pub status: String,
    /// Result code (`000` approved, `100` declined, `116` insufficient funds).
    pub code: Option<String>,
    /// Result message.
    pub message: Option<String>,
    /// Saved card of the transaction.
    pub card_id: Option<String>,
    /// Masked card number, once paid.
    pub card_mask: Option<String>,
    /// Redirect after success.
    pub success_redirect_url: Option<String>,
    /// Redirect after failure.
    pub error_redirect_url: Option<String>,
    /// `other_attr` as sent (echoed back as JSON text).
    pub other_attr: Option<Value>,
    /// Split receiver.
    pub split_user: Option<String>,
    /// Split amount.
    pub split_amount: Option<Decimal>,
    /// Amount refunded so far.
    pub refunded: Decimal,
    /// Token payment id (`create_token_payment`).
    pub token_payment_id: Option<i64>,
}

/// A card saved through card registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpointCard {
    /// Card id handed to the merchant.
    pub card_id: String,
    /// Masked number.
    pub card_mask: Option<String>,
    /// Whether registration completed (the card can be charged).
    pub active: bool,
    number: String,
}

#[derive(Debug, Default)]
struct Store {
    transactions: Vec<EpointTransaction>,
    cards: Vec<EpointCard>,
    counter: u64,
}

impl Store {
    fn next_id(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{:09}", self.counter)
    }
}

#[derive(Debug)]
struct Inner {
    config: EpointConfig,
    base_url: String,
    callback_url: Mutex<Option<String>>,
    store: Mutex<Store>,
    requests: Mutex<Vec<RecordedRequest>>,
    notifier: Notifier,
}

/// A running EPoint sandbox on `127.0.0.1`. Dropping it stops the server.
#[derive(Debug)]
pub struct EpointSandbox {
    inner: Arc<Inner>,
    server: Server,
}

impl EpointSandbox {
    /// Starts a sandbox on a free loopback port.
    pub async fn start(config: EpointConfig) -> Result<EpointSandbox, SandboxError> {
        let (listener, addr) = bind().await?;
        let inner = Arc::new(Inner {
            notifier: Notifier::new(config.retry.clone()),
            callback_url: Mutex::new(config.callback_url.clone()),
            config,
            base_url: base_url(addr),
            store: Mutex::new(Store::default()),
            requests: Mutex::new(Vec::new()),
        });
        let router = Router::new().fallback(dispatch).with_state(inner.clone());
        let server = Server::spawn(listener, router);
        Ok(EpointSandbox { inner, server })
    }

    /// Starts a sandbox with [`EpointConfig::default`].
    pub async fn start_default() -> Result<EpointSandbox, SandboxError> {
        Self::start(EpointConfig::default()).await
    }

    /// `http://127.0.0.1:<port>`, the value for the SDK's base URL.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The public key.
    pub fn public_key(&self) -> &str {
        &self.inner.config.public_key
    }

    /// The private key.
    pub fn private_key(&self) -> &str {
        &self.inner.config.private_key
    }

    /// Sets (or clears) the merchant's callback URL.
    pub fn set_callback_url(&self, url: Option<String>) {
        *lock(&self.inner.callback_url) = url;
    }

    /// Changes the callback delivery policy.
    pub fn set_retry_policy(&self, policy: RetryPolicy) {
        self.inner.notifier.set_policy(policy);
    }

    /// URL of the hosted payment page of a transaction.
    pub fn hosted_page_url(&self, transaction: &str) -> String {
        page_url(&self.inner.base_url, transaction)
    }

    /// Every transaction, oldest first.
    pub fn transactions(&self) -> Vec<EpointTransaction> {
        lock(&self.inner.store).transactions.clone()
    }

    /// One transaction.
    pub fn transaction(&self, transaction: &str) -> Option<EpointTransaction> {
        lock(&self.inner.store)
            .transactions
            .iter()
            .find(|t| t.transaction == transaction)
            .cloned()
    }

    /// Every saved card.
    pub fn cards(&self) -> Vec<EpointCard> {
        lock(&self.inner.store).cards.clone()
    }

    /// Every request received, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.inner.requests).clone()
    }

    /// Every callback sent, oldest first.
    pub fn notifications(&self) -> Vec<Notification> {
        self.inner.notifier.log()
    }

    /// The customer pays on the hosted page of `transaction_or_url` (a transaction id or a
    /// `redirect_url`/`widget_url`/`short_link`) with a test card. Same code path as the form.
    pub async fn pay_hosted(
        &self,
        transaction_or_url: &str,
        card: TestCard,
    ) -> Result<PaymentOutcome, SandboxError> {
        self.pay_hosted_with_number(transaction_or_url, card.number())
            .await
    }

    /// Like [`pay_hosted`](Self::pay_hosted) with any card number (unknown numbers decline).
    pub async fn pay_hosted_with_number(
        &self,
        transaction_or_url: &str,
        card_number: &str,
    ) -> Result<PaymentOutcome, SandboxError> {
        let id = transaction_or_url
            .rsplit('/')
            .next()
            .unwrap_or(transaction_or_url)
            .split(['?', '#'])
            .next()
            .unwrap_or_default();
        pay_page(&self.inner, id, card_number).await
    }

    /// Stops the server.
    pub async fn shutdown(&self) {
        self.server.shutdown().await;
    }
}

/// `base64(sha1(private_key + data + private_key))`, EPoint's signature of a `data` string.
pub fn sign(data: &str, private_key: &str) -> String {
    base64_encode(&sha1_concat(&[
        private_key.as_bytes(),
        data.as_bytes(),
        private_key.as_bytes(),
    ]))
}

/// Encodes a payload the way the official SDK does: `data = base64(json.dumps(payload))`
/// (Python separators, ASCII escapes) and its signature.
pub fn encode(payload: &Value, private_key: &str) -> (String, String) {
    let text = json_dumps(payload, JsonStyle::Compact { ensure_ascii: true });
    let data = base64_encode(text.as_bytes());
    let signature = sign(&data, private_key);
    (data, signature)
}

fn page_url(base: &str, transaction: &str) -> String {
    format!("{base}/epoint/pay/{transaction}")
}

fn error(message: &str) -> Response {
    json_response(
        StatusCode::OK,
        &json!({"status": "error", "message": message}),
    )
}

fn parse_decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::String(s) => Decimal::from_str(s)
            .or_else(|_| Decimal::from_scientific(s))
            .ok(),
        Value::Number(n) => {
            let s = n.to_string();
            Decimal::from_str(&s)
                .or_else(|_| Decimal::from_scientific(&s))
                .ok()
        }
        _ => None,
    }
}

/// Decimal as a JSON number (integers exact, others through `f64`).
fn decimal_json(d: Decimal) -> Value {
    if d.fract().is_zero()
        && let Ok(i) = i64::try_from(d.trunc())
    {
        return json!(i);
    }
    d.to_string()
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or_else(|| json!(d.to_string()), Value::Number)
}

struct Payload(Map<String, Value>);

impl Payload {
    fn str(&self, key: &str) -> Result<String, String> {
        match self.0.get(key) {
            Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
            _ => Err(format!("{key} is required")),
        }
    }

    fn opt_str(&self, key: &str) -> Option<String> {
        self.0.get(key).and_then(Value::as_str).map(str::to_owned)
    }

    fn amount(&self, key: &str) -> Result<Decimal, String> {
        self.0
            .get(key)
            .and_then(parse_decimal)
            .filter(|d| d.is_sign_positive() && !d.is_zero())
            .ok_or_else(|| format!("{key} is invalid"))
    }
}

async fn dispatch(
    State(inner): State<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    lock(&inner.requests).push(record(&method, &uri, &headers, &body));
    let segs = segments(uri.path());
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    match (&method, segs.as_slice()) {
        (&Method::GET, ["epoint", "pay", id]) => hosted_page(&inner, id),
        (&Method::POST, ["epoint", "pay", id]) => {
            let form = form_pairs(&body);
            let card = form_value(&form, "card_number").unwrap_or_default();
            match pay_page(&inner, id, card).await {
                Ok(outcome) => match &outcome.redirect_url {
                    Some(url) => redirect(url),
                    None => html(
                        StatusCode::OK,
                        message_page("Payment finished", &format!("Status: {}", outcome.status)),
                    ),
                },
                Err(SandboxError::NotFound(_)) => html(
                    StatusCode::NOT_FOUND,
                    message_page("Not found", "Unknown transaction"),
                ),
                Err(e) => html(
                    StatusCode::CONFLICT,
                    message_page("Payment not possible", &e.to_string()),
                ),
            }
        }
        (&Method::POST, ["api", "1", rest @ ..]) => {
            let route = rest.join("/");
            let payload = match verify(&inner, &body) {
                Ok(p) => p,
                Err(message) => return error(&message),
            };
            api(&inner, &route, &payload).await
        }
        (_, ["api", ..]) => json_response(
            StatusCode::METHOD_NOT_ALLOWED,
            &json!({"status": "error", "message": "Method not allowed"}),
        ),
        _ => json_response(
            StatusCode::NOT_FOUND,
            &json!({"status": "error", "message": "Not found"}),
        ),
    }
}

fn verify(inner: &Inner, body: &[u8]) -> Result<Payload, String> {
    let Ok(Value::Object(envelope)) = serde_json::from_slice::<Value>(body) else {
        return Err("Request body must be JSON with data and signature".to_owned());
    };
    let (Some(data), Some(signature)) = (
        envelope.get("data").and_then(Value::as_str),
        envelope.get("signature").and_then(Value::as_str),
    ) else {
        return Err("data and signature are required".to_owned());
    };
    let expected = sign(data, &inner.config.private_key);
    if !constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        return Err("Signature is invalid".to_owned());
    }
    let decoded = base64_decode(data).map_err(|_| "data is not valid base64".to_owned())?;
    let Ok(Value::Object(payload)) = serde_json::from_slice::<Value>(&decoded) else {
        return Err("data is not a JSON object".to_owned());
    };
    let public_key = payload
        .get("public_key")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !constant_time_eq(public_key.as_bytes(), inner.config.public_key.as_bytes()) {
        return Err("Public key is invalid".to_owned());
    }
    Ok(Payload(payload))
}

fn new_transaction(kind: &str, p: &Payload) -> EpointTransaction {
    EpointTransaction {
        transaction: String::new(),
        kind: kind.to_owned(),
        order_id: p.opt_str("order_id"),
        amount: p.0.get("amount").and_then(parse_decimal),
        currency: p.opt_str("currency"),
        description: p.opt_str("description"),
        status: "new".to_owned(),
        code: None,
        message: None,
        card_id: None,
        card_mask: None,
        success_redirect_url: p.opt_str("success_redirect_url"),
        error_redirect_url: p.opt_str("error_redirect_url"),
        other_attr: p.0.get("other_attr").filter(|v| !v.is_null()).cloned(),
        split_user: p.opt_str("split_user"),
        split_amount: p.0.get("split_amount").and_then(parse_decimal),
        refunded: Decimal::ZERO,
        token_payment_id: None,
    }
}

async fn api(inner: &Arc<Inner>, route: &str, p: &Payload) -> Response {
    match api_inner(inner, route, p).await {
        Ok(r) => r,
        Err(message) => error(&message),
    }
}

/// Checks the fields every paying endpoint needs.
fn check_payment(p: &Payload, split: bool, description: bool) -> Result<(), String> {
    p.amount("amount")?;
    p.str("currency")?;
    p.str("order_id")?;
    if description {
        p.str("description")?;
    }
    if split {
        p.str("split_user")?;
        p.amount("split_amount")?;
    }
    Ok(())
}

async fn api_inner(inner: &Arc<Inner>, route: &str, p: &Payload) -> Result<Response, String> {
    let base = &inner.base_url;
    let ok = |v: Value| Ok(json_response(StatusCode::OK, &v));
    match route {
        "request" | "split-request" => {
            let split = route == "split-request";
            check_payment(p, split, false)?;
            let id = insert(
                inner,
                new_transaction(if split { "split_pay" } else { "pay" }, p),
                None,
            );
            ok(json!({"status": "success", "transaction": id, "redirect_url": page_url(base, &id)}))
        }
        "card-registration" | "card-registration-with-pay" | "split-card-registration-with-pay" => {
            let kind = match route {
                "card-registration" => "save_card",
                "card-registration-with-pay" => "pay_and_save_card",
                _ => "split_pay_and_save_card",
            };
            if route != "card-registration" {
                check_payment(p, kind.starts_with("split"), kind == "pay_and_save_card")?;
            }
            let card_id = {
                let mut store = lock(&inner.store);
                let card_id = store.next_id("ce");
                store.cards.push(EpointCard {
                    card_id: card_id.clone(),
                    card_mask: None,
                    active: false,
                    number: String::new(),
                });
                card_id
            };
            let id = insert(inner, new_transaction(kind, p), Some(card_id.clone()));
            ok(
                json!({"status": "success", "transaction": id, "redirect_url": page_url(base, &id), "card_id": card_id}),
            )
        }
        "execute-pay" | "split-execute-pay" => {
            let split = route == "split-execute-pay";
            check_payment(p, split, false)?;
            let card_id = p.str("card_id")?;
            let kind = if split {
                "split_pay_with_saved_card"
            } else {
                "pay_with_saved_card"
            };
            charge_saved_card(inner, kind, p, &card_id)
        }
        "refund-request" => {
            check_payment(p, false, false)?;
            let card_id = p.str("card_id")?;
            let card = find_card(inner, &card_id)?;
            let mut t = new_transaction("payout", p);
            t.status = "success".to_owned();
            t.code = Some("000".to_owned());
            t.message = Some("Approved".to_owned());
            t.card_mask = card.card_mask.clone();
            let id = insert(inner, t, Some(card_id));
            ok(result_json(inner, &id))
        }
        "reverse" => refund(inner, p),
        "get-status" => {
            let id = p.str("transaction")?;
            let store = lock(&inner.store);
            let t = store
                .transactions
                .iter()
                .find(|t| t.transaction == id)
                .ok_or_else(|| "Transaction not found".to_owned())?;
            ok(status_json(t))
        }
        "token/widget" => {
            p.amount("amount")?;
            p.str("order_id")?;
            p.str("description")?;
            let id = insert(inner, new_transaction("create_widget", p), None);
            ok(json!({"status": "success", "widget_url": page_url(base, &id)}))
        }
        "token/payment" => {
            check_payment(p, false, false)?;
            let mut t = new_transaction("create_token_payment", p);
            let token_id = {
                let mut store = lock(&inner.store);
                store.counter += 1;
                i64::try_from(store.counter).unwrap_or(i64::MAX)
            };
            t.token_payment_id = Some(token_id);
            let amount = t.amount.map(decimal_json);
            let description = t.description.clone();
            let order_id = t.order_id.clone();
            let id = insert(inner, t, None);
            let now = now_iso();
            ok(json!({
                "status": "success",
                "id": token_id,
                "transaction": id,
                "short_link": page_url(base, &id),
                "total": amount,
                "description": description,
                "merchant_order_id": order_id,
                "created_at": now,
                "updated_at": now,
            }))
        }
        "token/apple/session" => {
            let origin = p.str("origin")?;
            ok(json!({
                "status": "success",
                "data": {
                    "epochTimestamp": chrono::Utc::now().timestamp_millis(),
                    "merchantSessionIdentifier": uuid::Uuid::new_v4().simple().to_string(),
                    "domainName": origin,
                    "displayName": "EPoint sandbox",
                }
            }))
        }
        "token/apple/pay" | "token/google/pay" => wallet_pay(inner, p).await,
        _ => Ok(json_response(
            StatusCode::NOT_FOUND,
            &json!({"status": "error", "message": "Not found"}),
        )),
    }
}

fn insert(inner: &Inner, mut t: EpointTransaction, card_id: Option<String>) -> String {
    let mut store = lock(&inner.store);
    let id = store.next_id("te");
    t.transaction = id.clone();
    if card_id.is_some() {
        t.card_id = card_id;
    }
    store.transactions.push(t);
    id
}

fn find_card(inner: &Inner, card_id: &str) -> Result<EpointCard, String> {
    lock(&inner.store)
        .cards
        .iter()
        .find(|c| c.card_id == card_id && c.active)
        .cloned()
        .ok_or_else(|| "Card not found".to_owned())
}

fn outcome_fields(outcome: CardOutcome) -> (&'static str, &'static str, &'static str) {
    match outcome {
        CardOutcome::Approved => ("success", "000", "Approved"),
        CardOutcome::InsufficientFunds => ("error", "116", "Insufficient funds"),
        _ => ("error", "100", "Declined"),
    }
}

fn charge_saved_card(
    inner: &Inner,
    kind: &str,
    p: &Payload,
    card_id: &str,
) -> Result<Response, String> {
    let card = find_card(inner, card_id)?;
    let outcome = card_outcome(&card.number);
    let (status, code, message) = outcome_fields(outcome);
    let mut t = new_transaction(kind, p);
    t.status = status.to_owned();
    t.code = Some(code.to_owned());
    t.message = Some(message.to_owned());
    t.card_mask = card.card_mask;
    let id = insert(inner, t, Some(card_id.to_owned()));
    Ok(json_response(StatusCode::OK, &result_json(inner, &id)))
}

/// BaseResponseSchema-shaped answer for an immediate operation.
fn result_json(inner: &Inner, id: &str) -> Value {
    let store = lock(&inner.store);
    let Some(t) = store.transactions.iter().find(|t| t.transaction == id) else {
        return json!({"status": "error", "message": "Transaction not found"});
    };
    let mut v = json!({
        "status": t.status,
        "message": t.message,
        "transaction": t.transaction,
        "bank_transaction": format!("bt{}", t.transaction),
        "bank_response": t.message,
        "operation_code": "100",
        "rrn": rrn(&t.transaction),
        "card_mask": t.card_mask,
        "card_name": "SANDBOX CUSTOMER",
        "amount": t.amount.map(decimal_json),
    });
    if let (Some(split), Some(m)) = (t.split_amount, v.as_object_mut()) {
        m.insert("split_amount".into(), decimal_json(split));
    }
    v
}

fn rrn(transaction: &str) -> String {
    let digits = digits_only(transaction);
    format!("{:0>12}", digits)
}

fn other_attr_text(t: &EpointTransaction) -> Value {
    match &t.other_attr {
        None => Value::Null,
        Some(Value::String(s)) => json!(s),
        Some(v) => json!(json_dumps(v, JsonStyle::Compact { ensure_ascii: true })),
    }
}

fn status_json(t: &EpointTransaction) -> Value {
    let paid = t.status != "new";
    json!({
        "status": t.status,
        "code": t.code,
        "message": t.message,
        "transaction": t.transaction,
        "bank_transaction": paid.then(|| format!("bt{}", t.transaction)),
        "bank_response": t.message,
        "operation_code": paid.then_some("100"),
        "rrn": paid.then(|| rrn(&t.transaction)),
        "card_mask": t.card_mask,
        "card_name": paid.then_some("SANDBOX CUSTOMER"),
        "amount": t.amount.map(decimal_json),
        "order_id": t.order_id,
        "other_attr": other_attr_text(t),
    })
}

fn refund(inner: &Inner, p: &Payload) -> Result<Response, String> {
    let id = p.str("transaction")?;
    let currency = p.str("currency")?;
    let requested = match p.0.get("amount") {
        None | Some(Value::Null) => None,
        Some(_) => Some(p.amount("amount")?),
    };
    let mut store = lock(&inner.store);
    let t = store
        .transactions
        .iter_mut()
        .find(|t| t.transaction == id)
        .ok_or_else(|| "Transaction not found".to_owned())?;
    if t.status != "success" {
        return Err(format!(
            "Transaction cannot be refunded in status {}",
            t.status
        ));
    }
    if t.currency.as_deref() != Some(currency.as_str()) {
        return Err("Currency does not match the transaction".to_owned());
    }
    let total = t.amount.unwrap_or(Decimal::ZERO);
    let remaining = total - t.refunded;
    let amount = requested.unwrap_or(remaining);
    if amount > remaining || amount.is_zero() {
        return Err("Refund amount exceeds the refundable amount".to_owned());
    }
    t.refunded += amount;
    if t.refunded >= total {
        t.status = "returned".to_owned();
    }
    Ok(json_response(
        StatusCode::OK,
        &json!({"status": "success", "message": "Refund accepted"}),
    ))
}

async fn wallet_pay(inner: &Arc<Inner>, p: &Payload) -> Result<Response, String> {
    let token_id = match p.0.get("id") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.parse::<i64>().ok(),
        _ => None,
    }
    .ok_or_else(|| "id is required".to_owned())?;
    if p.0.get("token").is_none_or(Value::is_null) {
        return Err("token is required".to_owned());
    }
    let id = lock(&inner.store)
        .transactions
        .iter()
        .find(|t| t.token_payment_id == Some(token_id))
        .map(|t| t.transaction.clone())
        .ok_or_else(|| "Token payment not found".to_owned())?;
    let outcome = complete(inner, &id, TestCard::VisaSuccess.number())
        .await
        .map_err(|e| e.to_string())?;
    Ok(json_response(
        StatusCode::OK,
        &json!({
            "status": if outcome.is_approved() { "success" } else { "error" },
            "result": {"transaction": id, "status": outcome.status},
            "redirect_url": outcome.redirect_url,
        }),
    ))
}

fn hosted_page(inner: &Inner, id: &str) -> Response {
    let store = lock(&inner.store);
    let Some(t) = store.transactions.iter().find(|t| t.transaction == id) else {
        return html(
            StatusCode::NOT_FOUND,
            message_page("Not found", "Unknown transaction"),
        );
    };
    if t.status != "new" {
        return html(
            StatusCode::OK,
            message_page("Transaction closed", &format!("Status: {}", t.status)),
        );
    }
    let amount = t.amount.map_or_else(|| "0".to_owned(), |a| a.to_string());
    let description = t.description.clone().unwrap_or_else(|| {
        if t.kind == "save_card" {
            "Card registration".to_owned()
        } else {
            String::new()
        }
    });
    let action = format!("/epoint/pay/{id}");
    html(
        StatusCode::OK,
        checkout_page(&Checkout {
            provider: "EPoint",
            amount: &amount,
            currency: t.currency.as_deref().unwrap_or("AZN"),
            description: &description,
            action: &action,
            hidden: &[],
            cancel_action: None,
        }),
    )
}

async fn pay_page(
    inner: &Arc<Inner>,
    id: &str,
    card_number: &str,
) -> Result<PaymentOutcome, SandboxError> {
    complete(inner, id, card_number).await
}

/// Finishes a `new` transaction with a card, sends the callback, computes the redirect.
async fn complete(
    inner: &Arc<Inner>,
    id: &str,
    card_number: &str,
) -> Result<PaymentOutcome, SandboxError> {
    let outcome = card_outcome(card_number);
    let (status, callback, redirect_url) = {
        let mut store = lock(&inner.store);
        let t = store
            .transactions
            .iter_mut()
            .find(|t| t.transaction == id)
            .ok_or_else(|| SandboxError::NotFound(id.to_owned()))?;
        if t.status != "new" {
            return Err(SandboxError::InvalidState(format!(
                "transaction {id} is {}",
                t.status
            )));
        }
        let (status, code, message) = outcome_fields(outcome);
        t.status = status.to_owned();
        t.code = Some(code.to_owned());
        t.message = Some(message.to_owned());
        t.card_mask = Some(mask(card_number));
        let t = t.clone();
        if let (Some(card_id), true) = (&t.card_id, outcome.is_approved())
            && let Some(card) = store.cards.iter_mut().find(|c| &c.card_id == card_id)
        {
            card.active = true;
            card.card_mask = Some(mask(card_number));
            card.number = digits_only(card_number);
        }
        let redirect_url = if outcome.is_approved() {
            t.success_redirect_url.clone()
        } else {
            t.error_redirect_url.clone()
        };
        (status, callback_json(&t), redirect_url)
    };
    let target = lock(&inner.callback_url).clone();
    let notification = match target {
        Some(url) => {
            let text = json_dumps(&callback, JsonStyle::Compact { ensure_ascii: true });
            let data = base64_encode(text.as_bytes());
            let signature = sign(&data, &inner.config.private_key);
            let body = url::form_urlencoded::Serializer::new(String::new())
                .append_pair("data", &data)
                .append_pair("signature", &signature)
                .finish();
            Some(
                inner
                    .notifier
                    .deliver(
                        &url,
                        vec![(
                            "Content-Type".to_owned(),
                            "application/x-www-form-urlencoded".to_owned(),
                        )],
                        body.into_bytes(),
                    )
                    .await,
            )
        }
        None => None,
    };
    Ok(PaymentOutcome::new(
        status,
        outcome,
        redirect_url,
        notification,
    ))
}

fn callback_json(t: &EpointTransaction) -> Value {
    let mut m = Map::new();
    m.insert("order_id".into(), json!(t.order_id));
    m.insert("status".into(), json!(t.status));
    m.insert("code".into(), json!(t.code));
    m.insert("message".into(), json!(t.message));
    m.insert("transaction".into(), json!(t.transaction));
    m.insert(
        "bank_transaction".into(),
        json!(format!("bt{}", t.transaction)),
    );
    m.insert("bank_response".into(), json!(t.message));
    m.insert("operation_code".into(), json!("100"));
    m.insert("rrn".into(), json!(rrn(&t.transaction)));
    m.insert("card_name".into(), json!("SANDBOX CUSTOMER"));
    m.insert("card_mask".into(), json!(t.card_mask));
    m.insert("amount".into(), t.amount.map_or(Value::Null, decimal_json));
    if let Some(card_id) = &t.card_id {
        m.insert("card_id".into(), json!(card_id));
    }
    if let Some(split) = t.split_amount {
        m.insert("split_amount".into(), decimal_json(split));
    }
    m.insert("other_attr".into(), other_attr_text(t));
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        assert_eq!(decimal_json(Decimal::from_str("100").unwrap()), json!(100));
        assert_eq!(
            decimal_json(Decimal::from_str("10.50").unwrap()),
            json!(10.5)
        );
        assert_eq!(parse_decimal(&json!("1E+2")), Some(Decimal::from(100)));
        assert_eq!(parse_decimal(&json!(10.5)), Decimal::from_str("10.5").ok());
        assert_eq!(parse_decimal(&json!(true)), None);
    }

    #[test]
    fn signs_like_the_sdk() {
        let data = "eyJwdWJsaWNfa2V5IjogImkwMDAwMDAwMDEiLCAibGFuZ3VhZ2UiOiAiYXoifQ==";
        assert_eq!(
            sign(data, "test_private_key_123"),
            "OlVhzaAvJSmy8ztRvh6RvEAmoDk="
        );
        let (d, s) = encode(
            &json!({"public_key": "i000000001", "language": "az"}),
            "test_private_key_123",
        );
        assert_eq!(d, data);
        assert_eq!(s, "OlVhzaAvJSmy8ztRvh6RvEAmoDk=");
    }
}
