//! Sandbox of the Online Payments (Worldline Direct) server API, v2.
//!
//! Every `/v2/...` request must carry `Authorization: GCS v1HMAC:<keyId>:<signature>`; the
//! sandbox rebuilds the string to sign from the received request (method, `Content-Type`,
//! `Date`, the sorted `X-GCS-*` headers, path and query) and compares in constant time.
//! Failures answer with an `ErrorResponse`: `401` for a missing, malformed or wrong
//! signature or an unknown key id, `403` when the path's merchant id is not the sandbox's.
//!
//! | route under `/v2/{merchantId}` | answer |
//! |---|---|
//! | `POST /hostedcheckouts`, `GET /hostedcheckouts/{id}` | create (`redirectUrl`, `partialRedirectUrl`, `RETURNMAC`) / status |
//! | `POST /payments` | `201` CreatePaymentResponse, or `402` PaymentErrorResponse (`paymentResult`, status `REJECTED`) |
//! | `GET /payments/{id}`, `GET /payments/{id}/details` | PaymentResponse / PaymentDetailsResponse |
//! | `POST /payments/{id}/capture`, `/cancel`, `/refund` | CaptureResponse / CancelPaymentResponse / RefundResponse |
//! | `GET /payments/{id}/captures`, `GET /payments/{id}/refunds` | lists |
//! | `POST /tokens`, `GET /tokens/{id}`, `DELETE /tokens/{id}` | tokens |
//! | `GET /services/testconnection` | `{"result": "OK"}` |
//! | `POST /paymentlinks`, `GET /paymentlinks/{id}`, `POST /paymentlinks/{id}/cancel` | payment links |
//!
//! `POST` requests with `X-GCS-Idempotence-Key` are replayed: the same key on the same path
//! returns the stored status and body with `X-GCS-Idempotence-Request-Timestamp`.
//! The hosted checkout page is `GET /hostedcheckout/{id}` with its form at
//! `POST /hostedcheckout/{id}/pay`.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::Response;
use chrono::Utc;
use payments_core::signing::{base64_encode, constant_time_eq, hmac_sha256};
use serde_json::{Map, Value, json};

use crate::cards::{CardOutcome, TestCard, bin, brand, card_outcome, digits_only, mask_last4};
use crate::error::SandboxError;
use crate::notify::{Notification, Notifier, RetryPolicy};
use crate::outcome::PaymentOutcome;
use crate::page::{Checkout, checkout_page, message_page};
use crate::record::RecordedRequest;
use crate::server::{Server, base_url, bind};
use crate::util::{
    form_pairs, form_value, html, json as json_response, lock, major_amount, record, redirect,
    segments, with_query,
};

/// Settings of an [`OnlinePaymentsSandbox`].
#[derive(Debug, Clone)]
pub struct OnlinePaymentsConfig {
    /// The merchant id (`/v2/{merchantId}/...`).
    pub merchant_id: String,
    /// API key id (`GCS v1HMAC:<keyId>:...`).
    pub api_key_id: String,
    /// Secret API key (HMAC key).
    pub secret_api_key: String,
    /// Key id sent in `X-GCS-KeyId` with webhooks.
    pub webhook_key_id: String,
    /// Secret that signs webhooks (`X-GCS-Signature`).
    pub webhook_secret: String,
    /// Where webhooks go (configured per merchant in the portal).
    pub webhook_url: Option<String>,
    /// Webhook delivery policy.
    pub retry: RetryPolicy,
}

impl Default for OnlinePaymentsConfig {
    fn default() -> Self {
        Self {
            merchant_id: "SANDBOXMERCHANT".to_owned(),
            api_key_id: "sandbox-api-key-id".to_owned(),
            secret_api_key: "sandbox-secret-api-key".to_owned(),
            webhook_key_id: "sandbox-webhook-key-id".to_owned(),
            webhook_secret: "sandbox-webhook-secret".to_owned(),
            webhook_url: None,
            retry: RetryPolicy::default(),
        }
    }
}

#[derive(Debug, Clone)]
struct OpPayment {
    id: String,
    status: String,
    amount: i64,
    currency: String,
    merchant_reference: Option<String>,
    card_number: String,
    expiry_date: Option<String>,
    sale: bool,
    token: Option<String>,
    hosted_checkout_id: Option<String>,
    captures: Vec<(String, i64)>,
    refunds: Vec<(String, i64)>,
    outcome: CardOutcome,
    created: String,
}

#[derive(Debug, Clone)]
struct OpCheckout {
    id: String,
    returnmac: String,
    amount: i64,
    currency: String,
    request: Value,
    status: String,
    payment_id: Option<String>,
    link_id: Option<String>,
}

#[derive(Debug, Clone)]
struct OpToken {
    id: String,
    card_number: String,
    cardholder_name: Option<String>,
    expiry_date: Option<String>,
}

