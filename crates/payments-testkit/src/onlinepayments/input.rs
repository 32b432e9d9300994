//! Request input as the platform checks it: query parameters, required members and the
//! formats of country and currency codes, locales, amounts and URLs. Every refusal is the
//! platform's `400` with the offending `propertyName`.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde_json::Value;

use super::render::{Reply, api_error, invalid};
use super::state::get;

/// `400 PARAMETER_NOT_FOUND_IN_REQUEST` (`20000000`) on `property`.
pub(super) fn missing(property: &str) -> Reply {
    let status = StatusCode::BAD_REQUEST;
    Reply(
        status,
        Some(api_error(
            status,
            "20000000",
            "PARAMETER_NOT_FOUND_IN_REQUEST",
            &format!("{property} is missing"),
            Some(property),
        )),
    )
}

/// The query string, decoded into ordered pairs (a parameter may repeat, as `hide` does).
#[derive(Debug, Default)]
pub(super) struct QueryParams(Vec<(String, String)>);

impl QueryParams {
    /// Pairs of a raw query string.
    pub(super) fn parse(raw: &str) -> QueryParams {
        QueryParams(
            url::form_urlencoded::parse(raw.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The last value of `name`.
    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name`, in order.
    pub(super) fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// `name` as a non-negative integer, if present.
    pub(super) fn amount(&self, name: &str) -> Result<Option<i64>, Reply> {
        self.get(name)
            .map(|v| {
                v.parse::<i64>()
                    .ok()
                    .filter(|a| *a >= 0)
                    .ok_or_else(|| invalid(name, &format!("{name} must be a non-negative integer")))
            })
            .transpose()
    }

    /// `name` as a boolean (`true`/`false` in any case, as the SDKs write them), if present.
    pub(super) fn boolean(&self, name: &str) -> Result<Option<bool>, Reply> {
        self.get(name)
            .map(|v| match v.to_ascii_lowercase().as_str() {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(invalid(name, &format!("{name} must be true or false"))),
            })
            .transpose()
    }

    /// `name` checked with `valid`, if present.
    pub(super) fn checked(
        &self,
        name: &str,
        valid: fn(&str) -> bool,
    ) -> Result<Option<String>, Reply> {
        match self.get(name) {
            Some(v) if valid(v) => Ok(Some(v.to_owned())),
            Some(_) => Err(invalid(name, &format!("{name} is not valid"))),
            None => Ok(None),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(QueryParams::parse(parts.uri.query().unwrap_or_default()))
    }
}

/// An ISO 3166-1 alpha-2 country code (`NL`).
pub(super) fn is_country(v: &str) -> bool {
    v.len() == 2 && v.bytes().all(|b| b.is_ascii_uppercase())
}

/// An ISO 4217 currency code (`EUR`).
pub(super) fn is_currency(v: &str) -> bool {
    v.len() == 3 && v.bytes().all(|b| b.is_ascii_uppercase())
}

/// A locale as the platform takes it: `en_US` (an underscore, a lower-case language and an
/// upper-case country).
pub(super) fn is_locale(v: &str) -> bool {
    matches!(v.split_once('_'), Some((l, c))
        if l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()) && is_country(c))
}

/// An absolute `http` or `https` URL with a host.
pub(super) fn is_http_url(v: &str) -> bool {
    url::Url::parse(v)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

/// The text member at `path` of a body; `missing` when absent or empty, `invalid` when not text.
pub(super) fn required_str(body: &Value, path: &[&str]) -> Result<String, Reply> {
    let property = path.join(".");
    match get(body, path) {
        None | Some(Value::Null) => Err(missing(&property)),
        Some(Value::String(s)) if s.is_empty() => Err(missing(&property)),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(invalid(&property, &format!("{property} must be a string"))),
    }
}

/// The list of text members at `key` (absent or `null`: empty); anything else is `400`.
pub(super) fn str_list(body: &Value, key: &str) -> Result<Vec<String>, Reply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| invalid(&format!("{key}[{i}]"), "must be a string"))
            })
            .collect(),
        Some(_) => Err(invalid(key, &format!("{key} must be a list"))),
    }
}

/// The `{amount, currencyCode}` at `path`: both required, the amount a positive integer.
pub(super) fn money_at(body: &Value, path: &[&str]) -> Result<(i64, String), Reply> {
    let property = path.join(".");
    let Some(money) = get(body, path).filter(|v| v.is_object()) else {
        return Err(missing(&property));
    };
    let amount = match money.get("amount") {
        None | Some(Value::Null) => return Err(missing(&format!("{property}.amount"))),
        Some(v) => v.as_i64().filter(|a| *a > 0).ok_or_else(|| {
            invalid(
                &format!("{property}.amount"),
                "amount must be a positive integer",
            )
        })?,
    };
    let currency = match money.get("currencyCode") {
        None | Some(Value::Null) => return Err(missing(&format!("{property}.currencyCode"))),
        Some(v) => v.as_str().filter(|c| is_currency(c)).ok_or_else(|| {
            invalid(
                &format!("{property}.currencyCode"),
                "currencyCode is not an ISO 4217 code",
            )
        })?,
    };
    Ok((amount, currency.to_owned()))
}

/// The text at `path`, when present, among `allowed`; anything else is `400` on `path`.
pub(super) fn one_of(
    body: &Value,
    path: &[&str],
    allowed: &[&str],
) -> Result<Option<String>, Reply> {
    match get(body, path) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if allowed.contains(&s.as_str()) => Ok(Some(s.clone())),
        Some(_) => {
            let property = path.join(".");
            let message = format!("{property} must be one of {}", allowed.join(", "));
            Err(invalid(&property, &message))
        }
    }
}

/// An expiry date as the platform takes it: `MMYY`.
pub(super) fn is_expiry(v: &str) -> bool {
    v.len() == 4
        && v.bytes().all(|b| b.is_ascii_digit())
        && matches!(v.get(..2).and_then(|m| m.parse::<u8>().ok()), Some(1..=12))
}

/// The card number at `property`: a test card, or 12 to 19 digits that pass the Luhn check;
/// else `400`.
pub(super) fn card_number(number: &str, property: &str) -> Result<String, Reply> {
    let digits: String = number.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let test_card = crate::cards::TestCard::from_number(&digits).is_some();
    if test_card || ((12..=19).contains(&digits.len()) && super::catalogue::bins::luhn(&digits)) {
        Ok(digits)
    } else {
        Err(invalid(
            property,
            &format!("{property} is not a valid card number"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn formats() {
        assert!(is_country("NL") && !is_country("nl") && !is_country("NLD"));
        assert!(is_currency("EUR") && !is_currency("eu") && !is_currency("EURO"));
        assert!(is_locale("en_US") && is_locale("nl_NL"));
        for bad in [
            "invalid_locale",
            "invalid-locale",
            "en-US",
            "en",
            "EN_us",
            "",
        ] {
            assert!(!is_locale(bad), "{bad}");
        }
        assert!(is_http_url("https://example.com/webhook") && is_http_url("http://127.0.0.1:1/x"));
        assert!(!is_http_url("invalid-url") && !is_http_url("ftp://example.com/"));
        assert!(is_expiry("1230") && is_expiry("0126"));
        assert!(!is_expiry("1330") && !is_expiry("123") && !is_expiry("0030"));
        assert_eq!(
            card_number("4111 1111 1111 1111", "c").unwrap(),
            "4111111111111111"
        );
        assert!(card_number("123", "c").is_err() && card_number("4111111111111112", "c").is_err());
    }

    #[test]
    fn query_values() {
        let q = QueryParams::parse("hide=fields&hide=accountsOnFile&amount=5&isRecurring=True");
        assert_eq!(q.all("hide"), ["fields", "accountsOnFile"]);
        assert_eq!(q.amount("amount").unwrap(), Some(5));
        assert_eq!(q.boolean("isRecurring").unwrap(), Some(true));
        assert!(QueryParams::parse("amount=-1").amount("amount").is_err());
        assert!(
            QueryParams::parse("isRecurring=yes")
                .boolean("isRecurring")
                .is_err()
        );
        assert_eq!(q.checked("countryCode", is_country).unwrap(), None);
    }

    #[test]
    fn body_members() {
        let body = json!({"a": {"b": "x", "e": ""}, "m": {"amount": 5, "currencyCode": "EUR"}});
        assert_eq!(required_str(&body, &["a", "b"]).unwrap(), "x");
        assert_eq!(required_str(&body, &["a", "c"]).unwrap_err().0, 400);
        assert!(required_str(&body, &["a", "e"]).is_err());
        assert_eq!(money_at(&body, &["m"]).unwrap(), (5, "EUR".to_owned()));
        assert!(money_at(&json!({"m": {"amount": -5, "currencyCode": "EUR"}}), &["m"]).is_err());
        assert!(str_list(&json!({"t": "x"}), "t").is_err());
        assert_eq!(str_list(&json!({}), "t").unwrap(), Vec::<String>::new());
    }
}
