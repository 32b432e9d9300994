//! Request building and response parsing shared by the async and blocking clients.
//! Only the send differs between the two.

use std::fmt;
use std::time::Duration;

use payments_core::http::{HttpRequest, HttpResponse, Method};
use payments_core::secret::{ExposeSecret, SecretString, is_blank};
use payments_core::signing::{HmacSha256Key, base64_encode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ApiError, Error};
use crate::models::{Order, PaymentUrlResult, Refund, Transaction};
use crate::request::CreateOrderRequest;
use crate::signature::{sign_with, verify_with};

/// Default API base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.nopayn.co.uk";
/// Default total timeout of one request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Characters of a non-JSON body kept in [`Error::InvalidJson`].
pub const BODY_SNIPPET_CHARS: usize = 200;

/// Builder settings common to both clients.
#[derive(Clone)]
pub(crate) struct Settings {
    pub(crate) api_key: SecretString,
    pub(crate) merchant_id: String,
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
}

impl Settings {
    pub(crate) fn new(api_key: impl Into<String>, merchant_id: impl Into<String>) -> Self {
        Settings {
            api_key: SecretString::from(api_key.into()),
            merchant_id: merchant_id.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
        }
    }

    #[cfg(feature = "reqwest")]
    pub(crate) fn transport_config(&self) -> payments_core::http::TransportConfig {
        payments_core::http::TransportConfig::default()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(concat!("nopayn-rust/", env!("CARGO_PKG_VERSION")))
    }

    pub(crate) fn to_core(&self) -> Result<Core, Error> {
        if is_blank(&self.api_key) {
            return Err(Error::Config("api_key is required".into()));
        }
        if self.merchant_id.trim().is_empty() {
            return Err(Error::Config("merchant_id is required".into()));
        }
        let base_url = normalize_base_url(&self.base_url)?;
        let auth = SecretString::from(format!(
            "Basic {}",
            base64_encode(format!("{}:", self.api_key.expose_secret()).as_bytes())
        ));
        let key = HmacSha256Key::new(self.api_key.expose_secret().as_bytes());
        Ok(Core {
            merchant_id: self.merchant_id.clone(),
            base_url,
            auth,
            key,
        })
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("api_key", &"[REDACTED]")
            .field("merchant_id", &self.merchant_id)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .finish()
    }
}

/// Trims trailing slashes and checks the scheme.
fn normalize_base_url(raw: &str) -> Result<String, Error> {
    let url = raw.trim().trim_end_matches('/');
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(url.to_owned()),
        _ => Err(Error::Config(format!(
            "base_url must be an absolute http(s) URL, got {raw:?}"
        ))),
    }
}

/// Reads the response of a call.
pub(crate) type Parser<T> = fn(&HttpResponse) -> Result<T, Error>;

/// A prepared call: the request to send and how to read its response.
pub(crate) struct Call<T> {
    pub(crate) request: HttpRequest,
    parse: Parser<T>,
}

impl<T> Call<T> {
    /// The request and its parser.
    pub(crate) fn into_parts(self) -> (HttpRequest, Parser<T>) {
        (self.request, self.parse)
    }
}

