//! The shop's HTTP routes: pages, checkout, static assets and notification endpoints.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::catalogue::{self, Product, Provider};
use super::html::message_page;
use super::{PaymentState, Shop, views};

/// Static assets compiled into the binary: `(path under /static/, content type, body)`.
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_str!("../../assets/style.css"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_str!("../../assets/favicon.svg"),
    ),
    (
        "img/kettle.svg",
        "image/svg+xml",
        include_str!("../../assets/kettle.svg"),
    ),
    (
        "img/dripper.svg",
        "image/svg+xml",
        include_str!("../../assets/dripper.svg"),
    ),
    (
        "img/mug.svg",
        "image/svg+xml",
        include_str!("../../assets/mug.svg"),
    ),
    (
        "img/beans.svg",
        "image/svg+xml",
        include_str!("../../assets/beans.svg"),
    ),
];

impl Shop {
    /// The axum router of the shop.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/", get(home))
            .route("/checkout", get(checkout_page).post(checkout))
            .route("/orders", get(orders_page))
            .route("/orders/{id}", get(order_page))
            .route("/orders/{id}/json", get(order_json))
            .route("/static/{*path}", get(asset))
            .route("/webhooks/nopayn", post(notify_nopayn))
            .route("/callbacks/ecommpay", post(notify_ecommpay))
            .route("/callbacks/epoint", post(notify_epoint))
            .route("/webhooks/onlinepayments", post(notify_onlinepayments))
            .fallback(not_found)
            .with_state(self.clone())
    }
}

fn html_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, Html(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; style-src 'self'; img-src 'self'; form-action *",
        ),
    );
    response
}

fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    html_response(status, message_page(title, message))
}

async fn not_found() -> Response {
    error_page(
        StatusCode::NOT_FOUND,
        "Page not found",
        "There is no such page.",
    )
}

async fn asset(Path(path): Path<String>) -> Response {
    match ASSETS.iter().find(|(p, _, _)| *p == path) {
        Some((_, content_type, body)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[derive(Deserialize)]
struct HomeQuery {
    provider: Option<String>,
}

async fn home(Query(q): Query<HomeQuery>) -> Response {
    let provider = q
        .provider
        .as_deref()
        .and_then(Provider::from_slug)
        .unwrap_or(Provider::NoPayn);
    html_response(StatusCode::OK, views::home(provider))
}

#[derive(Deserialize)]
struct CheckoutForm {
    product: String,
    provider: String,
}

/// A checkout form that names an unknown product or provider: `(title, message)`.
type FormError = (&'static str, &'static str);

fn parse_checkout(form: &CheckoutForm) -> Result<(&'static Product, Provider), FormError> {
    let product = catalogue::product(&form.product)
        .ok_or(("Unknown product", "We do not sell that product."))?;
    let provider = Provider::from_slug(&form.provider)
        .ok_or(("Unknown provider", "We do not offer that way to pay."))?;
    Ok((product, provider))
}

fn bad_form((title, message): FormError) -> Response {
    error_page(StatusCode::BAD_REQUEST, title, message)
}

fn no_price(product: &Product, provider: Provider) -> Response {
    error_page(
        StatusCode::BAD_REQUEST,
        "Not available",
        &format!("{} is not sold in {}.", product.name, provider.currency()),
    )
}

async fn checkout_page(Query(form): Query<CheckoutForm>) -> Response {
    match parse_checkout(&form) {
        Ok((product, provider)) => match views::checkout(product, provider) {
            Some(body) => html_response(StatusCode::OK, body),
            None => no_price(product, provider),
        },
        Err(e) => bad_form(e),
    }
}

async fn checkout(
    State(shop): State<Shop>,
    axum::Form(form): axum::Form<CheckoutForm>,
) -> Response {
    let (product, provider) = match parse_checkout(&form) {
        Ok(v) => v,
        Err(e) => return bad_form(e),
    };
    let Some(order) = shop.create_order(product, provider) else {
        return no_price(product, provider);
    };
    match crate::providers::start_payment(&shop, &order).await {
        Ok(start) => {
            shop.update(&order.id, |o| {
                o.provider_reference = Some(start.reference.clone());
                o.log(format!("{provider} payment {} created", start.reference));
            });
            let mut response = Redirect::to(&start.redirect_url).into_response();
            if let Ok(value) = HeaderValue::from_str(&order.id) {
                response.headers_mut().insert("x-shop-order-id", value);
            }
            response
        }
        Err(e) => {
            shop.update(&order.id, |o| {
                o.state = PaymentState::Error;
                o.log(format!("could not start the payment: {e}"));
            });
            error_page(
                StatusCode::BAD_GATEWAY,
                "Payment could not start",
                &e.to_string(),
            )
        }
    }
}

async fn orders_page(State(shop): State<Shop>) -> Response {
    html_response(StatusCode::OK, views::orders(&shop.all_orders()))
}

async fn order_page(State(shop): State<Shop>, Path(id): Path<String>) -> Response {
    match shop.order(&id) {
        Some(o) => html_response(StatusCode::OK, views::order(&o)),
        None => error_page(
            StatusCode::NOT_FOUND,
            "Order not found",
            "There is no order with that number.",
        ),
    }
}

async fn order_json(State(shop): State<Shop>, Path(id): Path<String>) -> Response {
    let Some(o) = shop.order(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let notified = o.notified_amount();
    let body = serde_json::json!({
        "id": o.id,
        "product": o.sku,
        "provider": o.provider.slug(),
        "amount": o.amount.to_major_string(),
        "currency": o.amount.currency().code(),
        "notified_amount": notified.map(|m| m.to_major_string()),
        "notified_currency": notified.map(|m| m.currency().code()),
        "status": o.state.label(),
        "provider_status": o.provider_status,
        "provider_reference": o.provider_reference,
        "verified_notifications": o.verified_notifications(),
        "rejected_notifications": o.rejected_notifications,
    });
    (
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
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
