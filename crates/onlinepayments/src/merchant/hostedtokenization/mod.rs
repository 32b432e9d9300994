//! `HostedTokenizationClient`: the `hosted_tokenization()` calls of a merchant (`merchant/hostedtokenization`).

crate::merchant::api_client! {
    /// `HostedTokenizationClient`: the calls under `/v2/{merchantId}/hostedtokenizations`.
    #[doc(alias = "IHostedTokenizationClient")]
    hosted_tokenization() -> HostedTokenizationClient {
        /// Create hosted tokenization session: `POST /v2/{merchantId}/hostedtokenizations`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn create_hosted_tokenization() [] [body body: crate::domain::CreateHostedTokenizationRequest] -> CreateHostedTokenizationResponse = Post "/v2/{merchantId}/hostedtokenizations", ErrorResponse, false;
        /// Get hosted tokenization session: `GET /v2/{merchantId}/hostedtokenizations/{hostedTokenizationId}`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_hosted_tokenization(hosted_tokenization_id: &str => "hostedTokenizationId") [] [] -> GetHostedTokenizationResponse = Get "/v2/{merchantId}/hostedtokenizations/{hostedTokenizationId}", ErrorResponse, false;
    }
}
