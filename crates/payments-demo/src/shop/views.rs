//! The shop's pages, rendered from plain data (no I/O), each value escaped.

use super::catalogue::{CATALOGUE, Product, Provider, quote};
use super::html::{Section, badge, esc, money, page, push, time};
use super::{ShopOrder, Verdict};

/// Test cards of the sandboxes, shown at checkout.
const TEST_CARDS: [(&str, &str); 3] = [
    ("4111 1111 1111 1111", "paid"),
    ("4111 1111 1111 1105", "declined"),
    ("4111 1111 1111 1151", "insufficient funds"),
];

fn checkout_href(product: &Product, provider: Provider) -> String {
    format!(
        "/checkout?product={}&provider={}",
        product.sku,
        provider.slug()
    )
}

/// The catalogue with prices in the currency `provider` charges, and the provider picker.
pub fn home(provider: Provider) -> String {
    let mut out = String::new();
    push(
        &mut out,
        format_args!(
            "<section class=\"intro\"><h1>Good coffee starts at home</h1>\
             <p>Brewing gear and fresh beans, packed by hand and shipped within two days.</p></section>\n\
             <section class=\"picker\" aria-labelledby=\"pay-with\"><h2 id=\"pay-with\">Pay with</h2>\
             <ul class=\"providers\">"
        ),
    );
    for p in Provider::ALL {
        let selected = p == provider;
        push(
            &mut out,
            format_args!(
                "<li><a class=\"provider{class}\" id=\"provider-{slug}\" href=\"/?provider={slug}\"{current}>\
                 <span class=\"provider-name\">{name} <span class=\"provider-currency\">{currency}</span></span>\
                 <span class=\"provider-note\">{tagline}</span></a></li>",
                class = if selected { " selected" } else { "" },
                slug = esc(p.slug()),
                current = if selected {
                    " aria-current=\"true\""
                } else {
                    ""
                },
                name = esc(p.name()),
                tagline = esc(p.tagline()),
                currency = esc(p.currency().code()),
            ),
        );
    }
    push(
        &mut out,
        format_args!(
            "</ul><p class=\"hint\" id=\"currency-hint\">Prices in {code} ({cname}), the currency {name} charges.</p>\
             </section>\n<section aria-labelledby=\"products-heading\">\
             <h2 id=\"products-heading\">Products</h2><ul class=\"products\">",
            code = esc(provider.currency().code()),
            cname = esc(provider.currency().name()),
            name = esc(provider.name()),
        ),
    );
    for product in CATALOGUE {
        let price = quote(product, provider).map_or_else(
            || "<span class=\"unavailable\">Not sold in this currency</span>".to_owned(),
            money,
        );
        push(
            &mut out,
            format_args!(
                "<li class=\"card\" id=\"product-{sku}\">\
                 <img src=\"{image}\" alt=\"{alt}\" width=\"240\" height=\"180\">\
                 <div class=\"card-body\"><h3>{name}</h3><p class=\"blurb\">{blurb}</p>\
                 <div class=\"card-foot\"><p class=\"price\" id=\"price-{sku}\">{price}</p>\
                 <a class=\"button\" id=\"buy-{sku}\" href=\"{href}\">Buy<span class=\"visually-hidden\"> {name}</span></a>\
                 </div></div></li>",
                sku = esc(product.sku),
                image = esc(&product.image_path()),
                alt = esc(product.image_alt),
                name = esc(product.name),
                blurb = esc(product.blurb),
                href = esc(&checkout_href(product, provider)),
            ),
        );
    }
    out.push_str("</ul></section>");
    page("Shop", Section::Shop, None, &out)
}

