//! Sandbox of the ECommPay Payment Page.
//!
//! | route | answer |
//! |---|---|
//! | `GET /payment?<params>&signature=<sig>` | verifies the signature, shows the payment page; `400` error page otherwise |
//! | `POST /payment/pay` (form `payment_id`, `card_number`) | pays, POSTs the signed callback, `303` to `merchant_success_url` / `merchant_fail_url` |
//!
//! The signature is checked with the algorithm of the official SDK (master semantics: `null` →
//! `""`, `:` in keys → `::`, `frame_mode` ignored). The URL carries every value as text, so the
//! sandbox re-derives what was signed: `True`/`False` become `1`/`0` (the SDK signs booleans as
//! digits but writes them as Python's `str(bool)`), `None` becomes `""`, every other value is
//! signed as the received text (`interface_type` arrives as the JSON text `{"id": 24}`, which is
//! also the signed string). Nested values arrive in bracket notation (`customer[name]=Ada`) and
//! are rebuilt into the object that was signed flattened (`customer:name:Ada`).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use chrono::Utc;
use payments_core::pyfmt::float_repr;
use payments_core::signing::{base64_encode, constant_time_eq, hmac_sha512};
use serde_json::{Map, Value, json};

use crate::cards::{CardOutcome, TestCard, brand, card_outcome, mask};
use crate::error::SandboxError;
use crate::notify::{Notification, Notifier, RetryPolicy};
use crate::outcome::PaymentOutcome;
use crate::page::{Checkout, checkout_page, message_page};
use crate::record::RecordedRequest;
use crate::server::{Server, base_url, bind};
use crate::util::{form_pairs, form_value, html, lock, major_amount, record, redirect, segments};

/// Settings of an [`EcommpaySandbox`].
#[derive(Debug, Clone)]
pub struct EcommpayConfig {
    /// The project id the Payment Page URL must carry.
    pub project_id: i64,
    /// The project's secret key (signs page URLs and callbacks).
    pub secret_key: String,
    /// The project's callback URL (configured per project at ECommPay). A
    /// `merchant_callback_url` page parameter takes precedence.
    pub callback_url: Option<String>,
    /// Callback delivery policy.
    pub retry: RetryPolicy,
}

impl Default for EcommpayConfig {
    fn default() -> Self {
        Self {
            project_id: 186,
            secret_key: "sandbox-ecommpay-secret".to_owned(),
            callback_url: None,
            retry: RetryPolicy::default(),
        }
    }
}

/// A payment opened on the sandbox's Payment Page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcommpayPayment {
    /// The merchant's `payment_id`.
    pub payment_id: String,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// `payment_description`.
    pub description: String,
    /// `customer_id`, if given.
    pub customer_id: Option<String>,
    /// `awaiting customer`, then `success` or `decline`.
    pub status: String,
    /// Every page parameter as received (without `signature`).
    pub params: Vec<(String, String)>,
    /// Masked card number, once paid.
    pub card_mask: Option<String>,
    /// Operation id reported in the callback.
    pub operation_id: i64,
}

#[derive(Debug)]
struct Inner {
    config: EcommpayConfig,
    base_url: String,
    callback_url: Mutex<Option<String>>,
    payments: Mutex<Vec<EcommpayPayment>>,
    requests: Mutex<Vec<RecordedRequest>>,
    notifier: Notifier,
}

/// A running ECommPay Payment Page sandbox on `127.0.0.1`. Dropping it stops the server.
#[derive(Debug)]
pub struct EcommpaySandbox {
    inner: Arc<Inner>,
    server: Server,
}

impl EcommpaySandbox {
    /// Starts a sandbox on a free loopback port.
    pub async fn start(config: EcommpayConfig) -> Result<EcommpaySandbox, SandboxError> {
        let (listener, addr) = bind().await?;
        let inner = Arc::new(Inner {
            notifier: Notifier::new(config.retry.clone()),
            callback_url: Mutex::new(config.callback_url.clone()),
            config,
            base_url: base_url(addr),
            payments: Mutex::new(Vec::new()),
            requests: Mutex::new(Vec::new()),
        });
        let router = Router::new().fallback(dispatch).with_state(inner.clone());
        let server = Server::spawn(listener, router);
        Ok(EcommpaySandbox { inner, server })
    }

