//! The axum examples of the `nopayn` README (its `rust,ignore` blocks in the section of
//! `cargo add nopayn --features axum`), compiled as `no_run` doctests with only the
//! dependencies of that install block.

/// The README's axum examples.
#[cfg(doctest)]
#[doc = include_str!(concat!(env!("OUT_DIR"), "/readme.md"))]
pub struct Readme;
