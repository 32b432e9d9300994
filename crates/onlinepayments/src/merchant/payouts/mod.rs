//! `PayoutsClient`: the `payouts()` calls of a merchant (`merchant/payouts`).

crate::merchant::api_client! {
    /// `PayoutsClient`: the calls under `/v2/{merchantId}/payouts`.
    #[doc(alias = "IPayoutsClient")]
    payouts() -> PayoutsClient {
        /// Create payout: `POST /v2/{merchantId}/payouts`.
        ///
        /// # Errors
        ///
        /// [`DeclinedPayoutException`](crate::Error::DeclinedPayoutException) when the payout was declined; otherwise the exception for the response status (see [`crate::Error`]).
        fn create_payout() [] [body body: crate::domain::CreatePayoutRequest] -> PayoutResponse = Post "/v2/{merchantId}/payouts", PayoutErrorResponse, false;
        /// Get payout: `GET /v2/{merchantId}/payouts/{payoutId}`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_payout(payout_id: &str => "payoutId") [] [] -> PayoutResponse = Get "/v2/{merchantId}/payouts/{payoutId}", ErrorResponse, false;
    }
}
