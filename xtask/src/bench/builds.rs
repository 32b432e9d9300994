//! Build times: a clean release build of `onlinepayments` and `ecommpay` with default
//! features in a fresh target directory (`cargo build --release --timings`), the crate's own
//! unit from cargo's timings, and an incremental rebuild of `onlinepayments` after touching
//! its `lib.rs`. Skipped with `--quick` (a clean build takes minutes).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use serde_json::Value;

use super::{Mode, Section};
use crate::cmd;

/// (package, library name, goal for the clean build, goal for the crate itself)
const CRATES: &[(&str, &str, &str, &str)] = &[
    ("onlinepayments", "onlinepayments", "≤ 120 s", "≤ 70 s"),
    ("ecommpay", "ecommpay", "≤ 20 s", "—"),
];

pub(super) fn run(mode: Mode) -> Result<Vec<Section>, String> {
    if mode == Mode::Quick {
        return Ok(Vec::new());
    }
    let mut table = String::from(
        "| crate | clean release build | goal | the crate itself | goal |\n|---|---:|---|---:|---|\n",
    );
    let mut incremental = None;
    for (package, lib, goal_total, goal_own) in CRATES {
        let dir =
            std::env::temp_dir().join(format!("payments-build-{package}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let total = build(package, &dir)?;
        let own = own_time(&dir, lib)?;
        let _ = writeln!(
            table,
            "| `{package}` | {total:.1} s | {goal_total} | {own:.1} s | {goal_own} |"
        );
        if *package == "onlinepayments" {
            let lib_rs = cmd::root().join("crates/onlinepayments/src/lib.rs");
            let text = std::fs::read(&lib_rs).map_err(|e| format!("{}: {e}", lib_rs.display()))?;
            std::fs::write(&lib_rs, &text).map_err(|e| format!("{}: {e}", lib_rs.display()))?;
            incremental = Some(build(package, &dir)?);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    let mut notes = table;
    if let Some(secs) = incremental {
        let _ = write!(
            notes,
            "\nIncremental release rebuild of `onlinepayments` after touching `src/lib.rs`: \
             {secs:.1} s (goal ≤ 30 s).\n"
        );
    }
    Ok(vec![Section {
        title: "Build times".into(),
        intro: "`cargo build --release -p <crate> --timings`, default features, in a fresh \
                target directory; \"the crate itself\" is the crate's own unit in cargo's \
                timings."
            .into(),
        rows: Vec::new(),
        notes,
    }])
}

/// Wall time of one release build of `package` into `target`, in seconds.
fn build(package: &str, target: &Path) -> Result<f64, String> {
    println!(
        "$ cargo build --release -p {package} --timings (target {})",
        target.display()
    );
    let start = Instant::now();
    let status = Command::new("cargo")
        .args(["build", "--release", "-p", package, "--timings"])
        .env("CARGO_TARGET_DIR", target)
        .env_remove("CARGO_INCREMENTAL")
        .current_dir(cmd::root())
        .status()
        .map_err(|e| format!("could not run cargo build: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build -p {package} failed"));
    }
    Ok(start.elapsed().as_secs_f64())
}

/// The seconds cargo's timings give the library unit of `lib`.
fn own_time(target: &Path, lib: &str) -> Result<f64, String> {
    let path = target.join("cargo-timings").join("cargo-timing.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let start = html
        .find("const UNIT_DATA = ")
        .ok_or_else(|| format!("{}: no UNIT_DATA", path.display()))?;
    let rest = html
        .get(start + "const UNIT_DATA = ".len()..)
        .ok_or("UNIT_DATA")?;
    let end = rest.find("];").ok_or("UNIT_DATA end")?;
    let units: Vec<Value> = serde_json::from_str(rest.get(..=end).ok_or("UNIT_DATA")?)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let secs: f64 = units
        .iter()
        .filter(|u| u.get("name").and_then(Value::as_str) == Some(lib))
        .filter(|u| u.get("target").and_then(Value::as_str) == Some(""))
        .filter_map(|u| u.get("duration").and_then(Value::as_f64))
        .sum();
    if secs > 0.0 {
        Ok(secs)
    } else {
        Err(format!("{}: no unit for {lib}", path.display()))
    }
}
