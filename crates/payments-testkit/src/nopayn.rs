//! Sandbox of the NoPayn (Cost+) order API and hosted payment page.
//!
//! Routes (API routes need `Authorization: Basic base64(api_key + ":")`):
//!
//! | route | answer |
//! |---|---|
//! | `POST /v1/orders/` | `201` order JSON with `order_url` and one transaction with `payment_url` |
//! | `GET /v1/orders/{id}/` | `200` order JSON |
//! | `POST /v1/orders/{id}/refunds/` | `201` refund `{id, amount, status: "pending"}` |
//! | `POST /v1/orders/{id}/transactions/{tid}/captures/` | `200` transaction (status `captured`) |
//! | `POST /v1/orders/{id}/transactions/{tid}/voids/amount/` | `200` transaction (status `voided`) |
//! | `GET /hpp/{id}/` | hosted payment page (HTML) |
//! | `POST /hpp/{id}/pay` (form `card_number`) | pays, notifies, `303` to `return_url` / `failure_url` |
//! | `POST /hpp/{id}/cancel` | cancels, notifies, `303` to `failure_url` |
//!
//! Errors: `401 {"error":{"message":"Unauthorized"}}`, `404 {"detail":"Not found"}`,
//! `400 {"error":{"value":"..."}}`.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::Response;
use chrono::{DateTime, Utc};
use payments_core::signing::{base64_decode, base64_encode, constant_time_eq};
use serde_json::{Map, Value, json};

use crate::cards::{CardOutcome, TestCard, card_outcome, mask};
use crate::error::SandboxError;
use crate::notify::{Notification, Notifier, RetryPolicy};
use crate::outcome::PaymentOutcome;
use crate::page::{Checkout, checkout_page, message_page};
use crate::record::RecordedRequest;
use crate::server::{Server, base_url, bind};
use crate::util::{
    form_pairs, form_value, html, json as json_response, lock, major_amount, now_iso, record,
    redirect, segments, with_query,
};

/// Settings of a [`NoPaynSandbox`].
#[derive(Debug, Clone)]
pub struct NoPaynConfig {
    /// The API key clients must send as the Basic-auth user name.
    pub api_key: String,
    /// `project_id` reported in webhooks and orders.
    pub project_id: String,
    /// Webhook delivery policy.
    pub retry: RetryPolicy,
}

impl Default for NoPaynConfig {
    fn default() -> Self {
        Self {
            api_key: "sandbox-nopayn-api-key".to_owned(),
            project_id: "sandbox-project".to_owned(),
            retry: RetryPolicy::default(),
        }
    }
}

/// An order as the sandbox holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoPaynOrder {
    /// Order id (UUID).
    pub id: String,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// `new`, `completed`, `cancelled`, `expired` or `error`.
    pub status: String,
    /// Merchant's reference.
    pub merchant_order_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Where a paying customer goes after success.
    pub return_url: Option<String>,
    /// Where a customer goes after failure, cancellation or expiry.
    pub failure_url: Option<String>,
    /// Where status changes are posted.
    pub webhook_url: Option<String>,
    /// HPP language.
    pub locale: Option<String>,
    /// ISO 8601 duration the order stays payable.
    pub expiration_period: Option<String>,
    /// When the order expires, from `expiration_period`.
    pub expires_at: Option<DateTime<Utc>>,
    /// Creation time (RFC 3339).
    pub created: String,
    /// Last change (RFC 3339).
    pub modified: String,
    /// Completion time, once completed.
    pub completed: Option<String>,
    /// Transactions (one per order in the sandbox).
    pub transactions: Vec<NoPaynTransaction>,
    /// Refunds, in order.
    pub refunds: Vec<NoPaynRefund>,
}