    /// Starts a sandbox with [`EcommpayConfig::default`].
    pub async fn start_default() -> Result<EcommpaySandbox, SandboxError> {
        Self::start(EcommpayConfig::default()).await
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The Payment Page URL to give the SDK's `Gate` as `base_url`
    /// (`http://127.0.0.1:<port>/payment`).
    pub fn payment_page_url(&self) -> String {
        format!("{}/payment", self.inner.base_url)
    }

    /// The project id.
    pub fn project_id(&self) -> i64 {
        self.inner.config.project_id
    }

    /// The project's secret key.
    pub fn secret_key(&self) -> &str {
        &self.inner.config.secret_key
    }

    /// Sets (or clears) the project's callback URL.
    pub fn set_callback_url(&self, url: Option<String>) {
        *lock(&self.inner.callback_url) = url;
    }

    /// The project's callback URL.
    pub fn callback_url(&self) -> Option<String> {
        lock(&self.inner.callback_url).clone()
    }

    /// Changes the callback delivery policy.
    pub fn set_retry_policy(&self, policy: RetryPolicy) {
        self.inner.notifier.set_policy(policy);
    }

    /// Every payment opened on the page, oldest first.
    pub fn payments(&self) -> Vec<EcommpayPayment> {
        lock(&self.inner.payments).clone()
    }

    /// One payment by `payment_id`.
    pub fn payment(&self, payment_id: &str) -> Option<EcommpayPayment> {
        lock(&self.inner.payments)
            .iter()
            .find(|p| p.payment_id == payment_id)
            .cloned()
    }

    /// Every request received, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.inner.requests).clone()
    }

    /// Every callback sent, oldest first.
    pub fn notifications(&self) -> Vec<Notification> {
        self.inner.notifier.log()
    }

    /// The customer opens `url_or_payment_id` (a signed Payment Page URL, or the `payment_id`
    /// of a page already opened) and pays with a test card. Same code path as the HTML form.
    pub async fn pay_hosted(
        &self,
        url_or_payment_id: &str,
        card: TestCard,
    ) -> Result<PaymentOutcome, SandboxError> {
        self.pay_hosted_with_number(url_or_payment_id, card.number())
            .await
    }

    /// Like [`pay_hosted`](Self::pay_hosted) with any card number (unknown numbers decline).
    pub async fn pay_hosted_with_number(
        &self,
        url_or_payment_id: &str,
        card_number: &str,
    ) -> Result<PaymentOutcome, SandboxError> {
        let payment_id = match url_or_payment_id.split_once('?') {
            Some((_, query)) => open_page(&self.inner, query).map_err(SandboxError::Rejected)?,
            None => url_or_payment_id.to_owned(),
        };
        pay(&self.inner, &payment_id, card_number).await
    }

    /// Stops the server.
    pub async fn shutdown(&self) {
        self.server.shutdown().await;
    }
}

/// The string the official SDK signs for `params` (a JSON object): flattened `path:value`
/// items sorted by path and joined with `;`.
pub fn string_to_sign(params: &Value) -> String {
    let mut flat = BTreeMap::new();
    if let Value::Object(m) = params {
        flatten(m, "", &mut flat);
    }
    flat.into_values().collect::<Vec<_>>().join(";")
}

/// `base64(HMAC-SHA512(secret, string_to_sign(params)))`, the Payment Page and callback
/// signature.
pub fn signature(params: &Value, secret: &str) -> String {
    base64_encode(&hmac_sha512(
        secret.as_bytes(),
        string_to_sign(params).as_bytes(),
    ))
}

