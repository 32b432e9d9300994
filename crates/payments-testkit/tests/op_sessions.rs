#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! Client sessions and the client API, hosted tokenization and hosted fields sessions
//! through the Rust SDK; their pages tokenize test cards, and payments accept the result.

mod op_common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use onlinepayments::Error;
use onlinepayments::domain::{
    CreateHostedFieldsSessionRequest, CreateHostedTokenizationRequest, CreatePaymentRequest,
    SessionRequest,
};
use op_common::{
    client_api, failure, http, json_of, merchant, merchant_as, req, sandbox, session, token_of,
};
use payments_core::http::{HttpRequest, Method};
use payments_testkit::onlinepayments::jwe::SANDBOX_KEY_ID;
use payments_testkit::{SandboxError, TestCard};
use serde_json::json;
use sha2::{Digest, Sha384};

#[tokio::test]
async fn sessions_point_at_the_client_api_and_list_invalid_tokens() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let empty = session(&m, &[]).await;
    assert_eq!(
        empty.client_api_url.as_deref(),
        Some(format!("{}/client", sb.base_url()).as_str())
    );
    assert_eq!(
        empty.asset_url.as_deref(),
        Some(format!("{}/assets/", sb.base_url()).as_str())
    );
    assert_eq!(empty.client_session_id.as_ref().unwrap().len(), 32);
    assert!(empty.customer_id.as_deref().unwrap().contains('-'));
    assert_eq!(empty.invalid_tokens.as_deref(), Some(&[][..]));
    // The catalogue's logos are served below assetUrl.
    let asset_url = empty.asset_url.clone().unwrap();
    let logo = http(HttpRequest::new(
        Method::Get,
        format!("{asset_url}templates/master/global/css/img/ppimages/pp_logo_1_v1.png"),
    ))
    .await;
    assert_eq!(
        (logo.status, logo.header("content-type")),
        (200, Some("image/svg+xml"))
    );
    assert!(logo.text_lossy().contains(">Visa<"));
    let missing = http(HttpRequest::new(
        Method::Get,
        format!("{asset_url}templates/nothing.png"),
    ))
    .await;
    assert_eq!(missing.status, 404);

    let token = token_of(&m, TestCard::VisaSuccess.number()).await;
    let s = session(&m, &[&token, "65468465464646", "easgudasdas"]).await;
    assert_eq!(s.invalid_tokens.unwrap(), ["65468465464646", "easgudasdas"]);

    let eleven: Vec<String> = (0..11).map(|i| format!("token{i}")).collect();
    let e = m
        .sessions()
        .create_session(&req::<SessionRequest>(json!({ "tokens": eleven })), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("INVALID_VALUE".into()),
            Some("tokens".into())
        )
    );
    let e = merchant_as(&sb, "OTHER")
        .sessions()
        .create_session(&SessionRequest::default(), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).1, 403);
    sb.shutdown().await;
}