/// A transaction of a [`NoPaynOrder`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoPaynTransaction {
    /// Transaction id (UUID).
    pub id: String,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// `credit-card` unless the order asked for another method.
    pub payment_method: String,
    /// `new`, `completed`, `captured`, `voided`, `cancelled`, `expired` or `error`.
    pub status: String,
    /// Why it failed (`Declined`, `Insufficient funds`).
    pub reason: Option<String>,
    /// Masked card number, once paid.
    pub card_mask: Option<String>,
    /// Creation time.
    pub created: String,
    /// Last change.
    pub modified: String,
}

/// A refund of a [`NoPaynOrder`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoPaynRefund {
    /// Refund id (UUID).
    pub id: String,
    /// Amount in minor units.
    pub amount: i64,
    /// Always `pending` in the sandbox.
    pub status: String,
    /// Description sent with the refund.
    pub description: Option<String>,
}

#[derive(Debug)]
struct Inner {
    config: NoPaynConfig,
    base_url: String,
    orders: Mutex<Vec<NoPaynOrder>>,
    requests: Mutex<Vec<RecordedRequest>>,
    notifier: Notifier,
}

/// A running NoPayn sandbox on `127.0.0.1`. Dropping it stops the server.
#[derive(Debug)]
pub struct NoPaynSandbox {
    inner: Arc<Inner>,
    server: Server,
}

impl NoPaynSandbox {
    /// Starts a sandbox on a free loopback port.
    pub async fn start(config: NoPaynConfig) -> Result<NoPaynSandbox, SandboxError> {
        let (listener, addr) = bind().await?;
        let inner = Arc::new(Inner {
            notifier: Notifier::new(config.retry.clone()),
            config,
            base_url: base_url(addr),
            orders: Mutex::new(Vec::new()),
            requests: Mutex::new(Vec::new()),
        });
        let router = Router::new().fallback(dispatch).with_state(inner.clone());
        let server = Server::spawn(listener, router);
        Ok(NoPaynSandbox { inner, server })
    }

    /// Starts a sandbox with [`NoPaynConfig::default`].
    pub async fn start_default() -> Result<NoPaynSandbox, SandboxError> {
        Self::start(NoPaynConfig::default()).await
    }

    /// `http://127.0.0.1:<port>`, the value for the SDK's `base_url`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The API key the sandbox accepts.
    pub fn api_key(&self) -> &str {
        &self.inner.config.api_key
    }

    /// The project id reported in webhooks.
    pub fn project_id(&self) -> &str {
        &self.inner.config.project_id
    }

    /// The `Authorization` header value the sandbox accepts.
    pub fn authorization_header(&self) -> String {
        format!(
            "Basic {}",
            base64_encode(format!("{}:", self.api_key()).as_bytes())
        )
    }

    /// URL of the hosted payment page of an order.
    pub fn hosted_page_url(&self, order_id: &str) -> String {
        hpp_url(&self.inner.base_url, order_id)
    }

    /// Every order, oldest first.
    pub fn orders(&self) -> Vec<NoPaynOrder> {
        lock(&self.inner.orders).clone()
    }

    /// One order.
    pub fn order(&self, order_id: &str) -> Option<NoPaynOrder> {
        lock(&self.inner.orders)
            .iter()
            .find(|o| o.id == order_id)
            .cloned()
    }

