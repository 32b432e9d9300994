//! The built-in transports against local servers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
#![cfg(feature = "reqwest")]

use std::time::{Duration, Instant};

use mockito::Matcher;
use payments_core::http::{
    HttpRequest, Method, ProxyConfig, ReqwestTransport, Transport, TransportConfig,
    TransportErrorKind,
};

fn transport() -> ReqwestTransport {
    ReqwestTransport::new(&TransportConfig::default().timeout(Duration::from_secs(5))).unwrap()
}

#[tokio::test]
async fn success_with_exact_headers_and_body() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("POST", "/v1/orders/")
        .match_header("authorization", "Basic dGVzdDo=")
        .match_header("content-type", "application/json")
        .match_header("x-multi", Matcher::Any)
        .match_body(r#"{"amount":1295}"#)
        .with_status(201)
        .with_header("content-type", "application/json")
        .with_header("x-reply", "yes")
        .with_body(r#"{"id":"o1"}"#)
        .create_async()
        .await;
    let req = HttpRequest::new(Method::Post, format!("{}/v1/orders/", server.url()))
        .header("Authorization", "Basic dGVzdDo=")
        .header("Content-Type", "application/json")
        .header("X-Multi", "a")
        .header("X-Multi", "b")
        .body(br#"{"amount":1295}"#.to_vec());
    let resp = transport().send(req).await.unwrap();
    mock.assert_async().await;
    assert_eq!(resp.status, 201);
    assert_eq!(resp.body, br#"{"id":"o1"}"#);
    assert_eq!(resp.header("X-Reply"), Some("yes"));
}

#[tokio::test]
async fn error_statuses_are_responses() {
    let mut server = mockito::Server::new_async().await;
    let _m400 = server
        .mock("GET", "/bad")
        .with_status(400)
        .with_body(r#"{"error":{"value":"Invalid amount"}}"#)
        .create_async()
        .await;
    let _m503 = server
        .mock("DELETE", "/down")
        .with_status(503)
        .with_body("<html>down</html>")
        .create_async()
        .await;
    let t = transport();
    let r = t
        .send(HttpRequest::new(
            Method::Get,
            format!("{}/bad", server.url()),
        ))
        .await
        .unwrap();
    assert_eq!(r.status, 400);
    assert_eq!(r.text_lossy(), r#"{"error":{"value":"Invalid amount"}}"#);
    let r = t
        .send(HttpRequest::new(
            Method::Delete,
            format!("{}/down", server.url()),
        ))
        .await
        .unwrap();
    assert_eq!(r.status, 503);
    assert_eq!(r.body, b"<html>down</html>");
}

#[tokio::test]
async fn connection_refused_is_a_connect_error_not_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let err = transport()
        .send(
            HttpRequest::new(Method::Post, format!("http://127.0.0.1:{port}/x"))
                .body(b"{}".to_vec()),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err:?}");
    assert!(!err.request_may_have_been_sent());
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn silent_server_times_out_within_the_limit() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let mut held = Vec::new();
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            held.push(socket); // accept and never answer
        }
    });
    let t = ReqwestTransport::new(&TransportConfig::default().timeout(Duration::from_millis(300)))
        .unwrap();
    let started = Instant::now();
    let err = t
        .send(HttpRequest::new(Method::Get, format!("http://{addr}/slow")))
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err:?}");
    assert!(err.request_may_have_been_sent());
    assert!(
        elapsed >= Duration::from_millis(300) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
    // A per-request timeout overrides the transport default.
    let started = Instant::now();
    let err = transport()
        .send(
            HttpRequest::new(Method::Get, format!("http://{addr}/slow"))
                .timeout(Duration::from_millis(200)),
        )
        .await
        .unwrap_err();
    assert!(err.is_timeout());
    assert!(started.elapsed() < Duration::from_secs(4));
    server.abort();
}

#[tokio::test]
async fn invalid_requests_are_not_sent() {
    let t = transport();
    let err = t
        .send(HttpRequest::new(Method::Get, "not a url"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::InvalidRequest, "{err:?}");
    assert!(!err.request_may_have_been_sent());
    let err = t
        .send(HttpRequest::new(Method::Get, "http://127.0.0.1:9/").header("Bad Name", "v"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::InvalidRequest);
    let err = t
        .send(HttpRequest::new(Method::Get, "http://127.0.0.1:9/").header("X-Ok", "line\nbreak"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::InvalidRequest);
}

#[tokio::test]
async fn requests_go_through_the_configured_proxy() {
    let mut proxy = mockito::Server::new_async().await;
    // A plain-HTTP request through a proxy is sent to the proxy with an absolute URI.
    let mock = proxy
        .mock("GET", Matcher::Any)
        .match_header("proxy-authorization", "Basic dXNlcjpwYXNz")
        .with_status(200)
        .with_body("via proxy")
        .create_async()
        .await;
    let cfg = TransportConfig::default()
        .proxy(ProxyConfig::new(proxy.url()).with_credentials("user", "pass"));
    let t = ReqwestTransport::new(&cfg).unwrap();
    let resp = t
        .send(HttpRequest::new(
            Method::Get,
            "http://provider.invalid/v1/ping",
        ))
        .await
        .unwrap();
    assert_eq!(resp.body, b"via proxy");
    mock.assert_async().await;
    let bad = TransportConfig::default().proxy(ProxyConfig::new("::not a url::"));
    assert_eq!(
        ReqwestTransport::new(&bad).unwrap_err().kind(),
        TransportErrorKind::InvalidRequest
    );
}

#[cfg(feature = "blocking")]
mod blocking {
    use super::*;
    use payments_core::http::blocking::{BlockingTransport, ReqwestBlockingTransport};

    #[test]
    fn blocking_success_error_and_timeout() {
        let mut server = mockito::Server::new();
        let _ok = server
            .mock("PUT", "/ok")
            .match_header("x-a", "1")
            .match_body("body")
            .with_status(200)
            .with_body("fine")
            .create();
        let _err = server
            .mock("GET", "/err")
            .with_status(500)
            .with_body("boom")
            .create();
        let t = ReqwestBlockingTransport::new(
            &TransportConfig::default().timeout(Duration::from_millis(400)),
        )
        .unwrap();
        let r = t
            .send(
                HttpRequest::new(Method::Put, format!("{}/ok", server.url()))
                    .header("X-A", "1")
                    .body(b"body".to_vec()),
            )
            .unwrap();
        assert_eq!((r.status, r.body.as_slice()), (200, &b"fine"[..]));
        let r = t
            .send(HttpRequest::new(
                Method::Get,
                format!("{}/err", server.url()),
            ))
            .unwrap();
        assert_eq!(r.status, 500);

        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let hold = std::thread::spawn(move || {
            let (s, _) = listener.accept().unwrap();
            std::thread::sleep(Duration::from_secs(2));
            drop(s);
        });
        let err = t
            .send(HttpRequest::new(Method::Get, format!("http://{addr}/slow")))
            .unwrap_err();
        assert!(err.is_timeout(), "{err:?}");
        hold.join().unwrap();

        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        let err = t
            .send(HttpRequest::new(
                Method::Get,
                format!("http://127.0.0.1:{port}/"),
            ))
            .unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Connect);
    }
}

#[cfg(feature = "test-util")]
mod replay {
    use payments_core::http::test_util::ReplayTransport;
    use payments_core::http::{
        HttpRequest, HttpResponse, Method, Transport, TransportError, TransportErrorKind,
    };

    #[tokio::test]
    async fn replays_in_order_and_records() {
        let t = ReplayTransport::new();
        t.push_response(HttpResponse::new(200, "one"))
            .push_error(TransportError::new(TransportErrorKind::Timeout, "slow"))
            .push_response(HttpResponse::new(404, "three"));
        let clone = t.clone();
        assert_eq!(
            clone
                .send(HttpRequest::new(Method::Get, "http://a/1"))
                .await
                .unwrap()
                .body,
            b"one"
        );
        assert!(
            t.send(HttpRequest::new(Method::Get, "http://a/2"))
                .await
                .unwrap_err()
                .is_timeout()
        );
        assert_eq!(
            t.send(HttpRequest::new(Method::Post, "http://a/3").body(b"x".to_vec()))
                .await
                .unwrap()
                .status,
            404
        );
        let err = t
            .send(HttpRequest::new(Method::Get, "http://a/4"))
            .await
            .unwrap_err();
        assert!(err.message().contains("no response queued"));
        let urls: Vec<_> = t.requests().into_iter().map(|r| r.url).collect();
        assert_eq!(
            urls,
            ["http://a/1", "http://a/2", "http://a/3", "http://a/4"]
        );
        assert_eq!(t.last_request().unwrap().url, "http://a/4");
        t.set_fallback(HttpResponse::new(204, ""));
        assert_eq!(
            t.send(HttpRequest::new(Method::Get, "http://a/5"))
                .await
                .unwrap()
                .status,
            204
        );
        t.clear_requests();
        assert!(t.requests().is_empty());
        assert_eq!(t.pending(), 0);
    }

    #[cfg(feature = "blocking")]
    #[test]
    fn blocking_replay() {
        use payments_core::http::blocking::BlockingTransport;
        let t = ReplayTransport::new();
        t.push_response(HttpResponse::new(200, "ok"));
        assert_eq!(
            BlockingTransport::send(&t, HttpRequest::new(Method::Get, "http://a/"))
                .unwrap()
                .status,
            200
        );
        assert_eq!(t.requests().len(), 1);
    }
}
