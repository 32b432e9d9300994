//! Small helpers shared by the sandboxes.

use std::sync::{Mutex, MutexGuard, PoisonError};

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{SecondsFormat, Utc};
use serde_json::Value;

use crate::record::RecordedRequest;

/// Locks a mutex, ignoring poisoning (the sandbox state stays usable).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Current time as RFC 3339 with microseconds and `+00:00`.
pub(crate) fn now_iso() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, false)
}

/// A JSON response.
pub(crate) fn json(status: StatusCode, value: &Value) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// An HTML response.
pub(crate) fn html(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// A `303 See Other` to `url`, or a page with a link if `url` is not a valid header value.
pub(crate) fn redirect(url: &str) -> Response {
    match HeaderValue::from_str(url) {
        Ok(location) => {
            let mut response = Response::new(Body::from(format!("Redirecting to {url}")));
            *response.status_mut() = StatusCode::SEE_OTHER;
            response.headers_mut().insert(header::LOCATION, location);
            response
        }
        Err(_) => html(
            StatusCode::OK,
            crate::page::message_page("Payment finished", &format!("Continue at {url}")),
        ),
    }
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

/// Builds a [`RecordedRequest`] from the parts of an incoming request.
pub(crate) fn record(
    method: &axum::http::Method,
    uri: &axum::http::Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> RecordedRequest {
    RecordedRequest {
        method: method.as_str().to_owned(),
        path: uri.path().to_owned(),
        query: uri.query().map(str::to_owned),
        headers: headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.to_vec(),
        received_at: Utc::now(),
    }
}

/// Path segments of a request path (empty segments dropped), percent-decoded.
pub(crate) fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
    fn helpers() {
        assert_eq!(major_amount(1295, "EUR"), "12.95");
        assert_eq!(major_amount(5, "EUR"), "0.05");
        assert_eq!(major_amount(100, "JPY"), "100");
        assert_eq!(major_amount(-1001, "KWD"), "-1.001");
        assert_eq!(segments("/v1/orders/a%20b/"), vec!["v1", "orders", "a b"]);
        assert_eq!(segments("/x/%zz"), vec!["x", "%zz"]);
        assert_eq!(
            with_query("http://h/r?x=1", &[("order_id", "a b")]),
            "http://h/r?x=1&order_id=a+b"
        );
        assert_eq!(with_query("not a url", &[("a", "b")]), "not a url");
    }
}
