//! Rust SDK for NoPayn / Cost+: orders on the hosted payment page (HPP), refunds,
//! capture and void, HMAC signatures and webhook verification.
//!
//! # Coming from Python
//!
//! The crate mirrors the official Python SDK `nopayn-sdk` name for name. Rustdoc search
//! finds the Python name of every item whose Rust name differs.
//!
//! | Python | Rust |
//! |---|---|
//! | `NoPaynClient(api_key, merchant_id, base_url=…)` | [`NoPaynClient::new`], [`NoPaynClient::builder`] |
//! | `client.create_order(amount=…, currency=…, …)` | [`NoPaynClient::create_order`] with a [`CreateOrderRequest`] |
//! | `client.get_order(order_id)` | [`NoPaynClient::get_order`] |
//! | `client.create_refund(order_id, amount, description=None)` | [`NoPaynClient::create_refund`] |
//! | `client.capture_transaction(order_id, transaction_id)` | [`NoPaynClient::capture_transaction`] |
//! | `client.void_transaction(order_id, transaction_id, amount, description)` | [`NoPaynClient::void_transaction`] |
//! | `client.generate_payment_url(**kwargs)` | [`NoPaynClient::generate_payment_url`] |
//! | `client.generate_signature(…)`, `client.verify_signature(…)` | [`NoPaynClient::generate_signature`], [`NoPaynClient::verify_signature`] |
//! | `client.verify_webhook(raw_body)` | [`NoPaynClient::verify_webhook`], or the [`extract::NoPaynWebhook`] axum extractor |
//! | `parse_webhook_body(raw_body)` | [`parse_webhook_body`] |
//! | `nopayn.generate_signature(api_key, …)`, `nopayn.verify_signature(…)` | [`generate_signature`], [`verify_signature`] |
//! | `Order`, `Transaction`, `Refund` | [`Order`], [`Transaction`], [`Refund`] |
//! | `PaymentUrlResult`, `VerifiedWebhook`, `WebhookPayload` | [`PaymentUrlResult`], [`VerifiedWebhook`], [`WebhookPayload`] |
//! | `NoPaynError` | [`Error`] |
//! | `ApiError` | [`ApiError`], in [`Error::Api`] |
//! | `WebhookError` | [`WebhookError`], in [`Error::Webhook`] |
//! | calls without `await` | [`blocking::NoPaynClient`], the same methods |
//!
//! Statuses and payment methods are open enums ([`OrderStatus`], [`PaymentMethod`], …);
//! every request, response and webhook type is `Serialize` and `Deserialize`.
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
//! `status_code`, `message`, the parsed `error_body`, the response `headers` and the
//! `attempts` the call took; [`Error::retry_after`] reads `Retry-After`),
//! [`Error::Network`] when no usable answer arrived (a connection failure, a timeout, a
//! body over the limit, a redirect; see [`Error::request_may_have_been_sent`] before
//! retrying and [`Error::is_timeout`]), [`Error::InvalidJson`] /
//! [`Error::UnexpectedResponse`] for a 2xx answer that cannot be read, [`Error::Webhook`]
//! for a bad webhook body, [`Error::Config`] and [`Error::InvalidRequest`] for bad input
//! caught before sending. [`ErrorMeta`] reads status, headers, attempts and whether a
//! failure is transient the same way for every provider crate. No error's `Display` or
//! `Debug` shows card numbers, CVVs, cardholder names or tokens from a response body:
//! they are masked.
//!
//! # Retries, timeouts, redirects
//!
//! Every call goes through [`payments_core::runtime`]. `get_order` (and with it
//! `verify_webhook` and `poll_order`) is retried on `429`, `502`, `503`, `504`, resets and
//! timeouts; the writes only when they certainly did not reach the API. The default
//! [`RetryPolicy`] makes up to 3 attempts within 60 s
//! ([`NoPaynClientBuilder::retry_policy`]; [`RetryPolicy::none`] turns it off). The
//! built-in transport allows 30 s per request and 10 s to connect, reads bodies up to
//! 16 MiB ([`NoPaynClientBuilder::max_response_body`]) and never follows a redirect (a
//! 3xx is [`Error::Network`] naming its status and `Location`).
//!
//! To share your application's reqwest client (pool, proxy, TLS), pass
//! `ReqwestTransport::from_client(client)` to [`NoPaynClientBuilder::transport`]; its
//! timeouts and redirect policy then apply, so build it with
//! `.redirect(reqwest::redirect::Policy::none())` (see `examples/shared_http_client.rs`).
//!
//! # Webhook best practice
//!
//! Always verify through the API ([`NoPaynClient::verify_webhook`], or the
//! [`extract::NoPaynWebhook`] extractor); answer HTTP 200 once handled (other codes
//! cause up to 10 retries, 2 minutes apart); be idempotent; poll orders older than 10
//! minutes that are not final ([`NoPaynClient::poll_order`]).
//! `examples/webhook_axum.rs` shows a complete handler.
//!
//! # Features
//!
//! - `rustls` (default): the built-in async transport ([`ReqwestTransport`]: pooled,
//!   timeouts, no redirects) with rustls on the *ring* provider, no C build.
//!   `rustls-aws-lc` (aws-lc-rs, a C build) and `native-tls` (the platform's library)
//!   are the alternatives; `reqwest` alone chooses no TLS backend.
//! - `blocking`: [`blocking::NoPaynClient`] with the same methods, without `.await`.
//! - `tracing`: a span per call named after the method (`nopayn.get_order`, …) with
//!   OpenTelemetry HTTP attributes (`http.request.method`, `url.template`,
//!   `http.response.status_code`, `http.request.resend_count`), an event per retry;
//!   never a key, a header value or a body.
//! - `axum`: [`extract::NoPaynWebhook`], an extractor that verifies webhooks.
//! - `test-util`: [`ReplayTransport`], a replaying and recording transport for tests.
//!
//! Without a transport feature, pass any [`Transport`] to [`NoPaynClient::builder`].
//! Everything the API takes or returns is re-exported here ([`Money`],
//! [`TransportConfig`], [`ProxyConfig`], [`Headers`], [`RetryPolicy`], [`ErrorMeta`],
//! [`TransportError`], [`payments_core`], [`chrono`], [`serde_json`]), so no other
//! dependency is needed to call any method.
//!
//! <!-- Links to items of features that are off: -->
#![cfg_attr(
    not(feature = "blocking"),
    doc = "\n[`blocking::NoPaynClient`]: #features"
)]
#![cfg_attr(not(feature = "axum"), doc = "\n[`extract::NoPaynWebhook`]: #features")]
#![cfg_attr(not(feature = "reqwest"), doc = "\n[`ReqwestTransport`]: #features")]
#![cfg_attr(not(feature = "test-util"), doc = "\n[`ReplayTransport`]: #features")]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
mod builder;
mod client;
pub mod enums;
pub mod error;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod extract;
pub mod models;
pub mod polling;
pub mod request;
mod shell;
pub mod signature;
pub mod test_cards;
pub mod webhook;
mod wire;

