//! Request building and response parsing shared by the async and blocking clients.
//! Only the send differs between the two.

use std::fmt;
use std::time::Duration;

use payments_core::http::{
    DEFAULT_MAX_RESPONSE_BODY, HttpRequest, HttpResponse, Method, encode_path_segment,
};
use payments_core::runtime::{Exchange, Operation, RetryPolicy};
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
pub const BODY_SNIPPET_CHARS: usize = payments_core::redact::SNIPPET_CHARS;

/// The official methods as the runtime sends them. `get_order` is a read, retried on
/// transient failures; the writes are re-sent only when they certainly did not reach the
/// API (NoPayn takes no idempotency key).
mod ops {
    use payments_core::operation;
    use payments_core::runtime::Operation;

    pub(crate) const CREATE_ORDER: Operation =
        operation!("nopayn", "create_order", Post, "/v1/orders/", NonIdempotent);
    pub(crate) const GET_ORDER: Operation = operation!(
        "nopayn",
        "get_order",
        Get,
        "/v1/orders/{order_id}/",
        Idempotent
    );
    pub(crate) const CREATE_REFUND: Operation = operation!(
        "nopayn",
        "create_refund",
        Post,
        "/v1/orders/{order_id}/refunds/",
        NonIdempotent
    );
    pub(crate) const CAPTURE_TRANSACTION: Operation = operation!(
        "nopayn",
        "capture_transaction",
        Post,
        "/v1/orders/{order_id}/transactions/{transaction_id}/captures/",
        NonIdempotent
    );
    pub(crate) const VOID_TRANSACTION: Operation = operation!(
        "nopayn",
        "void_transaction",
        Post,
        "/v1/orders/{order_id}/transactions/{transaction_id}/voids/amount/",
        NonIdempotent
    );
}

/// Builder settings common to both clients.
#[derive(Clone)]
pub(crate) struct Settings {
    pub(crate) api_key: SecretString,
    pub(crate) merchant_id: String,
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_body: usize,
}

impl Settings {
    pub(crate) fn new(api_key: impl Into<String>, merchant_id: impl Into<String>) -> Self {
        Settings {
            api_key: SecretString::from(api_key.into()),
            merchant_id: merchant_id.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::default(),
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
        }
    }

