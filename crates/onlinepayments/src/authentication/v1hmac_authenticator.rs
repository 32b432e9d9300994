//! `GCS v1HMAC` request signing.

use std::fmt;

use payments_core::secret::{ExposeSecret, SecretString};
use payments_core::signing::{base64_encode, hmac_sha256};

use super::{Authenticator, AuthorizationType};
use crate::communication::{RequestHeader, canonicalize_header_value, python_strip};
use crate::communicator_configuration::CommunicatorConfiguration;
use crate::errors::Error;

/// `V1HmacAuthenticator`: signs requests with HMAC-SHA256 of the canonical request,
/// keyed with the UTF-8 bytes of the secret API key.
///
/// ```text
/// METHOD\n
/// Content-Type value (or empty)\n
/// Date value\n
/// x-gcs-name:canonical value\n     (every X-GCS header, sorted by lowercase name)
/// /path?query\n
/// ```
///
/// The header is `GCS v1HMAC:<apiKeyId>:<base64 signature>`.
///
/// ```
/// use onlinepayments::authentication::{Authenticator, V1HmacAuthenticator};
/// use onlinepayments::communication::RequestHeader;
///
/// let auth = V1HmacAuthenticator::new("EC36A74A98D21", "6Kj5HT0MQKC6D8eb7W3lTg71kVKVDSt1".into())?;
/// let headers = [RequestHeader::new("Date", "Fri, 06 Jun 2014 13:39:43 GMT")];
/// assert_eq!(
///     auth.get_authorization("GET", "http://localhost:8080/v2/1/tokens/2", &headers)?,
///     "GCS v1HMAC:EC36A74A98D21:vCos01y77soPNJOW6kDCm4Bu5b2darAZ09PP7Wa+jRA="
/// );
/// # Ok::<(), onlinepayments::Error>(())
/// ```
#[derive(Clone)]
pub struct V1HmacAuthenticator {
    api_key_id: String,
    secret_api_key: SecretString,
    authorization_type: AuthorizationType,
}

impl fmt::Debug for V1HmacAuthenticator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("V1HmacAuthenticator")
            .field("api_key_id", &self.api_key_id)
            .field("secret_api_key", &"[REDACTED]")
            .finish()
    }
}

impl V1HmacAuthenticator {
    /// An authenticator for a key id and secret (both required).
    pub fn new(api_key_id: impl Into<String>, secret_api_key: SecretString) -> Result<Self, Error> {
        let api_key_id = api_key_id.into();
        if api_key_id.is_empty() {
            return Err(Error::configuration("api_key_id is required"));
        }
        if secret_api_key.expose_secret().is_empty() {
            return Err(Error::configuration("secret_api_key is required"));
        }
        Ok(Self {
            api_key_id,
            secret_api_key,
            authorization_type: AuthorizationType::V1HMAC,
        })
    }

    /// An authenticator from a configuration: key id and secret are required, the
    /// authorization type must be `v1HMAC` and the timeouts positive.
    pub fn from_configuration(configuration: &CommunicatorConfiguration) -> Result<Self, Error> {
        let api_key_id = configuration.api_key_id().unwrap_or_default();
        let secret = configuration
            .secret_api_key()
            .cloned()
            .unwrap_or_else(|| SecretString::from(String::new()));
        let mut authenticator = Self::new(api_key_id, secret)?;
        authenticator.authorization_type =
            AuthorizationType::get_authorization(configuration.authorization_type())?;
        if configuration.connect_timeout().is_zero() {
            return Err(Error::configuration("connect_timeout must be positive"));
        }
        if configuration.socket_timeout().is_zero() {
            return Err(Error::configuration("socket_timeout must be positive"));
        }
        Ok(authenticator)
    }

    /// The API key id.
    pub fn api_key_id(&self) -> &str {
        &self.api_key_id
    }

    /// The canonical request (string to sign) for a method, absolute URL and headers.
    ///
    /// `Content-Type` and `Date` are found case-insensitively (the last one wins) and used
    /// verbatim; a missing `Date` is an error.
    pub fn to_data_to_sign(
        &self,
        http_method: &str,
        resource_uri: &str,
        http_headers: &[RequestHeader],
    ) -> Result<String, Error> {
        to_data_to_sign(http_method, resource_uri, http_headers)
    }

