//! Rust SDK for [EPoint](https://epoint.az) (Azerbaijan): signed payment requests and
//! callbacks, mirroring the Python SDK `integrify-epoint` 1.3.0 name for name.
//!
//! - [`EPointClient`] (async) and, with the `blocking` feature, [`blocking::EPointClient`]:
//!   one method per endpoint (`pay`, `get_transaction_status`, `save_card`,
//!   `pay_with_saved_card`, `pay_and_save_card`, `payout`, `refund`, `split_pay`,
//!   `split_pay_with_saved_card`, `split_pay_and_save_card`, `create_widget`,
//!   `create_token_payment`, `apple_pay_session`, `apple_pay`, `google_pay`).
//! - Every request is `{"data": base64(json), "signature": base64(sha1(key + data + key))}`
//!   with exactly the bytes the official SDK sends ([`handlers`]).
//! - [`decode_callback_data`] verifies (in constant time) and decodes callbacks; the
//!   `axum` feature adds an extractor ([`extract::EPointCallback`]).
//!
//! # Coming from Python
//!
//! Rustdoc search finds the Python name of every item whose Rust name differs.
//!
//! | Python (`integrify.epoint`) | Rust |
//! |---|---|
//! | `EPointAsyncRequest` | [`EPointClient`] |
//! | `EPointRequest` | [`blocking::EPointClient`] (feature `blocking`) |
//! | `EPointClientClass(base_url=…)` | [`EPointClient::new`], [`EPointClient::with_transport`]; the base URL is [`Config::base_url`] |
//! | `env.EPOINT_PUBLIC_KEY`, `EPOINT_PRIVATE_KEY`, … | [`Config::from_env`], [`Config::new`] |
//! | `env.API` | [`Api`] |
//! | `EPointRequest.pay(amount=…, currency=…, order_id=…, …)` and the other methods | the same method names, each taking a request struct ([`EPointClient::pay`] with a [`PayRequest`], …) |
//! | `PaymentRequestSchema` | [`PayRequest`] |
//! | `GetTransactionStatusRequestSchema` | [`GetTransactionStatusRequest`] |
//! | `SaveCardRequestSchema` | [`SaveCardRequest`] |
//! | `PayWithSavedCardRequestSchema` | [`PayWithSavedCardRequest`] |
//! | `PayAndSaveCardRequestSchema` | [`PayAndSaveCardRequest`] |
//! | `PayoutRequestSchema` | [`PayoutRequest`] |
//! | `RefundRequestSchema` | [`RefundRequest`] |
//! | `SplitPayRequestSchema` | [`SplitPayRequest`] |
//! | `SplitPayWithSavedCardRequestSchema` | [`SplitPayWithSavedCardRequest`] |
//! | `SplitPayAndSaveCardRequestSchema` | [`SplitPayAndSaveCardRequest`] |
//! | `CreateWidgetRequestSchema` | [`CreateWidgetRequest`] |
//! | `CreateTokenPaymentRequestSchema` | [`CreateTokenPaymentRequest`] |
//! | `ApplePaySessionRequestSchema` | [`ApplePaySessionRequest`] |
//! | `ApplePayRequestSchema`, `GooglePayRequestSchema` | [`TokenPayRequest`] |
//! | `APIResponse` | [`ApiResponse`] |
//! | `MinimalResponseSchema`, `BaseResponseSchema` | [`MinimalResponse`], [`BaseResponse`] |
//! | `RedirectUrlResponseSchema`, `RedirectUrlWithCardIdResponseSchema` | [`RedirectUrlResponse`], [`RedirectUrlWithCardIdResponse`] |
//! | `TransactionStatusResponseSchema` | [`TransactionStatusResponse`] |
//! | `SplitPayWithSavedCardResponseSchema` | [`SplitPayWithSavedCardResponse`] |
//! | `WidgetResponseSchema`, `TokenPaymentResponseSchema`, `TokenPayResponseSchema` | [`WidgetResponse`], [`TokenPaymentResponse`], [`TokenPayResponse`] |
//! | `CallbackDataSchema`, `DecodedCallbackDataSchema` | [`CallbackData`], [`DecodedCallbackData`] |
//! | `TransactionStatus`, `TransactionStatusExtended`, `Code` | [`TransactionStatus`], [`TransactionStatusExtended`], [`schemas::enums::CODES`] ([`code_meaning`]) |
//! | `helpers.generate_signature(data)` | [`generate_signature`]`(private_key, data)` |
//! | `helpers.decode_callback_data(schema)` | [`decode_callback_data`]`(private_key, body)`, [`helpers::decode_callback`] |
//! | `handlers.*PayloadHandler`, `post_handle_payload` | [`handlers`] (same names), [`handlers::sign_payload`] |
//! | `dry=True` (`DryResponse`) | [`handlers::build_request`] |
//! | pydantic `ValidationError` on an answer | [`Error::UnexpectedResponse`] |
//! | FastAPI `Depends(decode_callback_data)` | [`extract::EPointCallback`] (feature `axum`) |
//!
//! Request, response and callback types are `Serialize` and `Deserialize` with the
//! official field names (`model_dump(by_alias=True, mode='json')`: `transaction`,
//! `split_user`, `billingContact`, amounts as `str(Decimal)`).
//!
//! # Quickstart
//!
//! ```no_run
//! use std::str::FromStr;
//! use epoint::{Config, Decimal, EPointClient, PayRequest};
//!
//! # async fn run() -> Result<(), epoint::Error> {
//! let config = Config::from_env()?; // EPOINT_PUBLIC_KEY, EPOINT_PRIVATE_KEY, ...
//! let client = EPointClient::new(config)?;
//!
//! let amount = Decimal::from_str("10.50").expect("a decimal");
//! let req = PayRequest::new(amount, "AZN", "order-1").description("Order #1");
//! let resp = client.pay(&req).await?;
//! if resp.ok {
//!     println!("send the payer to {:?}", resp.body.redirect_url);
//! } else {
//!     println!("refused: {:?}", resp.body.message);
//! }
//!
//! // Later, in the callback handler:
//! # let body: &[u8] = b"";
//! let callback = client.decode_callback_data(body)?;
//! println!("{:?} is {}", callback.order_id, callback.status);
//! # Ok(())
//! # }
//! ```
//!
//! Offline, with the replaying transport of the `test-util` feature:
//!
//! ```
//! # #[cfg(feature = "test-util")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), epoint::Error> {
//! use epoint::{Config, EPointClient, HttpResponse, ReplayTransport, TransactionStatusExtended};
//!
//! let transport = ReplayTransport::new();
//! transport.push_response(HttpResponse::json(200, r#"{"status": "new"}"#));
//! let client = EPointClient::with_transport(Config::new("i000000001", "private"), transport.clone())?;
//! let resp = client.get_transaction_status("te001").await?;
//! assert!(resp.ok);
//! assert_eq!(resp.body.status, TransactionStatusExtended::New);
//! assert_eq!(transport.requests()[0].url, "https://epoint.az/api/1/get-status");
//! # Ok(()) }
//! # #[cfg(not(feature = "test-util"))]
//! # fn main() {}
//! ```
//!
//! # Errors
//!
//! EPoint answers HTTP 200 even when it refuses an operation: check
//! [`ApiResponse::ok`]. [`Error`] is for what gives no usable answer:
//! [`Error::Transport`] (nothing usable received: a connection failure, a timeout, a
//! body over the limit, a redirect; see [`Error::request_may_have_been_sent`] and
//! [`Error::is_timeout`]), [`Error::HttpStatus`] (a non-2xx answer that is not EPoint's,
//! such as a proxy's 502 page or a 429), and for a 2xx answer [`Error::EmptyResponse`],
//! [`Error::InvalidJson`] or [`Error::UnexpectedResponse`]. Each of these keeps the
//! status ([`Error::status_code`]), the headers ([`Error::response_headers`]) and the
//! attempts the call took; [`ErrorMeta`] reads them the same way for every provider
//! crate. No error's `Display` or `Debug` shows card numbers, CVVs, cardholder names or
//! tokens from a body: they are masked.
//!
//! # Retries, timeouts, redirects
//!
//! Every call goes through [`payments_core::runtime`], as
//! [`PayloadHandler::OPERATION`](handlers::PayloadHandler::OPERATION) describes it.
//! `get_transaction_status` (a read sent as POST) is retried on `429`, `502`, `503`,
//! `504`, resets and timeouts; every other endpoint, conservatively, only when it
//! certainly did not reach EPoint. The default [`RetryPolicy`] makes up to 3 attempts
//! within 60 s ([`Config::retry_policy`]; [`RetryPolicy::none`] turns it off). The
//! built-in transport allows [`Config::timeout`] (10 s) per request and 10 s to connect,
//! reads bodies up to 16 MiB ([`Config::max_response_body`]) and never follows a redirect
//! (a 3xx is [`Error::Transport`] naming its status and `Location`).
//!
//! To share your application's reqwest client (pool, proxy, TLS), pass
//! `ReqwestTransport::from_client(client)` to [`EPointClient::with_transport`]; its
//! timeouts and redirect policy then apply, so build it with
//! `.redirect(reqwest::redirect::Policy::none())` (see `examples/own_http_client.rs`).
//!
//! # Features
//!
//! - `rustls` (default): [`EPointClient::new`] on the built-in [`ReqwestTransport`]
//!   with rustls on the *ring* provider, no C build. `rustls-aws-lc` (aws-lc-rs, a C
//!   build) and `native-tls` (the platform's library) are the alternatives; `reqwest`
//!   alone chooses no TLS backend.
//! - `blocking`: [`blocking::EPointClient`].
//! - `tracing`: a span per call named after the method (`epoint.pay`, …) with
//!   OpenTelemetry HTTP attributes (`http.request.method`, `url.template`,
//!   `http.response.status_code`, `http.request.resend_count`), an event per retry;
//!   never a key, a signature or a body.
//! - `axum`: [`extract::EPointCallback`], an extractor that verifies callbacks.
//! - `test-util`: [`ReplayTransport`], a replaying and recording transport for tests.
//!
//! Everything the API takes or returns is re-exported here ([`Decimal`],
//! [`Transport`], [`TransportConfig`], [`ProxyConfig`], [`Headers`], [`RetryPolicy`],
//! [`ErrorMeta`], [`TransportError`], [`payments_core`], [`chrono`], [`serde_json`]), so
//! no other dependency is needed to call any method.
//!
//! <!-- Links to items of features that are off: -->
#![cfg_attr(
    not(feature = "blocking"),
    doc = "\n[`blocking::EPointClient`]: #features"
)]
#![cfg_attr(
    not(feature = "axum"),
    doc = "\n[`extract::EPointCallback`]: #features"
)]
#![cfg_attr(not(feature = "reqwest"), doc = "\n[`ReqwestTransport`]: #features")]
#![cfg_attr(not(feature = "test-util"), doc = "\n[`ReplayTransport`]: #features")]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
mod client;
pub mod decimal;
pub mod env;
mod error;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod extract;
pub mod handlers;
pub mod helpers;
pub mod schemas;

