//! EPoint: `pay` as the client prepares it (payload, `data`, `signature`, the HTTP request)
//! beside the official SDK's dry-run `pay` and beside the floor, the same body bytes
//! written by hand.

use std::str::FromStr;

use ::epoint::handlers::{self, PaymentPayloadHandler};
use ::epoint::{Config, Decimal, PayRequest};
use serde_json::Value;

use super::{Mode, Row, Section, cargo_bench, estimate, python_case, python_lines};
use crate::cmd;

pub(super) fn run(mode: Mode) -> Result<Vec<Section>, String> {
    cargo_bench("epoint-az", "pay", mode)?;
    let inputs = cmd::root().join("crates/epoint/benches/inputs.json");
    let python = python_lines("epoint.py", &[&inputs], mode)?;
    let text =
        std::fs::read_to_string(&inputs).map_err(|e| format!("{}: {e}", inputs.display()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", inputs.display()))?;

    let rust = rust_body(&v)?;
    let (python_ns, output) = python_case(&python, "pay")?;
    if output.as_str() != Some(rust.as_str()) {
        return Err(format!("pay: Python sent {output}, Rust {rust:?}"));
    }
    Ok(vec![Section {
        title: "epoint: `pay` (payload, data, signature, HTTP request)".into(),
        intro:
            "Rust is `handlers::build_request::<PaymentPayloadHandler>`, what `EPointClient::pay` \
                sends: the payload in the official key order, `data` (base64 of Python's \
                `json.dumps`), `signature` (base64 of SHA-1 over key, data, key), the URL, header \
                and compact JSON body. Python is the official SDK's `pay` in dry mode (pydantic \
                model, payload, signature). The floor writes the same body bytes by hand for \
                these inputs: the JSON with Python's escaping, base64, SHA-1, base64, the body. \
                Inputs: `crates/epoint/benches/inputs.json` (a description with non-ASCII text, \
                both redirect URLs, a two-key `other_attr`)."
                .into(),
        rows: vec![Row {
            hot_path: "`pay` build + sign".into(),
            rust_ns: estimate("epoint_pay", "rust")?,
            python_ns: Some(python_ns),
            floor_ns: Some(estimate("epoint_pay", "floor")?),
            goal: "≥ 15× Python, ≤ 3× floor",
        }],
        notes: String::new(),
    }])
}

/// The body Rust sends for the inputs' `pay`, as text.
fn rust_body(v: &Value) -> Result<String, String> {
    let text = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| format!("inputs.json: no {key}"))
    };
    let c = v.get("config").ok_or("inputs.json: no config")?;
    let p = v.get("pay").ok_or("inputs.json: no pay")?;
    let config = Config::new(text(c, "public_key")?, text(c, "private_key")?)
        .language(text(c, "language")?)
        .success_redirect_url(text(c, "success_redirect_url")?)
        .failed_redirect_url(text(c, "failed_redirect_url")?);
    let amount = Decimal::from_str(&text(p, "amount")?).map_err(|e| format!("amount: {e}"))?;
    let other_attr = p
        .get("other_attr")
        .and_then(Value::as_object)
        .cloned()
        .ok_or("inputs.json: no other_attr")?;
    let request = PayRequest::new(amount, text(p, "currency")?, text(p, "order_id")?)
        .description(text(p, "description")?)
        .other_attr(other_attr);
    let http = handlers::build_request::<PaymentPayloadHandler>(&config, &request)
        .map_err(|e| e.to_string())?;
    Ok(http.body_text())
}