    /// `base64(HMAC-SHA256(secret, data_to_sign))`.
    pub fn create_authentication_signature(&self, data_to_sign: &str) -> String {
        base64_encode(&hmac_sha256(
            self.secret_api_key.expose_secret().as_bytes(),
            data_to_sign.as_bytes(),
        ))
    }
}

impl Authenticator for V1HmacAuthenticator {
    fn get_authorization(
        &self,
        http_method: &str,
        resource_uri: &str,
        request_headers: &[RequestHeader],
    ) -> Result<String, Error> {
        if python_strip(http_method).is_empty() {
            return Err(Error::configuration("http_method is required"));
        }
        let data_to_sign = to_data_to_sign(http_method, resource_uri, request_headers)?;
        Ok(format!(
            "GCS {}:{}:{}",
            self.authorization_type,
            self.api_key_id,
            self.create_authentication_signature(&data_to_sign)
        ))
    }
}

/// The canonical request of v1HMAC; see [`V1HmacAuthenticator::to_data_to_sign`].
pub fn to_data_to_sign(
    http_method: &str,
    resource_uri: &str,
    http_headers: &[RequestHeader],
) -> Result<String, Error> {
    let mut content_type = None;
    let mut date = None;
    let mut xgcs: Vec<(String, String)> = Vec::new();
    for header in http_headers {
        // Python lower-cases the names; the only non-ASCII character whose lower case is
        // ASCII is the Kelvin sign (`k`), which none of these names holds, so ASCII case
        // folding finds the same headers.
        let name = header.name();
        if name.eq_ignore_ascii_case("content-type") {
            content_type = Some(header.value());
        } else if name.eq_ignore_ascii_case("date") {
            date = Some(header.value());
        } else if name
            .get(..5)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("x-gcs"))
        {
            xgcs.push((
                name.to_lowercase(),
                canonicalize_header_value(header.value()),
            ));
        }
    }
    // stable sort on the lowercase name, as Python's list.sort
    xgcs.sort_by(|a, b| a.0.cmp(&b.0));
    let date =
        date.ok_or_else(|| Error::configuration("the Date header is required for v1HMAC"))?;
    let mut out = String::with_capacity(
        256 + xgcs
            .iter()
            .map(|(n, v)| n.len() + v.len() + 2)
            .sum::<usize>(),
    );
    out.push_str(&http_method.to_uppercase());
    out.push('\n');
    out.push_str(content_type.unwrap_or(""));
    out.push('\n');
    out.push_str(date);
    out.push('\n');
    for (name, value) in &xgcs {
        out.push_str(name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    out.push_str(&canonicalized_resource(resource_uri));
    out.push('\n');
    Ok(out)
}

/// Path and query of an absolute URL (`urlparse(uri).path` + `"?" + query` when the
/// query is not empty); the fragment is dropped.
pub(crate) fn canonicalized_resource(uri: &str) -> String {
    let without_fragment = uri.split_once('#').map_or(uri, |(u, _)| u);
    let after_scheme = match without_fragment.split_once("://") {
        Some((_, rest)) => rest,
        None => without_fragment,
    };
    let path_and_query = match after_scheme.find(['/', '?']) {
        Some(i) => after_scheme.get(i..).unwrap_or(""),
        None => "",
    };
    match path_and_query.split_once('?') {
        Some((path, "")) => path.to_owned(),
        Some((path, query)) => format!("{path}?{query}"),
        None => path_and_query.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_of_url() {
        assert_eq!(
            canonicalized_resource("http://localhost:8080/v2/1/tokens/2"),
            "/v2/1/tokens/2"
        );
        assert_eq!(
            canonicalized_resource("https://h/v2/x?a=1&b=%20#frag"),
            "/v2/x?a=1&b=%20"
        );
        assert_eq!(canonicalized_resource("https://h/v2/x?"), "/v2/x");
        assert_eq!(canonicalized_resource("https://h"), "");
    }

    #[test]
    fn missing_date_is_an_error() {
        let auth = V1HmacAuthenticator::new("k", SecretString::from("s".to_owned())).unwrap();
        assert!(auth.get_authorization("GET", "https://h/v2", &[]).is_err());
        assert!(
            auth.get_authorization(" ", "https://h/v2", &[RequestHeader::new("Date", "d")])
                .is_err()
        );
        assert!(V1HmacAuthenticator::new("", SecretString::from("s".to_owned())).is_err());
        assert!(V1HmacAuthenticator::new("k", SecretString::from(String::new())).is_err());
        assert!(!format!("{auth:?}").contains("\"s\""));
    }
}
