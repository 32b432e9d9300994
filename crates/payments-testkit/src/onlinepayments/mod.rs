//! Sandbox of the Online Payments (Worldline Direct) server API, v2.
//!
//! Every `/v2/...` request must carry `Authorization: GCS v1HMAC:<keyId>:<signature>`; the
//! sandbox rebuilds the string to sign from the received request (method, `Content-Type`,
//! `Date`, the sorted `X-GCS-*` headers, path and query) and compares in constant time.
//! Failures answer with an `ErrorResponse`: `401` for a missing, malformed or wrong
//! signature or an unknown key id, `403` when the path's merchant id is not the sandbox's.
//!
//! | route under `/v2/{merchantId}` | answer |
//! |---|---|
//! | `POST /hostedcheckouts`, `GET /hostedcheckouts/{id}` | create (`redirectUrl`, `partialRedirectUrl`, `RETURNMAC`) / status |
//! | `POST /payments` | `201` CreatePaymentResponse, or `402` PaymentErrorResponse (`paymentResult`, status `REJECTED`) |
//! | `GET /payments/{id}`, `GET /payments/{id}/details` | PaymentResponse / PaymentDetailsResponse |
//! | `POST /payments/{id}/capture`, `/cancel`, `/refund` | CaptureResponse / CancelPaymentResponse / RefundResponse |
//! | `GET /payments/{id}/captures`, `GET /payments/{id}/refunds` | lists |
//! | `POST /tokens`, `GET /tokens/{id}`, `DELETE /tokens/{id}` | tokens |
//! | `GET /services/testconnection` | `{"result": "OK"}` |
//! | `POST /paymentlinks`, `GET /paymentlinks/{id}`, `POST /paymentlinks/{id}/cancel` | payment links |
//! | `GET /products…`, `GET /productgroups…`, `POST /products/302/sessions` | the fixed catalogue, filtered by the query |
//! | `POST /services/getIINdetails`, `/dccrate`, `/surchargecalculation`, `GET /services/privacypolicy` | the BIN table, fixed rates |
//! | `POST /sessions` | a client session for the client API (`/client/v1/{customerId}/…`) |
//! | `POST /hostedtokenizations`, `POST /hostedfields/sessions` (and their `GET`) | pages that tokenize a test card |
//! | `POST /detokenize/csr`, `GET /detokenize/tokens`, `GET /detokenize/payments` | certificates, encrypted card data |
//! | `POST /webhooks/validateCredentials`, `POST /webhooks/sendtest` | webhook credentials, a signed test event |
//! | `POST /payments/{id}/complete`, `/subsequent`, `/increment-authorization`, `/authorization-additional-data` | payment follow-ups |
//! | `POST /tokens/importCofSeries` | an imported card-on-file series (an `ACCOUNT_VERIFIED` payment) |
//! | `POST /mandates`, `GET /mandates/{ref}`, `POST /mandates/{ref}/block`, `/unblock`, `/revoke` | mandates and their status rules |
//! | `POST /payouts`, `GET /payouts/{id}` | payouts to a card |
//! | `POST /merchant-batches`, `POST …/{ref}/process`, `GET …/{ref}`, `GET …/{ref}/reports/payments` | merchant batches |
//! | `POST /paymentlinks/{id}/share`, `POST /v2/merchant-groups/{groupId}/paymentlinks/search` | link sharing and search |
//!
//! `create_payment` and `create_token` decrypt `encryptedCustomerInput` ([`jwe`]) for the
//! client sessions the sandbox created.
//!
//! `POST` requests with `X-GCS-Idempotence-Key` are replayed: the same key on the same path
//! returns the stored status and body with `X-GCS-Idempotence-Request-Timestamp`.
//! The hosted checkout page is `GET /hostedcheckout/{id}` with its form at
//! `POST /hostedcheckout/{id}/pay`; third parties are stood in for by `GET /thirdparty/{id}`
//! (redirect payments) and `GET /mandatesigning/{ref}` (mandate signatures).

use std::sync::Mutex;

use serde_json::Value;

use crate::common::facade::{Core, facade};
use crate::common::lock;
use crate::notify::RetryPolicy;

mod assets;
mod auth;
mod batches;
mod catalogue;
mod certificates;
mod customer_input;
mod events;
mod follow_up;
mod handlers;
mod idempotency;
mod input;
pub mod jwe;
mod mandates;
mod page;
mod payouts;
mod render;
mod routes;
mod sessions;
mod state;
mod third_party_page;
mod tokenize_page;
mod transitions;

