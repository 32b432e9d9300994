//! The standalone server behind the `payments-sandbox` binary: the chosen sandboxes on the
//! chosen host and ports, one JSON line of coordinates per sandbox, an access log, and a clean
//! stop on `SIGINT`/`SIGTERM`.
//!
//! ```no_run
//! use payments_testkit::serve::{Server, Settings};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), payments_testkit::serve::ServeError> {
//! let server = Server::start(Settings::default(), None).await?;
//! for line in server.coordinates() {
//!     println!("{line}");
//! }
//! server.shutdown().await;
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::io;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::str::FromStr;

use serde_json::{Value, json};

use crate::listen::{AccessLog, ServeOptions};
use crate::{
    EcommpayConfig, EcommpaySandbox, EpointConfig, EpointSandbox, NoPaynConfig, NoPaynSandbox,
    OnlinePaymentsConfig, OnlinePaymentsSandbox, RetryPolicy, SandboxError,
};

/// One of the four providers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Provider {
    /// NoPayn.
    NoPayn,
    /// ECommPay.
    Ecommpay,
    /// EPoint.
    Epoint,
    /// Online Payments.
    OnlinePayments,
}

impl Provider {
    /// Every provider, in the order the server starts them (and numbers consecutive ports).
    pub const ALL: [Provider; 4] = [
        Provider::NoPayn,
        Provider::Ecommpay,
        Provider::Epoint,
        Provider::OnlinePayments,
    ];

    /// `nopayn`, `ecommpay`, `epoint` or `onlinepayments`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Provider::NoPayn => "nopayn",
            Provider::Ecommpay => "ecommpay",
            Provider::Epoint => "epoint",
            Provider::OnlinePayments => "onlinepayments",
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Provider {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Provider::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                format!("unknown provider `{s}` (expected all, nopayn, ecommpay, epoint or onlinepayments)")
            })
    }
}

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The sandboxes to start (each once; started in [`Provider::ALL`] order).
    pub providers: Vec<Provider>,
    /// The host to listen on: an IP address or a name that resolves to one.
    pub host: String,
    /// The first port: the chosen providers get consecutive ports from it, in
    /// [`Provider::ALL`] order, except those with a port of their own; `0` gives each a free
    /// port.
    pub port: u16,
    /// Ports of individual providers, overriding [`port`](Self::port).
    pub provider_ports: Vec<(Provider, u16)>,
    /// NoPayn credentials and webhook policy.
    pub nopayn: NoPaynConfig,
    /// ECommPay credentials, callback URL and policy.
    pub ecommpay: EcommpayConfig,
    /// EPoint credentials, callback URL and policy.
    pub epoint: EpointConfig,
    /// Online Payments credentials, webhook URL and policy.
    pub onlinepayments: OnlinePaymentsConfig,
}

impl Default for Settings {
    /// Every provider on free ports of `127.0.0.1`, with the default configs.
    fn default() -> Self {
        Self {
            providers: Provider::ALL.to_vec(),
            host: "127.0.0.1".to_owned(),
            port: 0,
            provider_ports: Vec::new(),
            nopayn: NoPaynConfig::default(),
            ecommpay: EcommpayConfig::default(),
            epoint: EpointConfig::default(),
            onlinepayments: OnlinePaymentsConfig::default(),
        }
    }
}

impl Settings {
    /// Sets the notification retry policy of every provider.
    pub fn set_retry_policy(&mut self, policy: &RetryPolicy) {
        self.nopayn.retry = policy.clone();
        self.ecommpay.retry = policy.clone();
        self.epoint.retry = policy.clone();
        self.onlinepayments.retry = policy.clone();
    }

    /// The chosen providers, once each, in start order.
    pub fn chosen(&self) -> Vec<Provider> {
        Provider::ALL
            .into_iter()
            .filter(|p| self.providers.contains(p))
            .collect()
    }

