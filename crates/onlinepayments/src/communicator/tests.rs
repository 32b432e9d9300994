//! The generic verbs and `execute` against a recording transport: the exact request, the
//! error mapping (none for the generic verbs) and the outcome of a failed send.

use std::sync::{Arc, Mutex};

use payments_core::http::{
    HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
};

use super::Communicator;
use crate::authentication::V1HmacAuthenticator;
use crate::communication::{
    ApiEndpoint, MetadataProvider, ParamRequest, RequestHeader, RequestParam,
};
use crate::{CallContext, Client, Error};

/// Records every request and answers each with the same response (or error).
#[derive(Debug)]
pub(crate) struct Recorder {
    answer: Result<HttpResponse, TransportErrorKind>,
    requests: Mutex<Vec<HttpRequest>>,
}

impl Recorder {
    pub(crate) fn answering(status: u16, body: &str) -> Arc<Self> {
        Arc::new(Self {
            answer: Ok(HttpResponse::json(status, body)),
            requests: Mutex::new(Vec::new()),
        })
    }

    fn failing(kind: TransportErrorKind) -> Arc<Self> {
        Arc::new(Self {
            answer: Err(kind),
            requests: Mutex::new(Vec::new()),
        })
    }

    fn only(&self) -> HttpRequest {
        let requests = self.requests.lock().unwrap();
        assert_eq!(requests.len(), 1, "{requests:?}");
        requests[0].clone()
    }
}

#[async_trait::async_trait]
impl Transport for Recorder {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.requests.lock().unwrap().push(request);
        self.answer
            .clone()
            .map_err(|kind| TransportError::new(kind, "injected"))
    }
}

pub(crate) fn communicator(transport: Arc<Recorder>) -> Communicator {
    Communicator::new(
        ApiEndpoint::parse("https://h.example").unwrap(),
        transport,
        Arc::new(V1HmacAuthenticator::new("key", "c2VjcmV0".to_owned().into()).unwrap()),
        MetadataProvider::new("integrator", None).unwrap(),
    )
}

struct Query;

impl ParamRequest for Query {
    fn to_request_parameters(&self) -> Vec<RequestParam> {
        vec![
            RequestParam::new("a b", "c/d&e"),
            RequestParam::new("n", "1"),
        ]
    }
}

fn names(request: &HttpRequest) -> Vec<&str> {
    request.headers.iter().map(|(n, _)| n).collect()
}

#[tokio::test]
async fn generic_post_sends_the_exact_request() {
    let transport = Recorder::answering(200, r#"{"id":"X"}"#);
    let communicator = communicator(transport.clone());
    let body = serde_json::json!({"a": [1, 2], "é": "ü"});
    let context = CallContext::new().with_idempotence_key("k-1");
    let result: serde_json::Value = communicator
        .post(
            "v2/M/things",
            &[RequestHeader::new("X-First", "1")],
            Some(&Query),
            Some(&body),
            Some(&context),
        )
        .await
        .unwrap();
    assert_eq!(result, serde_json::json!({"id": "X"}));
    let request = transport.only();
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(
        request.url,
        "https://h.example/v2/M/things?a%20b=c/d%26e&n=1"
    );
    assert_eq!(
        names(&request),
        [
            "X-First",
            "Content-Type",
            "X-GCS-ServerMetaInfo",
            "Date",
            "X-GCS-Idempotence-Key",
            "Authorization"
        ]
    );
    assert_eq!(
        request.body.as_deref(),
        Some(
            &b"{\n    \"a\": [\n        1,\n        2\n    ],\n    \"\\u00e9\": \"\\u00fc\"\n}"[..]
        )
    );
}

#[tokio::test]
async fn generic_verbs_without_body() {
    for (status, empty) in [(200, ""), (204, "")] {
        let transport = Recorder::answering(status, empty);
        let communicator = communicator(transport.clone());
        let value: Option<String> = communicator.get("/v2/M", &[], None, None).await.unwrap();
        assert_eq!(value, None, "an empty 2xx body gives the default");
        let request = transport.only();
        assert_eq!(request.body, None);
        assert!(!names(&request).contains(&"Content-Type"));
    }
    let transport = Recorder::answering(200, "");
    let () = communicator(transport.clone())
        .put::<(), _>("/v2/M", &[], None, None, None)
        .await
        .unwrap();
    // a PUT or POST without body sends an empty one
    assert_eq!(transport.only().body.as_deref(), Some(&b""[..]));
    let transport = Recorder::answering(200, "");
    let () = communicator(transport.clone())
        .delete("/v2/M", &[], None, None)
        .await
        .unwrap();
    assert_eq!(transport.only().method.as_str(), "DELETE");
}

#[tokio::test]
async fn generic_verbs_leave_json_errors_unmapped() {
    let body = r#"{"errorId":"E","errors":[{"errorCode":"1"}]}"#;
    let transport = Recorder::answering(400, body);
    let client = Client::new(Arc::new(communicator(transport)));
    match client
        .communicator()
        .get::<serde_json::Value>("/v2/M/payments/P", &[], None, None)
        .await
        .unwrap_err()
    {
        Error::ResponseException(e) => {
            assert_eq!(e.status_code, 400);
            assert_eq!(e.body, body);
        }
        other => panic!("{other:?}"),
    }
    // the same response of an API method goes through the exception factory
    let err = client
        .merchant("M")
        .payments()
        .get_payment("P", None)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ValidationException(_)), "{err:?}");
}

