//! ECommPay: `SignatureHandler::sign` beside the official SDK's and beside a bare
//! HMAC-SHA512 over the same string to sign.

use serde_json::Value;

use super::{Mode, Row, Section, cargo_bench, estimate, python_case, python_lines};
use crate::cmd;

const CASES: &[(&str, &str)] = &[
    ("payment_15", "`sign`, 15-parameter payment"),
    ("callback_3_levels", "`sign`, three-level callback"),
];

pub(super) fn run(mode: Mode) -> Result<Vec<Section>, String> {
    cargo_bench("ecommpay", "sign", mode)?;
    let inputs = cmd::root().join("crates/ecommpay/benches/inputs.json");
    let python = python_lines("ecommpay.py", &[&inputs], mode)?;
    let text =
        std::fs::read_to_string(&inputs).map_err(|e| format!("{}: {e}", inputs.display()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", inputs.display()))?;
    let secret = v.get("secret").and_then(Value::as_str).ok_or("secret")?;

    let mut rows = Vec::new();
    for (case, title) in CASES {
        let (python_ns, output) = python_case(&python, case)?;
        let params = v
            .get(*case)
            .and_then(Value::as_object)
            .ok_or_else(|| format!("no input {case}"))?;
        let rust = ecommpay::SignatureHandler::new(secret).sign(params);
        if output.as_str() != Some(rust.as_str()) {
            return Err(format!("{case}: Python signed {output}, Rust {rust}"));
        }
        rows.push(Row {
            hot_path: (*title).to_owned(),
            rust_ns: estimate(case, "sign")?,
            python_ns: Some(python_ns),
            floor_ns: Some(estimate(case, "bare_hmac_sha512")?),
            goal: "≥ 8× Python, ≤ 1.3× floor",
        });
    }
    Ok(vec![Section {
        title: "ecommpay: `SignatureHandler::sign`".into(),
        intro: "The floor is a bare HMAC-SHA512 over the same string to sign, key setup included; \
                `sign` additionally flattens, sorts and encodes the parameters, but keeps the keyed \
                HMAC state from `SignatureHandler::new`. Inputs: `crates/ecommpay/benches/inputs.json`."
            .into(),
        rows,
        notes: "The Python SDK's HMAC runs in OpenSSL; its time goes into flattening the parameters."
            .into(),
    }])
}
