//! `cargo xtask bench [--quick] [section ...]`: every hot path timed in Rust (criterion) beside
//! the official Python SDK on the same inputs and beside its floor (the cheapest code that
//! produces the same bytes), in one run; written to `docs/benchmarks.md`.
//!
//! Each section is a module returning [`Section`]s. A section runs its crate's criterion
//! benchmark ([`cargo_bench`]), times the Python SDK with a script under `xtask/bench/` that
//! prints one JSON object per line ([`python_lines`]), and checks that both sides produce the
//! same bytes before it reports a row. `--quick` shortens every measurement and prints the
//! tables without writing the document (CI runs it to prove the benchmarks still work).

mod builds;
mod ecommpay;
mod epoint;
mod loopback;
mod onlinepayments;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::{cmd, parity};

/// How long the measurements run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Full criterion runs and seven Python repeats.
    Full,
    /// Short runs that only prove the benchmarks work.
    Quick,
}

/// One measured hot path.
pub(crate) struct Row {
    /// What is timed, as shown in the table.
    pub hot_path: String,
    /// Rust median, nanoseconds.
    pub rust_ns: f64,
    /// The official Python SDK's median on the same input, nanoseconds.
    pub python_ns: Option<f64>,
    /// The floor's median, nanoseconds.
    pub floor_ns: Option<f64>,
    /// The target this row is held to, e.g. "≥ 15× Python, ≤ 3× floor".
    pub goal: &'static str,
}

/// A group of rows with the prose that explains them.
pub(crate) struct Section {
    pub title: String,
    /// Markdown shown above the table: what is timed and what the floor is.
    pub intro: String,
    pub rows: Vec<Row>,
    /// Markdown shown below the table (or instead of it, for a section without rows).
    pub notes: String,
}

type SectionFn = fn(Mode) -> Result<Vec<Section>, String>;

/// Every section, in the order of the document.
const SECTIONS: &[(&str, SectionFn)] = &[
    ("ecommpay", ecommpay::run),
    ("epoint", epoint::run),
    ("onlinepayments", onlinepayments::run),
    ("loopback", loopback::run),
    ("builds", builds::run),
];

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut mode = Mode::Full;
    let mut wanted = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--quick" => mode = Mode::Quick,
            name if SECTIONS.iter().any(|(n, _)| *n == name) => wanted.push(name.to_owned()),
            other => {
                let known: Vec<_> = SECTIONS.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "no benchmark section {other:?}; known: {}",
                    known.join(", ")
                ));
            }
        }
    }
    let mut sections = Vec::new();
    for (name, section) in SECTIONS {
        if wanted.is_empty() || wanted.iter().any(|w| w == name) {
            sections.extend(section(mode)?);
        }
    }
    let doc = document(&sections);
    if mode == Mode::Quick || !wanted.is_empty() {
        print!("{doc}");
        println!(
            "bench: {} section(s) ran; docs/benchmarks.md left as it is",
            sections.len()
        );
        return Ok(());
    }
    let path = cmd::root().join("docs/benchmarks.md");
    std::fs::write(&path, &doc).map_err(|e| format!("{}: {e}", path.display()))?;
    print!("{doc}");
    println!("bench: wrote {}", path.display());
    Ok(())
}

