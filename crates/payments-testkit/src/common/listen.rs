//! Where a sandbox listens and what it reports about each request it serves.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

/// A function that gets one [`AccessEntry`] per request served.
pub type AccessLog = Arc<dyn Fn(&AccessEntry<'_>) + Send + Sync>;

/// One request a sandbox served, as its [`AccessLog`] sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct AccessEntry<'a> {
    /// `nopayn`, `ecommpay`, `epoint` or `onlinepayments`.
    pub provider: &'static str,
    /// HTTP method, upper case.
    pub method: &'a str,
    /// Path as received, without the query (which may carry signatures and customer data).
    pub path: &'a str,
    /// Status of the answer.
    pub status: u16,
    /// Time from the request reaching the sandbox to the answer's head being ready.
    pub duration: Duration,
}

impl fmt::Display for AccessEntry<'_> {
    /// `<provider> <METHOD> <path> <status> <milliseconds>ms`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} {} {:.1}ms",
            self.provider,
            self.method,
            self.path,
            self.status,
            self.duration.as_secs_f64() * 1000.0
        )
    }
}

/// How a sandbox is served: its listener (by default a free port on `127.0.0.1`) and an
/// optional [`AccessLog`]. Given to `XxxSandbox::start_with`.
///
/// ```
/// use payments_testkit::{NoPaynConfig, NoPaynSandbox, ServeOptions};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), payments_testkit::SandboxError> {
/// let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
/// let options = ServeOptions::new()
///     .listener(listener)
///     .access_log(|entry| eprintln!("{entry}"));
/// let sandbox = NoPaynSandbox::start_with(NoPaynConfig::default(), options).await?;
/// assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
/// sandbox.shutdown().await;
/// # Ok(())
/// # }
/// ```
#[derive(Default)]
pub struct ServeOptions {
    pub(crate) listener: Option<std::net::TcpListener>,
    pub(crate) access_log: Option<AccessLog>,
}

impl ServeOptions {
    /// A free port on `127.0.0.1`, no access log.
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves on `listener` (already bound, to any address and port). The base URL is
    /// `http://<its address>`, with the loopback address of the same family when it is bound
    /// to every interface (`0.0.0.0`, `::`).
    pub fn listener(mut self, listener: std::net::TcpListener) -> Self {
        self.listener = Some(listener);
        self
    }

    /// Calls `log` once per request served (the control API's included), after the answer's
    /// head is ready.
    pub fn access_log(mut self, log: impl Fn(&AccessEntry<'_>) + Send + Sync + 'static) -> Self {
        self.access_log = Some(Arc::new(log));
        self
    }
}

impl fmt::Debug for ServeOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServeOptions")
            .field("listener", &self.listener)
            .field("access_log", &self.access_log.is_some())
            .finish()
    }
}

/// The address to put in URLs for a listener bound to `addr`.
pub(crate) fn public_addr(addr: SocketAddr) -> SocketAddr {
    let ip = addr.ip();
    if !ip.is_unspecified() {
        return addr;
    }
    let loopback = match ip {
        std::net::IpAddr::V4(_) => std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        std::net::IpAddr::V6(_) => std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
    };
    SocketAddr::new(loopback, addr.port())
}

/// Middleware: times each request and hands it to the access log.
pub(crate) async fn log_access(
    State((provider, log)): State<(&'static str, AccessLog)>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    log(&AccessEntry {
        provider,
        method: method.as_str(),
        path: &path,
        status: response.status().as_u16(),
        duration: started.elapsed(),
    });
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unspecified_addresses_become_loopback_in_urls() {
        let any4: SocketAddr = "0.0.0.0:4000".parse().unwrap();
        assert_eq!(public_addr(any4).to_string(), "127.0.0.1:4000");
        let any6: SocketAddr = "[::]:4000".parse().unwrap();
        assert_eq!(public_addr(any6).to_string(), "[::1]:4000");
        let own: SocketAddr = "127.0.0.2:1".parse().unwrap();
        assert_eq!(public_addr(own), own);
    }

    #[test]
    fn entries_show_as_one_line() {
        let entry = AccessEntry {
            provider: "epoint",
            method: "POST",
            path: "/api/1/request",
            status: 200,
            duration: Duration::from_micros(1250),
        };
        assert_eq!(entry.to_string(), "epoint POST /api/1/request 200 1.2ms");
    }
}
