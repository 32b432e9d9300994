//! `TokensClient`: the `tokens()` calls of a merchant (`merchant/tokens`).

crate::merchant::api_client! {
    /// `TokensClient`: the calls under `/v2/{merchantId}/tokens`.
    #[doc(alias = "ITokensClient")]
    tokens() -> TokensClient {
        /// Create token: `POST /v2/{merchantId}/tokens`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn create_token() [] [body body: crate::domain::CreateTokenRequest] -> CreatedTokenResponse = Post "/v2/{merchantId}/tokens", ErrorResponse, false;
        /// Get token: `GET /v2/{merchantId}/tokens/{tokenId}`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_token(token_id: &str => "tokenId") [] [] -> TokenResponse = Get "/v2/{merchantId}/tokens/{tokenId}", ErrorResponse, false;
        /// Delete token: `DELETE /v2/{merchantId}/tokens/{tokenId}`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn delete_token(token_id: &str => "tokenId") [] [] -> () = Delete "/v2/{merchantId}/tokens/{tokenId}", ErrorResponse, false;
    }
}
