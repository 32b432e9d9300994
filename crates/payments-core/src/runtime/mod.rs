//! The runtime every HTTP client of the workspace sends through (feature `runtime`, on
//! with `reqwest`): one [`Runtime::execute`] (async) and `Runtime::execute_blocking` (feature `blocking`)
//! that send a request, retry it only where that is safe ([`RetryPolicy`],
//! [`Idempotency`]), refuse redirects, count attempts and trace the call.
//!
//! Provider crates describe each official method once as an [`Operation`] (with
//! [`operation!`](crate::operation)) and never write a retry loop or HTTP code of their own.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! # #[cfg(feature = "test-util")] {
//! use std::sync::Arc;
//! use payments_core::http::{HttpRequest, HttpResponse, Method};
//! use payments_core::http::test_util::ReplayTransport;
//! use payments_core::runtime::{Operation, RetryPolicy, Runtime};
//!
//! const GET_ORDER: Operation = payments_core::operation!(
//!     "nopayn", "get_order", Get, "/v1/orders/{order_id}/", Idempotent
//! );
//!
//! let transport = ReplayTransport::new();
//! transport.push_response(HttpResponse::new(503, "").with_header("Retry-After", "0"));
//! transport.push_response(HttpResponse::json(200, r#"{"id":"o1"}"#));
//! let runtime = Runtime::new(Arc::new(transport.clone()), RetryPolicy::default());
//! let request = HttpRequest::new(Method::Get, "https://api.example/v1/orders/o1/");
//! let exchange = runtime.execute(&GET_ORDER, request).await.unwrap();
//! assert_eq!((exchange.response.status, exchange.attempts), (200, 2));
//! assert_eq!(transport.requests().len(), 2);
//! # } }
//! ```

mod retry;
mod trace;

use std::sync::Arc;
#[cfg(feature = "runtime")]
use std::time::Instant;

pub use retry::{RETRYABLE_STATUSES, RetryPolicy, retry_after};

#[cfg(feature = "runtime")]
use crate::http::{HttpRequest, TransportError};
use crate::http::{HttpResponse, Method};
#[cfg(feature = "runtime")]
use retry::{Attempts, Step};

/// Whether an operation may be sent again once it may have reached the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Idempotency {
    /// Repeating it changes nothing: GETs, and reads sent as POST (EPoint `get-status`).
    Idempotent,
    /// A write that carries an idempotency key, re-sent with the same key, so the provider
    /// acts once (Online Payments `X-GCS-Idempotence-Key`).
    Keyed,
    /// A write that could act twice (create, capture, refund without a key): re-sent only
    /// when it certainly did not reach the server.
    NonIdempotent,
}

/// One official method of a provider, as the runtime needs it. Build it with
/// [`operation!`](crate::operation), which also gives it a tracing span of its own name.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    provider: &'static str,
    name: &'static str,
    method: Method,
    url_template: &'static str,
    idempotency: Idempotency,
    span: trace::SpanHook,
}

impl Operation {
    /// An operation without a span of its own (the call is traced as `payments.call` with
    /// `otel.name` set to `name`). Prefer [`operation!`](crate::operation).
    pub const fn new(
        provider: &'static str,
        name: &'static str,
        method: Method,
        url_template: &'static str,
        idempotency: Idempotency,
    ) -> Self {
        Self {
            provider,
            name,
            method,
            url_template,
            idempotency,
            span: trace::NO_SPAN,
        }
    }

    #[doc(hidden)]
    pub const fn __with_span(mut self, span: trace::SpanHook) -> Self {
        self.span = span;
        self
    }

    /// The provider, e.g. `nopayn`.
    pub const fn provider(&self) -> &'static str {
        self.provider
    }

    /// The traced name: `<provider>.<official method>`, e.g. `nopayn.create_order`.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The HTTP method.
    pub const fn method(&self) -> Method {
        self.method
    }

    /// The path template, e.g. `/v1/orders/{order_id}/`.
    pub const fn url_template(&self) -> &'static str {
        self.url_template
    }

    /// Whether the operation may be re-sent.
    pub const fn idempotency(&self) -> Idempotency {
        self.idempotency
    }

    /// The same operation with another idempotency, e.g. [`Idempotency::Keyed`] for a call
    /// that carries an idempotency key.
    pub const fn with_idempotency(mut self, idempotency: Idempotency) -> Self {
        self.idempotency = idempotency;
        self
    }
}

/// Declares an [`Operation`] (usable in a `const`): provider, official method name,
/// HTTP method, path template and [`Idempotency`]. With the `tracing` feature the call
/// gets a span named `<provider>.<method name>`. The method name is a string literal or
/// a `concat!`/`stringify!` of literals (for operations declared by a macro).
///
/// ```
/// use payments_core::runtime::{Idempotency, Operation};
///
/// const CREATE_ORDER: Operation =
///     payments_core::operation!("nopayn", "create_order", Post, "/v1/orders/", NonIdempotent);
/// assert_eq!(CREATE_ORDER.name(), "nopayn.create_order");
/// assert_eq!(CREATE_ORDER.idempotency(), Idempotency::NonIdempotent);
///
/// const GET_PAYMENT: Operation = payments_core::operation!(
///     "onlinepayments",
///     concat!(stringify!(payments), ".", stringify!(get_payment)),
///     Get,
///     "/v2/{merchantId}/payments/{paymentId}",
///     Idempotent
/// );
/// assert_eq!(GET_PAYMENT.name(), "onlinepayments.payments.get_payment");
/// ```
#[macro_export]
macro_rules! operation {
    ($provider:literal, $name:expr, $method:ident, $template:expr, $idempotency:ident) => {
        $crate::runtime::Operation::new(
            $provider,
            concat!($provider, ".", $name),
            $crate::http::Method::$method,
            $template,
            $crate::runtime::Idempotency::$idempotency,
        )
        .__with_span($crate::__operation_span!(concat!($provider, ".", $name)))
    };
}