    /// The address each chosen provider listens on.
    ///
    /// # Errors
    ///
    /// [`ServeError::Host`] when the host does not resolve, [`ServeError::Port`] when the
    /// consecutive ports run past 65535.
    pub fn addresses(&self) -> Result<Vec<(Provider, SocketAddr)>, ServeError> {
        let ip = (self.host.as_str(), 0)
            .to_socket_addrs()
            .map_err(|e| ServeError::Host(format!("cannot resolve host `{}`: {e}", self.host)))?
            .next()
            .ok_or_else(|| ServeError::Host(format!("host `{}` has no address", self.host)))?
            .ip();
        let mut next = u32::from(self.port);
        let mut out = Vec::new();
        for provider in self.chosen() {
            let own = self
                .provider_ports
                .iter()
                .rev()
                .find(|(p, _)| *p == provider)
                .map(|(_, port)| *port);
            let port = match own {
                Some(port) => port,
                None if self.port == 0 => 0,
                None => {
                    let port = u16::try_from(next).map_err(|_| {
                        ServeError::Port(format!(
                            "no port left for {provider} after {} (ports run past 65535)",
                            self.port
                        ))
                    })?;
                    next += 1;
                    port
                }
            };
            out.push((provider, SocketAddr::new(ip, port)));
        }
        Ok(out)
    }
}

/// Why the server could not start or run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The host does not resolve.
    #[error("{0}")]
    Host(String),
    /// No valid port is left for a provider.
    #[error("{0}")]
    Port(String),
    /// A listener could not be bound (the port is taken, the address is not local, ...).
    #[error("cannot listen on {addr} for {provider}: {source}")]
    Listen {
        /// The provider.
        provider: Provider,
        /// The address.
        addr: SocketAddr,
        /// The operating system's error.
        source: io::Error,
    },
    /// Announcing the server or waiting for signals failed.
    #[error("{what}: {source}")]
    Io {
        /// What was being done.
        what: &'static str,
        /// The error.
        source: io::Error,
    },
    /// A sandbox failed to start.
    #[error("cannot start the {provider} sandbox: {source}")]
    Start {
        /// The provider.
        provider: Provider,
        /// Why.
        source: SandboxError,
    },
}

impl ServeError {
    /// The process exit code for this error: `2` for what the caller chose (host, ports),
    /// `1` otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            ServeError::Host(_) | ServeError::Port(_) | ServeError::Listen { .. } => 2,
            ServeError::Start { .. } | ServeError::Io { .. } => 1,
        }
    }
}

/// One running sandbox.
#[derive(Debug)]
enum Running {
    NoPayn(NoPaynSandbox),
    Ecommpay(EcommpaySandbox),
    Epoint(EpointSandbox),
    OnlinePayments(OnlinePaymentsSandbox),
}

impl Running {
    async fn start(
        provider: Provider,
        settings: &Settings,
        options: ServeOptions,
    ) -> Result<Running, SandboxError> {
        Ok(match provider {
            Provider::NoPayn => {
                Running::NoPayn(NoPaynSandbox::start_with(settings.nopayn.clone(), options).await?)
            }
            Provider::Ecommpay => Running::Ecommpay(
                EcommpaySandbox::start_with(settings.ecommpay.clone(), options).await?,
            ),
            Provider::Epoint => {
                Running::Epoint(EpointSandbox::start_with(settings.epoint.clone(), options).await?)
            }
            Provider::OnlinePayments => Running::OnlinePayments(
                OnlinePaymentsSandbox::start_with(settings.onlinepayments.clone(), options).await?,
            ),
        })
    }

    fn base_url(&self) -> &str {
        match self {
            Running::NoPayn(s) => s.base_url(),
            Running::Ecommpay(s) => s.base_url(),
            Running::Epoint(s) => s.base_url(),
            Running::OnlinePayments(s) => s.base_url(),
        }
    }

