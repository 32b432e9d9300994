//! The axum examples of the `epoint-az` README (its `rust,ignore` blocks in the section of
//! `cargo add epoint-az --features axum`), compiled as `no_run` doctests with only the
//! dependencies of that install block.

/// The README's axum examples.
#[cfg(doctest)]
#[doc = include_str!(concat!(env!("OUT_DIR"), "/readme.md"))]
pub struct Readme;
