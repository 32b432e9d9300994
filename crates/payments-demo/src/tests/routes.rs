//! The shop's routes over real loopback HTTP, with the four sandboxes behind it.

use payments_core::money::{Currency, Money};
use payments_testkit::TestCard;
use serde_json::{Value, json};

use crate::env::Environment;
use crate::script::{http_client, purchase};
use crate::shop::catalogue::{CATALOGUE, Provider, quote};
use crate::shop::{PaymentState, ShopOrder};

struct Page {
    status: u16,
    content_type: String,
    csp: String,
    body: String,
}

async fn get(http: &reqwest::Client, url: &str) -> Page {
    let response = http.get(url).send().await.unwrap();
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let (content_type, csp) = (header("content-type"), header("content-security-policy"));
    Page {
        status: response.status().as_u16(),
        content_type,
        csp,
        body: response.text().await.unwrap(),
    }
}

/// The amount shown in the element with `id`, parsed back from the page's markup.
fn shown_amount(html: &str, id: &str) -> Money {
    let start = html.find(&format!("id=\"{id}\"")).unwrap();
    let part = |class: &str| {
        let key = format!("<span class=\"{class}\">");
        let from = start + html[start..].find(&key).unwrap() + key.len();
        &html[from..from + html[from..].find('<').unwrap()]
    };
    Money::from_major(
        part("amount"),
        Currency::from_code(part("currency")).unwrap(),
    )
    .unwrap()
}

