//! Rust SDK for the [ECommPay](https://ecommpay.com) Payment Page, mirroring the official
//! Python SDK (`ecommpay-sdk`, package `payment_page_sdk`) name for name.
//!
//! - [`Payment`] collects the payment parameters,
//! - [`Gate`] signs them into a Payment Page URL and verifies callbacks,
//! - [`Callback`] gives access to a verified callback,
//! - [`SignatureHandler`] signs any parameter set (HMAC-SHA512, base64),
//! - [`Error`] (alias [`ProcessException`]) says why a callback or booking details were
//!   rejected,
//! - `extract` (feature `axum`) verifies callbacks in an axum extractor.
//!
//! Signatures are byte-for-byte those of the official SDK's current semantics (a JSON
//! `null` signs as an empty string, a `:` in a key as `::`). The crate does no I/O.
//!
//! # Coming from Python
//!
//! Rustdoc search finds each Python name below (the names that differ are aliases).
//!
//! | Python (`payment_page_sdk`) | Rust (`ecommpay`) |
//! |---|---|
//! | `Gate(secret)`, `Gate(secret, base_url)` | [`Gate::new`], [`Gate::with_base_url`] |
//! | `gate.get_purchase_payment_page_url(payment)` | [`Gate::get_purchase_payment_page_url`] |
//! | `gate.handle_callback(data)` (raises `ProcessException`) | [`Gate::handle_callback`] → `Result<Callback, Error>` |
//! | `Payment(project_id, payment_id)` | [`Payment::new`] |
//! | `payment.payment_amount = 1001` (documented attributes) | `.payment_amount(1001)`, one typed setter per attribute |
//! | `payment.best_before = datetime(…)` | [`Payment::best_before`] with a `chrono` value ([`IsoFormat`]) |
//! | `setattr(payment, name, value)` (`__setattr__`) | [`Payment::set`], [`Payment::insert`] |
//! | `payment.get_params()` | [`Payment::get_params`] → `&Map<String, Value>` |
//! | PHP SDK: `$payment->setBookingInfo($info)` | [`Payment::booking_info`] → `Result<Payment, Error>` |
//! | `Payment.PURCHASE_TYPE`, `INTERFACE_TYPE`, `Gate.CURRENCY_EUR`, … | [`Payment::PURCHASE_TYPE`], [`Payment::INTERFACE_TYPE`], [`Gate::CURRENCY_EUR`], … |
//! | `Callback(data, signature_handler)` | [`Callback::new`] |
//! | `callback.get_payment()`, `get_payment_id()`, `get_value(path)`, `get_signature()` | [`Callback::get_payment`], [`Callback::get_payment_id`], [`Callback::get_value`], [`Callback::get_signature`] |
//! | `callback.get_payment_status()` (a `str`) | [`Callback::get_payment_status`] → [`PaymentStatus`] |
//! | `Callback.SUCCESS_STATUS`, `DECLINE_STATUS`, … | [`Callback::SUCCESS_STATUS`], … and [`PaymentStatus::Success`], … |
//! | `callback.check_signature()` | [`Callback::check_signature`] (takes the [`SignatureHandler`]) |
//! | `callback.decode_response(raw)` | [`Callback::decode_response`] |
//! | `PaymentPage(signature_handler, base_url)`, `get_url(payment)` | [`PaymentPage::new`], [`PaymentPage::get_url`] |
//! | `SignatureHandler(secret_key)`, `sign(params)`, `check(params, signature)` | [`SignatureHandler::new`], [`SignatureHandler::sign`], [`SignatureHandler::check`] |
//! | `SignatureHandler.ITEMS_DELIMITER`, `IGNORE_KEYS` | [`SignatureHandler::ITEMS_DELIMITER`], [`SignatureHandler::IGNORE_KEYS`] |
//! | private `__get_params_to_sign` | [`SignatureHandler::string_to_sign`], [`SignatureHandler::callback_string_to_sign`] (the joined string) |
//! | `ProcessException` | [`Error`] (type alias [`ProcessException`]) |
//!
//! Python dicts are [`serde_json::Map`]s and [`serde_json::Value`]s (re-exported, as are
//! [`chrono`], [`serde`] and [`payments_core`]), kept in insertion order.
//!
//! # Opening the Payment Page
//!
//! ```
//! use ecommpay::{Gate, Payment};
//!
//! let payment = Payment::new("186", "ECT_TEST_1555943554067")
//!     .payment_amount(1001)
//!     .payment_currency(Gate::CURRENCY_RUB)
//!     .payment_description("Тестовый платёж")
//!     .language_code("en");
//! let gate = Gate::new("<secret_key>");
//! let payment_url = gate.get_purchase_payment_page_url(&payment);
//! assert!(payment_url.starts_with(
//!     "https://paymentpage.ecommpay.com/payment?project_id=186&interface_type=%7B%22id%22%3A+24%7D\
//!      &payment_id=ECT_TEST_1555943554067&payment_amount=1001&payment_currency=RUB\
//!      &payment_description=%D0%A2%D0%B5%D1%81%D1%82%D0%BE%D0%B2%D1%8B%D0%B9+%D0%BF%D0%BB%D0%B0%D1%82%D1%91%D0%B6\
//!      &language_code=en&signature="
//! ));
//! ```
//!
//! # Handling a callback
//!
//! ```
//! use ecommpay::{Callback, Error, Gate};
//!
//! let gate = Gate::new("secret");
//! let body = r#"{"payment": {"id": "p-1", "status": "success"}, "signature": "forged"}"#;
//! match gate.handle_callback(body) {
//!     Ok(callback) if callback.get_payment_status().is_some_and(|s| s == Callback::SUCCESS_STATUS) => {
//!         // fulfil the order of callback.get_payment_id()
//!     }
//!     Ok(_) => {}
//!     Err(Error::SignatureInvalid { signature }) => assert_eq!(signature, "forged"),
//!     Err(other) => panic!("{other}"),
//! }
//! ```
//!
//! See `extract` (feature `axum`) and `examples/callback_axum.rs` for a callback endpoint.
//!
//! # Features
//!
//! - `axum`: `extract::EcommpayCallback`, an axum extractor that lets a handler run only
//!   for a verified callback (`401 Unauthorized` otherwise). Without it the crate depends
//!   on no HTTP stack.
#![cfg_attr(docsrs, feature(doc_cfg))]

mod booking_info;
pub mod callback;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod extract;
pub mod gate;
pub mod payment;
pub mod payment_page;
pub mod process_exception;
mod redact;
pub mod signature_handler;

/// The web framework of `extract`, so that its types match the extractor's.
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub use axum;
/// The date-time library [`Payment::best_before`] takes its values from.
pub use chrono;
/// The shared building blocks: secrets, signing primitives.
pub use payments_core;
/// The secret key type [`Gate::new`] and [`SignatureHandler::new`] take (any `&str` or
/// `String` converts into it).
pub use payments_core::secret::SecretString;
/// The serialization framework: [`Payment::booking_info`] takes any [`serde::Serialize`],
/// and [`Payment`] and [`Callback`] are stored with it.
pub use serde;
/// The JSON types parameters and callbacks are held in ([`serde_json::Map`],
/// [`serde_json::Value`]).
pub use serde_json;

pub use callback::{Callback, PaymentStatus};
pub use gate::Gate;
pub use payment::{IsoFormat, Payment};
pub use payment_page::PaymentPage;
pub use process_exception::{Error, ProcessException};
pub use signature_handler::SignatureHandler;

/// The README's examples, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
