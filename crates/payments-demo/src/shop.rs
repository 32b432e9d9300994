//! The sample shop: catalogue, orders, checkout, notification endpoints and pages.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use payments_core::money::{Currency, Money};
use serde::Deserialize;

use crate::providers::Providers;

/// A payment provider the shop offers at checkout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provider {
    /// NoPayn / Cost+ hosted payment page.
    NoPayn,
    /// ECommPay Payment Page.
    Ecommpay,
    /// EPoint.
    Epoint,
    /// Online Payments hosted checkout.
    OnlinePayments,
}

impl Provider {
    /// Every provider, in display order.
    pub const ALL: [Provider; 4] = [
        Provider::NoPayn,
        Provider::Ecommpay,
        Provider::Epoint,
        Provider::OnlinePayments,
    ];

    /// URL-safe identifier.
    pub fn slug(self) -> &'static str {
        match self {
            Provider::NoPayn => "nopayn",
            Provider::Ecommpay => "ecommpay",
            Provider::Epoint => "epoint",
            Provider::OnlinePayments => "onlinepayments",
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Provider::NoPayn => "NoPayn",
            Provider::Ecommpay => "ECommPay",
            Provider::Epoint => "EPoint",
            Provider::OnlinePayments => "Online Payments",
        }
    }

    /// Parses a slug.
    pub fn from_slug(slug: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.slug() == slug)
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A product of the catalogue.
#[derive(Debug, Clone)]
pub struct Product {
    /// Identifier used in forms.
    pub sku: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Price.
    pub price: Money,
}

/// The catalogue. EPoint only takes AZN, so every product has a price per currency family.
pub fn catalogue() -> Vec<Product> {
    vec![
        Product {
            sku: "widget",
            name: "Premium Widget",
            price: Money::from_minor(1295, Currency::EUR),
        },
        Product {
            sku: "gadget",
            name: "Pocket Gadget",
            price: Money::from_minor(4950, Currency::EUR),
        },
    ]
}

/// The shop's view of an order's payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentState {
    /// Waiting for the customer or the provider.
    Pending,
    /// Paid: ship it.
    Paid,
    /// The provider declined the payment.
    Declined,
    /// Cancelled or expired.
    Cancelled,
    /// The provider reported a technical error.
    Error,
}

impl PaymentState {
    /// Lowercase label shown on the order page.
    pub fn label(self) -> &'static str {
        match self {
            PaymentState::Pending => "pending",
            PaymentState::Paid => "paid",
            PaymentState::Declined => "declined",
            PaymentState::Cancelled => "cancelled",
            PaymentState::Error => "error",
        }
    }

    /// True once the state can no longer change.
    pub fn is_final(self) -> bool {
        !matches!(self, PaymentState::Pending)
    }
}

/// An order of the shop.
#[derive(Debug, Clone)]
pub struct ShopOrder {
    /// Shop order id.
    pub id: String,
    /// What was bought.
    pub product: String,
    /// Amount charged.
    pub amount: Money,
    /// Provider chosen at checkout.
    pub provider: Provider,
    /// Payment state.
    pub state: PaymentState,
    /// The provider's id of the payment (order id, transaction, hosted checkout id).
    pub provider_reference: Option<String>,
    /// The provider's own status text, as last verified.
    pub provider_status: Option<String>,
    /// Notifications received whose signature (or API re-fetch) verified.
    pub verified_notifications: u32,
    /// Notifications rejected (bad signature, unknown order).
    pub rejected_notifications: u32,
    /// Audit trail shown on the order page.
    pub events: Vec<String>,
}

/// Shared state of the shop.
#[derive(Clone)]
pub struct Shop {
    inner: Arc<ShopInner>,
}

struct ShopInner {
    base_url: String,
    products: Vec<Product>,
    orders: Mutex<BTreeMap<String, ShopOrder>>,
    providers: Providers,
}

impl Shop {
    /// A shop reachable at `base_url`, paying through `providers`.
    pub fn new(base_url: String, providers: Providers) -> Self {
        Self {
            inner: Arc::new(ShopInner {
                base_url,
                products: catalogue(),
                orders: Mutex::new(BTreeMap::new()),
                providers,
            }),
        }
    }

    /// The shop's own base URL (used for return and notification URLs).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The provider clients.
    pub fn providers(&self) -> &Providers {
        &self.inner.providers
    }

    fn orders(&self) -> MutexGuard<'_, BTreeMap<String, ShopOrder>> {
        match self.inner.orders.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// A copy of an order.
    pub fn order(&self, id: &str) -> Option<ShopOrder> {
        self.orders().get(id).cloned()
    }

    /// Every order, oldest first.
    pub fn all_orders(&self) -> Vec<ShopOrder> {
        self.orders().values().cloned().collect()
    }

