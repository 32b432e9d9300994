//! `ProductGroupsClient`: the `product_groups()` calls of a merchant (`merchant/productgroups`).

pub use crate::params::GetProductGroupParams;
pub use crate::params::GetProductGroupsParams;

crate::merchant::api_client! {
    /// `ProductGroupsClient`: the calls under `/v2/{merchantId}/productgroups`.
    #[doc(alias = "IProductGroupsClient")]
    product_groups() -> ProductGroupsClient {
        /// Get product groups: `GET /v2/{merchantId}/productgroups`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_product_groups() [query query: crate::merchant::productgroups::GetProductGroupsParams] [] -> GetPaymentProductGroupsResponse = Get "/v2/{merchantId}/productgroups", ErrorResponse, false;
        /// Get product group: `GET /v2/{merchantId}/productgroups/{paymentProductGroupId}`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_product_group(payment_product_group_id: &str => "paymentProductGroupId") [query query: crate::merchant::productgroups::GetProductGroupParams] [] -> PaymentProductGroup = Get "/v2/{merchantId}/productgroups/{paymentProductGroupId}", ErrorResponse, false;
    }
}
