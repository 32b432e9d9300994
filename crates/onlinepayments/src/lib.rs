//! Rust SDK for Online Payments (Worldline Direct / PAYONE E-Payment)
