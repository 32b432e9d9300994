#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! An SDK call on loopback beside a raw reqwest call of the same request.
//!
//! A small keep-alive server on 127.0.0.1 (its own thread, [`server`]) answers every call
//! with a canned JSON body. For NoPayn `get_order`, EPoint `get_transaction_status` and
//! Online Payments `get_payment`, the SDK's request is captured and then replayed with a
//! plain reqwest client built by `ReqwestTransport::client_builder` from the transport
//! settings of the SDK's client (same reqwest, same TLS and pool settings; Online Payments
//! keeps `max_connections` idle connections): same method, URL, headers and body, checked on
//! the server before timing. The raw call sends the request and reads the body; the
//! SDK call also parses it into its typed response. A third variant, `raw_typed`, is the
//! raw call followed by `serde_json::from_slice` into the SDK's own response type, what a
//! plain reqwest integration does before it can use the answer; beside it, the SDK's own
//! cost shows.
//!
//! The three are timed in rotating rounds on one current-thread runtime, one caller in
//! sequence and then 64 concurrent callers; each call's latency is recorded. Printed, one
//! JSON object per line: `{"case", "mode", "sdk": {..}, "raw": {..}, "raw_typed": {..}}`
//! with the median latency, the time per call at the measured throughput and the number
//! of calls.
//! `--quick` measures briefly; `--only <provider>` (`nopayn`, `epoint`, `onlinepayments`)
//! measures one provider, to profile it.

mod server;

use std::future::Future;
use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::Bytes;
use payments_core::http::{ReqwestTransport, TransportConfig};
use serde::Deserialize;
use serde_json::json;

use server::{Captured, Server};

const NOPAYN_ORDER: &str = include_str!("../responses/nopayn_order.json");
const EPOINT_STATUS: &str = include_str!("../responses/epoint_status.json");
const OP_PAYMENT: &str = include_str!("../responses/op_payment.json");

const CONCURRENCY: usize = 64;

/// How long the measurement runs.
struct Plan {
    rounds: usize,
    round: Duration,
    warm_up: Duration,
}

/// The latencies of one variant, over all its rounds.
#[derive(Default)]
struct Samples {
    latencies: Vec<Duration>,
    busy: Duration,
}

impl Samples {
    fn summary(&mut self) -> serde_json::Value {
        self.latencies.sort_unstable();
        let calls = self.latencies.len();
        let median = self.latencies.get(calls / 2).copied().unwrap_or_default();
        json!({
            "median_ns": median.as_nanos() as f64,
            "per_call_ns": self.busy.as_nanos() as f64 / calls.max(1) as f64,
            "calls": calls,
        })
    }
}

/// One caller: calls in sequence until `round` has passed.
async fn sequential<F, Fut>(call: &F, round: Duration, samples: &mut Samples)
where
    F: Fn() -> Fut,
    Fut: Future<Output = ()>,
{
    let start = Instant::now();
    loop {
        let t = Instant::now();
        call().await;
        let done = Instant::now();
        samples.latencies.push(done - t);
        if done - start >= round {
            break;
        }
    }
    samples.busy += start.elapsed();
}

/// [`CONCURRENCY`] callers, each calling in sequence until `round` has passed.
async fn concurrent<F, Fut>(call: &F, round: Duration, samples: &mut Samples)
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let start = Instant::now();
    let mut callers = tokio::task::JoinSet::new();
    for _ in 0..CONCURRENCY {
        let call = call.clone();
        callers.spawn(async move {
            let mut mine = Vec::new();
            loop {
                let t = Instant::now();
                call().await;
                let done = Instant::now();
                mine.push(done - t);
                if done - start >= round {
                    return mine;
                }
            }
        });
    }
    while let Some(mine) = callers.join_next().await {
        samples.latencies.extend(mine.unwrap());
    }
    samples.busy += start.elapsed();
}

