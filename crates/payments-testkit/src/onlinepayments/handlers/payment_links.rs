//! `PaymentLinksClient`: `create_payment_link`, `get_payment_link_by_id`,
//! `cancel_payment_link_by_id`, `share`, `get_payment_links_by_merchant_group_id`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::JsonBody;
use super::hosted_checkout::create_checkout;
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::input::{is_country, required_str};
use crate::onlinepayments::render::{
    Reply, err, invalid, link_json, money, not_allowed, not_found, ok,
};
use crate::onlinepayments::state::{OpLink, Store, amount_of, get, get_str, now_millis};

/// `POST /v2/{merchantId}/paymentlinks`: a hosted checkout behind its `redirectionUrl`.
pub(in crate::onlinepayments) async fn create_payment_link(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    create_link(&inner, &body)
}

/// Creates the payment link of a CreatePaymentLinkRequest: `201` PaymentLinkResponse.
pub(in crate::onlinepayments) fn create_link(inner: &Inner, body: &Value) -> Reply {
    let money_path: &[&str] = if get(body, &["paymentLinkOrder", "amount"]).is_some() {
        &["paymentLinkOrder", "amount"]
    } else {
        &["order", "amountOfMoney"]
    };
    let (amount, currency) = match amount_of(body, money_path) {
        Ok(v) => v,
        Err(r) => return r.into(),
    };
    let link_id = uuid::Uuid::new_v4().simple().to_string();
    let mut checkout_request = body.clone();
    if let Some(m) = checkout_request.as_object_mut() {
        m.insert(
            "order".into(),
            json!({"amountOfMoney": money(amount, &currency)}),
        );
    }
    let Reply(status, response) = create_checkout(inner, &checkout_request, Some(&link_id));
    let Some(checkout_id) = response
        .as_ref()
        .and_then(|r| r.get("hostedCheckoutId"))
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return Reply(status, response);
    };
    let mut store = lock(&inner.store);
    let link = OpLink {
        id: link_id,
        checkout_id,
        status: "ACTIVE".to_owned(),
        request: body.clone(),
        amount,
        currency,
        created: now_millis(),
        events: Vec::new(),
    };
    let v = link_json(inner, &store, &link);
    store.links.push(link);
    Reply(StatusCode::CREATED, Some(v))
}

/// `GET /v2/{merchantId}/paymentlinks/{paymentLinkId}`.
pub(in crate::onlinepayments) async fn get_payment_link_by_id(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let store = lock(&inner.store);
    match store
        .links
        .iter()
        .find(|l| l.id == params.get("paymentLinkId"))
    {
        Some(l) => ok(link_json(&inner, &store, l)),
        None => not_found("Payment link"),
    }
}

/// `POST /v2/{merchantId}/paymentlinks/{paymentLinkId}/cancel`: `204` for an `ACTIVE` link.
pub(in crate::onlinepayments) async fn cancel_payment_link_by_id(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let mut store = lock(&inner.store);
    match store
        .links
        .iter_mut()
        .find(|l| l.id == params.get("paymentLinkId"))
    {
        Some(l) if l.status == "ACTIVE" => {
            l.status = "CANCELLED".to_owned();
            l.event("CANCELLED", None);
            Reply(StatusCode::NO_CONTENT, None)
        }
        Some(_) => err(
            StatusCode::BAD_REQUEST,
            "1004",
            "ACTION_NOT_ALLOWED_ON_TARGET",
            "The payment link is not active",
        ),
        None => not_found("Payment link"),
    }
}

/// Link statuses a search can filter on.
const LINK_STATUSES: [&str; 4] = ["ACTIVE", "CANCELLED", "PAID", "EXPIRED"];

/// `POST /v2/{merchantId}/paymentlinks/{paymentLinkId}/share`: sends an `ACTIVE` link to
/// `recipient` by `channel` `EMAIL` (a `SHARED` event with the recipient); `204`.
pub(in crate::onlinepayments) async fn share(
    State(inner): State<Arc<Inner>>,
    params: Params,
    JsonBody(body): JsonBody,
) -> Reply {
    let mut store = lock(&inner.store);
    let Some(link) = store
        .links
        .iter_mut()
        .find(|l| l.id == params.get("paymentLinkId"))
    else {
        return not_found("Payment link");
    };
    let channel = match required_str(&body, &["channel"]) {
        Ok(c) => c,
        Err(r) => return r,
    };
    if !channel.eq_ignore_ascii_case("EMAIL") {
        return invalid("channel", "channel must be EMAIL");
    }
    let recipient = match required_str(&body, &["recipient"]) {
        Ok(r) => r,
        Err(r) => return r,
    };
    let email = recipient
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    if !email {
        return invalid("recipient", "recipient is not an email address");
    }
    if let Some(locale) = get_str(&body, &["locale"]) {
        let valid = matches!(locale.split_once('-'), Some((l, c))
            if l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()) && is_country(c));
        if !valid {
            return invalid("locale", "locale must be language-country, as fr-BE");
        }
    }
    if link.status != "ACTIVE" {
        return not_allowed("Only an ACTIVE payment link can be shared");
    }
    link.event("SHARED", Some(recipient));
    Reply(StatusCode::NO_CONTENT, None)
}

