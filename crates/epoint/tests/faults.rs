//! Fault injection through the real clients, async and blocking, against a loopback
//! server that refuses, closes, resets, stalls, truncates, sends invalid UTF-8 or 100 MB,
//! loops on redirects and answers 502, 429 and 503. `get_transaction_status` is the read
//! (a POST), `pay` the write. Every test bounds its requests and its time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::time::{Duration, Instant};

use epoint::handlers::{self, PaymentPayloadHandler};
use epoint::{Config, Decimal, Error, ErrorMeta, PayRequest, RetryPolicy, TransportErrorKind};
use payments_core::http::test_util::fault::{Fault, FaultServer};
use payments_core::http::test_util::memory::peak_rss_growth_in_child;

const STATUS_BODY: &str = r#"{"status": "success", "code": "000", "transaction": "te001"}"#;

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

fn config(base: &str, t: &Tune) -> Config {
    Config::new("i000000001", "test_private_key_123")
        .base_url(base)
        .timeout(t.timeout)
        .retry_policy(t.retry.clone())
        .max_response_body(t.max_body)
}

fn pay_request() -> PayRequest {
    PayRequest::new(Decimal::new(1050, 2), "AZN", "order-1").description("Order #1")
}

/// The body `pay` sends.
fn pay_body() -> Vec<u8> {
    let config = config("http://127.0.0.1:1", &Tune::default());
    handlers::build_request::<PaymentPayloadHandler>(&config, &pay_request())
        .unwrap()
        .body
        .unwrap()
}

/// The async or the blocking client, called the same way.
enum Client {
    Async(tokio::runtime::Runtime, epoint::EPointClient),
    #[cfg(feature = "blocking")]
    Blocking(epoint::blocking::EPointClient),
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

/// `ok` of a successful answer.
type Outcome = Result<bool, Error>;

impl Client {
    fn new(kind: Kind, base: &str, t: &Tune) -> Self {
        match kind {
            Kind::Async => {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                Client::Async(rt, epoint::EPointClient::new(config(base, t)).unwrap())
            }
            #[cfg(feature = "blocking")]
            Kind::Blocking => {
                Client::Blocking(epoint::blocking::EPointClient::new(config(base, t)).unwrap())
            }
        }
    }

    /// `get_transaction_status`, bounded by 30 s whatever happens.
    fn read(&self) -> Outcome {
        match self {
            Client::Async(rt, c) => rt.block_on(async {
                tokio::time::timeout(Duration::from_secs(30), c.get_transaction_status("te001"))
                    .await
                    .expect("the call ends by itself")
                    .map(|r| r.ok)
            }),
            #[cfg(feature = "blocking")]
            Client::Blocking(c) => c.get_transaction_status("te001").map(|r| r.ok),
        }
    }

