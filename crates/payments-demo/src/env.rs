//! The demo environment: the four sandboxes and the shop, wired together on loopback.

use std::net::SocketAddr;

use payments_core::money::{Currency, Money};
use payments_testkit::{
    EcommpaySandbox, EpointSandbox, NoPaynSandbox, OnlinePaymentsSandbox, PaymentOutcome, TestCard,
};
use tokio::task::JoinHandle;

use crate::providers::{self, Providers};
use crate::shop::{Provider, Shop, ShopOrder};

/// Running sandboxes plus the shop.
pub struct Environment {
    /// The shop.
    pub shop: Shop,
    nopayn: NoPaynSandbox,
    ecommpay: EcommpaySandbox,
    epoint: EpointSandbox,
    onlinepayments: OnlinePaymentsSandbox,
    server: JoinHandle<()>,
}

impl Environment {
    /// Starts the sandboxes and the shop on `127.0.0.1:port` (`0` picks a free port).
    pub async fn start(port: u16) -> Result<Environment, String> {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
            .await
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("local address: {e}"))?;
        let shop_url = format!("http://{addr}");

        let nopayn = NoPaynSandbox::start_default()
            .await
            .map_err(|e| format!("NoPayn sandbox: {e}"))?;
        let ecommpay = EcommpaySandbox::start_default()
            .await
            .map_err(|e| format!("ECommPay sandbox: {e}"))?;
        let epoint = EpointSandbox::start_default()
            .await
            .map_err(|e| format!("EPoint sandbox: {e}"))?;
        let onlinepayments = OnlinePaymentsSandbox::start_default()
            .await
            .map_err(|e| format!("Online Payments sandbox: {e}"))?;

        // Providers that take the notification URL from the merchant account rather than from
        // each request are configured the way a merchant does in the provider's back office.
        ecommpay.set_callback_url(Some(format!("{shop_url}/callbacks/ecommpay")));
        epoint.set_callback_url(Some(format!("{shop_url}/callbacks/epoint")));
        onlinepayments.set_webhook_url(Some(format!("{shop_url}/webhooks/onlinepayments")));

        let providers = Providers {
            nopayn: providers::nopayn::client(&nopayn)?,
            ecommpay: providers::ecommpay::EcommpayAccount {
                gate: ecommpay::Gate::with_base_url(
                    ecommpay.secret_key().to_owned(),
                    ecommpay.payment_page_url(),
                ),
                project_id: ecommpay.project_id(),
            },
            epoint: providers::epoint::account(&epoint, &shop_url)?,
            onlinepayments: providers::onlinepayments::account(&onlinepayments)?,
        };
        let shop = Shop::new(shop_url, providers);
        let app = shop.router();
        let server = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                eprintln!("payments-demo: shop server stopped: {e}");
            }
        });
        Ok(Environment {
            shop,
            nopayn,
            ecommpay,
            epoint,
            onlinepayments,
            server,
        })
    }

    /// `(name, base URL)` of every sandbox.
    pub fn sandbox_urls(&self) -> Vec<(&'static str, String)> {
        vec![
            ("NoPayn sandbox", self.nopayn.base_url().to_owned()),
            ("ECommPay sandbox", self.ecommpay.base_url().to_owned()),
            ("EPoint sandbox", self.epoint.base_url().to_owned()),
            (
                "Online Payments sandbox",
                self.onlinepayments.base_url().to_owned(),
            ),
        ]
    }

    /// The customer pays on a provider's hosted page with a test card.
    pub async fn pay(
        &self,
        provider: Provider,
        hosted_page: &str,
        card: TestCard,
    ) -> Result<PaymentOutcome, String> {
        let result = match provider {
            Provider::NoPayn => self.nopayn.pay_hosted(hosted_page, card).await,
            Provider::Ecommpay => self.ecommpay.pay_hosted(hosted_page, card).await,
            Provider::Epoint => self.epoint.pay_hosted(hosted_page, card).await,
            Provider::OnlinePayments => self.onlinepayments.pay_hosted(hosted_page, card).await,
        };
        result.map_err(|e| format!("{provider} hosted page: {e}"))
    }

    /// The amount the provider's sandbox holds for an order: NoPayn's order, ECommPay's and
    /// EPoint's payment as opened, Online Payments' payment once made. Read from the
    /// sandbox's own records, independently of what the shop displayed.
    pub fn sandbox_charge(&self, order: &ShopOrder) -> Option<Money> {
        let reference = order.provider_reference.as_deref()?;
        let minor = |amount: i64, code: &str| {
            Currency::from_code(code)
                .ok()
                .map(|c| Money::from_minor(amount, c))
        };
        match order.provider {
            Provider::NoPayn => {
                let o = self.nopayn.order(reference)?;
                minor(o.amount, &o.currency)
            }
            Provider::Ecommpay => {
                let p = self.ecommpay.payment(reference)?;
                minor(p.amount, &p.currency)
            }
            Provider::Epoint => {
                let t = self
                    .epoint
                    .transactions()
                    .into_iter()
                    .find(|t| t.order_id.as_deref() == Some(reference))?;
                let currency = Currency::from_code(t.currency.as_deref()?).ok()?;
                Money::from_decimal(t.amount?, currency).ok()
            }
            Provider::OnlinePayments => {
                let payment = self.onlinepayments.payments().into_iter().find(|p| {
                    p.pointer("/hostedCheckoutSpecificOutput/hostedCheckoutId")
                        .and_then(|v| v.as_str())
                        == Some(reference)
                })?;
                let money = payment.pointer("/paymentOutput/amountOfMoney")?;
                minor(
                    money.get("amount")?.as_i64()?,
                    money.get("currencyCode")?.as_str()?,
                )
            }
        }
    }

    /// The ECommPay sandbox (tests sign callbacks with its key).
    #[cfg(test)]
    pub fn ecommpay_sandbox(&self) -> &EcommpaySandbox {
        &self.ecommpay
    }

    /// Stops the shop and the sandboxes.
    pub async fn shutdown(self) {
        self.server.abort();
        self.nopayn.shutdown().await;
        self.ecommpay.shutdown().await;
        self.epoint.shutdown().await;
        self.onlinepayments.shutdown().await;
    }
}
