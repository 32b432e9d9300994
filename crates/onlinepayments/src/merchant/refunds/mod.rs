//! `RefundsClient`: the `refunds()` calls of a merchant (`merchant/refunds`).

crate::merchant::api_client! {
    /// `RefundsClient`: the calls under `/v2/{merchantId}/payments/{paymentId}/refunds`.
    #[doc(alias = "IRefundsClient")]
    refunds() -> RefundsClient {
        /// Get refunds of payment: `GET /v2/{merchantId}/payments/{paymentId}/refunds`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_refunds(payment_id: &str => "paymentId") [] [] -> RefundsResponse = Get "/v2/{merchantId}/payments/{paymentId}/refunds", ErrorResponse, false;
    }
}
