//! The scripted purchases of `cargo run -p payments-demo`.

use std::time::{Duration, Instant};

use payments_testkit::TestCard;

use crate::env::Environment;
use payments_core::money::Money;

use crate::shop::catalogue::CATALOGUE;
use crate::shop::{PaymentState, Provider, ShopOrder};

/// One scripted purchase and what came of it.
struct FlowResult {
    provider: Provider,
    flow: &'static str,
    expected: PaymentState,
    state: Option<PaymentState>,
    provider_status: String,
    verified: bool,
    /// What the shop displayed and asked the provider to charge.
    amount: Option<Money>,
    /// What the provider's sandbox holds for the payment.
    at_sandbox: Option<Money>,
    /// What the verified notification stated.
    notified: Option<Money>,
    elapsed: Duration,
    error: Option<String>,
}

impl FlowResult {
    fn ok(&self) -> bool {
        self.error.is_none()
            && self.verified
            && self.state == Some(self.expected)
            && self.amount.is_some()
            && self.at_sandbox == self.amount
            && self.notified == self.amount
    }
}

/// Runs a paid and a declined purchase through every provider and prints a table.
pub async fn run() -> Result<(), String> {
    let env = Environment::start(0).await?;
    println!(
        "Demo shop at {} with offline sandboxes:",
        env.shop.base_url()
    );
    for (name, url) in env.sandbox_urls() {
        println!("  {name:<25}{url}");
    }
    println!();
    let http = http_client()?;
    let flows = [
        ("paid", TestCard::VisaSuccess, PaymentState::Paid),
        ("declined", TestCard::VisaDeclined, PaymentState::Declined),
    ];
    let mut results = Vec::new();
    for (i, provider) in Provider::ALL.into_iter().enumerate() {
        for (j, (flow, card, expected)) in flows.into_iter().enumerate() {
            // Vary the product so every price list is exercised.
            let product = CATALOGUE
                .get((i + j) % CATALOGUE.len())
                .ok_or("empty catalogue")?;
            let started = Instant::now();
            let mut result = FlowResult {
                provider,
                flow,
                expected,
                state: None,
                provider_status: "-".to_owned(),
                verified: false,
                amount: None,
                at_sandbox: None,
                notified: None,
                elapsed: Duration::ZERO,
                error: None,
            };
            match purchase(&env, &http, product.sku, provider, card).await {
                Ok(order) => {
                    result.state = Some(order.state);
                    result.provider_status = order
                        .provider_status
                        .clone()
                        .unwrap_or_else(|| "-".to_owned());
                    result.verified = order.verified_notifications() > 0;
                    result.amount = Some(order.amount);
                    result.at_sandbox = env.sandbox_charge(&order);
                    result.notified = order.notified_amount();
                }
                Err(e) => result.error = Some(e),
            }
            result.elapsed = started.elapsed();
            results.push(result);
        }
    }
    print_table(&results);
    env.shutdown().await;
    let failed = results.iter().filter(|r| !r.ok()).count();
    println!("\n{} passed, {failed} failed", results.len() - failed);
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} flow(s) did not end as expected"))
    }
}

/// An HTTP client that does not follow redirects (the shop's redirect is inspected).
pub fn http_client() -> Result<reqwest::Client, String> {
    // Built from the SDK's builder: it brings the TLS backend, and redirects stay off.
    let config = payments_core::http::TransportConfig::default();
    payments_core::http::ReqwestTransport::client_builder(&config)
        .map_err(|e| format!("HTTP client: {e}"))?
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .map_err(|e| format!("HTTP client: {e}"))
}

/// Checkout at the shop, pay on the provider's hosted page, follow the redirect back and
/// return the order once final and notified (or as it is after about five seconds).
pub async fn purchase(
    env: &Environment,
    http: &reqwest::Client,
    sku: &str,
    provider: Provider,
    card: TestCard,
) -> Result<ShopOrder, String> {
    let shop = env.shop.base_url();
    let response = http
        .post(format!("{shop}/checkout"))
        .form(&[("product", sku), ("provider", provider.slug())])
        .send()
        .await
        .map_err(|e| format!("checkout: {e}"))?;
    if !response.status().is_redirection() {
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        return Err(format!(
            "checkout answered {status}: {}",
            body.chars().take(200).collect::<String>()
        ));
    }
    let order_id = response
        .headers()
        .get("x-shop-order-id")
        .and_then(|v| v.to_str().ok())
        .ok_or("checkout did not name the order")?
        .to_owned();
    let hosted_page = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .ok_or("checkout did not redirect")?
        .to_owned();
    let outcome = env.pay(provider, &hosted_page, card).await?;
    if let Some(back) = &outcome.redirect_url {
        let page = http
            .get(back)
            .send()
            .await
            .map_err(|e| format!("return page: {e}"))?;
        if !page.status().is_success() {
            return Err(format!("return page {back} answered {}", page.status()));
        }
    }
    // The notification is delivered before the customer is redirected; poll briefly in case a
    // provider answers asynchronously.
    for _ in 0..50 {
        if let Some(order) = env.shop.order(&order_id)
            && order.state.is_final()
            && order.verified_notifications() > 0
        {
            return Ok(order);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    env.shop
        .order(&order_id)
        .ok_or_else(|| format!("order {order_id} vanished"))
}

fn print_table(results: &[FlowResult]) {
    println!(
        "{:<16} {:<9} {:>10}  {:>10}  {:<9} {:<16} {:<9} {:>7}  result",
        "provider", "flow", "amount", "at sandbox", "final", "provider status", "notified", "time"
    );
    println!("{}", "-".repeat(102));
    let money = |m: Option<Money>| m.map_or_else(|| "-".to_owned(), |m| m.to_string());
    for r in results {
        println!(
            "{:<16} {:<9} {:>10}  {:>10}  {:<9} {:<16} {:<9} {:>5}ms  {}",
            r.provider.name(),
            r.flow,
            money(r.amount),
            money(r.at_sandbox),
            r.state.map_or("-", PaymentState::label),
            truncate(&r.provider_status, 16),
            if r.verified { "verified" } else { "missing" },
            r.elapsed.as_millis(),
            match (&r.error, r.ok()) {
                (Some(e), _) => format!("FAILED: {e}"),
                (None, true) => "ok".to_owned(),
                (None, false) if r.at_sandbox != r.amount || r.notified != r.amount => format!(
                    "FAILED: shown {}, sandbox holds {}, notified {}",
                    money(r.amount),
                    money(r.at_sandbox),
                    money(r.notified)
                ),
                (None, false) => format!("FAILED: expected {}", r.expected.label()),
            }
        );
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}
