//! Rust SDK for the ECommPay Payment Page: signing, payment page URLs, callbacks
