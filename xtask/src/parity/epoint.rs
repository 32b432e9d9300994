//! EPoint parity: requests of all 15 endpoints (data and signature) and callbacks
//! (signed, tampered, malformed), official `integrify-epoint` against `epoint-az`.

use std::future::Future;
use std::path::Path;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use ::epoint::decimal::{parse_python_decimal, python_str};
use ::epoint::{
    CallbackError, Config, CreateTokenPaymentRequest, CreateWidgetRequest, Decimal,
    DecodedCallbackData, EPointClient, PayAndSaveCardRequest, PayRequest, PayWithSavedCardRequest,
    PayoutRequest, RefundRequest, SplitPayAndSaveCardRequest, SplitPayRequest,
    SplitPayWithSavedCardRequest, TokenPayRequest, TokenPaymentId,
};
use payments_core::http::HttpResponse;
use payments_core::http::test_util::ReplayTransport;
use payments_core::signing::base64_decode;
use serde_json::{Map, Value};

use super::{Summary, run_script};

const SEED: &str = "3";
const PER_ENDPOINT: &str = "80";
const CALLBACKS: &str = "600";

pub(crate) fn check(python: &Path) -> Result<Summary, String> {
    // `EPOINT_PARITY="seed per_endpoint callbacks"` runs a different or larger set.
    let custom = std::env::var("EPOINT_PARITY").unwrap_or_default();
    let mut args: Vec<&str> = custom.split_whitespace().collect();
    if args.is_empty() {
        args = vec![SEED, PER_ENDPOINT, CALLBACKS];
    }
    let cases = run_script(python, "epoint.py", &args)?;
    let mut summary = Summary::new("epoint");
    for (i, case) in cases.iter().enumerate() {
        let problem = match case.get("kind").and_then(Value::as_str) {
            Some("request") => check_request(case),
            Some("callback") => check_callback(case),
            other => Err(format!("unknown kind {other:?}")),
        };
        summary.record(problem.err().map(|p| format!("case {i}: {p}")));
    }
    Ok(summary)
}

/// Polls a future that never waits (the replaying transport answers at once).
fn block_on<F: Future>(future: F) -> Result<F::Output, String> {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1000 {
        if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
            return Ok(v);
        }
    }
    Err("future did not complete".to_owned())
}

fn text(map: &Map<String, Value>, key: &str) -> Result<String, String> {
    map.get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("missing {key}"))
}

