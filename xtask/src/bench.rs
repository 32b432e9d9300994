//! `cargo xtask bench ecommpay`: runs the crate's criterion benchmark, times the official
//! Python SDK on the same inputs and writes both into `docs/benchmarks.md`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::{cmd, parity};

const CASES: &[(&str, &str)] = &[
    ("payment_15", "`sign`, 15-parameter payment"),
    ("callback_3_levels", "`sign`, three-level callback"),
];

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["ecommpay"] => ecommpay(),
        other => Err(format!("no benchmark for {other:?}; known: ecommpay")),
    }
}

fn ecommpay() -> Result<(), String> {
    let root = cmd::root();
    cmd::run(
        "cargo",
        &["bench", "-p", "ecommpay", "--bench", "sign"],
        &[],
    )?;
    let python = parity::venv()?;
    let inputs = root.join("crates/ecommpay/benches/inputs.json");
    let python_ns = python_timings(&python, &root.join("xtask/bench/ecommpay.py"), &inputs)?;
    let criterion = criterion_dir(&root);

    let mut table = String::from(
        "| case | Rust `sign` | bare HMAC-SHA512 (key setup included) | `sign` / bare | official Python SDK | Python / Rust |\n\
         |---|---:|---:|---:|---:|---:|\n",
    );
    for (case, title) in CASES {
        let sign = estimate(&criterion, case, "sign")?;
        let bare = estimate(&criterion, case, "bare_hmac_sha512")?;
        let py = python_ns
            .iter()
            .find(|(c, _)| c == case)
            .map(|(_, ns)| *ns)
            .ok_or_else(|| format!("no Python timing for {case}"))?;
        let _ = writeln!(
            table,
            "| {title} | {} | {} | {:.2}× | {} | {:.1}× |",
            micros(sign),
            micros(bare),
            sign / bare,
            micros(py),
            py / sign
        );
    }
    let doc = format!(
        "# Benchmarks\n\n\
         Run with `cargo xtask bench ecommpay`, which runs `cargo bench -p ecommpay` (criterion) and times\n\
         the official Python SDK on the same inputs (`crates/ecommpay/benches/inputs.json`) with `timeit`.\n\
         Figures are medians (criterion's median; the median of seven `timeit` repeats) on a shared\n\
         machine with 2 cores, so expect some noise. CI does not run benchmarks.\n\n\
         ## ecommpay: `SignatureHandler::sign`\n\n\
         The bare HMAC-SHA512 column computes `hmac_sha512(secret, string_to_sign)` over the same\n\
         string to sign, key setup included; `sign` additionally flattens, sorts and encodes the\n\
         parameters, but keeps the keyed HMAC state from `SignatureHandler::new`.\n\n\
         {table}\n\
         The Python SDK's HMAC runs in OpenSSL; its time goes into flattening the parameters.\n"
    );
    let path = root.join("docs/benchmarks.md");
    std::fs::write(&path, doc).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("bench: wrote {}", path.display());
    print!("{table}");
    Ok(())
}

fn criterion_dir(root: &Path) -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("criterion")
}

/// Criterion's median estimate in nanoseconds.
fn estimate(criterion: &Path, group: &str, function: &str) -> Result<f64, String> {
    let path = criterion
        .join(group)
        .join(function)
        .join("new")
        .join("estimates.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    v.pointer("/median/point_estimate")
        .and_then(Value::as_f64)
        .ok_or_else(|| format!("{}: no median", path.display()))
}

fn python_timings(
    python: &Path,
    script: &Path,
    inputs: &Path,
) -> Result<Vec<(String, f64)>, String> {
    let output = Command::new(python)
        .arg(script)
        .arg(inputs)
        .output()
        .map_err(|e| format!("could not run {}: {e}", script.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: Value = serde_json::from_str(line).map_err(|e| format!("{line}: {e}"))?;
            let case = v
                .get("case")
                .and_then(Value::as_str)
                .ok_or("case")?
                .to_owned();
            let ns = v
                .get("ns_per_call")
                .and_then(Value::as_f64)
                .ok_or("ns_per_call")?;
            let signature = v
                .get("signature")
                .and_then(Value::as_str)
                .ok_or("signature")?;
            check_signature(inputs, &case, signature)?;
            Ok((case, ns))
        })
        .collect()
}

/// Both SDKs must produce the same signature on the benchmark inputs.
fn check_signature(inputs: &Path, case: &str, python: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(inputs).map_err(|e| format!("{}: {e}", inputs.display()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", inputs.display()))?;
    let secret = v.get("secret").and_then(Value::as_str).ok_or("secret")?;
    let params = v
        .get(case)
        .and_then(Value::as_object)
        .ok_or_else(|| format!("no input {case}"))?;
    let rust = ecommpay::SignatureHandler::new(secret).sign(params);
    if rust == python {
        Ok(())
    } else {
        Err(format!("{case}: python signed {python}, rust {rust}"))
    }
}

fn micros(ns: f64) -> String {
    format!("{:.2} µs", ns / 1000.0)
}
