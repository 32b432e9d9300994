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

use payments_core::http::{HttpRequest, HttpResponse, Method, body_snippet};
use payments_core::pyfmt::{JsonStyle, json_dumps};
use payments_core::secret::ExposeSecret;
use payments_core::signing::base64_encode;
use serde_json::{Map, Value};

use crate::env::{Api, Config};
use crate::error::Error;
use crate::helpers::generate_signature;
use crate::schemas::request::{
    ApplePaySessionRequest, CreateTokenPaymentRequest, CreateWidgetRequest,
    GetTransactionStatusRequest, PayAndSaveCardRequest, PayRequest, PayWithSavedCardRequest,
    PayoutRequest, RefundRequest, RequestFields, SaveCardRequest, SplitPayAndSaveCardRequest,
    SplitPayRequest, SplitPayWithSavedCardRequest, TokenPayRequest,
};
use crate::schemas::response::{
    ApiResponse, BaseResponse, MinimalResponse, RedirectUrlResponse, RedirectUrlWithCardIdResponse,
    ResponseBody, SplitPayWithSavedCardResponse, TokenPayResponse, TokenPaymentResponse,
    TransactionStatusResponse, WidgetResponse,
};

/// Number of body characters kept in error messages.
const SNIPPET_CHARS: usize = 200;

/// What gets injected before a request's own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Injected {
    /// `public_key` and `language`.
    PublicKeyAndLanguage,
    /// `public_key` only (the widget and wallet endpoints).
    PublicKey,
}

/// One endpoint: its request and response types, path and injected keys (sealed).
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
}

macro_rules! handlers {
    ($( $(#[$doc:meta])* $name:ident: $method:literal, $path:expr, $inject:ident, $req:ty => $resp:ty; )*) => {
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
            }
        )*
    };
}

handlers! {
    /// `pay`
    PaymentPayloadHandler: "pay", Api::PAY, PublicKeyAndLanguage, PayRequest => RedirectUrlResponse;
    /// `get_transaction_status`
    GetTransactionStatusPayloadHandler: "get_transaction_status", Api::GET_STATUS, PublicKeyAndLanguage,
        GetTransactionStatusRequest => TransactionStatusResponse;
    /// `save_card`
    SaveCardPayloadHandler: "save_card", Api::SAVE_CARD, PublicKeyAndLanguage,
        SaveCardRequest => RedirectUrlWithCardIdResponse;
    /// `pay_with_saved_card`
    PayWithSavedCardPayloadHandler: "pay_with_saved_card", Api::PAY_WITH_SAVED_CARD, PublicKeyAndLanguage,
        PayWithSavedCardRequest => BaseResponse;
    /// `pay_and_save_card`
    PayAndSaveCardPayloadHandler: "pay_and_save_card", Api::PAY_AND_SAVE_CARD, PublicKeyAndLanguage,
        PayAndSaveCardRequest => RedirectUrlWithCardIdResponse;
    /// `payout`
    PayoutPayloadHandler: "payout", Api::PAYOUT, PublicKeyAndLanguage, PayoutRequest => BaseResponse;
    /// `refund`
    RefundPayloadHandler: "refund", Api::REFUND, PublicKeyAndLanguage, RefundRequest => MinimalResponse;
    /// `split_pay`
    SplitPayPayloadHandler: "split_pay", Api::SPLIT_PAY, PublicKeyAndLanguage,
        SplitPayRequest => RedirectUrlResponse;
    /// `split_pay_with_saved_card`
    SplitPayWithSavedCardPayloadHandler: "split_pay_with_saved_card", Api::SPLIT_PAY_WITH_SAVED_CARD,
        PublicKeyAndLanguage, SplitPayWithSavedCardRequest => SplitPayWithSavedCardResponse;
    /// `split_pay_and_save_card`
    SplitPayAndSaveCardPayloadHandler: "split_pay_and_save_card", Api::SPLIT_PAY_AND_SAVE_CARD,
        PublicKeyAndLanguage, SplitPayAndSaveCardRequest => RedirectUrlWithCardIdResponse;
    /// `create_widget`
    CreateWidgetPayloadHandler: "create_widget", Api::CREATE_WIDGET, PublicKey,
        CreateWidgetRequest => WidgetResponse;
    /// `create_token_payment`
    CreateTokenPaymentPayloadHandler: "create_token_payment", Api::CREATE_TOKEN_PAYMENT, PublicKeyAndLanguage,
        CreateTokenPaymentRequest => TokenPaymentResponse;
    /// `apple_pay_session` (the merchant session is returned as raw JSON)
    ApplePaySessionPayloadHandler: "apple_pay_session", Api::APPLE_PAY_SESSION, PublicKey,
        ApplePaySessionRequest => Map<String, Value>;
    /// `apple_pay`
    ApplePayPayloadHandler: "apple_pay", Api::APPLE_PAY, PublicKey, TokenPayRequest => TokenPayResponse;
    /// `google_pay`
    GooglePayPayloadHandler: "google_pay", Api::GOOGLE_PAY, PublicKey, TokenPayRequest => TokenPayResponse;
}

