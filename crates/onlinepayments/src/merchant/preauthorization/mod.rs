//! `PreAuthorizationClient`: the `pre_authorization()` calls of a merchant (`merchant/preauthorization`).

crate::merchant::api_client! {
    /// `PreAuthorizationClient`: the calls under `/v2/{merchantId}/payments/{paymentId}/increment-authorization`.
    #[doc(alias = "IPreAuthorizationClient")]
    pre_authorization() -> PreAuthorizationClient {
        /// Increment authorization: `POST /v2/{merchantId}/payments/{paymentId}/increment-authorization`.
        ///
        /// # Errors
        ///
        /// [`DeclinedPaymentException`](crate::Error::DeclinedPaymentException) when the payment was declined; otherwise the exception for the response status (see [`crate::Error`]).
        fn increment_authorization(payment_id: &str => "paymentId") [] [body body: crate::domain::IncrementAuthorizationRequest] -> IncrementAuthorizationResponse = Post "/v2/{merchantId}/payments/{paymentId}/increment-authorization", PaymentErrorResponse, false;
        /// Add market specific additional data to a payment prior to capture.: `POST /v2/{merchantId}/payments/{paymentId}/authorization-additional-data`.
        ///
        /// # Errors
        ///
        /// [`DeclinedPaymentException`](crate::Error::DeclinedPaymentException) when the payment was declined; otherwise the exception for the response status (see [`crate::Error`]).
        fn add_authorization_details(payment_id: &str => "paymentId") [] [body body: crate::domain::UpdateAuthorizationAdditionalDataRequest] -> AddAuthorizationDetailsResponse = Post "/v2/{merchantId}/payments/{paymentId}/authorization-additional-data", PaymentErrorResponse, false;
    }
}