    /// Provider-specific coordinates: what its SDK client needs.
    fn credentials(&self, settings: &Settings) -> Value {
        match self {
            Running::NoPayn(s) => json!({
                "api_key": s.api_key(),
                "project_id": s.project_id(),
            }),
            Running::Ecommpay(s) => json!({
                "payment_page_url": s.payment_page_url(),
                "project_id": s.project_id(),
                "secret_key": s.secret_key(),
                "callback_url": s.callback_url(),
            }),
            Running::Epoint(s) => json!({
                "public_key": s.public_key(),
                "private_key": s.private_key(),
                "callback_url": s.callback_url(),
            }),
            Running::OnlinePayments(s) => json!({
                "merchant_id": s.merchant_id(),
                "api_key_id": s.api_key_id(),
                "secret_api_key": s.secret_api_key(),
                "webhook_key_id": s.webhook_key_id(),
                "webhook_secret": s.webhook_secret(),
                "webhook_url": settings.onlinepayments.webhook_url,
            }),
        }
    }

    async fn shutdown(&self) {
        match self {
            Running::NoPayn(s) => s.shutdown().await,
            Running::Ecommpay(s) => s.shutdown().await,
            Running::Epoint(s) => s.shutdown().await,
            Running::OnlinePayments(s) => s.shutdown().await,
        }
    }
}

/// The running sandboxes of a [`Settings`].
#[derive(Debug)]
pub struct Server {
    settings: Settings,
    running: Vec<(Provider, Running)>,
}

impl Server {
    /// Binds every chosen provider's address first (so a taken port starts nothing), then
    /// starts the sandboxes; `access_log` gets every request of every sandbox.
    ///
    /// # Errors
    ///
    /// See [`ServeError`].
    pub async fn start(
        settings: Settings,
        access_log: Option<AccessLog>,
    ) -> Result<Server, ServeError> {
        let mut listeners = Vec::new();
        for (provider, addr) in settings.addresses()? {
            let listener = TcpListener::bind(addr).map_err(|source| ServeError::Listen {
                provider,
                addr,
                source,
            })?;
            listeners.push((provider, listener));
        }
        let mut running = Vec::new();
        for (provider, listener) in listeners {
            let mut options = ServeOptions::new().listener(listener);
            if let Some(log) = &access_log {
                options.access_log = Some(log.clone());
            }
            match Running::start(provider, &settings, options).await {
                Ok(sandbox) => running.push((provider, sandbox)),
                Err(source) => {
                    for (_, started) in &running {
                        started.shutdown().await;
                    }
                    return Err(ServeError::Start { provider, source });
                }
            }
        }
        Ok(Server { settings, running })
    }

    /// One JSON object per sandbox: `provider`, `base_url`, `control_url` and what its SDK
    /// client needs (see `docs/testkit.md`).
    pub fn coordinates(&self) -> Vec<Value> {
        self.running
            .iter()
            .map(|(provider, sandbox)| {
                let mut line = json!({
                    "provider": provider.as_str(),
                    "base_url": sandbox.base_url(),
                    "control_url": format!("{}/__sandbox", sandbox.base_url()),
                });
                if let (Some(out), Value::Object(more)) =
                    (line.as_object_mut(), sandbox.credentials(&self.settings))
                {
                    out.extend(more);
                }
                line
            })
            .collect()
    }

    /// The base URL of `provider`, if it runs.
    pub fn base_url(&self, provider: Provider) -> Option<&str> {
        self.running
            .iter()
            .find(|(p, _)| *p == provider)
            .map(|(_, s)| s.base_url())
    }

    /// Stops every sandbox.
    pub async fn shutdown(&self) {
        for (_, sandbox) in &self.running {
            sandbox.shutdown().await;
        }
    }
}

