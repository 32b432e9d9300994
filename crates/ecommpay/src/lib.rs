//! Rust SDK for the [ECommPay](https://ecommpay.com) Payment Page, mirroring the official
//! Python SDK (`ecommpay-sdk`, package `payment_page_sdk`) name for name.
//!
//! - [`Payment`] collects the payment parameters,
//! - [`Gate`] signs them into a Payment Page URL and verifies callbacks,
//! - [`Callback`] gives access to a verified callback,
//! - [`SignatureHandler`] signs any parameter set (HMAC-SHA512, base64),
//! - [`Error`] (alias [`ProcessException`]) says why a callback was rejected.
//!
//! Signatures are byte-for-byte those of the official SDK's current semantics (a JSON
//! `null` signs as an empty string, a `:` in a key as `::`). The crate does no I/O.
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
//! See `examples/callback_axum.rs` for a callback endpoint.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod callback;
pub mod gate;
pub mod payment;
pub mod payment_page;
pub mod process_exception;
pub mod signature_handler;

/// The date-time library [`Payment::best_before`] takes its values from.
pub use chrono;

pub use callback::{Callback, PaymentStatus};
pub use gate::Gate;
pub use payment::{IsoFormat, Payment};
pub use payment_page::PaymentPage;
pub use process_exception::{Error, ProcessException};
pub use signature_handler::SignatureHandler;
