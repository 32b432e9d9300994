//! Checks that every provider crate is usable from its README alone.
//!
//! Next to this crate, `readme-check/<provider>` compiles the README of a provider crate
//! as doctests, with that crate and exactly the dependencies of the README's Install
//! block; `readme-check/<provider>-<feature>` compiles the README's examples of a feature
//! (its `rust,ignore` blocks in the section of the `cargo add … --features <feature>`
//! block) with exactly that block's dependencies. The tests of this crate check that the
//! manifests of those crates list the same dependencies as the READMEs.

mod readme;

pub use readme::{
    Block, Dep, Install, code_blocks, feature_examples, install_blocks, manifest_dependencies,
    parse_cargo_add,
};
