//! `cargo xtask sandbox-drive`: the standalone `payments-sandbox` binary driven by the
//! official Python SDKs, as a team outside Rust would use it.
//!
//! It builds the binary (asking cargo where it put it), starts it on free ports of
//! 127.0.0.1, reads its JSON coordinates lines, and runs one script per provider from
//! `xtask/sandbox/` with the Python of the parity virtualenv: every Online Payments method
//! (the 56 of `onlinepayments-clients.json`) through `onlinepayments-sdk-python3`, every
//! EPoint endpoint (15) through `integrify-epoint`, and an ECommPay Payment Page URL signed
//! by `ecommpay-sdk`. Each script prints one JSON line per call; this module prints one
//! summary line per provider, lists every failure (naming the methods the sandbox has no
//! route for), stops the binary with SIGTERM (also on failure) and fails on any failure.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::{cmd, parity};

/// How long the binary may take to print its coordinates.
const STARTUP: Duration = Duration::from_secs(60);
/// How long one drive script may run.
const SCRIPT: Duration = Duration::from_secs(300);
/// How long the binary may take to stop after SIGTERM.
const STOP: Duration = Duration::from_secs(5);
/// Lines of the binary's stderr kept to show on failure.
const LOG_LINES: usize = 200;

/// The EPoint SDK's endpoints (`EPointClientClass` methods).
const EPOINT_ENDPOINTS: [&str; 15] = [
    "pay",
    "get_transaction_status",
    "save_card",
    "pay_with_saved_card",
    "pay_and_save_card",
    "payout",
    "refund",
    "split_pay",
    "split_pay_with_saved_card",
    "split_pay_and_save_card",
    "create_widget",
    "create_token_payment",
    "apple_pay_session",
    "apple_pay",
    "google_pay",
];

/// The ECommPay checks (the SDK signs page URLs and verifies callbacks; it has no API calls).
const ECOMMPAY_CHECKS: [&str; 3] = [
    "page_url_signature",
    "tampered_page_url",
    "payment_and_callback",
];

/// A provider's drive: its script and the names every one of which must pass.
struct Drive {
    provider: &'static str,
    script: &'static str,
    /// What a name counts as in the summary (`methods`, `endpoints`, `checks`).
    unit: &'static str,
}

const DRIVES: [Drive; 3] = [
    Drive {
        provider: "onlinepayments",
        script: "onlinepayments_drive.py",
        unit: "methods",
    },
    Drive {
        provider: "epoint",
        script: "epoint_drive.py",
        unit: "endpoints",
    },
    Drive {
        provider: "ecommpay",
        script: "ecommpay_drive.py",
        unit: "checks",
    },
];

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    if let Some(a) = args.first() {
        return Err(format!("sandbox-drive takes no arguments (got {a:?})"));
    }
    let binary = build_binary()?;
    let python = parity::venv()?;
    let mut sandbox = Sandbox::start(&binary)?;
    let result = drive_all(&python, &sandbox);
    let stopped = sandbox.stop();
    let failures = result?;
    stopped?;
    if failures == 0 {
        println!("sandbox-drive: every provider ok");
        Ok(())
    } else {
        sandbox.print_log_tail();
        Err(format!("sandbox-drive: {failures} failure(s)"))
    }
}

/// `cargo build` of the binary; its path as cargo reports it (`CARGO_TARGET_DIR` and
/// `build.target-dir` respected).
fn build_binary() -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let args = [
        "build",
        "-p",
        "payments-testkit",
        "--bin",
        "payments-sandbox",
        "--message-format=json-render-diagnostics",
    ];
    println!("$ cargo {}", args.join(" "));
    let output = Command::new(&cargo)
        .args(args)
        .current_dir(cmd::root())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start {cargo}: {e}"))?;
    if !output.status.success() {
        return Err(format!("cargo build failed with {}", output.status));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| {
            text(m, "/reason") == Some("compiler-artifact")
                && text(m, "/target/name") == Some("payments-sandbox")
        })
        .find_map(|m| text(&m, "/executable").map(PathBuf::from))
        .ok_or_else(|| "cargo reported no payments-sandbox executable".to_owned())
}

/// The text at a JSON pointer of `value`.
fn text<'a>(value: &'a Value, pointer: &str) -> Option<&'a str> {
    value.pointer(pointer).and_then(Value::as_str)
}

/// The running binary: its coordinates lines and the tail of its stderr.
struct Sandbox {
    child: Child,
    lines: Vec<Value>,
    log: Arc<Mutex<Vec<String>>>,
}

