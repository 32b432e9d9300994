//! Fault injection through the real clients, async and blocking, against a loopback
//! server that refuses, closes, resets, stalls, truncates, sends invalid UTF-8 or 100 MB,
//! loops on redirects and answers 502, 429 and 503. `get_order` is the read,
//! `create_order` the write. Every test bounds its requests and its time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use nopayn::{Error, ErrorMeta, NoPaynClientBuilder, Order, RetryPolicy, TransportErrorKind};
use payments_core::http::test_util::fault::{Fault, FaultServer};
use payments_core::http::test_util::memory::peak_rss_growth_in_child;

/// The settings a scenario varies.
#[derive(Clone)]
struct Tune {
    timeout: Duration,
    retry: RetryPolicy,
    max_body: usize,
}

impl Default for Tune {
    /// 5 s per request, the default retry policy with short backoffs, a 64 KiB body limit.
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(5),
            retry: RetryPolicy::default().initial_backoff(Duration::from_millis(20)),
            max_body: 64 * 1024,
        }
    }
}

fn tuned<T: ?Sized>(
    builder: NoPaynClientBuilder<T>,
    base: &str,
    t: &Tune,
) -> NoPaynClientBuilder<T> {
    builder
        .base_url(base)
        .timeout(t.timeout)
        .connect_timeout(Duration::from_secs(2))
        .retry_policy(t.retry.clone())
        .max_response_body(t.max_body)
}

/// The async or the blocking client, called the same way.
enum Client {
    Async(tokio::runtime::Runtime, nopayn::NoPaynClient),
    #[cfg(feature = "blocking")]
    Blocking(nopayn::blocking::NoPaynClient),
}

/// Which client.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Async,
    #[cfg(feature = "blocking")]
    Blocking,
}

fn kinds() -> Vec<Kind> {
    vec![
        Kind::Async,
        #[cfg(feature = "blocking")]
        Kind::Blocking,
    ]
}

impl Client {
    fn new(kind: Kind, base: &str, t: &Tune) -> Self {
        match kind {
            Kind::Async => {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                let builder = nopayn::NoPaynClient::builder(API_KEY, MERCHANT);
                Client::Async(rt, tuned(builder, base, t).build().unwrap())
            }
            #[cfg(feature = "blocking")]
            Kind::Blocking => {
                let builder = nopayn::blocking::NoPaynClient::builder(API_KEY, MERCHANT);
                Client::Blocking(tuned(builder, base, t).build().unwrap())
            }
        }
    }

    /// `get_order`, bounded by 30 s whatever happens.
    fn read(&self) -> Result<Order, Error> {
        match self {
            Client::Async(rt, c) => rt.block_on(async {
                tokio::time::timeout(Duration::from_secs(30), c.get_order(ORDER_ID))
                    .await
                    .expect("the call ends by itself")
            }),
            #[cfg(feature = "blocking")]
            Client::Blocking(c) => c.get_order(ORDER_ID),
        }
    }

    /// `create_order` with the quickstart body.
    fn write(&self) -> Result<Order, Error> {
        let request = quickstart_request();
        match self {
            Client::Async(rt, c) => rt.block_on(async {
                tokio::time::timeout(Duration::from_secs(30), c.create_order(&request))
                    .await
                    .expect("the call ends by itself")
            }),
            #[cfg(feature = "blocking")]
            Client::Blocking(c) => c.create_order(&request),
        }
    }
}

/// A server with `script`, a client of `kind` on it, and the time `call` took.
fn run(
    kind: Kind,
    script: Vec<Fault>,
    tune: &Tune,
    call: fn(&Client) -> Result<Order, Error>,
) -> (FaultServer, Result<Order, Error>, Duration) {
    let server = FaultServer::start(script).unwrap();
    let client = Client::new(kind, &server.base_url(), tune);
    let started = Instant::now();
    let result = call(&client);
    (server, result, started.elapsed())
}

fn network_kind(err: &Error) -> TransportErrorKind {
    match err {
        Error::Network(e) => e.kind(),
        other => panic!("not a network error: {other:?}"),
    }
}

fn order_body() -> String {
    order_json("new", false).to_string()
}

