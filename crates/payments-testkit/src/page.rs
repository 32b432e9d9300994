//! The HTML of the hosted payment pages.

use crate::cards::TestCard;

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// What a checkout page shows.
pub(crate) struct Checkout<'a> {
    pub provider: &'a str,
    pub amount: &'a str,
    pub currency: &'a str,
    pub description: &'a str,
    /// Form target (POST, field `card_number`).
    pub action: &'a str,
    /// Extra hidden fields.
    pub hidden: &'a [(&'a str, &'a str)],
    /// Optional cancel form target (POST).
    pub cancel_action: Option<&'a str>,
}

/// A small checkout form: amount, description, card number input, Pay button.
pub(crate) fn checkout_page(c: &Checkout<'_>) -> String {
    let hidden: String = c
        .hidden
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape(k),
                escape(v)
            )
        })
        .collect();
    let cards: String = TestCard::ALL
        .iter()
        .map(|card| {
            format!(
                "<li><code>{}</code> ({:?})</li>",
                card.number(),
                card.outcome()
            )
        })
        .collect();
    let cancel = c.cancel_action.map_or(String::new(), |a| {
        format!(
            "<form method=\"post\" action=\"{}\">{hidden}<button type=\"submit\" id=\"cancel\">Cancel</button></form>",
            escape(a)
        )
    });
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{provider} sandbox checkout</title></head>\n\
<body><main>\n<h1>{provider} sandbox checkout</h1>\n\
<p class=\"amount\"><span id=\"amount\">{amount}</span> <span id=\"currency\">{currency}</span></p>\n\
<p id=\"description\">{description}</p>\n\
<form method=\"post\" action=\"{action}\">{hidden}\
<label for=\"card_number\">Card number</label> <input id=\"card_number\" name=\"card_number\" autocomplete=\"cc-number\" required> \
<button type=\"submit\" id=\"pay\">Pay</button></form>\n{cancel}\n\
<details><summary>Test cards</summary><ul>{cards}</ul></details>\n</main></body></html>\n",
        provider = escape(c.provider),
        amount = escape(c.amount),
        currency = escape(c.currency),
        description = escape(c.description),
        action = escape(c.action),
    )
}

/// A page with a title and one message.
pub(crate) fn message_page(title: &str, message: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\n\
<body><main><h1>{t}</h1><p id=\"message\">{m}</p></main></body></html>\n",
        t = escape(title),
        m = escape(message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_renders() {
        assert_eq!(
            escape("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        let page = checkout_page(&Checkout {
            provider: "P",
            amount: "12.95",
            currency: "EUR",
            description: "<b>",
            action: "/pay",
            hidden: &[("id", "1")],
            cancel_action: Some("/cancel"),
        });
        assert!(page.contains("12.95"));
        assert!(page.contains("&lt;b&gt;"));
        assert!(page.contains("name=\"card_number\""));
        assert!(page.contains("/cancel"));
    }
}
