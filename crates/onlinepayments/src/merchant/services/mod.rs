//! `ServicesClient`: the `services()` calls of a merchant (`merchant/services`).

crate::merchant::api_client! {
    /// `ServicesClient`: the calls under `/v2/{merchantId}/services/testconnection`.
    #[doc(alias = "IServicesClient")]
    services() -> ServicesClient {
        /// Test connection: `GET /v2/{merchantId}/services/testconnection`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn test_connection() [] [] -> TestConnection = Get "/v2/{merchantId}/services/testconnection", ErrorResponse, false;
        /// Get IIN details: `POST /v2/{merchantId}/services/getIINdetails`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_iin_details() [] [body body: crate::domain::GetIINDetailsRequest] -> GetIINDetailsResponse = Post "/v2/{merchantId}/services/getIINdetails", ErrorResponse, false, read;
        /// Get currency conversion quote: `POST /v2/{merchantId}/services/dccrate`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_dcc_rate_inquiry() [] [body body: crate::domain::CurrencyConversionRequest] -> CurrencyConversionResponse = Post "/v2/{merchantId}/services/dccrate", ErrorResponse, false, read;
        /// Surcharge Calculation: `POST /v2/{merchantId}/services/surchargecalculation`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn surcharge_calculation() [] [body body: crate::domain::CalculateSurchargeRequest] -> CalculateSurchargeResponse = Post "/v2/{merchantId}/services/surchargecalculation", ErrorResponse, false, read;
    }
}
