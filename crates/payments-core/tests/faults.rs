//! Fault injection: the runtime and the built-in transports against a loopback server that
//! refuses, closes, resets, stalls, truncates, sends invalid UTF-8 or 100 MB, loops on
//! redirects, and answers 502, 429 and 503. Every test bounds its requests and time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
#![cfg(all(feature = "reqwest", feature = "test-util"))]

use std::sync::Arc;
use std::time::{Duration, Instant};

use payments_core::ErrorMeta;
use payments_core::http::test_util::fault::{Fault, FaultServer};
use payments_core::http::test_util::memory::peak_rss_growth_in_child;
use payments_core::http::{
    HttpRequest, Method, ReqwestTransport, TransportConfig, TransportErrorKind,
};
use payments_core::runtime::{Exchange, Idempotency, Operation, RetryPolicy, Runtime};

const GET: Operation =
    payments_core::operation!("test", "get_order", Get, "/v1/orders/{id}/", Idempotent);
const CREATE: Operation =
    payments_core::operation!("test", "create_order", Post, "/v1/orders/", NonIdempotent);
const KEYED: Operation = CREATE.with_idempotency(Idempotency::Keyed);

fn runtime(config: TransportConfig, retry: RetryPolicy) -> Runtime<ReqwestTransport> {
    Runtime::new(Arc::new(ReqwestTransport::new(&config).unwrap()), retry)
}

fn fast() -> RetryPolicy {
    RetryPolicy::default().initial_backoff(Duration::from_millis(20))
}

fn config() -> TransportConfig {
    TransportConfig::default().timeout(Duration::from_secs(5))
}

fn get(server: &FaultServer) -> HttpRequest {
    HttpRequest::new(Method::Get, server.url("/v1/orders/o1/"))
}

fn post(server: &FaultServer) -> HttpRequest {
    HttpRequest::new(Method::Post, server.url("/v1/orders/"))
        .header("Content-Type", "application/json")
        .body(br#"{"amount":1295}"#.to_vec())
}

async fn call(
    rt: &Runtime<ReqwestTransport>,
    op: &Operation,
    req: HttpRequest,
) -> Result<Exchange, payments_core::http::TransportError> {
    tokio::time::timeout(Duration::from_secs(20), rt.execute(op, req))
        .await
        .expect("the call must end by itself")
}

#[tokio::test]
async fn refused_is_retried_for_every_operation_and_never_sent() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let rt = runtime(config(), fast());
    for op in [&GET, &CREATE] {
        let started = Instant::now();
        let req = HttpRequest::new(op.method(), format!("http://127.0.0.1:{port}/x"));
        let err = call(&rt, op, req).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Connect, "{err:?}");
        assert!(!err.request_may_have_been_sent());
        assert_eq!(err.attempts(), 3);
        assert!(err.to_string().ends_with("(after 3 attempts)"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}

#[tokio::test]
async fn accept_and_close() {
    let server = FaultServer::start(vec![Fault::Close]).unwrap();
    let rt = runtime(config(), fast());
    let err = call(&rt, &GET, get(&server)).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Io, "{err:?}");
    assert_eq!((err.attempts(), server.request_count()), (3, 3));

    let server = FaultServer::start(vec![Fault::Close]).unwrap();
    let err = call(&rt, &CREATE, post(&server)).await.unwrap_err();
    assert!(err.request_may_have_been_sent());
    assert_eq!((err.attempts(), server.request_count()), (1, 1));
}

#[tokio::test]
async fn reset_and_truncation_mid_body() {
    for fault in [
        Fault::ResetMidBody {
            sent: 10,
            announced: 1000,
        },
        Fault::Truncate {
            sent: 10,
            announced: 1000,
        },
    ] {
        let server = FaultServer::start(vec![fault.clone()]).unwrap();
        let rt = runtime(config(), fast());
        let err = call(&rt, &GET, get(&server)).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Io, "{fault:?}: {err:?}");
        assert!(err.request_may_have_been_sent());
        assert_eq!(server.request_count(), 3, "{fault:?}");

        let server = FaultServer::start(vec![fault.clone()]).unwrap();
        let err = call(&rt, &CREATE, post(&server)).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Io);
        assert_eq!(
            server.request_count(),
            1,
            "{fault:?}: a write is never re-sent"
        );
    }
}

