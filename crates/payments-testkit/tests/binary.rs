#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! The `payments-sandbox` binary as another process uses it: JSON coordinates on stdout,
//! one real request per provider through its SDK, the stderr access log, SIGTERM and SIGINT,
//! and exit code 2 for a taken port or bad flags. Everything on 127.0.0.1, every wait bounded.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use ecommpay::{Gate, Payment};
use nopayn::{CreateOrderRequest, OrderStatus, PaymentMethod};
use onlinepayments::CommunicatorConfiguration;
use onlinepayments::domain::CreatePaymentRequest;
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_payments-sandbox");
/// How long the binary may take to print its coordinates (it starts four servers).
const STARTUP: Duration = Duration::from_secs(20);
/// How long it may take to stop after a signal.
const STOP: Duration = Duration::from_secs(2);

/// A running `payments-sandbox`; killed if a test fails before it stops.
struct Sandbox {
    child: Child,
    lines: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Sandbox {
    fn start(args: &[&str], env: &[(&str, &str)]) -> Sandbox {
        let mut child = Command::new(BIN)
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut err = child.stderr.take().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = err.read(&mut buf) {
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Sandbox {
            child,
            lines,
            stderr,
        }
    }

    /// The next `n` stdout lines, as JSON.
    fn coordinates(&self, n: usize) -> Vec<Value> {
        (0..n)
            .map(|i| {
                let line = self
                    .lines
                    .recv_timeout(STARTUP)
                    .unwrap_or_else(|e| panic!("line {i}: {e}; stderr: {}", self.stderr()));
                serde_json::from_str(&line).unwrap()
            })
            .collect()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits at most `limit` for the process to end.
    fn wait(&mut self, limit: Duration) -> ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                started.elapsed() < limit,
                "still running after {limit:?}; stderr: {}",
                self.stderr()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the process to end and for its stderr to be read to the end.
    fn finish(&mut self, limit: Duration) -> (ExitStatus, String) {
        let status = self.wait(limit);
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(2) && Arc::strong_count(&self.stderr) > 1 {
            thread::sleep(Duration::from_millis(10));
        }
        (status, self.stderr())
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn by_provider<'a>(lines: &'a [Value], provider: &str) -> &'a Value {
    lines
        .iter()
        .find(|l| l["provider"] == provider)
        .unwrap_or_else(|| panic!("no line for {provider}: {lines:?}"))
}

fn text<'a>(line: &'a Value, key: &str) -> &'a str {
    line[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {line}"))
}

/// `method url` without a body: (status, text).
fn http(method: &str, url: &str) -> (u16, String) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let resp = client
            .request(method.parse().unwrap(), url)
            .send()
            .await
            .unwrap();
        (resp.status().as_u16(), resp.text().await.unwrap())
    })
}

fn http_get(url: &str) -> (u16, String) {
    http("GET", url)
}

/// A control API call: (status, JSON answer).
fn control(line: &Value, method: &str, path: &str) -> (u16, Value) {
    let (status, text) = http(method, &format!("{}{path}", text(line, "control_url")));
    (status, serde_json::from_str(&text).unwrap())
}

fn nopayn_order(line: &Value) {
    let client =
        nopayn::blocking::NoPaynClient::builder(text(line, "api_key"), text(line, "project_id"))
            .base_url(text(line, "base_url"))
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
    let order = client
        .create_order(
            &CreateOrderRequest::new(1295, "EUR")
                .merchant_order_id("BIN-1")
                .return_url("https://shop.example/ok")
                .payment_methods([PaymentMethod::CreditCard]),
        )
        .unwrap();
    assert_eq!(order.status, OrderStatus::New);
    assert!(
        order
            .order_url
            .as_deref()
            .unwrap()
            .starts_with(text(line, "base_url"))
    );
}