#[derive(Debug, Clone)]
struct OpLink {
    id: String,
    checkout_id: String,
    status: String,
    request: Value,
    amount: i64,
    currency: String,
    created: String,
}

#[derive(Debug, Clone)]
struct Replay {
    key: String,
    path: String,
    status: StatusCode,
    body: Option<Value>,
    timestamp: i64,
}

#[derive(Debug, Default)]
struct Store {
    payments: Vec<OpPayment>,
    checkouts: Vec<OpCheckout>,
    tokens: Vec<OpToken>,
    links: Vec<OpLink>,
    replays: Vec<Replay>,
    counter: u64,
}

impl Store {
    fn next(&mut self) -> u64 {
        self.counter += 1;
        3_066_019_730 + self.counter
    }
}

#[derive(Debug)]
struct Inner {
    config: OnlinePaymentsConfig,
    base_url: String,
    port: u16,
    webhook_url: Mutex<Option<String>>,
    store: Mutex<Store>,
    requests: Mutex<Vec<RecordedRequest>>,
    notifier: Notifier,
}

/// A running Online Payments sandbox on `127.0.0.1`. Dropping it stops the server.
#[derive(Debug)]
pub struct OnlinePaymentsSandbox {
    inner: Arc<Inner>,
    server: Server,
}

/// A status reply: HTTP status and JSON body (`None` for an empty body).
type Reply = (StatusCode, Option<Value>);

impl OnlinePaymentsSandbox {
    /// Starts a sandbox on a free loopback port.
    pub async fn start(
        config: OnlinePaymentsConfig,
    ) -> Result<OnlinePaymentsSandbox, SandboxError> {
        let (listener, addr) = bind().await?;
        let inner = Arc::new(Inner {
            notifier: Notifier::new(config.retry.clone()),
            webhook_url: Mutex::new(config.webhook_url.clone()),
            config,
            base_url: base_url(addr),
            port: addr.port(),
            store: Mutex::new(Store::default()),
            requests: Mutex::new(Vec::new()),
        });
        let router = Router::new().fallback(dispatch).with_state(inner.clone());
        let server = Server::spawn(listener, router);
        Ok(OnlinePaymentsSandbox { inner, server })
    }

    /// Starts a sandbox with [`OnlinePaymentsConfig::default`].
    pub async fn start_default() -> Result<OnlinePaymentsSandbox, SandboxError> {
        Self::start(OnlinePaymentsConfig::default()).await
    }

    /// `http://127.0.0.1:<port>`, the SDK's `api_endpoint`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Endpoint scheme, `http`.
    pub fn endpoint_scheme(&self) -> &'static str {
        "http"
    }

    /// Endpoint host, `127.0.0.1`.
    pub fn endpoint_host(&self) -> &'static str {
        "127.0.0.1"
    }

    /// Endpoint port.
    pub fn endpoint_port(&self) -> u16 {
        self.inner.port
    }

    /// The merchant id.
    pub fn merchant_id(&self) -> &str {
        &self.inner.config.merchant_id
    }

    /// The API key id.
    pub fn api_key_id(&self) -> &str {
        &self.inner.config.api_key_id
    }

    /// The secret API key.
    pub fn secret_api_key(&self) -> &str {
        &self.inner.config.secret_api_key
    }

    /// The webhook key id.
    pub fn webhook_key_id(&self) -> &str {
        &self.inner.config.webhook_key_id
    }

    /// The webhook secret.
    pub fn webhook_secret(&self) -> &str {
        &self.inner.config.webhook_secret
    }

    /// Sets (or clears) the webhook URL.
    pub fn set_webhook_url(&self, url: Option<String>) {
        *lock(&self.inner.webhook_url) = url;
    }

    /// Changes the webhook delivery policy.
    pub fn set_retry_policy(&self, policy: RetryPolicy) {
        self.inner.notifier.set_policy(policy);
    }

    /// URL of the hosted checkout page of a hosted checkout id.
    pub fn hosted_checkout_url(&self, hosted_checkout_id: &str) -> String {
        format!(
            "{}/hostedcheckout/{hosted_checkout_id}",
            self.inner.base_url
        )
    }

    /// A payment as the API returns it (PaymentResponse JSON).
    pub fn payment(&self, payment_id: &str) -> Option<Value> {
        let store = lock(&self.inner.store);
        store
            .payments
            .iter()
            .find(|p| p.id == payment_id)
            .map(payment_json)
    }

    /// Every payment (PaymentResponse JSON), oldest first.
    pub fn payments(&self) -> Vec<Value> {
        lock(&self.inner.store)
            .payments
            .iter()
            .map(payment_json)
            .collect()
    }

    /// Every request received, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.inner.requests).clone()
    }

    /// Every webhook sent, oldest first (those triggered by API calls are sent in the
    /// background and appear once their delivery ends).
    pub fn notifications(&self) -> Vec<Notification> {
        self.inner.notifier.log()
    }

    /// The customer pays on the hosted checkout `checkout_or_url` (a hosted checkout id, a
    /// `redirectUrl`/`partialRedirectUrl`, or a payment link's `redirectionUrl`) with a test
    /// card. Same code path as the HTML form.
    pub async fn pay_hosted(
        &self,
        checkout_or_url: &str,
        card: TestCard,
    ) -> Result<PaymentOutcome, SandboxError> {
        self.pay_hosted_with_number(checkout_or_url, card.number())
            .await
    }

    /// Like [`pay_hosted`](Self::pay_hosted) with any card number (unknown numbers decline).
    pub async fn pay_hosted_with_number(
        &self,
        checkout_or_url: &str,
        card_number: &str,
    ) -> Result<PaymentOutcome, SandboxError> {
        let id = checkout_or_url
            .rsplit('/')
            .next()
            .unwrap_or(checkout_or_url)
            .split(['?', '#'])
            .next()
            .unwrap_or_default();
        pay_checkout(&self.inner, id, card_number).await
    }

    /// Stops the server.
    pub async fn shutdown(&self) {
        self.server.shutdown().await;
    }
}

