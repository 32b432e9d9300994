//! `payments-sandbox`: the NoPayn, ECommPay, EPoint and Online Payments sandboxes as one
//! standalone server. This file reads the flags and environment; the server is
//! [`payments_testkit::serve`].

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use payments_testkit::RetryPolicy;
use payments_testkit::listen::AccessLog;
use payments_testkit::serve::{self, Provider, Settings};

const NAME: &str = "payments-sandbox";
/// Every option `--foo-bar` can also be set as `PAYMENTS_SANDBOX_FOO_BAR` (the flag wins).
const ENV_PREFIX: &str = "PAYMENTS_SANDBOX_";
/// Bounds of the notification retry policy.
const MAX_ATTEMPTS: u32 = 100;
const MAX_WAIT: Duration = Duration::from_secs(60);

/// What the command line asks for, before it becomes [`Settings`].
#[derive(Debug, Default)]
struct Parsed {
    settings: Settings,
    providers: Option<Vec<Provider>>,
    retry: RetryPolicy,
    quiet: bool,
    help: bool,
    version: bool,
}

type Apply = fn(&mut Parsed, &str) -> Result<(), String>;

/// One option: `--name`, its value placeholder (empty for a switch), help, and what it sets.
struct Opt {
    name: &'static str,
    value: &'static str,
    help: &'static str,
    apply: Apply,
}

macro_rules! opt {
    ($name:literal, $value:literal, $help:literal, |$p:ident, $v:ident| $body:expr) => {
        Opt {
            name: $name,
            value: $value,
            help: $help,
            apply: |$p: &mut Parsed, $v: &str| -> Result<(), String> {
                $body;
                Ok(())
            },
        }
    };
}

/// The options, in `--help` order. Switches (`value` empty) are not read from the environment.
const OPTIONS: &[Opt] = &[
    opt!(
        "provider",
        "LIST",
        "Sandboxes to start: all, nopayn, ecommpay, epoint, onlinepayments; repeatable or comma-separated [default: all]",
        |p, v| add_providers(p, v)?
    ),
    opt!(
        "host",
        "HOST",
        "Address to listen on (an IP address or a resolvable name) [default: 127.0.0.1]",
        |p, v| p.settings.host = non_empty(v)?.to_owned()
    ),
    opt!(
        "port",
        "PORT",
        "First port: the sandboxes get consecutive ports from it (nopayn, ecommpay, epoint, onlinepayments order); 0 gives each a free port [default: 0]",
        |p, v| p.settings.port = port(v)?
    ),
    opt!(
        "nopayn-port",
        "PORT",
        "Port of the NoPayn sandbox (overrides --port)",
        |p, v| own_port(p, Provider::NoPayn, v)?
    ),
    opt!(
        "ecommpay-port",
        "PORT",
        "Port of the ECommPay sandbox",
        |p, v| own_port(p, Provider::Ecommpay, v)?
    ),
    opt!(
        "epoint-port",
        "PORT",
        "Port of the EPoint sandbox",
        |p, v| own_port(p, Provider::Epoint, v)?
    ),
    opt!(
        "onlinepayments-port",
        "PORT",
        "Port of the Online Payments sandbox",
        |p, v| own_port(p, Provider::OnlinePayments, v)?
    ),
    opt!(
        "nopayn-api-key",
        "KEY",
        "NoPayn API key (Basic-auth user name)",
        |p, v| p.settings.nopayn.api_key = non_empty(v)?.to_owned()
    ),
    opt!(
        "nopayn-project-id",
        "ID",
        "NoPayn project id reported in orders and webhooks",
        |p, v| p.settings.nopayn.project_id = non_empty(v)?.to_owned()
    ),
    opt!(
        "ecommpay-project-id",
        "ID",
        "ECommPay project id (an integer)",
        |p, v| p.settings.ecommpay.project_id = v
            .parse()
            .map_err(|_| format!("`{v}` is not an integer project id"))?
    ),
    opt!(
        "ecommpay-secret-key",
        "KEY",
        "ECommPay secret key (signs page URLs and callbacks)",
        |p, v| p.settings.ecommpay.secret_key = non_empty(v)?.to_owned()
    ),
    opt!(
        "ecommpay-callback-url",
        "URL",
        "ECommPay project callback URL",
        |p, v| p.settings.ecommpay.callback_url = Some(url(v)?)
    ),
    opt!("epoint-public-key", "KEY", "EPoint public key", |p, v| p
        .settings
        .epoint
        .public_key =
        non_empty(v)?.to_owned()),
    opt!(
        "epoint-private-key",
        "KEY",
        "EPoint private key (signs requests and callbacks)",
        |p, v| p.settings.epoint.private_key = non_empty(v)?.to_owned()
    ),
    opt!(
        "epoint-callback-url",
        "URL",
        "EPoint merchant callback URL",
        |p, v| p.settings.epoint.callback_url = Some(url(v)?)
    ),
    opt!(
        "onlinepayments-merchant-id",
        "ID",
        "Online Payments merchant id",
        |p, v| p.settings.onlinepayments.merchant_id = non_empty(v)?.to_owned()
    ),
    opt!(
        "onlinepayments-api-key-id",
        "ID",
        "Online Payments API key id",
        |p, v| p.settings.onlinepayments.api_key_id = non_empty(v)?.to_owned()
    ),
    opt!(
        "onlinepayments-secret-api-key",
        "KEY",
        "Online Payments secret API key",
        |p, v| p.settings.onlinepayments.secret_api_key = non_empty(v)?.to_owned()
    ),
    opt!(
        "onlinepayments-webhook-key-id",
        "ID",
        "Online Payments webhook key id",
        |p, v| p.settings.onlinepayments.webhook_key_id = non_empty(v)?.to_owned()
    ),
    opt!(
        "onlinepayments-webhook-secret",
        "KEY",
        "Online Payments webhook secret",
        |p, v| p.settings.onlinepayments.webhook_secret = non_empty(v)?.to_owned()
    ),
    opt!(
        "onlinepayments-webhook-url",
        "URL",
        "Online Payments webhook URL",
        |p, v| p.settings.onlinepayments.webhook_url = Some(url(v)?)
    ),
    opt!(
        "notify-attempts",
        "N",
        "Notification delivery attempts in total, 1 to 100 [default: 5]",
        |p, v| p.retry.max_attempts = attempts(v)?
    ),
    opt!(
        "notify-interval",
        "DURATION",
        "Pause between two delivery attempts, e.g. 100ms or 2s, at most 60s [default: 100ms]",
        |p, v| p.retry.delay = duration(v)?
    ),
    opt!(
        "notify-timeout",
        "DURATION",
        "Time allowed for one delivery attempt, at most 60s [default: 5s]",
        |p, v| p.retry.timeout = duration(v)?
    ),
    opt!("quiet", "", "Do not log requests on stderr", |p, _v| p
        .quiet =
        true),
    opt!("help", "", "Print this help and exit", |p, _v| p.help =
        true),
    opt!("version", "", "Print the version and exit", |p, _v| p
        .version =
        true),
];