    /// Every request received, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.inner.requests).clone()
    }

    /// Every webhook sent, oldest first.
    pub fn notifications(&self) -> Vec<Notification> {
        self.inner.notifier.log()
    }

    /// Changes the webhook delivery policy.
    pub fn set_retry_policy(&self, policy: RetryPolicy) {
        self.inner.notifier.set_policy(policy);
    }

    /// The customer pays on the hosted page of `order_or_url` (an order id or an `order_url` /
    /// `payment_url`) with a test card. Same code path as the HTML form.
    pub async fn pay_hosted(
        &self,
        order_or_url: &str,
        card: TestCard,
    ) -> Result<PaymentOutcome, SandboxError> {
        self.pay_hosted_with_number(order_or_url, card.number())
            .await
    }

    /// Like [`pay_hosted`](Self::pay_hosted) with any card number (unknown numbers decline).
    pub async fn pay_hosted_with_number(
        &self,
        order_or_url: &str,
        card_number: &str,
    ) -> Result<PaymentOutcome, SandboxError> {
        pay(&self.inner, &order_id_of(order_or_url), card_number).await
    }

    /// The customer presses Cancel on the hosted page.
    pub async fn cancel_hosted(&self, order_or_url: &str) -> Result<PaymentOutcome, SandboxError> {
        finish_unpaid(&self.inner, &order_id_of(order_or_url), "cancelled").await
    }

    /// Forces a `new` order to expire now (as if its `expiration_period` ran out) and sends
    /// the webhook.
    pub async fn expire_order(&self, order_id: &str) -> Result<PaymentOutcome, SandboxError> {
        finish_unpaid(&self.inner, order_id, "expired").await
    }

    /// Stops the server.
    pub async fn shutdown(&self) {
        self.server.shutdown().await;
    }
}

fn hpp_url(base: &str, order_id: &str) -> String {
    format!("{base}/hpp/{order_id}/")
}

/// Takes the order id out of an `order_url`/`payment_url`, or returns the text itself.
fn order_id_of(order_or_url: &str) -> String {
    if let Some(rest) = order_or_url.split("/hpp/").nth(1) {
        return rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default()
            .to_owned();
    }
    order_or_url.to_owned()
}

fn order_json(o: &NoPaynOrder, base: &str, project_id: &str) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(o.id));
    m.insert("project_id".into(), json!(project_id));
    m.insert("merchant_order_id".into(), json!(o.merchant_order_id));
    m.insert("amount".into(), json!(o.amount));
    m.insert("currency".into(), json!(o.currency));
    m.insert("status".into(), json!(o.status));
    m.insert("description".into(), json!(o.description));
    m.insert("return_url".into(), json!(o.return_url));
    m.insert("failure_url".into(), json!(o.failure_url));
    m.insert("webhook_url".into(), json!(o.webhook_url));
    m.insert("locale".into(), json!(o.locale));
    m.insert("order_url".into(), json!(hpp_url(base, &o.id)));
    m.insert("created".into(), json!(o.created));
    m.insert("modified".into(), json!(o.modified));
    m.insert("completed".into(), json!(o.completed));
    m.insert("expiration_period".into(), json!(o.expiration_period));
    m.insert(
        "transactions".into(),
        Value::Array(
            o.transactions
                .iter()
                .map(|t| transaction_json(o, t, base))
                .collect(),
        ),
    );
    Value::Object(m)
}

fn transaction_json(o: &NoPaynOrder, t: &NoPaynTransaction, base: &str) -> Value {
    json!({
        "id": t.id,
        "amount": t.amount,
        "currency": t.currency,
        "payment_method": t.payment_method,
        "payment_url": format!("{}?transaction={}", hpp_url(base, &o.id), t.id),
        "status": t.status,
        "reason": t.reason,
        "is_capturable": t.status == "completed",
        "card_mask": t.card_mask,
        "created": t.created,
        "modified": t.modified,
        "expiration_period": o.expiration_period,
    })
}

fn refund_json(r: &NoPaynRefund) -> Value {
    let mut v = json!({"id": r.id, "amount": r.amount, "status": r.status});
    if let (Some(d), Some(m)) = (&r.description, v.as_object_mut()) {
        m.insert("description".into(), json!(d));
    }
    v
}

/// An error response, boxed to keep `Result`s small.
type Fail = Box<Response>;

fn bad_request(message: &str) -> Fail {
    Box::new(json_response(
        StatusCode::BAD_REQUEST,
        &json!({"error": {"value": message}}),
    ))
}

fn not_found_box() -> Fail {
    Box::new(not_found())
}

fn not_found() -> Response {
    json_response(StatusCode::NOT_FOUND, &json!({"detail": "Not found"}))
}

fn unauthorized() -> Response {
    json_response(
        StatusCode::UNAUTHORIZED,
        &json!({"error": {"message": "Unauthorized"}}),
    )
}

