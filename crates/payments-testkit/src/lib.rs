//! Offline sandboxes of the NoPayn, ECommPay, EPoint and Online Payments APIs, for tests.
//!
//! Each sandbox is an HTTP server on `127.0.0.1` (a free port) that behaves like the
//! provider for the flows the SDKs cover: it verifies what the provider verifies (Basic auth,
//! Payment Page signature, `data`/`signature`, v1HMAC), keeps orders and payments in memory
//! with the provider's statuses, serves a hosted payment page, sends the provider's signed
//! notification to the merchant with bounded retries and redirects the customer.
//!
//! | sandbox | start | credentials |
//! |---|---|---|
//! | [`NoPaynSandbox`] | [`NoPaynSandbox::start`] | `api_key()` |
//! | [`EcommpaySandbox`] | [`EcommpaySandbox::start`] | `project_id()`, `secret_key()` |
//! | [`EpointSandbox`] | [`EpointSandbox::start`] | `public_key()`, `private_key()` |
//! | [`OnlinePaymentsSandbox`] | [`OnlinePaymentsSandbox::start`] | `merchant_id()`, `api_key_id()`, `secret_api_key()`, `webhook_key_id()`, `webhook_secret()` |
//!
//! A hosted page is paid either through its HTML form or from Rust with `pay_hosted`, which
//! runs the same code: the [`TestCard`] decides the outcome, the notification is delivered
//! (see [`RetryPolicy`]) and a [`PaymentOutcome`] reports the status, the redirect URL and every
//! delivery attempt.
//!
//! The `payments-sandbox` binary serves them to other processes, with one JSON line of
//! coordinates per sandbox on stdout (see [`serve`]); [`ServeOptions`] starts a sandbox on a
//! listener of your own with an access log.
//!
//! Every sandbox also serves the same [control API](control) under `/__sandbox/` (recorded
//! requests, notifications, forced status transitions, resends, reset), for test suites in any
//! language; the same operations are methods of each sandbox (`force_transition`,
//! `resend_notification`, `reset`). Each provider module exports its `ROUTES` table.
//!
//! ```
//! use payments_testkit::{NoPaynConfig, NoPaynSandbox};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), payments_testkit::SandboxError> {
//! let sandbox = NoPaynSandbox::start(NoPaynConfig::default()).await?;
//! assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
//! // Point the NoPayn client at `sandbox.base_url()` with `sandbox.api_key()`, create an
//! // order, then: `sandbox.pay_hosted(&order_id, TestCard::VisaSuccess).await?`.
//! assert!(sandbox.orders().is_empty());
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

mod common;

pub mod ecommpay;
pub mod epoint;
pub mod nopayn;
pub mod onlinepayments;
pub mod serve;

pub use common::{cards, control, error, listen, notify, outcome, record};

pub use cards::{CardOutcome, TestCard, card_outcome};
pub use control::{Route, Transition, Transitioned};
pub use ecommpay::{EcommpayConfig, EcommpaySandbox};
pub use epoint::{EpointConfig, EpointSandbox};
pub use error::SandboxError;
pub use listen::{AccessEntry, AccessLog, ServeOptions};
pub use nopayn::{NoPaynConfig, NoPaynSandbox};
pub use notify::{DeliveryAttempt, Notification, RetryPolicy};
pub use onlinepayments::{OnlinePaymentsConfig, OnlinePaymentsSandbox};
pub use outcome::PaymentOutcome;
pub use record::RecordedRequest;

/// The four sandboxes, started together.
#[derive(Debug)]
pub struct Sandboxes {
    /// NoPayn.
    pub nopayn: NoPaynSandbox,
    /// ECommPay.
    pub ecommpay: EcommpaySandbox,
    /// EPoint.
    pub epoint: EpointSandbox,
    /// Online Payments.
    pub onlinepayments: OnlinePaymentsSandbox,
}

impl Sandboxes {
    /// Starts every sandbox with its default configuration.
    pub async fn start_all() -> Result<Sandboxes, SandboxError> {
        Ok(Sandboxes {
            nopayn: NoPaynSandbox::start_default().await?,
            ecommpay: EcommpaySandbox::start_default().await?,
            epoint: EpointSandbox::start_default().await?,
            onlinepayments: OnlinePaymentsSandbox::start_default().await?,
        })
    }

    /// Sets the same notification retry policy on every sandbox.
    pub fn set_retry_policy(&self, policy: &RetryPolicy) {
        self.nopayn.set_retry_policy(policy.clone());
        self.ecommpay.set_retry_policy(policy.clone());
        self.epoint.set_retry_policy(policy.clone());
        self.onlinepayments.set_retry_policy(policy.clone());
    }

    /// Stops every sandbox.
    pub async fn shutdown(&self) {
        self.nopayn.shutdown().await;
        self.ecommpay.shutdown().await;
        self.epoint.shutdown().await;
        self.onlinepayments.shutdown().await;
    }
}