fn non_empty(v: &str) -> Result<&str, String> {
    if v.is_empty() {
        Err("the value is empty".to_owned())
    } else {
        Ok(v)
    }
}

fn add_providers(p: &mut Parsed, v: &str) -> Result<(), String> {
    let list = p.providers.get_or_insert_with(Vec::new);
    for name in v.split(',').map(str::trim) {
        if name == "all" {
            list.extend(Provider::ALL);
        } else {
            list.push(name.parse()?);
        }
    }
    Ok(())
}

fn port(v: &str) -> Result<u16, String> {
    v.parse()
        .map_err(|_| format!("`{v}` is not a port (0 to 65535)"))
}

fn own_port(p: &mut Parsed, provider: Provider, v: &str) -> Result<(), String> {
    p.settings.provider_ports.push((provider, port(v)?));
    Ok(())
}

fn url(v: &str) -> Result<String, String> {
    if v.starts_with("http://") || v.starts_with("https://") {
        Ok(v.to_owned())
    } else {
        Err(format!("`{v}` is not an http(s) URL"))
    }
}

fn attempts(v: &str) -> Result<u32, String> {
    match v.parse::<u32>() {
        Ok(n) if (1..=MAX_ATTEMPTS).contains(&n) => Ok(n),
        _ => Err(format!(
            "`{v}` is not a number of attempts from 1 to {MAX_ATTEMPTS}"
        )),
    }
}

/// `250ms`, `2s` (or `1.5s`); at most [`MAX_WAIT`].
fn duration(v: &str) -> Result<Duration, String> {
    let bad = || format!("`{v}` is not a duration like 100ms or 2s (at most 60s)");
    let parsed = if let Some(ms) = v.strip_suffix("ms") {
        ms.parse::<u64>().ok().map(Duration::from_millis)
    } else if let Some(s) = v.strip_suffix('s') {
        s.parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s >= 0.0 && *s <= MAX_WAIT.as_secs_f64())
            .map(Duration::from_secs_f64)
    } else {
        None
    };
    parsed.filter(|d| *d <= MAX_WAIT).ok_or_else(bad)
}