pub use builder::NoPaynClientBuilder;
pub use client::NoPaynClient;
pub use enums::{OrderLineType, OrderStatus, PaymentMethod, RefundStatus, TransactionStatus};
pub use error::{ApiError, Error, WebhookError};
pub use models::{
    Order, PaymentUrlResult, Refund, Timestamp, Transaction, VerifiedWebhook, WebhookPayload,
    parse_timestamp,
};
pub use payments_core::ErrorMeta;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub use payments_core::http::ReqwestTransport;
#[cfg(feature = "test-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub use payments_core::http::test_util::ReplayTransport;
pub use payments_core::http::{
    Headers, HttpRequest, HttpResponse, Method, ProxyConfig, Transport, TransportConfig,
    TransportError, TransportErrorKind,
};
pub use payments_core::money::{Currency, Money, MoneyError};
pub use payments_core::runtime::{Idempotency, RetryPolicy};
pub use polling::PollOptions;
pub use request::{CreateOrderRequest, Customer, OrderLine, is_iso8601_duration};
pub use signature::{generate_signature, signature_message, verify_signature};
pub use webhook::parse_webhook_body;
pub use {chrono, payments_core, serde_json};

/// The README's examples, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
pub use wire::{
    BODY_SNIPPET_CHARS, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, path_segment,
};
