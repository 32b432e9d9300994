//! Every route of the ECommPay sandbox, in one table, and the router built from it.

use super::Inner;
use super::page;
use crate::common::server::route_table;

// Route tables look alike across providers by design: each line is one route's data.
route_table! {
    /// Every route of the ECommPay sandbox (the [control API](crate::control) aside): the
    /// Payment Page. ECommPay's SDK has no server API.
    pub const ROUTES;
    fn router(&Arc<Inner>);
    layers: [];
    not_allowed: page::fallback;
    fallback: page::fallback;
    page GET "/payment" => page::open;
    page POST "/payment/pay" => page::pay;
}