#[tokio::test]
async fn the_client_api_serves_the_public_key_and_the_catalogue_of_a_session() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let token = token_of(&m, TestCard::VisaSuccess.number()).await;
    let s = session(&m, &[&token]).await;

    let key = http(client_api(&s, Method::Get, "v1", "crypto/publickey")).await;
    assert_eq!(key.status, 200);
    assert!(
        key.header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    let key = json_of(&key);
    assert_eq!(key["keyId"], SANDBOX_KEY_ID);
    let der = STANDARD.decode(key["publicKey"].as_str().unwrap()).unwrap();
    assert_eq!(der[0], 0x30, "a DER SubjectPublicKeyInfo");

    // The session's token is an account on file of its product.
    let products = http(client_api(
        &s,
        Method::Get,
        "v1",
        "products?countryCode=NL&currencyCode=EUR",
    ))
    .await;
    let products = json_of(&products);
    let visa = &products["paymentProducts"][0];
    assert_eq!(visa["id"], 1);
    assert_eq!(visa["accountsOnFile"][0]["id"], token.as_str());
    assert_eq!(
        visa["accountsOnFile"][0]["attributes"][0]["value"],
        "************1111"
    );
    assert!(
        products["paymentProducts"][1]
            .get("accountsOnFile")
            .is_none()
    );
    let hidden = http(client_api(
        &s,
        Method::Get,
        "v1",
        "products/1?countryCode=NL&hide=accountsOnFile",
    ))
    .await;
    assert!(json_of(&hidden).get("accountsOnFile").is_none());
    let networks = http(client_api(
        &s,
        Method::Get,
        "v1",
        "products/302/networks?countryCode=NL",
    ))
    .await;
    assert_eq!(json_of(&networks)["networks"][0], "Visa");
    let iin = http(
        client_api(&s, Method::Post, "v1", "services/getIINdetails").body(r#"{"bin":"371449"}"#),
    )
    .await;
    assert_eq!(json_of(&iin)["paymentProductId"], 2);
    let body = json!({"amountOfMoney": {"amount": 1000, "currencyCode": "EUR"}, "cardSource": {"token": token}});
    let surcharge = http(
        client_api(&s, Method::Post, "v1", "services/surchargeCalculation").body(body.to_string()),
    )
    .await;
    assert_eq!(
        json_of(&surcharge)["surcharges"][0]["surchargeAmount"]["amount"],
        12
    );
    let body = json!({"cardSource": {"token": token}, "transaction": {"amount": {"amount": 1000, "currencyCode": "EUR"}}});
    let dcc =
        http(client_api(&s, Method::Post, "v2", "services/dccrate").body(body.to_string())).await;
    assert_eq!(json_of(&dcc)["result"]["result"], "Allowed");

    // No session, an unknown one, another customer's path.
    let url = format!(
        "{}/v1/{}/crypto/publickey",
        s.client_api_url.as_deref().unwrap(),
        s.customer_id.as_deref().unwrap()
    );
    let anonymous = http(HttpRequest::new(Method::Get, url.clone())).await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(
        json_of(&anonymous)["errors"][0]["id"],
        "MISSING_OR_INVALID_AUTHORIZATION"
    );
    let unknown =
        http(HttpRequest::new(Method::Get, url).header("Authorization", "GCS v1Client:0123")).await;
    assert_eq!(unknown.status, 401);
    let other = session(&m, &[]).await;
    let mut crossed = other.clone();
    crossed.customer_id = s.customer_id.clone();
    let crossed = http(client_api(&crossed, Method::Get, "v1", "crypto/publickey")).await;
    assert_eq!(crossed.status, 403);
    let bad_query = http(client_api(&s, Method::Get, "v1", "products")).await;
    assert_eq!(bad_query.status, 400);
    sb.shutdown().await;
}

fn hosted_tokenization(body: serde_json::Value) -> CreateHostedTokenizationRequest {
    req(body)
}

#[tokio::test]
async fn hosted_tokenization_page_tokenizes_a_test_card() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let ht = m.hosted_tokenization();
    let known = token_of(&m, TestCard::MastercardSuccess.number()).await;
    let created = ht
        .create_hosted_tokenization(
            &hosted_tokenization(json!({"askConsumerConsent": true, "locale": "en_US", "tokens": format!("{known},firstInvalidToken,secondInvalidToken")})),
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        created.invalid_tokens.unwrap(),
        ["firstInvalidToken", "secondInvalidToken"]
    );
    assert_eq!(created.expired_card_tokens.as_deref(), Some(&[][..]));
    let id = created.hosted_tokenization_id.unwrap();
    let url = created.hosted_tokenization_url.unwrap();
    assert_eq!(url, format!("{}/hostedtokenization/{id}", sb.base_url()));
    #[allow(deprecated)]
    let partial = created.partial_redirect_url.unwrap();
    assert_eq!(Some(partial.as_str()), url.strip_prefix("http://"));

    // The page is served; its SRI hash is that of the bytes served.
    let page = http(HttpRequest::new(Method::Get, url.clone())).await;
    assert_eq!(page.status, 200);
    assert!(page.text_lossy().contains("name=\"card_number\""));
    let sri = format!("sha384-{}", STANDARD.encode(Sha384::digest(&page.body)));
    assert_eq!(created.sri.as_deref(), Some(sri.as_str()));

    // Nothing yet; then the customer submits a Visa test card on the form.
    let before = ht.get_hosted_tokenization(&id, None).await.unwrap();
    assert!(before.token.is_none() && before.token_status.is_none());
    let form = http(
        HttpRequest::new(Method::Post, format!("{url}/tokenize"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(format!("card_number={}", TestCard::VisaSuccess.number())),
    )
    .await;
    assert_eq!(form.status, 200, "{}", form.text_lossy());
    let after = ht.get_hosted_tokenization(&id, None).await.unwrap();
    assert_eq!(after.token_status.as_deref(), Some("CREATED"));
    let token = after.token.unwrap();
    assert_eq!(token.payment_product_id, Some(1));
    let card = token.card.unwrap();
    assert_eq!(card.alias.as_deref(), Some("************1111"));
    let closed = http(HttpRequest::new(Method::Get, url.clone())).await;
    assert!(closed.text_lossy().contains("closed"));
    assert!(matches!(
        sb.tokenize_hosted(&url, TestCard::VisaSuccess),
        Err(SandboxError::InvalidState(_))
    ));

    // A payment with the hosted tokenization id is made with that card.
    let payment: CreatePaymentRequest = req(json!({
        "hostedTokenizationId": id,
        "order": {"amountOfMoney": {"amount": 1500, "currencyCode": "EUR"}},
    }));
    let paid = m.payments().create_payment(&payment, None).await.unwrap();
    let output = paid.payment.unwrap().payment_output.unwrap();
    let card_output = output.card_payment_method_specific_output.unwrap();
    assert_eq!(card_output.token.as_deref(), token.id.as_deref());
    assert_eq!(
        card_output.card.unwrap().card_number.as_deref(),
        Some("************1111")
    );

    // The same card again: the existing token, UNCHANGED.
    let again = ht
        .create_hosted_tokenization(&CreateHostedTokenizationRequest::default(), None)
        .await
        .unwrap();
    let again_id = again.hosted_tokenization_id.unwrap();
    let same = sb
        .tokenize_hosted(&again_id, TestCard::VisaSuccess)
        .unwrap();
    assert_eq!(Some(same.as_str()), token.id.as_deref());
    let status = ht.get_hosted_tokenization(&again_id, None).await.unwrap();
    assert_eq!(status.token_status.as_deref(), Some("UNCHANGED"));
    sb.shutdown().await;
}

#[tokio::test]
async fn hosted_tokenization_errors_and_filters() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let ht = m.hosted_tokenization();
    let e = ht
        .create_hosted_tokenization(
            &hosted_tokenization(json!({"locale": "invalid_locale"})),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("INVALID_VALUE".into()),
            Some("locale".into())
        )
    );
    let e = ht
        .get_hosted_tokenization("invalid_id_12345", None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).0, "ReferenceException");

    // Only Mastercard: a Visa is refused on the page, a Mastercard accepted.
    let only_mc = ht
        .create_hosted_tokenization(
            &hosted_tokenization(
                json!({"paymentProductFilters": {"restrictTo": {"products": [3]}}}),
            ),
            None,
        )
        .await
        .unwrap();
    let id = only_mc.hosted_tokenization_id.unwrap();
    assert!(matches!(
        sb.tokenize_hosted(&id, TestCard::VisaSuccess),
        Err(SandboxError::Rejected(_))
    ));
    let refused = http(
        HttpRequest::new(
            Method::Post,
            format!("{}/tokenize", only_mc.hosted_tokenization_url.unwrap()),
        )
        .body("card_number=4111111111111111"),
    )
    .await;
    assert_eq!(refused.status, 400);
    assert!(matches!(
        sb.tokenize_hosted(&id, TestCard::VisaSuccess),
        Err(SandboxError::Rejected(_))
    ));
    assert!(sb.tokenize_hosted(&id, TestCard::MastercardSuccess).is_ok());
    assert!(matches!(
        sb.tokenize_hosted("unknown", TestCard::VisaSuccess),
        Err(SandboxError::NotFound(_))
    ));
    assert!(matches!(
        sb.tokenize_hosted_with_number(
            &ht.create_hosted_tokenization(&CreateHostedTokenizationRequest::default(), None)
                .await
                .unwrap()
                .hosted_tokenization_id
                .unwrap(),
            "4111111111111112"
        ),
        Err(SandboxError::Rejected(_))
    ));

    // A payment through a session whose card was not entered yet.
    let open = ht
        .create_hosted_tokenization(&CreateHostedTokenizationRequest::default(), None)
        .await
        .unwrap();
    let payment: CreatePaymentRequest = req(json!({
        "hostedTokenizationId": open.hosted_tokenization_id.unwrap(),
        "order": {"amountOfMoney": {"amount": 1500, "currencyCode": "EUR"}},
    }));
    let e = m
        .payments()
        .create_payment(&payment, None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("hostedTokenizationId"));
    sb.shutdown().await;
}

