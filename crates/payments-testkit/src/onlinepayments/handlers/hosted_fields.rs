//! `HostedFieldsClient`: `create_hosted_fields_session`, `get_hosted_fields_session`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use payments_core::signing::hmac_sha256;
use serde_json::{Value, json};

use super::JsonBody;
use crate::cards::mask_last4;
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::catalogue::{self, bins::product_of};
use crate::onlinepayments::input::{is_http_url, is_locale, missing, str_list};
use crate::onlinepayments::render::{Reply, api_error, invalid, ok};
use crate::onlinepayments::sessions::{
    HostedSession, PageKind, product_filter, split_tokens, token,
};
use crate::onlinepayments::tokenize_page::{page_sri, page_url};

/// `sessionToken`: an HS256 JWT (signed with the secret API key) naming the session.
fn session_token(inner: &Inner, id: &str) -> String {
    let now = Utc::now().timestamp();
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = json!({"sub": id, "iss": inner.config.merchant_id, "iat": now, "exp": now + 3600});
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signing_input = format!("{header}.{payload}");
    let signature = hmac_sha256(
        inner.config.secret_api_key.as_bytes(),
        signing_input.as_bytes(),
    );
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// `POST /v2/{merchantId}/hostedfields/sessions`: the session, its page (`sdkUrl`) and the
/// given tokens as `cardTokens`; unknown tokens in `invalidTokens`. A missing or empty
/// `locale` is `400`; a locale that is not `ll_CC` is `422`, as the platform answers.
pub(in crate::onlinepayments) async fn create_hosted_fields_session(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    let locale = match body.get("locale") {
        None | Some(Value::Null) => return missing("locale"),
        Some(Value::String(l)) if l.is_empty() => return missing("locale"),
        Some(Value::String(l)) if is_locale(l) => l.clone(),
        Some(_) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Reply(
                status,
                Some(api_error(
                    status,
                    "1002",
                    "INVALID_VALUE",
                    "locale is not a valid locale",
                    Some("locale"),
                )),
            );
        }
    };
    if let Some(origin) = body.get("origin").filter(|o| !o.is_null())
        && !origin.as_str().is_some_and(is_http_url)
    {
        return invalid("origin", "origin is not an http(s) URL");
    }
    let tokens = match str_list(&body, "tokens") {
        Ok(t) => t,
        Err(r) => return r,
    };
    let mut store = lock(&inner.store);
    let (valid, invalid_tokens) = split_tokens(&store, &tokens);
    let card_tokens: Vec<Value> = valid
        .iter()
        .filter_map(|id| token(&store, id))
        .map(|t| {
            let product = product_of(&t.card_number);
            let mut v = json!({
                "logoUrl": format!("{}/assets/{}", inner.core.base_url, catalogue::logo(product)),
                "maskedPan": mask_last4(&t.card_number),
                "paymentProductId": product,
                "productName": catalogue::product(product).map_or("", |p| p.label),
                "token": t.id,
            });
            if let Some(m) = v.as_object_mut() {
                if let Some(e) = &t.expiry_date {
                    m.insert("expiryDate".into(), json!(e));
                }
                if let Some(h) = &t.cardholder_name {
                    m.insert("cardholderName".into(), json!(h));
                }
            }
            v
        })
        .collect();
    let session = HostedSession {
        kind: PageKind::Fields,
        id: uuid::Uuid::new_v4().simple().to_string(),
        locale: Some(locale.clone()),
        filter: product_filter(body.get("paymentProductFilters")),
        token: None,
    };
    let response = json!({
        "cardTokens": card_tokens,
        "hostedFieldsSessionId": session.id,
        "invalidTokens": invalid_tokens,
        "sdkSri": page_sri(&session),
        "sdkUrl": page_url(&inner, PageKind::Fields, &session.id),
        "sessionData": {
            "hostedFieldsSessionId": session.id,
            "locale": locale,
            "platformUrl": inner.core.base_url,
            "sessionToken": session_token(&inner, &session.id),
            "tokens": valid,
        },
    });
    store.sessions.hosted.push(session);
    ok(response)
}

/// A `ProblemDetailsResponse` (`application/problem+json`).
fn problem(status: StatusCode, detail: &str, instance: &str) -> Response {
    let body = json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or_default(),
        "status": status.as_u16(),
        "detail": detail,
        "instance": instance,
    });
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

/// `GET /v2/{merchantId}/hostedfields/sessions/{sessionId}`: `sessionId`, and the `token`
/// once the customer has entered a card. An unknown session is a `404` problem details
/// response.
pub(in crate::onlinepayments) async fn get_hosted_fields_session(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Response {
    let id = params.get("sessionId");
    let store = lock(&inner.store);
    let Some(session) = store.sessions.hosted(PageKind::Fields, id) else {
        let instance = format!(
            "/v2/{}/hostedfields/sessions/{id}",
            inner.config.merchant_id
        );
        return problem(
            StatusCode::NOT_FOUND,
            "No hosted fields session has this id",
            &instance,
        );
    };
    let mut v = json!({"sessionId": session.id});
    if let (Some(t), Some(m)) = (
        session
            .token
            .as_ref()
            .and_then(|(tid, _)| token(&store, tid)),
        v.as_object_mut(),
    ) {
        let mut info =
            json!({"isTemporary": false, "maskedPan": mask_last4(&t.card_number), "tokenId": t.id});
        if let (Some(e), Some(i)) = (&t.expiry_date, info.as_object_mut()) {
            i.insert("expiryDate".into(), json!(e));
        }
        m.insert("token".into(), info);
    }
    ok(v).into_response()
}
