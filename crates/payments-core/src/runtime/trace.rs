//! Tracing of calls (feature `tracing`): one span per call named after the official
//! method, with OpenTelemetry HTTP attribute names, and an event per retry. Never a
//! header value, never a body. Without the feature every function here is a no-op.
// Used by the loops of the `runtime` and `blocking` features.
#![cfg_attr(not(feature = "blocking"), allow(dead_code))]

use std::time::Duration;

use super::Operation;
use super::retry::Cause;
use crate::http::TransportError;

#[cfg(feature = "tracing")]
mod enabled {
    use super::*;
    use tracing::field::Empty;

    /// Builds the span of an operation (generated per operation by `operation!`).
    pub type SpanHook = Option<fn(&Operation) -> tracing::Span>;

    pub const NO_SPAN: SpanHook = None;

    /// The span of one call.
    pub struct CallSpan(tracing::Span);

    /// The generic span, for operations built without `operation!`.
    fn generic(op: &Operation) -> tracing::Span {
        tracing::info_span!(
            "payments.call",
            "otel.name" = op.name(),
            "otel.kind" = "client",
            "payments.provider" = op.provider(),
            "http.request.method" = op.method().as_str(),
            "url.template" = op.url_template(),
            "http.response.status_code" = Empty,
            "http.request.resend_count" = Empty,
            duration_ms = Empty,
            "error.type" = Empty,
        )
    }

    impl CallSpan {
        pub fn start(op: &Operation) -> Self {
            Self(op.span.unwrap_or(generic)(op))
        }

        pub fn enter(&self) -> tracing::span::Entered<'_> {
            self.0.enter()
        }

        pub fn record_status(&self, status: u16) {
            self.0.record("http.response.status_code", status);
        }

        pub fn retry(&self, op: &Operation, attempt: u32, cause: Cause, wait: Duration) {
            tracing::warn!(
                target: "payments_core::runtime",
                parent: &self.0,
                attempt,
                cause = %cause,
                wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                "{} failed, retrying",
                op.name()
            );
        }

        pub fn finish(
            &self,
            _op: &Operation,
            attempts: u32,
            elapsed: impl FnOnce() -> Duration,
            error: Option<&TransportError>,
        ) {
            if attempts > 1 {
                self.0.record("http.request.resend_count", attempts - 1);
            }
            self.0.record(
                "duration_ms",
                u64::try_from(elapsed().as_millis()).unwrap_or(u64::MAX),
            );
            if let Some(error) = error {
                self.0
                    .record("error.type", tracing::field::display(error.kind()));
            }
        }
    }

    pub async fn instrument<F: std::future::Future>(future: F, span: &CallSpan) -> F::Output {
        use tracing::Instrument as _;
        future.instrument(span.0.clone()).await
    }

    /// The span of an operation declared with `operation!`: named `$name`.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __operation_span {
        ($name:expr) => {{
            fn span(op: &$crate::runtime::Operation) -> $crate::__private::tracing::Span {
                $crate::__private::tracing::info_span!(
                    $name,
                    "otel.kind" = "client",
                    "payments.provider" = op.provider(),
                    "http.request.method" = op.method().as_str(),
                    "url.template" = op.url_template(),
                    "http.response.status_code" = $crate::__private::tracing::field::Empty,
                    "http.request.resend_count" = $crate::__private::tracing::field::Empty,
                    duration_ms = $crate::__private::tracing::field::Empty,
                    "error.type" = $crate::__private::tracing::field::Empty,
                )
            }
            Some(span as fn(&$crate::runtime::Operation) -> $crate::__private::tracing::Span)
        }};
    }
}

#[cfg(not(feature = "tracing"))]
mod disabled {
    use super::*;

    /// Nothing to build without the `tracing` feature.
    pub type SpanHook = ();

    pub const NO_SPAN: SpanHook = ();

    /// No span.
    pub struct CallSpan;

    /// What `enter` returns without a span.
    pub struct NoGuard;

    impl CallSpan {
        pub fn start(_op: &Operation) -> Self {
            Self
        }

        pub fn enter(&self) -> NoGuard {
            NoGuard
        }

        pub fn record_status(&self, _status: u16) {}

        pub fn retry(&self, _op: &Operation, _attempt: u32, _cause: Cause, _wait: Duration) {}

        pub fn finish(
            &self,
            _op: &Operation,
            _attempts: u32,
            _elapsed: impl FnOnce() -> Duration,
            _error: Option<&TransportError>,
        ) {
        }
    }

    pub async fn instrument<F: std::future::Future>(future: F, _span: &CallSpan) -> F::Output {
        future.await
    }

    #[doc(hidden)]
    #[macro_export]
    macro_rules! __operation_span {
        ($name:expr) => {
            ()
        };
    }
}

#[cfg(not(feature = "tracing"))]
pub use disabled::*;
#[cfg(feature = "tracing")]
pub use enabled::*;
