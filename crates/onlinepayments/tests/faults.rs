//! Fault injection through the real clients, async and blocking, against a loopback
//! server that refuses, closes, resets, stalls, truncates, sends invalid UTF-8 or 100 MB,
//! loops on redirects and answers 502, 429 and 503. `payments().get_payment` is the
//! read, `payments().create_payment` the write, without and with an idempotence key.
//! Every test bounds its requests and its time.
#![cfg(feature = "reqwest")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use onlinepayments::authentication::{Authenticator, V1HmacAuthenticator};
use onlinepayments::communication::RequestHeader;
use onlinepayments::domain::{CreatePaymentRequest, PaymentResponse};
use onlinepayments::http::TransportErrorKind;
use onlinepayments::{CallContext, CommunicatorConfiguration, Error, ErrorMeta, RetryPolicy};
use payments_core::http::test_util::fault::{Fault, FaultServer, ReceivedRequest};
use payments_core::http::test_util::memory::peak_rss_growth_in_child;

const KEY_ID: &str = "KEY1234";
const SECRET: &str = "c2VjcmV0LXNlY3JldA==";
const IDEMPOTENCE_KEY: &str = "idem-7f3c";
const PAYMENT: &str = r#"{"id":"P1","status":"CAPTURED"}"#;
const CREATED: &str = r#"{"payment":{"id":"P1","status":"CREATED"}}"#;

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

fn configuration(base: &str, t: &Tune) -> CommunicatorConfiguration {
    CommunicatorConfiguration::builder()
        .api_endpoint(base)
        .api_key_id(KEY_ID)
        .secret_api_key(SECRET)
        .integrator("ACME Integrator")
        .socket_timeout(t.timeout)
        .connect_timeout(Duration::from_secs(2))
        .retry_policy(t.retry.clone())
        .max_response_body(t.max_body)
        .build()
        .unwrap()
}

/// The async or the blocking client, called the same way.
enum Client {
    Async(tokio::runtime::Runtime, onlinepayments::Client),
    #[cfg(feature = "blocking")]
    Blocking(onlinepayments::blocking::Client),
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

/// What a call returns, reduced to what the tests compare.
type Outcome = Result<Option<String>, Error>;

impl Client {
    fn new(kind: Kind, base: &str, t: &Tune) -> Self {
        let configuration = configuration(base, t);
        match kind {
            Kind::Async => {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                let client = onlinepayments::Factory::create_client_from_configuration(
                    &configuration,
                    None,
                    None,
                    None,
                )
                .unwrap();
                Client::Async(rt, client)
            }
            #[cfg(feature = "blocking")]
            Kind::Blocking => Client::Blocking(
                onlinepayments::blocking::Factory::create_client_from_configuration(
                    &configuration,
                    None,
                    None,
                    None,
                )
                .unwrap(),
            ),
        }
    }

    /// `get_payment`, bounded by 30 s whatever happens; the payment id.
    fn read(&self) -> Outcome {
        let id = |p: PaymentResponse| p.id;
        match self {
            Client::Async(rt, c) => rt.block_on(async {
                let payments = c.merchant("M1").payments();
                let call = payments.get_payment("P1", None);
                tokio::time::timeout(Duration::from_secs(30), call)
                    .await
                    .expect("the call ends by itself")
                    .map(id)
            }),
            #[cfg(feature = "blocking")]
            Client::Blocking(c) => c.merchant("M1").payments().get_payment("P1", None).map(id),
        }
    }

    /// `create_payment` with the context given; the id of the created payment.
    fn create(&self, context: Option<&CallContext>) -> Outcome {
        let request = CreatePaymentRequest::default();
        let id = |r: onlinepayments::domain::CreatePaymentResponse| r.payment.and_then(|p| p.id);
        match self {
            Client::Async(rt, c) => rt.block_on(async {
                let payments = c.merchant("M1").payments();
                let call = payments.create_payment(&request, context);
                tokio::time::timeout(Duration::from_secs(30), call)
                    .await
                    .expect("the call ends by itself")
                    .map(id)
            }),
            #[cfg(feature = "blocking")]
            Client::Blocking(c) => c
                .merchant("M1")
                .payments()
                .create_payment(&request, context)
                .map(id),
        }
    }