fn env_name(opt: &Opt) -> String {
    format!("{ENV_PREFIX}{}", opt.name.replace('-', "_").to_uppercase())
}

fn find(name: &str) -> Result<&'static Opt, String> {
    OPTIONS
        .iter()
        .find(|o| o.name == name)
        .ok_or_else(|| format!("unknown option `--{name}`"))
}

/// Reads the arguments (without the program name), then fills what they leave unset from
/// `env`.
fn parse(
    args: impl IntoIterator<Item = OsString>,
    env: impl Fn(&str) -> Option<OsString>,
) -> Result<Parsed, String> {
    let mut given: Vec<(&'static Opt, String)> = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let arg = arg
            .into_string()
            .map_err(|a| format!("argument {a:?} is not UTF-8"))?;
        let (name, inline) = match arg.as_str() {
            "-h" => ("help", None),
            "-V" => ("version", None),
            a => match a.strip_prefix("--") {
                Some(rest) if !rest.is_empty() => match rest.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_owned())),
                    None => (rest, None),
                },
                _ => return Err(format!("unexpected argument `{a}`")),
            },
        };
        let opt = find(name)?;
        let value = match (opt.value.is_empty(), inline) {
            (true, None) => String::new(),
            (true, Some(_)) => return Err(format!("`--{name}` takes no value")),
            (false, Some(v)) => v,
            (false, None) => match args.next() {
                Some(v) => v
                    .into_string()
                    .map_err(|v| format!("the value {v:?} of `--{name}` is not UTF-8"))?,
                None => return Err(format!("`--{name}` needs a value ({})", opt.value)),
            },
        };
        given.push((opt, value));
    }
    let mut parsed = Parsed::default();
    for opt in OPTIONS.iter().filter(|o| !o.value.is_empty()) {
        if given.iter().any(|(g, _)| std::ptr::eq(*g, opt)) {
            continue;
        }
        let var = env_name(opt);
        let Some(value) = env(&var).filter(|v| !v.is_empty()) else {
            continue;
        };
        let value = value
            .into_string()
            .map_err(|_| format!("{var} is not UTF-8"))?;
        (opt.apply)(&mut parsed, &value).map_err(|e| format!("{var}: {e}"))?;
    }
    for (opt, value) in &given {
        (opt.apply)(&mut parsed, value).map_err(|e| format!("--{}: {e}", opt.name))?;
    }
    if let Some(providers) = parsed.providers.take() {
        parsed.settings.providers = providers;
    }
    let retry = parsed.retry.clone();
    parsed.settings.set_retry_policy(&retry);
    Ok(parsed)
}

fn help() -> String {
    let mut out = format!(
        "{NAME} {}: offline NoPayn, ECommPay, EPoint and Online Payments sandboxes as one server.\n\n\
         Usage: {NAME} [OPTIONS]\n\n\
         On start it prints one JSON line per sandbox on stdout (provider, base_url, control_url\n\
         and the credentials its SDK needs), then logs each request on stderr. SIGINT or SIGTERM\n\
         stops it (exit 0). Bad options or a port that cannot be bound: exit 2.\n\n\
         Options (each can also be set as an environment variable, shown in brackets):\n",
        env!("CARGO_PKG_VERSION")
    );
    for opt in OPTIONS {
        let flag = if opt.value.is_empty() {
            format!("--{}", opt.name)
        } else {
            format!("--{} <{}>", opt.name, opt.value)
        };
        out.push_str(&format!("  {flag}\n          {}\n", opt.help));
        if !opt.value.is_empty() {
            out.push_str(&format!("          [env: {}]\n", env_name(opt)));
        }
    }
    out.push_str("  -h, -V  the same as --help, --version\n");
    out
}

/// Writes `message` as one line on stderr (never panics on a closed stderr).
fn say(message: &str) {
    let _ = writeln!(io::stderr().lock(), "{NAME}: {message}");
}

