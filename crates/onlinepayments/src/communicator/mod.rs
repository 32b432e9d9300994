//! The communicator: runs API calls. Every call takes one path, `execute`: the
//! [`ApiCall`] is prepared into a signed request (`prepare.rs`), sent through the runtime
//! of `payments-core` as the call's [`Operation`] (retried where that is safe, each
//! attempt signed and logged by `send.rs`), and its outcome finished into the result or
//! error (`finish.rs`, with the exception factory for error bodies). The async
//! communicator is defined here, the blocking one in `blocking/communicator.rs`, both by
//! `communicator_shell!`.
//!
//! [`Operation`]: payments_core::runtime::Operation

mod dates;
mod finish;
mod logging;
mod prepare;
mod send;

use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};

use payments_core::http::Transport;
use payments_core::runtime::Operation;
use serde::de::DeserializeOwned;

use crate::api_call::{ApiCall, RequestParameters};
use crate::authentication::Authenticator;
use crate::call_context::CallContext;
use crate::communication::{ApiEndpoint, MetadataProvider, RequestHeader};
use crate::log::{BodyObfuscator, CommunicatorLogger, HeaderObfuscator};

pub use dates::{format_date_time, parse_datetime};
pub(crate) use finish::{ignore_body, unmarshal};
use logging::LogSettings;
pub(crate) use send::AttemptSender;

/// What the async and blocking communicators share: endpoint, authenticator, metadata
/// and logging settings. Preparing a call is its method (`prepare.rs`).
pub(crate) struct CommunicatorCore {
    api_endpoint: ApiEndpoint,
    authenticator: Arc<dyn Authenticator>,
    metadata_provider: MetadataProvider,
    /// Shared with the calls under way, which keep the settings they started with.
    logging: RwLock<Arc<LogSettings>>,
}

impl fmt::Debug for CommunicatorCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Communicator")
            .field("api_endpoint", &self.api_endpoint.as_url())
            .field("authenticator", &self.authenticator)
            .finish_non_exhaustive()
    }
}

impl CommunicatorCore {
    pub(crate) fn new(
        api_endpoint: ApiEndpoint,
        authenticator: Arc<dyn Authenticator>,
        metadata_provider: MetadataProvider,
    ) -> Self {
        Self {
            api_endpoint,
            authenticator,
            metadata_provider,
            logging: RwLock::new(Arc::new(LogSettings::default())),
        }
    }

    pub(crate) fn api_endpoint(&self) -> &ApiEndpoint {
        &self.api_endpoint
    }

    /// The authenticator, for signing retried attempts.
    pub(crate) fn authenticator(&self) -> Arc<dyn Authenticator> {
        Arc::clone(&self.authenticator)
    }

    /// The logging settings at the start of a call.
    fn log_settings(&self) -> Arc<LogSettings> {
        Arc::clone(&self.logging.read().unwrap_or_else(PoisonError::into_inner))
    }

    fn set_logging(&self, f: impl FnOnce(&mut LogSettings)) {
        let mut settings = self.logging.write().unwrap_or_else(PoisonError::into_inner);
        f(Arc::make_mut(&mut settings));
    }

    pub(crate) fn enable_logging(&self, logger: Arc<dyn CommunicatorLogger>) {
        self.set_logging(|l| l.logger = Some(logger));
    }

    pub(crate) fn disable_logging(&self) {
        self.set_logging(|l| l.logger = None);
    }

    pub(crate) fn set_body_obfuscator(&self, obfuscator: BodyObfuscator) {
        self.set_logging(|l| l.body_obfuscator = obfuscator);
    }

    pub(crate) fn set_header_obfuscator(&self, obfuscator: HeaderObfuscator) {
        self.set_logging(|l| l.header_obfuscator = obfuscator);
    }
}

/// A call of the generic verbs: the relative path and headers as given, a JSON error
/// response left as `ResponseException`, a 2xx body read as `T`.
pub(crate) fn generic_call<'a, B: ?Sized, T: DeserializeOwned + Default>(
    operation: Operation,
    relative_path: &'a str,
    headers: &'a [RequestHeader],
    query: RequestParameters<'a>,
    body: Option<&'a B>,
    context: Option<&'a CallContext>,
) -> ApiCall<'a, B, T> {
    ApiCall {
        operation,
        template: relative_path,
        path_args: &[],
        headers,
        query,
        body,
        error_type: None,
        force_gzip: false,
        context,
        parse: unmarshal::<T>,
    }
}

