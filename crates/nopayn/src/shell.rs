//! The client methods, written once and expanded into the async and the blocking
//! client.
//!
//! `client_shell!` defines a client struct, its `transport` and `build` builder methods
//! and every public method. The async client passes `[async] [.await]`, the blocking one
//! `[] []`. Each client then writes only what really differs: `run`, the one place a
//! request is sent (through the runtime: `execute` or `execute_blocking`), and `pause`,
//! the wait between two polls.

macro_rules! client_shell {
    (
        $(#[$meta:meta])*
        client: $client:ident,
        transport: $transport:ident,
        default_transport: $default:path,
        new: [$(#[$new_meta:meta])*],
        async: [$($async:tt)*],
        await: [$($await:tt)*],
    ) => {
        $(#[$meta])*
        #[derive(Clone)]
        pub struct $client {
            core: ::std::sync::Arc<$crate::wire::Core>,
            runtime: ::payments_core::runtime::Runtime<dyn $transport>,
        }

        impl ::std::fmt::Debug for $client {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Debug::fmt(&self.core, f)
            }
        }

        impl $crate::builder::NoPaynClientBuilder<dyn $transport> {
            /// Sends through this transport instead of the built-in one: your own, or
            /// the built-in one on a reqwest client of yours
            /// (`ReqwestTransport::from_client`). The timeouts and body limit above then
            /// do not apply; the retry policy does.
            pub fn transport(self, transport: impl $transport + 'static) -> Self {
                self.with_transport(::std::sync::Arc::new(transport))
            }

            /// Validates the settings and builds the client.
            pub fn build(self) -> Result<$client, $crate::Error> {
                let (core, runtime) = self.into_parts($default)?;
                Ok($client { core, runtime })
            }
        }

        impl $client {
            /// A client with the default base URL, the built-in transport (30 s total,
            /// 10 s connect timeout, 16 MiB bodies, no redirects) and the default retry
            /// policy. Fails when `api_key` or `merchant_id` is empty.
            $(#[$new_meta])*
            pub fn new(
                api_key: impl Into<String>,
                merchant_id: impl Into<String>,
            ) -> Result<Self, $crate::Error> {
                Self::builder(api_key, merchant_id).build()
            }

            /// A builder for a client with a custom base URL, timeouts, retry policy or
            /// transport.
            pub fn builder(
                api_key: impl Into<String>,
                merchant_id: impl Into<String>,
            ) -> $crate::builder::NoPaynClientBuilder<dyn $transport> {
                $crate::builder::NoPaynClientBuilder::new(api_key, merchant_id)
            }

            /// The merchant (project) id given at construction.
            pub fn merchant_id(&self) -> &str {
                self.core.merchant_id()
            }

            /// The base URL, without trailing slashes.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            /// Creates an order (`POST /v1/orders/`).
            pub $($async)* fn create_order(
                &self,
                request: &$crate::CreateOrderRequest,
            ) -> Result<$crate::Order, $crate::Error> {
                self.run(self.core.create_order(request)?) $($await)*
            }

            /// Fetches an order (`GET /v1/orders/{id}/`).
            pub $($async)* fn get_order(&self, order_id: &str) -> Result<$crate::Order, $crate::Error> {
                self.run(self.core.get_order(order_id)?) $($await)*
            }

            /// Refunds all or part of an order (`POST /v1/orders/{id}/refunds/`). A `None`
            /// description is left out of the body.
            pub $($async)* fn create_refund(
                &self,
                order_id: &str,
                amount: i64,
                description: Option<&str>,
            ) -> Result<$crate::Refund, $crate::Error> {
                self.run(self.core.create_refund(order_id, amount, description)?) $($await)*
            }

            /// Captures an authorised transaction
            /// (`POST /v1/orders/{order_id}/transactions/{transaction_id}/captures/`, no body).
            ///
            /// Returns the updated transaction, or `None` when the API answers 2xx with an
            /// empty body or `{}`: the capture was accepted; fetch the order to see its state.
            pub $($async)* fn capture_transaction(
                &self,
                order_id: &str,
                transaction_id: &str,
            ) -> Result<Option<$crate::Transaction>, $crate::Error> {
                self.run(self.core.capture_transaction(order_id, transaction_id)?) $($await)*
            }

            /// Voids (part of) an authorised transaction
            /// (`POST /v1/orders/{order_id}/transactions/{transaction_id}/voids/amount/`).
            /// A `None` description is left out; `Some("")` is sent as `""`.
            ///
            /// Returns the updated transaction, or `None` for a 2xx answer with an empty body
            /// or `{}`.
            pub $($async)* fn void_transaction(
                &self,
                order_id: &str,
                transaction_id: &str,
                amount: i64,
                description: Option<&str>,
            ) -> Result<Option<$crate::Transaction>, $crate::Error> {
                let call = self
                    .core
                    .void_transaction(order_id, transaction_id, amount, description)?;
                self.run(call) $($await)*
            }

            /// Creates an order and returns where to send the customer, with the signature of
            /// `{amount}:{currency}:{order_id}` (request amount and currency, new order id).
            pub $($async)* fn generate_payment_url(
                &self,
                request: &$crate::CreateOrderRequest,
            ) -> Result<$crate::PaymentUrlResult, $crate::Error> {
                let order = self.create_order(request) $($await)* ?;
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
                self.core.verify_signature(amount, currency, order_id, signature)
            }

            /// Parses a webhook body; see [`crate::parse_webhook_body`].
            pub fn parse_webhook_body(
                &self,
                raw_body: impl AsRef<[u8]>,
            ) -> Result<$crate::WebhookPayload, $crate::Error> {
                $crate::parse_webhook_body(raw_body)
            }

            /// Parses a webhook body, then fetches its order from the API: the body itself is
            /// never trusted.
            pub $($async)* fn verify_webhook(
                &self,
                raw_body: impl AsRef<[u8]>,
            ) -> Result<$crate::VerifiedWebhook, $crate::Error> {
                let payload = $crate::parse_webhook_body(raw_body)?;
                let order = self.get_order(&payload.order_id) $($await)* ?;
                Ok($crate::VerifiedWebhook::new(payload.order_id, order))
            }

            /// Fetches the order until its status is final or `options.timeout` has passed,
            /// waiting `options.interval` between fetches, and returns the last order fetched
            /// (check [`Order::is_final`](crate::Order::is_final)). Fetches at least once;
            /// the first error stops polling and is returned.
            pub $($async)* fn poll_order(
                &self,
                order_id: &str,
                options: &$crate::PollOptions,
            ) -> Result<$crate::Order, $crate::Error> {
                let deadline = options.deadline(::std::time::Instant::now());
                loop {
                    let order = self.get_order(order_id) $($await)* ?;
                    match options.next_delay(&order, deadline) {
                        Some(delay) => Self::pause(delay) $($await)*,
                        None => return Ok(order),
                    }
                }
            }
        }
    };
}

pub(crate) use client_shell;