/// Re-derives the signed parameter values from Payment Page URL query pairs (see the module
/// docs); `signature` is left out.
///
/// A key in bracket notation (`customer[name]`, `items[0]`, as PHP's `http_build_query`
/// writes nested values) is rebuilt into the nested object the SDK signed; its value is
/// already the signed text. A list becomes an object keyed by index, which flattens to the
/// same `items:0:…` paths.
pub fn signed_params_from_query(pairs: &[(String, String)]) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        if k == "signature" {
            continue;
        }
        if let Some(path) = bracket_path(k) {
            insert_path(&mut m, &path, Value::String(v.clone()));
            continue;
        }
        let value = match v.as_str() {
            "True" => Value::Bool(true),
            "False" => Value::Bool(false),
            "None" => Value::Null,
            _ => Value::String(v.clone()),
        };
        m.insert(k.clone(), value);
    }
    Value::Object(m)
}

/// `a[b][0]` → `["a", "b", "0"]`; `None` for a key that is not well-formed bracket notation.
fn bracket_path(key: &str) -> Option<Vec<String>> {
    let (base, mut rest) = key.split_at(key.find('[')?);
    if base.is_empty() {
        return None;
    }
    let mut path = vec![base.to_owned()];
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let (segment, after) = inner.split_at(inner.find(']')?);
        path.push(segment.to_owned());
        rest = after.strip_prefix(']')?;
    }
    Some(path)
}

/// Sets `value` at `path`, creating (or replacing non-object values by) objects on the way.
fn insert_path(m: &mut Map<String, Value>, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut current = m;
    for key in parents {
        let entry = current
            .entry(key.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        let Value::Object(next) = entry else {
            return;
        };
        current = next;
    }
    current.insert(last.clone(), value);
}

fn flatten(m: &Map<String, Value>, prefix: &str, out: &mut BTreeMap<String, String>) {
    for (key, value) in m {
        if key == "frame_mode" {
            continue;
        }
        let k = key.replace(':', "::");
        let path = if prefix.is_empty() {
            k
        } else {
            format!("{prefix}:{k}")
        };
        match value {
            Value::Object(inner) => flatten(inner, &path, out),
            Value::Array(items) => {
                let as_map: Map<String, Value> = items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (i.to_string(), v.clone()))
                    .collect();
                flatten_list(&as_map, &path, out);
            }
            scalar => {
                let text = scalar_text(scalar);
                out.insert(path.clone(), format!("{path}:{text}"));
            }
        }
    }
}

/// List elements: index keys are not escaped (they are digits) and `frame_mode` cannot occur.
fn flatten_list(m: &Map<String, Value>, prefix: &str, out: &mut BTreeMap<String, String>) {
    flatten(m, prefix, out);
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::Bool(true) => "1".to_owned(),
        Value::Bool(false) => "0".to_owned(),
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => {
            if n.is_i64() || n.is_u64() {
                n.to_string()
            } else {
                n.as_f64().map_or_else(|| n.to_string(), float_repr)
            }
        }
        Value::Array(_) | Value::Object(_) => String::new(),
    }
}

fn verify(inner: &Inner, pairs: &[(String, String)]) -> Result<(), String> {
    let Some(given) = pairs
        .iter()
        .rev()
        .find(|(k, _)| k == "signature")
        .map(|(_, v)| v)
    else {
        return Err("signature is missing".to_owned());
    };
    let expected = signature(&signed_params_from_query(pairs), &inner.config.secret_key);
    if constant_time_eq(expected.as_bytes(), given.as_bytes()) {
        Ok(())
    } else {
        Err("signature is invalid".to_owned())
    }
}

/// Verifies and registers a Payment Page request; returns the `payment_id`.
fn open_page(inner: &Inner, query: &str) -> Result<String, String> {
    let pairs = form_pairs(query.as_bytes());
    verify(inner, &pairs)?;
    let get = |name: &str| form_value(&pairs, name).map(str::to_owned);
    if get("project_id").as_deref() != Some(inner.config.project_id.to_string().as_str()) {
        return Err("project_id is unknown".to_owned());
    }
    let payment_id = get("payment_id")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| "payment_id is required".to_owned())?;
    let amount = get("payment_amount")
        .and_then(|a| a.parse::<i64>().ok())
        .filter(|a| *a > 0)
        .ok_or_else(|| "payment_amount must be a positive integer".to_owned())?;
    let currency = get("payment_currency")
        .filter(|c| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
        .ok_or_else(|| "payment_currency is invalid".to_owned())?;
    let params: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k != "signature")
        .cloned()
        .collect();
    let mut payments = lock(&inner.payments);
    if let Some(existing) = payments.iter_mut().find(|p| p.payment_id == payment_id) {
        if existing.status != "awaiting customer" {
            return Err(format!(
                "payment {payment_id} is already {}",
                existing.status
            ));
        }
        existing.amount = amount;
        existing.currency = currency;
        existing.params = params;
        return Ok(payment_id);
    }
    let operation_id = i64::try_from(payments.len()).unwrap_or(0) + 1_000_000_001;
    payments.push(EcommpayPayment {
        payment_id: payment_id.clone(),
        amount,
        currency,
        description: get("payment_description").unwrap_or_default(),
        customer_id: get("customer_id"),
        status: "awaiting customer".to_owned(),
        params,
        card_mask: None,
        operation_id,
    });
    Ok(payment_id)
}