pub use client::EPointClient;
pub use env::{Api, Config};
pub use error::{CallbackError, Error};
pub use helpers::{decode_callback_data, generate_signature};
pub use payments_core::Decimal;
pub use payments_core::ErrorMeta;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub use payments_core::http::ReqwestTransport;
#[cfg(feature = "test-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub use payments_core::http::test_util::ReplayTransport;
pub use payments_core::http::{
    Headers, HttpRequest, HttpResponse, Method, ProxyConfig, Transport, TransportConfig,
    TransportError, TransportErrorKind,
};
pub use payments_core::runtime::{Idempotency, RetryPolicy};
pub use schemas::callback::{CallbackData, DecodedCallbackData};
pub use schemas::enums::{TransactionStatus, TransactionStatusExtended, code_meaning};
pub use schemas::request::{
    ApplePaySessionRequest, CreateTokenPaymentRequest, CreateWidgetRequest,
    GetTransactionStatusRequest, PayAndSaveCardRequest, PayRequest, PayWithSavedCardRequest,
    PayoutRequest, RefundRequest, SaveCardRequest, SplitPayAndSaveCardRequest, SplitPayRequest,
    SplitPayWithSavedCardRequest, TokenPayRequest, TokenPaymentId,
};
pub use schemas::response::{
    ApiResponse, BaseResponse, MinimalResponse, RedirectUrlResponse, RedirectUrlWithCardIdResponse,
    SplitPayWithSavedCardResponse, TokenPayResponse, TokenPaymentResponse,
    TransactionStatusResponse, WidgetResponse,
};
pub use {chrono, payments_core, serde_json};

/// The README's examples, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

mod sealed {
    pub trait Sealed {}
}
