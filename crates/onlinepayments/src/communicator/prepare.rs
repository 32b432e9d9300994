//! The first step of a call: from its [`ApiCall`] to the signed [`HttpRequest`] to send.

use std::io::Write as _;
use std::sync::Arc;

use chrono::Utc;
use payments_core::http::{HttpRequest, Method};
use payments_core::pyfmt::to_json_string;
use serde::Serialize;

use super::CommunicatorCore;
use super::dates::format_date_time;
use super::finish::Pending;
use super::logging::LogSettings;
use crate::api_call::ApiCall;
use crate::call_context::CallContext;
use crate::communication::{ParamRequest, RequestHeader, RequestParam, query_string};
use crate::errors::{Error, MarshallerSyntaxException};

/// `json.dumps(value, indent=4)` of a request body, byte for byte.
pub(crate) fn marshal<B: Serialize + ?Sized>(body: &B) -> Result<String, Error> {
    to_json_string(body, crate::json::BODY_STYLE)
        .map_err(|e| Error::MarshallerSyntaxException(MarshallerSyntaxException::from(e)))
}

fn gzip(data: &[u8]) -> Result<Vec<u8>, Error> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .map_err(|e| Error::Configuration {
            message: "could not compress the request body".into(),
            source: Some(Box::new(e)),
        })
}

/// A prepared call: the signed request to send, what sending it needs besides, and what
/// finishing it needs.
pub(crate) struct Prepared<'a> {
    /// The first attempt's request.
    pub(crate) request: HttpRequest,
    /// The logging settings at the start of the call.
    pub(crate) log: Arc<LogSettings>,
    /// The body as logged (before compression), when a logger is set.
    pub(crate) logged_body: Option<String>,
    /// What finishing the call needs.
    pub(crate) pending: Pending<'a>,
}

impl CommunicatorCore {
    /// Prepares a call: the URL (endpoint, relative path, query string), the JSON body,
    /// the signed headers and the (compressed) body bytes.
    pub(crate) fn prepare<'a, B: Serialize + ?Sized, T>(
        &self,
        call: &ApiCall<'a, B, T>,
    ) -> Result<Prepared<'a>, Error> {
        let params = call.query.map(ParamRequest::to_request_parameters);
        let body = call.body.map(marshal).transpose()?;
        let relative_path = call.relative_path();
        let url = self.url(&relative_path, params.as_deref());
        let headers = self.signed_headers(call, &url, body.is_some())?;
        let mut request = HttpRequest::new(call.method(), url);
        for h in &headers {
            request.headers.append(h.name(), h.value());
        }
        let log = self.log_settings();
        let logged_body = if log.logger.is_some() {
            body.clone()
        } else {
            None
        };
        request.body = match body {
            Some(body) if call.gzip() => Some(gzip(body.as_bytes())?),
            Some(body) => Some(body.into_bytes()),
            None if matches!(call.method(), Method::Post | Method::Put) => Some(Vec::new()),
            None => None,
        };
        let pending = Pending {
            relative_path,
            error_type: call.error_type,
            context: call.context,
        };
        Ok(Prepared {
            request,
            log,
            logged_body,
            pending,
        })
    }

    /// The endpoint, the relative path (a `/` is put in front when missing) and the query
    /// string, if there are parameters.
    fn url(&self, relative_path: &str, params: Option<&[RequestParam]>) -> String {
        let mut url = self.api_endpoint.as_url();
        if !relative_path.starts_with('/') {
            url.push('/');
        }
        url.push_str(relative_path);
        if let Some(params) = params.filter(|p| !p.is_empty()) {
            url.push('?');
            url.push_str(&query_string(params));
        }
        url
    }

    /// The headers in the order they are sent: the call's own (the client's
    /// `X-GCS-ClientMetaInfo`), `Content-Type` when there is a body, `Content-Encoding:
    /// gzip` for a compressed body, the metadata headers, `Date`, `X-GCS-Idempotence-Key`,
    /// and last the `Authorization` computed over all of them.
    fn signed_headers<B: ?Sized, T>(
        &self,
        call: &ApiCall<'_, B, T>,
        url: &str,
        has_body: bool,
    ) -> Result<Vec<RequestHeader>, Error> {
        let mut headers: Vec<RequestHeader> = call.headers.to_vec();
        if has_body {
            headers.push(RequestHeader::new("Content-Type", "application/json"));
            if call.gzip() {
                headers.push(RequestHeader::new("Content-Encoding", "gzip"));
            }
        }
        headers.extend(self.metadata_provider.metadata_headers().iter().cloned());
        headers.push(RequestHeader::new("Date", format_date_time(Utc::now())));
        if let Some(key) = call.context.and_then(CallContext::idempotence_key) {
            headers.push(RequestHeader::new("X-GCS-Idempotence-Key", key));
        }
        let authorization =
            self.authenticator
                .get_authorization(call.method().as_str(), url, &headers)?;
        headers.push(RequestHeader::new("Authorization", authorization));
        Ok(headers)
    }
}
