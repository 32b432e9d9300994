//! Rendering: prices per provider, the picker, checkout, order list and order page, escaping.

use payments_core::Decimal;

use crate::shop::catalogue::{CATALOGUE, Provider, product, quote};
use crate::shop::html::money;
use crate::shop::views;
use crate::shop::{
    NotificationRecord, PaymentState, ReportedAmount, ShopOrder, Verdict, VerifiedNotification,
};

/// The inner HTML of the element with `id` (up to its first closing `</p>`, `</dd>` or `</td>`).
fn element<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let rest = &html[start..];
    let open_end = rest.find('>').unwrap() + 1;
    let close = ["</p>", "</dd>", "</td>", "</button>"]
        .iter()
        .filter_map(|c| rest.find(c))
        .min()
        .unwrap();
    &rest[open_end..close]
}

fn order(provider: Provider) -> ShopOrder {
    ShopOrder::new("SHOP-1".to_owned(), product("mug").unwrap(), provider).unwrap()
}

#[test]
fn home_prices_every_product_in_the_selected_providers_currency() {
    for provider in Provider::ALL {
        let html = views::home(provider);
        for p in CATALOGUE {
            let price = quote(p, provider).unwrap();
            assert_eq!(element(&html, &format!("price-{}", p.sku)), money(price));
            assert!(html.contains(&format!(
                "href=\"/checkout?product={}&amp;provider={}\"",
                p.sku,
                provider.slug()
            )));
            assert!(html.contains(&format!("alt=\"{}\"", p.image_alt)));
        }
        let code = provider.currency().code();
        assert!(element(&html, "currency-hint").contains(code));
        // Exactly the selected provider is marked current.
        assert_eq!(html.matches("aria-current=\"true\"").count(), 1);
        assert!(html.contains(&format!(
            "id=\"provider-{}\" href=\"/?provider={}\" aria-current=\"true\"",
            provider.slug(),
            provider.slug()
        )));
    }
    let epoint = views::home(Provider::Epoint);
    assert!(!epoint.contains("<span class=\"currency\">EUR</span>"));
    assert_eq!(
        element(&epoint, "price-kettle"),
        "<span class=\"money\"><span class=\"amount\">92.00</span> <span class=\"currency\">AZN</span></span>"
    );
}

#[test]
fn checkout_summary_states_the_amount_to_be_charged() {
    let kettle = product("kettle").unwrap();
    let html = views::checkout(kettle, Provider::Epoint).unwrap();
    assert_eq!(
        element(&html, "total"),
        money(quote(kettle, Provider::Epoint).unwrap())
    );
    assert_eq!(element(&html, "pay"), "Pay 92.00 AZN");
    assert!(html.contains("<strong id=\"pay-provider\">EPoint</strong>"));
    assert!(html.contains("it charges the total in Azerbaijan Manat."));
    assert!(html.contains("<form method=\"post\" action=\"/checkout\">"));
    assert!(html.contains("<input type=\"hidden\" name=\"product\" value=\"kettle\">"));
    assert!(html.contains("<input type=\"hidden\" name=\"provider\" value=\"epoint\">"));
    let eur = views::checkout(kettle, Provider::OnlinePayments).unwrap();
    assert_eq!(element(&eur, "pay"), "Pay 49.50 EUR");
}

#[test]
fn order_list_shows_amounts_and_status_badges() {
    assert!(views::orders(&[]).contains("id=\"no-orders\""));
    let mut paid = order(Provider::Epoint);
    paid.id = "SHOP-PAID".to_owned();
    paid.state = PaymentState::Paid;
    let mut declined = order(Provider::NoPayn);
    declined.id = "SHOP-DECLINED".to_owned();
    declined.state = PaymentState::Declined;
    let html = views::orders(&[paid, declined]);
    let row = |id: &str| {
        let start = html.find(&format!("<tr id=\"order-{id}\">")).unwrap();
        &html[start..start + html[start..].find("</tr>").unwrap()]
    };
    assert!(row("SHOP-PAID").contains(&money(
        quote(product("mug").unwrap(), Provider::Epoint).unwrap()
    )));
    assert!(row("SHOP-PAID").contains("class=\"badge badge-paid\" data-state=\"paid\">Paid<"));
    assert!(!row("SHOP-DECLINED").contains("AZN"));
    assert!(
        row("SHOP-DECLINED")
            .contains("<span class=\"amount\">12.95</span> <span class=\"currency\">EUR</span>")
    );
    assert!(row("SHOP-DECLINED").contains("data-state=\"declined\">Declined<"));
    assert!(row("SHOP-DECLINED").contains("<a href=\"/orders/SHOP-DECLINED\">SHOP-DECLINED</a>"));
    assert!(html.contains("<th scope=\"col\" class=\"num\">Amount</th>"));
}