/// Canonicalises a header value for v1HMAC: a newline and the whitespace after it become one
/// space; the result is trimmed.
fn canon(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if c == '\n' {
            while chars
                .peek()
                .is_some_and(|n| n.is_whitespace() && *n != '\r' && *n != '\n')
            {
                chars.next();
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out.trim().to_owned()
}

/// The v1HMAC string to sign for a request: `headers` are all request headers (name, value)
/// in received order; `path_and_query` is the request target as sent.
pub fn string_to_sign(method: &str, headers: &[(String, String)], path_and_query: &str) -> String {
    let last = |name: &str| {
        headers
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or("", |(_, v)| v.as_str())
    };
    let mut gcs: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.clone()))
        .filter(|(n, _)| n.starts_with("x-gcs"))
        .collect();
    gcs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut s = format!(
        "{}\n{}\n{}\n",
        method.to_ascii_uppercase(),
        last("content-type"),
        last("date")
    );
    for (n, v) in gcs {
        s.push_str(&n);
        s.push(':');
        s.push_str(&canon(&v));
        s.push('\n');
    }
    s.push_str(path_and_query);
    s.push('\n');
    s
}

/// `GCS v1HMAC:<key_id>:base64(HMAC-SHA256(secret, string_to_sign))`.
pub fn authorization(key_id: &str, secret: &str, string_to_sign: &str) -> String {
    format!(
        "GCS v1HMAC:{key_id}:{}",
        base64_encode(&hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes()))
    )
}

/// The `X-GCS-Signature` of a webhook body: `base64(HMAC-SHA256(secret, body))`.
pub fn webhook_signature(secret: &str, body: &[u8]) -> String {
    base64_encode(&hmac_sha256(secret.as_bytes(), body))
}