/// Validated configuration and keys.
pub(crate) struct Core {
    merchant_id: String,
    base_url: String,
    auth: SecretString,
    key: HmacSha256Key,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NoPaynClient")
            .field("api_key", &"[REDACTED]")
            .field("merchant_id", &self.merchant_id)
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Core {
    pub(crate) fn merchant_id(&self) -> &str {
        &self.merchant_id
    }

    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    fn request(&self, method: Method, path: &str, body: Option<Vec<u8>>) -> HttpRequest {
        let mut request = HttpRequest::new(method, format!("{}{}", self.base_url, path))
            .header("Authorization", self.auth.expose_secret())
            .header("Accept", "application/json");
        if let Some(body) = body {
            request = request
                .header("Content-Type", "application/json")
                .body(body);
        }
        request
    }

    pub(crate) fn create_order(&self, req: &CreateOrderRequest) -> Result<Call<Order>, Error> {
        let body = req.to_body()?;
        Ok(Call {
            request: self.request(Method::Post, "/v1/orders/", Some(body)),
            parse: parse_order,
        })
    }

    pub(crate) fn get_order(&self, order_id: &str) -> Result<Call<Order>, Error> {
        let path = format!("/v1/orders/{}/", path_segment("order_id", order_id)?);
        Ok(Call {
            request: self.request(Method::Get, &path, None),
            parse: parse_order,
        })
    }

    pub(crate) fn create_refund(
        &self,
        order_id: &str,
        amount: i64,
        description: Option<&str>,
    ) -> Result<Call<Refund>, Error> {
        let path = format!(
            "/v1/orders/{}/refunds/",
            path_segment("order_id", order_id)?
        );
        let body = amount_body(amount, description);
        Ok(Call {
            request: self.request(Method::Post, &path, Some(body)),
            parse: parse_refund,
        })
    }

    pub(crate) fn capture_transaction(
        &self,
        order_id: &str,
        transaction_id: &str,
    ) -> Result<Call<Option<Transaction>>, Error> {
        let path = format!(
            "/v1/orders/{}/transactions/{}/captures/",
            path_segment("order_id", order_id)?,
            path_segment("transaction_id", transaction_id)?
        );
        Ok(Call {
            request: self.request(Method::Post, &path, None),
            parse: parse_optional_transaction,
        })
    }

    pub(crate) fn void_transaction(
        &self,
        order_id: &str,
        transaction_id: &str,
        amount: i64,
        description: Option<&str>,
    ) -> Result<Call<Option<Transaction>>, Error> {
        let path = format!(
            "/v1/orders/{}/transactions/{}/voids/amount/",
            path_segment("order_id", order_id)?,
            path_segment("transaction_id", transaction_id)?
        );
        let body = amount_body(amount, description);
        Ok(Call {
            request: self.request(Method::Post, &path, Some(body)),
            parse: parse_optional_transaction,
        })
    }

    pub(crate) fn payment_url_result(
        &self,
        req: &CreateOrderRequest,
        order: Order,
    ) -> PaymentUrlResult {
        let signature = sign_with(&self.key, req.amount, &req.currency, &order.id);
        PaymentUrlResult {
            order_id: order.id.clone(),
            order_url: order.order_url.clone(),
            payment_url: order
                .transactions
                .first()
                .and_then(|t| t.payment_url.clone()),
            signature,
            order,
        }
    }

    pub(crate) fn generate_signature(&self, amount: i64, currency: &str, order_id: &str) -> String {
        sign_with(&self.key, amount, currency, order_id)
    }

    pub(crate) fn verify_signature(
        &self,
        amount: i64,
        currency: &str,
        order_id: &str,
        signature: &str,
    ) -> bool {
        verify_with(&self.key, amount, currency, order_id, signature)
    }
}

/// `{"amount": n, "description"?: s}`.
fn amount_body(amount: i64, description: Option<&str>) -> Vec<u8> {
    let mut map = serde_json::Map::new();
    map.insert("amount".into(), Value::from(amount));
    if let Some(d) = description {
        map.insert("description".into(), Value::from(d));
    }
    Value::Object(map).to_string().into_bytes()
}

/// Percent-encodes an id as one RFC 3986 path segment: every byte except the unreserved
/// characters `A-Z a-z 0-9 - . _ ~` becomes `%XX`. Empty ids and the dot segments `.`
/// and `..` (which would change the path) are rejected.
pub fn path_segment(what: &str, id: &str) -> Result<String, Error> {
    if id.is_empty() || id == "." || id == ".." {
        return Err(Error::InvalidRequest(format!(
            "{what} must not be empty, \".\" or \"..\""
        )));
    }
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            for nibble in [b >> 4, b & 0x0f] {
                if let Some(&h) = HEX.get(usize::from(nibble)) {
                    out.push(char::from(h));
                }
            }
        }
    }
    Ok(out)
}

/// The JSON body of a 2xx response (`None` when empty); a non-2xx status is an
/// [`ApiError`] whatever the body.
pub(crate) fn json_body(response: &HttpResponse) -> Result<Option<Value>, Error> {
    if !response.is_success() {
        return Err(ApiError::from_response(response.status, &response.body).into());
    }
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(&response.body)
        .map(Some)
        .map_err(|_| Error::InvalidJson {
            status: response.status,
            body: response.snippet(BODY_SNIPPET_CHARS),
        })
}

fn decode<T: DeserializeOwned>(status: u16, value: Value, what: &str) -> Result<T, Error> {
    serde_json::from_value(value).map_err(|e| Error::UnexpectedResponse {
        status,
        message: format!("invalid {what}: {e}"),
        source: Some(e),
    })
}