    /// `create_payment` without an idempotence key.
    fn write(&self) -> Outcome {
        self.create(None)
    }

    /// `create_payment` with an idempotence key.
    fn keyed_write(&self) -> Outcome {
        self.create(Some(
            &CallContext::new().with_idempotence_key(IDEMPOTENCE_KEY),
        ))
    }
}

type Call = fn(&Client) -> Outcome;

/// A server with `script`, a client of `kind` on it, and the time `call` took.
fn run(
    kind: Kind,
    script: Vec<Fault>,
    tune: &Tune,
    call: Call,
) -> (FaultServer, Outcome, Duration) {
    let server = FaultServer::start(script).unwrap();
    let client = Client::new(kind, &server.base_url(), tune);
    let started = Instant::now();
    let result = call(&client);
    (server, result, started.elapsed())
}

fn transport_kind(err: &Error) -> TransportErrorKind {
    match err {
        Error::CommunicationException(e) => match e.transport_error() {
            Some(t) => t.kind(),
            None => panic!("a response, not a transport error: {err:?}"),
        },
        other => panic!("not a communication error: {other:?}"),
    }
}

/// The request as the platform checks it: the v1HMAC signature recomputed from what was
/// received (its own `Date` included) matches its `Authorization`.
fn assert_signed(request: &ReceivedRequest) {
    let headers: Vec<RequestHeader> = request
        .headers
        .iter()
        .filter(|(n, _)| {
            !n.eq_ignore_ascii_case("authorization") && !n.eq_ignore_ascii_case("content-length")
        })
        .map(|(n, v)| RequestHeader::new(n.clone(), v.clone()))
        .collect();
    let expected = V1HmacAuthenticator::new(KEY_ID, SECRET.to_owned().into())
        .unwrap()
        .get_authorization(
            &request.method,
            &format!("http://server{}", request.path),
            &headers,
        )
        .unwrap();
    assert_eq!(request.header("authorization"), Some(expected.as_str()));
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
            ("read", Client::read as Call),
            ("write", Client::write),
            ("keyed write", Client::keyed_write),
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
            transport_kind(&err),
            TransportErrorKind::Io,
            "{kind:?}: {err:?}"
        );
        assert_eq!((err.attempts(), server.request_count()), (3, 3), "{kind:?}");

        let (server, result, _) = run(kind, vec![Fault::Close], &Tune::default(), Client::write);
        let err = result.unwrap_err();
        assert!(err.request_may_have_been_sent(), "{kind:?}");
        assert_eq!((err.attempts(), server.request_count()), (1, 1), "{kind:?}");

        let (server, result, _) = run(
            kind,
            vec![Fault::Close],
            &Tune::default(),
            Client::keyed_write,
        );
        let err = result.unwrap_err();
        assert_eq!(
            (err.attempts(), server.request_count()),
            (3, 3),
            "{kind:?}: keyed"
        );
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
                transport_kind(&err),
                TransportErrorKind::Io,
                "{kind:?} {fault:?}"
            );
            assert_eq!(
                server.request_count(),
                1,
                "{kind:?} {fault:?}: a write is not"
            );

            let (server, result, _) = run(
                kind,
                vec![fault.clone()],
                &Tune::default(),
                Client::keyed_write,
            );
            assert_eq!(transport_kind(&result.unwrap_err()), TransportErrorKind::Io);
            assert_eq!(
                server.request_count(),
                3,
                "{kind:?} {fault:?}: a keyed write is"
            );
            for request in server.requests() {
                assert_eq!(
                    request.header("x-gcs-idempotence-key"),
                    Some(IDEMPOTENCE_KEY)
                );
            }
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
    let c = CommunicatorConfiguration::builder().build().unwrap();
    assert!(c.socket_timeout() <= Duration::from_secs(60));
    assert!(c.connect_timeout() <= Duration::from_secs(10));
    assert_eq!(c.retry_policy().total_budget(), Duration::from_secs(60));
    assert_eq!(c.max_response_body(), 16 * 1024 * 1024);
}

