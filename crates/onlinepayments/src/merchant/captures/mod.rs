//! `CapturesClient`: the `captures()` calls of a merchant (`merchant/captures`).

crate::merchant::api_client! {
    /// `CapturesClient`: the calls under `/v2/{merchantId}/payments/{paymentId}/captures`.
    #[doc(alias = "ICapturesClient")]
    captures() -> CapturesClient {
        /// Get captures of payment: `GET /v2/{merchantId}/payments/{paymentId}/captures`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_captures(payment_id: &str => "paymentId") [] [] -> CapturesResponse = Get "/v2/{merchantId}/payments/{paymentId}/captures", ErrorResponse, false;
    }
}