fn parse_object<T: DeserializeOwned>(response: &HttpResponse, what: &str) -> Result<T, Error> {
    match json_body(response)? {
        Some(value) => decode(response.status, value, what),
        None => Err(Error::unexpected(
            response.status,
            format!("empty body, expected {what}"),
        )),
    }
}

pub(crate) fn parse_order(response: &HttpResponse) -> Result<Order, Error> {
    parse_object(response, "order")
}

pub(crate) fn parse_refund(response: &HttpResponse) -> Result<Refund, Error> {
    parse_object(response, "refund")
}

/// Capture and void answer with the updated transaction. An empty body or an empty
/// object means the API accepted the call without describing the transaction: `None`.
pub(crate) fn parse_optional_transaction(
    response: &HttpResponse,
) -> Result<Option<Transaction>, Error> {
    match json_body(response)? {
        None => Ok(None),
        Some(Value::Object(map)) if map.is_empty() => Ok(None),
        Some(value) => decode(response.status, value, "transaction").map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments() {
        assert_eq!(
            path_segment("id", "1c969951-f5f1-4290-ae41-6177961fb3cb").unwrap(),
            "1c969951-f5f1-4290-ae41-6177961fb3cb"
        );
        assert_eq!(
            path_segment("id", "a b/c?d#e%f").unwrap(),
            "a%20b%2Fc%3Fd%23e%25f"
        );
        assert_eq!(path_segment("id", "x.y_z~-").unwrap(), "x.y_z~-");
        assert_eq!(path_segment("id", "é+").unwrap(), "%C3%A9%2B");
        assert_eq!(path_segment("id", "...").unwrap(), "...");
        for bad in ["", ".", ".."] {
            assert!(matches!(
                path_segment("order_id", bad),
                Err(Error::InvalidRequest(_))
            ));
        }
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            normalize_base_url("https://api.nopayn.co.uk///").unwrap(),
            "https://api.nopayn.co.uk"
        );
        assert_eq!(
            normalize_base_url("http://127.0.0.1:8080/").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            normalize_base_url("HTTPS://X.test/base/").unwrap(),
            "HTTPS://X.test/base"
        );
        for bad in [
            "",
            "/",
            "api.nopayn.co.uk",
            "ftp://x",
            "https://",
            "https:///",
            "https://a b",
        ] {
            assert!(
                matches!(normalize_base_url(bad), Err(Error::Config(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn settings_validation() {
        let err = Settings::new("", "m").to_core().unwrap_err();
        assert_eq!(err.to_string(), "api_key is required");
        let err = Settings::new("  ", "m").to_core().unwrap_err();
        assert_eq!(err.to_string(), "api_key is required");
        let err = Settings::new("k", "").to_core().unwrap_err();
        assert_eq!(err.to_string(), "merchant_id is required");
        let core = Settings::new("test-api-key", "m").to_core().unwrap();
        let req = core.get_order("o").unwrap().request;
        assert_eq!(
            req.headers.get("Authorization"),
            Some("Basic dGVzdC1hcGkta2V5Og==")
        );
        let dbg = format!("{core:?} {:?}", Settings::new("test-api-key", "m"));
        assert!(
            !dbg.contains("test-api-key") && !dbg.contains("dGVzdC1hcGkta2V5"),
            "{dbg}"
        );
    }

    #[test]
    fn bodies() {
        assert_eq!(amount_body(500, None), br#"{"amount":500}"#);
        assert_eq!(
            amount_body(500, Some("")),
            br#"{"amount":500,"description":""}"#
        );
        assert_eq!(
            amount_body(1, Some("a\"b")),
            br#"{"amount":1,"description":"a\"b"}"#
        );
    }

    #[test]
    fn optional_transaction() {
        assert_eq!(
            parse_optional_transaction(&HttpResponse::new(200, "")).unwrap(),
            None
        );
        assert_eq!(
            parse_optional_transaction(&HttpResponse::new(204, " \n")).unwrap(),
            None
        );
        assert_eq!(
            parse_optional_transaction(&HttpResponse::new(200, "{}")).unwrap(),
            None
        );
        let err = parse_optional_transaction(&HttpResponse::new(200, r#"{"id":1}"#)).unwrap_err();
        assert!(
            matches!(err, Error::UnexpectedResponse { status: 200, .. }),
            "{err}"
        );
        let err = parse_optional_transaction(&HttpResponse::new(200, "OK")).unwrap_err();
        assert!(
            matches!(err, Error::InvalidJson { status: 200, .. }),
            "{err}"
        );
    }
}
