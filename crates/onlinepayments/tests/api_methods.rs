//! Every one of the 56 API calls against a mock server: method, path (with
//! percent-encoded path values), query, body bytes, the v1HMAC signature recomputed from
//! the received request, the typed response and the error mapping of the method's error
//! type.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod support;

use onlinepayments::communication::{ParamRequest, query_string};
use onlinepayments::domain;
use support::{Server, pretty};

const MERCHANT: &str = "M 1/ü";
const MERCHANT_ENC: &str = "M%201%2F%C3%BC";
const ID: &str = "id/1?x#y";
const ID_ENC: &str = "id%2F1%3Fx%23y";
const PRODUCT: i32 = 302;

/// Calls one method with a default body and query and checks the request it sent.
macro_rules! method_test {
    ($test:ident, $acc:ident . $method:ident ( $($arg:expr),* ) [$($q:ty)?] [$($b:ty)?] -> $resp:tt,
     $verb:literal, $path:expr, $error:ident) => {
        #[tokio::test]
        async fn $test() {
            let response_body = method_test!(@body $resp);
            let server = Server::start(if response_body.is_empty() { 204 } else { 200 }, Some("application/json"), response_body).await;
            let client = server.client();
            $( let query = <$q>::default(); )?
            $( let body = <$b>::default(); )?
            let result = client
                .merchant(MERCHANT)
                .$acc()
                .$method($($arg,)* $(method_test!(@ref query $q),)? $(method_test!(@ref body $b),)? None)
                .await
                .unwrap();
            method_test!(@check_resp $resp, result);
            let rec = server.last();
            assert_eq!(rec.method, $verb);
            assert_eq!(rec.path(), $path);
            let expected_query: Option<String> = method_test!(@query $($q)?);
            assert_eq!(rec.query().map(str::to_owned), expected_query);
            let expected_body: String = method_test!(@json $($b)?);
            let sent = if rec.header("content-encoding") == Some("gzip") { support::gunzip(&rec.body) } else { String::from_utf8(rec.body.clone()).unwrap() };
            assert_eq!(sent, expected_body);
            assert_eq!(rec.header("content-type").is_some(), !expected_body.is_empty());
            rec.assert_signed();

            // the error mapping of this method's error type
            let server = Server::start(400, Some("application/json"), r#"{"errorId":"E1","errors":[{"errorCode":"21000020","id":"X"}]}"#).await;
            let err = server
                .client()
                .merchant(MERCHANT)
                .$acc()
                .$method($($arg,)* $(method_test!(@ref query $q),)? $(method_test!(@ref body $b),)? None)
                .await
                .unwrap_err();
            method_test!(@check_err $error, err);
        }
    };
    (@ref $name:ident $t:ty) => { &$name };
    (@query) => { None };
    (@query $q:ty) => { Some(query_string(&<$q>::default().to_request_parameters())).filter(|q| !q.is_empty()) };
    (@json) => { String::new() };
    (@json $b:ty) => { pretty(&<$b>::default()) };
    (@body ()) => { "" };
    (@body $t:ident) => { "{}" };
    (@check_resp (), $r:ident) => { let () = $r; };
    (@check_resp $t:ident, $r:ident) => {
        let typed: domain::$t = $r;
        assert_eq!(serde_json::to_value(&typed).unwrap(), serde_json::to_value(domain::$t::default()).unwrap());
    };
    (@check_err ProblemDetailsResponse, $e:ident) => {
        assert!(matches!($e, onlinepayments::Error::ProblemDetailsException(_)), "{:?}", $e);
        assert_eq!($e.status_code(), Some(400));
    };
    (@check_err $other:ident, $e:ident) => {
        match &$e {
            onlinepayments::Error::ValidationException(e) => {
                assert_eq!(e.error_id.as_deref(), Some("E1"));
                assert_eq!(e.errors.len(), 1);
                assert_eq!(e.errors[0].error_code.as_deref(), Some("21000020"));
            }
            other => panic!("{other:?}"),
        }
    };
}

method_test!(captures_get_captures, captures.get_captures(ID) [] [] -> CapturesResponse, "GET", format!("/v2/{}/payments/{}/captures", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(cof_series_import_cof_series, cof_series.import_cof_series() [] [domain::ImportCofSeriesRequest] -> ImportCofSeriesResponse, "POST", format!("/v2/{}/tokens/importCofSeries", MERCHANT_ENC), ErrorResponse);
method_test!(complete_complete_payment, complete.complete_payment(ID) [] [domain::CompletePaymentRequest] -> CompletePaymentResponse, "POST", format!("/v2/{}/payments/{}/complete", MERCHANT_ENC, ID_ENC), PaymentErrorResponse);
method_test!(hosted_checkout_create_hosted_checkout, hosted_checkout.create_hosted_checkout() [] [domain::CreateHostedCheckoutRequest] -> CreateHostedCheckoutResponse, "POST", format!("/v2/{}/hostedcheckouts", MERCHANT_ENC), ErrorResponse);
method_test!(hosted_checkout_get_hosted_checkout, hosted_checkout.get_hosted_checkout(ID) [] [] -> GetHostedCheckoutResponse, "GET", format!("/v2/{}/hostedcheckouts/{}", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(hosted_fields_create_hosted_fields_session, hosted_fields.create_hosted_fields_session() [] [domain::CreateHostedFieldsSessionRequest] -> CreateHostedFieldsSessionResponse, "POST", format!("/v2/{}/hostedfields/sessions", MERCHANT_ENC), ErrorResponse);
method_test!(hosted_fields_get_hosted_fields_session, hosted_fields.get_hosted_fields_session(ID) [] [] -> GetHostedFieldsSessionResponse, "GET", format!("/v2/{}/hostedfields/sessions/{}", MERCHANT_ENC, ID_ENC), ProblemDetailsResponse);
method_test!(hosted_tokenization_create_hosted_tokenization, hosted_tokenization.create_hosted_tokenization() [] [domain::CreateHostedTokenizationRequest] -> CreateHostedTokenizationResponse, "POST", format!("/v2/{}/hostedtokenizations", MERCHANT_ENC), ErrorResponse);
method_test!(hosted_tokenization_get_hosted_tokenization, hosted_tokenization.get_hosted_tokenization(ID) [] [] -> GetHostedTokenizationResponse, "GET", format!("/v2/{}/hostedtokenizations/{}", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(mandates_create_mandate, mandates.create_mandate() [] [domain::CreateMandateRequest] -> CreateMandateResponse, "POST", format!("/v2/{}/mandates", MERCHANT_ENC), ErrorResponse);
method_test!(mandates_get_mandate, mandates.get_mandate(ID) [] [] -> GetMandateResponse, "GET", format!("/v2/{}/mandates/{}", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(mandates_block_mandate, mandates.block_mandate(ID) [] [] -> GetMandateResponse, "POST", format!("/v2/{}/mandates/{}/block", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(mandates_unblock_mandate, mandates.unblock_mandate(ID) [] [] -> GetMandateResponse, "POST", format!("/v2/{}/mandates/{}/unblock", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(mandates_revoke_mandate, mandates.revoke_mandate(ID) [] [domain::RevokeMandateRequest] -> GetMandateResponse, "POST", format!("/v2/{}/mandates/{}/revoke", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(merchant_batch_submit_batch, merchant_batch.submit_batch() [] [domain::SubmitBatchRequestBody] -> SubmitBatchResponse, "POST", format!("/v2/{}/merchant-batches", MERCHANT_ENC), ErrorResponse);
method_test!(merchant_batch_process_batch, merchant_batch.process_batch(ID) [] [] -> (), "POST", format!("/v2/{}/merchant-batches/{}/process", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(merchant_batch_get_batch_status, merchant_batch.get_batch_status(ID) [] [] -> GetBatchStatusResponse, "GET", format!("/v2/{}/merchant-batches/{}", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(merchant_batch_get_payments_report, merchant_batch.get_payments_report(ID) [onlinepayments::merchant::merchantbatch::GetPaymentsReportParams] [] -> PaymentsReportResponse, "GET", format!("/v2/{}/merchant-batches/{}/reports/payments", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(payment_links_share, payment_links.share(ID) [] [domain::SharePaymentLinkRequest] -> (), "POST", format!("/v2/{}/paymentlinks/{}/share", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(payment_links_create_payment_link, payment_links.create_payment_link() [] [domain::CreatePaymentLinkRequest] -> PaymentLinkResponse, "POST", format!("/v2/{}/paymentlinks", MERCHANT_ENC), ErrorResponse);
method_test!(payment_links_get_payment_links_by_merchant_group_id, payment_links.get_payment_links_by_merchant_group_id(ID) [] [domain::GetPaymentLinksByMerchantGroupRequest] -> PaymentLinkOverviewResponse, "POST", format!("/v2/merchant-groups/{}/paymentlinks/search", ID_ENC), ErrorResponse);
method_test!(payment_links_get_payment_link_by_id, payment_links.get_payment_link_by_id(ID) [] [] -> PaymentLinkResponse, "GET", format!("/v2/{}/paymentlinks/{}", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(payment_links_cancel_payment_link_by_id, payment_links.cancel_payment_link_by_id(ID) [] [] -> (), "POST", format!("/v2/{}/paymentlinks/{}/cancel", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(payments_create_payment, payments.create_payment() [] [domain::CreatePaymentRequest] -> CreatePaymentResponse, "POST", format!("/v2/{}/payments", MERCHANT_ENC), PaymentErrorResponse);
method_test!(payments_get_payment, payments.get_payment(ID) [] [] -> PaymentResponse, "GET", format!("/v2/{}/payments/{}", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(payments_get_payment_details, payments.get_payment_details(ID) [] [] -> PaymentDetailsResponse, "GET", format!("/v2/{}/payments/{}/details", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(payments_cancel_payment, payments.cancel_payment(ID) [] [domain::CancelPaymentRequest] -> CancelPaymentResponse, "POST", format!("/v2/{}/payments/{}/cancel", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(payments_capture_payment, payments.capture_payment(ID) [] [domain::CapturePaymentRequest] -> CaptureResponse, "POST", format!("/v2/{}/payments/{}/capture", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(payments_refund_payment, payments.refund_payment(ID) [] [domain::RefundRequest] -> RefundResponse, "POST", format!("/v2/{}/payments/{}/refund", MERCHANT_ENC, ID_ENC), RefundErrorResponse);
method_test!(payouts_create_payout, payouts.create_payout() [] [domain::CreatePayoutRequest] -> PayoutResponse, "POST", format!("/v2/{}/payouts", MERCHANT_ENC), PayoutErrorResponse);
method_test!(payouts_get_payout, payouts.get_payout(ID) [] [] -> PayoutResponse, "GET", format!("/v2/{}/payouts/{}", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(pre_authorization_increment_authorization, pre_authorization.increment_authorization(ID) [] [domain::IncrementAuthorizationRequest] -> IncrementAuthorizationResponse, "POST", format!("/v2/{}/payments/{}/increment-authorization", MERCHANT_ENC, ID_ENC), PaymentErrorResponse);
method_test!(pre_authorization_add_authorization_details, pre_authorization.add_authorization_details(ID) [] [domain::UpdateAuthorizationAdditionalDataRequest] -> AddAuthorizationDetailsResponse, "POST", format!("/v2/{}/payments/{}/authorization-additional-data", MERCHANT_ENC, ID_ENC), PaymentErrorResponse);
method_test!(privacy_policy_get_privacy_policy, privacy_policy.get_privacy_policy() [onlinepayments::merchant::privacypolicy::GetPrivacyPolicyParams] [] -> GetPrivacyPolicyResponse, "GET", format!("/v2/{}/services/privacypolicy", MERCHANT_ENC), ErrorResponse);
method_test!(product_groups_get_product_groups, product_groups.get_product_groups() [onlinepayments::merchant::productgroups::GetProductGroupsParams] [] -> GetPaymentProductGroupsResponse, "GET", format!("/v2/{}/productgroups", MERCHANT_ENC), ErrorResponse);
method_test!(product_groups_get_product_group, product_groups.get_product_group(ID) [onlinepayments::merchant::productgroups::GetProductGroupParams] [] -> PaymentProductGroup, "GET", format!("/v2/{}/productgroups/{}", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(products_get_payment_products, products.get_payment_products() [onlinepayments::merchant::products::GetPaymentProductsParams] [] -> GetPaymentProductsResponse, "GET", format!("/v2/{}/products", MERCHANT_ENC), ErrorResponse);
method_test!(products_get_payment_product, products.get_payment_product(PRODUCT) [onlinepayments::merchant::products::GetPaymentProductParams] [] -> PaymentProduct, "GET", format!("/v2/{}/products/{}", MERCHANT_ENC, PRODUCT), ErrorResponse);
method_test!(products_get_payment_product_networks, products.get_payment_product_networks(PRODUCT) [onlinepayments::merchant::products::GetPaymentProductNetworksParams] [] -> PaymentProductNetworksResponse, "GET", format!("/v2/{}/products/{}/networks", MERCHANT_ENC, PRODUCT), ErrorResponse);
method_test!(products_get_product_directory, products.get_product_directory(PRODUCT) [onlinepayments::merchant::products::GetProductDirectoryParams] [] -> ProductDirectory, "GET", format!("/v2/{}/products/{}/directory", MERCHANT_ENC, PRODUCT), ErrorResponse);
method_test!(products_create_payment_product_session, products.create_payment_product_session(PRODUCT) [] [domain::PaymentProductSessionRequest] -> PaymentProductSessionResponse, "POST", format!("/v2/{}/products/{}/sessions", MERCHANT_ENC, PRODUCT), ErrorResponse);
method_test!(refunds_get_refunds, refunds.get_refunds(ID) [] [] -> RefundsResponse, "GET", format!("/v2/{}/payments/{}/refunds", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(services_test_connection, services.test_connection() [] [] -> TestConnection, "GET", format!("/v2/{}/services/testconnection", MERCHANT_ENC), ErrorResponse);
method_test!(services_get_iin_details, services.get_iin_details() [] [domain::GetIINDetailsRequest] -> GetIINDetailsResponse, "POST", format!("/v2/{}/services/getIINdetails", MERCHANT_ENC), ErrorResponse);
method_test!(services_get_dcc_rate_inquiry, services.get_dcc_rate_inquiry() [] [domain::CurrencyConversionRequest] -> CurrencyConversionResponse, "POST", format!("/v2/{}/services/dccrate", MERCHANT_ENC), ErrorResponse);
method_test!(services_surcharge_calculation, services.surcharge_calculation() [] [domain::CalculateSurchargeRequest] -> CalculateSurchargeResponse, "POST", format!("/v2/{}/services/surchargecalculation", MERCHANT_ENC), ErrorResponse);
method_test!(sessions_create_session, sessions.create_session() [] [domain::SessionRequest] -> SessionResponse, "POST", format!("/v2/{}/sessions", MERCHANT_ENC), ErrorResponse);
method_test!(subsequent_subsequent_payment, subsequent.subsequent_payment(ID) [] [domain::SubsequentPaymentRequest] -> SubsequentPaymentResponse, "POST", format!("/v2/{}/payments/{}/subsequent", MERCHANT_ENC, ID_ENC), PaymentErrorResponse);
method_test!(tokenization_create_certificate, tokenization.create_certificate() [] [domain::CsrRequest] -> CreateCertificateResponse, "POST", format!("/v2/{}/detokenize/csr", MERCHANT_ENC), ErrorResponse);
method_test!(tokenization_get_card_data_by_tokens, tokenization.get_card_data_by_tokens() [onlinepayments::merchant::tokenization::GetCardDataByTokensParams] [] -> DetokenizationResponse, "GET", format!("/v2/{}/detokenize/tokens", MERCHANT_ENC), ErrorResponse);
method_test!(tokenization_get_card_data_by_payments, tokenization.get_card_data_by_payments() [onlinepayments::merchant::tokenization::GetCardDataByPaymentsParams] [] -> DetokenizationResponse, "GET", format!("/v2/{}/detokenize/payments", MERCHANT_ENC), ErrorResponse);
method_test!(tokens_create_token, tokens.create_token() [] [domain::CreateTokenRequest] -> CreatedTokenResponse, "POST", format!("/v2/{}/tokens", MERCHANT_ENC), ErrorResponse);
method_test!(tokens_get_token, tokens.get_token(ID) [] [] -> TokenResponse, "GET", format!("/v2/{}/tokens/{}", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(tokens_delete_token, tokens.delete_token(ID) [] [] -> (), "DELETE", format!("/v2/{}/tokens/{}", MERCHANT_ENC, ID_ENC), ErrorResponse);
method_test!(webhooks_validate_webhook_credentials, webhooks.validate_webhook_credentials() [] [domain::ValidateCredentialsRequest] -> ValidateCredentialsResponse, "POST", format!("/v2/{}/webhooks/validateCredentials", MERCHANT_ENC), ErrorResponse);
method_test!(webhooks_send_test_webhook, webhooks.send_test_webhook() [] [domain::SendTestRequest] -> (), "POST", format!("/v2/{}/webhooks/sendtest", MERCHANT_ENC), ErrorResponse);
