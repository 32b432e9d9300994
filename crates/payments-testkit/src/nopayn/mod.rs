//! Sandbox of the NoPayn (Cost+) order API and hosted payment page.
//!
//! Routes (API routes need `Authorization: Basic base64(api_key + ":")`):
//!
//! | route | answer |
//! |---|---|
//! | `POST /v1/orders/` | `201` order JSON with `order_url` and one transaction with `payment_url` |
//! | `GET /v1/orders/{id}/` | `200` order JSON |
//! | `POST /v1/orders/{id}/refunds/` | `201` refund `{id, amount, status: "pending"}` |
//! | `POST /v1/orders/{id}/transactions/{tid}/captures/` | `200` transaction (status `captured`) |
//! | `POST /v1/orders/{id}/transactions/{tid}/voids/amount/` | `200` transaction (status `voided`) |
//! | `GET /hpp/{id}/` | hosted payment page (HTML) |
//! | `POST /hpp/{id}/pay` (form `card_number`) | pays, notifies, `303` to `return_url` / `failure_url` |
//! | `POST /hpp/{id}/cancel` | cancels, notifies, `303` to `failure_url` |
//!
//! Errors: `401 {"error":{"message":"Unauthorized"}}`, `404 {"detail":"Not found"}`,
//! `400 {"error":{"value":"..."}}`.

use std::sync::Mutex;

use payments_core::signing::base64_encode;

use crate::common::facade::{Core, facade, id_from_url};
use crate::common::lock;
use crate::error::SandboxError;
use crate::notify::RetryPolicy;
use crate::outcome::PaymentOutcome;

mod auth;
mod events;
mod handlers;
mod page;
mod render;
mod routes;
mod state;

pub use routes::ROUTES;
pub use state::{NoPaynOrder, NoPaynRefund, NoPaynTransaction};

// The same declaration as in the other provider modules: the data `facade!` expands.
facade! {
    /// A running NoPayn sandbox on `127.0.0.1`. Dropping it stops the server.
    pub struct NoPaynSandbox;
    provider: "nopayn", config: NoPaynConfig, notice: "webhook",
    transitions: [Pay, Decline, Expire, RefundSettled],
    state: |core, config| Inner { core, config, orders: Mutex::new(Vec::new()) },
    notify_url: |_| None,
    config_getters: [
        /// The API key the sandbox accepts.
        api_key,
        /// The project id reported in webhooks.
        project_id,
    ],
    base_url: "`http://127.0.0.1:<port>`, the value for the SDK's `base_url`.",
    notifications: "Every webhook sent, oldest first.",
    pay_hosted(order_or_url) => state::pay: "The customer pays on the hosted page of `order_or_url` (an order id or an `order_url` /\n`payment_url`) with a test card. Same code path as the HTML form.",
}

// Plain settings, shaped like the other providers' configs.
/// Settings of a [`NoPaynSandbox`].
#[derive(Debug, Clone)]
pub struct NoPaynConfig {
    /// The API key clients must send as the Basic-auth user name.
    pub api_key: String,
    /// `project_id` reported in webhooks and orders.
    pub project_id: String,
    /// Webhook delivery policy.
    pub retry: RetryPolicy,
}

impl Default for NoPaynConfig {
    fn default() -> Self {
        Self {
            api_key: "sandbox-nopayn-api-key".to_owned(),
            project_id: "sandbox-project".to_owned(),
            retry: RetryPolicy::default(),
        }
    }
}

impl NoPaynSandbox {
    /// The `Authorization` header value the sandbox accepts.
    pub fn authorization_header(&self) -> String {
        format!(
            "Basic {}",
            base64_encode(format!("{}:", self.api_key()).as_bytes())
        )
    }

    /// URL of the hosted payment page of an order.
    pub fn hosted_page_url(&self, order_id: &str) -> String {
        render::hpp_url(self.base_url(), order_id)
    }

    /// Every order, oldest first.
    pub fn orders(&self) -> Vec<NoPaynOrder> {
        lock(&self.inner().orders).clone()
    }

    /// One order.
    pub fn order(&self, order_id: &str) -> Option<NoPaynOrder> {
        lock(&self.inner().orders)
            .iter()
            .find(|o| o.id == order_id)
            .cloned()
    }

    /// The customer presses Cancel on the hosted page.
    pub async fn cancel_hosted(&self, order_or_url: &str) -> Result<PaymentOutcome, SandboxError> {
        state::finish_unpaid(&self.running.inner, order_id_of(order_or_url), "cancelled").await
    }

    /// Forces a `new` order to expire now (as if its `expiration_period` ran out) and sends
    /// the webhook.
    pub async fn expire_order(&self, order_id: &str) -> Result<PaymentOutcome, SandboxError> {
        state::finish_unpaid(&self.running.inner, order_id, "expired").await
    }
}

/// Takes the order id out of an `order_url`/`payment_url`, or returns the text itself.
fn order_id_of(order_or_url: &str) -> &str {
    id_from_url(order_or_url, "/hpp/")
}

#[derive(Debug)]
pub(crate) struct Inner {
    core: Core,
    config: NoPaynConfig,
    orders: Mutex<Vec<NoPaynOrder>>,
}
