//! The scripted purchases of `cargo run -p payments-demo`.

use std::time::{Duration, Instant};

use payments_testkit::TestCard;

use crate::env::Environment;
use crate::shop::{PaymentState, Provider};

/// One scripted purchase and what came of it.
struct FlowResult {
    provider: Provider,
    flow: &'static str,
    expected: PaymentState,
    state: Option<PaymentState>,
    provider_status: String,
    verified: bool,
    elapsed: Duration,
    error: Option<String>,
}

impl FlowResult {
    fn ok(&self) -> bool {
        self.error.is_none() && self.verified && self.state == Some(self.expected)
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
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .map_err(|e| format!("HTTP client: {e}"))?;
    let flows = [
        ("paid", TestCard::VisaSuccess, PaymentState::Paid),
        ("declined", TestCard::VisaDeclined, PaymentState::Declined),
    ];
    let mut results = Vec::new();
    for provider in Provider::ALL {
        for (flow, card, expected) in flows {
            let started = Instant::now();
            let mut result = FlowResult {
                provider,
                flow,
                expected,
                state: None,
                provider_status: "-".to_owned(),
                verified: false,
                elapsed: Duration::ZERO,
                error: None,
            };
            if let Err(e) = purchase(&env, &http, provider, card, &mut result).await {
                result.error = Some(e);
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

/// Checkout at the shop, pay on the provider's hosted page, follow the redirect back and read
/// the order's final state.
async fn purchase(
    env: &Environment,
    http: &reqwest::Client,
    provider: Provider,
    card: TestCard,
    result: &mut FlowResult,
) -> Result<(), String> {
    let shop = env.shop.base_url();
    let response = http
        .post(format!("{shop}/checkout"))
        .form(&[("product", "widget"), ("provider", provider.slug())])
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
        if let Some(order) = env.shop.order(&order_id) {
            result.state = Some(order.state);
            result.provider_status = order
                .provider_status
                .clone()
                .unwrap_or_else(|| "-".to_owned());
            result.verified = order.verified_notifications > 0;
            if order.state.is_final() && result.verified {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

fn print_table(results: &[FlowResult]) {
    println!(
        "{:<16} {:<9} {:<10} {:<16} {:<13} {:>8}  result",
        "provider", "flow", "final", "provider status", "notification", "time"
    );
    println!("{}", "-".repeat(86));
    for r in results {
        println!(
            "{:<16} {:<9} {:<10} {:<16} {:<13} {:>6}ms  {}",
            r.provider.name(),
            r.flow,
            r.state.map_or("-", PaymentState::label),
            truncate(&r.provider_status, 16),
            if r.verified { "verified" } else { "missing" },
            r.elapsed.as_millis(),
            match (&r.error, r.ok()) {
                (Some(e), _) => format!("FAILED: {e}"),
                (None, true) => "ok".to_owned(),
                (None, false) => format!("FAILED: expected {}", r.expected.label()),
            }
        );
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}