fn epoint_payment(line: &Value) {
    let config = epoint::Config::new(text(line, "public_key"), text(line, "private_key"))
        .base_url(text(line, "base_url"))
        .success_redirect_url("https://shop.example/ok")
        .timeout(Duration::from_secs(10));
    let client = epoint::blocking::EPointClient::new(config).unwrap();
    let amount = "4.20".parse().unwrap();
    let resp = client
        .pay(&epoint::PayRequest::new(amount, "AZN", "bin-order"))
        .unwrap();
    assert!(resp.ok, "{resp:?}");
    let transaction = resp.body.transaction.unwrap();
    let status = client.get_transaction_status(&transaction).unwrap();
    assert_eq!(
        status.body.status,
        epoint::TransactionStatusExtended::New,
        "{status:?}"
    );
}

fn ecommpay_page(line: &Value) {
    let project = line["project_id"].as_i64().unwrap();
    let gate = Gate::with_base_url(text(line, "secret_key"), text(line, "payment_page_url"));
    let payment = Payment::new(project, "bin-payment")
        .payment_amount(1001)
        .payment_currency("EUR")
        .payment_description("Binary test");
    let (status, page) = http_get(&gate.get_purchase_payment_page_url(&payment));
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("card_number") && page.contains("10.01"),
        "{page}"
    );
    let wrong = Gate::with_base_url("not-the-secret", text(line, "payment_page_url"));
    let (status, _) = http_get(&wrong.get_purchase_payment_page_url(&payment));
    assert_eq!(status, 400);
}

fn onlinepayments_payment(line: &Value) {
    let configuration = CommunicatorConfiguration::builder()
        .api_endpoint(text(line, "base_url"))
        .api_key_id(text(line, "api_key_id"))
        .secret_api_key(text(line, "secret_api_key"))
        .integrator("payments-sandbox-test")
        .connect_timeout(Duration::from_secs(5))
        .socket_timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let client = onlinepayments::blocking::Factory::create_client_from_configuration(
        &configuration,
        None,
        None,
        None,
    )
    .unwrap();
    let merchant = client.merchant(text(line, "merchant_id"));
    let request: CreatePaymentRequest = serde_json::from_value(json!({
        "cardPaymentMethodSpecificInput": {
            "authorizationMode": "SALE",
            "card": {"cardNumber": "4111111111111111", "cvv": "123", "expiryDate": "1230"},
            "paymentProductId": 1,
        },
        "order": {"amountOfMoney": {"amount": 700, "currencyCode": "EUR"}},
    }))
    .unwrap();
    let created = merchant.payments().create_payment(&request, None).unwrap();
    let payment = created.payment.unwrap();
    assert_eq!(payment.status.as_deref(), Some("CAPTURED"));
    let id = payment.id.unwrap();
    let fetched = merchant.payments().get_payment(&id, None).unwrap();
    assert_eq!(fetched.id.as_deref(), Some(id.as_str()));
}

