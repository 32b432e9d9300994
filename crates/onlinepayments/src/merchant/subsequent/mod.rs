//! `SubsequentClient`: the `subsequent()` calls of a merchant (`merchant/subsequent`).

crate::merchant::api_client! {
    /// `SubsequentClient`: the calls under `/v2/{merchantId}/payments/{paymentId}/subsequent`.
    #[doc(alias = "ISubsequentClient")]
    subsequent() -> SubsequentClient {
        /// Subsequent payment: `POST /v2/{merchantId}/payments/{paymentId}/subsequent`.
        ///
        /// # Errors
        ///
        /// [`DeclinedPaymentException`](crate::Error::DeclinedPaymentException) when the payment was declined; otherwise the exception for the response status (see [`crate::Error`]).
        fn subsequent_payment(payment_id: &str => "paymentId") [] [body body: crate::domain::SubsequentPaymentRequest] -> SubsequentPaymentResponse = Post "/v2/{merchantId}/payments/{paymentId}/subsequent", PaymentErrorResponse, false;
    }
}
