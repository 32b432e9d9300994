//! Shared helpers of the integration tests: a mockito server that records every
//! request, clients pointed at it, and an independent check of the v1HMAC signature.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use onlinepayments::authentication::{Authenticator, V1HmacAuthenticator};
use onlinepayments::communication::RequestHeader;
use onlinepayments::{Client, CommunicatorConfiguration, Factory};

pub const KEY_ID: &str = "KEY1234";
pub const SECRET: &str = "c2VjcmV0LXNlY3JldA==";
pub const INTEGRATOR: &str = "ACME Integrator";

const METHODS: [&str; 4] = ["GET", "POST", "PUT", "DELETE"];

/// One request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path_and_query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn path(&self) -> &str {
        self.path_and_query.split('?').next().unwrap()
    }

    pub fn query(&self) -> Option<&str> {
        self.path_and_query.split_once('?').map(|(_, q)| q)
    }

    /// The Authorization the server expects, recomputed from the received request.
    pub fn expected_authorization(&self) -> String {
        let headers: Vec<RequestHeader> = self
            .headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("authorization"))
            .map(|(n, v)| RequestHeader::new(n.clone(), v.clone()))
            .collect();
        let auth = V1HmacAuthenticator::new(KEY_ID, SECRET.to_owned().into()).unwrap();
        auth.get_authorization(
            &self.method,
            &format!("http://server{}", self.path_and_query),
            &headers,
        )
        .unwrap()
    }

    pub fn assert_signed(&self) {
        assert_eq!(
            self.header("authorization"),
            Some(self.expected_authorization().as_str())
        );
        let date = self.header("date").unwrap();
        assert!(date.ends_with(" GMT") && date.len() == 29, "{date}");
        assert!(self.header("x-gcs-servermetainfo").is_some());
    }
}

/// A mock server answering every request with `status`, `content_type` and `body`, and
/// recording the requests.
pub struct Server {
    pub server: mockito::ServerGuard,
    pub requests: Arc<Mutex<Vec<Recorded>>>,
    _mocks: Vec<mockito::Mock>,
}

impl Server {
    pub async fn start(status: usize, content_type: Option<&str>, body: &str) -> Self {
        Self::start_with_headers(status, content_type, body, &[]).await
    }

    pub async fn start_with_headers(
        status: usize,
        content_type: Option<&str>,
        body: &str,
        headers: &[(&str, &str)],
    ) -> Self {
        let mut server = mockito::Server::new_async().await;
        let requests = Arc::new(Mutex::new(Vec::new()));
        let mut mocks = Vec::new();
        for method in METHODS {
            mocks.push(
                Self::mock(
                    &mut server,
                    method,
                    requests.clone(),
                    status,
                    content_type,
                    body,
                    headers,
                )
                .create_async()
                .await,
            );
        }
        Self {
            server,
            requests,
            _mocks: mocks,
        }
    }

    pub fn start_blocking(status: usize, content_type: Option<&str>, body: &str) -> Self {
        let mut server = mockito::Server::new();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let mocks = METHODS
            .iter()
            .map(|m| {
                Self::mock(
                    &mut server,
                    m,
                    requests.clone(),
                    status,
                    content_type,
                    body,
                    &[],
                )
                .create()
            })
            .collect();
        Self {
            server,
            requests,
            _mocks: mocks,
        }
    }

    fn mock(
        server: &mut mockito::ServerGuard,
        method: &str,
        requests: Arc<Mutex<Vec<Recorded>>>,
        status: usize,
        content_type: Option<&str>,
        body: &str,
        headers: &[(&str, &str)],
    ) -> mockito::Mock {
        let body = body.to_owned();
        let mut mock = server
            .mock(method, mockito::Matcher::Any)
            .with_status(status);
        if let Some(ct) = content_type {
            mock = mock.with_header("content-type", ct);
        }
        for (n, v) in headers {
            mock = mock.with_header(*n, v);
        }
        mock.with_body_from_request(move |req| {
            requests.lock().unwrap().push(Recorded {
                method: req.method().to_owned(),
                path_and_query: req.path_and_query().to_owned(),
                headers: req
                    .headers()
                    .iter()
                    .map(|(n, v)| {
                        (
                            n.as_str().to_owned(),
                            String::from_utf8_lossy(v.as_bytes()).into_owned(),
                        )
                    })
                    .collect(),
                body: req.body().cloned().unwrap_or_default(),
            });
            body.clone().into_bytes()
        })
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    pub fn last(&self) -> Recorded {
        self.requests
            .lock()
            .unwrap()
            .last()
            .cloned()
            .expect("no request received")
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    pub fn configuration(&self) -> CommunicatorConfiguration {
        configuration(&self.url())
    }

    pub fn client(&self) -> Client {
        Factory::create_client_from_configuration(&self.configuration(), None, None, None).unwrap()
    }

    #[cfg(feature = "blocking")]
    pub fn blocking_client(&self) -> onlinepayments::blocking::Client {
        onlinepayments::blocking::Factory::create_client_from_configuration(
            &self.configuration(),
            None,
            None,
            None,
        )
        .unwrap()
    }
}

pub fn configuration(url: &str) -> CommunicatorConfiguration {
    CommunicatorConfiguration::builder()
        .api_endpoint(url)
        .api_key_id(KEY_ID)
        .secret_api_key(SECRET)
        .integrator(INTEGRATOR)
        .build()
        .unwrap()
}

/// Python's `json.dumps(value, indent=4)` of a serialisable value.
pub fn pretty<T: serde::Serialize>(value: &T) -> String {
    payments_core::pyfmt::json_dumps(
        &serde_json::to_value(value).unwrap(),
        payments_core::pyfmt::JsonStyle::Indent {
            width: 4,
            ensure_ascii: true,
        },
    )
}

pub fn gunzip(data: &[u8]) -> String {
    use std::io::Read;
    let mut out = String::new();
    flate2::read::GzDecoder::new(data)
        .read_to_string(&mut out)
        .unwrap();
    out
}