/// Parses a simple ISO 8601 duration (`P1DT2H30M10S`, `PT30M`).
fn parse_duration(text: &str) -> Option<chrono::Duration> {
    let rest = text.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut total = chrono::Duration::zero();
    let mut any = false;
    for (part, is_time) in [(date, false), (time.unwrap_or(""), true)] {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let n: i64 = number.parse().ok()?;
            number.clear();
            let d = match (c, is_time) {
                ('W', false) => chrono::Duration::try_weeks(n)?,
                ('D', false) => chrono::Duration::try_days(n)?,
                ('H', true) => chrono::Duration::try_hours(n)?,
                ('M', true) => chrono::Duration::try_minutes(n)?,
                ('S', true) => chrono::Duration::try_seconds(n)?,
                _ => return None,
            };
            total = total.checked_add(&d)?;
            any = true;
        }
        if !number.is_empty() {
            return None;
        }
    }
    if time == Some("") || !any {
        return None;
    }
    Some(total)
}

fn webhook_body(order_id: &str, project_id: &str) -> Vec<u8> {
    serde_json::to_vec(
        &json!({"event": "status_changed", "order_id": order_id, "project_id": project_id}),
    )
    .unwrap_or_default()
}

async fn send_webhook(inner: &Inner, url: Option<String>, order_id: &str) -> Option<Notification> {
    let url = url?;
    let body = webhook_body(order_id, &inner.config.project_id);
    Some(
        inner
            .notifier
            .deliver(
                &url,
                vec![("Content-Type".to_owned(), "application/json".to_owned())],
                body,
            )
            .await,
    )
}

/// Marks `new` orders whose expiry passed as expired; returns (webhook url, id) to notify.
fn expire_due(orders: &mut [NoPaynOrder]) -> Vec<(Option<String>, String)> {
    let now = Utc::now();
    let mut due = Vec::new();
    for o in orders.iter_mut() {
        if o.status == "new" && o.expires_at.is_some_and(|t| t <= now) {
            set_status(o, "expired", None);
            due.push((o.webhook_url.clone(), o.id.clone()));
        }
    }
    due
}

fn spawn_webhooks(inner: &Arc<Inner>, due: Vec<(Option<String>, String)>) {
    for (url, id) in due {
        if url.is_some() {
            let inner = inner.clone();
            tokio::spawn(async move {
                let _ = send_webhook(&inner, url, &id).await;
            });
        }
    }
}

fn set_status(o: &mut NoPaynOrder, status: &str, reason: Option<&str>) {
    let now = now_iso();
    o.status = status.to_owned();
    o.modified = now.clone();
    if status == "completed" {
        o.completed = Some(now.clone());
    }
    for t in &mut o.transactions {
        t.status = status.to_owned();
        t.reason = reason.map(str::to_owned);
        t.modified = now.clone();
    }
}

async fn pay(
    inner: &Arc<Inner>,
    order_id: &str,
    card_number: &str,
) -> Result<PaymentOutcome, SandboxError> {
    let outcome = card_outcome(card_number);
    let (status, redirect_url, webhook) = {
        let mut orders = lock(&inner.orders);
        let due = expire_due(&mut orders);
        spawn_webhooks(inner, due);
        let o = orders
            .iter_mut()
            .find(|o| o.id == order_id)
            .ok_or_else(|| SandboxError::NotFound(order_id.to_owned()))?;
        if o.status != "new" {
            return Err(SandboxError::InvalidState(format!(
                "order {} is {}",
                o.id, o.status
            )));
        }
        let (status, reason) = match outcome {
            CardOutcome::Approved => ("completed", None),
            CardOutcome::InsufficientFunds => ("error", Some("Insufficient funds")),
            _ => ("error", Some("Declined")),
        };
        set_status(o, status, reason);
        for t in &mut o.transactions {
            t.card_mask = Some(mask(card_number));
        }
        let target = if outcome.is_approved() {
            o.return_url.clone()
        } else {
            o.failure_url.clone().or_else(|| o.return_url.clone())
        };
        let redirect_url = target.map(|u| {
            with_query(
                &u,
                &[
                    ("order_id", &o.id),
                    ("project_id", &inner.config.project_id),
                ],
            )
        });
        (status.to_owned(), redirect_url, o.webhook_url.clone())
    };
    let notification = send_webhook(inner, webhook, order_id).await;
    Ok(PaymentOutcome::new(
        status,
        outcome,
        redirect_url,
        notification,
    ))
}

