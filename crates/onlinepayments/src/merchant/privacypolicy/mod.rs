//! `PrivacyPolicyClient`: the `privacy_policy()` calls of a merchant (`merchant/privacypolicy`).

pub use crate::params::GetPrivacyPolicyParams;

crate::merchant::api_client! {
    /// `PrivacyPolicyClient`: the calls under `/v2/{merchantId}/services/privacypolicy`.
    #[doc(alias = "IPrivacyPolicyClient")]
    privacy_policy() -> PrivacyPolicyClient {
        /// Get Privacy Policy: `GET /v2/{merchantId}/services/privacypolicy`.
        ///
        /// # Errors
        ///
        /// The exception for the response status (see [`crate::Error`]).
        fn get_privacy_policy() [query query: crate::merchant::privacypolicy::GetPrivacyPolicyParams] [] -> GetPrivacyPolicyResponse = Get "/v2/{merchantId}/services/privacypolicy", ErrorResponse, false;
    }
}
