//! `HostedFieldsClient`: the `hosted_fields()` calls of a merchant (`merchant/hostedfields`).

crate::merchant::api_client! {
    /// `HostedFieldsClient`: the calls under `/v2/{merchantId}/hostedfields/sessions`.
    #[doc(alias = "IHostedFieldsClient")]
    hosted_fields() -> HostedFieldsClient {
        /// Create hosted fields session: `POST /v2/{merchantId}/hostedfields/sessions`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn create_hosted_fields_session() [] [body body: crate::domain::CreateHostedFieldsSessionRequest] -> CreateHostedFieldsSessionResponse = Post "/v2/{merchantId}/hostedfields/sessions", ErrorResponse, false;
        /// Get hosted fields session: `GET /v2/{merchantId}/hostedfields/sessions/{sessionId}`.
        ///
        /// # Errors
        ///
        /// [`ProblemDetailsException`](crate::Error::ProblemDetailsException) for any error response with a body; otherwise the exception for the response status (see [`crate::Error`]).
        fn get_hosted_fields_session(session_id: &str => "sessionId") [] [] -> GetHostedFieldsSessionResponse = Get "/v2/{merchantId}/hostedfields/sessions/{sessionId}", ProblemDetailsResponse, false;
    }
}