fn document(sections: &[Section]) -> String {
    let mut doc = format!(
        "# Benchmarks\n\n\
         Written by `cargo xtask bench` on {} ({}). Every row is measured in one run: the Rust\n\
         side with criterion (median), the official Python SDK on the same inputs with `timeit`\n\
         (median of seven repeats), and the floor, the cheapest code that produces the same bytes.\n\
         Both SDKs' outputs are compared before a row is reported. Ratios matter more than the\n\
         absolute times, which depend on the machine. CI runs `cargo xtask bench --quick` to keep\n\
         the benchmarks working, and does not check the figures.\n",
        today(),
        machine()
    );
    for s in sections {
        let _ = write!(doc, "\n## {}\n\n", s.title);
        if !s.intro.is_empty() {
            let _ = write!(doc, "{}\n\n", s.intro.trim_end());
        }
        if !s.rows.is_empty() {
            doc.push_str(
                "| hot path | Rust | official Python SDK | Python / Rust | floor | Rust / floor | goal |\n\
                 |---|---:|---:|---:|---:|---:|---|\n",
            );
            for r in &s.rows {
                let _ = writeln!(
                    doc,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    r.hot_path,
                    micros(r.rust_ns),
                    r.python_ns.map_or("—".into(), micros),
                    r.python_ns
                        .map_or("—".into(), |p| format!("{:.1}×", p / r.rust_ns)),
                    r.floor_ns.map_or("—".into(), micros),
                    r.floor_ns
                        .map_or("—".into(), |f| format!("{:.2}×", r.rust_ns / f)),
                    r.goal
                );
            }
            doc.push('\n');
        }
        if !s.notes.is_empty() {
            let _ = writeln!(doc, "{}", s.notes.trim_end());
        }
    }
    doc
}

/// `cargo bench -p <package> --bench <bench>`, shortened in quick mode.
pub(crate) fn cargo_bench(package: &str, bench: &str, mode: Mode) -> Result<(), String> {
    let mut args = vec!["bench", "-p", package, "--bench", bench];
    if mode == Mode::Quick {
        args.extend([
            "--",
            "--warm-up-time",
            "0.1",
            "--measurement-time",
            "0.3",
            "--sample-size",
            "10",
        ]);
    }
    cmd::run("cargo", &args, &[])
}

/// Where criterion writes its estimates (cargo's target directory, wherever it is).
pub(crate) fn criterion_dir() -> PathBuf {
    target_dir().join("criterion")
}

/// Cargo's target directory, as cargo reports it.
pub(crate) fn target_dir() -> PathBuf {
    let out = Command::new("cargo")
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(cmd::root())
        .output();
    out.ok()
        .filter(|o| o.status.success())
        .and_then(|o| serde_json::from_slice::<Value>(&o.stdout).ok())
        .and_then(|v| v.get("target_directory")?.as_str().map(PathBuf::from))
        .unwrap_or_else(|| cmd::root().join("target"))
}

/// Criterion's median estimate in nanoseconds for `group/function`.
pub(crate) fn estimate(group: &str, function: &str) -> Result<f64, String> {
    let path = criterion_dir()
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

/// Runs `xtask/bench/<script>` with the parity venv's Python and `args` (plus `--quick` in
/// quick mode); each stdout line is one JSON object, conventionally
/// `{"case": .., "ns_per_call": .., "output": ..}`.
pub(crate) fn python_lines(script: &str, args: &[&Path], mode: Mode) -> Result<Vec<Value>, String> {
    let python = parity::venv()?;
    let path = cmd::root().join("xtask/bench").join(script);
    let mut command = Command::new(&python);
    command.arg(&path).args(args);
    if mode == Mode::Quick {
        command.arg("--quick");
    }
    let output = command
        .output()
        .map_err(|e| format!("could not run {}: {e}", path.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed: {}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| serde_json::from_str(line).map_err(|e| format!("{line}: {e}")))
        .collect()
}

/// The line of `lines` whose `case` is `case`, with its `ns_per_call` and `output`.
pub(crate) fn python_case<'a>(lines: &'a [Value], case: &str) -> Result<(f64, &'a Value), String> {
    let line = lines
        .iter()
        .find(|v| v.get("case").and_then(Value::as_str) == Some(case))
        .ok_or_else(|| format!("no Python timing for {case}"))?;
    let ns = line
        .get("ns_per_call")
        .and_then(Value::as_f64)
        .ok_or_else(|| format!("{case}: no ns_per_call"))?;
    Ok((ns, line.get("output").unwrap_or(&Value::Null)))
}

pub(crate) fn micros(ns: f64) -> String {
    if ns >= 1_000_000.0 {
        format!("{:.2} ms", ns / 1_000_000.0)
    } else {
        format!("{:.2} µs", ns / 1000.0)
    }
}

fn today() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "an unknown date".into())
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(str::trim)
        .unwrap_or("an unknown CPU");
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    format!("{model}, {cores} cores")
}
