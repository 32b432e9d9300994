//! `CofSeriesClient`: the `cof_series()` calls of a merchant (`merchant/cofseries`).

crate::merchant::api_client! {
    /// `CofSeriesClient`: the calls under `/v2/{merchantId}/tokens/importCofSeries`.
    #[doc(alias = "ICofSeriesClient")]
    cof_series() -> CofSeriesClient {
        /// Imports the COF Series token.: `POST /v2/{merchantId}/tokens/importCofSeries`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn import_cof_series() [] [body body: crate::domain::ImportCofSeriesRequest] -> ImportCofSeriesResponse = Post "/v2/{merchantId}/tokens/importCofSeries", ErrorResponse, false;
    }
}
