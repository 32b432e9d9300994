//! Online Payments parity: URL building and v1HMAC signing on generated requests, the
//! server meta info header, webhook validation, and body and header obfuscation,
//! official `onlinepayments-sdk-python3` against `onlinepayments`.

use std::path::Path;

use ::onlinepayments::Error;
use ::onlinepayments::authentication::{Authenticator, V1HmacAuthenticator};
use ::onlinepayments::communication::{
    ApiEndpoint, MetadataProvider, RequestHeader, RequestParam, query_string,
};
use ::onlinepayments::log::{BodyObfuscator, HeaderObfuscator, obfuscate_with_fixed_length};
use ::onlinepayments::webhooks::{InMemorySecretKeyStore, WebhooksHelper};
use serde_json::Value;

use super::{Summary, run_script};

const SEED: &str = "6";
const COUNT: &str = "1500";

fn s<'a>(case: &'a Value, key: &str) -> Result<&'a str, String> {
    case.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("missing {key}"))
}

fn pairs(case: &Value, key: &str) -> Result<Vec<(String, String)>, String> {
    case.get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| format!("missing {key}"))?
        .iter()
        .map(|p| {
            match (
                p.get(0).and_then(Value::as_str),
                p.get(1).and_then(Value::as_str),
            ) {
                (Some(n), Some(v)) => Ok((n.to_owned(), v.to_owned())),
                _ => Err(format!("bad pair in {key}")),
            }
        })
        .collect()
}

pub(crate) fn check(python: &Path) -> Result<Summary, String> {
    // `ONLINEPAYMENTS_PARITY="seed count"` runs a different or larger set.
    let custom = std::env::var("ONLINEPAYMENTS_PARITY").unwrap_or_default();
    let mut args: Vec<&str> = custom.split_whitespace().collect();
    if args.is_empty() {
        args = vec![SEED, COUNT];
    }
    let cases = run_script(python, "onlinepayments.py", &args)?;
    let mut summary = Summary::new("onlinepayments");
    for (i, case) in cases.iter().enumerate() {
        let kind = case.get("kind").and_then(Value::as_str).unwrap_or("?");
        let result = match kind {
            "hmac" => check_hmac(case, &mut summary),
            "meta" => check_meta(case, &mut summary),
            "webhook" => check_webhook(case, &mut summary),
            "body" => check_body(case, &mut summary),
            "header" => check_header(case, &mut summary),
            other => Err(format!("unknown kind {other:?}")),
        };
        if let Err(e) = result {
            summary.record(Some(format!("case {i} ({kind}): {e}")));
        }
    }
    Ok(summary)
}

fn check_hmac(case: &Value, summary: &mut Summary) -> Result<(), String> {
    let endpoint = ApiEndpoint::parse(s(case, "endpoint")?).map_err(|e| e.to_string())?;
    let params: Vec<RequestParam> = pairs(case, "params")?
        .into_iter()
        .map(|(n, v)| RequestParam::new(n, v))
        .collect();
    let mut url = format!("{}{}", endpoint.as_url(), s(case, "path")?);
    if !params.is_empty() {
        url.push('?');
        url.push_str(&query_string(&params));
    }
    let python_url = s(case, "url")?;
    // the Python endpoint keeps the host's case; compare from the path on
    summary.compare("hmac url", &python_url.to_owned(), &url);
    let headers: Vec<RequestHeader> = pairs(case, "headers")?
        .into_iter()
        .map(|(n, v)| RequestHeader::new(n, v))
        .collect();
    let auth = V1HmacAuthenticator::new(s(case, "key_id")?, s(case, "secret")?.to_owned().into())
        .map_err(|e| e.to_string())?;
    let method = s(case, "method")?;
    let sts = auth
        .to_data_to_sign(method, &url, &headers)
        .map_err(|e| e.to_string())?;
    summary.compare(
        "string to sign",
        &s(case, "string_to_sign")?.to_owned(),
        &sts,
    );
    let authorization = auth
        .get_authorization(method, &url, &headers)
        .map_err(|e| e.to_string())?;
    summary.compare(
        "authorization",
        &s(case, "authorization")?.to_owned(),
        &authorization,
    );
    Ok(())
}