#[test]
fn serves_every_provider_then_stops_on_sigterm() {
    let mut sb = Sandbox::start(
        &["--port", "0", "--notify-attempts", "1"],
        &[
            (
                "PAYMENTS_SANDBOX_ONLINEPAYMENTS_SECRET_API_KEY",
                "secret-from-env",
            ),
            ("PAYMENTS_SANDBOX_HOST", "127.0.0.1"),
        ],
    );
    let lines = sb.coordinates(4);
    let providers: Vec<&str> = lines.iter().map(|l| text(l, "provider")).collect();
    assert_eq!(
        providers,
        ["nopayn", "ecommpay", "epoint", "onlinepayments"]
    );
    for line in &lines {
        let base = text(line, "base_url");
        assert!(base.starts_with("http://127.0.0.1:"), "{line}");
        assert_eq!(text(line, "control_url"), format!("{base}/__sandbox"));
    }
    let op = by_provider(&lines, "onlinepayments");
    assert_eq!(text(op, "secret_api_key"), "secret-from-env");

    nopayn_order(by_provider(&lines, "nopayn"));
    ecommpay_page(by_provider(&lines, "ecommpay"));
    epoint_payment(by_provider(&lines, "epoint"));
    onlinepayments_payment(op);

    // The control API answers on every provider and saw the SDK's requests.
    for line in &lines {
        let (status, body) = http_get(&format!("{}/requests", text(line, "control_url")));
        assert_eq!(status, 200, "{body}");
        let requests: Value = serde_json::from_str(&body).unwrap();
        assert!(
            !requests["requests"].as_array().unwrap().is_empty(),
            "{line}"
        );
    }

    sb.signal("TERM");
    let (status, stderr) = sb.finish(STOP);
    assert_eq!(status.code(), Some(0), "{stderr}");
    for expected in [
        "nopayn POST /v1/orders/ 201 ",
        "ecommpay GET /payment 200 ",
        "ecommpay GET /payment 400 ",
        "epoint POST /api/1/request 200 ",
        "epoint POST /api/1/get-status 200 ",
        "onlinepayments POST /v2/SANDBOXMERCHANT/payments 201 ",
        "nopayn GET /__sandbox/requests 200 ",
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(expected) && l.ends_with("ms")),
            "no `{expected}…ms` line in:\n{stderr}"
        );
    }
    // No secret or query string reaches the log.
    assert!(!stderr.contains("secret-from-env") && !stderr.contains("signature="));
    assert!(stderr.trim_end().ends_with("stopped (SIGTERM)"), "{stderr}");
}

#[test]
fn one_provider_on_its_own_port_stops_on_sigint() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let mut sb = Sandbox::start(
        &[
            "--provider",
            "epoint",
            "--epoint-port",
            &port.to_string(),
            "--epoint-private-key",
            "bin-private",
            "--quiet",
        ],
        &[],
    );
    let lines = sb.coordinates(1);
    assert_eq!(lines[0]["provider"], "epoint");
    assert_eq!(
        text(&lines[0], "base_url"),
        format!("http://127.0.0.1:{port}")
    );
    assert_eq!(text(&lines[0], "private_key"), "bin-private");
    epoint_payment(&lines[0]);
    sb.signal("INT");
    let (status, stderr) = sb.finish(STOP);
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "", "--quiet logs nothing");
}

/// Runs the binary to its end (it must exit by itself within 10 s): (code, stdout, stderr).
fn run_to_end(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let mut sb = Sandbox::start(args, env);
    let (status, stderr) = sb.finish(Duration::from_secs(10));
    let stdout: Vec<String> = sb.lines.try_iter().collect();
    (status.code(), stdout.join("\n"), stderr)
}

fn assert_one_line_error(code: Option<i32>, stdout: &str, stderr: &str, needle: &str) {
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stdout, "", "nothing is announced");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("payments-sandbox: "), "{stderr}");
    assert!(stderr.contains(needle), "`{needle}` not in {stderr}");
}

#[test]
fn a_taken_port_is_exit_code_2_with_one_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, out, err) = run_to_end(&["--provider", "nopayn", "--nopayn-port", &port], &[]);
    assert_one_line_error(code, &out, &err, &format!("127.0.0.1:{port}"));
    assert!(err.contains("nopayn"), "{err}");
    // Through --port, the first provider's port is the taken one.
    let (code, out, err) = run_to_end(&["--port", &port], &[]);
    assert_one_line_error(code, &out, &err, &format!("127.0.0.1:{port}"));
    drop(taken);
}

/// Arguments, environment, and a word the error must name.
type BadCase<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);

#[test]
fn bad_flags_are_exit_code_2_with_one_line() {
    let cases: [BadCase<'_>; 5] = [
        (&["--bogus"], &[], "--bogus"),
        (&["--port", "seventy"], &[], "seventy"),
        (&["--provider", "stripe"], &[], "stripe"),
        (&["--notify-attempts"], &[], "needs a value"),
        (
            &[],
            &[("PAYMENTS_SANDBOX_PORT", "99999")],
            "PAYMENTS_SANDBOX_PORT",
        ),
    ];
    for (args, env, needle) in cases {
        let (code, out, err) = run_to_end(args, env);
        assert_one_line_error(code, &out, &err, needle);
    }
}

