//! One module per provider: how the shop starts a payment and verifies notifications, using
//! each provider's SDK exactly as a merchant would.

pub mod ecommpay;
pub mod epoint;
pub mod nopayn;
pub mod onlinepayments;

use std::fmt;

use crate::shop::{Provider, Shop, ShopOrder};

/// Where to send the customer, and the provider's id of the new payment.
#[derive(Debug, Clone)]
pub struct PaymentStart {
    /// Hosted payment page URL.
    pub redirect_url: String,
    /// Provider reference stored on the shop order (matched against notifications).
    pub reference: String,
}

/// A failure to start a payment.
#[derive(Debug)]
pub struct DemoError(pub String);

impl fmt::Display for DemoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DemoError {}

impl DemoError {
    /// Wraps any displayable error with context.
    pub fn from_display(context: &str, e: impl fmt::Display) -> Self {
        DemoError(format!("{context}: {e}"))
    }
}

/// The provider clients and credentials the shop was configured with.
pub struct Providers {
    /// NoPayn API client.
    pub nopayn: ::nopayn::NoPaynClient,
    /// ECommPay project.
    pub ecommpay: ecommpay::EcommpayAccount,
    /// EPoint client and private key.
    pub epoint: epoint::EpointAccount,
    /// Online Payments client, merchant id and webhooks helper.
    pub onlinepayments: onlinepayments::OnlinePaymentsAccount,
}

/// Starts a payment with the order's provider.
pub async fn start_payment(shop: &Shop, order: &ShopOrder) -> Result<PaymentStart, DemoError> {
    match order.provider {
        Provider::NoPayn => nopayn::start(shop, order).await,
        Provider::Ecommpay => ecommpay::start(shop, order),
        Provider::Epoint => epoint::start(shop, order).await,
        Provider::OnlinePayments => onlinepayments::start(shop, order).await,
    }
}
