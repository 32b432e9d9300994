//! One payload handler per endpoint (the official `integrify.epoint.handlers`): how a
//! request becomes signed HTTP and how the answer becomes an [`ApiResponse`].
//!
//! Both clients use these functions; they are public for dry runs, logging and custom
//! transports:
//!
//! ```
//! use epoint::handlers::{self, PayoutPayloadHandler};
//! use epoint::{Config, Decimal, PayoutRequest};
//!
//! let config = Config::new("i000000001", "private");
//! let req = PayoutRequest::new(Decimal::from(5), "AZN", "order-1", "card-1");
//! let http = handlers::build_request::<PayoutPayloadHandler>(&config, &req)?;
//! assert_eq!(http.url, "https://epoint.az/api/1/refund-request");
//! # Ok::<(), epoint::Error>(())
//! ```

use payments_core::http::{HttpRequest, HttpResponse, Method};
use payments_core::pyfmt::{JsonStyle, write_json_object, write_json_string};
use payments_core::runtime::{Exchange, Operation};
use payments_core::secret::ExposeSecret;
use payments_core::signing::{base64_encode, base64_encode_into, sha1_concat};
use serde_json::{Map, Value};

use crate::env::Config;
use crate::error::Error;
use crate::helpers::generate_signature;
use crate::schemas::request::{
    ApplePaySessionRequest, CreateTokenPaymentRequest, CreateWidgetRequest, Fields,
    GetTransactionStatusRequest, PayAndSaveCardRequest, PayRequest, PayWithSavedCardRequest,
    PayoutRequest, RefundRequest, RequestFields, SaveCardRequest, SplitPayAndSaveCardRequest,
    SplitPayRequest, SplitPayWithSavedCardRequest, TokenPayRequest,
};
use crate::schemas::response::{
    ApiResponse, BaseResponse, MinimalResponse, RedirectUrlResponse, RedirectUrlWithCardIdResponse,
    ResponseBody, SplitPayWithSavedCardResponse, TokenPayResponse, TokenPaymentResponse,
    TransactionStatusResponse, WidgetResponse,
};

/// What gets injected before a request's own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Injected {
    /// `public_key` and `language`.
    PublicKeyAndLanguage,
    /// `public_key` only (the widget and wallet endpoints).
    PublicKey,
}

/// One endpoint: its request and response types, path, injected keys and how the
/// runtime may re-send it (sealed).
#[doc(alias = "BasePayloadHandler")]
#[doc(alias = "APIPayloadHandler")]
pub trait PayloadHandler: crate::sealed::Sealed {
    /// The request body type.
    type Request: RequestFields;
    /// The response body type.
    type Response: ResponseBody;
    /// The official client method name.
    const NAME: &'static str;
    /// The endpoint path.
    const PATH: &'static str;
    /// Keys injected before the request's fields.
    const INJECTED: Injected;
    /// The operation the runtime sends: traced as `epoint.<NAME>`, retried only when
    /// its [`Idempotency`](payments_core::runtime::Idempotency) allows.
    const OPERATION: Operation;
}

macro_rules! handlers {
    ($( $(#[$doc:meta])* $name:ident: $method:literal, $path:literal, $idempotency:ident, $inject:ident,
        $req:ty => $resp:ty; )*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, Default)]
            pub struct $name;
            impl crate::sealed::Sealed for $name {}
            impl PayloadHandler for $name {
                type Request = $req;
                type Response = $resp;
                const NAME: &'static str = $method;
                const PATH: &'static str = $path;
                const INJECTED: Injected = Injected::$inject;
                const OPERATION: Operation =
                    payments_core::operation!("epoint", $method, Post, $path, $idempotency);
            }
        )*
    };
}

