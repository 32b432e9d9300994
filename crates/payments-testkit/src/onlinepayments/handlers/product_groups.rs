//! `ProductGroupsClient`: `get_product_groups`, `get_product_group`.

use serde_json::json;

use crate::common::server::Params;
use crate::onlinepayments::catalogue::{CARDS_GROUP, Query, cards_group};
use crate::onlinepayments::input::QueryParams;
use crate::onlinepayments::render::{Reply, not_found, ok};

/// `GET /v2/{merchantId}/productgroups`: the `cards` group when a card is offered.
pub(in crate::onlinepayments) async fn get_product_groups(query: QueryParams) -> Reply {
    match Query::parse(&query) {
        Ok(q) => {
            ok(json!({"paymentProductGroups": cards_group(&q).into_iter().collect::<Vec<_>>()}))
        }
        Err(r) => r,
    }
}

/// `GET /v2/{merchantId}/productgroups/{paymentProductGroupId}`: `cards` (in any case);
/// `404` for another id or when no card is offered for the query.
pub(in crate::onlinepayments) async fn get_product_group(
    params: Params,
    query: QueryParams,
) -> Reply {
    let q = match Query::parse(&query) {
        Ok(q) => q,
        Err(r) => return r,
    };
    if !params
        .get("paymentProductGroupId")
        .eq_ignore_ascii_case(CARDS_GROUP)
    {
        return not_found("Payment product group");
    }
    cards_group(&q).map_or_else(|| not_found("Payment product group"), ok)
}