/// The checkout summary of one product paid with `provider`; `None` when it has no price.
pub fn checkout(product: &Product, provider: Provider) -> Option<String> {
    let total = quote(product, provider)?;
    let cards: String = TEST_CARDS
        .iter()
        .map(|(number, outcome)| format!("<li><code>{}</code> {}</li>", esc(number), esc(outcome)))
        .collect();
    let body = format!(
        "<h1>Checkout</h1>\n<div class=\"checkout\">\
         <section class=\"panel summary\" aria-labelledby=\"summary-heading\">\
         <h2 id=\"summary-heading\">Order summary</h2>\
         <table class=\"lines\"><caption class=\"visually-hidden\">Items in your order</caption>\
         <thead><tr><th scope=\"col\">Item</th><th scope=\"col\" class=\"num\">Qty</th>\
         <th scope=\"col\" class=\"num\">Price</th></tr></thead>\
         <tbody><tr><td><div class=\"item\"><img src=\"{image}\" alt=\"\" width=\"64\" height=\"48\"> \
         <span id=\"item-name\">{name}</span></div></td><td class=\"num\">1</td><td class=\"num\">{price}</td></tr></tbody>\
         <tfoot><tr><th scope=\"row\" colspan=\"2\">Shipping</th><td class=\"num\">Free</td></tr>\
         <tr class=\"total\"><th scope=\"row\" colspan=\"2\">Total</th><td class=\"num\" id=\"total\">{price}</td></tr>\
         </tfoot></table></section>\
         <section class=\"panel pay\" aria-labelledby=\"payment-heading\">\
         <h2 id=\"payment-heading\">Payment</h2>\
         <p>You pay with <strong id=\"pay-provider\">{provider}</strong> on its secure page; it charges \
         the total in {currency}. <a href=\"/?provider={slug}\">Change</a></p>\
         <form method=\"post\" action=\"/checkout\">\
         <input type=\"hidden\" name=\"product\" value=\"{sku}\">\
         <input type=\"hidden\" name=\"provider\" value=\"{slug}\">\
         <button type=\"submit\" class=\"button primary wide\" id=\"pay\">Pay {total_text}</button></form>\
         <details class=\"test-cards\" open><summary>Test cards</summary><ul>{cards}</ul></details>\
         </section></div>",
        image = esc(&product.image_path()),
        name = esc(product.name),
        price = money(total),
        provider = esc(provider.name()),
        currency = esc(total.currency().name()),
        slug = esc(provider.slug()),
        sku = esc(product.sku),
        total_text = esc(&total.to_string()),
    );
    Some(page("Checkout", Section::Shop, None, &body))
}

/// The order history, newest first.
pub fn orders(orders: &[ShopOrder]) -> String {
    let mut out = String::from("<h1>Orders</h1>\n");
    if orders.is_empty() {
        out.push_str(
            "<p class=\"empty\" id=\"no-orders\">No orders yet. <a href=\"/\">Visit the shop</a>.</p>",
        );
        return page("Orders", Section::Orders, None, &out);
    }
    out.push_str(
        "<div class=\"panel table-wrap\"><table class=\"orders\" id=\"orders\">\
         <caption class=\"visually-hidden\">Orders, newest first</caption>\
         <thead><tr><th scope=\"col\">Order</th><th scope=\"col\">Placed</th>\
         <th scope=\"col\">Product</th><th scope=\"col\">Provider</th>\
         <th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\">Status</th></tr></thead><tbody>",
    );
    for o in orders {
        push(
            &mut out,
            format_args!(
                "<tr id=\"order-{id}\"><td><a href=\"/orders/{id}\">{id}</a></td><td>{placed}</td>\
                 <td>{product}</td><td>{provider}</td><td class=\"num\">{amount}</td><td>{badge}</td></tr>",
                id = esc(&o.id),
                placed = time(o.created_at),
                product = esc(&o.product),
                provider = esc(o.provider.name()),
                amount = money(o.amount),
                badge = badge(o.state, None),
            ),
        );
    }
    out.push_str("</tbody></table></div>");
    page("Orders", Section::Orders, None, &out)
}

fn status_note(o: &ShopOrder) -> &'static str {
    use super::PaymentState::*;
    match o.state {
        Pending => "Waiting for the provider's notification. This page refreshes by itself.",
        Paid => "Paid: the provider's notification was verified. We will ship it soon.",
        Declined => "The payment was declined. Nothing was charged.",
        Cancelled => "The payment was cancelled or expired.",
        Error => "The payment failed or the provider reported another amount. Nothing ships.",
    }
}