async fn finish_unpaid(
    inner: &Arc<Inner>,
    order_id: &str,
    status: &str,
) -> Result<PaymentOutcome, SandboxError> {
    let (redirect_url, webhook) = {
        let mut orders = lock(&inner.orders);
        let o = orders
            .iter_mut()
            .find(|o| o.id == order_id)
            .ok_or_else(|| SandboxError::NotFound(order_id.to_owned()))?;
        if o.status != "new" {
            return Err(SandboxError::InvalidState(format!(
                "order {} is {}",
                o.id, o.status
            )));
        }
        set_status(o, status, None);
        let redirect_url = o
            .failure_url
            .clone()
            .or_else(|| o.return_url.clone())
            .map(|u| {
                with_query(
                    &u,
                    &[
                        ("order_id", &o.id),
                        ("project_id", &inner.config.project_id),
                    ],
                )
            });
        (redirect_url, o.webhook_url.clone())
    };
    let notification = send_webhook(inner, webhook, order_id).await;
    Ok(PaymentOutcome::new(
        status,
        CardOutcome::Declined,
        redirect_url,
        notification,
    ))
}

fn authorized(inner: &Inner, headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some(encoded) = value.strip_prefix("Basic ") else {
        return false;
    };
    let Ok(decoded) = base64_decode(encoded.trim()) else {
        return false;
    };
    let Ok(text) = String::from_utf8(decoded) else {
        return false;
    };
    let user = text.split_once(':').map_or(text.as_str(), |(u, _)| u);
    !user.is_empty() && constant_time_eq(user.as_bytes(), inner.config.api_key.as_bytes())
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
    match segs.as_slice() {
        ["hpp", id] if method == Method::GET => hpp_page(&inner, id),
        ["hpp", id, "pay"] if method == Method::POST => {
            let form = form_pairs(&body);
            let card = form_value(&form, "card_number").unwrap_or_default();
            page_result(pay(&inner, id, card).await)
        }
        ["hpp", id, "cancel"] if method == Method::POST => {
            page_result(finish_unpaid(&inner, id, "cancelled").await)
        }
        ["v1", ..] => {
            if !authorized(&inner, &headers) {
                return unauthorized();
            }
            {
                let mut orders = lock(&inner.orders);
                let due = expire_due(&mut orders);
                spawn_webhooks(&inner, due);
            }
            api(&inner, &method, segs.as_slice(), &body)
        }
        _ => not_found(),
    }
}

fn page_result(result: Result<PaymentOutcome, SandboxError>) -> Response {
    match result {
        Ok(outcome) => match &outcome.redirect_url {
            Some(url) => redirect(url),
            None => html(
                StatusCode::OK,
                message_page("Payment finished", &format!("Status: {}", outcome.status)),
            ),
        },
        Err(SandboxError::NotFound(_)) => html(
            StatusCode::NOT_FOUND,
            message_page("Not found", "Unknown order"),
        ),
        Err(e) => html(
            StatusCode::CONFLICT,
            message_page("Payment not possible", &e.to_string()),
        ),
    }
}