#[test]
fn refused_is_retried_for_reads_and_writes_alike() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    for kind in kinds() {
        let client = Client::new(kind, &format!("http://127.0.0.1:{port}"), &Tune::default());
        for (what, call) in [
            ("read", Client::read as fn(&Client) -> _),
            ("write", Client::write),
        ] {
            let started = Instant::now();
            let err = call(&client).unwrap_err();
            assert_eq!(
                network_kind(&err),
                TransportErrorKind::Connect,
                "{kind:?} {what}"
            );
            assert!(!err.request_may_have_been_sent(), "{kind:?} {what}");
            assert_eq!(err.attempts(), 3, "{kind:?} {what}: never sent, so retried");
            assert!(err.to_string().ends_with("(after 3 attempts)"), "{err}");
            assert!(err.is_retryable());
            assert!(started.elapsed() < Duration::from_secs(3), "{kind:?}");
        }
    }
}

#[test]
fn accept_and_close() {
    for kind in kinds() {
        let (server, result, _) = run(kind, vec![Fault::Close], &Tune::default(), Client::read);
        let err = result.unwrap_err();
        assert_eq!(
            network_kind(&err),
            TransportErrorKind::Io,
            "{kind:?}: {err:?}"
        );
        assert_eq!((err.attempts(), server.request_count()), (3, 3), "{kind:?}");

        let (server, result, _) = run(kind, vec![Fault::Close], &Tune::default(), Client::write);
        let err = result.unwrap_err();
        assert!(err.request_may_have_been_sent(), "{kind:?}");
        assert_eq!((err.attempts(), server.request_count()), (1, 1), "{kind:?}");
    }
}

#[test]
fn reset_and_truncation_mid_body() {
    let faults = [
        Fault::ResetMidBody {
            sent: 10,
            announced: 1000,
        },
        Fault::Truncate {
            sent: 10,
            announced: 1000,
        },
    ];
    for kind in kinds() {
        for fault in &faults {
            let (server, result, _) =
                run(kind, vec![fault.clone()], &Tune::default(), Client::read);
            let err = result.unwrap_err();
            assert_eq!(
                network_kind(&err),
                TransportErrorKind::Io,
                "{kind:?} {fault:?}"
            );
            assert!(err.request_may_have_been_sent());
            assert_eq!(
                server.request_count(),
                3,
                "{kind:?} {fault:?}: a read is retried"
            );

            let (server, result, _) =
                run(kind, vec![fault.clone()], &Tune::default(), Client::write);
            let err = result.unwrap_err();
            assert_eq!(
                network_kind(&err),
                TransportErrorKind::Io,
                "{kind:?} {fault:?}"
            );
            assert_eq!(
                server.request_count(),
                1,
                "{kind:?} {fault:?}: a write is not"
            );
            assert_eq!(server.requests()[0].body, QUICKSTART_BODY.as_bytes());
        }
    }
}

#[test]
fn a_stalled_server_times_out_within_bounds() {
    let tune = Tune {
        timeout: Duration::from_millis(300),
        retry: Tune::default().retry.budget(Duration::from_millis(800)),
        ..Tune::default()
    };
    for kind in kinds() {
        let (server, result, elapsed) = run(kind, vec![Fault::Stall], &tune, Client::read);
        let err = result.unwrap_err();
        assert!(err.is_timeout(), "{kind:?}: {err:?}");
        // 300 ms, then attempts cut to what is left of the 800 ms budget
        assert!(
            elapsed >= Duration::from_millis(600),
            "{kind:?} {elapsed:?}"
        );
        assert!(
            elapsed < Duration::from_millis(1500),
            "{kind:?} {elapsed:?}"
        );
        assert!(server.request_count() >= 2, "{kind:?}");
        println!(
            "{kind:?} stalled read: {elapsed:?}, {} requests",
            server.request_count()
        );

        let (server, result, elapsed) = run(kind, vec![Fault::Stall], &tune, Client::write);
        let err = result.unwrap_err();
        assert!(
            err.is_timeout() && err.request_may_have_been_sent(),
            "{kind:?}"
        );
        assert!(
            elapsed >= Duration::from_millis(300),
            "{kind:?} {elapsed:?}"
        );
        assert!(elapsed < Duration::from_millis(700), "{kind:?} {elapsed:?}");
        assert_eq!(server.request_count(), 1, "{kind:?}");
        println!("{kind:?} stalled write: {elapsed:?}");
    }
}

