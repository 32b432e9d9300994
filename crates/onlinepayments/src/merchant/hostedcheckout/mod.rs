//! `HostedCheckoutClient`: the `hosted_checkout()` calls of a merchant (`merchant/hostedcheckout`).

crate::merchant::api_client! {
    /// `HostedCheckoutClient`: the calls under `/v2/{merchantId}/hostedcheckouts`.
    #[doc(alias = "IHostedCheckoutClient")]
    hosted_checkout() -> HostedCheckoutClient {
        /// Create hosted checkout: `POST /v2/{merchantId}/hostedcheckouts`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn create_hosted_checkout() [] [body body: crate::domain::CreateHostedCheckoutRequest] -> CreateHostedCheckoutResponse = Post "/v2/{merchantId}/hostedcheckouts", ErrorResponse, false;
        /// Get hosted checkout status: `GET /v2/{merchantId}/hostedcheckouts/{hostedCheckoutId}`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_hosted_checkout(hosted_checkout_id: &str => "hostedCheckoutId") [] [] -> GetHostedCheckoutResponse = Get "/v2/{merchantId}/hostedcheckouts/{hostedCheckoutId}", ErrorResponse, false;
    }
}