fn hpp_page(inner: &Inner, id: &str) -> Response {
    let orders = lock(&inner.orders);
    let Some(o) = orders.iter().find(|o| o.id == id) else {
        return html(
            StatusCode::NOT_FOUND,
            message_page("Not found", "Unknown order"),
        );
    };
    if o.status != "new" {
        return html(
            StatusCode::OK,
            message_page("Order closed", &format!("Status: {}", o.status)),
        );
    }
    let action = format!("/hpp/{}/pay", o.id);
    let cancel = format!("/hpp/{}/cancel", o.id);
    html(
        StatusCode::OK,
        checkout_page(&Checkout {
            provider: "NoPayn",
            amount: &major_amount(o.amount, &o.currency),
            currency: &o.currency,
            description: o.description.as_deref().unwrap_or(""),
            action: &action,
            hidden: &[],
            cancel_action: Some(&cancel),
        }),
    )
}

fn parse_object(body: &[u8]) -> Result<Map<String, Value>, Fail> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(bad_request("Invalid JSON body")),
    }
}

fn opt_string(m: &Map<String, Value>, key: &str) -> Result<Option<String>, Fail> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(bad_request(&format!("Invalid {key}"))),
    }
}

fn positive_amount(m: &Map<String, Value>) -> Result<i64, Fail> {
    match m.get("amount").and_then(Value::as_i64) {
        Some(a) if a > 0 => Ok(a),
        _ => Err(bad_request("Invalid amount")),
    }
}

fn api(inner: &Inner, method: &Method, segs: &[&str], body: &[u8]) -> Response {
    let result = match (method, segs) {
        (&Method::POST, ["v1", "orders"]) => create_order(inner, body),
        (&Method::GET, ["v1", "orders", id]) => {
            let orders = lock(&inner.orders);
            orders.iter().find(|o| o.id == *id).map_or_else(
                || Err(not_found_box()),
                |o| {
                    Ok(json_response(
                        StatusCode::OK,
                        &order_json(o, &inner.base_url, &inner.config.project_id),
                    ))
                },
            )
        }
        (&Method::POST, ["v1", "orders", id, "refunds"]) => refund(inner, id, body),
        (&Method::POST, ["v1", "orders", id, "transactions", tid, "captures"]) => {
            transaction_action(inner, id, tid, body, false)
        }
        (&Method::POST, ["v1", "orders", id, "transactions", tid, "voids", "amount"]) => {
            transaction_action(inner, id, tid, body, true)
        }
        (_, ["v1", "orders"] | ["v1", "orders", _] | ["v1", "orders", _, "refunds"]) => {
            Err(Box::new(json_response(
                StatusCode::METHOD_NOT_ALLOWED,
                &json!({"detail": format!("Method \"{method}\" not allowed.")}),
            )))
        }
        _ => Err(not_found_box()),
    };
    result.unwrap_or_else(|r| *r)
}

fn create_order(inner: &Inner, body: &[u8]) -> Result<Response, Fail> {
    let m = parse_object(body)?;
    let amount = positive_amount(&m)?;
    let currency = match m.get("currency").and_then(Value::as_str) {
        Some(c) if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()) => c.to_owned(),
        _ => return Err(bad_request("Invalid currency")),
    };
    let expiration_period = opt_string(&m, "expiration_period")?;
    let expires_at = match &expiration_period {
        Some(p) => {
            let d = parse_duration(p).ok_or_else(|| bad_request("Invalid expiration_period"))?;
            Some(Utc::now() + d)
        }
        None => None,
    };
    let payment_method = match m.get("payment_methods") {
        None | Some(Value::Null) => "credit-card".to_owned(),
        Some(Value::Array(list)) => match list.first() {
            None => "credit-card".to_owned(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => return Err(bad_request("Invalid payment_methods")),
        },
        Some(_) => return Err(bad_request("Invalid payment_methods")),
    };
    let now = now_iso();
    let order = NoPaynOrder {
        id: uuid::Uuid::new_v4().to_string(),
        amount,
        currency: currency.clone(),
        status: "new".to_owned(),
        merchant_order_id: opt_string(&m, "merchant_order_id")?,
        description: opt_string(&m, "description")?,
        return_url: opt_string(&m, "return_url")?,
        failure_url: opt_string(&m, "failure_url")?,
        webhook_url: opt_string(&m, "webhook_url")?,
        locale: opt_string(&m, "locale")?,
        expiration_period,
        expires_at,
        created: now.clone(),
        modified: now.clone(),
        completed: None,
        transactions: vec![NoPaynTransaction {
            id: uuid::Uuid::new_v4().to_string(),
            amount,
            currency,
            payment_method,
            status: "new".to_owned(),
            reason: None,
            card_mask: None,
            created: now.clone(),
            modified: now,
        }],
        refunds: Vec::new(),
    };
    let body = order_json(&order, &inner.base_url, &inner.config.project_id);
    lock(&inner.orders).push(order);
    Ok(json_response(StatusCode::CREATED, &body))
}

