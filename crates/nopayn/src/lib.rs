//! Rust SDK for NoPayn / Cost+: orders on the hosted payment page (HPP), refunds,
//! capture and void, HMAC signatures and webhook verification.
//!
//! It mirrors the official Python SDK `nopayn-sdk` name for name: `NoPaynClient`,
//! `create_order`, `get_order`, `create_refund`, `generate_payment_url`,
//! `generate_signature`, `verify_signature`, `verify_webhook`, and the types `Order`,
//! `Transaction`, `Refund`, `PaymentUrlResult`, `VerifiedWebhook`. Python keyword
//! arguments become [`CreateOrderRequest`]; Python `NoPaynError`, `ApiError` and
//! `WebhookError` become [`Error`], [`ApiError`] and [`WebhookError`].
//!
//! # Quickstart
//!
//! ```no_run
//! use nopayn::{CreateOrderRequest, NoPaynClient};
//!
//! # async fn run() -> Result<(), nopayn::Error> {
//! // 1. Create the client.
//! let client = NoPaynClient::new("your-api-key", "your-project")?;
//!
//! // 2. Create a payment and redirect the customer to the HPP.
//! let request = CreateOrderRequest::new(1295, "EUR") // €12.95 in cents
//!     .merchant_order_id("ORDER-001")
//!     .description("Premium Widget")
//!     .return_url("https://shop.example.com/success")
//!     .failure_url("https://shop.example.com/failure")
//!     .webhook_url("https://shop.example.com/webhook")
//!     .locale("en-GB")
//!     .expiration_period("PT30M");
//! let result = client.generate_payment_url(&request).await?;
//! // result.order_url   → HPP (the customer picks a payment method)
//! // result.payment_url → direct link of the first transaction's payment method
//! // result.signature   → HMAC-SHA256 for verification
//! // result.order_id    → NoPayn order UUID
//!
//! // 3. Handle the webhook: the body is only a hint, the order is fetched from the API.
//! # let raw_body = "";
//! let verified = client.verify_webhook(raw_body).await?;
//! println!("{}", verified.order.status); // completed, cancelled, …
//! if verified.is_final && verified.order.status == nopayn::OrderStatus::Completed {
//!     // fulfil the order
//! }
//! # Ok(()) }
//! ```
//!
//! Standalone signatures:
//!
//! ```
//! let sig = nopayn::generate_signature("your-api-key", 1295, "EUR", "order-uuid");
//! assert!(nopayn::verify_signature("your-api-key", 1295, "EUR", "order-uuid", &sig));
//! ```
//!
//! # Errors
//!
//! Every call returns [`Error`]: [`Error::Api`] for a non-2xx answer (with
//! `status_code`, `message` and the parsed `error_body`), [`Error::Network`] when no
//! answer arrived (see [`Error::request_may_have_been_sent`] before retrying),
//! [`Error::InvalidJson`] / [`Error::UnexpectedResponse`] for a 2xx answer that cannot
//! be read, [`Error::Webhook`] for a bad webhook body, [`Error::Config`] and
//! [`Error::InvalidRequest`] for bad input caught before sending.
//!
//! # Webhook best practice
//!
//! Always verify through the API ([`NoPaynClient::verify_webhook`]); answer HTTP 200
//! once handled (other codes cause up to 10 retries, 2 minutes apart); be idempotent;
//! poll orders older than 10 minutes that are not final ([`NoPaynClient::poll_order`]).
//! `examples/webhook_axum.rs` shows a complete handler.
//!
//! # Features
//!
//! - `reqwest` (default): the built-in async transport (rustls, pooled, timeouts).
//! - `blocking`: [`blocking::NoPaynClient`] with the same methods, without `.await`.
//! - `test-util`: `payments_core::http::test_util::ReplayTransport` for tests.
//!
//! Without `reqwest`, pass any [`Transport`] to [`NoPaynClient::builder`].
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
mod client;
pub mod enums;
pub mod error;
pub mod models;
pub mod polling;
pub mod request;
pub mod signature;
pub mod test_cards;
pub mod webhook;
mod wire;

pub use client::{NoPaynClient, NoPaynClientBuilder};
pub use enums::{OrderLineType, OrderStatus, PaymentMethod, RefundStatus, TransactionStatus};
pub use error::{ApiError, Error, WebhookError};
pub use models::{
    Order, PaymentUrlResult, Refund, Timestamp, Transaction, VerifiedWebhook, WebhookPayload,
    parse_timestamp,
};
pub use payments_core;
pub use payments_core::http::Transport;
pub use payments_core::money::{Currency, Money};
pub use polling::PollOptions;
pub use request::{CreateOrderRequest, Customer, OrderLine, is_iso8601_duration};
pub use signature::{generate_signature, signature_message, verify_signature};
pub use webhook::parse_webhook_body;

/// The README's examples, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
pub use wire::{
    BODY_SNIPPET_CHARS, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, path_segment,
};