    /// `pay`.
    fn write(&self) -> Outcome {
        let request = pay_request();
        match self {
            Client::Async(rt, c) => rt.block_on(async {
                tokio::time::timeout(Duration::from_secs(30), c.pay(&request))
                    .await
                    .expect("the call ends by itself")
                    .map(|r| r.ok)
            }),
            #[cfg(feature = "blocking")]
            Client::Blocking(c) => c.pay(&request).map(|r| r.ok),
        }
    }
}

/// A server with `script`, a client of `kind` on it, and the time `call` took.
fn run(
    kind: Kind,
    script: Vec<Fault>,
    tune: &Tune,
    call: fn(&Client) -> Outcome,
) -> (FaultServer, Outcome, Duration) {
    let server = FaultServer::start(script).unwrap();
    let client = Client::new(kind, &server.base_url(), tune);
    let started = Instant::now();
    let result = call(&client);
    (server, result, started.elapsed())
}

fn transport_kind(err: &Error) -> TransportErrorKind {
    match err {
        Error::Transport(e) => e.kind(),
        other => panic!("not a transport error: {other:?}"),
    }
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
                transport_kind(&err),
                TransportErrorKind::Connect,
                "{kind:?} {what}"
            );
            assert!(!err.request_may_have_been_sent(), "{kind:?} {what}");
            assert_eq!(err.attempts(), 3, "{kind:?} {what}: never sent, so retried");
            assert!(err.to_string().ends_with("(after 3 attempts)"), "{err}");
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
            transport_kind(&err),
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
                transport_kind(&err),
                TransportErrorKind::Io,
                "{kind:?} {fault:?}"
            );
            assert_eq!(
                server.request_count(),
                3,
                "{kind:?} {fault:?}: a read is retried"
            );

            let (server, result, _) =
                run(kind, vec![fault.clone()], &Tune::default(), Client::write);
            let err = result.unwrap_err();
            assert_eq!(
                transport_kind(&err),
                TransportErrorKind::Io,
                "{kind:?} {fault:?}"
            );
            assert_eq!(
                server.request_count(),
                1,
                "{kind:?} {fault:?}: a write is not"
            );
            assert_eq!(server.requests()[0].body, pay_body());
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
    let config = Config::new("i", "k");
    assert_eq!(config.timeout, Duration::from_secs(10));
    assert_eq!(config.retry_policy, RetryPolicy::default());
    assert_eq!(
        config.max_response_body,
        payments_core::http::DEFAULT_MAX_RESPONSE_BODY
    );
    assert!(payments_core::http::DEFAULT_CONNECT_TIMEOUT <= Duration::from_secs(10));
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
            Error::InvalidJson {
                status_code,
                snippet,
                headers,
                ..
            } => {
                assert_eq!((status_code, snippet.as_str()), (200, "\u{fffd}\u{fffd}a"));
                assert_eq!(headers.get("content-type"), Some("application/json"));
            }
            other => panic!("{kind:?}: {other:?}"),
        }
        assert_eq!(server.request_count(), 1);

        let script = vec![Fault::body(400, "text/plain", vec![b'x', 0xff])];
        let (_, result, _) = run(kind, script, &Tune::default(), Client::write);
        match result.unwrap_err() {
            Error::HttpStatus {
                status_code,
                snippet,
                ..
            } => assert_eq!((status_code, snippet.as_str()), (400, "x\u{fffd}")),
            other => panic!("{kind:?}: {other:?}"),
        }
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
                transport_kind(&err),
                TransportErrorKind::BodyTooLarge,
                "{kind:?}"
            );
            assert!(!err.is_retryable());
            assert_eq!(server.request_count(), 1, "{kind:?}: never retried");
            assert!(elapsed < Duration::from_secs(5), "{kind:?} {elapsed:?}");
        }
    }
}

/// In a child process (so the peak RSS is this scenario's alone):
/// `get_transaction_status` answered with a chunked 100 MB body, against the default
/// 16 MiB limit, by each client.
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
            let server = FaultServer::start(vec![Fault::json(200, STATUS_BODY), huge]).unwrap();
            let clients: Vec<Client> = kinds()
                .into_iter()
                .map(|kind| Client::new(kind, &server.base_url(), &tune))
                .collect();
            // warm up: one small answer, so pools and buffers exist before the baseline
            assert!(clients[0].read().unwrap());
            (server, clients)
        },
        |(_server, clients)| {
            for client in &clients {
                let err = client.read().unwrap_err();
                assert_eq!(transport_kind(&err), TransportErrorKind::BodyTooLarge);
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
            let script = vec![Fault::redirect(status, "/api/1/request")];
            let (server, result, _) = run(kind, script.clone(), &Tune::default(), Client::write);
            let err = result.unwrap_err();
            match &err {
                Error::Transport(e) => {
                    assert_eq!(e.kind(), TransportErrorKind::Redirect);
                    assert_eq!(e.location(), Some("/api/1/request"));
                }
                other => panic!("{kind:?} {status}: {other:?}"),
            }
            assert_eq!(err.status_code(), Some(status));
            let text = err.to_string();
            assert!(text.contains(&format!("HTTP {status}")) && text.contains("/api/1/request"));
            assert_eq!(
                server.request_count(),
                1,
                "{kind:?} {status}: the POST is sent once"
            );
            assert_eq!(server.requests()[0].body, pay_body());

            let (server, result, _) = run(kind, script, &Tune::default(), Client::read);
            assert_eq!(
                transport_kind(&result.unwrap_err()),
                TransportErrorKind::Redirect
            );
            assert_eq!(
                server.request_count(),
                1,
                "{kind:?} {status}: nor is a read"
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
            "EPoint answered HTTP 502: \"<html><h1>502 Bad Gateway</h1></html>\" (after 3 attempts)"
        );
        match &err {
            Error::HttpStatus {
                status_code,
                headers,
                attempts,
                ..
            } => {
                assert_eq!((*status_code, *attempts), (502, 3));
                assert_eq!(headers.get("content-type"), Some("text/html"));
            }
            other => panic!("{kind:?}: {other:?}"),
        }
        assert!(err.is_retryable());
        assert_eq!(server.request_count(), 3, "{kind:?}");

        let (server, result, _) = run(kind, vec![page.clone()], &Tune::default(), Client::write);
        let err = result.unwrap_err();
        assert!(!err.to_string().contains("attempts"), "{err}");
        assert_eq!((err.attempts(), server.request_count()), (1, 1), "{kind:?}");
    }
}

