//! The async client (Python `NoPaynClient`).

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use payments_core::http::Transport;

use crate::error::Error;
use crate::models::{
    Order, PaymentUrlResult, Refund, Transaction, VerifiedWebhook, WebhookPayload,
};
use crate::polling::PollOptions;
use crate::request::CreateOrderRequest;
use crate::webhook::parse_webhook_body;
use crate::wire::{Call, Core, Settings};

/// Async client of the NoPayn order API. Cloning is cheap and shares the connection pool.
///
/// ```no_run
/// # async fn run() -> Result<(), nopayn::Error> {
/// let client = nopayn::NoPaynClient::new("your-api-key", "your-project")?;
/// let order = client.get_order("1c969951-f5f1-4290-ae41-6177961fb3cb").await?;
/// println!("{} is {}", order.id, order.status);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct NoPaynClient {
    core: Arc<Core>,
    transport: Arc<dyn Transport>,
}

impl fmt::Debug for NoPaynClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.core.fmt(f)
    }
}

impl NoPaynClient {
    /// A client with the default base URL and the built-in transport (30 s total,
    /// 10 s connect timeout). Fails when `api_key` or `merchant_id` is empty.
    #[cfg(feature = "reqwest")]
    #[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
    pub fn new(api_key: impl Into<String>, merchant_id: impl Into<String>) -> Result<Self, Error> {
        Self::builder(api_key, merchant_id).build()
    }

    /// A builder for a client with a custom base URL, timeouts or transport.
    pub fn builder(
        api_key: impl Into<String>,
        merchant_id: impl Into<String>,
    ) -> NoPaynClientBuilder {
        NoPaynClientBuilder {
            settings: Settings::new(api_key, merchant_id),
            transport: None,
        }
    }

    /// The merchant (project) id given at construction.
    pub fn merchant_id(&self) -> &str {
        self.core.merchant_id()
    }

    /// The base URL, without trailing slashes.
    pub fn base_url(&self) -> &str {
        self.core.base_url()
    }

    async fn run<T>(&self, call: Call<T>) -> Result<T, Error> {
        let (request, parse) = call.into_parts();
        let response = self.transport.send(request).await?;
        parse(&response)
    }

    /// Creates an order (`POST /v1/orders/`).
    pub async fn create_order(&self, request: &CreateOrderRequest) -> Result<Order, Error> {
        self.run(self.core.create_order(request)?).await
    }

    /// Fetches an order (`GET /v1/orders/{id}/`).
    pub async fn get_order(&self, order_id: &str) -> Result<Order, Error> {
        self.run(self.core.get_order(order_id)?).await
    }

    /// Refunds all or part of an order (`POST /v1/orders/{id}/refunds/`). A `None`
    /// description is left out of the body.
    pub async fn create_refund(
        &self,
        order_id: &str,
        amount: i64,
        description: Option<&str>,
    ) -> Result<Refund, Error> {
        self.run(self.core.create_refund(order_id, amount, description)?)
            .await
    }

    /// Captures an authorised transaction
    /// (`POST /v1/orders/{order_id}/transactions/{transaction_id}/captures/`, no body).
    ///
    /// Returns the updated transaction, or `None` when the API answers 2xx with an
    /// empty body or `{}`: the capture was accepted; fetch the order to see its state.
    pub async fn capture_transaction(
        &self,
        order_id: &str,
        transaction_id: &str,
    ) -> Result<Option<Transaction>, Error> {
        self.run(self.core.capture_transaction(order_id, transaction_id)?)
            .await
    }

    /// Voids (part of) an authorised transaction
    /// (`POST /v1/orders/{order_id}/transactions/{transaction_id}/voids/amount/`).
    /// A `None` description is left out; `Some("")` is sent as `""`.
    ///
    /// Returns the updated transaction, or `None` for a 2xx answer with an empty body
    /// or `{}`.
    pub async fn void_transaction(
        &self,
        order_id: &str,
        transaction_id: &str,
        amount: i64,
        description: Option<&str>,
    ) -> Result<Option<Transaction>, Error> {
        self.run(
            self.core
                .void_transaction(order_id, transaction_id, amount, description)?,
        )
        .await
    }

