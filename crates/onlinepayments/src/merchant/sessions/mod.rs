//! `SessionsClient`: the `sessions()` calls of a merchant (`merchant/sessions`).

crate::merchant::api_client! {
    /// `SessionsClient`: the calls under `/v2/{merchantId}/sessions`.
    #[doc(alias = "ISessionsClient")]
    sessions() -> SessionsClient {
        /// Create session: `POST /v2/{merchantId}/sessions`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn create_session() [] [body body: crate::domain::SessionRequest] -> SessionResponse = Post "/v2/{merchantId}/sessions", ErrorResponse, false;
    }
}