/// Times `sdk`, `raw` and `raw_typed` in rotating rounds, sequentially and concurrently,
/// and prints one line per mode.
async fn compare<S, SF, R, RF, T, TF>(case: &str, sdk: S, raw: R, raw_typed: T, plan: &Plan)
where
    S: Fn() -> SF + Clone + Send + 'static,
    SF: Future<Output = ()> + Send,
    R: Fn() -> RF + Clone + Send + 'static,
    RF: Future<Output = ()> + Send,
    T: Fn() -> TF + Clone + Send + 'static,
    TF: Future<Output = ()> + Send,
{
    for mode in ["sequential", "concurrent_64"] {
        let mut kept: [Samples; 3] = Default::default();
        for round in 0..=plan.rounds {
            // Round 0 warms the clients up (and fills their pools) and is not kept.
            let warm = round == 0;
            let length = if warm { plan.warm_up } else { plan.round };
            let mut warm_up: [Samples; 3] = Default::default();
            let samples = if warm { &mut warm_up } else { &mut kept };
            // Rotate which variant goes first.
            for turn in 0..3 {
                let variant = (round + turn) % 3;
                let into = &mut samples[variant];
                match (mode, variant) {
                    ("sequential", 0) => sequential(&sdk, length, into).await,
                    ("sequential", 1) => sequential(&raw, length, into).await,
                    ("sequential", _) => sequential(&raw_typed, length, into).await,
                    (_, 0) => concurrent(&sdk, length, into).await,
                    (_, 1) => concurrent(&raw, length, into).await,
                    (_, _) => concurrent(&raw_typed, length, into).await,
                }
            }
        }
        let [s, r, t] = &mut kept;
        println!(
            "{}",
            json!({
                "case": case,
                "mode": mode,
                "sdk": s.summary(),
                "raw": r.summary(),
                "raw_typed": t.summary(),
            })
        );
    }
}

/// A caller of a [`Raw`] client, for [`compare`].
macro_rules! raw_caller {
    ($raw:expr) => {{
        let raw: Raw = $raw;
        move || {
            let raw = raw.clone();
            async move { raw.call().await }
        }
    }};
}

/// The same request as `captured`, sent with reqwest alone.
#[derive(Clone)]
struct Raw {
    client: reqwest::Client,
    method: reqwest::Method,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<Bytes>,
    /// Reads the body into the SDK's response type (the `raw_typed` variant).
    parse: Option<fn(&[u8])>,
}

impl Raw {
    /// `config` holds the transport settings the SDK's client was built with.
    fn new(base_url: &str, captured: &Captured, config: &TransportConfig) -> Self {
        let client = ReqwestTransport::client_builder(config)
            .unwrap()
            .build()
            .unwrap();
        // reqwest writes `host` and `content-length` itself.
        let headers = captured
            .headers
            .iter()
            .filter(|(n, _)| n != "host" && n != "content-length")
            .cloned()
            .collect();
        Self {
            client,
            method: captured.method.parse().unwrap(),
            url: format!("{base_url}{}", captured.path),
            headers,
            body: (!captured.body.is_empty() || captured.method != "GET")
                .then(|| Bytes::from(captured.body.clone())),
            parse: None,
        }
    }

    /// The same call, then the body read as `T`.
    fn typed<T: for<'de> Deserialize<'de>>(&self) -> Self {
        Self {
            parse: Some(|body| {
                black_box(serde_json::from_slice::<T>(body).unwrap());
            }),
            ..self.clone()
        }
    }

    async fn call(&self) {
        let mut request = self.client.request(self.method.clone(), &self.url);
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        if let Some(body) = &self.body {
            request = request.body(body.clone());
        }
        let response = request.send().await.unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        let body = response.bytes().await.unwrap();
        match self.parse {
            Some(parse) => parse(&body),
            None => {
                black_box(body);
            }
        }
    }
}

/// The SDK's request (from one call), the raw client replaying it, and a check that the
/// server received the same request from both. `config` holds the transport settings of the
/// SDK's client, so that both use the same pool.
async fn replay<F: Future<Output = ()>>(
    server: &Server,
    sdk_call: F,
    config: &TransportConfig,
) -> Raw {
    server.capture();
    sdk_call.await;
    let sdk = server.take_captured().expect("the SDK's request");
    let raw = Raw::new(&server.base_url(), &sdk, config);
    server.capture();
    raw.call().await;
    let sent = server.take_captured().expect("the raw request");
    let sorted = |c: &Captured| {
        let mut h = c.headers.clone();
        h.sort();
        (c.method.clone(), c.path.clone(), h, c.body.clone())
    };
    assert_eq!(
        sorted(&sdk),
        sorted(&sent),
        "the raw client sends another request than the SDK"
    );
    raw
}

