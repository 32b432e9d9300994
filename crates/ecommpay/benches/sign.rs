#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
//! `sign` on a 15-parameter payment and on a three-level callback, beside a bare
//! HMAC-SHA512 (key setup included) over the same string to sign; and the whole signed
//! Payment Page URL (signing plus encoding) of the payment.
//!
//! The inputs are `benches/inputs.json`; `cargo xtask bench ecommpay` times the official
//! Python SDK on the same file.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ecommpay::{Gate, Payment, SignatureHandler};
use payments_core::signing::hmac_sha512;
use serde_json::{Map, Value};

const INPUTS: &str = include_str!("inputs.json");

type Cases = Vec<(String, Map<String, Value>)>;

fn inputs() -> (String, Cases) {
    let v: Value = serde_json::from_str(INPUTS).unwrap();
    let secret = v["secret"].as_str().unwrap().to_owned();
    let cases = ["payment_15", "callback_3_levels"]
        .iter()
        .map(|name| ((*name).to_owned(), v[*name].as_object().unwrap().clone()))
        .collect();
    (secret, cases)
}

fn bench(c: &mut Criterion) {
    let (secret, cases) = inputs();
    let handler = SignatureHandler::new(secret.as_str());
    for (name, params) in &cases {
        let message = SignatureHandler::string_to_sign(params);
        let mut group = c.benchmark_group(name.as_str());
        group.bench_function("sign", |b| b.iter(|| handler.sign(black_box(params))));
        group.bench_function("string_to_sign", |b| {
            b.iter(|| SignatureHandler::string_to_sign(black_box(params)))
        });
        group.bench_function("bare_hmac_sha512", |b| {
            b.iter(|| hmac_sha512(black_box(secret.as_bytes()), black_box(message.as_bytes())))
        });
        if name == "payment_15" {
            let gate = Gate::new(secret.as_str());
            let payment = payment_from(params);
            group.bench_function("get_url", |b| {
                b.iter(|| gate.get_purchase_payment_page_url(black_box(&payment)))
            });
        }
        group.finish();
    }
}

/// The payment whose parameters are `params` (which start with `project_id`, `interface_type`).
fn payment_from(params: &Map<String, Value>) -> Payment {
    let mut payment = Payment::new(params["project_id"].clone(), "");
    for (key, value) in params.iter().skip(2) {
        payment = payment.set(key.as_str(), value.clone());
    }
    assert_eq!(payment.get_params(), params);
    payment
}

criterion_group!(benches, bench);
criterion_main!(benches);