// Every endpoint is a POST. `get_transaction_status` only reads, so it is retried on
// transient failures; every other endpoint is treated as a write and re-sent only when
// it certainly did not reach EPoint (EPoint takes no idempotency key). That is
// conservative for `save_card`, `create_widget` and `apple_pay_session`, which start a
// flow rather than move money.
handlers! {
    /// `pay`
    PaymentPayloadHandler: "pay", "/api/1/request", NonIdempotent, PublicKeyAndLanguage,
        PayRequest => RedirectUrlResponse;
    /// `get_transaction_status`
    GetTransactionStatusPayloadHandler: "get_transaction_status", "/api/1/get-status", Idempotent,
        PublicKeyAndLanguage, GetTransactionStatusRequest => TransactionStatusResponse;
    /// `save_card`
    SaveCardPayloadHandler: "save_card", "/api/1/card-registration", NonIdempotent,
        PublicKeyAndLanguage, SaveCardRequest => RedirectUrlWithCardIdResponse;
    /// `pay_with_saved_card`
    PayWithSavedCardPayloadHandler: "pay_with_saved_card", "/api/1/execute-pay", NonIdempotent,
        PublicKeyAndLanguage, PayWithSavedCardRequest => BaseResponse;
    /// `pay_and_save_card`
    PayAndSaveCardPayloadHandler: "pay_and_save_card", "/api/1/card-registration-with-pay",
        NonIdempotent, PublicKeyAndLanguage, PayAndSaveCardRequest => RedirectUrlWithCardIdResponse;
    /// `payout`
    PayoutPayloadHandler: "payout", "/api/1/refund-request", NonIdempotent, PublicKeyAndLanguage,
        PayoutRequest => BaseResponse;
    /// `refund`
    RefundPayloadHandler: "refund", "/api/1/reverse", NonIdempotent, PublicKeyAndLanguage,
        RefundRequest => MinimalResponse;
    /// `split_pay`
    SplitPayPayloadHandler: "split_pay", "/api/1/split-request", NonIdempotent, PublicKeyAndLanguage,
        SplitPayRequest => RedirectUrlResponse;
    /// `split_pay_with_saved_card`
    SplitPayWithSavedCardPayloadHandler: "split_pay_with_saved_card", "/api/1/split-execute-pay",
        NonIdempotent, PublicKeyAndLanguage, SplitPayWithSavedCardRequest => SplitPayWithSavedCardResponse;
    /// `split_pay_and_save_card`
    SplitPayAndSaveCardPayloadHandler: "split_pay_and_save_card",
        "/api/1/split-card-registration-with-pay", NonIdempotent, PublicKeyAndLanguage,
        SplitPayAndSaveCardRequest => RedirectUrlWithCardIdResponse;
    /// `create_widget`
    CreateWidgetPayloadHandler: "create_widget", "/api/1/token/widget", NonIdempotent, PublicKey,
        CreateWidgetRequest => WidgetResponse;
    /// `create_token_payment`
    CreateTokenPaymentPayloadHandler: "create_token_payment", "/api/1/token/payment", NonIdempotent,
        PublicKeyAndLanguage, CreateTokenPaymentRequest => TokenPaymentResponse;
    /// `apple_pay_session` (the merchant session is returned as raw JSON)
    ApplePaySessionPayloadHandler: "apple_pay_session", "/api/1/token/apple/session", NonIdempotent,
        PublicKey, ApplePaySessionRequest => Map<String, Value>;
    /// `apple_pay`
    ApplePayPayloadHandler: "apple_pay", "/api/1/token/apple/pay", NonIdempotent, PublicKey,
        TokenPayRequest => TokenPayResponse;
    /// `google_pay`
    GooglePayPayloadHandler: "google_pay", "/api/1/token/google/pay", NonIdempotent, PublicKey,
        TokenPayRequest => TokenPayResponse;
}

/// The signed body: `{"data": base64(json), "signature": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct SignedPayload {
    /// Standard base64 of the JSON payload.
    pub data: String,
    /// `base64(sha1(private_key + data + private_key))`.
    pub signature: String,
}

