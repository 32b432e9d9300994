//! Every route of the NoPayn sandbox, in one table, and the router built from it.

use super::Inner;
use super::auth::require_api_key;
use super::handlers::{orders, refunds, transactions};
use super::page;
use super::render::{fallback, method_not_allowed};
use super::state::expire_due_orders;
use crate::common::server::route_table;

// Route tables look alike across providers by design: each line is one route's data.
route_table! {
    /// Every route of the NoPayn sandbox (the [control API](crate::control) aside), with the
    /// SDK's path templates. Each is also served without its trailing slash.
    pub const ROUTES;
    fn router(&Arc<Inner>);
    layers: [expire_due_orders, require_api_key];
    not_allowed: method_not_allowed;
    fallback: fallback;
    api POST "/v1/orders/" => orders::create_order;
    api GET "/v1/orders/{orderId}/" => orders::get_order;
    api POST "/v1/orders/{orderId}/refunds/" => refunds::create_refund;
    api POST "/v1/orders/{orderId}/transactions/{transactionId}/captures/" => transactions::capture_transaction;
    api POST "/v1/orders/{orderId}/transactions/{transactionId}/voids/amount/" => transactions::void_transaction;
    page GET "/hpp/{orderId}/" => page::show;
    page POST "/hpp/{orderId}/pay" => page::pay;
    page POST "/hpp/{orderId}/cancel" => page::cancel;
}