impl Sandbox {
    fn start(binary: &Path) -> Result<Sandbox, String> {
        let args = [
            "--provider",
            "ecommpay,epoint,onlinepayments",
            "--port",
            "0",
            "--notify-attempts",
            "3",
            "--notify-interval",
            "50ms",
            "--notify-timeout",
            "2s",
        ];
        println!("$ {} {}", binary.display(), args.join(" "));
        let mut child = Command::new(binary)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("could not start {}: {e}", binary.display()))?;
        let log = Arc::new(Mutex::new(Vec::new()));
        if let Some(stderr) = child.stderr.take() {
            let log = log.clone();
            thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    let mut kept = log.lock().unwrap_or_else(|p| p.into_inner());
                    if kept.len() == LOG_LINES {
                        kept.remove(0);
                    }
                    kept.push(line);
                }
            });
        }
        let stdout = child.stdout.take();
        let (tx, rx) = mpsc::channel();
        if let Some(stdout) = stdout {
            thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut sandbox = Sandbox {
            child,
            lines: Vec::new(),
            log,
        };
        match read_lines(&rx, DRIVES.len()) {
            Ok(lines) => {
                sandbox.lines = lines;
                Ok(sandbox)
            }
            Err(e) => {
                let _ = sandbox.stop();
                sandbox.print_log_tail();
                Err(e)
            }
        }
    }

    fn coordinates(&self, provider: &str) -> Option<&Value> {
        self.lines
            .iter()
            .find(|l| text(l, "/provider") == Some(provider))
    }

    /// SIGTERM, then at most [`STOP`] for a clean exit (killed after that).
    fn stop(&mut self) -> Result<(), String> {
        if let Ok(Some(status)) = self.child.try_wait() {
            return Err(format!("payments-sandbox ended early with {status}"));
        }
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let started = Instant::now();
        while started.elapsed() < STOP {
            if let Ok(Some(status)) = self.child.try_wait() {
                return if status.success() {
                    println!("sandbox-drive: payments-sandbox stopped ({status})");
                    Ok(())
                } else {
                    Err(format!("payments-sandbox stopped with {status}"))
                };
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        Err(format!(
            "payments-sandbox did not stop within {STOP:?} of SIGTERM"
        ))
    }

    /// The binary's stderr lines that are not a successful request (errors, 4xx and 5xx).
    fn print_log_tail(&self) {
        let log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        let problems: Vec<&String> = log
            .iter()
            .filter(|line| {
                // `<provider> <METHOD> <path> <status> <duration>`
                let status = line
                    .split_whitespace()
                    .nth(3)
                    .and_then(|s| s.parse::<u16>().ok());
                status.is_none_or(|s| s >= 400)
            })
            .collect();
        println!(
            "--- payments-sandbox stderr: {} of the last {} lines are not a 2xx/3xx answer",
            problems.len(),
            log.len()
        );
        for line in problems {
            println!("{line}");
        }
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

fn read_lines(rx: &Receiver<String>, count: usize) -> Result<Vec<Value>, String> {
    let deadline = Instant::now() + STARTUP;
    (0..count)
        .map(|i| {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = rx
                .recv_timeout(left)
                .map_err(|e| format!("payments-sandbox printed {i} of {count} lines: {e}"))?;
            serde_json::from_str(&line).map_err(|e| format!("coordinates line {line:?}: {e}"))
        })
        .collect()
}

/// Runs every drive; returns the number of failed names.
fn drive_all(python: &Path, sandbox: &Sandbox) -> Result<usize, String> {
    let mut failures = 0;
    for drive in &DRIVES {
        let line = sandbox
            .coordinates(drive.provider)
            .ok_or_else(|| format!("no coordinates line for {}", drive.provider))?;
        let results = run_script(python, drive.script, line)?;
        let expected = expected_names(drive.provider)?;
        failures += summarize(drive, &expected, &results);
    }
    Ok(failures)
}

/// The names a provider's script must report, each at least once.
fn expected_names(provider: &str) -> Result<Vec<String>, String> {
    Ok(match provider {
        "onlinepayments" => {
            let path =
                cmd::root().join("crates/payments-testkit/tests/data/onlinepayments-clients.json");
            let raw =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let clients: Value =
                serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
            clients
                .get("methods")
                .and_then(Value::as_array)
                .map(|methods| {
                    methods
                        .iter()
                        .map(|m| {
                            format!(
                                "{}.{}",
                                text(m, "/client_class").unwrap_or_default(),
                                text(m, "/method").unwrap_or_default()
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        }
        "epoint" => EPOINT_ENDPOINTS.iter().map(|s| (*s).to_owned()).collect(),
        _ => ECOMMPAY_CHECKS.iter().map(|s| (*s).to_owned()).collect(),
    })
}

/// One result line of a script.
struct Outcome {
    ok: bool,
    detail: String,
    routed: bool,
}

/// Runs `xtask/sandbox/<script> '<line>'` (at most [`SCRIPT`]) and parses its result lines;
/// a line that is not a result, or a script that fails, becomes a failed `<script>` result.
fn run_script(python: &Path, script: &str, line: &Value) -> Result<Vec<(String, Outcome)>, String> {
    let path = cmd::root().join("xtask").join("sandbox").join(script);
    println!("$ python {} <coordinates>", path.display());
    let mut child = Command::new(python)
        .arg(&path)
        .arg(line.to_string())
        .current_dir(cmd::root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not run {}: {e}", path.display()))?;
    let stdout = child.stdout.take().map(|out| {
        thread::spawn(move || {
            BufReader::new(out)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<String>>()
        })
    });
    let stderr = child.stderr.take().map(|err| {
        thread::spawn(move || {
            BufReader::new(err)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<String>>()
        })
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break Some(status);
        }
        if started.elapsed() > SCRIPT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(50));
    };
    let out = stdout.and_then(|h| h.join().ok()).unwrap_or_default();
    let err = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    let mut results: Vec<(String, Outcome)> = out.iter().map(|l| parse_result(script, l)).collect();
    let problem = match status {
        None => Some(format!("ran longer than {SCRIPT:?}")),
        Some(s) if !s.success() => Some(format!("exited with {s}")),
        Some(_) => None,
    };
    if let Some(problem) = problem {
        let tail: Vec<&str> = err
            .iter()
            .rev()
            .take(15)
            .rev()
            .map(String::as_str)
            .collect();
        results.push((
            script.to_owned(),
            Outcome {
                ok: false,
                detail: format!("{problem}: {}", tail.join(" | ")),
                routed: true,
            },
        ));
    }
    Ok(results)
}

fn parse_result(script: &str, line: &str) -> (String, Outcome) {
    let parsed: Option<Value> = serde_json::from_str(line).ok();
    match parsed
        .as_ref()
        .and_then(|v| Some((text(v, "/name")?, v.get("ok")?.as_bool()?, v)))
    {
        Some((name, ok, v)) => (
            name.to_owned(),
            Outcome {
                ok,
                detail: text(v, "/detail").unwrap_or_default().to_owned(),
                routed: v.get("routed").and_then(Value::as_bool).unwrap_or(true),
            },
        ),
        None => (
            script.to_owned(),
            Outcome {
                ok: false,
                detail: format!("not a result line: {line}"),
                routed: true,
            },
        ),
    }
}

/// Prints the provider's summary line and its failures; returns how many names failed.
fn summarize(drive: &Drive, expected: &[String], results: &[(String, Outcome)]) -> usize {
    let mut by_name: BTreeMap<&str, Vec<&Outcome>> = BTreeMap::new();
    for (name, outcome) in results {
        by_name.entry(name.as_str()).or_default().push(outcome);
    }
    let mut failed: Vec<(String, String, bool)> = Vec::new();
    for name in expected {
        match by_name.get(name.as_str()) {
            None => failed.push((name.clone(), "never called".to_owned(), true)),
            Some(outcomes) => {
                if let Some(bad) = outcomes.iter().find(|o| !o.ok) {
                    failed.push((name.clone(), bad.detail.clone(), bad.routed));
                }
            }
        }
    }
    for (name, outcomes) in &by_name {
        if !expected.iter().any(|e| e == name) {
            let detail = outcomes
                .iter()
                .find(|o| !o.ok)
                .map_or_else(|| "not a known name".to_owned(), |o| o.detail.clone());
            failed.push(((*name).to_owned(), detail, true));
        }
    }
    let ok = expected.len().saturating_sub(
        failed
            .iter()
            .filter(|(n, _, _)| expected.contains(n))
            .count(),
    );
    let calls = results.len();
    println!(
        "{}: {ok}/{} {} ok ({calls} calls)",
        drive.provider,
        expected.len(),
        drive.unit
    );
    for (name, detail, routed) in &failed {
        let tag = if *routed {
            ""
        } else {
            " [no route in the sandbox]"
        };
        println!("  FAIL {name}{tag}: {detail}");
    }
    let unrouted: Vec<&str> = failed
        .iter()
        .filter(|(_, _, routed)| !routed)
        .map(|(n, _, _)| n.as_str())
        .collect();
    if !unrouted.is_empty() {
        println!(
            "  {} of the failures are methods the sandbox has no route for: {}",
            unrouted.len(),
            unrouted.join(", ")
        );
    }
    failed.len()
}