impl SignedPayload {
    /// The HTTP body, compact as httpx sends it: `{"data":"…","signature":"…"}`.
    pub fn to_json_body(&self) -> String {
        let mut body = String::with_capacity(self.data.len() + self.signature.len() + 26);
        body.push_str("{\"data\":");
        write_json_string(&mut body, &self.data, false);
        body.push_str(",\"signature\":");
        write_json_string(&mut body, &self.signature, false);
        body.push('}');
        body
    }
}

/// Writes the injected keys, then the request's fields.
fn write_payload<H: PayloadHandler>(config: &Config, request: &H::Request, out: &mut Fields<'_>) {
    out.str("public_key", &config.public_key);
    if H::INJECTED == Injected::PublicKeyAndLanguage {
        out.str("language", &config.language);
    }
    request.fields(config, out);
}

/// The payload before encoding: injected keys, then the request's fields in order.
#[doc(alias = "pre_handle_payload")]
#[doc(alias = "handle_payload")]
pub fn payload<H: PayloadHandler>(config: &Config, request: &H::Request) -> Map<String, Value> {
    let mut out = Map::new();
    write_payload::<H>(config, request, &mut Fields::map(&mut out));
    out
}

/// The JSON text of a request's payload, as [`payload_json`] of [`payload`] but written
/// straight from the request.
fn request_json<H: PayloadHandler>(config: &Config, request: &H::Request) -> String {
    let mut json = String::with_capacity(512);
    let mut fields = Fields::json(&mut json);
    write_payload::<H>(config, request, &mut fields);
    fields.finish();
    json
}

/// Python's `json.dumps(payload)`: separators `", "` and `": "`, non-ASCII as `\uXXXX`.
pub fn payload_json(payload: &Map<String, Value>) -> String {
    let mut json = String::with_capacity(512);
    write_json_object(
        &mut json,
        payload,
        JsonStyle::Compact { ensure_ascii: true },
    );
    json
}

/// Encodes and signs a payload (the official `post_handle_payload`).
#[doc(alias = "post_handle_payload")]
pub fn sign_payload(private_key: &str, payload: &Map<String, Value>) -> SignedPayload {
    sign_json(private_key, &payload_json(payload))
}

fn sign_json(private_key: &str, json: &str) -> SignedPayload {
    let data = base64_encode(json.as_bytes());
    let signature = generate_signature(private_key, &data);
    SignedPayload { data, signature }
}

/// The signed payload of a request.
pub fn signed_payload<H: PayloadHandler>(config: &Config, request: &H::Request) -> SignedPayload {
    sign_json(
        config.private_key.expose_secret(),
        &request_json::<H>(config, request),
    )
}

/// The body `{"data":"…","signature":"…"}` of a payload's JSON, written in one buffer:
/// `data` is base64 (nothing to escape) and is signed where it lies.
fn signed_body(private_key: &str, json: &str) -> String {
    const HEAD: &str = "{\"data\":\"";
    const MIDDLE: &str = "\",\"signature\":\"";
    const SIGNATURE_LEN: usize = 28;
    let data_len = json.len().div_ceil(3) * 4;
    let mut body = String::with_capacity(HEAD.len() + data_len + MIDDLE.len() + SIGNATURE_LEN + 2);
    body.push_str(HEAD);
    base64_encode_into(json.as_bytes(), &mut body);
    let key = private_key.as_bytes();
    let data = body.as_bytes().get(HEAD.len()..).unwrap_or_default();
    let digest = sha1_concat(&[key, data, key]);
    body.push_str(MIDDLE);
    base64_encode_into(&digest, &mut body);
    body.push_str("\"}");
    body
}

/// The complete HTTP request: `POST`, `Content-Type: application/json`, the signed
/// body and the configured timeout.
#[doc(alias = "DryResponse")]
#[doc(alias = "dry")]
#[doc(alias = "handle_request")]
pub fn build_request<H: PayloadHandler>(
    config: &Config,
    request: &H::Request,
) -> Result<HttpRequest, Error> {
    let url = config.url(H::PATH)?;
    let json = request_json::<H>(config, request);
    let body = signed_body(config.private_key.expose_secret(), &json);
    Ok(HttpRequest::new(Method::Post, url)
        .header("Content-Type", "application/json")
        .body(body.into_bytes())
        .timeout(config.timeout))
}

