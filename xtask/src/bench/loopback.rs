//! SDK calls on loopback beside raw reqwest calls of the same requests
//! (`xtask/benches/loopback`): median latency and time per call at the measured throughput,
//! one caller in sequence and 64 concurrent callers. A second table sets the SDK call beside
//! the raw call followed by the same typed parse (`raw_typed`), which leaves the SDK's own
//! cost.

use std::process::Command;

use serde_json::Value;

use super::{Mode, Row, Section};
use crate::cmd;

pub(super) fn run(mode: Mode) -> Result<Vec<Section>, String> {
    let mut args = vec!["bench", "-p", "xtask", "--bench", "loopback", "--"];
    if mode == Mode::Quick {
        args.push("--quick");
    }
    println!("$ cargo {}", args.join(" "));
    let output = Command::new("cargo")
        .args(&args)
        .current_dir(cmd::root())
        .output()
        .map_err(|e| format!("could not run cargo bench: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "loopback bench failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let (mut rows, mut typed_rows) = (Vec::new(), Vec::new());
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let case = v.get("case").and_then(Value::as_str).ok_or("case")?;
        let how = match v.get("mode").and_then(Value::as_str) {
            Some("sequential") => "1 caller",
            Some("concurrent_64") => "64 callers",
            _ => return Err(format!("unknown mode in {line}")),
        };
        for (field, what) in [
            ("median_ns", "median latency"),
            ("per_call_ns", "time per call (1 / throughput)"),
        ] {
            let get = |side: &str| {
                v.pointer(&format!("/{side}/{field}"))
                    .and_then(Value::as_f64)
                    .ok_or_else(|| format!("{case}: no {side}.{field}"))
            };
            for (into, floor, goal) in [
                (&mut rows, "raw", "≤ 1.1× raw reqwest"),
                (&mut typed_rows, "raw_typed", "—"),
            ] {
                into.push(Row {
                    hot_path: format!("{case}, {how}: {what}"),
                    rust_ns: get("sdk")?,
                    python_ns: None,
                    floor_ns: Some(get(floor)?),
                    goal,
                });
            }
        }
    }
    if rows.is_empty() {
        return Err("the loopback bench printed no results".into());
    }
    Ok(vec![
        Section {
            title: "SDK calls on loopback beside raw reqwest".into(),
            intro: "A keep-alive server on 127.0.0.1 answers with a canned body. The floor is the \
                same request (method, URL, headers, body, checked on the server) sent with a \
                plain reqwest client built from `ReqwestTransport::client_builder` with the \
                SDK client's own transport settings (for Online Payments, \
                `CommunicatorConfiguration::transport_config`, with `max_connections` set to \
                the 64 callers, since the default pool keeps 10 idle connections like the \
                official SDK's and closes the others after each call), reading the body; the \
                SDK call also \
                parses the typed response. The variants run in rotating rounds on one runtime."
                .into(),
            rows,
            notes: String::new(),
        },
        Section {
            title: "SDK calls on loopback beside raw reqwest with the same typed parse".into(),
            intro: "The same runs, with a third variant as the floor: the raw call followed by \
                `serde_json::from_slice` of the body into the SDK's own response type \
                (`Order`, `TransactionStatusResponse`, `PaymentResponse`), what a plain \
                reqwest integration does before it can use the answer. What remains is the \
                SDK's own cost: signing, the retry runtime, error mapping and logging hooks."
                .into(),
            rows: typed_rows,
            notes: String::new(),
        },
    ])
}
