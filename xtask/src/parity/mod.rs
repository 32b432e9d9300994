//! `cargo xtask parity [provider ...]`: compares the Rust crates with the official Python
//! SDKs on generated cases.
//!
//! The pinned SDKs (`xtask/parity/requirements.txt`) are installed into a virtualenv under
//! `target/parity-venv`. For each provider a Python script (`xtask/parity/<provider>.py`)
//! generates cases from a seed and prints one JSON object per line holding the inputs and
//! the official SDK's outputs; the provider module here recomputes every output with the
//! Rust crate and counts mismatches. Any mismatch fails the run.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd;

mod ecommpay;
mod epoint;
mod onlinepayments;
mod onlinepayments_domain;

/// Result of one provider's comparison.
pub(crate) struct Summary {
    pub(crate) provider: &'static str,
    pub(crate) cases: usize,
    pub(crate) mismatches: Vec<String>,
}

impl Summary {
    pub(crate) fn new(provider: &'static str) -> Self {
        Self {
            provider,
            cases: 0,
            mismatches: Vec::new(),
        }
    }

    /// Records one compared case; `problem` is `Some(description)` for a mismatch.
    pub(crate) fn record(&mut self, problem: Option<String>) {
        self.cases += 1;
        if let Some(p) = problem {
            self.mismatches.push(p);
        }
    }

    /// Compares two displayable values under a label.
    pub(crate) fn compare<T: PartialEq + std::fmt::Debug>(
        &mut self,
        label: &str,
        python: &T,
        rust: &T,
    ) {
        let problem = (python != rust).then(|| format!("{label}: python={python:?} rust={rust:?}"));
        self.record(problem);
    }
}

type Check = fn(&Path) -> Result<Summary, String>;

/// Every provider with a parity check, in run order.
const PROVIDERS: &[(&str, Check)] = &[
    ("ecommpay", ecommpay::check),
    ("epoint", epoint::check),
    ("onlinepayments-domain", onlinepayments_domain::check),
    ("onlinepayments", onlinepayments::check),
];

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let selected: Vec<&(&str, Check)> = if args.is_empty() {
        PROVIDERS.iter().collect()
    } else {
        let mut v = Vec::new();
        for a in args {
            let found = PROVIDERS
                .iter()
                .find(|(name, _)| name == a)
                .ok_or_else(|| format!("no parity check for {a:?}; known: {:?}", names()))?;
            v.push(found);
        }
        v
    };
    if selected.is_empty() {
        println!("parity: no provider checks registered");
        return Ok(());
    }
    let python = venv()?;
    let mut failed = Vec::new();
    let mut total = 0;
    for (name, check) in selected {
        println!("parity: {name} …");
        let summary = check(&python)?;
        total += summary.cases;
        println!(
            "parity: {}: {} cases, {} mismatches",
            summary.provider,
            summary.cases,
            summary.mismatches.len()
        );
        for m in summary.mismatches.iter().take(20) {
            println!("  mismatch: {m}");
        }
        if !summary.mismatches.is_empty() || summary.cases == 0 {
            failed.push(summary.provider);
        }
    }
    if failed.is_empty() {
        println!("parity: {total} passed, 0 failed");
        Ok(())
    } else {
        Err(format!("parity mismatches in {failed:?}"))
    }
}

fn names() -> Vec<&'static str> {
    PROVIDERS.iter().map(|(n, _)| *n).collect()
}

/// Creates (once) the virtualenv with the pinned official SDKs; returns its python.
pub(crate) fn venv() -> Result<PathBuf, String> {
    let root = cmd::root();
    let dir = root.join("target").join("parity-venv");
    let python = dir.join("bin").join("python");
    let requirements = root.join("xtask").join("parity").join("requirements.txt");
    let stamp = dir.join("installed-requirements.txt");
    let wanted = std::fs::read_to_string(&requirements)
        .map_err(|e| format!("{}: {e}", requirements.display()))?;
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) && python.exists() {
        return Ok(python);
    }
    let dir_s = dir.to_string_lossy().into_owned();
    cmd::run("python3", &["-m", "venv", &dir_s], &[])?;
    let py = python.to_string_lossy().into_owned();
    let req = requirements.to_string_lossy().into_owned();
    cmd::run(
        &py,
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            &req,
        ],
        &[],
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(python)
}

/// Runs `xtask/parity/<script>` with the venv's python and parses one JSON value per
/// output line.
pub(crate) fn run_script(
    python: &Path,
    script: &str,
    args: &[&str],
) -> Result<Vec<serde_json::Value>, String> {
    let path = cmd::root().join("xtask").join("parity").join(script);
    let output = Command::new(python)
        .arg(&path)
        .args(args)
        .current_dir(cmd::root())
        .output()
        .map_err(|e| format!("could not run {}: {e}", path.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed ({}): {}",
            path.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let stdout =
        String::from_utf8(output.stdout).map_err(|e| format!("{script}: non-UTF-8 output: {e}"))?;
    stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| format!("{script} line {}: {e}", i + 1))
        })
        .collect()
}