#[test]
fn default_timeouts_stay_within_a_minute() {
    assert!(nopayn::DEFAULT_TIMEOUT <= Duration::from_secs(60));
    assert!(nopayn::DEFAULT_CONNECT_TIMEOUT <= Duration::from_secs(10));
    assert_eq!(
        RetryPolicy::default().total_budget(),
        Duration::from_secs(60)
    );
}

#[test]
fn invalid_utf8_bodies() {
    for kind in kinds() {
        let script = vec![Fault::body(200, "application/json", vec![0xff, 0xfe, b'a'])];
        let (server, result, _) = run(kind, script, &Tune::default(), Client::read);
        match result.unwrap_err() {
            Error::InvalidJson { status, body, .. } => {
                assert_eq!(
                    (status, body.as_str()),
                    (200, "\u{fffd}\u{fffd}a"),
                    "{kind:?}"
                );
            }
            other => panic!("{kind:?}: {other:?}"),
        }
        assert_eq!(server.request_count(), 1);

        let script = vec![Fault::body(400, "text/plain", vec![b'x', 0xff])];
        let (_, result, _) = run(kind, script, &Tune::default(), Client::write);
        let err = result.unwrap_err();
        let api = err.as_api_error().unwrap();
        assert_eq!((api.status_code, api.raw_body.as_str()), (400, "x\u{fffd}"));
        assert_eq!(api.message, "Unknown error");
    }
}

#[test]
fn huge_bodies_stop_at_the_limit() {
    for kind in kinds() {
        for announce in [true, false] {
            let script = vec![Fault::Huge {
                len: 100 * 1024 * 1024,
                announce,
            }];
            let (server, result, elapsed) = run(kind, script, &Tune::default(), Client::read);
            let err = result.unwrap_err();
            assert_eq!(
                network_kind(&err),
                TransportErrorKind::BodyTooLarge,
                "{kind:?}"
            );
            assert!(!err.is_retryable());
            assert_eq!(server.request_count(), 1, "{kind:?}: never retried");
            assert!(elapsed < Duration::from_secs(5), "{kind:?} {elapsed:?}");
        }
    }
}

/// In a child process (so the peak RSS is this scenario's alone): `get_order` answered
/// with a chunked 100 MB body, against the default 16 MiB limit, by each client.
#[test]
fn hundred_megabytes_keep_memory_bounded() {
    let growth = peak_rss_growth_in_child(
        "hundred_megabytes_keep_memory_bounded",
        || {
            let tune = Tune {
                // reading 16 MiB of a debug build on a busy machine can take seconds;
                // this scenario measures memory, not time
                timeout: Duration::from_secs(60),
                retry: RetryPolicy::none(),
                max_body: payments_core::http::DEFAULT_MAX_RESPONSE_BODY,
            };
            let huge = Fault::Huge {
                len: 100 * 1024 * 1024,
                announce: false,
            };
            let server = FaultServer::start(vec![Fault::json(200, order_body()), huge]).unwrap();
            let clients: Vec<Client> = kinds()
                .into_iter()
                .map(|kind| Client::new(kind, &server.base_url(), &tune))
                .collect();
            // warm up: one small answer, so pools and buffers exist before the baseline
            clients[0].read().unwrap();
            (server, clients)
        },
        |(_server, clients)| {
            for client in &clients {
                let err = client.read().unwrap_err();
                assert_eq!(network_kind(&err), TransportErrorKind::BodyTooLarge);
            }
        },
    )
    .unwrap();
    if let Some(growth) = growth {
        println!("peak RSS growth for 100 MB bodies: {growth} KiB");
        // the limit (16 MiB) plus a few MiB, not the 100 MB body
        assert!(growth < 24 * 1024, "peak RSS grew by {growth} KiB");
    }
}

#[test]
fn redirect_loops_are_never_followed() {
    for kind in kinds() {
        for status in [302, 307] {
            let script = vec![Fault::redirect(status, "/v1/orders/")];
            let (server, result, _) = run(kind, script.clone(), &Tune::default(), Client::write);
            let err = result.unwrap_err();
            match &err {
                Error::Network(e) => {
                    assert_eq!(e.kind(), TransportErrorKind::Redirect);
                    assert_eq!(e.location(), Some("/v1/orders/"));
                }
                other => panic!("{kind:?} {status}: {other:?}"),
            }
            assert_eq!(err.status_code(), Some(status));
            let text = err.to_string();
            assert!(text.contains(&format!("HTTP {status}")) && text.contains("/v1/orders/"));
            assert_eq!(
                server.request_count(),
                1,
                "{kind:?} {status}: the POST is sent once"
            );
            assert_eq!(server.requests()[0].body, QUICKSTART_BODY.as_bytes());

            let (server, result, _) = run(kind, script, &Tune::default(), Client::read);
            assert_eq!(
                network_kind(&result.unwrap_err()),
                TransportErrorKind::Redirect
            );
            assert_eq!(
                server.request_count(),
                1,
                "{kind:?} {status}: nor is a GET followed"
            );
        }
    }
}

