#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
//! The README's feature-gated programs (shown, not compiled, as README doctests run with
//! default features) are exactly the example files, which are compiled and built.

/// An example file without its leading `//!` header.
fn code(example: &str) -> &str {
    let mut rest = example;
    while let Some(line_end) = rest.find('\n').filter(|_| rest.starts_with("//!")) {
        rest = &rest[line_end + 1..];
    }
    rest.trim_start_matches('\n').trim_end()
}

#[test]
fn feature_examples_are_the_example_files() {
    let readme = include_str!("../README.md");
    for example in [
        include_str!("../examples/blocking_client.rs"),
        include_str!("../examples/own_http_client.rs"),
        include_str!("../examples/axum_callback.rs"),
    ] {
        let block = format!("```rust,ignore\n{}\n```", code(example));
        assert!(readme.contains(&block), "README lacks:\n{block}");
    }
}

#[test]
fn no_hidden_doctest_lines() {
    let mut in_code = false;
    for line in include_str!("../README.md").lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        let hidden = line.trim_start().starts_with("# ") || line.trim() == "#";
        assert!(!(in_code && hidden), "shown verbatim on crates.io: {line}");
    }
}
