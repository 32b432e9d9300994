//! Rust SDK for Online Payments (Worldline Direct / PAYONE E-Payment).
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod communication;
pub mod domain;
pub mod json;
pub mod params;