fn run(parsed: Parsed) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            say(&format!("cannot start the runtime: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let access_log: Option<AccessLog> = if parsed.quiet {
        None
    } else {
        Some(Arc::new(|entry| {
            let _ = writeln!(io::stderr().lock(), "{entry}");
        }))
    };
    let result = runtime.block_on(serve::run(
        parsed.settings,
        access_log,
        &mut io::stdout().lock(),
    ));
    runtime.shutdown_timeout(Duration::from_secs(1));
    match result {
        Ok(signal) => {
            if !parsed.quiet {
                say(&format!("stopped ({signal})"));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            say(&e.to_string());
            ExitCode::from(e.exit_code())
        }
    }
}

fn main() -> ExitCode {
    match parse(std::env::args_os().skip(1), |name| std::env::var_os(name)) {
        Err(e) => {
            say(&format!("{e} (see --help)"));
            ExitCode::from(2)
        }
        Ok(p) if p.help => {
            let _ = io::stdout().lock().write_all(help().as_bytes());
            ExitCode::SUCCESS
        }
        Ok(p) if p.version => {
            let _ = writeln!(io::stdout().lock(), "{NAME} {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(p) => run(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    fn no_env(_: &str) -> Option<OsString> {
        None
    }

    #[test]
    fn flags_fill_the_settings() {
        let p = parse(
            args(&[
                "--provider",
                "epoint,nopayn",
                "--provider=epoint",
                "--host",
                "0.0.0.0",
                "--port=40000",
                "--epoint-port",
                "5000",
                "--epoint-private-key",
                "pk",
                "--ecommpay-project-id",
                "77",
                "--notify-attempts",
                "2",
                "--notify-interval",
                "1.5s",
                "--notify-timeout=250ms",
                "--quiet",
            ]),
            no_env,
        )
        .unwrap();
        assert_eq!(p.settings.chosen(), [Provider::NoPayn, Provider::Epoint]);
        assert_eq!(p.settings.host, "0.0.0.0");
        assert_eq!(p.settings.port, 40000);
        assert_eq!(p.settings.provider_ports, [(Provider::Epoint, 5000)]);
        assert_eq!(p.settings.epoint.private_key, "pk");
        assert_eq!(p.settings.ecommpay.project_id, 77);
        let retry = &p.settings.onlinepayments.retry;
        assert_eq!(retry.max_attempts, 2);
        assert_eq!(retry.delay, Duration::from_millis(1500));
        assert_eq!(retry.timeout, Duration::from_millis(250));
        assert_eq!(p.settings.nopayn.retry, *retry);
        assert!(p.quiet && !p.help && !p.version);
    }

    #[test]
    fn the_environment_fills_what_flags_leave_unset() {
        let env = |name: &str| match name {
            "PAYMENTS_SANDBOX_PORT" => Some(OsString::from("41000")),
            "PAYMENTS_SANDBOX_ONLINEPAYMENTS_SECRET_API_KEY" => Some(OsString::from("from-env")),
            "PAYMENTS_SANDBOX_NOPAYN_API_KEY" => Some(OsString::from("env-key")),
            "PAYMENTS_SANDBOX_PROVIDER" => Some(OsString::from("ecommpay")),
            _ => None,
        };
        let p = parse(args(&["--nopayn-api-key", "flag-key"]), env).unwrap();
        assert_eq!(p.settings.port, 41000);
        assert_eq!(p.settings.onlinepayments.secret_api_key, "from-env");
        assert_eq!(p.settings.nopayn.api_key, "flag-key");
        assert_eq!(p.settings.chosen(), [Provider::Ecommpay]);
        let defaults = parse(args(&[]), no_env).unwrap();
        assert_eq!(defaults.settings.chosen(), Provider::ALL);
        assert_eq!(defaults.settings.host, "127.0.0.1");
        assert_eq!(defaults.settings.port, 0);
    }

    #[test]
    fn bad_flags_are_one_line_errors() {
        for bad in [
            &["--nope"][..],
            &["--port"],
            &["--port", "70000"],
            &["--provider", "stripe"],
            &["--quiet=yes"],
            &["serve"],
            &["--"],
            &["--notify-attempts", "0"],
            &["--notify-interval", "5m"],
            &["--notify-timeout", "61s"],
            &["--ecommpay-project-id", "x"],
            &["--epoint-callback-url", "ftp://x"],
            &["--nopayn-api-key="],
        ] {
            let e = parse(args(bad), no_env).unwrap_err();
            assert!(!e.is_empty() && !e.contains('\n'), "{bad:?}: {e}");
        }
        let env = |name: &str| (name == "PAYMENTS_SANDBOX_PORT").then(|| OsString::from("x"));
        let e = parse(args(&[]), env).unwrap_err();
        assert!(e.starts_with("PAYMENTS_SANDBOX_PORT:"), "{e}");
    }

    #[test]
    fn help_lists_every_option_with_its_variable() {
        let text = help();
        for opt in OPTIONS {
            assert!(text.contains(&format!("--{}", opt.name)), "{}", opt.name);
            if !opt.value.is_empty() {
                assert!(text.contains(&env_name(opt)), "{}", opt.name);
            }
        }
        assert!(parse(args(&["-h"]), no_env).unwrap().help);
        assert!(parse(args(&["--version"]), no_env).unwrap().version);
    }
}
