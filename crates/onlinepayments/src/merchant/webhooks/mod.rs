//! `WebhooksClient`: the `webhooks()` calls of a merchant (`merchant/webhooks`).

crate::merchant::api_client! {
    /// `WebhooksClient`: the calls under `/v2/{merchantId}/webhooks/validateCredentials`.
    #[doc(alias = "IWebhooksClient")]
    webhooks() -> WebhooksClient {
        /// Validate credentials: `POST /v2/{merchantId}/webhooks/validateCredentials`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn validate_webhook_credentials() [] [body body: crate::domain::ValidateCredentialsRequest] -> ValidateCredentialsResponse = Post "/v2/{merchantId}/webhooks/validateCredentials", ErrorResponse, false, read;
        /// Send test: `POST /v2/{merchantId}/webhooks/sendtest`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn send_test_webhook() [] [body body: crate::domain::SendTestRequest] -> () = Post "/v2/{merchantId}/webhooks/sendtest", ErrorResponse, false;
    }
}
