//! Rust SDK for NoPayn / Cost+ (hosted payment page, orders, refunds, webhooks)
