#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! A merchant endpoint that records notifications and can fail the first few.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use payments_testkit::RetryPolicy;

/// Headers and body of one received notification.
pub type Received = (Vec<(String, String)>, Vec<u8>);

/// Decides whether a notification (headers, body) is genuine.
pub type Check = Arc<dyn Fn(&[(String, String)], &[u8]) -> bool + Send + Sync>;

#[derive(Clone, Default)]
struct MerchantState {
    received: Arc<Mutex<Vec<Received>>>,
    fail_first: Arc<AtomicUsize>,
    check: Option<Check>,
}

pub struct Merchant {
    pub url: String,
    state: MerchantState,
}

impl Merchant {
    /// Starts a receiver that answers 500 to the first `fail_first` requests, then 200.
    pub async fn start(fail_first: usize) -> Merchant {
        Self::serve(MerchantState::default(), fail_first).await
    }

    /// Like [`Merchant::start`], but once the failures are used up it answers 200 only to
    /// notifications `check` accepts, and 400 to the others (as a real endpoint that
    /// verifies with the SDK does).
    pub async fn start_verifying(
        fail_first: usize,
        check: impl Fn(&[(String, String)], &[u8]) -> bool + Send + Sync + 'static,
    ) -> Merchant {
        let state = MerchantState {
            check: Some(Arc::new(check)),
            ..MerchantState::default()
        };
        Self::serve(state, fail_first).await
    }

    async fn serve(state: MerchantState, fail_first: usize) -> Merchant {
        state.fail_first.store(fail_first, Ordering::SeqCst);
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let router = Router::new().fallback(receive).with_state(state.clone());
        tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        Merchant {
            url: format!("http://{addr}/notify"),
            state,
        }
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().unwrap().clone()
    }
}

async fn receive(
    State(state): State<MerchantState>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    state
        .received
        .lock()
        .unwrap()
        .push((headers.clone(), body.to_vec()));
    let left = state.fail_first.load(Ordering::SeqCst);
    if left > 0 {
        state.fail_first.store(left - 1, Ordering::SeqCst);
        StatusCode::INTERNAL_SERVER_ERROR
    } else if state
        .check
        .as_ref()
        .is_none_or(|check| check(&headers, &body))
    {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    }
}

pub fn fast_retry() -> RetryPolicy {
    RetryPolicy::new(4, Duration::from_millis(10))
}

/// A client that does not follow redirects.
pub fn client() -> reqwest::Client {
    // reqwest is built without a TLS provider of its own (payments-core brings ring and
    // configures its clients itself): a plain client needs the process default.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

pub fn vectors(name: &str) -> serde_json::Value {
    let path = format!("{}/tests/vectors/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}