/// One order: what was bought, what the provider was asked to charge, what it notified.
pub fn order(o: &ShopOrder) -> String {
    let notified = o
        .notified_amount()
        .map_or_else(|| "<span class=\"muted\">none yet</span>".to_owned(), money);
    let updated = o.events.last().map_or(o.created_at, |(at, _)| *at);
    let mut out = format!(
        "<p class=\"crumbs\"><a href=\"/orders\">Orders</a> <span aria-hidden=\"true\">/</span> {id}</p>\
         <div class=\"order-head\"><h1>Order <span id=\"order-id\">{id}</span></h1>{badge}</div>\
         <p class=\"status-note\">{note}</p>\n\
         <div class=\"panel order-facts\"><dl class=\"facts\">\
         <div><dt>Product</dt><dd id=\"product\">{product}</dd></div>\
         <div><dt>Amount</dt><dd id=\"amount\">{amount}</dd></div>\
         <div><dt>Amount notified</dt><dd id=\"notified-amount\">{notified}</dd></div>\
         <div><dt>Provider</dt><dd id=\"provider\">{provider}</dd></div>\
         <div><dt>Provider reference</dt><dd><code id=\"provider-reference\">{reference}</code></dd></div>\
         <div><dt>Provider status</dt><dd id=\"provider-status\">{pstatus}</dd></div>\
         <div><dt>Placed</dt><dd>{placed}</dd></div>\
         <div><dt>Last update</dt><dd>{updated}</dd></div>\
         </dl></div>\n\
         <section aria-labelledby=\"notifications-heading\"><h2 id=\"notifications-heading\">Notifications \
         <span class=\"count\" id=\"verified\">{verified}</span></h2>",
        id = esc(&o.id),
        badge = badge(o.state, Some("status")),
        note = esc(status_note(o)),
        product = esc(&o.product),
        amount = money(o.amount),
        provider = esc(o.provider.name()),
        reference = esc(o.provider_reference.as_deref().unwrap_or("-")),
        pstatus = esc(o.provider_status.as_deref().unwrap_or("-")),
        placed = time(o.created_at),
        updated = time(updated),
        verified = o.verified_notifications(),
    );
    if o.notifications.is_empty() {
        out.push_str("<p class=\"empty\">None received yet.</p>");
    } else {
        out.push_str(
            "<div class=\"panel table-wrap\"><table class=\"notifications\">\
             <caption class=\"visually-hidden\">Notifications the provider delivered</caption>\
             <thead><tr><th scope=\"col\">Received</th><th scope=\"col\">From</th>\
             <th scope=\"col\">Checked by</th><th scope=\"col\">Provider status</th>\
             <th scope=\"col\" class=\"num\">Amount stated</th><th scope=\"col\">Result</th></tr></thead><tbody>",
        );
        for n in &o.notifications {
            let stated = n.notification.reported.as_ref().map_or_else(
                || "<span class=\"muted\">none</span>".to_owned(),
                |r| match (r.to_money(o.amount.currency()), &r.currency) {
                    (Some(m), Some(_)) => money(m),
                    (Some(m), None) => format!(
                        "{} <span class=\"muted\">(no currency stated)</span>",
                        esc(&m.to_major_string())
                    ),
                    (None, c) => format!(
                        "{} {}",
                        esc(&r.amount.to_string()),
                        esc(c.as_deref().unwrap_or(""))
                    ),
                },
            );
            let result = match n.verdict {
                Verdict::Verified => "<span class=\"check ok\">Verified</span>",
                Verdict::AmountMismatch => "<span class=\"check bad\">Amount differs</span>",
            };
            push(
                &mut out,
                format_args!(
                    "<tr><td>{at}</td><td>{source}</td><td>{check}</td><td><code>{status}</code></td>\
                     <td class=\"num\">{stated}</td><td>{result}</td></tr>",
                    at = time(n.received_at),
                    source = esc(n.notification.source),
                    check = esc(n.notification.check),
                    status = esc(&n.notification.provider_status),
                ),
            );
        }
        out.push_str("</tbody></table></div>");
    }
    if o.rejected_notifications > 0 {
        push(
            &mut out,
            format_args!(
                "<p class=\"warning\">{} notification(s) for this order failed verification and were ignored.</p>",
                o.rejected_notifications
            ),
        );
    }
    out.push_str("</section>\n<section aria-labelledby=\"history-heading\"><h2 id=\"history-heading\">History</h2><ol class=\"events\">");
    for (at, text) in &o.events {
        push(
            &mut out,
            format_args!("<li>{} <span>{}</span></li>", time(*at), esc(text)),
        );
    }
    out.push_str("</ol></section>\n<p><a class=\"button\" href=\"/\">Continue shopping</a></p>");
    let refresh = (!o.state.is_final()).then_some(2);
    page(&format!("Order {}", o.id), Section::Orders, refresh, &out)
}
