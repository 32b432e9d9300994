//! What every sandbox object offers, written once: the shared parts of its state, the running
//! server with request recording and the control API, the accessor methods (through
//! [`facade!`]) and taking an id out of a hosted-page URL.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;

use super::control::{self, Control, Transition, Transitioned};
use super::error::SandboxError;
use super::listen::{AccessLog, ServeOptions, log_access};
use super::lock;
use super::notify::{Notification, Notifier, RetryPolicy};
use super::record::RecordedRequest;
use super::server::{MAX_BODY, Server, base_url, bind};

/// The parts of a sandbox's state that do not depend on the provider.
#[derive(Debug)]
pub(crate) struct Core {
    /// `http://127.0.0.1:<port>`.
    pub(crate) base_url: String,
    /// The port.
    pub(crate) port: u16,
    /// Every request received (not the control API's).
    pub(crate) requests: Mutex<Vec<RecordedRequest>>,
    /// Sends and logs notifications.
    pub(crate) notifier: Notifier,
    /// The merchant's notification URL configured for the whole sandbox (EPoint's and
    /// ECommPay's callback URL, Online Payments' webhook URL; NoPayn has one per order).
    notify_url: Mutex<Option<String>>,
}

impl Core {
    pub(crate) fn new(addr: SocketAddr, policy: RetryPolicy, notify_url: Option<String>) -> Core {
        Core {
            base_url: base_url(addr),
            port: addr.port(),
            requests: Mutex::new(Vec::new()),
            notifier: Notifier::new(policy),
            notify_url: Mutex::new(notify_url),
        }
    }

    /// The sandbox-wide notification URL.
    pub(crate) fn notify_url(&self) -> Option<String> {
        lock(&self.notify_url).clone()
    }

    /// Sets (or clears) the sandbox-wide notification URL.
    pub(crate) fn set_notify_url(&self, url: Option<String>) {
        *lock(&self.notify_url) = url;
    }
}

/// A sandbox's state and its running server.
#[derive(Debug)]
pub(crate) struct Running<P> {
    pub(crate) inner: Arc<P>,
    server: Server,
}

impl<P: Control> Running<P> {
    /// Takes the listener of `options` (or binds a loopback port), builds the state with
    /// `make` around a fresh [`Core`] and serves the provider's `router` on it.
    pub(crate) async fn start(
        options: ServeOptions,
        policy: RetryPolicy,
        notify_url: Option<String>,
        make: impl FnOnce(Core) -> P,
        router: impl FnOnce(&Arc<P>) -> Router<Arc<P>>,
    ) -> Result<Self, SandboxError> {
        let (listener, addr) = bind(options.listener).await?;
        let inner = Arc::new(make(Core::new(addr, policy, notify_url)));
        let router = router(&inner);
        Ok(Self::spawn(listener, inner, router, options.access_log))
    }

    /// Serves the provider's `router` (routes and fallback) on `listener`, recording every
    /// request it gets, beside the control API; everything goes through the access log.
    fn spawn(
        listener: TcpListener,
        inner: Arc<P>,
        router: Router<Arc<P>>,
        access_log: Option<AccessLog>,
    ) -> Self {
        let control: Arc<dyn Control> = inner.clone();
        let provider = control.provider();
        let mut app = router
            .layer(middleware::from_fn_with_state(control.clone(), record))
            .merge(control::router(control))
            .with_state(inner.clone());
        if let Some(log) = access_log {
            app = app.layer(middleware::from_fn_with_state((provider, log), log_access));
        }
        Running {
            inner,
            server: Server::spawn(listener, app),
        }
    }

    fn control(&self) -> Arc<dyn Control> {
        self.inner.clone()
    }

    pub(crate) fn base_url(&self) -> &str {
        &self.inner.core().base_url
    }

    pub(crate) fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.inner.core().requests).clone()
    }

    pub(crate) fn notifications(&self) -> Vec<Notification> {
        self.inner.core().notifier.log()
    }

    pub(crate) fn set_retry_policy(&self, policy: RetryPolicy) {
        self.inner.core().notifier.set_policy(policy);
    }

    pub(crate) async fn force(
        &self,
        id: &str,
        transition: Transition,
    ) -> Result<Transitioned, SandboxError> {
        control::force(self.control(), id, transition).await
    }

    pub(crate) async fn resend(&self, index: usize) -> Result<Notification, SandboxError> {
        control::resend(self.inner.core(), index)
            .await
            .map(|(_, n)| n)
    }

    pub(crate) fn reset(&self) {
        control::reset(self.inner.as_ref());
    }

    pub(crate) async fn shutdown(&self) {
        self.server.shutdown().await;
    }
}