/// Parses an answer and computes `ok` as the official handler does.
///
/// A body that fits the endpoint's schema is an [`ApiResponse`], whatever the HTTP
/// status. Otherwise a 2xx answer is [`Error::EmptyResponse`], [`Error::InvalidJson`] or
/// [`Error::UnexpectedResponse`], and any other status [`Error::HttpStatus`]; all keep
/// the status, the headers and a masked snippet of the body.
pub fn handle_response<H: PayloadHandler>(
    response: HttpResponse,
) -> Result<ApiResponse<H::Response>, Error> {
    match parse_body::<H>(&response) {
        Ok(body) => {
            let ok = body.ok(response.is_success());
            Ok(ApiResponse::new(
                ok,
                response.status,
                response.headers,
                body,
            ))
        }
        Err(_) if !response.is_success() => Err(Error::http_status(&response)),
        Err(e) => Err(e),
    }
}

/// [`handle_response`] for an answer of the runtime: errors carry the attempts it took.
pub(crate) fn handle_exchange<H: PayloadHandler>(
    exchange: Exchange,
) -> Result<ApiResponse<H::Response>, Error> {
    let attempts = exchange.attempts;
    handle_response::<H>(exchange.response).map_err(|e| e.with_attempts(attempts))
}

/// The typed body of an answer.
fn parse_body<H: PayloadHandler>(response: &HttpResponse) -> Result<H::Response, Error> {
    if response.body.is_empty() {
        return Err(Error::empty_response(response));
    }
    // Straight into the type; any failure takes the two-step path below, which tells
    // invalid JSON from an unexpected shape and keeps its exact messages.
    if let Ok(body) = serde_json::from_slice(&response.body) {
        return Ok(body);
    }
    let value: Value = serde_json::from_slice(&response.body)
        .map_err(|source| Error::invalid_json(response, source))?;
    H::Response::from_json(value).map_err(|source| Error::unexpected_response(response, source))
}

/// The endpoints that take a request struct, listed once. Each client expands the list
/// with its own method shape (async or blocking): `with_endpoint_table!(define)` calls
/// `define! { $(#[doc] name(Request) => Handler;)* }`.
macro_rules! with_endpoint_table {
    ($define:ident) => {
        $define! {
            /// `pay`: `POST /api/1/request`; send the payer to `body.redirect_url`.
            pay(PayRequest) => PaymentPayloadHandler;
            /// `pay_with_saved_card`: `POST /api/1/execute-pay`.
            pay_with_saved_card(PayWithSavedCardRequest) => PayWithSavedCardPayloadHandler;
            /// `pay_and_save_card`: `POST /api/1/card-registration-with-pay`.
            pay_and_save_card(PayAndSaveCardRequest) => PayAndSaveCardPayloadHandler;
            /// `payout`: `POST /api/1/refund-request`.
            payout(PayoutRequest) => PayoutPayloadHandler;
            /// `refund`: `POST /api/1/reverse`.
            refund(RefundRequest) => RefundPayloadHandler;
            /// `split_pay`: `POST /api/1/split-request`.
            split_pay(SplitPayRequest) => SplitPayPayloadHandler;
            /// `split_pay_with_saved_card`: `POST /api/1/split-execute-pay`.
            split_pay_with_saved_card(SplitPayWithSavedCardRequest) => SplitPayWithSavedCardPayloadHandler;
            /// `split_pay_and_save_card`: `POST /api/1/split-card-registration-with-pay`.
            split_pay_and_save_card(SplitPayAndSaveCardRequest) => SplitPayAndSaveCardPayloadHandler;
            /// `create_widget`: `POST /api/1/token/widget`.
            create_widget(CreateWidgetRequest) => CreateWidgetPayloadHandler;
            /// `create_token_payment`: `POST /api/1/token/payment`.
            create_token_payment(CreateTokenPaymentRequest) => CreateTokenPaymentPayloadHandler;
            /// `apple_pay`: `POST /api/1/token/apple/pay`.
            apple_pay(TokenPayRequest) => ApplePayPayloadHandler;
            /// `google_pay`: `POST /api/1/token/google/pay`.
            google_pay(TokenPayRequest) => GooglePayPayloadHandler;
        }
    };
}
pub(crate) use with_endpoint_table;