#[test]
fn order_page_shows_the_notifications_and_refreshes_only_while_pending() {
    let mut o = order(Provider::Ecommpay);
    let pending = views::order(&o);
    assert!(pending.contains("<meta http-equiv=\"refresh\" content=\"2\">"));
    assert!(pending.contains("None received yet."));
    assert!(element(&pending, "status").contains("Pending"));
    o.apply(VerifiedNotification {
        source: "ECommPay callback",
        check: "HMAC-SHA512 signature",
        state: PaymentState::Paid,
        provider_status: "success".to_owned(),
        reported: Some(ReportedAmount::from_minor(1295, "EUR")),
    });
    let html = views::order(&o);
    assert!(!html.contains("http-equiv=\"refresh\""));
    assert!(html.contains("id=\"status\" data-state=\"paid\">Paid</span>"));
    assert_eq!(element(&html, "amount"), money(o.amount));
    assert_eq!(element(&html, "notified-amount"), money(o.amount));
    assert_eq!(element(&html, "provider-status"), "success");
    assert!(html.contains(
        "<td>ECommPay callback</td><td>HMAC-SHA512 signature</td><td><code>success</code></td>"
    ));
    assert!(html.contains("<span class=\"check ok\">Verified</span>"));
    assert!(html.contains("ECommPay callback verified by HMAC-SHA512 signature: provider status &quot;success&quot;, order paid"));
}

#[test]
fn order_page_flags_an_amount_without_currency_and_a_mismatch() {
    let mut o = order(Provider::Epoint);
    o.apply(VerifiedNotification {
        source: "EPoint callback",
        check: "SHA-1 signature with the private key",
        state: PaymentState::Paid,
        provider_status: "success".to_owned(),
        reported: Some(ReportedAmount {
            amount: Decimal::new(239, 1),
            currency: None,
        }),
    });
    let html = views::order(&o);
    assert!(html.contains(
        "<td class=\"num\">23.90 <span class=\"muted\">(no currency stated)</span></td>"
    ));
    assert_eq!(element(&html, "notified-amount"), money(o.amount));

    let mut wrong = order(Provider::NoPayn);
    let verdict = wrong.apply(VerifiedNotification {
        source: "NoPayn webhook",
        check: "re-fetching the order through the API",
        state: PaymentState::Paid,
        provider_status: "completed".to_owned(),
        reported: Some(ReportedAmount::from_minor(1, "EUR")),
    });
    assert_eq!(verdict, Verdict::AmountMismatch);
    let html = views::order(&wrong);
    assert!(html.contains("<span class=\"check bad\">Amount differs</span>"));
    assert!(html.contains("data-state=\"error\""));
    assert!(html.contains("but states 0.01 EUR instead of 12.95 EUR"));
}

const HOSTILE: &str = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>&amp;";
const HOSTILE_ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;";

#[test]
fn no_field_of_an_order_can_inject_markup() {
    let mut o = order(Provider::OnlinePayments);
    o.id = HOSTILE.to_owned();
    o.product = HOSTILE.to_owned();
    o.provider_reference = Some(HOSTILE.to_owned());
    o.provider_status = Some(HOSTILE.to_owned());
    o.events.push((o.created_at, HOSTILE.to_owned()));
    o.rejected_notifications = 1;
    o.notifications.push(NotificationRecord {
        received_at: o.created_at,
        notification: VerifiedNotification {
            source: "Online Payments webhook",
            check: "X-GCS-Signature (HMAC-SHA256)",
            state: PaymentState::Paid,
            provider_status: HOSTILE.to_owned(),
            reported: Some(ReportedAmount {
                amount: Decimal::new(1295, 2),
                currency: Some(HOSTILE.to_owned()),
            }),
        },
        verdict: Verdict::AmountMismatch,
    });
    for html in [views::order(&o), views::orders(std::slice::from_ref(&o))] {
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img src=x"), "{html}");
        assert!(html.contains(HOSTILE_ESCAPED), "{html}");
    }
    // The order page shows the hostile value in the id, product, reference, status (twice),
    // history and the stated currency; every one escaped.
    assert!(views::order(&o).matches(HOSTILE_ESCAPED).count() >= 7);
    // The href of the order link is escaped too.
    assert!(views::orders(&[o]).contains(&format!("href=\"/orders/{HOSTILE_ESCAPED}\"")));
}

#[test]
fn messages_are_escaped() {
    let html = crate::shop::html::message_page(HOSTILE, HOSTILE);
    assert!(!html.contains("<script"));
    assert_eq!(
        html.matches(HOSTILE_ESCAPED).count(),
        3,
        "title, heading, message"
    );
}
