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
//!   `axum` feature adds an extractor ([`extract`]).
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
//! Offline, with a replaying transport:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), epoint::Error> {
//! use payments_core::http::HttpResponse;
//! use payments_core::http::test_util::ReplayTransport;
//! use epoint::{Config, EPointClient, TransactionStatusExtended};
//!
//! let transport = ReplayTransport::new();
//! transport.push_response(HttpResponse::json(200, r#"{"status": "new"}"#));
//! let client = EPointClient::with_transport(Config::new("i000000001", "private"), transport.clone())?;
//! let resp = client.get_transaction_status("te001").await?;
//! assert!(resp.ok);
//! assert_eq!(resp.body.status, TransactionStatusExtended::New);
//! assert_eq!(transport.requests()[0].url, "https://epoint.az/api/1/get-status");
//! # Ok(()) }
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
pub mod decimal;
pub mod env;
mod error;
#[cfg(feature = "axum")]
pub mod extract;
pub mod handlers;
pub mod helpers;
pub mod schemas;

pub use client::EPointClient;
pub use env::{Api, Config};
pub use error::{CallbackError, Error};
pub use helpers::{decode_callback_data, generate_signature};
pub use payments_core::Decimal;
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

mod sealed {
    pub trait Sealed {}
}