    /// Finds the order a provider reference belongs to.
    pub fn order_by_reference(&self, provider: Provider, reference: &str) -> Option<ShopOrder> {
        self.orders()
            .values()
            .find(|o| o.provider == provider && o.provider_reference.as_deref() == Some(reference))
            .cloned()
    }

    /// Applies a change to an order.
    pub fn update(&self, id: &str, f: impl FnOnce(&mut ShopOrder)) -> bool {
        match self.orders().get_mut(id) {
            Some(order) => {
                f(order);
                true
            }
            None => false,
        }
    }

    /// Records a verified notification: sets the state (a final state never goes back to pending)
    /// and the provider's status text. Repeated notifications are idempotent.
    pub fn apply_verified(
        &self,
        id: &str,
        state: PaymentState,
        provider_status: &str,
        source: &str,
    ) -> bool {
        self.update(id, |o| {
            o.verified_notifications += 1;
            o.provider_status = Some(provider_status.to_owned());
            if !o.state.is_final() {
                o.state = state;
            }
            o.events.push(format!(
                "{source}: verified, provider status {provider_status:?} → {}",
                o.state.label()
            ));
        })
    }

    /// Records a rejected notification.
    pub fn reject_notification(&self, id: Option<&str>, reason: &str) {
        if let Some(id) = id {
            self.update(id, |o| {
                o.rejected_notifications += 1;
                o.events.push(format!("notification rejected: {reason}"));
            });
        }
        eprintln!("payments-demo: notification rejected: {reason}");
    }

    fn create_order(&self, product: &Product, provider: Provider) -> ShopOrder {
        let id = format!("SHOP-{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
        let amount = match provider {
            // EPoint settles in Azerbaijani manat: the shop prices the same number in AZN.
            Provider::Epoint => Money::from_minor(product.price.minor_units(), Currency::AZN),
            _ => product.price,
        };
        let order = ShopOrder {
            id: id.clone(),
            product: product.name.to_owned(),
            amount,
            provider,
            state: PaymentState::Pending,
            provider_reference: None,
            provider_status: None,
            verified_notifications: 0,
            rejected_notifications: 0,
            events: vec![format!("checkout with {provider}")],
        };
        self.orders().insert(id, order.clone());
        order
    }

    /// URL of an order's page.
    pub fn order_url(&self, id: &str) -> String {
        format!("{}/orders/{id}", self.inner.base_url)
    }

    /// The axum router of the shop.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/", get(index))
            .route("/checkout", post(checkout))
            .route("/orders", get(orders_page))
            .route("/orders/{id}", get(order_page))
            .route("/orders/{id}/json", get(order_json))
            .route("/webhooks/nopayn", post(notify_nopayn))
            .route("/callbacks/ecommpay", post(notify_ecommpay))
            .route("/callbacks/epoint", post(notify_epoint))
            .route("/webhooks/onlinepayments", post(notify_onlinepayments))
            .with_state(self.clone())
    }
}

#[derive(Deserialize)]
struct CheckoutForm {
    product: String,
    provider: String,
}

async fn checkout(
    State(shop): State<Shop>,
    axum::Form(form): axum::Form<CheckoutForm>,
) -> Response {
    let Some(product) = shop
        .inner
        .products
        .iter()
        .find(|p| p.sku == form.product)
        .cloned()
    else {
        return (
            StatusCode::BAD_REQUEST,
            Html(page("Unknown product", "<p>Unknown product.</p>")),
        )
            .into_response();
    };
    let Some(provider) = Provider::from_slug(&form.provider) else {
        return (
            StatusCode::BAD_REQUEST,
            Html(page("Unknown provider", "<p>Unknown provider.</p>")),
        )
            .into_response();
    };
    let order = shop.create_order(&product, provider);
    match crate::providers::start_payment(&shop, &order).await {
        Ok(start) => {
            shop.update(&order.id, |o| {
                o.provider_reference = Some(start.reference.clone());
                o.events
                    .push(format!("{provider} payment {} created", start.reference));
            });
            let mut response = Redirect::to(&start.redirect_url).into_response();
            if let Ok(value) = header::HeaderValue::from_str(&order.id) {
                response.headers_mut().insert("x-shop-order-id", value);
            }
            response
        }
        Err(e) => {
            shop.update(&order.id, |o| {
                o.state = PaymentState::Error;
                o.events.push(format!("could not start the payment: {e}"));
            });
            (
                StatusCode::BAD_GATEWAY,
                Html(page(
                    "Payment could not start",
                    &format!("<p id=\"error\">{}</p>", escape(&e.to_string())),
                )),
            )
                .into_response()
        }
    }
}

async fn notify_nopayn(State(shop): State<Shop>, body: Bytes) -> Response {
    crate::providers::nopayn::on_webhook(&shop, &body).await
}