async fn checkout_without_paying(env: &Environment, sku: &str, provider: Provider) -> ShopOrder {
    let response = http_client()
        .unwrap()
        .post(format!("{}/checkout", env.shop.base_url()))
        .form(&[("product", sku), ("provider", provider.slug())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let id = response.headers()["x-shop-order-id"].to_str().unwrap();
    env.shop.order(id).unwrap()
}

#[tokio::test]
async fn pages_assets_and_errors() {
    let env = Environment::start(0).await.unwrap();
    let http = http_client().unwrap();
    let base = env.shop.base_url().to_owned();

    let home = get(&http, &format!("{base}/")).await;
    assert_eq!(home.status, 200);
    assert_eq!(home.content_type, "text/html; charset=utf-8");
    assert!(home.csp.starts_with("default-src 'self'"), "{}", home.csp);
    assert_eq!(
        shown_amount(&home.body, "price-kettle").to_string(),
        "49.50 EUR"
    );
    let epoint = get(&http, &format!("{base}/?provider=epoint")).await;
    assert_eq!(
        shown_amount(&epoint.body, "price-kettle").to_string(),
        "92.00 AZN"
    );
    // An unknown provider falls back to the first.
    let unknown = get(&http, &format!("{base}/?provider=%3Cscript%3E")).await;
    assert_eq!(unknown.status, 200);
    assert!(!unknown.body.contains("<script"));
    assert!(
        unknown
            .body
            .contains("id=\"provider-nopayn\" href=\"/?provider=nopayn\" aria-current=\"true\"")
    );

    let checkout = get(
        &http,
        &format!("{base}/checkout?product=mug&provider=epoint"),
    )
    .await;
    assert_eq!(checkout.status, 200);
    assert_eq!(
        shown_amount(&checkout.body, "total").to_string(),
        "23.90 AZN"
    );
    for query in [
        "product=nope&provider=epoint",
        "product=mug&provider=paypal",
        "product=mug",
    ] {
        let page = get(&http, &format!("{base}/checkout?{query}")).await;
        assert_eq!(page.status, 400, "{query}");
    }
    let bad = http
        .post(format!("{base}/checkout"))
        .form(&[("product", "<b>nope</b>"), ("provider", "nopayn")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let bad_body = bad.text().await.unwrap();
    assert!(bad_body.contains("We do not sell that product.") && !bad_body.contains("<b>"));

    let css = get(&http, &format!("{base}/static/style.css")).await;
    assert_eq!(
        (css.status, css.content_type.as_str()),
        (200, "text/css; charset=utf-8")
    );
    assert_eq!(css.body, include_str!("../../assets/style.css"));
    for p in CATALOGUE {
        let img = get(&http, &format!("{base}{}", p.image_path())).await;
        assert_eq!(
            (img.status, img.content_type.as_str()),
            (200, "image/svg+xml")
        );
        assert!(img.body.starts_with("<svg"));
    }
    for missing in [
        "/static/nope.css",
        "/static/../Cargo.toml",
        "/static/..%2FCargo.toml",
    ] {
        assert_eq!(
            get(&http, &format!("{base}{missing}")).await.status,
            404,
            "{missing}"
        );
    }

    let orders = get(&http, &format!("{base}/orders")).await;
    assert!(
        orders.body.contains("id=\"no-orders\""),
        "failed checkouts place no order"
    );
    let nothing = get(&http, &format!("{base}/orders/SHOP-NOPE")).await;
    assert_eq!(nothing.status, 404);
    assert!(nothing.body.contains("There is no order with that number."));
    assert_eq!(
        get(&http, &format!("{base}/orders/SHOP-NOPE/json"))
            .await
            .status,
        404
    );
    let lost = get(&http, &format!("{base}/nowhere")).await;
    assert_eq!(
        (lost.status, lost.content_type.as_str()),
        (404, "text/html; charset=utf-8")
    );
    env.shutdown().await;
}

#[tokio::test]
async fn every_price_shown_is_the_amount_the_provider_charges() {
    let env = Environment::start(0).await.unwrap();
    let http = http_client().unwrap();
    let base = env.shop.base_url().to_owned();
    let mut placed = Vec::new();
    for provider in Provider::ALL {
        let home = get(&http, &format!("{base}/?provider={}", provider.slug())).await;
        for product in CATALOGUE {
            let shown = shown_amount(&home.body, &format!("price-{}", product.sku));
            let checkout_url = format!(
                "{base}/checkout?product={}&provider={}",
                product.sku,
                provider.slug()
            );
            let total = shown_amount(&get(&http, &checkout_url).await.body, "total");
            assert_eq!(total, shown);

            let order = purchase(&env, &http, product.sku, provider, TestCard::VisaSuccess)
                .await
                .unwrap();
            assert_eq!(
                order.state,
                PaymentState::Paid,
                "{provider} {}",
                product.sku
            );
            // What the provider's sandbox holds and what its verified notification says.
            assert_eq!(
                env.sandbox_charge(&order),
                Some(shown),
                "{provider} {}",
                product.sku
            );
            assert_eq!(order.notified_amount(), Some(shown));
            assert_eq!(Some(shown), quote(product, provider));

            let page = get(&http, &env.shop.order_url(&order.id)).await;
            assert_eq!(shown_amount(&page.body, "amount"), shown);
            assert_eq!(shown_amount(&page.body, "notified-amount"), shown);
            assert!(page.body.contains("id=\"status\" data-state=\"paid\""));
            let json: Value = serde_json::from_str(
                &get(&http, &format!("{}/json", env.shop.order_url(&order.id)))
                    .await
                    .body,
            )
            .unwrap();
            assert_eq!(json["amount"], json!(shown.to_major_string()));
            assert_eq!(json["notified_currency"], json!(shown.currency().code()));
            assert_eq!(json["verified_notifications"], json!(1));
            placed.push((order.id, shown));
        }
    }
    let list = get(&http, &format!("{base}/orders")).await.body;
    for (id, shown) in placed {
        assert_eq!(shown_amount(&list, &format!("order-{id}")), shown);
        let row = &list[list.find(&format!("id=\"order-{id}\"")).unwrap()..];
        assert!(row[..row.find("</tr>").unwrap()].contains("data-state=\"paid\""));
    }
    env.shutdown().await;
}

#[tokio::test]
async fn forged_or_wrong_notifications_never_mark_an_order_paid() {
    let env = Environment::start(0).await.unwrap();
    let http = http_client().unwrap();
    let base = env.shop.base_url().to_owned();
    let post = |path: &str, body: String| http.post(format!("{base}{path}")).body(body).send();

    // Unsigned or badly signed: refused, nothing recorded.
    let ecommpay = checkout_without_paying(&env, "mug", Provider::Ecommpay).await;
    let forged =
        json!({"payment": {"id": ecommpay.id, "status": "success"}, "signature": "Zm9yZ2Vk"});
    assert_eq!(
        post("/callbacks/ecommpay", forged.to_string())
            .await
            .unwrap()
            .status(),
        400
    );
    let epoint = checkout_without_paying(&env, "mug", Provider::Epoint).await;
    let data = "data=e30%3D&signature=Zm9yZ2Vk".to_owned();
    assert_eq!(post("/callbacks/epoint", data).await.unwrap().status(), 400);
    let webhook = http
        .post(format!("{base}/webhooks/onlinepayments"))
        .header("X-GCS-Signature", "Zm9yZ2Vk")
        .header("X-GCS-KeyId", "unknown")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(webhook.status(), 400);
    // NoPayn webhooks carry no status: the shop re-fetches the order, which is still new.
    let nopayn = checkout_without_paying(&env, "mug", Provider::NoPayn).await;
    let reference = nopayn.provider_reference.clone().unwrap();
    let claim = json!({"event": "status_changed", "order_id": reference});
    assert_eq!(
        post("/webhooks/nopayn", claim.to_string())
            .await
            .unwrap()
            .status(),
        200
    );
    for id in [&ecommpay.id, &epoint.id, &nopayn.id] {
        assert_eq!(
            env.shop.order(id).unwrap().state,
            PaymentState::Pending,
            "{id}"
        );
    }
    assert_eq!(
        env.shop
            .order(&ecommpay.id)
            .unwrap()
            .verified_notifications(),
        0
    );

    // Correctly signed but for another amount: verified, and the order is not paid.
    let secret = env.ecommpay_sandbox().secret_key().to_owned();
    let mut callback = json!({
        "project_id": env.ecommpay_sandbox().project_id(),
        "payment": {"id": ecommpay.id, "status": "success", "sum": {"amount": 1, "currency": "EUR"}},
    });
    let signature = payments_testkit::ecommpay::signature(&callback, &secret);
    callback["signature"] = json!(signature);
    assert_eq!(
        post("/callbacks/ecommpay", callback.to_string())
            .await
            .unwrap()
            .status(),
        200
    );
    let order = env.shop.order(&ecommpay.id).unwrap();
    assert_eq!(order.state, PaymentState::Error);
    assert_eq!(order.verified_notifications(), 1);
    let page = get(&http, &env.shop.order_url(&order.id)).await.body;
    assert!(page.contains("Amount differs"));
    assert!(page.contains("but states 0.01 EUR instead of 12.95 EUR"));
    env.shutdown().await;
}
