//! `TokenizationClient`: the `tokenization()` calls of a merchant (`merchant/tokenization`).

pub use crate::params::GetCardDataByPaymentsParams;
pub use crate::params::GetCardDataByTokensParams;

crate::merchant::api_client! {
    /// `TokenizationClient`: the calls under `/v2/{merchantId}/detokenize/csr`.
    #[doc(alias = "ITokenizationClient")]
    tokenization() -> TokenizationClient {
        /// Sign certificate: `POST /v2/{merchantId}/detokenize/csr`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn create_certificate() [] [body body: crate::domain::CsrRequest] -> CreateCertificateResponse = Post "/v2/{merchantId}/detokenize/csr", ErrorResponse, false;
        /// Get sensitive card details by card alias tokens: `GET /v2/{merchantId}/detokenize/tokens`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_card_data_by_tokens() [query query: crate::merchant::tokenization::GetCardDataByTokensParams] [] -> DetokenizationResponse = Get "/v2/{merchantId}/detokenize/tokens", ErrorResponse, false;
        /// Get sensitive card details by card payment identifiers: `GET /v2/{merchantId}/detokenize/payments`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_card_data_by_payments() [query query: crate::merchant::tokenization::GetCardDataByPaymentsParams] [] -> DetokenizationResponse = Get "/v2/{merchantId}/detokenize/payments", ErrorResponse, false;
    }
}