fn fields(body: serde_json::Value) -> CreateHostedFieldsSessionRequest {
    req(body)
}

#[tokio::test]
async fn hosted_fields_sessions() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let hf = m.hosted_fields();
    let known = token_of(&m, TestCard::VisaSuccess.number()).await;
    let created = hf
        .create_hosted_fields_session(
            &fields(json!({"locale": "nl_NL", "tokens": [known, "nope"]})),
            None,
        )
        .await
        .unwrap();
    let data = created.session_data.unwrap();
    let id = data.hosted_fields_session_id.unwrap();
    assert_eq!(data.locale.as_deref(), Some("nl_NL"));
    assert_eq!(data.platform_url.as_deref(), Some(sb.base_url()));
    assert_eq!(data.tokens.unwrap(), std::slice::from_ref(&known));
    assert_eq!(data.session_token.unwrap().split('.').count(), 3, "a JWT");
    assert_eq!(created.invalid_tokens.unwrap(), ["nope"]);
    let card_token = &created.card_tokens.unwrap()[0];
    assert_eq!(card_token.masked_pan.as_deref(), Some("************1111"));
    assert_eq!(card_token.product_name.as_deref(), Some("Visa"));
    let sdk_url = created.sdk_url.unwrap();
    let page = http(HttpRequest::new(Method::Get, sdk_url.clone())).await;
    assert!(page.text_lossy().contains("Voer uw kaart in"));
    let sri = format!("sha384-{}", STANDARD.encode(Sha384::digest(&page.body)));
    assert_eq!(created.sdk_sri.as_deref(), Some(sri.as_str()));

    let open = hf.get_hosted_fields_session(&id, None).await.unwrap();
    assert_eq!(open.session_id.as_deref(), Some(id.as_str()));
    assert!(open.token.is_none());
    let token = sb
        .tokenize_hosted(&sdk_url, TestCard::MastercardSuccess)
        .unwrap();
    let done = hf
        .get_hosted_fields_session(&id, None)
        .await
        .unwrap()
        .token
        .unwrap();
    assert_eq!(done.token_id.as_deref(), Some(token.as_str()));
    assert_eq!(done.masked_pan.as_deref(), Some("*********0037"));
    assert_eq!(done.expiry_date.as_deref(), Some("1230"));

    let payment: CreatePaymentRequest = req(json!({
        "hostedFieldsSessionId": id,
        "order": {"amountOfMoney": {"amount": 700, "currencyCode": "EUR"}},
    }));
    let paid = m.payments().create_payment(&payment, None).await.unwrap();
    let card = paid
        .payment
        .unwrap()
        .payment_output
        .unwrap()
        .card_payment_method_specific_output
        .unwrap();
    assert_eq!(card.payment_product_id, Some(3));

    // Locale: missing or empty is 400, malformed is 422; an unknown session is problem details.
    for body in [json!({}), json!({"locale": ""})] {
        let e = hf
            .create_hosted_fields_session(&fields(body), None)
            .await
            .unwrap_err();
        assert_eq!(failure(&e).0, "ValidationException");
    }
    let e = hf
        .create_hosted_fields_session(&fields(json!({"locale": "invalid-locale"})), None)
        .await
        .unwrap_err();
    assert_eq!(failure(&e).0, "ApiException");
    assert_eq!(failure(&e).1, 422);
    let e = hf
        .get_hosted_fields_session("invalid-session-id", None)
        .await
        .unwrap_err();
    let Error::ProblemDetailsException(problem) = e else {
        panic!("{e:?}");
    };
    assert_eq!(problem.api.status_code, 404);
    let details = problem.response.unwrap();
    assert_eq!(details.status, Some(404));
    assert!(
        details
            .instance
            .unwrap()
            .ends_with("/hostedfields/sessions/invalid-session-id")
    );
    sb.shutdown().await;
}