#[tokio::test]
async fn stalled_server_times_out_within_bounds() {
    let server = FaultServer::start(vec![Fault::Stall]).unwrap();
    let rt = runtime(
        TransportConfig::default().timeout(Duration::from_millis(300)),
        fast().budget(Duration::from_millis(800)),
    );
    let started = Instant::now();
    let err = call(&rt, &GET, get(&server)).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(err.is_timeout(), "{err:?}");
    assert!(ErrorMeta::is_timeout(&err));
    // attempts are cut to the budget: 300 ms, then what is left of 800 ms
    assert!(elapsed >= Duration::from_millis(600), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
    assert!(server.request_count() >= 2);

    let server = FaultServer::start(vec![Fault::Stall]).unwrap();
    let started = Instant::now();
    let err = call(&rt, &CREATE, post(&server)).await.unwrap_err();
    assert!(err.is_timeout() && err.request_may_have_been_sent());
    assert!(started.elapsed() < Duration::from_millis(700));
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn default_budget_bounds_a_stall_to_sixty_seconds() {
    // the policy, not a real 60 s wait: the default budget cuts retries of a stalled read
    let policy = RetryPolicy::default();
    assert_eq!(policy.total_budget(), Duration::from_secs(60));
    assert!(TransportConfig::default().timeout <= Duration::from_secs(60));
    assert!(TransportConfig::default().connect_timeout <= Duration::from_secs(10));
}

#[tokio::test]
async fn invalid_utf8_is_passed_through() {
    let server =
        FaultServer::start(vec![Fault::body(200, "text/plain", vec![0xff, 0xfe, b'a'])]).unwrap();
    let rt = runtime(config(), fast());
    let exchange = call(&rt, &GET, get(&server)).await.unwrap();
    assert_eq!(exchange.response.body, [0xff, 0xfe, b'a']);
    assert_eq!(exchange.attempts, 1);
}

#[tokio::test]
async fn huge_bodies_stop_at_the_limit() {
    let limit = 64 * 1024;
    for announce in [true, false] {
        let server = FaultServer::start(vec![Fault::Huge {
            len: 100 * 1024 * 1024,
            announce,
        }])
        .unwrap();
        let rt = runtime(config().max_response_body(limit), fast());
        let started = Instant::now();
        let err = call(&rt, &GET, get(&server)).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge, "{err:?}");
        assert!(!err.is_transient());
        assert_eq!(server.request_count(), 1, "never retried");
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}

/// In a child process (so the peak RSS is this scenario's alone): a 100 MB body against
/// the default 16 MiB limit, async and blocking.
#[test]
fn hundred_megabytes_keep_memory_bounded() {
    let growth = peak_rss_growth_in_child(
        "hundred_megabytes_keep_memory_bounded",
        || {
            let server = FaultServer::start(vec![Fault::Huge {
                len: 100 * 1024 * 1024,
                announce: false,
            }])
            .unwrap();
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let transport = ReqwestTransport::with_defaults().unwrap();
            // warm up: a small request, so pools and buffers exist before the baseline
            let warm = FaultServer::start(vec![Fault::json(200, "{}")]).unwrap();
            let runtime = Runtime::new(Arc::new(transport), RetryPolicy::none());
            rt.block_on(runtime.execute(&GET, get(&warm))).unwrap();
            (server, rt, runtime)
        },
        |(server, rt, runtime)| {
            let err = rt
                .block_on(runtime.execute(&GET, get(&server)))
                .unwrap_err();
            assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
            #[cfg(feature = "blocking")]
            {
                use payments_core::http::blocking::ReqwestBlockingTransport;
                let blocking = Runtime::new(
                    Arc::new(ReqwestBlockingTransport::with_defaults().unwrap()),
                    RetryPolicy::none(),
                );
                let err = blocking.execute_blocking(&GET, get(&server)).unwrap_err();
                assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
            }
        },
    )
    .unwrap();
    if let Some(growth) = growth {
        // the limit (16 MiB) plus a few MiB, not the 100 MB body
        assert!(growth < 24 * 1024, "peak RSS grew by {growth} KiB");
    }
}

#[tokio::test]
async fn redirects_are_never_followed() {
    for status in [302, 307, 308] {
        let server = FaultServer::start(vec![Fault::redirect(status, "/v1/orders/")]).unwrap();
        let rt = runtime(config(), fast());
        let err = call(&rt, &CREATE, post(&server)).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Redirect);
        assert_eq!(err.status(), Some(status));
        assert_eq!(err.location(), Some("/v1/orders/"));
        assert!(err.to_string().contains(&status.to_string()), "{err}");
        assert_eq!(server.request_count(), 1, "the POST is sent once");
        assert_eq!(server.requests()[0].body, br#"{"amount":1295}"#);
        let err = call(&rt, &GET, get(&server)).await.unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Redirect);
        assert_eq!(server.request_count(), 2, "a redirect loop is not followed");
    }
}

#[tokio::test]
async fn html_502_is_retried_for_reads_only() {
    let page = Fault::body(502, "text/html", "<html>Bad Gateway</html>");
    let server = FaultServer::start(vec![page.clone()]).unwrap();
    let rt = runtime(config(), fast());
    let exchange = call(&rt, &GET, get(&server)).await.unwrap();
    assert_eq!((exchange.response.status, exchange.attempts), (502, 3));
    assert_eq!(exchange.response.body, b"<html>Bad Gateway</html>");
    assert_eq!(server.request_count(), 3);

    let server = FaultServer::start(vec![page]).unwrap();
    let exchange = call(&rt, &CREATE, post(&server)).await.unwrap();
    assert_eq!((exchange.response.status, exchange.attempts), (502, 1));
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn retry_after_one_second_then_success() {
    for status in [429, 503] {
        let server = FaultServer::start(vec![
            Fault::status(status).header("Retry-After", "1"),
            Fault::json(200, r#"{"id":"o1"}"#),
        ])
        .unwrap();
        let rt = runtime(config(), fast());
        let started = Instant::now();
        let exchange = call(&rt, &GET, get(&server)).await.unwrap();
        assert!(started.elapsed() >= Duration::from_secs(1));
        assert!(started.elapsed() < Duration::from_secs(3));
        assert_eq!((exchange.response.status, exchange.attempts), (200, 2));
        assert_eq!(server.request_count(), 2);
    }
}

#[tokio::test]
async fn unkeyed_write_meets_503_once() {
    let server = FaultServer::start(vec![
        Fault::status(503).header("Retry-After", "0"),
        Fault::json(201, "{}"),
    ])
    .unwrap();
    let rt = runtime(config(), fast());
    let exchange = call(&rt, &CREATE, post(&server)).await.unwrap();
    assert_eq!((exchange.response.status, exchange.attempts), (503, 1));
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn keyed_write_is_resent_with_the_same_key_and_body() {
    let server =
        FaultServer::start(vec![Fault::status(503), Fault::json(201, r#"{"id":"p1"}"#)]).unwrap();
    let rt = runtime(config(), fast());
    let req = post(&server).header("X-GCS-Idempotence-Key", "key-123");
    let exchange = call(&rt, &KEYED, req).await.unwrap();
    assert_eq!((exchange.response.status, exchange.attempts), (201, 2));
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].header("X-GCS-Idempotence-Key"), Some("key-123"));
    assert_eq!(seen[1].header("X-GCS-Idempotence-Key"), Some("key-123"));
    assert_eq!(seen[0].body, seen[1].body);
}

#[tokio::test]
async fn a_long_retry_after_ends_the_retries() {
    let server =
        FaultServer::start(vec![Fault::status(429).header("Retry-After", "3600")]).unwrap();
    let rt = runtime(config(), fast());
    let started = Instant::now();
    let exchange = call(&rt, &GET, get(&server)).await.unwrap();
    assert_eq!((exchange.response.status, exchange.attempts), (429, 1));
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn from_client_keeps_the_body_limit() {
    let server = FaultServer::start(vec![Fault::Huge {
        len: 1024 * 1024,
        announce: true,
    }])
    .unwrap();
    let client = ReqwestTransport::client_builder(&config())
        .unwrap()
        .build()
        .unwrap();
    let transport = ReqwestTransport::from_client(client).with_max_response_body(1000);
    let rt = Runtime::new(Arc::new(transport), RetryPolicy::none());
    let err = call(&rt, &GET, get(&server)).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
}

#[cfg(feature = "blocking")]
mod blocking {
    use super::*;
    use payments_core::http::blocking::ReqwestBlockingTransport;

    fn runtime(config: TransportConfig) -> Runtime<ReqwestBlockingTransport> {
        Runtime::new(
            Arc::new(ReqwestBlockingTransport::new(&config).unwrap()),
            fast(),
        )
    }

    #[test]
    fn the_same_rules_block() {
        let rt = runtime(config().max_response_body(1000));
        // 503 then 200 on a read: retried
        let server = FaultServer::start(vec![
            Fault::status(503).header("Retry-After", "0"),
            Fault::json(200, "{}"),
        ])
        .unwrap();
        let exchange = rt.execute_blocking(&GET, get(&server)).unwrap();
        assert_eq!((exchange.response.status, exchange.attempts), (200, 2));
        // ... but not on a write
        let server = FaultServer::start(vec![Fault::status(503), Fault::json(200, "{}")]).unwrap();
        let exchange = rt.execute_blocking(&CREATE, post(&server)).unwrap();
        assert_eq!((exchange.response.status, server.request_count()), (503, 1));
        // 307 is not followed
        let server = FaultServer::start(vec![Fault::redirect(307, "/again")]).unwrap();
        let err = rt.execute_blocking(&CREATE, post(&server)).unwrap_err();
        assert_eq!(
            (err.kind(), server.request_count()),
            (TransportErrorKind::Redirect, 1)
        );
        // bodies are bounded
        let server = FaultServer::start(vec![Fault::Huge {
            len: 1024 * 1024,
            announce: false,
        }])
        .unwrap();
        let err = rt.execute_blocking(&GET, get(&server)).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
        // reset mid-body
        let server = FaultServer::start(vec![Fault::ResetMidBody {
            sent: 5,
            announced: 500,
        }])
        .unwrap();
        let err = rt.execute_blocking(&CREATE, post(&server)).unwrap_err();
        assert_eq!(
            (err.kind(), server.request_count()),
            (TransportErrorKind::Io, 1)
        );
    }

    #[test]
    fn stall_times_out() {
        let rt = runtime(TransportConfig::default().timeout(Duration::from_millis(300)));
        let server = FaultServer::start(vec![Fault::Stall]).unwrap();
        let started = Instant::now();
        let err = rt.execute_blocking(&CREATE, post(&server)).unwrap_err();
        assert!(err.is_timeout(), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(server.request_count(), 1);
    }
}
