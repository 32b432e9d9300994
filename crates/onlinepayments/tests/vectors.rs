//! The official SDK's vectors (`tests/vectors/onlinepayments.json`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use onlinepayments::Error;
use onlinepayments::authentication::{Authenticator, V1HmacAuthenticator};
use onlinepayments::communication::{MetadataProvider, RequestHeader, quote};
use onlinepayments::webhooks::{InMemorySecretKeyStore, WebhooksHelper};
use serde_json::Value;

fn vectors() -> Value {
    serde_json::from_str(include_str!("vectors/onlinepayments.json")).unwrap()
}

#[test]
fn hmac_vectors() {
    let v = vectors();
    for name in [
        "hmac_official_minimal",
        "hmac_official_full",
        "hmac_post_json",
    ] {
        let case = &v[name];
        let headers: Vec<RequestHeader> = case["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| RequestHeader::new(h[0].as_str().unwrap(), h[1].as_str().unwrap()))
            .collect();
        let auth = V1HmacAuthenticator::new(
            case["key_id"].as_str().unwrap(),
            case["secret"].as_str().unwrap().to_owned().into(),
        )
        .unwrap();
        let method = case["method"].as_str().unwrap();
        let url = case["url"].as_str().unwrap();
        assert_eq!(
            auth.to_data_to_sign(method, url, &headers).unwrap(),
            case["string_to_sign"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(
            auth.get_authorization(method, url, &headers).unwrap(),
            case["authorization"].as_str().unwrap(),
            "{name}"
        );
    }
}

#[test]
fn server_meta_info_layout() {
    let case = &vectors()["server_meta_info_integrator_only"];
    let provider = MetadataProvider::builder(case["integrator"].as_str().unwrap())
        .platform_identifier(case["platform_identifier_forced"].as_str().unwrap())
        .sdk_identifier("PythonServerSDK/v10.3.0")
        .sdk_creator("OnlinePayments")
        .build()
        .unwrap();
    let header = &provider.metadata_headers()[0];
    assert_eq!(header.name(), "X-GCS-ServerMetaInfo");
    assert_eq!(header.value(), case["header"].as_str().unwrap());
}

#[test]
fn server_meta_info_names_this_sdk() {
    let provider = MetadataProvider::new("ACME", None).unwrap();
    let decoded =
        payments_core::signing::base64_decode(provider.metadata_headers()[0].value()).unwrap();
    let text = String::from_utf8(decoded).unwrap();
    assert!(
        text.contains(&format!(
            "\"sdkIdentifier\": \"RustServerSDK/v{}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "{text}"
    );
    assert!(text.contains("\"sdkCreator\": \"payments-sdk-rs\""));
    assert!(text.contains("Rust"));
    assert!(!text.contains("Python"));
}

#[test]
fn query_quote_vectors() {
    for (input, expected) in vectors()["query_quote"].as_object().unwrap() {
        assert_eq!(quote(input), expected.as_str().unwrap(), "{input}");
    }
}

fn webhook_helper(case: &Value) -> WebhooksHelper {
    let store = InMemorySecretKeyStore::new();
    store
        .store_secret_key(
            case["key_id"].as_str().unwrap(),
            case["secret"].as_str().unwrap(),
        )
        .unwrap();
    WebhooksHelper::new(store)
}

#[test]
fn webhook_vectors() {
    let v = vectors();
    let case = &v["webhook_custom"];
    let helper = webhook_helper(case);
    let body = case["body"].as_str().unwrap().as_bytes();
    let headers = [
        RequestHeader::new("X-GCS-Signature", case["signature"].as_str().unwrap()),
        RequestHeader::new("X-GCS-KeyId", case["key_id"].as_str().unwrap()),
    ];
    let event = helper.unmarshal(body, &headers).unwrap();
    assert_eq!(event.api_version.as_deref(), Some("v1"));
    let value = serde_json::to_value(&event).unwrap();
    assert_eq!(value["type"], case["event_type"]);
    assert_eq!(value["payment"]["status"], case["payment_status"]);

    // a wrong signature: the signature with one more character in front
    let bad = format!("1{}", case["signature"].as_str().unwrap());
    let headers = [
        RequestHeader::new("X-GCS-Signature", &bad),
        RequestHeader::new("X-GCS-KeyId", "key-1"),
    ];
    let err = helper.unmarshal(body, &headers).unwrap_err();
    assert!(matches!(err, Error::SignatureValidationException(_)));
    let expected = v["wh_bad_signature"].as_str().unwrap();
    assert_eq!(format!("SignatureValidationException '{err}' "), expected);

    let headers = [
        RequestHeader::new("X-GCS-Signature", "x"),
        RequestHeader::new("X-GCS-KeyId", "nope"),
    ];
    match helper.unmarshal(body, &headers).unwrap_err() {
        Error::SecretKeyNotAvailableException(e) => {
            assert_eq!(
                format!(
                    "SecretKeyNotAvailableException '{e}' {{'key_id': '{}'}}",
                    e.key_id
                ),
                v["wh_unknown_key"].as_str().unwrap()
            );
        }
        other => panic!("{other:?}"),
    }
}