fn opt_text(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn amount(map: &Map<String, Value>, key: &str) -> Result<Decimal, String> {
    let t = text(map, key)?;
    parse_python_decimal(&t).ok_or_else(|| format!("{key} {t:?} is not a decimal"))
}

fn config(case: &Value) -> Result<Config, String> {
    let c = case
        .get("config")
        .and_then(Value::as_object)
        .ok_or("missing config")?;
    let mut config =
        Config::new(text(c, "public_key")?, text(c, "private_key")?).language(text(c, "language")?);
    if let Some(url) = opt_text(c, "success_redirect_url") {
        config = config.success_redirect_url(url);
    }
    if let Some(url) = opt_text(c, "failed_redirect_url") {
        config = config.failed_redirect_url(url);
    }
    Ok(config)
}

macro_rules! optional {
    ($req:expr, $kw:expr, $($field:literal => $setter:ident),*) => {{
        let mut r = $req;
        $( if let Some(v) = opt_text($kw, $field) { r = r.$setter(v); } )*
        r
    }};
}

fn check_request(case: &Value) -> Result<(), String> {
    let call = case
        .get("call")
        .and_then(Value::as_str)
        .ok_or("missing call")?;
    let kw = case
        .get("kwargs")
        .and_then(Value::as_object)
        .ok_or("missing kwargs")?;
    let transport = ReplayTransport::new();
    transport.set_fallback(HttpResponse::json(200, r#"{"status": "success", "id": 1}"#));
    let client = EPointClient::with_transport(config(case)?, transport.clone())
        .map_err(|e| e.to_string())?;
    let other_attr = kw.get("other_attr").and_then(Value::as_object).cloned();
    let sent = match call {
        "pay" => {
            let r = PayRequest::new(
                amount(kw, "amount")?,
                text(kw, "currency")?,
                text(kw, "order_id")?,
            );
            let mut r = optional!(r, kw, "success_redirect_url" => success_redirect_url,
                "error_redirect_url" => error_redirect_url, "description" => description);
            if let Some(o) = other_attr {
                r = r.other_attr(o);
            }
            block_on(client.pay(&r))?.map(|_| ())
        }
        "get_transaction_status" => {
            block_on(client.get_transaction_status(&text(kw, "transaction_id")?))?.map(|_| ())
        }
        "save_card" => block_on(client.save_card())?.map(|_| ()),
        "pay_with_saved_card" => {
            let r = PayWithSavedCardRequest::new(
                amount(kw, "amount")?,
                text(kw, "currency")?,
                text(kw, "order_id")?,
                text(kw, "card_id")?,
            );
            block_on(client.pay_with_saved_card(&r))?.map(|_| ())
        }
        "pay_and_save_card" => {
            let r = PayAndSaveCardRequest::new(
                amount(kw, "amount")?,
                text(kw, "currency")?,
                text(kw, "order_id")?,
                text(kw, "description")?,
            );
            let r = optional!(r, kw, "success_redirect_url" => success_redirect_url,
                "error_redirect_url" => error_redirect_url);
            block_on(client.pay_and_save_card(&r))?.map(|_| ())
        }
        "payout" => {
            let r = PayoutRequest::new(
                amount(kw, "amount")?,
                text(kw, "currency")?,
                text(kw, "order_id")?,
                text(kw, "card_id")?,
            );
            let r = optional!(r, kw, "description" => description);
            block_on(client.payout(&r))?.map(|_| ())
        }
        "refund" => {
            let mut r = RefundRequest::new(text(kw, "transaction_id")?, text(kw, "currency")?);
            if kw.contains_key("amount") {
                r = r.amount(amount(kw, "amount")?);
            }
            block_on(client.refund(&r))?.map(|_| ())
        }
        "split_pay" => {
            let r = SplitPayRequest::new(
                amount(kw, "amount")?,
                text(kw, "currency")?,
                text(kw, "order_id")?,
                text(kw, "split_user_id")?,
                amount(kw, "split_amount")?,
            );
            let mut r = optional!(r, kw, "success_redirect_url" => success_redirect_url,
                "error_redirect_url" => error_redirect_url, "description" => description);
            if let Some(o) = other_attr {
                r = r.other_attr(o);
            }
            block_on(client.split_pay(&r))?.map(|_| ())
        }
        "split_pay_with_saved_card" => {
            let r = SplitPayWithSavedCardRequest::new(
                amount(kw, "amount")?,
                text(kw, "currency")?,
                text(kw, "order_id")?,
                text(kw, "card_id")?,
                text(kw, "split_user_id")?,
                amount(kw, "split_amount")?,
            );
            let r = optional!(r, kw, "description" => description);
            block_on(client.split_pay_with_saved_card(&r))?.map(|_| ())
        }
        "split_pay_and_save_card" => {
            let r = SplitPayAndSaveCardRequest::new(
                amount(kw, "amount")?,
                text(kw, "currency")?,
                text(kw, "order_id")?,
                text(kw, "split_user_id")?,
                amount(kw, "split_amount")?,
            );
            let r = optional!(r, kw, "success_redirect_url" => success_redirect_url,
                "error_redirect_url" => error_redirect_url, "description" => description);
            block_on(client.split_pay_and_save_card(&r))?.map(|_| ())
        }
        "create_widget" => {
            let r = CreateWidgetRequest::new(
                amount(kw, "amount")?,
                text(kw, "order_id")?,
                text(kw, "description")?,
            );
            block_on(client.create_widget(&r))?.map(|_| ())
        }
        "create_token_payment" => {
            let r = CreateTokenPaymentRequest::new(
                amount(kw, "amount")?,
                text(kw, "currency")?,
                text(kw, "order_id")?,
            );
            let r = optional!(r, kw, "description" => description);
            block_on(client.create_token_payment(&r))?.map(|_| ())
        }
        "apple_pay_session" => {
            block_on(client.apple_pay_session(&text(kw, "origin")?))?.map(|_| ())
        }
        "apple_pay" | "google_pay" => {
            let id = kw
                .get("payment_id")
                .or_else(|| kw.get("id"))
                .ok_or("missing id")?;
            let id = match id {
                Value::String(s) => TokenPaymentId::Str(s.clone()),
                Value::Number(n) => TokenPaymentId::Int(n.as_i64().ok_or("id out of range")?),
                other => return Err(format!("id {other}")),
            };
            let token = kw.get("token").cloned().ok_or("missing token")?;
            let mut r = TokenPayRequest::new(id, token);
            if let Some(b) = kw
                .get("billing_contact")
                .or_else(|| kw.get("billingContact"))
            {
                r = r.billing_contact(b.clone());
            }
            if call == "apple_pay" {
                block_on(client.apple_pay(&r))?.map(|_| ())
            } else {
                block_on(client.google_pay(&r))?.map(|_| ())
            }
        }
        other => return Err(format!("unknown call {other}")),
    };
    sent.map_err(|e| format!("{call}: {e}"))?;
    let request = transport.last_request().ok_or("nothing sent")?;
    let body: Value = serde_json::from_slice(request.body.as_deref().unwrap_or_default())
        .map_err(|e| e.to_string())?;
    let field = |k: &str| {
        body.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let (data, signature) = (field("data"), field("signature"));
    let want = |k: &str| case.get(k).and_then(Value::as_str).unwrap_or_default();
    if request.url != want("url") {
        return Err(format!(
            "{call}: url python={:?} rust={:?}",
            want("url"),
            request.url
        ));
    }
    if data != want("data") || signature != want("signature") {
        let show =
            |d: &str| String::from_utf8_lossy(&base64_decode(d).unwrap_or_default()).into_owned();
        return Err(format!(
            "{call}: data/signature differ\n    python={}\n    rust  ={}",
            show(want("data")),
            show(&data)
        ));
    }
    Ok(())
}

fn check_callback(case: &Value) -> Result<(), String> {
    let key = case
        .get("private_key")
        .and_then(Value::as_str)
        .ok_or("missing private_key")?;
    let body_b64 = case
        .get("body_b64")
        .and_then(Value::as_str)
        .ok_or("missing body")?;
    let body = base64_decode(body_b64).map_err(|e| e.to_string())?;
    let outcome = case
        .get("outcome")
        .and_then(Value::as_str)
        .ok_or("missing outcome")?;
    let rust = ::epoint::decode_callback_data(key, &body);
    let rust_outcome = match &rust {
        Ok(_) => "ok",
        Err(CallbackError::NotUtf8(_) | CallbackError::MissingField(_)) => "parse_error",
        Err(CallbackError::InvalidSignature) => "none",
        Err(CallbackError::InvalidBase64(_)) => "b64_error",
        Err(CallbackError::InvalidJson(_)) => "json_error",
        Err(CallbackError::InvalidData(_)) => "data_error",
        Err(_) => "other",
    };
    if rust_outcome != outcome {
        return Err(format!(
            "callback {:?}: python={outcome} rust={rust_outcome} ({:?})",
            String::from_utf8_lossy(&body),
            rust.err()
        ));
    }
    match (rust, case.get("decoded"), case.get("raw")) {
        (Ok(decoded), Some(py), Some(raw)) => compare_decoded(&decoded, py, raw),
        (Ok(_), _, _) => Err("python decoded nothing".to_owned()),
        _ => Ok(()),
    }
}

fn compare_decoded(rust: &DecodedCallbackData, py: &Value, raw: &Value) -> Result<(), String> {
    let s = |v: &Option<String>| {
        v.as_deref()
            .map_or(Value::Null, |t| Value::String(t.to_owned()))
    };
    let texts = [
        ("status", Value::String(rust.status.as_str().to_owned())),
        ("message", s(&rust.message)),
        ("transaction", s(&rust.transaction)),
        ("bank_transaction", s(&rust.bank_transaction)),
        ("bank_response", s(&rust.bank_response)),
        ("operation_code", s(&rust.operation_code)),
        ("rrn", s(&rust.rrn)),
        ("card_mask", s(&rust.card_mask)),
        ("card_name", s(&rust.card_name)),
        ("order_id", s(&rust.order_id)),
        ("card_id", s(&rust.card_id)),
        ("other_attr", s(&rust.other_attr)),
    ];
    for (name, value) in texts {
        let want = py.get(name).cloned().unwrap_or(Value::Null);
        if want != value {
            return Err(format!("callback field {name}: python={want} rust={value}"));
        }
    }
    for (name, value) in [
        ("amount", &rust.amount),
        ("split_amount", &rust.split_amount),
    ] {
        same_amount(name, py.get(name).unwrap_or(&Value::Null), value.as_ref())?;
    }
    // The official SDK swaps a known code for its text; the crate keeps the code.
    let raw_code = raw.get("code").cloned().unwrap_or(Value::Null);
    let py_code = py.get("code").cloned().unwrap_or(Value::Null);
    match (&rust.code, rust.code_meaning()) {
        (None, _) => {
            if !py_code.is_null() {
                return Err(format!("code: python={py_code} rust=None"));
            }
        }
        (Some(code), meaning) => {
            if raw_code.as_str() != Some(code.as_str()) {
                return Err(format!("code: raw={raw_code} rust={code}"));
            }
            let translated = py_code.as_str() != Some(code.as_str());
            if translated != meaning.is_some() {
                return Err(format!(
                    "code {code}: python={py_code} rust meaning={meaning:?}"
                ));
            }
        }
    }
    Ok(())
}

fn same_amount(name: &str, python: &Value, rust: Option<&Decimal>) -> Result<(), String> {
    match (python.as_str(), rust) {
        (None, None) => Ok(()),
        (Some(p), Some(r)) => {
            // Python keeps a positive exponent (`1E+2`) a Decimal cannot hold; compare values then.
            let same = if p.contains("E+") {
                parse_python_decimal(p).as_ref() == Some(r)
            } else {
                python_str(r) == p
            };
            if same {
                Ok(())
            } else {
                Err(format!("{name}: python={p} rust={}", python_str(r)))
            }
        }
        (p, r) => Err(format!("{name}: python={p:?} rust={:?}", r.map(python_str))),
    }
}