/// A response received by [`Runtime::execute`], with the number of attempts it took.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Exchange {
    /// The final response (any status but 3xx).
    pub response: HttpResponse,
    /// Attempts made, the first included.
    pub attempts: u32,
}

/// A transport and a [`RetryPolicy`]: what a client sends through. Cheap to clone.
#[derive(Debug)]
pub struct Runtime<T: ?Sized> {
    retry: RetryPolicy,
    transport: Arc<T>,
}

impl<T: ?Sized> Clone for Runtime<T> {
    fn clone(&self) -> Self {
        Self {
            retry: self.retry.clone(),
            transport: Arc::clone(&self.transport),
        }
    }
}

impl<T: ?Sized> Runtime<T> {
    /// A runtime on a transport.
    pub fn new(transport: Arc<T>, retry: RetryPolicy) -> Self {
        Self { retry, transport }
    }

    /// The transport.
    pub fn transport(&self) -> &Arc<T> {
        &self.transport
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The same transport with another retry policy.
    pub fn with_retry_policy(&self, retry: RetryPolicy) -> Self {
        Self {
            retry,
            transport: Arc::clone(&self.transport),
        }
    }
}

/// The result of a call: a 3xx becomes a redirect error; errors carry the attempt count.
#[cfg(feature = "runtime")]
fn finish(
    op: &Operation,
    attempts: &Attempts<'_>,
    result: Result<HttpResponse, TransportError>,
    span: &trace::CallSpan,
) -> Result<Exchange, TransportError> {
    let made = attempts.made();
    let result = match result {
        Ok(response) if (300..400).contains(&response.status) => {
            span.record_status(response.status);
            Err(TransportError::redirect(
                response.status,
                response.header("Location"),
            ))
        }
        Ok(response) => {
            span.record_status(response.status);
            Ok(Exchange {
                response,
                attempts: made,
            })
        }
        Err(e) => Err(e),
    }
    .map_err(|e| e.with_attempts(made));
    span.finish(op, made, || attempts.elapsed(), result.as_ref().err());
    result
}

#[cfg(feature = "runtime")]
fn tokio_now() -> Instant {
    tokio::time::Instant::now().into_std()
}

#[cfg(feature = "runtime")]
impl<T: crate::http::Transport + ?Sized> Runtime<T> {
    /// Sends `request` for `op`, retrying as the policy and the operation allow, and
    /// returns the final response (any status but 3xx) or the last transport error.
    pub async fn execute(
        &self,
        op: &Operation,
        request: HttpRequest,
    ) -> Result<Exchange, TransportError> {
        let span = trace::CallSpan::start(op);
        let call = async {
            let mut attempts = Attempts::new(&self.retry, op.idempotency(), tokio_now);
            let mut request = request;
            loop {
                attempts.prepare(&mut request);
                if !attempts.may_retry() {
                    // The last attempt: the request is not needed afterwards.
                    let result = self.transport.send(request).await;
                    return finish(op, &attempts, result, &span);
                }
                let result = self.transport.send_ref(&request).await;
                match attempts.after(result) {
                    Step::Done(result) => return finish(op, &attempts, result, &span),
                    Step::Retry { wait, cause } => {
                        span.retry(op, attempts.made(), cause, wait);
                        tokio::time::sleep(wait).await;
                    }
                }
            }
        };
        trace::instrument(call, &span).await
    }
}

#[cfg(feature = "blocking")]
impl<T: crate::http::blocking::BlockingTransport + ?Sized> Runtime<T> {
    /// The blocking [`execute`](Self::execute): the same retries, waits and errors.
    pub fn execute_blocking(
        &self,
        op: &Operation,
        request: HttpRequest,
    ) -> Result<Exchange, TransportError> {
        let span = trace::CallSpan::start(op);
        let _entered = span.enter();
        let mut attempts = Attempts::new(&self.retry, op.idempotency(), Instant::now);
        let mut request = request;
        loop {
            attempts.prepare(&mut request);
            if !attempts.may_retry() {
                // The last attempt: the request is not needed afterwards.
                let result = self.transport.send(request);
                return finish(op, &attempts, result, &span);
            }
            let result = self.transport.send_ref(&request);
            match attempts.after(result) {
                Step::Done(result) => return finish(op, &attempts, result, &span),
                Step::Retry { wait, cause } => {
                    span.retry(op, attempts.made(), cause, wait);
                    std::thread::sleep(wait);
                }
            }
        }
    }
}