#[tokio::test]
async fn gzip_of_the_context_applies_to_generic_posts() {
    let transport = Recorder::answering(200, "{}");
    let communicator = communicator(transport.clone());
    let context = CallContext::new().with_gzip(true);
    let _: serde_json::Value = communicator
        .post(
            "/v2/M",
            &[],
            None,
            Some(&serde_json::json!({})),
            Some(&context),
        )
        .await
        .unwrap();
    let request = transport.only();
    assert_eq!(request.headers.get("Content-Encoding"), Some("gzip"));
    assert_eq!(
        request.body.as_deref().and_then(|b| b.get(..2)),
        Some(&[0x1f, 0x8b][..])
    );
}

#[tokio::test]
async fn a_failed_send_is_a_communication_exception() {
    let quick = payments_core::runtime::RetryPolicy::default()
        .initial_backoff(std::time::Duration::from_millis(1));
    // (kind, may have been sent, requests for the read, requests for the unkeyed write)
    for (kind, may_have_been_sent, reads, writes) in [
        (TransportErrorKind::Connect, false, 3, 3),
        (TransportErrorKind::Timeout, true, 3, 1),
    ] {
        let transport = Recorder::failing(kind);
        let communicator = communicator(transport.clone()).with_retry_policy(quick.clone());
        let client = Client::new(Arc::new(communicator));
        let err = client
            .merchant("M")
            .services()
            .test_connection(None)
            .await
            .unwrap_err();
        match err {
            Error::CommunicationException(e) => {
                let transport_error = e.transport_error().unwrap();
                assert_eq!(transport_error.kind(), kind);
                assert_eq!(transport_error.attempts(), reads);
                assert_eq!(e.request_may_have_been_sent(), may_have_been_sent);
            }
            other => panic!("{other:?}"),
        }
        let requests = transport.requests.lock().unwrap().clone();
        assert_eq!(requests.len(), reads as usize, "{kind:?}");
        assert_eq!(
            requests[0].url,
            "https://h.example/v2/M/services/testconnection"
        );
        transport.requests.lock().unwrap().clear();
        let err = client
            .merchant("M")
            .payments()
            .create_payment(&Default::default(), None)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::CommunicationException(_)), "{err:?}");
        assert_eq!(transport.requests.lock().unwrap().len(), writes, "{kind:?}");
    }
}

#[cfg(feature = "blocking")]
impl payments_core::http::blocking::BlockingTransport for Recorder {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.requests.lock().unwrap().push(request);
        self.answer
            .clone()
            .map_err(|kind| TransportError::new(kind, "injected"))
    }
}

/// The blocking communicator is the same shell over a blocking transport.
#[cfg(feature = "blocking")]
#[test]
fn blocking_generic_verbs() {
    let transport = Recorder::answering(400, "{}");
    let communicator = crate::blocking::Communicator::new(
        ApiEndpoint::parse("https://h.example").unwrap(),
        transport.clone(),
        Arc::new(V1HmacAuthenticator::new("key", "c2VjcmV0".to_owned().into()).unwrap()),
        MetadataProvider::new("integrator", None).unwrap(),
    );
    let err = communicator
        .put::<_, serde_json::Value>("/v2/M", &[], Some(&Query), Some(&[1, 2]), None)
        .unwrap_err();
    assert!(matches!(err, Error::ResponseException(_)), "{err:?}");
    let request = transport.only();
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url, "https://h.example/v2/M?a%20b=c/d%26e&n=1");
    assert_eq!(request.body.as_deref(), Some(&b"[\n    1,\n    2\n]"[..]));
}