/// The texts of a list at `path` (absent: empty), each among `allowed` when given.
fn text_list(body: &Value, path: &[&str], allowed: Option<&[&str]>) -> Result<Vec<String>, Reply> {
    let property = path.join(".");
    let items = match get(body, path) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(invalid(&property, &format!("{property} must be a list"))),
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| match v.as_str() {
            Some(s) if allowed.is_none_or(|a| a.contains(&s)) => Ok(s.to_owned()),
            _ => Err(invalid(&format!("{property}[{i}]"), "value not allowed")),
        })
        .collect()
}

/// `pagination.<name>` as a positive integer of at most `max`, or `default`.
fn page_number(body: &Value, name: &str, default: i64, max: i64) -> Result<i64, Reply> {
    match get(body, &["pagination", name]) {
        None | Some(Value::Null) => Ok(default),
        Some(v) => v.as_i64().filter(|n| (1..=max).contains(n)).ok_or_else(|| {
            invalid(
                &format!("pagination.{name}"),
                &format!("{name} must be between 1 and {max}"),
            )
        }),
    }
}

/// `POST /v2/merchant-groups/{merchantGroupId}/paymentlinks/search`: the links of the group's
/// merchants (the sandbox's merchant is in every group), filtered by `merchantIds` and
/// `status`, sorted (`creationDate` descending by default) and paged (`page` from 1,
/// `pageSize` 10 by default); PaymentLinkOverviewResponse.
pub(in crate::onlinepayments) async fn get_payment_links_by_merchant_group_id(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    let query = (|| {
        let merchants = text_list(&body, &["filtering", "merchantIds"], None)?;
        let statuses = text_list(&body, &["filtering", "status"], Some(&LINK_STATUSES))?;
        let property = get_str(&body, &["sorting", "sortProperty"]);
        let property = property.as_deref().unwrap_or("creationDate");
        if !["creationDate", "expirationDate", "merchantId", "status"].contains(&property) {
            return Err(invalid("sorting.sortProperty", "unknown sortProperty"));
        }
        let direction = get_str(&body, &["sorting", "sortDirection"]);
        let descending = match direction.as_deref() {
            None | Some("descending") => true,
            Some("ascending") => false,
            Some(_) => {
                let message = "sortDirection must be ascending or descending";
                return Err(invalid("sorting.sortDirection", message));
            }
        };
        let page = page_number(&body, "page", 1, i64::MAX)?;
        let size = page_number(&body, "pageSize", 10, 100)?;
        Ok((
            merchants,
            statuses,
            property.to_owned(),
            descending,
            page,
            size,
        ))
    })();
    let (merchants, statuses, property, descending, page, size) = match query {
        Ok(q) => q,
        Err(r) => return r,
    };
    let merchant = inner.config.merchant_id.clone();
    let store = lock(&inner.store);
    let mut entries: Vec<Value> = store
        .links
        .iter()
        .filter(|_| merchants.is_empty() || merchants.contains(&merchant))
        .filter(|l| statuses.is_empty() || statuses.contains(&l.status))
        .map(|l| overview_entry(&inner, &store, l))
        .collect();
    let key = |e: &Value| {
        e.get(&property)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    entries.sort_by_key(key);
    if descending {
        entries.reverse();
    }
    let total = entries.len();
    let skip = usize::try_from((page - 1).saturating_mul(size)).unwrap_or(usize::MAX);
    let shown: Vec<Value> = entries
        .into_iter()
        .skip(skip)
        .take(usize::try_from(size).unwrap_or(0))
        .collect();
    ok(json!({
        "paymentLinkOverviewEntries": shown,
        "pagination": {"page": page, "pageSize": size},
        "total": total,
    }))
}

/// A `PaymentLinkOverviewEntry`.
fn overview_entry(inner: &Inner, store: &Store, l: &OpLink) -> Value {
    let link = link_json(inner, store, l);
    let mut v = json!({
        "amount": money(l.amount, &l.currency),
        "createdBy": "API",
        "creationDate": l.created,
        "isReusableLink": link.get("isReusableLink"),
        "merchantId": inner.config.merchant_id,
        "paymentLinkId": l.id,
        "redirectionUrl": link.get("redirectionUrl"),
        "status": l.status,
    });
    if let Some(m) = v.as_object_mut() {
        if let Some(r) = get(&link, &["paymentLinkOrder", "merchantReference"]) {
            m.insert("merchantReference".into(), r.clone());
        }
        if let Some(e) = link.get("expirationDate") {
            m.insert("expirationDate".into(), e.clone());
        }
    }
    v
}