fn api_error(
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

fn err(status: StatusCode, error_code: &str, id: &str, message: &str) -> Reply {
    (
        status,
        Some(api_error(status, error_code, id, message, None)),
    )
}

fn invalid(property: &str, message: &str) -> Reply {
    let status = StatusCode::BAD_REQUEST;
    (
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

fn not_found(what: &str) -> Reply {
    err(
        StatusCode::NOT_FOUND,
        "1002",
        "UNKNOWN_RESOURCE",
        &format!("{what} not found"),
    )
}

fn get<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |cur, k| cur.get(*k))
}

fn get_str(v: &Value, path: &[&str]) -> Option<String> {
    get(v, path).and_then(Value::as_str).map(str::to_owned)
}

fn amount_of(v: &Value, path: &[&str]) -> Result<(i64, String), Reply> {
    let prop = path.join(".");
    let money = get(v, path).ok_or_else(|| invalid(&prop, &format!("{prop} is missing")))?;
    let amount = money
        .get("amount")
        .and_then(Value::as_i64)
        .filter(|a| *a >= 0)
        .ok_or_else(|| {
            invalid(
                &format!("{prop}.amount"),
                "amount must be a non-negative integer",
            )
        })?;
    let currency = money
        .get("currencyCode")
        .and_then(Value::as_str)
        .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
        .ok_or_else(|| invalid(&format!("{prop}.currencyCode"), "currencyCode is invalid"))?;
    Ok((amount, currency.to_owned()))
}

fn status_code_of(status: &str) -> (i64, &'static str, bool, bool, bool) {
    // (statusCode, statusCategory, isAuthorized, isCancellable, isRefundable)
    match status {
        "PENDING_CAPTURE" => (5, "PENDING_MERCHANT", true, true, false),
        "CAPTURED" => (9, "COMPLETED", false, false, true),
        "CANCELLED" => (6, "UNSUCCESSFUL", false, false, false),
        "REFUNDED" => (8, "REFUNDED", false, false, false),
        _ => (2, "UNSUCCESSFUL", false, false, false),
    }
}

fn money(amount: i64, currency: &str) -> Value {
    json!({"amount": amount, "currencyCode": currency})
}

fn card_output(p: &OpPayment) -> Value {
    let mut out = json!({
        "paymentProductId": if brand(&p.card_number) == "mastercard" { 3 } else { 1 },
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

fn references(p: &OpPayment) -> Value {
    p.merchant_reference
        .as_ref()
        .map_or_else(|| json!({}), |r| json!({"merchantReference": r}))
}

fn status_output(p: &OpPayment) -> Value {
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

fn payment_output(p: &OpPayment) -> Value {
    let captured: i64 = p.captures.iter().map(|c| c.1).sum();
    json!({
        "amountOfMoney": money(p.amount, &p.currency),
        "references": references(p),
        "acquiredAmount": money(if p.sale || !p.captures.is_empty() { captured.max(if p.sale { p.amount } else { 0 }) } else { 0 }, &p.currency),
        "paymentMethod": "card",
        "cardPaymentMethodSpecificOutput": card_output(p),
        "paymentCreationDate": p.created,
    })
}

fn payment_json(p: &OpPayment) -> Value {
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

fn details_json(p: &OpPayment) -> Value {
    let mut v = payment_json(p);
    let mut ops = vec![json!({
        "id": p.id,
        "status": if p.sale && p.outcome.is_approved() { "CAPTURED" } else if p.outcome.is_approved() { "PENDING_CAPTURE" } else { "REJECTED" },
        "amountOfMoney": money(p.amount, &p.currency),
        "paymentMethod": "card",
        "references": references(p),
    })];
    for (id, amount) in &p.captures {
        ops.push(json!({"id": id, "status": "CAPTURED", "amountOfMoney": money(*amount, &p.currency), "paymentMethod": "card"}));
    }
    for (id, amount) in &p.refunds {
        ops.push(json!({"id": id, "status": "REFUNDED", "amountOfMoney": money(*amount, &p.currency), "paymentMethod": "card"}));
    }
    if let Some(m) = v.as_object_mut() {
        m.insert("Operations".into(), Value::Array(ops));
    }
    v
}

fn decline_error(outcome: CardOutcome) -> Value {
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

fn event_type(status: &str) -> &'static str {
    match status {
        "PENDING_CAPTURE" => "payment.pending_capture",
        "CAPTURED" => "payment.captured",
        "CANCELLED" => "payment.cancelled",
        "REFUNDED" => "payment.refunded",
        _ => "payment.rejected",
    }
}

fn event_body(inner: &Inner, payment: &Value) -> Vec<u8> {
    let status = payment
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let event = json!({
        "apiVersion": "v1",
        "id": uuid::Uuid::new_v4().to_string(),
        "created": Utc::now().format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string(),
        "merchantId": inner.config.merchant_id,
        "type": event_type(status),
        "payment": payment,
    });
    serde_json::to_vec(&event).unwrap_or_default()
}

async fn send_event(inner: &Inner, payment: &Value) -> Option<Notification> {
    let url = lock(&inner.webhook_url).clone()?;
    let body = event_body(inner, payment);
    let headers = vec![
        ("Content-Type".to_owned(), "application/json".to_owned()),
        (
            "X-GCS-Signature".to_owned(),
            webhook_signature(&inner.config.webhook_secret, &body),
        ),
        (
            "X-GCS-KeyId".to_owned(),
            inner.config.webhook_key_id.clone(),
        ),
    ];
    Some(inner.notifier.deliver(&url, headers, body).await)
}

fn spawn_event(inner: &Arc<Inner>, payment: Value) {
    let inner = inner.clone();
    tokio::spawn(async move {
        let _ = send_event(&inner, &payment).await;
    });
}

fn check_auth(inner: &Inner, method: &Method, uri: &Uri, headers: &HeaderMap) -> Result<(), Reply> {
    let unauthorized = || {
        err(
            StatusCode::UNAUTHORIZED,
            "9002",
            "MISSING_OR_INVALID_AUTHORIZATION",
            "MISSING_OR_INVALID_AUTHORIZATION",
        )
    };
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(unauthorized)?;
    let rest = auth.strip_prefix("GCS v1HMAC:").ok_or_else(unauthorized)?;
    let (key_id, signature) = rest.rsplit_once(':').ok_or_else(unauthorized)?;
    if headers.get(header::DATE).is_none() {
        return Err(unauthorized());
    }
    if !constant_time_eq(key_id.as_bytes(), inner.config.api_key_id.as_bytes()) {
        return Err(unauthorized());
    }
    let pairs: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let target = uri.path_and_query().map_or(uri.path(), |pq| pq.as_str());
    let to_sign = string_to_sign(method.as_str(), &pairs, target);
    let expected = base64_encode(&hmac_sha256(
        inner.config.secret_api_key.as_bytes(),
        to_sign.as_bytes(),
    ));
    if !constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        return Err(unauthorized());
    }
    Ok(())
}

fn reply(r: Reply, replay_timestamp: Option<i64>) -> Response {
    let (status, body) = r;
    let mut response = match body {
        Some(v) => json_response(status, &v),
        None => {
            let mut resp = Response::new(axum::body::Body::empty());
            *resp.status_mut() = status;
            resp
        }
    };
    if let Some(ts) = replay_timestamp
        && let Ok(v) = HeaderValue::from_str(&ts.to_string())
    {
        response
            .headers_mut()
            .insert("X-GCS-Idempotence-Request-Timestamp", v);
    }
    response
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
        (&Method::GET, ["hostedcheckout", id]) => return checkout_page_response(&inner, id),
        (&Method::POST, ["hostedcheckout", id, "pay"]) => {
            let form = form_pairs(&body);
            let card = form_value(&form, "card_number").unwrap_or_default();
            return page_result(pay_checkout(&inner, id, card).await);
        }
        (&Method::POST, ["hostedcheckout", id, "cancel"]) => {
            return page_result(cancel_checkout(&inner, id).await);
        }
        (_, ["v2", ..]) => {}
        _ => return reply(not_found("Resource"), None),
    }
    if let Err(r) = check_auth(&inner, &method, &uri, &headers) {
        return reply(r, None);
    }
    let Some((merchant, rest)) = segs.get(1..).and_then(<[&str]>::split_first) else {
        return reply(not_found("Resource"), None);
    };
    if *merchant != inner.config.merchant_id {
        return reply(
            err(
                StatusCode::FORBIDDEN,
                "9007",
                "ACCESS_TO_MERCHANT_NOT_ALLOWED",
                "ACCESS_TO_MERCHANT_NOT_ALLOWED",
            ),
            None,
        );
    }
    let idempotence_key = headers
        .get("x-gcs-idempotence-key")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .filter(|_| method == Method::POST);
    if let Some(key) = &idempotence_key {
        let store = lock(&inner.store);
        if let Some(r) = store
            .replays
            .iter()
            .find(|r| &r.key == key && r.path == uri.path())
        {
            return reply((r.status, r.body.clone()), Some(r.timestamp));
        }
    }
    let parsed = if body.is_empty() {
        Ok(Value::Object(Map::new()))
    } else {
        serde_json::from_slice::<Value>(&body)
            .map_err(|_| invalid("body", "The request body is not valid JSON"))
    };
    let result = match parsed {
        Ok(value) => api(&inner, &method, rest, &value),
        Err(r) => r,
    };
    if let Some(key) = idempotence_key
        && result.0.as_u16() < 500
    {
        lock(&inner.store).replays.push(Replay {
            key,
            path: uri.path().to_owned(),
            status: result.0,
            body: result.1.clone(),
            timestamp: Utc::now().timestamp_millis(),
        });
    }
    reply(result, None)
}

fn api(inner: &Arc<Inner>, method: &Method, rest: &[&str], body: &Value) -> Reply {
    match (method, rest) {
        (&Method::POST, ["hostedcheckouts"]) => create_checkout(inner, body, None),
        (&Method::GET, ["hostedcheckouts", id]) => get_checkout(inner, id),
        (&Method::POST, ["payments"]) => create_payment(inner, body),
        (&Method::GET, ["payments", id]) => {
            with_payment(inner, id, |p| (StatusCode::OK, Some(payment_json(p))))
        }
        (&Method::GET, ["payments", id, "details"]) => {
            with_payment(inner, id, |p| (StatusCode::OK, Some(details_json(p))))
        }
        (&Method::GET, ["payments", id, "captures"]) => with_payment(inner, id, |p| {
            let captures: Vec<Value> = p
                .captures
                .iter()
                .map(|(cid, a)| capture_json(p, cid, *a))
                .collect();
            (StatusCode::OK, Some(json!({"captures": captures})))
        }),
        (&Method::GET, ["payments", id, "refunds"]) => with_payment(inner, id, |p| {
            let refunds: Vec<Value> = p
                .refunds
                .iter()
                .map(|(rid, a)| refund_json(p, rid, *a))
                .collect();
            (StatusCode::OK, Some(json!({"refunds": refunds})))
        }),
        (&Method::POST, ["payments", id, "capture"]) => capture(inner, id, body),
        (&Method::POST, ["payments", id, "cancel"]) => cancel(inner, id),
        (&Method::POST, ["payments", id, "refund"]) => refund(inner, id, body),
        (&Method::POST, ["tokens"]) => create_token(inner, body),
        (&Method::GET, ["tokens", id]) => {
            let store = lock(&inner.store);
            store.tokens.iter().find(|t| t.id == *id).map_or_else(
                || not_found("Token"),
                |t| (StatusCode::OK, Some(token_json(t))),
            )
        }
        (&Method::DELETE, ["tokens", id]) => {
            let mut store = lock(&inner.store);
            let before = store.tokens.len();
            store.tokens.retain(|t| t.id != *id);
            if store.tokens.len() == before {
                not_found("Token")
            } else {
                (StatusCode::NO_CONTENT, None)
            }
        }
        (&Method::GET, ["services", "testconnection"]) => {
            (StatusCode::OK, Some(json!({"result": "OK"})))
        }
        (&Method::POST, ["paymentlinks"]) => create_link(inner, body),
        (&Method::GET, ["paymentlinks", id]) => {
            let store = lock(&inner.store);
            match store.links.iter().find(|l| l.id == *id) {
                Some(l) => (StatusCode::OK, Some(link_json(inner, &store, l))),
                None => not_found("Payment link"),
            }
        }
        (&Method::POST, ["paymentlinks", id, "cancel"]) => {
            let mut store = lock(&inner.store);
            match store.links.iter_mut().find(|l| l.id == *id) {
                Some(l) if l.status == "ACTIVE" => {
                    l.status = "CANCELLED".to_owned();
                    (StatusCode::NO_CONTENT, None)
                }
                Some(_) => err(
                    StatusCode::BAD_REQUEST,
                    "1004",
                    "ACTION_NOT_ALLOWED_ON_TARGET",
                    "The payment link is not active",
                ),
                None => not_found("Payment link"),
            }
        }
        _ => not_found("Resource"),
    }
}

fn with_payment(inner: &Inner, id: &str, f: impl FnOnce(&OpPayment) -> Reply) -> Reply {
    let store = lock(&inner.store);
    store
        .payments
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| not_found("Payment"), f)
}

fn checkout_url(inner: &Inner, id: &str) -> String {
    format!("{}/hostedcheckout/{id}", inner.base_url)
}

fn create_checkout(inner: &Inner, body: &Value, link_id: Option<&str>) -> Reply {
    let (amount, currency) = match amount_of(body, &["order", "amountOfMoney"]) {
        Ok(v) => v,
        Err(r) => return r,
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
    (StatusCode::OK, Some(response))
}

fn get_checkout(inner: &Inner, id: &str) -> Reply {
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
    (StatusCode::OK, Some(v))
}

/// Creates a payment record from the card input of `request` and the given card number.
fn new_payment(
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
        created: Utc::now().format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string(),
    };
    store.payments.push(payment.clone());
    payment
}

/// Finds or creates the token of a card; returns (token id, is new).
fn token_for(
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

fn create_payment(inner: &Arc<Inner>, body: &Value) -> Reply {
    let (amount, currency) = match amount_of(body, &["order", "amountOfMoney"]) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut store = lock(&inner.store);
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
            None => return invalid("cardPaymentMethodSpecificInput.token", "Unknown token"),
        },
        (None, None) => {
            return invalid(
                "cardPaymentMethodSpecificInput.card.cardNumber",
                "cardPaymentMethodSpecificInput.card.cardNumber is missing",
            );
        }
    };
    let p = new_payment(&mut store, body, &number, expiry, amount, &currency, None);
    drop(store);
    let payment = payment_json(&p);
    spawn_event(inner, payment.clone());
    let mut creation = json!({"isNewToken": false});
    if let (Some(t), Some(m)) = (&p.token, creation.as_object_mut()) {
        m.insert("token".into(), json!(t));
    }
    let result = json!({"creationOutput": creation, "payment": payment});
    if p.outcome.is_approved() {
        (StatusCode::CREATED, Some(result))
    } else {
        let body = json!({
            "errorId": uuid::Uuid::new_v4().to_string(),
            "errors": [decline_error(p.outcome)],
            "paymentResult": result,
        });
        (StatusCode::PAYMENT_REQUIRED, Some(body))
    }
}

fn capture_json(p: &OpPayment, id: &str, amount: i64) -> Value {
    json!({
        "id": id,
        "status": "CAPTURED",
        "statusOutput": {"statusCode": 9},
        "captureOutput": {
            "amountOfMoney": money(amount, &p.currency),
            "references": references(p),
            "paymentMethod": "card",
            "cardPaymentMethodSpecificOutput": card_output(p),
        },
    })
}

fn refund_json(p: &OpPayment, id: &str, amount: i64) -> Value {
    json!({
        "id": id,
        "status": "REFUNDED",
        "statusOutput": {"isCancellable": false, "statusCategory": "REFUNDED", "statusCode": 8, "isRefundable": false},
        "refundOutput": {
            "amountOfMoney": money(amount, &p.currency),
            "references": references(p),
            "paymentMethod": "card",
        },
    })
}

fn not_allowed(message: &str) -> Reply {
    err(
        StatusCode::BAD_REQUEST,
        "1004",
        "ACTION_NOT_ALLOWED_ON_TARGET",
        message,
    )
}

fn capture(inner: &Arc<Inner>, id: &str, body: &Value) -> Reply {
    let mut store = lock(&inner.store);
    let Some(p) = store.payments.iter_mut().find(|p| p.id == id) else {
        return not_found("Payment");
    };
    if p.status != "PENDING_CAPTURE" {
        return not_allowed(&format!(
            "A payment in status {} cannot be captured",
            p.status
        ));
    }
    let captured: i64 = p.captures.iter().map(|c| c.1).sum();
    let remaining = p.amount - captured;
    let amount = match body.get("amount") {
        None | Some(Value::Null) => remaining,
        Some(v) => match v.as_i64() {
            Some(a) if a > 0 && a <= remaining => a,
            _ => return invalid("amount", "amount exceeds the capturable amount"),
        },
    };
    let capture_id = format!("{}_{}", p.id.trim_end_matches("_0"), p.captures.len() + 1);
    p.captures.push((capture_id.clone(), amount));
    let is_final = body.get("isFinal").and_then(Value::as_bool) == Some(true);
    if amount == remaining || is_final {
        p.status = "CAPTURED".to_owned();
    }
    let response = capture_json(p, &capture_id, amount);
    let payment = payment_json(p);
    drop(store);
    spawn_event(inner, payment);
    (StatusCode::OK, Some(response))
}

fn cancel(inner: &Arc<Inner>, id: &str) -> Reply {
    let mut store = lock(&inner.store);
    let Some(p) = store.payments.iter_mut().find(|p| p.id == id) else {
        return not_found("Payment");
    };
    if p.status != "PENDING_CAPTURE" {
        return not_allowed(&format!(
            "A payment in status {} cannot be cancelled",
            p.status
        ));
    }
    p.status = "CANCELLED".to_owned();
    let payment = payment_json(p);
    drop(store);
    spawn_event(inner, payment.clone());
    (StatusCode::OK, Some(json!({"payment": payment})))
}

fn refund(inner: &Arc<Inner>, id: &str, body: &Value) -> Reply {
    let mut store = lock(&inner.store);
    let Some(p) = store.payments.iter_mut().find(|p| p.id == id) else {
        return not_found("Payment");
    };
    if p.status != "CAPTURED" {
        return not_allowed(&format!(
            "A payment in status {} cannot be refunded",
            p.status
        ));
    }
    let captured = if p.sale {
        p.amount
    } else {
        p.captures.iter().map(|c| c.1).sum()
    };
    let refunded: i64 = p.refunds.iter().map(|r| r.1).sum();
    let remaining = captured - refunded;
    let amount = match body.get("amountOfMoney") {
        None | Some(Value::Null) => remaining,
        Some(_) => match amount_of(body, &["amountOfMoney"]) {
            Ok((a, c)) if c == p.currency && a > 0 && a <= remaining => a,
            Ok(_) => {
                return invalid(
                    "amountOfMoney.amount",
                    "amount exceeds the refundable amount",
                );
            }
            Err(r) => return r,
        },
    };
    let refund_id = format!("{}_r{}", p.id.trim_end_matches("_0"), p.refunds.len() + 1);
    p.refunds.push((refund_id.clone(), amount));
    if amount == remaining {
        p.status = "REFUNDED".to_owned();
    }
    let response = refund_json(p, &refund_id, amount);
    let payment = payment_json(p);
    drop(store);
    spawn_event(inner, payment);
    (StatusCode::CREATED, Some(response))
}

fn token_card(t: &OpToken) -> Value {
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

fn token_json(t: &OpToken) -> Value {
    json!({
        "id": t.id,
        "paymentProductId": if brand(&t.card_number) == "mastercard" { 3 } else { 1 },
        "card": {"alias": mask_last4(&t.card_number), "data": {"cardWithoutCvv": token_card(t)}},
        "isTemporary": false,
    })
}

fn create_token(inner: &Inner, body: &Value) -> Reply {
    // CreateTokenRequest: card (TokenCardSpecificInput) → data (TokenData) → card (Card).
    let path = ["card", "data", "card"];
    let Some(number) = get(body, &path)
        .and_then(|c| c.get("cardNumber"))
        .and_then(Value::as_str)
    else {
        return invalid(
            "card.data.card.cardNumber",
            "card.data.card.cardNumber is missing",
        );
    };
    let holder = get(body, &path)
        .and_then(|c| c.get("cardholderName"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let expiry = get(body, &path)
        .and_then(|c| c.get("expiryDate"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut store = lock(&inner.store);
    let (id, is_new) = token_for(&mut store, number, holder, expiry);
    let Some(t) = store.tokens.iter().find(|t| t.id == id) else {
        return not_found("Token");
    };
    let response = json!({
        "token": t.id,
        "tokenStatus": "CREATED",
        "isNewToken": is_new,
        "card": token_card(t),
    });
    (
        if is_new {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        Some(response),
    )
}

fn link_json(inner: &Inner, store: &Store, l: &OpLink) -> Value {
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
        "paymentLinkEvents": [{"type": "CREATED", "dateTime": l.created}],
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

fn create_link(inner: &Inner, body: &Value) -> Reply {
    let money_path: &[&str] = if get(body, &["paymentLinkOrder", "amount"]).is_some() {
        &["paymentLinkOrder", "amount"]
    } else {
        &["order", "amountOfMoney"]
    };
    let (amount, currency) = match amount_of(body, money_path) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let link_id = uuid::Uuid::new_v4().simple().to_string();
    let mut checkout_request = body.clone();
    if let Some(m) = checkout_request.as_object_mut() {
        m.insert(
            "order".into(),
            json!({"amountOfMoney": money(amount, &currency)}),
        );
    }
    let (status, response) = create_checkout(inner, &checkout_request, Some(&link_id));
    let Some(checkout_id) = response
        .as_ref()
        .and_then(|r| r.get("hostedCheckoutId"))
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return (status, response);
    };
    let mut store = lock(&inner.store);
    let link = OpLink {
        id: link_id,
        checkout_id,
        status: "ACTIVE".to_owned(),
        request: body.clone(),
        amount,
        currency,
        created: Utc::now().format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string(),
    };
    let v = link_json(inner, &store, &link);
    store.links.push(link);
    (StatusCode::CREATED, Some(v))
}

fn checkout_page_response(inner: &Inner, id: &str) -> Response {
    let store = lock(&inner.store);
    let Some(c) = store.checkouts.iter().find(|c| c.id == id) else {
        return html(
            StatusCode::NOT_FOUND,
            message_page("Not found", "Unknown hosted checkout"),
        );
    };
    if c.status != "IN_PROGRESS" {
        return html(
            StatusCode::OK,
            message_page("Checkout closed", &format!("Status: {}", c.status)),
        );
    }
    let action = format!("/hostedcheckout/{id}/pay");
    let cancel = format!("/hostedcheckout/{id}/cancel");
    let description = get_str(&c.request, &["order", "references", "descriptor"])
        .or_else(|| get_str(&c.request, &["description"]))
        .unwrap_or_default();
    html(
        StatusCode::OK,
        checkout_page(&Checkout {
            provider: "Online Payments",
            amount: &major_amount(c.amount, &c.currency),
            currency: &c.currency,
            description: &description,
            action: &action,
            hidden: &[],
            cancel_action: Some(&cancel),
        }),
    )
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
            message_page("Not found", "Unknown hosted checkout"),
        ),
        Err(e) => html(
            StatusCode::CONFLICT,
            message_page("Payment not possible", &e.to_string()),
        ),
    }
}

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

async fn pay_checkout(
    inner: &Arc<Inner>,
    id: &str,
    card_number: &str,
) -> Result<PaymentOutcome, SandboxError> {
    let (payment, redirect_url, card) = {
        let mut store = lock(&inner.store);
        let c = store
            .checkouts
            .iter()
            .find(|c| c.id == id)
            .cloned()
            .ok_or_else(|| SandboxError::NotFound(id.to_owned()))?;
        if c.status != "IN_PROGRESS" {
            return Err(SandboxError::InvalidState(format!(
                "hosted checkout {id} is {}",
                c.status
            )));
        }
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

async fn cancel_checkout(inner: &Arc<Inner>, id: &str) -> Result<PaymentOutcome, SandboxError> {
    let mut store = lock(&inner.store);
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
    c.status = "CANCELLED_BY_CONSUMER".to_owned();
    let redirect_url = return_url(c, None);
    drop(store);
    let _ = inner;
    Ok(PaymentOutcome::new(
        "CANCELLED_BY_CONSUMER",
        CardOutcome::Declined,
        redirect_url,
        None,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_values() {
        assert_eq!(canon("  a  "), "a");
        assert_eq!(canon("a\r\n  b"), "a b");
        assert_eq!(canon("a\n\n b"), "a  b");
    }

    #[test]
    fn official_vector() {
        let headers = vec![(
            "Date".to_owned(),
            "Fri, 06 Jun 2014 13:39:43 GMT".to_owned(),
        )];
        let s = string_to_sign("GET", &headers, "/v2/1/tokens/2");
        assert_eq!(s, "GET\n\nFri, 06 Jun 2014 13:39:43 GMT\n/v2/1/tokens/2\n");
        assert_eq!(
            authorization("EC36A74A98D21", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1", &s),
            "GCS v1HMAC:EC36A74A98D21:vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA="
        );
    }
}