    /// Creates an order and returns where to send the customer, with the signature of
    /// `{amount}:{currency}:{order_id}` (request amount and currency, new order id).
    pub async fn generate_payment_url(
        &self,
        request: &CreateOrderRequest,
    ) -> Result<PaymentUrlResult, Error> {
        let order = self.create_order(request).await?;
        Ok(self.core.payment_url_result(request, order))
    }

    /// Lowercase hex HMAC-SHA256 of `{amount}:{currency}:{order_id}` keyed by the API key.
    pub fn generate_signature(&self, amount: i64, currency: &str, order_id: &str) -> String {
        self.core.generate_signature(amount, currency, order_id)
    }

    /// Checks a signature in constant time (only the exact lowercase hex text verifies).
    pub fn verify_signature(
        &self,
        amount: i64,
        currency: &str,
        order_id: &str,
        signature: &str,
    ) -> bool {
        self.core
            .verify_signature(amount, currency, order_id, signature)
    }

    /// Parses a webhook body; see [`crate::parse_webhook_body`].
    pub fn parse_webhook_body(&self, raw_body: impl AsRef<[u8]>) -> Result<WebhookPayload, Error> {
        parse_webhook_body(raw_body)
    }

    /// Parses a webhook body, then fetches its order from the API: the body itself is
    /// never trusted.
    pub async fn verify_webhook(
        &self,
        raw_body: impl AsRef<[u8]>,
    ) -> Result<VerifiedWebhook, Error> {
        let payload = parse_webhook_body(raw_body)?;
        let order = self.get_order(&payload.order_id).await?;
        Ok(VerifiedWebhook::new(payload.order_id, order))
    }

    /// Fetches the order until its status is final or `options.timeout` has passed,
    /// waiting `options.interval` between fetches, and returns the last order fetched
    /// (check [`Order::is_final`]). Fetches at least once; the first error stops
    /// polling and is returned.
    pub async fn poll_order(&self, order_id: &str, options: &PollOptions) -> Result<Order, Error> {
        let deadline = options.deadline(Instant::now());
        loop {
            let order = self.get_order(order_id).await?;
            match options.next_delay(&order, deadline) {
                Some(delay) => tokio::time::sleep(delay).await,
                None => return Ok(order),
            }
        }
    }
}

/// Builds a [`NoPaynClient`].
pub struct NoPaynClientBuilder {
    settings: Settings,
    transport: Option<Arc<dyn Transport>>,
}

impl fmt::Debug for NoPaynClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NoPaynClientBuilder")
            .field("settings", &self.settings)
            .field("custom_transport", &self.transport.is_some())
            .finish()
    }
}

impl NoPaynClientBuilder {
    /// API base URL (default `https://api.nopayn.co.uk`); trailing slashes are trimmed.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.settings.base_url = base_url.into();
        self
    }

    /// Total time allowed for one request by the built-in transport (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = timeout;
        self
    }

    /// Time allowed to connect by the built-in transport (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.settings.connect_timeout = timeout;
        self
    }

    /// Sends through this transport instead of the built-in one (the timeouts above
    /// then do not apply).
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Validates the settings and builds the client.
    pub fn build(self) -> Result<NoPaynClient, Error> {
        let core = Arc::new(self.settings.to_core()?);
        let transport = match self.transport {
            Some(t) => t,
            None => default_transport(&self.settings)?,
        };
        Ok(NoPaynClient { core, transport })
    }
}

#[cfg(feature = "reqwest")]
fn default_transport(settings: &Settings) -> Result<Arc<dyn Transport>, Error> {
    let transport = payments_core::http::ReqwestTransport::new(&settings.transport_config())
        .map_err(|e| Error::Config(format!("could not build the HTTP transport: {e}")))?;
    Ok(Arc::new(transport))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport(_settings: &Settings) -> Result<Arc<dyn Transport>, Error> {
    Err(Error::Config(
        "no transport: enable the `reqwest` feature or call `.transport(..)`".into(),
    ))
}