    #[cfg(feature = "reqwest")]
    pub(crate) fn transport_config(&self) -> payments_core::http::TransportConfig {
        payments_core::http::TransportConfig::default()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .max_response_body(self.max_response_body)
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
            .field("retry", &self.retry)
            .field("max_response_body", &self.max_response_body)
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

/// A prepared call: the operation, the request to send and how to read its response.
pub(crate) struct Call<T> {
    op: Operation,
    pub(crate) request: HttpRequest,
    parse: Parser<T>,
}

impl<T> Call<T> {
    /// The operation, the request and its parser.
    pub(crate) fn into_parts(self) -> (Operation, HttpRequest, Parser<T>) {
        (self.op, self.request, self.parse)
    }
}

/// Reads the answer of a call; errors built from it carry the attempts it took.
pub(crate) fn read<T>(exchange: Exchange, parse: Parser<T>) -> Result<T, Error> {
    parse(&exchange.response).map_err(|e| e.with_attempts(exchange.attempts))
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
            op: ops::CREATE_ORDER,
            request: self.request(Method::Post, "/v1/orders/", Some(body)),
            parse: parse_order,
        })
    }

    pub(crate) fn get_order(&self, order_id: &str) -> Result<Call<Order>, Error> {
        let path = format!("/v1/orders/{}/", path_segment("order_id", order_id)?);
        Ok(Call {
            op: ops::GET_ORDER,
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
            op: ops::CREATE_REFUND,
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
            op: ops::CAPTURE_TRANSACTION,
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
            op: ops::VOID_TRANSACTION,
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

/// Percent-encodes an id as one RFC 3986 path segment with
/// [`payments_core::http::encode_path_segment`]: every byte except the unreserved
/// characters `A-Z a-z 0-9 - . _ ~` becomes `%XX` (upper-case hex). Empty ids and the
/// dot segments `.` and `..` (which would change the path) are rejected.
pub fn path_segment(what: &str, id: &str) -> Result<String, Error> {
    if id.is_empty() || id == "." || id == ".." {
        return Err(Error::InvalidRequest(format!(
            "{what} must not be empty, \".\" or \"..\""
        )));
    }
    Ok(encode_path_segment(id).into_owned())
}

/// The JSON body of a 2xx response (`None` when empty); a non-2xx status is an
/// [`ApiError`] whatever the body.
pub(crate) fn json_body(response: &HttpResponse) -> Result<Option<Value>, Error> {
    if !response.is_success() {
        return Err(ApiError::from_http_response(response).into());
    }
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(&response.body)
        .map(Some)
        .map_err(|e| Error::invalid_json(response, e))
}

fn decode<T: DeserializeOwned>(
    response: &HttpResponse,
    value: Value,
    what: &str,
) -> Result<T, Error> {
    serde_json::from_value(value).map_err(|e| Error::undecodable(response, what, e))
}

fn parse_object<T: DeserializeOwned>(response: &HttpResponse, what: &str) -> Result<T, Error> {
    // Straight into the type; any failure takes the two-step path below, which tells
    // invalid JSON from an unexpected shape and keeps its exact messages.
    if response.is_success()
        && let Ok(parsed) = serde_json::from_slice(&response.body)
    {
        return Ok(parsed);
    }
    match json_body(response)? {
        Some(value) => decode(response, value, what),
        None => Err(Error::unexpected(
            response,
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
        Some(value) => decode(response, value, "transaction").map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The typed fast path reads every body as the two-step path does, and a body it
    /// refuses gets the two-step path's error.
    #[test]
    fn direct_parse_matches_the_value_path() {
        let bodies = [
            r#"{"id": "o1", "amount": 1295, "currency": "EUR", "status": "completed",
                "created": "2024-05-14T09:21:47.312809+00:00", "modified": "2024-05-14 09:22:31",
                "completed": "", "transactions": null, "extra": {"x": [1, 2]}}"#,
            r#"{"id": "o\u00e9", "amount": 1, "currency": "EUR", "status": "weird",
                "created": "2024-05-14T09:21:47Z", "modified": "2024-05-14T09:21:47Z",
                "transactions": [{"id": "t", "amount": 1, "currency": "EUR", "status": "new",
                "created": "2024-05-14T09:21:47Z", "modified": "2024-05-14T09:21:47Z",
                "payment_method": "ideal"}]}"#,
            r#"{"id": "o1", "id": "o2", "amount": 1, "currency": "EUR", "status": "new",
                "created": "2024-05-14T09:21:47Z", "modified": "2024-05-14T09:21:47Z"}"#,
            r#"{"id": "o1", "amount": "1"}"#,
            r#"{"id": 5"#,
            "[1]",
        ];
        for body in bodies {
            let response = HttpResponse::json(200, body);
            let two_step = match json_body(&response) {
                Ok(Some(value)) => {
                    decode::<Order>(&response, value, "order").map_err(|e| e.to_string())
                }
                Ok(None) => Err("empty".to_owned()),
                Err(e) => Err(e.to_string()),
            };
            let parsed = parse_order(&response).map_err(|e| e.to_string());
            assert_eq!(parsed, two_step, "{body}");
        }
    }

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
        assert_eq!(
            path_segment("id", "\u{0}\u{7f}😀").unwrap(),
            "%00%7F%F0%9F%98%80"
        );
        // Every ASCII character, against the rule written out.
        for b in 0u8..128 {
            let c = char::from(b);
            let want = if c.is_ascii_alphanumeric() || "-._~".contains(c) {
                c.to_string()
            } else {
                format!("%{b:02X}")
            };
            let got = path_segment("id", &format!("a{c}")).unwrap();
            assert_eq!(got, format!("a{want}"), "{b}");
        }
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