/// Defines a communicator over a transport: its constructor, `execute` (the one path of
/// every call: prepare, send through the runtime, finish) and the generic verbs.
/// `[$async] [$await] [$sync]` are `async`, `.await` and `+ Sync` for the async
/// communicator and empty for the blocking one (whose bodies need not be `Sync`);
/// `$execute` is the runtime's `execute` or `execute_blocking`.
macro_rules! communicator_shell {
    (
        $(#[$doc:meta])*
        $Communicator:ident, $Transport:ty, $execute:ident, [$($async:tt)*] [$($await:tt)*] [$($sync:tt)*]
    ) => {
        $(#[$doc])*
        pub struct $Communicator {
            core: crate::communicator::CommunicatorCore,
            transport: std::sync::Arc<$Transport>,
            retry_policy: payments_core::runtime::RetryPolicy,
        }

        impl std::fmt::Debug for $Communicator {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($Communicator))
                    .field("core", &self.core)
                    .field("retry_policy", &self.retry_policy)
                    .finish_non_exhaustive()
            }
        }

        impl $Communicator {
            /// A communicator from its parts, with the default
            /// [`RetryPolicy`](payments_core::runtime::RetryPolicy) (see
            /// [`with_retry_policy`](Self::with_retry_policy)).
            pub fn new(
                api_endpoint: crate::communication::ApiEndpoint,
                connection: std::sync::Arc<$Transport>,
                authenticator: std::sync::Arc<dyn crate::authentication::Authenticator>,
                metadata_provider: crate::communication::MetadataProvider,
            ) -> Self {
                Self {
                    core: crate::communicator::CommunicatorCore::new(api_endpoint, authenticator, metadata_provider),
                    transport: connection,
                    retry_policy: payments_core::runtime::RetryPolicy::default(),
                }
            }

            /// The same communicator with another retry policy. Reads (`GET`) are retried
            /// on `429`, `502`, `503`, `504`, resets and timeouts, and so are writes whose
            /// [`CallContext`](crate::CallContext) has an idempotence key (re-sent with
            /// the same `X-GCS-Idempotence-Key`); other writes only when they certainly
            /// did not reach the platform.
            /// [`RetryPolicy::none`](payments_core::runtime::RetryPolicy::none) sends
            /// every call once.
            pub fn with_retry_policy(mut self, retry_policy: payments_core::runtime::RetryPolicy) -> Self {
                self.retry_policy = retry_policy;
                self
            }

            /// The retry policy.
            pub fn retry_policy(&self) -> &payments_core::runtime::RetryPolicy {
                &self.retry_policy
            }

            /// The API endpoint.
            pub fn api_endpoint(&self) -> &crate::communication::ApiEndpoint {
                self.core.api_endpoint()
            }

            /// Runs one call, the path every call takes: prepares the signed request (URL,
            /// query, JSON body, gzip, headers, v1HMAC), sends it through the runtime as
            /// the call's operation (retried as the policy and the call's idempotency
            /// allow; each attempt signed and logged), and finishes (context update,
            /// status and error mapping, parsing).
            pub(crate) $($async)* fn execute<B: serde::Serialize + ?Sized $($sync)*, T>(
                &self,
                call: crate::api_call::ApiCall<'_, B, T>,
            ) -> Result<T, crate::Error> {
                let prepared = self.core.prepare(&call)?;
                let sender = crate::communicator::AttemptSender::new(
                    std::sync::Arc::clone(&self.transport),
                    self.core.authenticator(),
                    prepared.log,
                    prepared.logged_body,
                );
                let runtime = payments_core::runtime::Runtime::new(
                    std::sync::Arc::new(sender),
                    self.retry_policy.clone(),
                );
                let result = runtime.$execute(&call.runtime_operation(), prepared.request) $($await)*;
                prepared.pending.finish(result).and_then(call.parse)
            }

            crate::communicator::generic_verb!(
                [$($async)*] [$($await)*] []
                /// GET a resource. A non-2xx JSON response is
                /// [`Error::ResponseException`](crate::Error::ResponseException); an empty 2xx
                /// body gives `T::default()`.
                get = Get
            );

            crate::communicator::generic_verb!(
                [$($async)*] [$($await)*] []
                /// DELETE a resource; see [`get`](Self::get).
                delete = Delete
            );

            crate::communicator::generic_verb!(
                [$($async)*] [$($await)*] [$($sync)*]
                /// POST a JSON body (`json.dumps(body, indent=4)`); see [`get`](Self::get).
                post = Post, request_body
            );

            crate::communicator::generic_verb!(
                [$($async)*] [$($await)*] [$($sync)*]
                /// PUT a JSON body; see [`post`](Self::post).
                put = Put, request_body
            );

            /// Routes the log messages of every request to `logger`.
            pub fn enable_logging(&self, logger: std::sync::Arc<dyn crate::log::CommunicatorLogger>) {
                self.core.enable_logging(logger);
            }

            /// Stops logging.
            pub fn disable_logging(&self) {
                self.core.disable_logging();
            }

            /// Replaces the body obfuscator of the log messages.
            pub fn set_body_obfuscator(&self, obfuscator: crate::log::BodyObfuscator) {
                self.core.set_body_obfuscator(obfuscator);
            }

            /// Replaces the header obfuscator of the log messages.
            pub fn set_header_obfuscator(&self, obfuscator: crate::log::HeaderObfuscator) {
                self.core.set_header_obfuscator(obfuscator);
            }

            /// Does nothing: the transport's pool closes idle connections itself.
            pub fn close_idle_connections(&self, _idle_time: std::time::Duration) {}

            /// Does nothing: the transport's pool closes expired connections itself.
            pub fn close_expired_connections(&self) {}

            /// Does nothing: connections are closed when the last clone of the transport is dropped.
            pub fn close(&self) {}
        }
    };
}