/// Runs the standalone server: installs the signal handlers, starts `settings`, writes one
/// JSON line per sandbox to `out` (flushed), waits for `SIGINT` or `SIGTERM` and stops every
/// sandbox. Returns the signal's name.
///
/// # Errors
///
/// See [`ServeError`]; nothing is left running after an error.
pub async fn run(
    settings: Settings,
    access_log: Option<AccessLog>,
    out: &mut dyn io::Write,
) -> Result<&'static str, ServeError> {
    let mut signals = StopSignals::install().map_err(|source| ServeError::Io {
        what: "cannot install the signal handlers",
        source,
    })?;
    let server = Server::start(settings, access_log).await?;
    let announced = server
        .coordinates()
        .iter()
        .try_for_each(|line| writeln!(out, "{line}"))
        .and_then(|()| out.flush());
    if let Err(source) = announced {
        server.shutdown().await;
        return Err(ServeError::Io {
            what: "cannot write the coordinates to stdout",
            source,
        });
    }
    let signal = signals.recv().await;
    server.shutdown().await;
    Ok(signal)
}

/// Waits for `SIGINT` or `SIGTERM` (Ctrl-C elsewhere than Unix). Create it before announcing
/// the server, so a signal sent right after the announcement is not lost.
#[derive(Debug)]
pub struct StopSignals {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl StopSignals {
    /// Installs the handlers (inside a Tokio runtime).
    ///
    /// # Errors
    ///
    /// When the operating system refuses a handler.
    pub fn install() -> io::Result<StopSignals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(StopSignals {
                terminate: signal(SignalKind::terminate())?,
                interrupt: signal(SignalKind::interrupt())?,
            })
        }
        #[cfg(not(unix))]
        {
            Ok(StopSignals {})
        }
    }

    /// Resolves at the first signal; returns its name.
    pub async fn recv(&mut self) -> &'static str {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.terminate.recv() => "SIGTERM",
                _ = self.interrupt.recv() => "SIGINT",
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
            "Ctrl-C"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(providers: &[Provider], port: u16) -> Settings {
        Settings {
            providers: providers.to_vec(),
            port,
            ..Settings::default()
        }
    }

    #[test]
    fn providers_get_consecutive_ports_in_start_order() {
        let s = settings(&[Provider::OnlinePayments, Provider::NoPayn], 40000);
        let ports: Vec<(Provider, u16)> = s
            .addresses()
            .unwrap()
            .into_iter()
            .map(|(p, a)| (p, a.port()))
            .collect();
        assert_eq!(
            ports,
            [(Provider::NoPayn, 40000), (Provider::OnlinePayments, 40001)]
        );
    }

    #[test]
    fn own_ports_override_and_zero_stays_ephemeral() {
        let mut s = settings(&Provider::ALL, 40000);
        s.provider_ports = vec![(Provider::Ecommpay, 5000)];
        let ports: Vec<u16> = s
            .addresses()
            .unwrap()
            .iter()
            .map(|(_, a)| a.port())
            .collect();
        assert_eq!(ports, [40000, 5000, 40001, 40002]);
        let mut s = settings(&Provider::ALL, 0);
        s.provider_ports = vec![(Provider::Epoint, 5000)];
        let ports: Vec<u16> = s
            .addresses()
            .unwrap()
            .iter()
            .map(|(_, a)| a.port())
            .collect();
        assert_eq!(ports, [0, 0, 5000, 0]);
    }

    #[test]
    fn ports_past_the_range_and_bad_hosts_are_errors() {
        let s = settings(&Provider::ALL, 65534);
        let e = s.addresses().unwrap_err();
        assert!(matches!(e, ServeError::Port(_)), "{e}");
        assert_eq!(e.exit_code(), 2);
        let s = Settings {
            host: "no such host name".to_owned(),
            ..Settings::default()
        };
        assert!(matches!(s.addresses(), Err(ServeError::Host(_))));
    }

    #[test]
    fn provider_names_round_trip() {
        for p in Provider::ALL {
            assert_eq!(p.as_str().parse::<Provider>(), Ok(p));
        }
        assert!("stripe".parse::<Provider>().is_err());
    }
}
