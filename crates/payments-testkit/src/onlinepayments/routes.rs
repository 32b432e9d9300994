//! Every route of the Online Payments sandbox, in one table with the SDK's path templates,
//! and the router built from it: v1HMAC authentication, the merchant check and idempotence
//! are middleware on the API routes.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};

use super::Inner;
use super::assets;
use super::auth::{authenticate, check_auth, check_merchant, require_merchant};
use super::handlers::{
    captures, client_api, cof_series, complete, hosted_checkout, hosted_fields,
    hosted_tokenization, mandates, merchant_batch, payment_links, payments, payouts,
    pre_authorization, privacy_policy, product_groups, products, refunds, services, sessions,
    subsequent, tokenization, tokens, webhooks,
};
use super::idempotency::replay_or_store;
use super::page;
use super::render::not_found;
use super::third_party_page;
use super::tokenize_page;
use crate::common::server::route_table;

// Route tables look alike across providers by design: each line is one route's data.
route_table! {
    /// Every route of the Online Payments sandbox (the [control API](crate::control) aside),
    /// with the path templates of the SDK's `onlinepayments-clients.json`.
    pub const ROUTES;
    fn router(&Arc<Inner>);
    layers: [replay_or_store, require_merchant, authenticate];
    not_allowed: unknown_resource;
    fallback: fallback;
    api POST "/v2/{merchantId}/hostedcheckouts" => hosted_checkout::create_hosted_checkout;
    api GET "/v2/{merchantId}/hostedcheckouts/{hostedCheckoutId}" => hosted_checkout::get_hosted_checkout;
    api POST "/v2/{merchantId}/payments" => payments::create_payment;
    api GET "/v2/{merchantId}/payments/{paymentId}" => payments::get_payment;
    api GET "/v2/{merchantId}/payments/{paymentId}/details" => payments::get_payment_details;
    api POST "/v2/{merchantId}/payments/{paymentId}/capture" => payments::capture_payment;
    api POST "/v2/{merchantId}/payments/{paymentId}/cancel" => payments::cancel_payment;
    api POST "/v2/{merchantId}/payments/{paymentId}/refund" => payments::refund_payment;
    api GET "/v2/{merchantId}/payments/{paymentId}/captures" => captures::get_captures;
    api GET "/v2/{merchantId}/payments/{paymentId}/refunds" => refunds::get_refunds;
    api POST "/v2/{merchantId}/tokens" => tokens::create_token;
    api GET "/v2/{merchantId}/tokens/{tokenId}" => tokens::get_token;
    api DELETE "/v2/{merchantId}/tokens/{tokenId}" => tokens::delete_token;
    api GET "/v2/{merchantId}/services/testconnection" => services::test_connection;
    api POST "/v2/{merchantId}/paymentlinks" => payment_links::create_payment_link;
    api GET "/v2/{merchantId}/paymentlinks/{paymentLinkId}" => payment_links::get_payment_link_by_id;
    api POST "/v2/{merchantId}/paymentlinks/{paymentLinkId}/cancel" => payment_links::cancel_payment_link_by_id;
    page GET "/hostedcheckout/{hostedCheckoutId}" => page::show;
    page POST "/hostedcheckout/{hostedCheckoutId}/pay" => page::pay;
    page POST "/hostedcheckout/{hostedCheckoutId}/cancel" => page::cancel;
    // Catalogue, services, sessions, hosted tokenization and fields, detokenization, webhooks;
    // then the client API of a client session and the tokenization pages.
    api GET "/v2/{merchantId}/products" => products::get_payment_products;
    api GET "/v2/{merchantId}/products/{paymentProductId}" => products::get_payment_product;
    api GET "/v2/{merchantId}/products/{paymentProductId}/networks" => products::get_payment_product_networks;
    api GET "/v2/{merchantId}/products/{paymentProductId}/directory" => products::get_product_directory;
    api POST "/v2/{merchantId}/products/{paymentProductId}/sessions" => products::create_payment_product_session;
    api GET "/v2/{merchantId}/productgroups" => product_groups::get_product_groups;
    api GET "/v2/{merchantId}/productgroups/{paymentProductGroupId}" => product_groups::get_product_group;
    api POST "/v2/{merchantId}/services/getIINdetails" => services::get_iin_details;
    api POST "/v2/{merchantId}/services/dccrate" => services::get_dcc_rate_inquiry;
    api POST "/v2/{merchantId}/services/surchargecalculation" => services::surcharge_calculation;
    api GET "/v2/{merchantId}/services/privacypolicy" => privacy_policy::get_privacy_policy;
    api POST "/v2/{merchantId}/sessions" => sessions::create_session;
    api POST "/v2/{merchantId}/hostedtokenizations" => hosted_tokenization::create_hosted_tokenization;
    api GET "/v2/{merchantId}/hostedtokenizations/{hostedTokenizationId}" => hosted_tokenization::get_hosted_tokenization;
    api POST "/v2/{merchantId}/hostedfields/sessions" => hosted_fields::create_hosted_fields_session;
    api GET "/v2/{merchantId}/hostedfields/sessions/{sessionId}" => hosted_fields::get_hosted_fields_session;
    api POST "/v2/{merchantId}/detokenize/csr" => tokenization::create_certificate;
    api GET "/v2/{merchantId}/detokenize/tokens" => tokenization::get_card_data_by_tokens;
    api GET "/v2/{merchantId}/detokenize/payments" => tokenization::get_card_data_by_payments;
    api POST "/v2/{merchantId}/webhooks/validateCredentials" => webhooks::validate_webhook_credentials;
    api POST "/v2/{merchantId}/webhooks/sendtest" => webhooks::send_test_webhook;
    page GET "/client/v1/{customerId}/crypto/publickey" => client_api::public_key;
    page GET "/client/v1/{customerId}/products" => client_api::products;
    page GET "/client/v1/{customerId}/products/{paymentProductId}" => client_api::product;
    page GET "/client/v1/{customerId}/products/{paymentProductId}/networks" => client_api::product_networks;
    page POST "/client/v1/{customerId}/services/getIINdetails" => client_api::iin;
    page POST "/client/v1/{customerId}/services/surchargeCalculation" => client_api::surcharge_calculation;
    page POST "/client/v2/{customerId}/services/dccrate" => client_api::dcc;
    page GET "/assets/{*path}" => assets::asset;
    page GET "/hostedtokenization/{hostedTokenizationId}" => tokenize_page::show_tokenization;
    page POST "/hostedtokenization/{hostedTokenizationId}/tokenize" => tokenize_page::tokenize_tokenization;
    page GET "/hostedfields/{sessionId}" => tokenize_page::show_fields;
    page POST "/hostedfields/{sessionId}/tokenize" => tokenize_page::tokenize_fields;
    // Payment follow-ups, mandates, payouts, merchant batches, payment link sharing and search;
    // then the pages of third parties (redirect methods, mandate signatures).
    api POST "/v2/{merchantId}/payments/{paymentId}/complete" => complete::complete_payment;
    api POST "/v2/{merchantId}/payments/{paymentId}/subsequent" => subsequent::subsequent_payment;
    api POST "/v2/{merchantId}/payments/{paymentId}/increment-authorization" => pre_authorization::increment_authorization;
    api POST "/v2/{merchantId}/payments/{paymentId}/authorization-additional-data" => pre_authorization::add_authorization_details;
    api POST "/v2/{merchantId}/tokens/importCofSeries" => cof_series::import_cof_series;
    api POST "/v2/{merchantId}/mandates" => mandates::create_mandate;
    api GET "/v2/{merchantId}/mandates/{uniqueMandateReference}" => mandates::get_mandate;
    api POST "/v2/{merchantId}/mandates/{uniqueMandateReference}/block" => mandates::block_mandate;
    api POST "/v2/{merchantId}/mandates/{uniqueMandateReference}/unblock" => mandates::unblock_mandate;
    api POST "/v2/{merchantId}/mandates/{uniqueMandateReference}/revoke" => mandates::revoke_mandate;
    api POST "/v2/{merchantId}/payouts" => payouts::create_payout;
    api GET "/v2/{merchantId}/payouts/{payoutId}" => payouts::get_payout;
    api POST "/v2/{merchantId}/merchant-batches" => merchant_batch::submit_batch;
    api GET "/v2/{merchantId}/merchant-batches/{merchantBatchReference}" => merchant_batch::get_batch_status;
    api POST "/v2/{merchantId}/merchant-batches/{merchantBatchReference}/process" => merchant_batch::process_batch;
    api GET "/v2/{merchantId}/merchant-batches/{merchantBatchReference}/reports/payments" => merchant_batch::get_payments_report;
    api POST "/v2/{merchantId}/paymentlinks/{paymentLinkId}/share" => payment_links::share;
    api POST "/v2/merchant-groups/{merchantGroupId}/paymentlinks/search" => payment_links::get_payment_links_by_merchant_group_id;
    page GET "/thirdparty/{paymentId}" => third_party_page::show_redirect;
    page POST "/thirdparty/{paymentId}/approve" => third_party_page::approve_redirect;
    page POST "/thirdparty/{paymentId}/cancel" => third_party_page::cancel_redirect;
    page GET "/mandatesigning/{uniqueMandateReference}" => third_party_page::show_signing;
    page POST "/mandatesigning/{uniqueMandateReference}/sign" => third_party_page::sign_mandate;
    page POST "/mandatesigning/{uniqueMandateReference}/refuse" => third_party_page::refuse_mandate;
}

async fn unknown_resource() -> Response {
    not_found("Resource").into_response()
}

/// Unknown paths: under `/v2` the signature and the merchant (`/v2/{merchantId}/...`) are
/// checked first; then `404`.
async fn fallback(State(inner): State<Arc<Inner>>, request: Request) -> Response {
    let path = request.uri().path();
    if let Some(rest) = path
        .strip_prefix("/v2")
        .filter(|r| r.is_empty() || r.starts_with('/'))
    {
        if let Err(reply) = check_auth(&inner, request.method(), request.uri(), request.headers()) {
            return reply.into_response();
        }
        let merchant = rest.split('/').find(|s| !s.is_empty());
        if let Some(Err(reply)) = merchant.map(|m| check_merchant(&inner, m)) {
            return reply.into_response();
        }
    }
    unknown_resource().await
}
