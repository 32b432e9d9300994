#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `docs/testkit.md` lists every route of every sandbox, generated from the route tables.
//! `UPDATE_DOCS=1 cargo test -p payments-testkit --test docs` rewrites the list.

use std::fmt::Write as _;

use payments_testkit::Route;
use payments_testkit::control::Transition;

const BEGIN: &str = "<!-- routes:begin (generated from the route tables: UPDATE_DOCS=1 cargo test -p payments-testkit --test docs) -->";
const END: &str = "<!-- routes:end -->";

fn table(out: &mut String, title: &str, routes: &[Route], transitions: Option<&[Transition]>) {
    writeln!(out, "\n#### {title}\n").unwrap();
    out.push_str("| group | method | path | handler |\n|---|---|---|---|\n");
    for r in routes {
        writeln!(
            out,
            "| {} | `{}` | `{}` | `{}` |",
            r.group, r.method, r.path, r.handler
        )
        .unwrap();
    }
    if let Some(ts) = transitions {
        let names: Vec<String> = ts.iter().map(|t| format!("`{t}`")).collect();
        writeln!(out, "\nControl transitions: {}.", names.join(", ")).unwrap();
    }
}

fn generated() -> String {
    use payments_testkit::{control, ecommpay, epoint, nopayn, onlinepayments};
    let mut out = String::from(BEGIN);
    out.push('\n');
    table(
        &mut out,
        "NoPayn",
        nopayn::ROUTES,
        Some(nopayn::TRANSITIONS),
    );
    table(
        &mut out,
        "ECommPay",
        ecommpay::ROUTES,
        Some(ecommpay::TRANSITIONS),
    );
    table(
        &mut out,
        "EPoint",
        epoint::ROUTES,
        Some(epoint::TRANSITIONS),
    );
    table(
        &mut out,
        "Online Payments",
        onlinepayments::ROUTES,
        Some(onlinepayments::TRANSITIONS),
    );
    table(
        &mut out,
        "Control API (every sandbox)",
        control::ROUTES,
        None,
    );
    out.push('\n');
    out.push_str(END);
    out
}

#[test]
fn testkit_docs_list_every_route_of_every_sandbox() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/testkit.md");
    // The published crate has no `docs/`: the list is checked in the repository.
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("{path} not found; skipped");
        return;
    };
    let start = text.find(BEGIN).expect("routes:begin marker");
    let end = text.find(END).expect("routes:end marker") + END.len();
    let want = generated();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{want}{}", &text[..start], &text[end..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    assert_eq!(
        &text[start..end],
        want,
        "docs/testkit.md is out of date: UPDATE_DOCS=1 cargo test -p payments-testkit --test docs"
    );
}
