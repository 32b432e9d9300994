#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]
//! The Online Payments hot paths, each beside its floor where one is meaningful:
//!
//! - `op_create_payment`: build a 53-value `CreatePaymentRequest`, marshal it (Python
//!   `json.dumps(..., indent=4)` bytes) and compute the v1HMAC `Authorization` header. The
//!   floor builds the same struct, writes it with `serde_json::to_vec` (compact, serde's own
//!   layout) and signs the same string with a bare HMAC-SHA256 + base64.
//! - `op_webhook`: `WebhooksHelper::unmarshal` of a signed 2 KB `payment.captured` event;
//!   the floor is HMAC-SHA256 + base64 + compare + `IgnoredAny` over the body.
//! - `op_parse_payment`, `op_parse_products`: `DefaultMarshaller::unmarshal` of a 1.9 KB
//!   `PaymentResponse` and a 250 KB `GetPaymentProductsResponse`; the floor is
//!   `serde::de::IgnoredAny` over the same bytes.
//!
//! `cargo xtask bench onlinepayments` times the official Python SDK on the same inputs.

mod workload;

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use onlinepayments::authentication::Authenticator;
use onlinepayments::domain::{GetPaymentProductsResponse, PaymentResponse};
use onlinepayments::json::DefaultMarshaller;
use payments_core::signing::{base64_encode, constant_time_eq, hmac_sha256};
use serde::de::IgnoredAny;

fn ignored(text: &str) -> IgnoredAny {
    serde_json::from_str(text).unwrap()
}

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/inputs");
    let inputs = workload::Inputs::load(&dir).unwrap();
    let marshaller = DefaultMarshaller::instance();

    let mut group = c.benchmark_group("op_create_payment");
    group.bench_function("rust", |b| b.iter(|| inputs.create_payment().unwrap()));
    let data_to_sign = inputs
        .authenticator
        .to_data_to_sign(&inputs.method, &inputs.url, &inputs.headers)
        .unwrap();
    group.bench_function("floor", |b| {
        b.iter(|| {
            let body = serde_json::to_vec(&workload::build_create_payment()).unwrap();
            let tag = hmac_sha256(
                inputs.secret_api_key.as_bytes(),
                black_box(&data_to_sign).as_bytes(),
            );
            (body, base64_encode(&tag))
        })
    });
    group.bench_function("build", |b| b.iter(workload::build_create_payment));
    let request = workload::build_create_payment();
    group.bench_function("marshal", |b| {
        b.iter(|| marshaller.marshal(black_box(&request)))
    });
    group.bench_function("sign", |b| {
        b.iter(|| {
            inputs
                .authenticator
                .get_authorization(&inputs.method, black_box(&inputs.url), &inputs.headers)
                .unwrap()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("op_webhook");
    group.bench_function("rust", |b| {
        b.iter(|| {
            inputs
                .webhooks
                .unmarshal(black_box(&inputs.webhook_body), &inputs.webhook_headers)
                .unwrap()
        })
    });
    let signature = inputs.webhook_headers[0].value().to_owned();
    group.bench_function("floor", |b| {
        b.iter(|| {
            let body = black_box(&inputs.webhook_body);
            let expected = base64_encode(&hmac_sha256(inputs.webhook_secret.as_bytes(), body));
            assert!(constant_time_eq(expected.as_bytes(), signature.as_bytes()));
            serde_json::from_slice::<IgnoredAny>(body).unwrap()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("op_parse_payment");
    group.bench_function("rust", |b| {
        b.iter(|| {
            marshaller
                .unmarshal::<PaymentResponse>(black_box(&inputs.payment))
                .unwrap()
        })
    });
    group.bench_function("floor", |b| b.iter(|| ignored(black_box(&inputs.payment))));
    group.finish();

    let mut group = c.benchmark_group("op_parse_products");
    group.bench_function("rust", |b| {
        b.iter(|| {
            marshaller
                .unmarshal::<GetPaymentProductsResponse>(black_box(&inputs.products))
                .unwrap()
        })
    });
    group.bench_function("floor", |b| b.iter(|| ignored(black_box(&inputs.products))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
