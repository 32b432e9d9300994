//! The `ecommpay` README, compiled (and, where not `no_run`, run) as doctests with only
//! the dependencies its Install block adds.

/// The README's examples.
#[cfg(doctest)]
#[doc = include_str!("../../../ecommpay/README.md")]
pub struct Readme;
