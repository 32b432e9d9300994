//! Online Payments: create-payment (build, marshal, v1HMAC), webhook verify + unmarshal, and
//! response parsing, beside the official Python SDK on the same inputs.

#[path = "../../../crates/onlinepayments/benches/workload.rs"]
#[allow(dead_code)]
mod workload;

use onlinepayments::domain::{GetPaymentProductsResponse, PaymentResponse};
use onlinepayments::json::DefaultMarshaller;

use super::{Mode, Row, Section, cargo_bench, estimate, python_case, python_lines};
use crate::cmd;

/// `(case, criterion group, title, goal)`; every group has a `rust` and a `floor` function.
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "create_payment",
        "op_create_payment",
        "create payment: build 53 values, marshal, v1HMAC header",
        "≥ 15× Python",
    ),
    (
        "webhook",
        "op_webhook",
        "webhook: verify `X-GCS-Signature` + unmarshal 2 KB `payment.captured`",
        "≥ 8× Python",
    ),
    (
        "parse_payment",
        "op_parse_payment",
        "parse `PaymentResponse` (1.9 KB)",
        "≥ 8× Python",
    ),
    (
        "parse_products",
        "op_parse_products",
        "parse `GetPaymentProductsResponse` (250 KB)",
        "≥ 8× Python",
    ),
];

/// The Rust output of a case, in the form the Python script prints it.
fn rust_output(inputs: &workload::Inputs, case: &str) -> Result<String, String> {
    let marshaller = DefaultMarshaller::instance();
    let syntax = |e: onlinepayments::json::MarshallerSyntaxError| e.to_string();
    Ok(match case {
        "create_payment" => {
            let (body, authorization) = inputs.create_payment()?;
            format!("{body}\n{authorization}")
        }
        "webhook" => {
            let event = inputs
                .webhooks
                .unmarshal(&inputs.webhook_body, &inputs.webhook_headers)
                .map_err(|e| e.to_string())?;
            marshaller.marshal(&event)
        }
        "parse_payment" => workload::digest(
            &marshaller
                .unmarshal::<PaymentResponse>(&inputs.payment)
                .map_err(syntax)?
                .ok_or("empty payment")?,
        ),
        "parse_products" => workload::digest(
            &marshaller
                .unmarshal::<GetPaymentProductsResponse>(&inputs.products)
                .map_err(syntax)?
                .ok_or("empty products")?,
        ),
        other => return Err(format!("unknown case {other}")),
    })
}

pub(super) fn run(mode: Mode) -> Result<Vec<Section>, String> {
    let dir = cmd::root().join("crates/onlinepayments/benches/inputs");
    let inputs = workload::Inputs::load(&dir)?;
    // Compare first: a mismatch fails before anything is timed.
    let python = python_lines("onlinepayments.py", &[&dir], mode)?;
    for (case, ..) in CASES {
        let (_, output) = python_case(&python, case)?;
        let rust = rust_output(&inputs, case)?;
        if output.as_str() != Some(rust.as_str()) {
            return Err(format!(
                "onlinepayments {case}: Python produced\n{}\nRust produced\n{rust}",
                output.as_str().unwrap_or("(not a string)")
            ));
        }
    }
    cargo_bench("onlinepayments", "hot_paths", mode)?;

    let mut rows = Vec::new();
    for (case, group, title, goal) in CASES {
        let (python_ns, _) = python_case(&python, case)?;
        rows.push(Row {
            hot_path: (*title).to_owned(),
            rust_ns: estimate(group, "rust")?,
            python_ns: Some(python_ns),
            floor_ns: Some(estimate(group, "floor")?),
            goal,
        });
    }
    Ok(vec![Section {
        title: "onlinepayments: request, webhook and response hot paths".into(),
        intro: "Inputs: `crates/onlinepayments/benches/inputs/` (written by \
                `xtask/bench/onlinepayments_inputs.py`); both SDKs' outputs (the body and \
                `Authorization` header, the event marshalled again, the SHA-256 of each parsed \
                response marshalled again) are compared before timing. Floors: create payment \
                builds the same struct, writes it with `serde_json::to_vec` (serde's compact \
                layout, not Python's) and signs the same string with a bare HMAC-SHA256; the \
                webhook floor is HMAC-SHA256 + base64 + compare + `serde::de::IgnoredAny` over \
                the body; the parse floors are `IgnoredAny` over the same bytes."
            .into(),
        rows,
        notes: "The Python SDK's `json.dumps(..., indent=4)` runs the pure-Python encoder \
                (the C encoder is used only without `indent`); its `json.loads` is C."
            .into(),
    }])
}