#[test]
fn help_and_version_exit_0() {
    let (code, out, _) = run_to_end(&["--version"], &[]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        format!("payments-sandbox {}", env!("CARGO_PKG_VERSION"))
    );
    let (code, out, _) = run_to_end(&["--help"], &[]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("--onlinepayments-secret-api-key <KEY>"),
        "{out}"
    );
    assert!(out.contains("PAYMENTS_SANDBOX_NOTIFY_INTERVAL"), "{out}");
}

#[test]
fn the_control_api_is_the_same_on_every_provider() {
    use payments_testkit::{control, ecommpay, epoint, nopayn, onlinepayments};
    let mut sb = Sandbox::start(&["--quiet"], &[]);
    let lines = sb.coordinates(4);
    let shared: Vec<(&str, &str)> = control::ROUTES.iter().map(|r| (r.method, r.path)).collect();
    for line in &lines {
        let provider = text(line, "provider");
        let transitions = match provider {
            "nopayn" => nopayn::TRANSITIONS,
            "ecommpay" => ecommpay::TRANSITIONS,
            "epoint" => epoint::TRANSITIONS,
            _ => onlinepayments::TRANSITIONS,
        };
        let (status, routes) = control(line, "GET", "/routes");
        assert_eq!(status, 200);
        assert_eq!(routes["provider"], provider);
        let listed: Vec<(&str, &str)> = routes["routes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["group"] == "control")
            .map(|r| (r["method"].as_str().unwrap(), r["path"].as_str().unwrap()))
            .collect();
        assert_eq!(listed, shared, "{provider}");
        let names: Vec<String> = transitions.iter().map(ToString::to_string).collect();
        assert_eq!(routes["transitions"], json!(names), "{provider}");

        for (method, path, status, code) in [
            ("POST", "/payments/no-such-id/pay", 404, "not_found"),
            (
                "POST",
                "/payments/no-such-id/teleport",
                400,
                "unsupported_transition",
            ),
            ("POST", "/notifications/0/resend", 404, "not_found"),
            ("GET", "/nothing", 404, "not_found"),
            ("GET", "/reset", 405, "method_not_allowed"),
        ] {
            let (got, body) = control(line, method, path);
            assert_eq!(
                (got, body["error"]["code"].as_str()),
                (status, Some(code)),
                "{provider} {method} {path}: {body}"
            );
        }
        assert_eq!(
            control(line, "GET", "/notifications"),
            (200, json!({"notifications": []}))
        );
        assert_eq!(
            control(line, "POST", "/reset"),
            (200, json!({"reset": true}))
        );
        assert_eq!(
            control(line, "GET", "/requests"),
            (200, json!({"requests": []}))
        );
    }
    sb.signal("TERM");
    assert_eq!(sb.finish(STOP).0.code(), Some(0));
}

#[test]
fn every_flag_and_variable_is_documented() {
    let docs = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/testkit.md"
    ))
    .unwrap();
    let (code, help, _) = run_to_end(&["--help"], &[]);
    assert_eq!(code, Some(0));
    let mut flags = 0;
    for line in help.lines().map(str::trim) {
        if let Some(flag) = line.strip_prefix("--") {
            let name = flag.split_whitespace().next().unwrap();
            assert!(
                docs.contains(&format!("`--{name}")),
                "--{name} is not in docs/testkit.md"
            );
            flags += 1;
        }
        if let Some(var) = line
            .strip_prefix("[env: ")
            .and_then(|v| v.strip_suffix(']'))
        {
            assert!(
                docs.contains(&format!("`{var}`")),
                "{var} is not in docs/testkit.md"
            );
        }
    }
    assert!(flags > 20, "{help}");
}
