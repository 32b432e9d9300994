//! Test utilities (feature `test-util`): [`ReplayTransport`], a transport that replays
//! queued responses and records every request, for testing provider clients and your own
//! code without a server; and [`fault::FaultServer`], a loopback server that misbehaves on
//! purpose (resets, stalls, truncation, huge bodies, redirect loops, 429/503); and
//! [`memory::peak_rss_growth_in_child`], the peak memory of one scenario.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use payments_core::http::{HttpRequest, HttpResponse, Method, Transport};
//! use payments_core::http::test_util::ReplayTransport;
//!
//! let transport = ReplayTransport::new();
//! transport.push_response(HttpResponse::json(200, r#"{"ok":true}"#));
//! let resp = transport.send(HttpRequest::new(Method::Get, "https://api.test/x")).await.unwrap();
//! assert_eq!(resp.status, 200);
//! assert_eq!(transport.requests()[0].url, "https://api.test/x");
//! # }
//! ```

pub mod fault;
pub mod memory;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;

use super::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};

/// A lock for the tests of one test binary that must not run beside each other: take it
/// first in each (`let _serial = one_at_a_time();`). Tests that install a thread-scoped
/// `tracing` subscriber need it: tracing's global callsite cache races between a thread
/// with a subscriber and threads without one, and an event can then go missing.
pub fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[derive(Debug, Default)]
struct State {
    queue: VecDeque<Result<HttpResponse, TransportError>>,
    requests: Vec<HttpRequest>,
    fallback: Option<HttpResponse>,
}

/// Replays queued responses (or errors) in order and records every request it receives.
/// Clones share the same queue and record.
#[derive(Debug, Clone, Default)]
pub struct ReplayTransport {
    state: Arc<Mutex<State>>,
}

impl ReplayTransport {
    /// An empty transport: every request fails until responses are queued.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        match self.state.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Queues a response.
    pub fn push_response(&self, response: HttpResponse) -> &Self {
        self.lock().queue.push_back(Ok(response));
        self
    }

    /// Queues a transport error.
    pub fn push_error(&self, error: TransportError) -> &Self {
        self.lock().queue.push_back(Err(error));
        self
    }

    /// A response given whenever the queue is empty (instead of an error).
    pub fn set_fallback(&self, response: HttpResponse) -> &Self {
        self.lock().fallback = Some(response);
        self
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.lock().requests.clone()
    }

    /// The most recent request.
    pub fn last_request(&self) -> Option<HttpRequest> {
        self.lock().requests.last().cloned()
    }

    /// Number of queued responses not yet used.
    pub fn pending(&self) -> usize {
        self.lock().queue.len()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.lock().requests.clear();
    }

    fn next(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut state = self.lock();
        state.requests.push(request);
        match state.queue.pop_front() {
            Some(result) => result,
            None => state.fallback.clone().ok_or_else(|| {
                TransportError::new(
                    TransportErrorKind::Other,
                    "ReplayTransport: no response queued",
                )
                .with_may_have_been_sent(false)
            }),
        }
    }
}

#[async_trait]
impl Transport for ReplayTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.next(request)
    }
}

#[cfg(feature = "blocking")]
impl super::blocking::BlockingTransport for ReplayTransport {
    fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.next(request)
    }
}
