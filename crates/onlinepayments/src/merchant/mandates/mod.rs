//! `MandatesClient`: the `mandates()` calls of a merchant (`merchant/mandates`).

crate::merchant::api_client! {
    /// `MandatesClient`: the calls under `/v2/{merchantId}/mandates`.
    #[doc(alias = "IMandatesClient")]
    mandates() -> MandatesClient {
        /// Create mandate: `POST /v2/{merchantId}/mandates`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn create_mandate() [] [body body: crate::domain::CreateMandateRequest] -> CreateMandateResponse = Post "/v2/{merchantId}/mandates", ErrorResponse, false;
        /// Get mandate: `GET /v2/{merchantId}/mandates/{uniqueMandateReference}`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_mandate(unique_mandate_reference: &str => "uniqueMandateReference") [] [] -> GetMandateResponse = Get "/v2/{merchantId}/mandates/{uniqueMandateReference}", ErrorResponse, false;
        /// Block mandate: `POST /v2/{merchantId}/mandates/{uniqueMandateReference}/block`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn block_mandate(unique_mandate_reference: &str => "uniqueMandateReference") [] [] -> GetMandateResponse = Post "/v2/{merchantId}/mandates/{uniqueMandateReference}/block", ErrorResponse, false;
        /// Unblock mandate: `POST /v2/{merchantId}/mandates/{uniqueMandateReference}/unblock`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn unblock_mandate(unique_mandate_reference: &str => "uniqueMandateReference") [] [] -> GetMandateResponse = Post "/v2/{merchantId}/mandates/{uniqueMandateReference}/unblock", ErrorResponse, false;
        /// Revoke mandate: `POST /v2/{merchantId}/mandates/{uniqueMandateReference}/revoke`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn revoke_mandate(unique_mandate_reference: &str => "uniqueMandateReference") [] [body body: crate::domain::RevokeMandateRequest] -> GetMandateResponse = Post "/v2/{merchantId}/mandates/{uniqueMandateReference}/revoke", ErrorResponse, false;
    }
}
