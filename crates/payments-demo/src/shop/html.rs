//! HTML building blocks: escaping, the page frame, money and status badges.
//!
//! Every value interpolated into markup goes through [`esc`], including values the shop
//! itself chose (SKUs, slugs, ids), so no field can inject markup whatever its origin.

use std::fmt::{self, Write as _};

use chrono::{DateTime, Utc};
use payments_core::money::Money;

use super::PaymentState;

/// The shop's name, shown in the header and in every title.
pub const SHOP_NAME: &str = "Copperline Coffee";

/// Text escaped for HTML element content and quoted attribute values.
pub struct Esc<'a>(&'a str);

/// Escapes `text` when formatted.
pub fn esc(text: &str) -> Esc<'_> {
    Esc(text)
}

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            let (plain, tail) = rest.split_at(i);
            f.write_str(plain)?;
            let mut chars = tail.chars();
            f.write_str(match chars.next() {
                Some('&') => "&amp;",
                Some('<') => "&lt;",
                Some('>') => "&gt;",
                Some('"') => "&quot;",
                _ => "&#39;",
            })?;
            rest = chars.as_str();
        }
        f.write_str(rest)
    }
}

/// Which item of the main navigation is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Catalogue and checkout.
    Shop,
    /// Order history and order pages.
    Orders,
}

/// A complete page: head, header with navigation, `body` in `<main>`, footer.
/// `refresh_seconds` reloads the page (an order waiting for its notification).
pub fn page(title: &str, section: Section, refresh_seconds: Option<u32>, body: &str) -> String {
    let current = |s: Section| {
        if s == section {
            " aria-current=\"page\""
        } else {
            ""
        }
    };
    let refresh = refresh_seconds.map_or(String::new(), |s| {
        format!("<meta http-equiv=\"refresh\" content=\"{s}\">")
    });
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n{refresh}\
         <title>{title} · {shop}</title>\n\
         <link rel=\"stylesheet\" href=\"/static/style.css\">\n\
         <link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n</head>\n<body>\n\
         <a class=\"skip-link\" href=\"#main\">Skip to content</a>\n\
         <header class=\"site-header\"><div class=\"wrap\">\
         <a class=\"brand\" href=\"/\"><img src=\"/static/favicon.svg\" alt=\"\" width=\"28\" height=\"28\"> {shop}</a>\
         <nav aria-label=\"Main\"><a href=\"/\"{shop_current}>Shop</a><a href=\"/orders\"{orders_current}>Orders</a></nav>\
         </div></header>\n\
         <div class=\"test-banner\" role=\"note\"><div class=\"wrap\">Test shop: payments go to offline \
         sandboxes and no money moves.</div></div>\n\
         <main id=\"main\" class=\"wrap\">\n{body}\n</main>\n\
         <footer class=\"site-footer\"><div class=\"wrap\">{shop} · sample shop of the payments SDKs \
         (NoPayn, ECommPay, EPoint, Online Payments)</div></footer>\n</body>\n</html>\n",
        title = esc(title),
        shop = esc(SHOP_NAME),
        shop_current = current(Section::Shop),
        orders_current = current(Section::Orders),
    )
}

/// A page with a heading and one message, for errors.
pub fn message_page(title: &str, message: &str) -> String {
    page(
        title,
        Section::Shop,
        None,
        &format!(
            "<section class=\"notice\"><h1>{}</h1><p id=\"message\">{}</p>\
             <p><a class=\"button\" href=\"/\">Back to the shop</a></p></section>",
            esc(title),
            esc(message)
        ),
    )
}

/// An amount with its currency, each part in its own element: `49.50 AZN`.
pub fn money(m: Money) -> String {
    format!(
        "<span class=\"money\"><span class=\"amount\">{}</span> <span class=\"currency\">{}</span></span>",
        esc(&m.to_major_string()),
        esc(m.currency().code())
    )
}

/// A status badge (`data-state` holds the machine-readable state).
pub fn badge(state: PaymentState, id: Option<&str>) -> String {
    let label = match state {
        PaymentState::Pending => "Pending",
        PaymentState::Paid => "Paid",
        PaymentState::Declined => "Declined",
        PaymentState::Cancelled => "Cancelled",
        PaymentState::Error => "Error",
    };
    let id = id.map_or(String::new(), |i| format!(" id=\"{}\"", esc(i)));
    format!(
        "<span class=\"badge badge-{state}\"{id} data-state=\"{state}\">{label}</span>",
        state = esc(state.label()),
    )
}

/// `2025-01-31 14:05:09 UTC` in a `<time>` element.
pub fn time(at: DateTime<Utc>) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        esc(&at.to_rfc3339()),
        esc(&at.format("%Y-%m-%d %H:%M:%S UTC").to_string())
    )
}

/// Appends formatted text to a page being built (writing to a `String` cannot fail).
pub fn push(out: &mut String, args: fmt::Arguments<'_>) {
    let _ = out.write_fmt(args);
}

#[cfg(test)]
mod tests {
    use super::*;
    use payments_core::money::Currency;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            esc("<a href=\"x\" title='y'>&amp;</a>").to_string(),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;"
        );
        assert_eq!(esc("").to_string(), "");
        assert_eq!(esc("plain — ünïcode").to_string(), "plain — ünïcode");
        assert_eq!(esc("&&").to_string(), "&amp;&amp;");
    }

    #[test]
    fn page_is_complete_and_self_contained() {
        let html = page("<Title>", Section::Orders, Some(2), "<p>body</p>");
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(html.contains("<title>&lt;Title&gt; · Copperline Coffee</title>"));
        assert!(html.contains("<meta http-equiv=\"refresh\" content=\"2\">"));
        assert!(html.contains("<a href=\"/orders\" aria-current=\"page\">Orders</a>"));
        assert!(html.contains("<main id=\"main\" class=\"wrap\">\n<p>body</p>"));
        // Only the shop's own assets are referenced.
        for attr in ["src=\"", "href=\""] {
            for (i, _) in html.match_indices(attr) {
                let value = &html[i + attr.len()..];
                assert!(value.starts_with('/') || value.starts_with('#'), "{value}");
            }
        }
        assert!(!page("t", Section::Shop, None, "").contains("refresh"));
    }

    #[test]
    fn money_and_badges() {
        assert_eq!(
            money(Money::from_minor(9200, Currency::AZN)),
            "<span class=\"money\"><span class=\"amount\">92.00</span> <span class=\"currency\">AZN</span></span>"
        );
        assert_eq!(
            badge(PaymentState::Declined, Some("status")),
            "<span class=\"badge badge-declined\" id=\"status\" data-state=\"declined\">Declined</span>"
        );
    }
}
