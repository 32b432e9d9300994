//! Sandbox of the ECommPay Payment Page.
//!
//! | route | answer |
//! |---|---|
//! | `GET /payment?<params>&signature=<sig>` | verifies the signature, shows the payment page; `400` error page otherwise |
//! | `POST /payment/pay` (form `payment_id`, `card_number`) | pays, POSTs the signed callback, `303` to `merchant_success_url` / `merchant_fail_url` |
//!
//! The signature is checked with the algorithm of the official SDK (master semantics: `null` →
//! `""`, `:` in keys → `::`, `frame_mode` ignored). The URL carries every value as text, so the
//! sandbox re-derives what was signed: `True`/`False` become `1`/`0` (the SDK signs booleans as
//! digits but writes them as Python's `str(bool)`), `None` becomes `""`, every other value is
//! signed as the received text (`interface_type` arrives as the JSON text `{"id": 24}`, which is
//! also the signed string). Nested values arrive in bracket notation (`customer[name]=Ada`) and
//! are rebuilt into the object that was signed flattened (`customer:name:Ada`).

use std::sync::Mutex;

use crate::common::facade::{Core, facade};
use crate::common::lock;
use crate::notify::RetryPolicy;

mod auth;
mod events;
mod page;
mod routes;
mod state;

pub use auth::{signature, signed_params_from_query, string_to_sign};
pub use routes::ROUTES;
pub use state::EcommpayPayment;

// The same declaration as in the other provider modules: the data `facade!` expands.
facade! {
    /// A running ECommPay Payment Page sandbox on `127.0.0.1`. Dropping it stops the server.
    pub struct EcommpaySandbox;
    provider: "ecommpay", config: EcommpayConfig, notice: "callback",
    transitions: [Pay, Decline, RefundSettled],
    state: |core, config| Inner { core, config, payments: Mutex::default() },
    notify_url: |config| config.callback_url.clone(),
    config_getters: [
        /// The project's secret key.
        secret_key,
    ],
    base_url: "`http://127.0.0.1:<port>`.",
    notifications: "Every callback sent, oldest first.",
    pay_hosted(url_or_payment_id) => state::pay_hosted: "The customer opens `url_or_payment_id` (a signed Payment Page URL, or the `payment_id`\nof a page already opened) and pays with a test card. Same code path as the HTML form.",
}

// Plain settings, shaped like the other providers' configs.
/// Settings of an [`EcommpaySandbox`].
#[derive(Debug, Clone)]
pub struct EcommpayConfig {
    /// The project id the Payment Page URL must carry.
    pub project_id: i64,
    /// The project's secret key (signs page URLs and callbacks).
    pub secret_key: String,
    /// The project's callback URL (configured per project at ECommPay). A
    /// `merchant_callback_url` page parameter takes precedence.
    pub callback_url: Option<String>,
    /// Callback delivery policy.
    pub retry: RetryPolicy,
}

impl Default for EcommpayConfig {
    fn default() -> Self {
        Self {
            project_id: 186,
            secret_key: "sandbox-ecommpay-secret".to_owned(),
            callback_url: None,
            retry: RetryPolicy::default(),
        }
    }
}

impl EcommpaySandbox {
    /// The Payment Page URL to give the SDK's `Gate` as `base_url`
    /// (`http://127.0.0.1:<port>/payment`).
    pub fn payment_page_url(&self) -> String {
        format!("{}/payment", self.base_url())
    }

    /// The project id.
    pub fn project_id(&self) -> i64 {
        self.inner().config.project_id
    }

    /// Sets (or clears) the project's callback URL.
    pub fn set_callback_url(&self, url: Option<String>) {
        self.inner().core.set_notify_url(url);
    }

    /// The project's callback URL.
    pub fn callback_url(&self) -> Option<String> {
        self.inner().core.notify_url()
    }

    /// Every payment opened on the page, oldest first.
    pub fn payments(&self) -> Vec<EcommpayPayment> {
        lock(&self.inner().payments).clone()
    }

    /// One payment by `payment_id`.
    pub fn payment(&self, payment_id: &str) -> Option<EcommpayPayment> {
        lock(&self.inner().payments)
            .iter()
            .find(|p| p.payment_id == payment_id)
            .cloned()
    }
}

#[derive(Debug)]
pub(crate) struct Inner {
    core: Core,
    config: EcommpayConfig,
    payments: Mutex<Vec<EcommpayPayment>>,
}