#[test]
fn a_read_waits_for_retry_after_then_succeeds() {
    for kind in kinds() {
        let script = vec![
            Fault::status(429).header("Retry-After", "1"),
            Fault::json(200, STATUS_BODY),
        ];
        let (server, result, elapsed) = run(kind, script, &Tune::default(), Client::read);
        assert!(result.unwrap(), "{kind:?}");
        assert_eq!(server.request_count(), 2, "{kind:?}");
        let seen = server.requests();
        assert_eq!(seen[0].body, seen[1].body, "the same signed body");
        assert!(elapsed >= Duration::from_secs(1), "{kind:?} {elapsed:?}");
        assert!(elapsed < Duration::from_secs(3), "{kind:?} {elapsed:?}");
    }
}

#[test]
fn a_503_is_retried_for_a_read_and_not_for_a_write() {
    for kind in kinds() {
        let script = vec![Fault::status(503), Fault::json(200, STATUS_BODY)];
        let (server, result, _) = run(kind, script.clone(), &Tune::default(), Client::read);
        assert!(result.unwrap(), "{kind:?}");
        assert_eq!(server.request_count(), 2, "{kind:?}");

        let (server, result, _) = run(kind, script, &Tune::default(), Client::write);
        let err = result.unwrap_err();
        assert!(
            matches!(
                err,
                Error::HttpStatus {
                    status_code: 503,
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!((err.attempts(), server.request_count()), (1, 1), "{kind:?}");
    }
}

#[test]
fn retry_policy_none_sends_once() {
    let tune = Tune {
        retry: RetryPolicy::none(),
        ..Tune::default()
    };
    for kind in kinds() {
        let script = vec![Fault::status(503), Fault::json(200, STATUS_BODY)];
        let (server, result, _) = run(kind, script, &tune, Client::read);
        assert_eq!(result.unwrap_err().status_code(), Some(503));
        assert_eq!(server.request_count(), 1, "{kind:?}");
    }
}

#[test]
fn an_own_reqwest_client_through_with_transport() {
    let server = FaultServer::start(vec![
        Fault::redirect(307, "/api/1/request"),
        Fault::json(200, STATUS_BODY),
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
    let client = epoint::EPointClient::with_transport(
        config(&server.base_url(), &Tune::default()),
        epoint::ReqwestTransport::from_client(http),
    )
    .unwrap();
    let err = rt.block_on(client.pay(&pay_request())).unwrap_err();
    assert_eq!(transport_kind(&err), TransportErrorKind::Redirect);
    assert_eq!(server.request_count(), 1);
    assert!(
        rt.block_on(client.get_transaction_status("te001"))
            .unwrap()
            .ok
    );
}
