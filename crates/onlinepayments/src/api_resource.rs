//! What every client object holds: the communicator, the client meta info and the path
//! values of its parents (the merchant id).

use std::sync::Arc;

use payments_core::http::Method;
use serde::Serialize;

use crate::call_context::CallContext;
use crate::communication::{ParamRequest, RequestHeader, encode_path_value};
use crate::errors::Error;
use crate::exception_factory::{ErrorType, create_exception};

/// Name of the client meta info header.
pub(crate) const CLIENT_META_INFO_HEADER: &str = "X-GCS-ClientMetaInfo";

#[derive(Debug)]
pub(crate) struct ApiResource<C> {
    pub(crate) communicator: Arc<C>,
    pub(crate) client_meta_info: Option<String>,
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

/// One API call, as the generated client methods describe it.
pub(crate) struct ApiCall<'a> {
    pub(crate) method: Method,
    pub(crate) template: &'static str,
    pub(crate) path_args: &'a [(&'static str, String)],
    pub(crate) query: Option<&'a (dyn ParamRequest + Sync)>,
    pub(crate) error_type: ErrorType,
    pub(crate) force_gzip: bool,
}

impl<C> ApiResource<C> {
    pub(crate) fn with_merchant(&self, merchant_id: String) -> Self {
        Self {
            merchant_id: Some(merchant_id),
            ..self.clone()
        }
    }

    fn client_headers(&self) -> Vec<RequestHeader> {
        self.client_meta_info
            .iter()
            .map(|v| RequestHeader::new(CLIENT_META_INFO_HEADER, v.clone()))
            .collect()
    }

    /// Fills the path template: the method's own values first, then `{merchantId}`.
    /// Every value is percent-encoded as one path segment.
    pub(crate) fn instantiate_uri(&self, template: &str, path_args: &[(&str, String)]) -> String {
        let mut uri = template.to_owned();
        for (name, value) in path_args {
            uri = uri.replace(&format!("{{{name}}}"), &encode_path_value(value));
        }
        if let Some(merchant_id) = &self.merchant_id {
            uri = uri.replace("{merchantId}", &encode_path_value(merchant_id));
        }
        uri
    }
}

/// Maps a `ResponseException` with the method's error type; other results pass through.
pub(crate) fn map_error(
    result: Result<String, Error>,
    error_type: ErrorType,
    context: Option<&CallContext>,
) -> Result<String, Error> {
    match result {
        Err(Error::ResponseException(response)) => {
            Err(create_exception(response, error_type, context))
        }
        other => other,
    }
}

impl ApiResource<crate::Communicator> {
    pub(crate) async fn call<B: Serialize + Sync + ?Sized>(
        &self,
        call: ApiCall<'_>,
        body: Option<&B>,
        context: Option<&CallContext>,
    ) -> Result<String, Error> {
        let prepared = self.communicator.core.prepare_call(
            call.method,
            &self.instantiate_uri(call.template, call.path_args),
            &self.client_headers(),
            call.query,
            body,
            call.force_gzip,
            context,
        )?;
        let result = self.communicator.exchange(prepared, context).await;
        map_error(result, call.error_type, context)
    }
}

#[cfg(feature = "blocking")]
impl ApiResource<crate::blocking::Communicator> {
    pub(crate) fn call_blocking<B: Serialize + ?Sized>(
        &self,
        call: ApiCall<'_>,
        body: Option<&B>,
        context: Option<&CallContext>,
    ) -> Result<String, Error> {
        let prepared = self.communicator.core.prepare_call(
            call.method,
            &self.instantiate_uri(call.template, call.path_args),
            &self.client_headers(),
            call.query,
            body,
            call.force_gzip,
            context,
        )?;
        let result = self.communicator.exchange(prepared, context);
        map_error(result, call.error_type, context)
    }
}
