//! Hosted payment pages: their HTML, the one answer to a page payment, form and URL helpers.

use axum::http::StatusCode;
use axum::response::Response;

use super::cards::TestCard;
use super::error::SandboxError;
use super::outcome::PaymentOutcome;
use super::server::{html, redirect};

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

/// The answer to a form POST on a hosted page: a redirect to the merchant, a result page, or
/// an error page (`404` for an unknown `what`, `409` when the payment is not possible).
pub(crate) fn page_result(result: Result<PaymentOutcome, SandboxError>, what: &str) -> Response {
    match result {
        Ok(outcome) => match &outcome.redirect_url {
            Some(url) => redirect(url),
            None => html(
                StatusCode::OK,
                message_page("Payment finished", &format!("Status: {}", outcome.status)),
            ),
        },
        Err(SandboxError::NotFound(_)) => not_found_page(what),
        Err(e) => html(
            StatusCode::CONFLICT,
            message_page("Payment not possible", &e.to_string()),
        ),
    }
}

/// `200` with the checkout form.
pub(crate) fn checkout_response(c: &Checkout<'_>) -> Response {
    html(StatusCode::OK, checkout_page(c))
}

/// `200` page saying that the `what` (`Order`, `Transaction`, ...) can no longer be paid.
pub(crate) fn closed_page(what: &str, status: &str) -> Response {
    html(
        StatusCode::OK,
        message_page(&format!("{what} closed"), &format!("Status: {status}")),
    )
}

/// `404` page for an unknown `what` (`order`, `transaction`, ...).
pub(crate) fn not_found_page(what: &str) -> Response {
    html(
        StatusCode::NOT_FOUND,
        message_page("Not found", &format!("Unknown {what}")),
    )
}

/// Appends query parameters to a URL (keeps the URL as is if it does not parse).
pub(crate) fn with_query(base: &str, pairs: &[(&str, &str)]) -> String {
    match url::Url::parse(base) {
        Ok(mut u) => {
            {
                let mut q = u.query_pairs_mut();
                for (k, v) in pairs {
                    q.append_pair(k, v);
                }
            }
            u.to_string()
        }
        Err(_) => base.to_owned(),
    }
}

/// Decodes an `application/x-www-form-urlencoded` string into ordered pairs.
pub(crate) fn form_pairs(text: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(text)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The last value of a form field.
pub(crate) fn form_value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The `card_number` field of a posted page form (empty when missing).
pub(crate) fn card_number_field(body: &[u8]) -> String {
    form_value(&form_pairs(body), "card_number")
        .unwrap_or_default()
        .to_owned()
}

/// Minor units as a major-unit string using the currency's exponent (2 when unknown).
pub(crate) fn major_amount(minor: i64, currency: &str) -> String {
    let exponent = payments_core::Currency::from_code(currency).map_or(2, |c| c.exponent());
    if exponent == 0 {
        return minor.to_string();
    }
    let scale_u = 10_u64.pow(u32::from(exponent));
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / scale_u,
        abs % scale_u,
        width = usize::from(exponent)
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

    #[test]
    fn helpers() {
        assert_eq!(major_amount(1295, "EUR"), "12.95");
        assert_eq!(major_amount(5, "EUR"), "0.05");
        assert_eq!(major_amount(100, "JPY"), "100");
        assert_eq!(major_amount(-1001, "KWD"), "-1.001");
        assert_eq!(
            with_query("http://h/r?x=1", &[("order_id", "a b")]),
            "http://h/r?x=1&order_id=a+b"
        );
        assert_eq!(with_query("not a url", &[("a", "b")]), "not a url");
        assert_eq!(card_number_field(b"x=1&card_number=4111+1111"), "4111 1111");
        assert_eq!(card_number_field(b""), "");
    }
}
