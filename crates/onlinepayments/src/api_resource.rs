//! What every client object holds: the communicator, the client meta info and the
//! merchant id. Plain data; the calls are described by [`ApiCall`](crate::api_call::ApiCall)
//! and run by the communicator.

use std::sync::Arc;

use crate::communication::RequestHeader;

/// Name of the client meta info header.
pub(crate) const CLIENT_META_INFO_HEADER: &str = "X-GCS-ClientMetaInfo";

#[derive(Debug)]
pub(crate) struct ApiResource<C> {
    pub(crate) communicator: Arc<C>,
    /// The base64 value of `X-GCS-ClientMetaInfo`.
    pub(crate) client_meta_info: Option<String>,
    /// `None` on a `Client`, set on a `MerchantClient` and its sub-clients.
    pub(crate) merchant_id: Option<String>,
}

impl<C> Clone for ApiResource<C> {
    fn clone(&self) -> Self {
        Self {
            communicator: Arc::clone(&self.communicator),
            client_meta_info: self.client_meta_info.clone(),
            merchant_id: self.merchant_id.clone(),
        }
    }
}

impl<C> ApiResource<C> {
    pub(crate) fn with_merchant(&self, merchant_id: String) -> Self {
        Self {
            merchant_id: Some(merchant_id),
            ..self.clone()
        }
    }

    /// The merchant id (`""` on a `Client`).
    pub(crate) fn merchant_id(&self) -> &str {
        self.merchant_id.as_deref().unwrap_or_default()
    }

    /// The headers of every call of this client: `X-GCS-ClientMetaInfo` when set.
    pub(crate) fn headers(&self) -> Vec<RequestHeader> {
        self.client_meta_info
            .iter()
            .map(|v| RequestHeader::new(CLIENT_META_INFO_HEADER, v.clone()))
            .collect()
    }
}