fn check_meta(case: &Value, summary: &mut Summary) -> Result<(), String> {
    let mut builder = MetadataProvider::builder(s(case, "integrator")?)
        .platform_identifier(s(case, "platform")?)
        .sdk_identifier("PythonServerSDK/v10.3.0")
        .sdk_creator("OnlinePayments");
    if let Some(ext) = case.get("extension").filter(|e| e.is_object()) {
        let ext = serde_json::from_value(ext.clone()).map_err(|e| e.to_string())?;
        builder = builder.shopping_cart_extension(ext);
    }
    for (n, v) in pairs(case, "extra")? {
        builder = builder.additional_request_header(n, v);
    }
    let provider = builder.build().map_err(|e| e.to_string())?;
    let rust: Vec<(String, String)> = provider
        .metadata_headers()
        .iter()
        .map(|h| (h.name().to_owned(), h.value().to_owned()))
        .collect();
    summary.compare("metadata headers", &pairs(case, "headers")?, &rust);
    Ok(())
}

fn outcome_of(result: Result<::onlinepayments::domain::WebhooksEvent, Error>) -> Value {
    match result {
        Ok(event) => {
            let v = serde_json::to_value(&event).unwrap_or_default();
            serde_json::json!({"ok": true, "id": v.get("id"), "type": v.get("type")})
        }
        Err(e) => {
            let (class, message) = match &e {
                Error::SignatureValidationException(_) => {
                    ("SignatureValidationException", Some(e.to_string()))
                }
                Error::SecretKeyNotAvailableException(_) => {
                    ("SecretKeyNotAvailableException", Some(e.to_string()))
                }
                Error::ApiVersionMismatchException(m) => {
                    // Python crashes with a TypeError on a missing apiVersion: compare the class only
                    (
                        "ApiVersionMismatchException",
                        m.event_api_version.as_ref().map(|_| e.to_string()),
                    )
                }
                Error::MarshallerSyntaxException(_) => {
                    ("MarshallerSyntaxException", Some(e.to_string()))
                }
                _ => ("other", Some(e.to_string())),
            };
            serde_json::json!({"ok": false, "class": class, "message": message})
        }
    }
}

fn check_webhook(case: &Value, summary: &mut Summary) -> Result<(), String> {
    let store = InMemorySecretKeyStore::new();
    store
        .store_secret_key(s(case, "key_id")?, s(case, "secret")?)
        .map_err(|e| e.to_string())?;
    let helper = WebhooksHelper::new(store);
    let headers: Vec<RequestHeader> = pairs(case, "headers")?
        .into_iter()
        .map(|(n, v)| RequestHeader::new(n, v))
        .collect();
    let rust = outcome_of(helper.unmarshal(s(case, "body")?.as_bytes(), &headers));
    let python = case.get("outcome").cloned().unwrap_or_default();
    summary.compare("webhook outcome", &python, &rust);
    Ok(())
}

fn check_body(case: &Value, summary: &mut Summary) -> Result<(), String> {
    let obfuscator = match case.get("custom_fixed3").and_then(Value::as_str) {
        Some(name) => BodyObfuscator::new([(name, obfuscate_with_fixed_length(3))]),
        None => BodyObfuscator::default(),
    };
    let rust = obfuscator.obfuscate_body(s(case, "body")?);
    summary.compare(
        "body obfuscation",
        &s(case, "obfuscated")?.to_owned(),
        &rust,
    );
    Ok(())
}

fn check_header(case: &Value, summary: &mut Summary) -> Result<(), String> {
    let rust = HeaderObfuscator::default().obfuscate_header(s(case, "name")?, s(case, "value")?);
    summary.compare(
        "header obfuscation",
        &s(case, "obfuscated")?.to_owned(),
        &rust,
    );
    Ok(())
}
