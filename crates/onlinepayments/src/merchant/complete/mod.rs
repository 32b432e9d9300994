//! `CompleteClient`: the `complete()` calls of a merchant (`merchant/complete`).

crate::merchant::api_client! {
    /// `CompleteClient`: the calls under `/v2/{merchantId}/payments/{paymentId}/complete`.
    #[doc(alias = "ICompleteClient")]
    complete() -> CompleteClient {
        /// Complete payment: `POST /v2/{merchantId}/payments/{paymentId}/complete`.
        ///
        /// # Errors
        ///
        /// [`DeclinedPaymentException`](crate::Error::DeclinedPaymentException) when the payment was declined; otherwise the exception for the response status (see [`crate::Error`]).
        fn complete_payment(payment_id: &str => "paymentId") [] [body body: crate::domain::CompletePaymentRequest] -> CompletePaymentResponse = Post "/v2/{merchantId}/payments/{paymentId}/complete", PaymentErrorResponse, false;
    }
}
