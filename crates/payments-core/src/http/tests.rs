//! Unit tests of the HTTP messages and errors.

use super::*;

#[test]
fn headers_keep_order_and_ignore_case() {
    let mut h = Headers::new();
    h.append("Accept", "a");
    h.append("X-Dup", "1");
    h.append("x-dup", "2");
    assert_eq!(h.get("ACCEPT"), Some("a"));
    assert_eq!(h.get("X-DUP"), Some("1"));
    assert_eq!(h.get_last("x-dup"), Some("2"));
    assert_eq!(h.get_all("x-dup").collect::<Vec<_>>(), ["1", "2"]);
    h.insert("X-Dup", "3");
    assert_eq!(h.get_all("x-dup").collect::<Vec<_>>(), ["3"]);
    assert_eq!(
        h.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        ["Accept", "X-Dup"]
    );
    h.remove("accept");
    assert_eq!(h.len(), 1);
    assert!(!h.contains("Accept"));
}

#[test]
fn debug_redacts_credentials() {
    let req = HttpRequest::new(Method::Post, "https://x.test/")
        .header("Authorization", "Basic c2VjcmV0Og==")
        .header("Accept", "application/json")
        .body(b"{}".to_vec());
    let dbg = format!("{req:?}");
    assert!(!dbg.contains("c2VjcmV0Og"), "{dbg}");
    assert!(dbg.contains("[REDACTED]"));
    assert!(dbg.contains("application/json"));
    let proxy = ProxyConfig::new("http://p:1").with_credentials("u", "hunter2");
    assert!(!format!("{proxy:?}").contains("hunter2"));
    assert_eq!(proxy.expose_password(), Some("hunter2"));
}

#[test]
fn response_helpers() {
    let r = HttpResponse::json(404, "é".repeat(300));
    assert!(!r.is_success());
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.snippet(200).chars().count(), 200);
    assert!(HttpResponse::new(204, "").is_success());
    assert!(!HttpResponse::new(199, "").is_success());
    assert!(!HttpResponse::new(300, "").is_success());
    assert_eq!(body_snippet(&[0xff, b'a'], 10), "\u{fffd}a");
}

#[test]
fn transport_error_semantics() {
    let e = TransportError::new(TransportErrorKind::Connect, "refused");
    assert!(!e.request_may_have_been_sent());
    assert!(e.is_connect());
    assert_eq!(e.to_string(), "connect error: refused");
    let e = TransportError::new(TransportErrorKind::Timeout, "30s");
    assert!(e.request_may_have_been_sent() && e.is_timeout());
    let e = TransportError::new(TransportErrorKind::Io, "reset")
        .with_source(std::io::Error::other("reset by peer"));
    assert!(std::error::Error::source(&e).is_some());
    assert!(
        !TransportError::new(TransportErrorKind::InvalidRequest, "bad url")
            .request_may_have_been_sent()
    );
    assert!(!TransportError::new(TransportErrorKind::Tls, "cert").request_may_have_been_sent());
    assert!(
        !TransportError::new(TransportErrorKind::Io, "x")
            .with_may_have_been_sent(false)
            .request_may_have_been_sent()
    );
}

#[test]
fn method_names() {
    assert_eq!(Method::Get.to_string(), "GET");
    assert_eq!(Method::Delete.as_str(), "DELETE");
}