fn plan(quick: bool) -> Plan {
    if quick {
        Plan {
            rounds: 2,
            round: Duration::from_millis(40),
            warm_up: Duration::from_millis(20),
        }
    } else {
        Plan {
            rounds: 10,
            round: Duration::from_millis(300),
            warm_up: Duration::from_millis(300),
        }
    }
}

async fn nopayn(server: &Server, plan: &Plan) {
    let client = nopayn::NoPaynClient::builder("bench-api-key", "bench-project")
        .base_url(server.base_url())
        .build()
        .unwrap();
    let id = "3f6a8f0e-8c1b-4d8e-9a57-0b6f4c2d9e11";
    let sdk = move || {
        let client = client.clone();
        async move {
            black_box(client.get_order(id).await.unwrap());
        }
    };
    let raw = replay(server, sdk(), &TransportConfig::default()).await;
    let raw_typed = raw_caller!(raw.typed::<nopayn::Order>());
    compare("nopayn_get_order", sdk, raw_caller!(raw), raw_typed, plan).await;
}

async fn epoint(server: &Server, plan: &Plan) {
    let config =
        epoint::Config::new("i000200123", "Zq2xW4RfV7kLpM9sT1uY3eH6").base_url(server.base_url());
    let client = epoint::EPointClient::new(config).unwrap();
    let sdk = move || {
        let client = client.clone();
        async move {
            let status = client.get_transaction_status("te003846531").await.unwrap();
            assert!(status.ok);
            black_box(status);
        }
    };
    let raw = replay(server, sdk(), &TransportConfig::default()).await;
    let raw_typed = raw_caller!(raw.typed::<epoint::TransactionStatusResponse>());
    compare(
        "epoint_get_transaction_status",
        sdk,
        raw_caller!(raw),
        raw_typed,
        plan,
    )
    .await;
}

async fn onlinepayments(server: &Server, plan: &Plan) {
    let configuration = onlinepayments::CommunicatorConfiguration::builder()
        .api_endpoint(server.base_url())
        .api_key_id("bench-key-id")
        .secret_api_key("bench-secret-api-key")
        .integrator("payments-bench")
        // One idle connection per caller: with the default pool of 10 (as in the official
        // SDK), the connections of callers past 10 are closed after each call.
        .max_connections(CONCURRENCY)
        .build()
        .unwrap();
    // The raw client gets the same transport settings.
    let transport = configuration.transport_config();
    let client =
        onlinepayments::Factory::create_client_from_configuration(&configuration, None, None, None)
            .unwrap()
            .merchant("BENCHMERCHANT");
    let sdk = move || {
        let client = client.clone();
        async move {
            let payment = client
                .payments()
                .get_payment("3066019730_0", None)
                .await
                .unwrap();
            black_box(payment);
        }
    };
    let raw = replay(server, sdk(), &transport).await;
    let raw_typed = raw_caller!(raw.typed::<onlinepayments::domain::PaymentResponse>());
    compare(
        "onlinepayments_get_payment",
        sdk,
        raw_caller!(raw),
        raw_typed,
        plan,
    )
    .await;
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let only = args
        .iter()
        .position(|a| a == "--only")
        .map(|i| args.get(i + 1).expect("--only takes a provider").clone());
    let wanted = |provider: &str| only.as_deref().is_none_or(|o| o == provider);
    let plan = plan(quick);
    let server = Server::start(&[
        ("/v1/orders/", NOPAYN_ORDER),
        ("/api/1/get-status", EPOINT_STATUS),
        ("/v2/BENCHMERCHANT/payments/", OP_PAYMENT),
    ])
    .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        if wanted("nopayn") {
            nopayn(&server, &plan).await;
        }
        if wanted("epoint") {
            epoint(&server, &plan).await;
        }
        if wanted("onlinepayments") {
            onlinepayments(&server, &plan).await;
        }
    });
    eprintln!("loopback: the server answered {} requests", server.served());
}
