//! Rust SDK for EPoint (Azerbaijan): signed payment requests and callbacks