fn refund(inner: &Inner, id: &str, body: &[u8]) -> Result<Response, Fail> {
    let mut orders = lock(&inner.orders);
    let o = orders
        .iter_mut()
        .find(|o| o.id == id)
        .ok_or_else(not_found_box)?;
    let m = parse_object(body)?;
    let amount = positive_amount(&m)?;
    let description = opt_string(&m, "description")?;
    if o.status != "completed" {
        return Err(bad_request("Order is not completed"));
    }
    let refunded: i64 = o.refunds.iter().map(|r| r.amount).sum();
    if amount > o.amount - refunded {
        return Err(bad_request("Refund amount exceeds the refundable amount"));
    }
    let r = NoPaynRefund {
        id: uuid::Uuid::new_v4().to_string(),
        amount,
        status: "pending".to_owned(),
        description,
    };
    let body = refund_json(&r);
    o.refunds.push(r);
    o.modified = now_iso();
    Ok(json_response(StatusCode::CREATED, &body))
}

fn transaction_action(
    inner: &Inner,
    id: &str,
    tid: &str,
    body: &[u8],
    void: bool,
) -> Result<Response, Fail> {
    let mut orders = lock(&inner.orders);
    let o = orders
        .iter_mut()
        .find(|o| o.id == id)
        .ok_or_else(not_found_box)?;
    let m = parse_object(body)?;
    let amount = if void {
        Some(positive_amount(&m)?)
    } else {
        None
    };
    let _ = opt_string(&m, "description")?;
    let refunded = !o.refunds.is_empty();
    let order_amount = o.amount;
    let t = o
        .transactions
        .iter_mut()
        .find(|t| t.id == tid)
        .ok_or_else(not_found_box)?;
    if t.status != "completed" || refunded {
        let what = if void { "voided" } else { "captured" };
        return Err(bad_request(&format!(
            "Transaction cannot be {what} in status {}",
            t.status
        )));
    }
    if amount.is_some_and(|a| a > order_amount) {
        return Err(bad_request("Invalid amount"));
    }
    t.status = if void { "voided" } else { "captured" }.to_owned();
    t.modified = now_iso();
    let t = t.clone();
    if void {
        o.status = "cancelled".to_owned();
        o.modified = now_iso();
    }
    Ok(json_response(
        StatusCode::OK,
        &transaction_json(o, &t, &inner.base_url),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("PT30M"), Some(chrono::Duration::minutes(30)));
        assert_eq!(
            parse_duration("P1DT1S"),
            Some(chrono::Duration::seconds(86401))
        );
        assert_eq!(parse_duration("PT0S"), Some(chrono::Duration::zero()));
        assert_eq!(parse_duration("P"), None);
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("30M"), None);
        assert_eq!(parse_duration("PT5X"), None);
        assert_eq!(parse_duration("PT5"), None);
    }

    #[test]
    fn order_ids_from_urls() {
        assert_eq!(order_id_of("http://127.0.0.1:1/hpp/abc/"), "abc");
        assert_eq!(
            order_id_of("http://127.0.0.1:1/hpp/abc/?transaction=t"),
            "abc"
        );
        assert_eq!(order_id_of("abc"), "abc");
    }
}
