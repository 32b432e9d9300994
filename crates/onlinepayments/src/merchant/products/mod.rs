//! `ProductsClient`: the `products()` calls of a merchant (`merchant/products`).

pub use crate::params::GetPaymentProductNetworksParams;
pub use crate::params::GetPaymentProductParams;
pub use crate::params::GetPaymentProductsParams;
pub use crate::params::GetProductDirectoryParams;

crate::merchant::api_client! {
    /// `ProductsClient`: the calls under `/v2/{merchantId}/products`.
    #[doc(alias = "IProductsClient")]
    products() -> ProductsClient {
        /// Get payment products: `GET /v2/{merchantId}/products`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_payment_products() [query query: crate::merchant::products::GetPaymentProductsParams] [] -> GetPaymentProductsResponse = Get "/v2/{merchantId}/products", ErrorResponse, false;
        /// Get payment product: `GET /v2/{merchantId}/products/{paymentProductId}`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_payment_product(payment_product_id: i32 => "paymentProductId") [query query: crate::merchant::products::GetPaymentProductParams] [] -> PaymentProduct = Get "/v2/{merchantId}/products/{paymentProductId}", ErrorResponse, false;
        /// Get payment product networks: `GET /v2/{merchantId}/products/{paymentProductId}/networks`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_payment_product_networks(payment_product_id: i32 => "paymentProductId") [query query: crate::merchant::products::GetPaymentProductNetworksParams] [] -> PaymentProductNetworksResponse = Get "/v2/{merchantId}/products/{paymentProductId}/networks", ErrorResponse, false;
        /// Get payment product directory: `GET /v2/{merchantId}/products/{paymentProductId}/directory`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_product_directory(payment_product_id: i32 => "paymentProductId") [query query: crate::merchant::products::GetProductDirectoryParams] [] -> ProductDirectory = Get "/v2/{merchantId}/products/{paymentProductId}/directory", ErrorResponse, false;
        /// Create a session for a payment product: `POST /v2/{merchantId}/products/{paymentProductId}/sessions`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn create_payment_product_session(payment_product_id: i32 => "paymentProductId") [] [body body: crate::domain::PaymentProductSessionRequest] -> PaymentProductSessionResponse = Post "/v2/{merchantId}/products/{paymentProductId}/sessions", ErrorResponse, false;
    }
}
