//! `MerchantBatchClient`: the `merchant_batch()` calls of a merchant (`merchant/merchantbatch`).

pub use crate::params::GetPaymentsReportParams;

crate::merchant::api_client! {
    /// `MerchantBatchClient`: the calls under `/v2/{merchantId}/merchant-batches`.
    #[doc(alias = "IMerchantBatchClient")]
    merchant_batch() -> MerchantBatchClient {
        /// Submit batch: `POST /v2/{merchantId}/merchant-batches`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        ///
        /// The body is always sent gzip-compressed (the `context` is not changed).
        fn submit_batch() [] [body body: crate::domain::SubmitBatchRequestBody] -> SubmitBatchResponse = Post "/v2/{merchantId}/merchant-batches", ErrorResponse, true;
        /// Process batch transactions: `POST /v2/{merchantId}/merchant-batches/{merchantBatchReference}/process`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn process_batch(merchant_batch_reference: &str => "merchantBatchReference") [] [] -> () = Post "/v2/{merchantId}/merchant-batches/{merchantBatchReference}/process", ErrorResponse, false;
        /// Get batch status: `GET /v2/{merchantId}/merchant-batches/{merchantBatchReference}`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_batch_status(merchant_batch_reference: &str => "merchantBatchReference") [] [] -> GetBatchStatusResponse = Get "/v2/{merchantId}/merchant-batches/{merchantBatchReference}", ErrorResponse, false;
        /// Get payments report: `GET /v2/{merchantId}/merchant-batches/{merchantBatchReference}/reports/payments`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_payments_report(merchant_batch_reference: &str => "merchantBatchReference") [query query: crate::merchant::merchantbatch::GetPaymentsReportParams] [] -> PaymentsReportResponse = Get "/v2/{merchantId}/merchant-batches/{merchantBatchReference}/reports/payments", ErrorResponse, false;
    }
}