pub(crate) use communicator_shell;

/// One generic verb of a communicator shell: `name = Method`, with `, request_body` for
/// a verb that sends a body (of type `B`, bounded by `$sync`).
macro_rules! generic_verb {
    (
        [$($async:tt)*] [$($await:tt)*] [$($sync:tt)*]
        $(#[$doc:meta])* $verb:ident = $Method:ident
    ) => {
        $(#[$doc])*
        pub $($async)* fn $verb<T: serde::de::DeserializeOwned + Default>(
            &self,
            relative_path: &str,
            request_headers: &[crate::communication::RequestHeader],
            request_parameters: crate::RequestParameters<'_>,
            context: Option<&crate::CallContext>,
        ) -> Result<T, crate::Error> {
            const OPERATION: payments_core::runtime::Operation =
                crate::api_call::op_operation!(communicator $verb $Method "{relative_path}");
            self.execute(crate::communicator::generic_call(
                OPERATION,
                relative_path,
                request_headers,
                request_parameters,
                None::<&()>,
                context,
            )) $($await)*
        }
    };
    (
        [$($async:tt)*] [$($await:tt)*] [$($sync:tt)*]
        $(#[$doc:meta])* $verb:ident = $Method:ident, $body:ident
    ) => {
        $(#[$doc])*
        pub $($async)* fn $verb<B, T>(
            &self,
            relative_path: &str,
            request_headers: &[crate::communication::RequestHeader],
            request_parameters: crate::RequestParameters<'_>,
            $body: Option<&B>,
            context: Option<&crate::CallContext>,
        ) -> Result<T, crate::Error>
        where
            B: serde::Serialize + ?Sized $($sync)*,
            T: serde::de::DeserializeOwned + Default,
        {
            const OPERATION: payments_core::runtime::Operation =
                crate::api_call::op_operation!(communicator $verb $Method "{relative_path}");
            self.execute(crate::communicator::generic_call(
                OPERATION,
                relative_path,
                request_headers,
                request_parameters,
                $body,
                context,
            )) $($await)*
        }
    };
}

pub(crate) use generic_verb;

crate::communicator::communicator_shell!(
    /// `Communicator`: sends requests to the Online Payments platform over an async
    /// [`Transport`]. Create it with [`crate::Factory`]; share it between clients to share
    /// its connection pool.
    #[doc(alias = "ICommunicator")]
    Communicator,
    dyn Transport,
    execute,
    [async] [.await] [+ Sync]
);

#[cfg(test)]
pub(crate) mod tests;
