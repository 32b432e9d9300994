#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `mandates()` through the Rust SDK: create, get, block, unblock and revoke with their status
//! rules, the signing page of an `SMS` mandate, the control transitions and the reset.

mod op_common;

use onlinepayments::domain::{CreateMandateRequest, RevokeMandateRequest};
use op_common::{failure, http, merchant, req, sandbox};
use payments_core::http::{HttpRequest, Method};
use payments_testkit::{SandboxError, Transition};
use serde_json::{Value, json};

fn mandate_request(reference: &str, signature: &str) -> Value {
    json!({
        "alias": "Test Mandate",
        "customer": {
            "bankAccountIban": {"iban": "BE45000253450589"},
            "companyName": "BEL Labs",
            "contactDetails": {"emailAddress": "wile.e.coyote@acmelabs.com"},
            "mandateAddress": {"city": "Brussels", "countryCode": "BE", "houseNumber": "3", "street": "Da Vincilaan", "zip": "1930"},
            "personalInformation": {"name": {"firstName": "Jane", "surname": "Doe"}, "title": "Mrs"},
        },
        "customerReference": "CUST123",
        "recurrenceType": "RECURRING",
        "returnUrl": "https://shop.example/mandate-signed",
        "signatureType": signature,
        "uniqueMandateReference": reference,
    })
}

#[tokio::test]
async fn a_mandate_is_blocked_unblocked_and_revoked_by_the_status_rules() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let mandates = m.mandates();
    let created = mandates
        .create_mandate(&req(mandate_request("MANDATE-1", "UNSIGNED")), None)
        .await
        .unwrap();
    assert!(created.merchant_action.is_none());
    let mandate = created.mandate.unwrap();
    assert_eq!(
        (mandate.status.as_deref(), mandate.alias.as_deref()),
        (Some("ACTIVE"), Some("Test Mandate"))
    );
    assert_eq!(mandate.customer_reference.as_deref(), Some("CUST123"));
    assert_eq!(mandate.recurrence_type.as_deref(), Some("RECURRING"));
    let iban = mandate.customer.unwrap().bank_account_iban.unwrap().iban;
    assert_eq!(iban.as_deref(), Some("BE45000253450589"));

    let got = mandates.get_mandate("MANDATE-1", None).await.unwrap();
    assert_eq!(got.mandate.unwrap().status.as_deref(), Some("ACTIVE"));
    let status = |r: onlinepayments::domain::GetMandateResponse| r.mandate.unwrap().status.unwrap();
    let blocked = mandates.block_mandate("MANDATE-1", None).await.unwrap();
    assert_eq!(status(blocked), "BLOCKED");
    // Only an ACTIVE mandate can be blocked, only a BLOCKED one unblocked.
    let e = mandates.block_mandate("MANDATE-1", None).await.unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("ACTION_NOT_ALLOWED_ON_TARGET".into()),
            None
        )
    );
    let unblocked = mandates.unblock_mandate("MANDATE-1", None).await.unwrap();
    assert_eq!(status(unblocked), "ACTIVE");
    let e = mandates
        .unblock_mandate("MANDATE-1", None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 400);

    let reason: RevokeMandateRequest = req(json!({"revocationReason": "userAction"}));
    let revoked = mandates
        .revoke_mandate("MANDATE-1", &reason, None)
        .await
        .unwrap();
    assert_eq!(status(revoked), "REVOKED");
    // Revoked is final.
    for e in [
        mandates
            .revoke_mandate("MANDATE-1", &reason, None)
            .await
            .unwrap_err(),
        mandates.block_mandate("MANDATE-1", None).await.unwrap_err(),
        mandates
            .unblock_mandate("MANDATE-1", None)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(
            failure(&e).2.as_deref(),
            Some("ACTION_NOT_ALLOWED_ON_TARGET")
        );
    }
    let got = mandates.get_mandate("MANDATE-1", None).await.unwrap();
    assert_eq!(status(got), "REVOKED");

    // A blocked mandate can be revoked too.
    mandates
        .create_mandate(&req(mandate_request("MANDATE-2", "TICK_BOX")), None)
        .await
        .unwrap();
    mandates.block_mandate("MANDATE-2", None).await.unwrap();
    let revoked = mandates
        .revoke_mandate("MANDATE-2", &RevokeMandateRequest::default(), None)
        .await
        .unwrap();
    assert_eq!(status(revoked), "REVOKED");
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_mandates_and_invalid_requests_get_the_platform_errors() {
    let sb = sandbox(None).await;
    let mandates = merchant(&sb).mandates();
    for e in [
        mandates
            .get_mandate("INVALID123456", None)
            .await
            .unwrap_err(),
        mandates
            .block_mandate("INVALID123456", None)
            .await
            .unwrap_err(),
        mandates
            .unblock_mandate("INVALID123456", None)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(
            failure(&e),
            (
                "ReferenceException",
                404,
                Some("UNKNOWN_RESOURCE".into()),
                None
            )
        );
    }
    // Revoking an unknown mandate is a 400 on the platform, not a 404.
    let e = mandates
        .revoke_mandate("INVALID123456", &RevokeMandateRequest::default(), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 400);

    let mut bad_iban = mandate_request("M-IBAN", "UNSIGNED");
    bad_iban["customer"]["bankAccountIban"]["iban"] = json!("INVALID");
    let mut no_return = mandate_request("M-SMS", "SMS");
    no_return.as_object_mut().unwrap().remove("returnUrl");
    let mut bad_recurrence = mandate_request("M-REC", "UNSIGNED");
    bad_recurrence["recurrenceType"] = json!("SOMETIMES");
    let long = "M".repeat(36);
    let cases = [
        (bad_iban, "INVALID_VALUE", "customer.bankAccountIban.iban"),
        (no_return, "PARAMETER_NOT_FOUND_IN_REQUEST", "returnUrl"),
        (bad_recurrence, "INVALID_VALUE", "recurrenceType"),
        (
            mandate_request(&long, "UNSIGNED"),
            "INVALID_VALUE",
            "uniqueMandateReference",
        ),
    ];
    for (body, id, property) in cases {
        let request: CreateMandateRequest = req(body);
        let e = mandates.create_mandate(&request, None).await.unwrap_err();
        assert_eq!(
            failure(&e),
            (
                "ValidationException",
                400,
                Some(id.into()),
                Some(property.into())
            )
        );
    }
    let e = mandates
        .revoke_mandate(
            "INVALID123456",
            &req(json!({"revocationReason": "because"})),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("revocationReason"));
    // The same reference twice.
    let request: CreateMandateRequest = req(mandate_request("M-ONCE", "UNSIGNED"));
    mandates.create_mandate(&request, None).await.unwrap();
    let e = mandates.create_mandate(&request, None).await.unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("uniqueMandateReference"));
    sb.shutdown().await;
}

