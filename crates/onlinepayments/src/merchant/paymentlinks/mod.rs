//! `PaymentLinksClient`: the `payment_links()` calls of a merchant (`merchant/paymentlinks`).

crate::merchant::api_client! {
    /// `PaymentLinksClient`: the calls under `/v2/{merchantId}/paymentlinks/{paymentLinkId}/share`.
    #[doc(alias = "IPaymentLinksClient")]
    payment_links() -> PaymentLinksClient {
        /// Share the specified payment link to a customer.: `POST /v2/{merchantId}/paymentlinks/{paymentLinkId}/share`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn share(payment_link_id: &str => "paymentLinkId") [] [body body: crate::domain::SharePaymentLinkRequest] -> () = Post "/v2/{merchantId}/paymentlinks/{paymentLinkId}/share", ErrorResponse, false;
        /// Create payment link: `POST /v2/{merchantId}/paymentlinks`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn create_payment_link() [] [body body: crate::domain::CreatePaymentLinkRequest] -> PaymentLinkResponse = Post "/v2/{merchantId}/paymentlinks", ErrorResponse, false;
        /// Retrieve payment links for a merchant group: `POST /v2/merchant-groups/{merchantGroupId}/paymentlinks/search`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_payment_links_by_merchant_group_id(merchant_group_id: &str => "merchantGroupId") [] [body body: crate::domain::GetPaymentLinksByMerchantGroupRequest] -> PaymentLinkOverviewResponse = Post "/v2/merchant-groups/{merchantGroupId}/paymentlinks/search", ErrorResponse, false, read;
        /// Get payment link by ID: `GET /v2/{merchantId}/paymentlinks/{paymentLinkId}`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_payment_link_by_id(payment_link_id: &str => "paymentLinkId") [] [] -> PaymentLinkResponse = Get "/v2/{merchantId}/paymentlinks/{paymentLinkId}", ErrorResponse, false;
        /// Cancel PaymentLink by ID: `POST /v2/{merchantId}/paymentlinks/{paymentLinkId}/cancel`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn cancel_payment_link_by_id(payment_link_id: &str => "paymentLinkId") [] [] -> () = Post "/v2/{merchantId}/paymentlinks/{paymentLinkId}/cancel", ErrorResponse, false;
    }
}