/// The signed body: `{"data": base64(json), "signature": ...}`.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        let mut map = Map::new();
        map.insert("data".to_owned(), Value::String(self.data.clone()));
        map.insert(
            "signature".to_owned(),
            Value::String(self.signature.clone()),
        );
        json_dumps(
            &Value::Object(map),
            JsonStyle::Tight {
                ensure_ascii: false,
            },
        )
    }
}

/// The payload before encoding: injected keys, then the request's fields in order.
pub fn payload<H: PayloadHandler>(config: &Config, request: &H::Request) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert(
        "public_key".to_owned(),
        Value::String(config.public_key.clone()),
    );
    if H::INJECTED == Injected::PublicKeyAndLanguage {
        out.insert(
            "language".to_owned(),
            Value::String(config.language.clone()),
        );
    }
    request.write_fields(config, &mut out);
    out
}

/// Python's `json.dumps(payload)`: separators `", "` and `": "`, non-ASCII as `\uXXXX`.
pub fn payload_json(payload: &Map<String, Value>) -> String {
    json_dumps(
        &Value::Object(payload.clone()),
        JsonStyle::Compact { ensure_ascii: true },
    )
}

/// Encodes and signs a payload (the official `post_handle_payload`).
pub fn sign_payload(private_key: &str, payload: &Map<String, Value>) -> SignedPayload {
    let data = base64_encode(payload_json(payload).as_bytes());
    let signature = generate_signature(private_key, &data);
    SignedPayload { data, signature }
}

/// The signed payload of a request.
pub fn signed_payload<H: PayloadHandler>(config: &Config, request: &H::Request) -> SignedPayload {
    sign_payload(
        config.private_key.expose_secret(),
        &payload::<H>(config, request),
    )
}

/// The complete HTTP request: `POST`, `Content-Type: application/json`, the signed
/// body and the configured timeout.
pub fn build_request<H: PayloadHandler>(
    config: &Config,
    request: &H::Request,
) -> Result<HttpRequest, Error> {
    let url = config.url(H::PATH)?;
    let body = signed_payload::<H>(config, request).to_json_body();
    Ok(HttpRequest::new(Method::Post, url)
        .header("Content-Type", "application/json")
        .body(body.into_bytes())
        .timeout(config.timeout))
}

/// Parses an answer and computes `ok` as the official handler does.
///
/// An empty body, a body that is not JSON, and JSON that does not fit the schema are
/// errors that keep the status and a snippet of the body.
pub fn handle_response<H: PayloadHandler>(
    response: HttpResponse,
) -> Result<ApiResponse<H::Response>, Error> {
    let status_code = response.status;
    if response.body.is_empty() {
        return Err(Error::EmptyResponse { status_code });
    }
    let snippet = || body_snippet(&response.body, SNIPPET_CHARS);
    let value: Value =
        serde_json::from_slice(&response.body).map_err(|source| Error::InvalidJson {
            status_code,
            snippet: snippet(),
            source,
        })?;
    let body = H::Response::from_json(value).map_err(|source| Error::UnexpectedResponse {
        status_code,
        snippet: snippet(),
        source,
    })?;
    let ok = body.ok(response.is_success());
    Ok(ApiResponse::new(ok, status_code, response.headers, body))
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
        let err = handle_response::<RefundPayloadHandler>(HttpResponse::new(502, "")).unwrap_err();
        assert!(matches!(err, Error::EmptyResponse { status_code: 502 }));
        let err = handle_response::<RefundPayloadHandler>(HttpResponse::new(
            502,
            "<html>Bad gateway</html>",
        ))
        .unwrap_err();
        assert!(
            matches!(err, Error::InvalidJson { status_code: 502, ref snippet, .. } if snippet == "<html>Bad gateway</html>")
        );
        assert!(std::error::Error::source(&err).is_some());
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
    }
}