#[test]
fn invalid_utf8_bodies() {
    for kind in kinds() {
        let script = vec![Fault::body(200, "application/json", vec![0xff, 0xfe, b'a'])];
        let (server, result, _) = run(kind, script, &Tune::default(), Client::read);
        match result.unwrap_err() {
            Error::MarshallerSyntaxException(e) => {
                assert_eq!(
                    e.message, "the response body is not valid UTF-8",
                    "{kind:?}"
                );
            }
            other => panic!("{kind:?}: {other:?}"),
        }
        assert_eq!(server.request_count(), 1);

        let script = vec![Fault::body(400, "text/plain", vec![b'x', 0xff])];
        let (_, result, _) = run(kind, script, &Tune::default(), Client::write);
        let err = result.unwrap_err();
        match &err {
            Error::CommunicationException(e) => {
                let r = e.response_exception().unwrap();
                assert_eq!((r.status_code, r.body.as_str()), (400, "x\u{fffd}"));
            }
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

/// In a child process (so the peak RSS is this scenario's alone): `get_payment` answered
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
            let server = FaultServer::start(vec![Fault::json(200, PAYMENT), huge]).unwrap();
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
            let script = vec![Fault::redirect(status, "/v2/M1/payments")];
            for call in [Client::write as Call, Client::keyed_write, Client::read] {
                let (server, result, _) = run(kind, script.clone(), &Tune::default(), call);
                let err = result.unwrap_err();
                match &err {
                    Error::CommunicationException(e) => {
                        let t = e.transport_error().unwrap();
                        assert_eq!(t.kind(), TransportErrorKind::Redirect);
                        assert_eq!(t.location(), Some("/v2/M1/payments"));
                    }
                    other => panic!("{kind:?} {status}: {other:?}"),
                }
                assert_eq!(err.status_code(), Some(status));
                let text = err.to_string();
                assert!(
                    text.contains(&format!("HTTP {status}")) && text.contains("/v2/M1/payments")
                );
                assert_eq!(server.request_count(), 1, "{kind:?} {status}: sent once");
                assert!(!err.is_retryable());
            }
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
            "the Online Payments platform returned an error response; status_code=502; response_body='<html><h1>502 Bad Gateway</h1></html>' (after 3 attempts)"
        );
        let Error::CommunicationException(e) = &err else {
            panic!("{err:?}");
        };
        let r = e.response_exception().unwrap();
        assert_eq!((r.status_code, r.attempts), (502, 3));
        assert_eq!(r.headers.get("content-type"), Some("text/html"));
        assert!(err.is_retryable());
        assert_eq!(server.request_count(), 3, "{kind:?}");

        let (server, result, _) = run(kind, vec![page.clone()], &Tune::default(), Client::write);
        let err = result.unwrap_err();
        assert_eq!((err.attempts(), server.request_count()), (1, 1), "{kind:?}");
        assert_eq!(err.status_code(), Some(502));
    }
}

#[test]
fn a_429_with_retry_after_on_get_payment_is_waited_for() {
    for kind in kinds() {
        let script = vec![
            Fault::status(429).header("Retry-After", "1"),
            Fault::json(200, PAYMENT),
        ];
        let (server, result, elapsed) = run(kind, script, &Tune::default(), Client::read);
        assert_eq!(result.unwrap().as_deref(), Some("P1"));
        assert_eq!(server.request_count(), 2, "{kind:?}");
        assert!(elapsed >= Duration::from_secs(1), "{kind:?} {elapsed:?}");
        assert!(elapsed < Duration::from_secs(3), "{kind:?} {elapsed:?}");
        let requests = server.requests();
        assert_eq!(requests[0].path, requests[1].path);
        requests.iter().for_each(assert_signed);
    }
}