pub use auth::{authorization, string_to_sign};
pub use events::webhook_signature;
pub use routes::ROUTES;

// The same declaration as in the other provider modules: the data `facade!` expands.
facade! {
    /// A running Online Payments sandbox on `127.0.0.1`. Dropping it stops the server.
    pub struct OnlinePaymentsSandbox;
    provider: "onlinepayments", config: OnlinePaymentsConfig, notice: "webhook",
    transitions: [Pay, Decline, Expire, RefundSettled, Chargeback],
    state: |core, config| Inner { core, config, store: Mutex::default() },
    notify_url: |config| config.webhook_url.clone(),
    config_getters: [
        /// The merchant id.
        merchant_id,
        /// The API key id.
        api_key_id,
        /// The secret API key.
        secret_api_key,
        /// The webhook key id.
        webhook_key_id,
        /// The webhook secret.
        webhook_secret,
    ],
    base_url: "`http://127.0.0.1:<port>`, the SDK's `api_endpoint`.",
    notifications: "Every webhook sent, oldest first (those triggered by API calls are sent in the\nbackground and appear once their delivery ends).",
    pay_hosted(checkout_or_url) => state::pay_checkout: "The customer pays on the hosted checkout `checkout_or_url` (a hosted checkout id, a\n`redirectUrl`/`partialRedirectUrl`, or a payment link's `redirectionUrl`) with a test\ncard. Same code path as the HTML form.",
}

// Plain settings, shaped like the other providers' configs.
/// Settings of an [`OnlinePaymentsSandbox`].
#[derive(Debug, Clone)]
pub struct OnlinePaymentsConfig {
    /// The merchant id (`/v2/{merchantId}/...`).
    pub merchant_id: String,
    /// API key id (`GCS v1HMAC:<keyId>:...`).
    pub api_key_id: String,
    /// Secret API key (HMAC key).
    pub secret_api_key: String,
    /// Key id sent in `X-GCS-KeyId` with webhooks.
    pub webhook_key_id: String,
    /// Secret that signs webhooks (`X-GCS-Signature`).
    pub webhook_secret: String,
    /// Where webhooks go (configured per merchant in the portal).
    pub webhook_url: Option<String>,
    /// Webhook delivery policy.
    pub retry: RetryPolicy,
}

impl Default for OnlinePaymentsConfig {
    fn default() -> Self {
        Self {
            merchant_id: "SANDBOXMERCHANT".to_owned(),
            api_key_id: "sandbox-api-key-id".to_owned(),
            secret_api_key: "sandbox-secret-api-key".to_owned(),
            webhook_key_id: "sandbox-webhook-key-id".to_owned(),
            webhook_secret: "sandbox-webhook-secret".to_owned(),
            webhook_url: None,
            retry: RetryPolicy::default(),
        }
    }
}

impl OnlinePaymentsSandbox {
    /// Endpoint scheme, `http`.
    pub fn endpoint_scheme(&self) -> &'static str {
        "http"
    }

    /// Endpoint host: the address the sandbox listens on (`127.0.0.1` unless started on
    /// another one; an IPv6 address in brackets).
    pub fn endpoint_host(&self) -> &str {
        let url = &self.inner().core.base_url;
        let authority = url.strip_prefix("http://").unwrap_or(url);
        authority
            .rsplit_once(':')
            .map_or(authority, |(host, _port)| host)
    }

    /// Endpoint port.
    pub fn endpoint_port(&self) -> u16 {
        self.inner().core.port
    }

    /// Sets (or clears) the webhook URL.
    pub fn set_webhook_url(&self, url: Option<String>) {
        self.inner().core.set_notify_url(url);
    }

    /// URL of the hosted checkout page of a hosted checkout id.
    pub fn hosted_checkout_url(&self, hosted_checkout_id: &str) -> String {
        render::checkout_url(self.inner(), hosted_checkout_id)
    }

    /// A payment as the API returns it (PaymentResponse JSON).
    pub fn payment(&self, payment_id: &str) -> Option<Value> {
        let store = lock(&self.inner().store);
        store
            .payments
            .iter()
            .find(|p| p.id == payment_id)
            .map(render::payment_json)
    }

    /// Every payment (PaymentResponse JSON), oldest first.
    pub fn payments(&self) -> Vec<Value> {
        lock(&self.inner().store)
            .payments
            .iter()
            .map(render::payment_json)
            .collect()
    }
}

#[derive(Debug)]
pub(crate) struct Inner {
    core: Core,
    config: OnlinePaymentsConfig,
    store: Mutex<state::Store>,
}
