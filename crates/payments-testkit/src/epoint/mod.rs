//! Sandbox of the EPoint API (`https://epoint.az/api/1/...`).
//!
//! Every API route is `POST` with the body `{"data": "<base64 JSON>", "signature": "<base64>"}`.
//! The sandbox checks `signature == base64(sha1(private_key + data + private_key))`, decodes
//! `data` and requires its `public_key` to match. Like EPoint it answers `200` even on errors,
//! with `{"status": "error", "message": "..."}`.
//!
//! | route | answer |
//! |---|---|
//! | `/api/1/request`, `/api/1/split-request` | `{status, transaction, redirect_url}` |
//! | `/api/1/card-registration`, `/api/1/card-registration-with-pay`, `/api/1/split-card-registration-with-pay` | `{status, transaction, redirect_url, card_id}` |
//! | `/api/1/execute-pay`, `/api/1/split-execute-pay` | charges a saved card at once |
//! | `/api/1/refund-request` | payout to a saved card |
//! | `/api/1/reverse` | refund (full when `amount` is `null`) |
//! | `/api/1/get-status` | the transaction's state (`new`, `success`, `returned`, `error`) |
//! | `/api/1/token/widget`, `/api/1/token/payment` | widget URL / token payment with `short_link` |
//! | `/api/1/token/apple/session`, `/api/1/token/apple/pay`, `/api/1/token/google/pay` | wallet session and payment |
//! | `GET /epoint/pay/{transaction}` | hosted payment page |
//! | `POST /epoint/pay/{transaction}` (form `card_number`) | pays, POSTs the signed form callback, `303` to the redirect URL |

use std::sync::Mutex;

use crate::common::facade::{Core, facade};
use crate::common::lock;
use crate::notify::RetryPolicy;

mod auth;
mod events;
mod handlers;
mod page;
mod render;
mod routes;
mod state;

pub use auth::{encode, sign};
pub use routes::ROUTES;
pub use state::{EpointCard, EpointTransaction};

// The same declaration as in the other provider modules: the data `facade!` expands.
facade! {
    /// A running EPoint sandbox on `127.0.0.1`. Dropping it stops the server.
    pub struct EpointSandbox;
    provider: "epoint", config: EpointConfig, notice: "callback",
    transitions: [Pay, Decline, RefundSettled],
    state: |core, config| Inner { core, config, store: Mutex::default() },
    notify_url: |config| config.callback_url.clone(),
    config_getters: [
        /// The public key.
        public_key,
        /// The private key.
        private_key,
    ],
    base_url: "`http://127.0.0.1:<port>`, the value for the SDK's base URL.",
    notifications: "Every callback sent, oldest first.",
    pay_hosted(transaction_or_url) => state::complete: "The customer pays on the hosted page of `transaction_or_url` (a transaction id or a\n`redirect_url`/`widget_url`/`short_link`) with a test card. Same code path as the form.",
}

// Plain settings, shaped like the other providers' configs.
/// Settings of an [`EpointSandbox`].
#[derive(Debug, Clone)]
pub struct EpointConfig {
    /// The merchant's public key (`public_key` inside `data`).
    pub public_key: String,
    /// The merchant's private key (signs requests and callbacks).
    pub private_key: String,
    /// The merchant's callback URL (configured per merchant at EPoint).
    pub callback_url: Option<String>,
    /// Callback delivery policy.
    pub retry: RetryPolicy,
}

impl Default for EpointConfig {
    fn default() -> Self {
        Self {
            public_key: "i000000001".to_owned(),
            private_key: "sandbox-epoint-private-key".to_owned(),
            callback_url: None,
            retry: RetryPolicy::default(),
        }
    }
}

impl EpointSandbox {
    /// Sets (or clears) the merchant's callback URL.
    pub fn set_callback_url(&self, url: Option<String>) {
        self.inner().core.set_notify_url(url);
    }

    /// The merchant's callback URL.
    pub fn callback_url(&self) -> Option<String> {
        self.inner().core.notify_url()
    }

    /// URL of the hosted payment page of a transaction.
    pub fn hosted_page_url(&self, transaction: &str) -> String {
        render::page_url(self.base_url(), transaction)
    }

    /// Every transaction, oldest first.
    pub fn transactions(&self) -> Vec<EpointTransaction> {
        lock(&self.inner().store).transactions.clone()
    }

    /// One transaction.
    pub fn transaction(&self, transaction: &str) -> Option<EpointTransaction> {
        lock(&self.inner().store)
            .transactions
            .iter()
            .find(|t| t.transaction == transaction)
            .cloned()
    }

    /// Every saved card.
    pub fn cards(&self) -> Vec<EpointCard> {
        lock(&self.inner().store).cards.clone()
    }
}

#[derive(Debug)]
pub(crate) struct Inner {
    core: Core,
    config: EpointConfig,
    store: Mutex<state::Store>,
}