#[test]
fn a_503_is_retried_for_a_read_and_not_for_an_unkeyed_write() {
    for kind in kinds() {
        let script = vec![Fault::json(503, "{}"), Fault::json(200, PAYMENT)];
        let (server, result, _) = run(kind, script, &Tune::default(), Client::read);
        assert_eq!(result.unwrap().as_deref(), Some("P1"));
        assert_eq!(server.request_count(), 2, "{kind:?}");

        let script = vec![Fault::json(503, "{}"), Fault::json(201, CREATED)];
        let (server, result, _) = run(kind, script, &Tune::default(), Client::write);
        let err = result.unwrap_err();
        assert!(
            matches!(err, Error::PlatformException(_)),
            "{kind:?}: {err:?}"
        );
        assert_eq!(err.status_code(), Some(503), "{kind:?}");
        assert_eq!((err.attempts(), server.request_count()), (1, 1), "{kind:?}");
        assert!(
            err.is_retryable(),
            "the caller may retry with an idempotence key"
        );
    }
}

#[test]
fn a_keyed_create_payment_is_retried_with_the_same_key() {
    for kind in kinds() {
        let script = vec![
            Fault::json(503, "{}").header("Retry-After", "1"),
            Fault::json(201, CREATED),
        ];
        let (server, result, elapsed) = run(kind, script, &Tune::default(), Client::keyed_write);
        assert_eq!(result.unwrap().as_deref(), Some("P1"), "{kind:?}");
        assert!(elapsed >= Duration::from_secs(1), "{kind:?} {elapsed:?}");
        let requests = server.requests();
        assert_eq!(requests.len(), 2, "{kind:?}");
        for request in &requests {
            assert_eq!(request.method, "POST");
            assert_eq!(request.path, "/v2/M1/payments");
            assert_eq!(
                request.header("x-gcs-idempotence-key"),
                Some(IDEMPOTENCE_KEY)
            );
            // each attempt is signed over its own Date
            assert_signed(request);
        }
        assert_eq!(requests[0].body, requests[1].body);
        assert_ne!(
            requests[0].header("date"),
            requests[1].header("date"),
            "re-dated"
        );
    }
}

#[test]
fn the_budget_stops_retries() {
    let tune = Tune {
        retry: RetryPolicy::default()
            .max_attempts(5)
            .budget(Duration::from_millis(1500)),
        ..Tune::default()
    };
    for kind in kinds() {
        let script = vec![Fault::json(503, "{}").header("Retry-After", "1")];
        let (server, result, elapsed) = run(kind, script, &tune, Client::read);
        let err = result.unwrap_err();
        // a 1 s wait fits in 1.5 s; a second one would not
        assert_eq!((err.attempts(), server.request_count()), (2, 2), "{kind:?}");
        assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
        assert!(elapsed >= Duration::from_secs(1), "{kind:?} {elapsed:?}");
        assert!(
            elapsed < Duration::from_millis(1500),
            "{kind:?} {elapsed:?}"
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
        let script = vec![Fault::json(503, "{}"), Fault::json(200, PAYMENT)];
        let (server, result, _) = run(kind, script, &tune, Client::read);
        assert_eq!(result.unwrap_err().status_code(), Some(503));
        assert_eq!(server.request_count(), 1, "{kind:?}");
    }
}

#[test]
fn an_own_reqwest_client_as_the_connection() {
    let server = FaultServer::start(vec![
        Fault::redirect(307, "/v2/M1/payments"),
        Fault::json(200, PAYMENT),
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
    let connection = Arc::new(payments_core::http::ReqwestTransport::from_client(http));
    let client = onlinepayments::Factory::create_client_from_configuration(
        &configuration(&server.base_url(), &Tune::default()),
        None,
        Some(connection),
        None,
    )
    .unwrap();
    let payments = client.merchant("M1").payments();
    let err = rt
        .block_on(payments.create_payment(&CreatePaymentRequest::default(), None))
        .unwrap_err();
    assert_eq!(transport_kind(&err), TransportErrorKind::Redirect);
    assert_eq!(server.request_count(), 1);
    let payment = rt.block_on(payments.get_payment("P1", None)).unwrap();
    assert_eq!(payment.id.as_deref(), Some("P1"));
}
