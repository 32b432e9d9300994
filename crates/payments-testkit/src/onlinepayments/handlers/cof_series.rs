//! `CofSeriesClient`: `import_cof_series`.

use std::sync::Arc;

use axum::extract::State;
use serde_json::json;

use super::JsonBody;
use crate::onlinepayments::Inner;
use crate::onlinepayments::follow_up::import_cof_series as import;
use crate::onlinepayments::render::{Reply, ok};

/// `POST /v2/{merchantId}/tokens/importCofSeries`: a card-on-file series started elsewhere
/// becomes an `ACCOUNT_VERIFIED` payment whose id subsequent payments use;
/// ImportCofSeriesResponse `{paymentId}`.
pub(in crate::onlinepayments) async fn import_cof_series(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    import(&inner, &body).map_or_else(|r| r, |id| ok(json!({"paymentId": id})))
}
