#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `pay` as the client prepares it (payload, `data`, `signature`, the HTTP request with its
//! body), beside the floor: the same body bytes written by hand (the JSON with Python's
//! escaping, base64, SHA-1 over `key + data + key`, base64, the compact body).
//!
//! The inputs are `benches/inputs.json`; `cargo xtask bench epoint` times the official
//! Python SDK on the same file and compares its output with these bytes.

use std::fmt::Write as _;
use std::hint::black_box;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use criterion::{Criterion, criterion_group, criterion_main};
use epoint::handlers::{self, PaymentPayloadHandler};
use epoint::{Config, Decimal, PayRequest};
use serde_json::Value;
use sha1::{Digest, Sha1};

const INPUTS: &str = include_str!("inputs.json");

struct Inputs {
    config: Config,
    request: PayRequest,
    public_key: String,
    private_key: String,
}

fn inputs() -> Inputs {
    let v: Value = serde_json::from_str(INPUTS).unwrap();
    let c = &v["config"];
    let text = |v: &Value| v.as_str().unwrap().to_owned();
    let config = Config::new(text(&c["public_key"]), text(&c["private_key"]))
        .language(text(&c["language"]))
        .success_redirect_url(text(&c["success_redirect_url"]))
        .failed_redirect_url(text(&c["failed_redirect_url"]));
    let p = &v["pay"];
    let request = PayRequest::new(
        Decimal::from_str(p["amount"].as_str().unwrap()).unwrap(),
        text(&p["currency"]),
        text(&p["order_id"]),
    )
    .description(text(&p["description"]))
    .other_attr(p["other_attr"].as_object().unwrap().clone());
    Inputs {
        config,
        request,
        public_key: text(&c["public_key"]),
        private_key: text(&c["private_key"]),
    }
}

/// Python's `json.dumps` string literal (ASCII only): runs of printable ASCII copied at
/// once, everything else escaped from a hex table.
fn floor_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let bytes = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&s[start..i]);
        let c = s[i..].chars().next().unwrap();
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => {
                let mut units = [0u16; 2];
                for &unit in c.encode_utf16(&mut units).iter() {
                    out.push_str("\\u");
                    for shift in [12, 8, 4, 0] {
                        out.push(char::from(HEX[usize::from((unit >> shift) & 0xf)]));
                    }
                }
            }
        }
        i += c.len_utf8();
        start = i;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

fn floor_value(out: &mut String, v: &Value) {
    match v {
        Value::String(s) => floor_string(out, s),
        Value::Number(n) => write!(out, "{n}").unwrap(),
        Value::Null => out.push_str("null"),
        other => panic!("the floor does not write {other}"),
    }
}

/// The body bytes of `pay`, written by hand for these inputs.
fn floor(i: &Inputs) -> Vec<u8> {
    let r = &i.request;
    let c = &i.config;
    let mut json = String::with_capacity(512);
    json.push_str("{\"public_key\": ");
    floor_string(&mut json, &i.public_key);
    json.push_str(", \"language\": ");
    floor_string(&mut json, &c.language);
    write!(json, ", \"amount\": \"{}\", \"currency\": ", r.amount).unwrap();
    floor_string(&mut json, &r.currency);
    json.push_str(", \"order_id\": ");
    floor_string(&mut json, &r.order_id);
    json.push_str(", \"success_redirect_url\": ");
    floor_string(&mut json, c.success_redirect_url.as_deref().unwrap());
    json.push_str(", \"error_redirect_url\": ");
    floor_string(&mut json, c.failed_redirect_url.as_deref().unwrap());
    json.push_str(", \"description\": ");
    floor_string(&mut json, r.description.as_deref().unwrap());
    json.push_str(", \"other_attr\": {");
    for (n, (k, v)) in r.other_attr.as_ref().unwrap().iter().enumerate() {
        if n > 0 {
            json.push_str(", ");
        }
        floor_string(&mut json, k);
        json.push_str(": ");
        floor_value(&mut json, v);
    }
    json.push_str("}}");

    let mut body = String::with_capacity(json.len() * 4 / 3 + 64);
    body.push_str("{\"data\":\"");
    let start = body.len();
    STANDARD.encode_string(json.as_bytes(), &mut body);
    let key = i.private_key.as_bytes();
    let digest = Sha1::new()
        .chain_update(key)
        .chain_update(&body.as_bytes()[start..])
        .chain_update(key)
        .finalize();
    body.push_str("\",\"signature\":\"");
    STANDARD.encode_string(digest, &mut body);
    body.push_str("\"}");
    body.into_bytes()
}

fn bench(c: &mut Criterion) {
    let i = inputs();
    let built = handlers::build_request::<PaymentPayloadHandler>(&i.config, &i.request).unwrap();
    assert_eq!(
        built.body.as_deref(),
        Some(&floor(&i)[..]),
        "the floor writes other bytes than the SDK"
    );
    let mut group = c.benchmark_group("epoint_pay");
    group.bench_function("rust", |b| {
        b.iter(|| {
            handlers::build_request::<PaymentPayloadHandler>(
                black_box(&i.config),
                black_box(&i.request),
            )
        })
    });
    group.bench_function("signed_payload", |b| {
        b.iter(|| {
            handlers::signed_payload::<PaymentPayloadHandler>(
                black_box(&i.config),
                black_box(&i.request),
            )
        })
    });
    group.bench_function("floor", |b| b.iter(|| floor(black_box(&i))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