fn param<'a>(p: &'a EcommpayPayment, name: &str) -> Option<&'a str> {
    form_value(&p.params, name).filter(|v| !v.is_empty())
}

fn callback_json(
    inner: &Inner,
    p: &EcommpayPayment,
    card_number: &str,
    outcome: CardOutcome,
) -> Value {
    let date = Utc::now().format("%Y-%m-%dT%H:%M:%S+0000").to_string();
    let (code, message) = match outcome {
        CardOutcome::Approved => ("0", "Success"),
        CardOutcome::InsufficientFunds => ("20105", "Insufficient funds"),
        _ => ("20000", "General decline"),
    };
    let sum = json!({"amount": p.amount, "currency": p.currency});
    let mut body = Map::new();
    body.insert("project_id".into(), json!(inner.config.project_id));
    body.insert(
        "payment".into(),
        json!({
            "id": p.payment_id,
            "type": "purchase",
            "status": p.status,
            "date": date,
            "method": "card",
            "sum": sum,
            "description": p.description,
        }),
    );
    body.insert(
        "account".into(),
        json!({
            "number": mask(card_number),
            "type": brand(card_number),
            "card_holder": "SANDBOX CUSTOMER",
            "expiry_month": "12",
            "expiry_year": "2030",
        }),
    );
    if let Some(customer) = &p.customer_id {
        body.insert("customer".into(), json!({"id": customer}));
    }
    body.insert(
        "operation".into(),
        json!({
            "id": p.operation_id,
            "type": "sale",
            "status": p.status,
            "date": date,
            "created_date": date,
            "request_id": uuid::Uuid::new_v4().simple().to_string(),
            "sum_initial": sum,
            "sum_converted": sum,
            "provider": {
                "id": 1,
                "payment_id": p.operation_id.to_string(),
                "date": date,
                "auth_code": if outcome.is_approved() { "563253" } else { "" },
                "endpoint_id": 1,
            },
            "code": code,
            "message": message,
            "eci": "05",
        }),
    );
    let mut value = Value::Object(body);
    let sig = signature(&value, &inner.config.secret_key);
    if let Value::Object(m) = &mut value {
        m.insert("signature".into(), json!(sig));
    }
    value
}

