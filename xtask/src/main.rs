//! `cargo xtask <command>`: workspace automation.
//!
//! - `ci`: formatting, clippy, tests, docs and the package check, as CI runs them.
//! - `package`: proves every publishable crate builds from its packaged `.crate` form.
//! - `parity`: compares the Rust crates against the official Python SDKs (see `parity.rs`).
//! - `spec` / `codegen [--check]`: the generated `onlinepayments` data model (see `codegen`).
//! - `bench`: benchmarks beside the official Python SDKs, written to `docs/benchmarks.md`.
//! - `sandbox-drive`: the standalone `payments-sandbox` driven by the official Python SDKs
//!   (see `sandbox_drive.rs`).

mod bench;
mod cmd;
mod codegen;
mod package;
mod parity;
mod sandbox_drive;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => ("help", &[][..]),
    };
    let result = match command {
        "ci" => ci(),
        "package" => package(),
        "parity" => parity::run(rest),
        "bench" => bench::run(rest),
        "sandbox-drive" => sandbox_drive::run(rest),
        "spec" => codegen::spec(rest),
        "codegen" => codegen::codegen(rest),
        "help" | "--help" | "-h" => {
            print_help();
            Ok(())
        }
        other => Err(format!(
            "unknown command {other:?} (args {rest:?}); try `cargo xtask help`"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print_help() {
    println!(
        "cargo xtask <command>\n\n\
         ci        fmt check, clippy -D warnings, tests, rustdoc -D warnings (default and all features), package check\n\
         package   cargo package --workspace (every publishable crate built from its .crate)\n\
         parity    [provider ...] compare with the official Python SDKs (installed in a venv)\n\
         spec      [--check] extract crates/onlinepayments/spec/domain.json from the official SDK\n\
         codegen   [--check] generate src/domain and src/params of crates/onlinepayments\n\
         bench     [--quick] [section ...] hot paths beside the official Python SDKs and their floors -> docs/benchmarks.md\n\
         sandbox-drive  start payments-sandbox and drive it with the official Python SDKs (parity venv)"
    );
}

fn ci() -> Result<(), String> {
    cmd::run("cargo", &["fmt", "--all", "--", "--check"], &[])?;
    cmd::run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    cmd::run("cargo", &["test", "--workspace", "--all-features"], &[])?;
    for features in [&[][..], &["--all-features"][..]] {
        let mut args = vec!["doc", "--workspace", "--no-deps"];
        args.extend_from_slice(features);
        cmd::run("cargo", &args, &[("RUSTDOCFLAGS", "-Dwarnings")])?;
    }
    package()
}

fn package() -> Result<(), String> {
    let members = package::workspace_members()?;
    package::clear_cached_sources(&members)?;
    let mut args = vec!["package", "--workspace", "--allow-dirty"];
    for member in members.iter().filter(|m| !m.publish) {
        args.extend(["--exclude", member.name.as_str()]);
    }
    cmd::run("cargo", &args, &[])
}