/// Middleware: logs the request (bodies up to [`MAX_BODY`]) before the routes see it.
async fn record(State(state): State<Arc<dyn Control>>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response();
    };
    lock(&state.core().requests).push(RecordedRequest::from_parts(&parts, &bytes));
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The id in a hosted-page URL: the path segment after `marker` (`/hpp/`), without query or
/// fragment; text without `marker` is taken as the id itself.
pub(crate) fn id_from_url<'a>(text: &'a str, marker: &str) -> &'a str {
    match text.split_once(marker) {
        Some((_, rest)) => rest.split(['/', '?', '#']).next().unwrap_or_default(),
        None => text,
    }
}

/// Writes, once for every provider module, the sandbox struct (`running: Running<Inner>`),
/// its `TRANSITIONS`, the [`Control`] impl of the module's `Inner` and the methods every
/// sandbox has.
///
/// By convention the module has `Inner { core: Core, config: <Config>, .. }`,
/// `routes::ROUTES`, `routes::router(&Arc<Inner>)`, `state::force(&Arc<Inner>, &str,
/// Transition)` and `state::reset(&Inner)`; `pay_hosted(target) => f` names the function that
/// pays a hosted page given its id or URL and a card number. `state` builds `Inner` from the `Core` and the config;
/// `notify_url` takes the sandbox-wide notification URL from the config.
/// Generated: `start`, `start_with`, `start_default`, the `config_getters` (`&str` fields of the config),
/// `base_url`, `requests`, `notifications`, `set_retry_policy`, `pay_hosted`,
/// `pay_hosted_with_number`, the control
/// operations (`force_transition`, `resend_notification`, `reset`) and `shutdown`.
macro_rules! facade {
    (
        $(#[$attr:meta])*
        pub struct $sandbox:ident;
        provider: $provider:literal,
        config: $config:ident,
        notice: $notice:literal,
        transitions: [$($transition:ident),* $(,)?],
        state: $state:expr,
        notify_url: $notify_url:expr,
        config_getters: [$($(#[$getter_doc:meta])* $getter:ident),* $(,)?],
        base_url: $base_doc:literal,
        notifications: $notifications_doc:literal,
        pay_hosted($target:ident) => $pay:path: $pay_doc:literal $(,)?
    ) => {
        $(#[$attr])*
        #[derive(Debug)]
        pub struct $sandbox {
            running: $crate::common::facade::Running<Inner>,
        }

        /// The status transitions the [control API](crate::control) can force here.
        pub const TRANSITIONS: &[$crate::control::Transition] =
            &[$($crate::control::Transition::$transition),*];

        impl $crate::control::Control for Inner {
            fn core(&self) -> &$crate::common::facade::Core {
                &self.core
            }

            fn provider(&self) -> &'static str {
                $provider
            }

            fn routes(&self) -> &'static [$crate::control::Route] {
                routes::ROUTES
            }

            fn transitions(&self) -> &'static [$crate::control::Transition] {
                TRANSITIONS
            }

            fn reset_state(&self) {
                state::reset(self);
            }

            fn force(
                self: std::sync::Arc<Self>,
                id: String,
                transition: $crate::control::Transition,
            ) -> $crate::control::BoxFuture<
                'static,
                Result<$crate::control::Transitioned, $crate::SandboxError>,
            > {
                Box::pin(async move { state::force(&self, &id, transition).await })
            }
        }

        impl $sandbox {
            /// Starts a sandbox on a free loopback port.
            pub async fn start(config: $config) -> Result<$sandbox, $crate::SandboxError> {
                Self::start_with(config, $crate::ServeOptions::default()).await
            }

            /// Starts a sandbox on the listener of `options` (or a free loopback port), with
            /// its access log.
            pub async fn start_with(
                config: $config,
                options: $crate::ServeOptions,
            ) -> Result<$sandbox, $crate::SandboxError> {
                let retry = config.retry.clone();
                let notify_url: fn(&$config) -> Option<String> = $notify_url;
                let url = notify_url(&config);
                let make: fn($crate::common::facade::Core, $config) -> Inner = $state;
                let running = $crate::common::facade::Running::start(
                    options,
                    retry,
                    url,
                    move |core| make(core, config),
                    routes::router,
                )
                .await?;
                Ok($sandbox { running })
            }

            #[doc = concat!("Starts a sandbox with [`", stringify!($config), "::default`].")]
            pub async fn start_default() -> Result<$sandbox, $crate::SandboxError> {
                Self::start($config::default()).await
            }

            fn inner(&self) -> &Inner {
                &self.running.inner
            }

            $(
                $(#[$getter_doc])*
                pub fn $getter(&self) -> &str {
                    &self.inner().config.$getter
                }
            )*

            #[doc = $base_doc]
            pub fn base_url(&self) -> &str {
                self.running.base_url()
            }

            /// Every request received, oldest first (control API calls are not recorded).
            pub fn requests(&self) -> Vec<$crate::RecordedRequest> {
                self.running.requests()
            }

            #[doc = $notifications_doc]
            pub fn notifications(&self) -> Vec<$crate::Notification> {
                self.running.notifications()
            }

            #[doc = concat!("Changes the ", $notice, " delivery policy.")]
            pub fn set_retry_policy(&self, policy: $crate::RetryPolicy) {
                self.running.set_retry_policy(policy);
            }

            #[doc = $pay_doc]
            pub async fn pay_hosted(
                &self,
                $target: &str,
                card: $crate::TestCard,
            ) -> Result<$crate::PaymentOutcome, $crate::SandboxError> {
                self.pay_hosted_with_number($target, card.number()).await
            }

            /// Like [`pay_hosted`](Self::pay_hosted) with any card number (unknown numbers
            /// decline).
            pub async fn pay_hosted_with_number(
                &self,
                $target: &str,
                card_number: &str,
            ) -> Result<$crate::PaymentOutcome, $crate::SandboxError> {
                $pay(&self.running.inner, $target, card_number).await
            }

            #[doc = concat!(
                "Forces a status transition on `id`, as `POST /__sandbox/payments/{id}/{transition}` ",
                "does, and waits for the ", $notice, " it sends.\n\n",
                "# Errors\n\n",
                "[`SandboxError::NotFound`](crate::SandboxError::NotFound) for an unknown id, ",
                "[`SandboxError::Unsupported`](crate::SandboxError::Unsupported) for a transition ",
                "the provider lacks, [`SandboxError::InvalidState`](crate::SandboxError::InvalidState) ",
                "when the current status does not allow it.",
            )]
            pub async fn force_transition(
                &self,
                id: &str,
                transition: $crate::control::Transition,
            ) -> Result<$crate::control::Transitioned, $crate::SandboxError> {
                self.running.force(id, transition).await
            }

            #[doc = concat!(
                "Delivers the ", $notice, " at `index` in [`notifications`](Self::notifications) ",
                "again (same URL, headers and bytes) and returns the new delivery, which is logged ",
                "too.\n\n",
                "# Errors\n\n",
                "[`SandboxError::NotFound`](crate::SandboxError::NotFound) for an unknown index.",
            )]
            pub async fn resend_notification(
                &self,
                index: usize,
            ) -> Result<$crate::Notification, $crate::SandboxError> {
                self.running.resend(index).await
            }

            /// Forgets every payment, recorded request and notification, as
            /// `POST /__sandbox/reset` does. Credentials and settings stay.
            pub fn reset(&self) {
                self.running.reset();
            }

            /// Stops the server.
            pub async fn shutdown(&self) {
                self.running.shutdown().await;
            }
        }
    };
}
pub(crate) use facade;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_urls() {
        assert_eq!(id_from_url("http://127.0.0.1:1/hpp/abc/", "/hpp/"), "abc");
        assert_eq!(
            id_from_url("http://127.0.0.1:1/hpp/abc/?transaction=t", "/hpp/"),
            "abc"
        );
        assert_eq!(id_from_url("127.0.0.1:1/x/42#f", "/x/"), "42");
        assert_eq!(id_from_url("abc", "/hpp/"), "abc");
    }
}
