//! Running an axum router on a loopback port; routes from tables; response helpers.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Mutex;

use axum::Router;
use axum::body::Body;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, on};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::error::SandboxError;
use super::lock;
use super::page::message_page;

/// The largest request body a sandbox reads (the same as axum's default limit).
pub(crate) const MAX_BODY: usize = 2 * 1024 * 1024;

/// Takes `listener` (made non-blocking), or binds `127.0.0.1:0`; returns it with its address.
pub(crate) async fn bind(
    listener: Option<std::net::TcpListener>,
) -> Result<(TcpListener, SocketAddr), SandboxError> {
    let listener = match listener {
        Some(l) => {
            l.set_nonblocking(true)?;
            TcpListener::from_std(l)?
        }
        None => TcpListener::bind(("127.0.0.1", 0)).await?,
    };
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}

/// A running server; dropping it stops it.
#[derive(Debug)]
pub(crate) struct Server {
    stop: Mutex<Option<oneshot::Sender<()>>>,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl Server {
    /// Serves `router` on `listener` in a background task.
    pub(crate) fn spawn(listener: TcpListener, router: Router) -> Server {
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Server {
            stop: Mutex::new(Some(tx)),
            task: Mutex::new(Some(task)),
        }
    }

    /// Stops accepting connections and waits for the server task.
    pub(crate) async fn shutdown(&self) {
        if let Some(tx) = lock(&self.stop).take() {
            let _ = tx.send(());
        }
        let task = lock(&self.task).take();
        if let Some(task) = task {
            task.abort();
            let _ = task.await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = lock(&self.stop).take() {
            let _ = tx.send(());
        }
        if let Some(task) = lock(&self.task).take() {
            task.abort();
        }
    }
}

/// Base URL `http://<ip>:<port>` of a listening address (loopback for `0.0.0.0` and `::`).
pub(crate) fn base_url(addr: SocketAddr) -> String {
    format!("http://{}", super::listen::public_addr(addr))
}

/// Adds one route of a table. A template ending in `/` (NoPayn writes its paths that way) is
/// also served without the slash.
pub(crate) fn add_route<S, H, T>(
    router: Router<S>,
    path: &str,
    method: MethodFilter,
    handler: H,
) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    H: Handler<T, S>,
    T: 'static,
{
    let router = router.route(path, on(method, handler.clone()));
    match path.strip_suffix('/') {
        Some(bare) if !bare.is_empty() => router.route(bare, on(method, handler)),
        _ => router,
    }
}

/// Declares a route table once: a public `const` listing every
/// [`Route`](crate::control::Route) and the router built from it. Each line is
/// `<group> <METHOD> "<path template>" => <handler>;`; the group is also the route's
/// [`Route::group`](crate::control::Route::group). The lines of every table share one shape by
/// design: each is one route's data.
///
/// A provider's table (groups `api` and `page`) has this header and makes
/// `fn router(&Arc<Inner>) -> Router<Arc<Inner>>`:
///
/// ```text
/// pub const ROUTES;
/// fn router(&Arc<Inner>);
/// layers: [innermost, .., outermost];   // axum middleware (from_fn_with_state) on `api`
/// not_allowed: handler;                 // another method on an API path, inside the layers
/// fallback: handler;                    // everything else
/// ```
///
/// Any other table names its groups, and makes one router per group:
/// `fn build() -> (control): Router<State>;` (a group the header does not name does not
/// compile).
macro_rules! route_table {
    (
        $(#[$attr:meta])*
        $vis:vis const $table:ident;
        fn $router:ident(&Arc<$inner:ty>);
        layers: [$($layer:path),* $(,)?];
        not_allowed: $not_allowed:path;
        fallback: $fallback:path;
        $( $group:ident $method:ident $path:literal => $handler:path; )*
    ) => {
        $crate::common::server::route_table!(@table $(#[$attr])* $vis $table; $(
            $group $method $path $handler;
        )*);

        /// The sandbox's router: the API routes inside the middleware `layers` (the last
        /// runs first), the page routes, and the fallback for everything else.
        #[allow(unused_mut)]
        pub(super) fn $router(
            inner: &std::sync::Arc<$inner>,
        ) -> axum::Router<std::sync::Arc<$inner>> {
            let mut api = axum::Router::new();
            let mut page = axum::Router::new();
            $( $crate::common::server::route_table!(@add api page $group $method $path $handler); )*
            let api = api.method_not_allowed_fallback($not_allowed);
            $(
                let api = api.route_layer(axum::middleware::from_fn_with_state(
                    inner.clone(),
                    $layer,
                ));
            )*
            let _ = inner;
            let page = page.method_not_allowed_fallback($fallback);
            api.merge(page).fallback($fallback)
        }
    };
    (
        $(#[$attr:meta])*
        $vis:vis const $table:ident;
        fn $build:ident() -> ($($g:ident),+ $(,)?): Router<$state:ty>;
        $( $group:ident $method:ident $path:literal => $handler:path; )*
    ) => {
        $crate::common::server::route_table!(@table $(#[$attr])* $vis $table; $(
            $group $method $path $handler;
        )*);

        /// One router per group of the table, in the header's order.
        #[allow(unused_mut, unused_parens)]
        fn $build() -> ($($crate::common::server::route_table!(@router $g $state)),+) {
            $( let mut $g = axum::Router::new(); )+
            $(
                $group = $crate::common::server::add_route(
                    $group, $path, axum::routing::MethodFilter::$method, $handler,
                );
            )*
            ($($g),+)
        }
    };
    (@table $(#[$attr:meta])* $vis:vis $table:ident; $( $group:ident $method:ident $path:literal $handler:path; )*) => {
        $(#[$attr])*
        $vis const $table: &[$crate::control::Route] = &[
            $( $crate::control::Route::new(
                stringify!($group), stringify!($method), $path, stringify!($handler),
            ), )*
        ];
    };
    (@router $g:ident $state:ty) => { axum::Router<$state> };
    (@add $api:ident $page:ident api $method:ident $path:literal $handler:path) => {
        $api = $crate::common::server::add_route(
            $api, $path, axum::routing::MethodFilter::$method, $handler,
        );
    };
    (@add $api:ident $page:ident page $method:ident $path:literal $handler:path) => {
        $page = $crate::common::server::add_route(
            $page, $path, axum::routing::MethodFilter::$method, $handler,
        );
    };
}
pub(crate) use route_table;

/// The path parameters of the matched route, percent-decoded, in template order (empty when
/// a value is not UTF-8: the handler then finds no such object).
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// The value of the template parameter `name`, or `""`.
    pub(crate) fn get(&self, name: &str) -> &str {
        self.find(name).unwrap_or_default()
    }

    /// The value of the template parameter `name`, if the route has one.
    pub(crate) fn find(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let raw = RawPathParams::from_request_parts(parts, state).await;
        Ok(Params(raw.map_or_else(
            |_| Vec::new(),
            |r| {
                r.iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect()
            },
        )))
    }
}

/// A JSON response.
pub(crate) fn json(status: StatusCode, value: &Value) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// An HTML response.
pub(crate) fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// A `303 See Other` to `url`, or a page with a link if `url` is not a valid header value.
pub(crate) fn redirect(url: &str) -> Response {
    match HeaderValue::from_str(url) {
        Ok(location) => {
            let mut response = Response::new(Body::from(format!("Redirecting to {url}")));
            *response.status_mut() = StatusCode::SEE_OTHER;
            response.headers_mut().insert(header::LOCATION, location);
            response
        }
        Err(_) => html(
            StatusCode::OK,
            message_page("Payment finished", &format!("Continue at {url}")),
        ),
    }
}