#[tokio::test]
async fn an_sms_mandate_waits_for_the_customer_on_the_signing_page() {
    let sb = sandbox(None).await;
    let mandates = merchant(&sb).mandates();
    let created = mandates
        .create_mandate(&req(mandate_request("M-SIGN", "SMS")), None)
        .await
        .unwrap();
    assert_eq!(created.mandate.unwrap().status.as_deref(), Some("CREATED"));
    let action = created.merchant_action.unwrap();
    assert_eq!(action.action_type.as_deref(), Some("REDIRECT"));
    let data = action.redirect_data.unwrap();
    let mac = data.returnmac.unwrap();
    let url = data.redirect_url.unwrap();
    assert_eq!(url, format!("{}/mandatesigning/M-SIGN", sb.base_url()));
    // A CREATED mandate cannot be blocked yet.
    let e = mandates.block_mandate("M-SIGN", None).await.unwrap_err();
    assert_eq!(failure(&e).1, 400);

    let page = http(HttpRequest::new(Method::Get, url.clone())).await;
    assert_eq!(page.status, 200);
    assert!(page.text_lossy().contains("M-SIGN"));
    let signed = http(HttpRequest::new(Method::Post, format!("{url}/sign"))).await;
    assert_eq!(signed.status, 303);
    let location = signed.header("location").unwrap();
    assert!(location.starts_with("https://shop.example/mandate-signed?"));
    assert!(location.contains(&format!("RETURNMAC={mac}")));
    assert!(location.contains("uniqueMandateReference=M-SIGN"));
    let got = mandates.get_mandate("M-SIGN", None).await.unwrap();
    assert_eq!(got.mandate.unwrap().status.as_deref(), Some("ACTIVE"));
    // Signed once: the page is closed.
    let again = http(HttpRequest::new(Method::Post, format!("{url}/sign"))).await;
    assert_eq!(again.status, 409);
    sb.shutdown().await;
}

#[tokio::test]
async fn control_transitions_sign_refuse_and_expire_mandates_and_reset_forgets_them() {
    let sb = sandbox(None).await;
    let mandates = merchant(&sb).mandates();
    for reference in ["C-1", "C-2"] {
        mandates
            .create_mandate(&req(mandate_request(reference, "AIS")), None)
            .await
            .unwrap();
    }
    let signed = sb.force_transition("C-1", Transition::Pay).await.unwrap();
    assert_eq!(
        (signed.status.as_str(), signed.notification),
        ("ACTIVE", None)
    );
    let refused = sb
        .force_transition("C-2", Transition::Decline)
        .await
        .unwrap();
    assert_eq!(refused.status, "REVOKED");
    // Signing is only for a CREATED mandate; a revoked one cannot expire.
    let e = sb
        .force_transition("C-1", Transition::Pay)
        .await
        .unwrap_err();
    assert!(matches!(e, SandboxError::InvalidState(_)), "{e:?}");
    let e = sb
        .force_transition("C-2", Transition::Expire)
        .await
        .unwrap_err();
    assert!(matches!(e, SandboxError::InvalidState(_)), "{e:?}");
    let expired = sb
        .force_transition("C-1", Transition::Expire)
        .await
        .unwrap();
    assert_eq!(expired.status, "EXPIRED");
    let e = sb
        .force_transition("C-1", Transition::Chargeback)
        .await
        .unwrap_err();
    assert!(matches!(e, SandboxError::InvalidState(_)), "{e:?}");
    let e = mandates.block_mandate("C-1", None).await.unwrap_err();
    assert_eq!(failure(&e).1, 400);

    // Over HTTP, as any language drives it.
    let over_http = http(HttpRequest::new(
        Method::Post,
        format!("{}/__sandbox/payments/C-1/pay", sb.base_url()),
    ))
    .await;
    assert_eq!(over_http.status, 409);
    let reset = http(HttpRequest::new(
        Method::Post,
        format!("{}/__sandbox/reset", sb.base_url()),
    ))
    .await;
    assert_eq!(reset.status, 200);
    let e = mandates.get_mandate("C-1", None).await.unwrap_err();
    assert_eq!(failure(&e).1, 404);
    sb.shutdown().await;
}
