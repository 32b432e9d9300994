//! The entry point of the API: `Client`.

/// Defines a client type over a communicator type (async and blocking share this code).
macro_rules! define_client {
    ($(#[$doc:meta])* $Client:ident, $Communicator:ty, $MerchantClient:ty) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $Client {
            resource: crate::api_resource::ApiResource<$Communicator>,
        }

        impl std::fmt::Debug for $Client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($Client))
                    .field("communicator", &self.resource.communicator)
                    .field("client_meta_info", &self.resource.client_meta_info)
                    .finish()
            }
        }

        impl $Client {
            /// A client on a communicator, without client meta info.
            pub fn new(communicator: std::sync::Arc<$Communicator>) -> Self {
                Self {
                    resource: crate::api_resource::ApiResource {
                        communicator,
                        client_meta_info: None,
                        merchant_id: None,
                    },
                }
            }

            /// A client that also sends `X-GCS-ClientMetaInfo`: the base64 of
            /// `client_meta_info` exactly as given, which must be valid JSON
            /// (`MarshallerSyntaxException` otherwise; an empty string is sent as an
            /// empty header). `None` gives a client without the header.
            pub fn with_client_meta_info(&self, client_meta_info: Option<&str>) -> Result<Self, crate::Error> {
                let encoded = match client_meta_info {
                    None => None,
                    Some(json) => {
                        if !json.is_empty() {
                            serde_json::from_str::<serde_json::Value>(json).map_err(|e| {
                                crate::Error::MarshallerSyntaxException(crate::errors::MarshallerSyntaxException::from(e))
                            })?;
                        }
                        Some(payments_core::signing::base64_encode(json.as_bytes()))
                    }
                };
                let mut resource = self.resource.clone();
                resource.client_meta_info = encoded;
                Ok(Self { resource })
            }

            /// The base64 value of `X-GCS-ClientMetaInfo`, if set.
            pub fn client_meta_info(&self) -> Option<&str> {
                self.resource.client_meta_info.as_deref()
            }

            /// The communicator.
            pub fn communicator(&self) -> &std::sync::Arc<$Communicator> {
                &self.resource.communicator
            }

            /// The API calls of one merchant (`/v2/{merchantId}/…`).
            pub fn merchant(&self, merchant_id: impl Into<String>) -> $MerchantClient {
                <$MerchantClient>::new(self.resource.with_merchant(merchant_id.into()))
            }

            /// Closes connections idle for longer than `idle_time` (the transport's pool
            /// does this itself; kept for the official API).
            pub fn close_idle_connections(&self, idle_time: std::time::Duration) {
                self.resource.communicator.close_idle_connections(idle_time);
                self.resource.communicator.close_expired_connections();
            }

            /// Closes expired connections (the transport's pool does this itself).
            pub fn close_expired_connections(&self) {
                self.resource.communicator.close_expired_connections();
            }

            /// Replaces the body obfuscator of the log messages (shared by every client of
            /// the communicator).
            pub fn set_body_obfuscator(&self, body_obfuscator: crate::log::BodyObfuscator) {
                self.resource.communicator.set_body_obfuscator(body_obfuscator);
            }

            /// Replaces the header obfuscator of the log messages.
            pub fn set_header_obfuscator(&self, header_obfuscator: crate::log::HeaderObfuscator) {
                self.resource.communicator.set_header_obfuscator(header_obfuscator);
            }

            /// Logs every request and response of the communicator to `communicator_logger`.
            pub fn enable_logging(&self, communicator_logger: std::sync::Arc<dyn crate::log::CommunicatorLogger>) {
                self.resource.communicator.enable_logging(communicator_logger);
            }

            /// Stops logging.
            pub fn disable_logging(&self) {
                self.resource.communicator.disable_logging();
            }

            /// Releases the communicator's resources (connections close when the last
            /// client is dropped).
            pub fn close(&self) {
                self.resource.communicator.close();
            }
        }
    };
}

pub(crate) use define_client;

crate::client::define_client!(
    /// `Client`: the entry point of the Online Payments API.
    ///
    /// Create it with [`crate::Factory`]; `client.merchant(id)` gives the API calls.
    /// Clones share the communicator (and its connection pool and logging settings).
    ///
    /// ```no_run
    /// use onlinepayments::Factory;
    ///
    /// # async fn run() -> Result<(), onlinepayments::Error> {
    /// let client = Factory::create_client_from_file("payments_sdk.prp", "apiKey", "apiSecret")?;
    /// let merchant_client = client.merchant("merchantId");
    /// let connection = merchant_client.services().test_connection(None).await?;
    /// # let _ = connection;
    /// # Ok(())
    /// # }
    /// ```
    #[doc(alias = "IClient", alias = "LoggingCapable", alias = "ObfuscationCapable")]
    Client,
    crate::communicator::Communicator,
    crate::merchant::MerchantClient
);

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::communicator::tests::{Recorder, communicator};
    use crate::domain::CreatePaymentRequest;
    use crate::{CallContext, Client};

    fn assert_send<T: Send>(_: &T) {}

    /// The futures of the async calls can be spawned on a multi-threaded runtime.
    #[test]
    fn async_calls_are_send() {
        let client = Client::new(Arc::new(communicator(Recorder::answering(204, ""))));
        let merchant = client.merchant("M");
        let payments = merchant.payments();
        let body = CreatePaymentRequest::default();
        let context = CallContext::new();
        assert_send(&payments.create_payment(&body, Some(&context)));
        assert_send(&payments.get_payment("P", None));
        let communicator = client.communicator();
        assert_send(&communicator.get::<serde_json::Value>("/v2/M", &[], None, None));
        assert_send(&communicator.post::<_, serde_json::Value>(
            "/v2/M",
            &[],
            None,
            Some(&body),
            None,
        ));
    }
}
