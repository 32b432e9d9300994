//! `PaymentsClient`: the `payments()` calls of a merchant (`merchant/payments`).

crate::merchant::api_client! {
    /// `PaymentsClient`: the calls under `/v2/{merchantId}/payments`.
    #[doc(alias = "IPaymentsClient")]
    payments() -> PaymentsClient {
        /// Create payment: `POST /v2/{merchantId}/payments`.
        ///
        /// # Errors
        ///
        /// [`DeclinedPaymentException`](crate::Error::DeclinedPaymentException) when the payment was declined; otherwise the exception for the response status (see [`crate::Error`]).
        fn create_payment() [] [body body: crate::domain::CreatePaymentRequest] -> CreatePaymentResponse = Post "/v2/{merchantId}/payments", PaymentErrorResponse, false;
        /// Get payment: `GET /v2/{merchantId}/payments/{paymentId}`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_payment(payment_id: &str => "paymentId") [] [] -> PaymentResponse = Get "/v2/{merchantId}/payments/{paymentId}", ErrorResponse, false;
        /// Get payment details: `GET /v2/{merchantId}/payments/{paymentId}/details`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_payment_details(payment_id: &str => "paymentId") [] [] -> PaymentDetailsResponse = Get "/v2/{merchantId}/payments/{paymentId}/details", ErrorResponse, false;
        /// Cancel payment: `POST /v2/{merchantId}/payments/{paymentId}/cancel`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn cancel_payment(payment_id: &str => "paymentId") [] [body body: crate::domain::CancelPaymentRequest] -> CancelPaymentResponse = Post "/v2/{merchantId}/payments/{paymentId}/cancel", ErrorResponse, false;
        /// Capture payment: `POST /v2/{merchantId}/payments/{paymentId}/capture`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn capture_payment(payment_id: &str => "paymentId") [] [body body: crate::domain::CapturePaymentRequest] -> CaptureResponse = Post "/v2/{merchantId}/payments/{paymentId}/capture", ErrorResponse, false;
        /// Refund payment: `POST /v2/{merchantId}/payments/{paymentId}/refund`.
        ///
        /// # Errors
        ///
        /// [`DeclinedRefundException`](crate::Error::DeclinedRefundException) when the refund was declined; otherwise the exception for the response status (see [`crate::Error`]).
        fn refund_payment(payment_id: &str => "paymentId") [] [body body: crate::domain::RefundRequest] -> RefundResponse = Post "/v2/{merchantId}/payments/{paymentId}/refund", RefundErrorResponse, false;
    }
}