#[test]
fn html_502_is_retried_for_reads_only() {
    let page = Fault::body(502, "text/html", "<html><h1>502 Bad Gateway</h1></html>");
    for kind in kinds() {
        let (server, result, _) = run(kind, vec![page.clone()], &Tune::default(), Client::read);
        let err = result.unwrap_err();
        assert_eq!(
            err.to_string(),
            "NoPayn API error (HTTP 502): Unknown error (after 3 attempts)"
        );
        let api = err.as_api_error().unwrap();
        assert_eq!((api.status_code, api.attempts), (502, 3));
        assert_eq!(api.raw_body, "<html><h1>502 Bad Gateway</h1></html>");
        assert_eq!(api.headers.get("content-type"), Some("text/html"));
        assert!(err.is_retryable());
        assert_eq!(server.request_count(), 3, "{kind:?}");

        let (server, result, _) = run(kind, vec![page.clone()], &Tune::default(), Client::write);
        let err = result.unwrap_err();
        assert_eq!(
            err.to_string(),
            "NoPayn API error (HTTP 502): Unknown error"
        );
        assert_eq!((err.attempts(), server.request_count()), (1, 1), "{kind:?}");
    }
}

#[test]
fn a_read_waits_for_retry_after_then_succeeds() {
    for kind in kinds() {
        let script = vec![
            Fault::status(429).header("Retry-After", "1"),
            Fault::json(200, order_body()),
        ];
        let (server, result, elapsed) = run(kind, script, &Tune::default(), Client::read);
        assert_eq!(result.unwrap().id, ORDER_ID);
        assert_eq!(server.request_count(), 2, "{kind:?}");
        assert!(elapsed >= Duration::from_secs(1), "{kind:?} {elapsed:?}");
        assert!(elapsed < Duration::from_secs(3), "{kind:?} {elapsed:?}");
    }
}

#[test]
fn a_503_is_retried_for_a_read_and_not_for_a_write() {
    for kind in kinds() {
        let script = vec![Fault::status(503), Fault::json(200, order_body())];
        let (server, result, _) = run(kind, script.clone(), &Tune::default(), Client::read);
        assert_eq!(result.unwrap().id, ORDER_ID);
        assert_eq!(server.request_count(), 2, "{kind:?}");

        let (server, result, _) = run(kind, script, &Tune::default(), Client::write);
        let err = result.unwrap_err();
        assert_eq!(err.status_code(), Some(503), "{kind:?}");
        assert_eq!((err.attempts(), server.request_count()), (1, 1), "{kind:?}");
        assert!(
            err.is_retryable(),
            "the caller may retry once it knows the outcome"
        );
    }
}

#[test]
fn retry_policy_none_sends_once() {
    let tune = Tune {
        retry: RetryPolicy::none(),
        ..Tune::default()
    };
    for kind in kinds() {
        let script = vec![Fault::status(503), Fault::json(200, order_body())];
        let (server, result, _) = run(kind, script, &tune, Client::read);
        assert_eq!(result.unwrap_err().status_code(), Some(503));
        assert_eq!(server.request_count(), 1, "{kind:?}");
    }
}

#[test]
fn an_own_reqwest_client_through_transport() {
    let server = FaultServer::start(vec![
        Fault::redirect(307, "/v1/orders/"),
        Fault::json(200, order_body()),
    ])
    .unwrap();
    // the dev-dependency reqwest has no crypto provider of its own
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = nopayn::NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url(server.base_url())
        .transport(nopayn::ReqwestTransport::from_client(http))
        .build()
        .unwrap();
    let err = rt
        .block_on(client.create_order(&quickstart_request()))
        .unwrap_err();
    assert_eq!(network_kind(&err), TransportErrorKind::Redirect);
    assert_eq!(server.request_count(), 1);
    let order = rt.block_on(client.get_order(ORDER_ID)).unwrap();
    assert_eq!(order.id, ORDER_ID);
}