#[cfg(test)]
mod tests {
    use super::*;
    use payments_core::Decimal;

    #[test]
    fn del_is_escaped_like_python() {
        let config = Config::new("i1", "k");
        let req = PayRequest::new(Decimal::from(1), "AZN", "o\u{7f}").description("é\u{7f}😀");
        let json = payload_json(&payload::<PaymentPayloadHandler>(&config, &req));
        assert!(json.contains(r#""order_id": "o\u007f""#), "{json}");
        assert!(
            json.contains(r#""description": "\u00e9\u007f\ud83d\ude00""#),
            "{json}"
        );
    }

    /// The JSON written straight from a request is the JSON of its payload map, and the
    /// body written in one buffer is the signed payload's body.
    fn same_bytes_both_ways<H: PayloadHandler>(config: &Config, request: &H::Request) {
        let json = request_json::<H>(config, request);
        assert_eq!(json, payload_json(&payload::<H>(config, request)));
        let signed = sign_payload(
            config.private_key.expose_secret(),
            &payload::<H>(config, request),
        );
        assert_eq!(signed, signed_payload::<H>(config, request));
        let http = build_request::<H>(config, request).unwrap();
        assert_eq!(http.body_text(), signed.to_json_body());
        let parsed: Value = serde_json::from_str(&http.body_text()).unwrap();
        assert_eq!(parsed["data"], signed.data.as_str());
    }

    #[test]
    fn streamed_json_matches_the_payload_map() {
        let config = Config::new("i1\"é", "k").success_redirect_url("https://s/ə");
        let mut other = Map::new();
        other.insert(
            "n".into(),
            serde_json::json!([1, 2.5, null, {"x": "\u{1}"}]),
        );
        let pay = PayRequest::new(Decimal::new(-1234, 3), "AZN", "o\\1")
            .description("d\n😀")
            .other_attr(other);
        same_bytes_both_ways::<PaymentPayloadHandler>(&config, &pay);
        let token: TokenPayRequest = serde_json::from_value(serde_json::json!({
            "payment_id": 7, "token": {"a": [true, "b"]}, "billingContact": null
        }))
        .unwrap();
        same_bytes_both_ways::<ApplePayPayloadHandler>(&config, &token);
        same_bytes_both_ways::<SaveCardPayloadHandler>(&config, &SaveCardRequest);
        let refund = RefundRequest::new("t1", "AZN");
        same_bytes_both_ways::<RefundPayloadHandler>(&config, &refund);
        let signed = SignedPayload {
            data: "a\"b".into(),
            signature: "é".into(),
        };
        assert_eq!(signed.to_json_body(), r#"{"data":"a\"b","signature":"é"}"#);
    }

    /// The typed fast path reads every body as the two-step path does.
    fn same_parse<H: PayloadHandler>(body: &str)
    where
        H::Response: std::fmt::Debug + PartialEq,
    {
        let response = HttpResponse::json(200, body);
        let two_step = serde_json::from_slice::<Value>(body.as_bytes())
            .ok()
            .and_then(|v| H::Response::from_json(v).ok());
        assert_eq!(parse_body::<H>(&response).ok(), two_step, "{body}");
    }

    #[test]
    fn direct_parse_matches_the_value_path() {
        for body in [
            r#"{"status": "success", "amount": "149.90", "code": "000", "other_attr": null}"#,
            r#"{"status": "new", "amount": 149.9, "code": 0, "rrn": "1\u00e9"}"#,
            r#"{"status": "error", "status": "success", "amount": 1e-7}"#,
            r#"{"status": "server_error", "amount": "x"}"#,
        ] {
            same_parse::<GetTransactionStatusPayloadHandler>(body);
            same_parse::<PaymentPayloadHandler>(body);
            same_parse::<CreateTokenPaymentPayloadHandler>(body);
            same_parse::<ApplePaySessionPayloadHandler>(body);
        }
        same_parse::<CreateTokenPaymentPayloadHandler>(r#"{"id": "5", "status": "failed"}"#);
        same_parse::<ApplePayPayloadHandler>(r#"{"status": "success", "id": 7}"#);
    }

    #[test]
    fn injected_keys() {
        let config = Config::new("i1", "k").language("en");
        let widget = CreateWidgetRequest::new(Decimal::from(1), "o", "d");
        let keys: Vec<String> = payload::<CreateWidgetPayloadHandler>(&config, &widget)
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, ["public_key", "amount", "order_id", "description"]);
        let token = CreateTokenPaymentRequest::new(Decimal::from(1), "AZN", "o");
        let keys: Vec<String> = payload::<CreateTokenPaymentPayloadHandler>(&config, &token)
            .keys()
            .cloned()
            .collect();
        assert_eq!(
            keys,
            [
                "public_key",
                "language",
                "amount",
                "currency",
                "order_id",
                "description"
            ]
        );
    }

    #[test]
    fn response_errors_keep_status_and_snippet() {
        let err = handle_response::<RefundPayloadHandler>(HttpResponse::new(200, "")).unwrap_err();
        assert!(matches!(
            err,
            Error::EmptyResponse {
                status_code: 200,
                ..
            }
        ));
        let err = handle_response::<RefundPayloadHandler>(HttpResponse::new(
            200,
            "<html>Bad gateway</html>",
        ))
        .unwrap_err();
        assert!(
            matches!(err, Error::InvalidJson { status_code: 200, ref snippet, .. } if snippet == "<html>Bad gateway</html>")
        );
        assert!(std::error::Error::source(&err).is_some());
        // A non-2xx answer that is not EPoint's: an HTTP status error, with the headers.
        let err = handle_response::<RefundPayloadHandler>(HttpResponse::new(502, "")).unwrap_err();
        assert!(
            matches!(err, Error::HttpStatus { status_code: 502, ref snippet, .. } if snippet.is_empty())
        );
        let err = handle_response::<RefundPayloadHandler>(
            HttpResponse::new(502, "<html>Bad gateway</html>").with_header("Retry-After", "5"),
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::HttpStatus { status_code: 502, ref snippet, ref headers, .. } if snippet == "<html>Bad gateway</html>" && headers.get("retry-after") == Some("5"))
        );
        let err = handle_response::<RefundPayloadHandler>(HttpResponse::new(
            429,
            r#"{"detail": "slow down"}"#,
        ))
        .unwrap_err();
        assert!(
            matches!(
                err,
                Error::HttpStatus {
                    status_code: 429,
                    ..
                }
            ),
            "{err}"
        );
        let err =
            handle_response::<RefundPayloadHandler>(HttpResponse::new(200, "{\"message\": \"x\"}"))
                .unwrap_err();
        assert!(
            matches!(
                err,
                Error::UnexpectedResponse {
                    status_code: 200,
                    ..
                }
            ),
            "{err}"
        );
        let err = handle_response::<ApplePaySessionPayloadHandler>(HttpResponse::new(200, "[1]"))
            .unwrap_err();
        assert!(matches!(err, Error::UnexpectedResponse { .. }));
        // An EPoint body stays an answer whatever the status.
        let resp = handle_response::<RefundPayloadHandler>(HttpResponse::new(
            500,
            r#"{"status": "error"}"#,
        ))
        .unwrap();
        assert!(!resp.ok && resp.status_code == 500);
    }
}