async fn pay(
    inner: &Arc<Inner>,
    payment_id: &str,
    card_number: &str,
) -> Result<PaymentOutcome, SandboxError> {
    let outcome = card_outcome(card_number);
    let (status, callback, target, redirect_url) = {
        let mut payments = lock(&inner.payments);
        let p = payments
            .iter_mut()
            .find(|p| p.payment_id == payment_id)
            .ok_or_else(|| SandboxError::NotFound(payment_id.to_owned()))?;
        if p.status != "awaiting customer" {
            return Err(SandboxError::InvalidState(format!(
                "payment {payment_id} is {}",
                p.status
            )));
        }
        p.status = if outcome.is_approved() {
            "success"
        } else {
            "decline"
        }
        .to_owned();
        p.card_mask = Some(mask(card_number));
        let callback = callback_json(inner, p, card_number, outcome);
        let target = param(p, "merchant_callback_url")
            .map(str::to_owned)
            .or_else(|| lock(&inner.callback_url).clone());
        let redirect_url = if outcome.is_approved() {
            param(p, "merchant_success_url").or_else(|| param(p, "redirect_success_url"))
        } else {
            param(p, "merchant_fail_url").or_else(|| param(p, "redirect_fail_url"))
        }
        .map(str::to_owned);
        (p.status.clone(), callback, target, redirect_url)
    };
    let notification = match target {
        Some(url) => Some(
            inner
                .notifier
                .deliver(
                    &url,
                    vec![("Content-Type".to_owned(), "application/json".to_owned())],
                    serde_json::to_vec(&callback).unwrap_or_default(),
                )
                .await,
        ),
        None => None,
    };
    Ok(PaymentOutcome::new(
        status,
        outcome,
        redirect_url,
        notification,
    ))
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
        (&Method::GET, ["payment"]) => match open_page(&inner, uri.query().unwrap_or_default()) {
            Ok(payment_id) => payment_page(&inner, &payment_id),
            Err(message) => html(
                StatusCode::BAD_REQUEST,
                message_page("Payment Page error", &message),
            ),
        },
        (&Method::POST, ["payment", "pay"]) => {
            let form = form_pairs(&body);
            let payment_id = form_value(&form, "payment_id").unwrap_or_default();
            let card = form_value(&form, "card_number").unwrap_or_default();
            match pay(&inner, payment_id, card).await {
                Ok(outcome) => match &outcome.redirect_url {
                    Some(url) => redirect(url),
                    None => html(
                        StatusCode::OK,
                        message_page("Payment finished", &format!("Status: {}", outcome.status)),
                    ),
                },
                Err(SandboxError::NotFound(_)) => html(
                    StatusCode::NOT_FOUND,
                    message_page("Not found", "Unknown payment"),
                ),
                Err(e) => html(
                    StatusCode::CONFLICT,
                    message_page("Payment not possible", &e.to_string()),
                ),
            }
        }
        _ => html(
            StatusCode::NOT_FOUND,
            message_page("Not found", "Unknown page"),
        ),
    }
}

fn payment_page(inner: &Inner, payment_id: &str) -> Response {
    let payments = lock(&inner.payments);
    let Some(p) = payments.iter().find(|p| p.payment_id == payment_id) else {
        return html(
            StatusCode::NOT_FOUND,
            message_page("Not found", "Unknown payment"),
        );
    };
    html(
        StatusCode::OK,
        checkout_page(&Checkout {
            provider: "ECommPay",
            amount: &major_amount(p.amount, &p.currency),
            currency: &p.currency,
            description: &p.description,
            action: "/payment/pay",
            hidden: &[("payment_id", &p.payment_id)],
            cancel_action: None,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn bracket_keys() {
        assert_eq!(
            bracket_path("a[b][0]"),
            Some(vec!["a".to_owned(), "b".to_owned(), "0".to_owned()])
        );
        assert_eq!(
            bracket_path("a[]"),
            Some(vec!["a".to_owned(), String::new()])
        );
        for plain in ["a", "[b]", "a[b", "a[b]c", "a]b["] {
            assert_eq!(bracket_path(plain), None, "{plain}");
        }
    }

    #[test]
    fn nested_query_values_sign_like_flattened_objects() {
        let query = signed_params_from_query(&pairs(&[
            ("project_id", "1"),
            ("close", "True"),
            ("c[name]", "Ada L"),
            ("c[flags][0]", "1"),
            ("c[flags][1]", ""),
            ("c[k:x]", "True"),
            ("signature", "x"),
        ]));
        let signed = json!({
            "project_id": "1",
            "close": true,
            "c": {"name": "Ada L", "flags": [true, null], "k:x": "True"},
        });
        assert_eq!(string_to_sign(&query), string_to_sign(&signed));
        assert_eq!(
            string_to_sign(&signed),
            "c:flags:0:1;c:flags:1:;c:k::x:True;c:name:Ada L;close:1;project_id:1"
        );
        // A scalar and a nested value under one name: the nested one wins, without a panic.
        let mixed = signed_params_from_query(&pairs(&[("a", "1"), ("a[b]", "2")]));
        assert_eq!(string_to_sign(&mixed), "a:b:2");
    }
}