async fn notify_ecommpay(State(shop): State<Shop>, body: Bytes) -> Response {
    crate::providers::ecommpay::on_callback(&shop, &body)
}

async fn notify_epoint(State(shop): State<Shop>, body: Bytes) -> Response {
    crate::providers::epoint::on_callback(&shop, &body)
}

async fn notify_onlinepayments(
    State(shop): State<Shop>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    crate::providers::onlinepayments::on_webhook(&shop, &headers, &body)
}

async fn index(State(shop): State<Shop>) -> Html<String> {
    let products: String = shop
        .inner
        .products
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "<label><input type=\"radio\" name=\"product\" value=\"{sku}\"{checked}> {name} — {price}</label><br>",
                sku = p.sku,
                checked = if i == 0 { " checked" } else { "" },
                name = escape(p.name),
                price = p.price,
            )
        })
        .collect();
    let providers: String = Provider::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "<label><input type=\"radio\" id=\"provider-{slug}\" name=\"provider\" value=\"{slug}\"{checked}> {name}</label><br>",
                slug = p.slug(),
                checked = if i == 0 { " checked" } else { "" },
                name = p.name(),
            )
        })
        .collect();
    Html(page(
        "Demo shop",
        &format!(
            "<form method=\"post\" action=\"/checkout\">\
             <fieldset><legend>Product</legend>{products}</fieldset>\
             <fieldset><legend>Pay with</legend>{providers}</fieldset>\
             <button type=\"submit\" id=\"buy\">Buy</button></form>\
             <p><a href=\"/orders\">All orders</a></p>"
        ),
    ))
}

async fn orders_page(State(shop): State<Shop>) -> Html<String> {
    let rows: String = shop
        .all_orders()
        .iter()
        .map(|o| {
            format!(
                "<tr><td><a href=\"/orders/{id}\">{id}</a></td><td>{provider}</td><td>{amount}</td><td>{state}</td></tr>",
                id = o.id,
                provider = o.provider,
                amount = o.amount,
                state = o.state.label(),
            )
        })
        .collect();
    Html(page(
        "Orders",
        &format!(
            "<table><tr><th>order</th><th>provider</th><th>amount</th><th>status</th></tr>{rows}</table>"
        ),
    ))
}

async fn order_page(State(shop): State<Shop>, Path(id): Path<String>) -> Response {
    let Some(o) = shop.order(&id) else {
        return (
            StatusCode::NOT_FOUND,
            Html(page("Order not found", "<p>No such order.</p>")),
        )
            .into_response();
    };
    let events: String = o
        .events
        .iter()
        .map(|e| format!("<li>{}</li>", escape(e)))
        .collect();
    Html(page(
        &format!("Order {}", o.id),
        &format!(
            "<p>{product} — {amount} — paid with {provider}</p>\
             <p>Status: <strong id=\"status\">{state}</strong></p>\
             <p>Provider status: <span id=\"provider-status\">{pstatus}</span>; verified notifications: \
             <span id=\"verified\">{verified}</span></p><ul>{events}</ul><p><a href=\"/\">Back to the shop</a></p>",
            product = escape(&o.product),
            amount = o.amount,
            provider = o.provider,
            state = o.state.label(),
            pstatus = escape(o.provider_status.as_deref().unwrap_or("-")),
            verified = o.verified_notifications,
        ),
    ))
    .into_response()
}

async fn order_json(State(shop): State<Shop>, Path(id): Path<String>) -> Response {
    match shop.order(&id) {
        Some(o) => (
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::json!({
                "id": o.id,
                "provider": o.provider.slug(),
                "amount": o.amount.to_major_string(),
                "currency": o.amount.currency().code(),
                "status": o.state.label(),
                "provider_status": o.provider_status,
                "provider_reference": o.provider_reference,
                "verified_notifications": o.verified_notifications,
                "rejected_notifications": o.rejected_notifications,
            })
            .to_string(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\
         <style>body{{font-family:sans-serif;max-width:42rem;margin:2rem auto}}fieldset{{margin:1rem 0}}\
         td,th{{padding:.2rem .6rem;text-align:left}}</style></head>\
         <body><h1>{t}</h1>{body}</body></html>",
        t = escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_slugs_round_trip() {
        for p in Provider::ALL {
            assert_eq!(Provider::from_slug(p.slug()), Some(p));
        }
        assert_eq!(Provider::from_slug("paypal"), None);
    }

    #[test]
    fn final_states() {
        assert!(!PaymentState::Pending.is_final());
        for s in [
            PaymentState::Paid,
            PaymentState::Declined,
            PaymentState::Cancelled,
            PaymentState::Error,
        ] {
            assert!(s.is_final());
        }
    }

    #[test]
    fn escape_html() {
        assert_eq!(
            escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }
}
