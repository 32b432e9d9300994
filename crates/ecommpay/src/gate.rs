//! The entry point: `payment_page_sdk.gate.Gate`.

use payments_core::secret::SecretString;

use crate::callback::Callback;
use crate::payment::Payment;
use crate::payment_page::PaymentPage;
use crate::process_exception::Error;
use crate::signature_handler::SignatureHandler;

/// Builds signed Payment Page URLs and verifies callbacks with one secret key.
///
/// ```
/// use ecommpay::Gate;
///
/// let gate = Gate::with_base_url("secret", "https://pp.example/pay");
/// let url = gate.get_purchase_payment_page_url(&ecommpay::Payment::new(1, "p"));
/// assert!(url.starts_with("https://pp.example/pay?project_id=1&"));
/// assert!(matches!(gate.handle_callback("{}"), Err(ecommpay::Error::SignatureUndefined)));
/// ```
#[derive(Debug, Clone)]
pub struct Gate {
    payment_page: PaymentPage,
}

impl Gate {
    /// Russian rouble.
    pub const CURRENCY_RUB: &'static str = "RUB";
    /// US dollar.
    pub const CURRENCY_USD: &'static str = "USD";
    /// Euro.
    pub const CURRENCY_EUR: &'static str = "EUR";

    /// A gate for the project's secret key and the default Payment Page address.
    #[doc(alias = "__init__")]
    pub fn new(secret: impl Into<SecretString>) -> Self {
        Self::with_base_url(secret, "")
    }

    /// A gate with another Payment Page address (used verbatim; empty selects the default).
    #[doc(alias = "__init__")]
    pub fn with_base_url(secret: impl Into<SecretString>, base_url: impl Into<String>) -> Self {
        Self {
            payment_page: PaymentPage::new(SignatureHandler::new(secret), base_url),
        }
    }

    /// The signed URL that opens the Payment Page for `payment`.
    pub fn get_purchase_payment_page_url(&self, payment: &Payment) -> String {
        self.payment_page.get_url(payment)
    }

    /// Parses a callback body and verifies its signature.
    ///
    /// # Errors
    ///
    /// See [`Callback::new`].
    pub fn handle_callback(&self, data: &str) -> Result<Callback, Error> {
        Callback::new(data, self.payment_page.signature_handler())
    }

    /// The handler signing with this gate's key.
    #[doc(alias = "__signatureHandler")]
    pub fn signature_handler(&self) -> &SignatureHandler {
        self.payment_page.signature_handler()
    }
}
