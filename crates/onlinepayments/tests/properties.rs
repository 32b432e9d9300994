//! Property tests: response handling and webhook reading never panic on arbitrary input,
//! and header canonicalisation behaves like Python's.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::sync::Arc;

use async_trait::async_trait;
use onlinepayments::communication::{RequestHeader, canonicalize_header_value, is_python_space};
use onlinepayments::domain::CreatePaymentRequest;
use onlinepayments::log::BodyObfuscator;
use onlinepayments::webhooks::{InMemorySecretKeyStore, WebhooksHelper};
use onlinepayments::{CallContext, CommunicatorConfiguration, Factory};
use payments_core::http::{HttpRequest, HttpResponse, Transport, TransportError};
use proptest::prelude::*;

struct Fixed(HttpResponse);

#[async_trait]
impl Transport for Fixed {
    async fn send(&self, _: HttpRequest) -> Result<HttpResponse, TransportError> {
        Ok(self.0.clone())
    }
}

fn configuration() -> CommunicatorConfiguration {
    CommunicatorConfiguration::builder()
        .api_endpoint("https://h.example")
        .api_key_id("k")
        .secret_api_key("s")
        .integrator("i")
        .build()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn responses_never_panic(
        status in 100u16..600,
        body in proptest::collection::vec(any::<u8>(), 0..200),
        json_like in "\\{(\"[a-zA-Z]{1,12}\":(\"[^\"]{0,8}\"|[0-9]{1,4}|null|\\[\\]|\\{\\}),?){0,5}\\}",
        content_type in proptest::option::of(prop_oneof![
            Just("application/json".to_owned()), Just("text/html".to_owned()), Just("application/problem+json".to_owned()), "[a-z/+;= ]{0,20}"
        ]),
        timestamp in proptest::option::of("[0-9a-z]{0,20}"),
        use_json in any::<bool>(),
    ) {
        let mut response = HttpResponse::new(status, if use_json { json_like.into_bytes() } else { body });
        if let Some(ct) = content_type { response = response.with_header("Content-Type", ct); }
        if let Some(ts) = timestamp { response = response.with_header("X-GCS-Idempotence-Request-Timestamp", ts); }
        let client = Factory::create_client_from_configuration(&configuration(), None, Some(Arc::new(Fixed(response))), None).unwrap();
        // paused: retry waits pass at once
        let runtime = tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap();
        let context = CallContext::new().with_idempotence_key("k");
        runtime.block_on(async {
            let m = client.merchant("M");
            let _ = m.payments().create_payment(&CreatePaymentRequest::default(), Some(&context)).await;
            let _ = m.payments().get_payment("P", None).await;
            let _ = m.hosted_fields().get_hosted_fields_session("S", None).await;
            let _ = m.tokens().delete_token("T", None).await;
        });
    }

    #[test]
    fn webhooks_never_panic(
        body in proptest::collection::vec(any::<u8>(), 0..300),
        signature in "[A-Za-z0-9+/=]{0,50}",
        key in "[a-z]{0,4}",
        extra in proptest::option::of(("[A-Za-z-]{1,20}", ".{0,10}")),
        sign_correctly in any::<bool>(),
    ) {
        let store = InMemorySecretKeyStore::new();
        store.store_secret_key("ab", "secret").unwrap();
        let helper = WebhooksHelper::new(store);
        let signature = if sign_correctly {
            payments_core::signing::base64_encode(&payments_core::signing::hmac_sha256(b"secret", &body))
        } else { signature };
        let mut headers = vec![RequestHeader::new("X-GCS-Signature", signature), RequestHeader::new("x-gcs-keyid", key)];
        if let Some((n, v)) = extra { headers.push(RequestHeader::new(n, v)); }
        let _ = helper.unmarshal(&body, &headers);
    }

    #[test]
    fn obfuscation_never_panics(body in ".{0,200}", json in "\\{(\"(cvv|cardNumber|bin|keyId|x)\": ?(\"[^\"]{0,6}\"|[0-9a-z]{0,5}|''),? ?){0,5}\\}") {
        let o = BodyObfuscator::default();
        let _ = o.obfuscate_body(&body);
        let out = o.obfuscate_body(&json);
        prop_assert!(!out.contains("cvv\": \"1"));
    }

    #[test]
    fn canonicalisation(value in "[a-z \\t\\r\\n\u{1c}\u{a0}\u{2028}]{0,30}") {
        let c = canonicalize_header_value(&value);
        prop_assert!(!c.contains('\n'));
        prop_assert!(!c.starts_with(is_python_space) && !c.ends_with(is_python_space));
    }
}
