//! The communicator: builds, signs and sends requests, and turns responses into results
//! or errors.

use std::fmt;
use std::io::Write as _;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use payments_core::http::{Headers, HttpRequest, HttpResponse, Method, Transport, TransportError};
use payments_core::pyfmt::{JsonStyle, json_dumps};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::authentication::Authenticator;
use crate::call_context::CallContext;
use crate::communication::{
    ApiEndpoint, MetadataProvider, ParamRequest, RequestHeader, RequestParam, query_string,
};
use crate::errors::{
    CommunicationException, Error, MarshallerSyntaxException, NotFoundException, ResponseException,
};
use crate::log::{
    BodyObfuscator, CommunicatorLogger, HeaderObfuscator, RequestLogMessage, ResponseLogMessage,
};

/// Query parameters accepted by the generic communicator methods.
pub type RequestParameters<'a> = Option<&'a (dyn ParamRequest + Sync)>;

#[derive(Clone)]
pub(crate) struct LogSettings {
    logger: Option<Arc<dyn CommunicatorLogger>>,
    body_obfuscator: BodyObfuscator,
    header_obfuscator: HeaderObfuscator,
}

/// What the async and blocking communicators share: endpoint, authenticator, metadata
/// and logging, with request building and response handling as plain methods.
pub(crate) struct CommunicatorCore {
    api_endpoint: ApiEndpoint,
    authenticator: Arc<dyn Authenticator>,
    metadata_provider: MetadataProvider,
    logging: RwLock<LogSettings>,
}

/// A request ready to send, with what is needed to log and handle its response.
pub(crate) struct PreparedRequest {
    pub(crate) request: HttpRequest,
    relative_path: String,
    request_id: String,
    log: LogSettings,
    started: Instant,
}

impl fmt::Debug for CommunicatorCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Communicator")
            .field("api_endpoint", &self.api_endpoint.as_url())
            .field("authenticator", &self.authenticator)
            .finish_non_exhaustive()
    }
}

/// `json.dumps(value, indent=4)` of a request body, byte for byte.
pub(crate) fn marshal<B: Serialize + ?Sized>(body: &B) -> Result<String, Error> {
    let value = serde_json::to_value(body)
        .map_err(|e| Error::MarshallerSyntaxException(MarshallerSyntaxException::from(e)))?;
    Ok(json_dumps(
        &value,
        JsonStyle::Indent {
            width: 4,
            ensure_ascii: true,
        },
    ))
}

/// Parses a response body; an empty body gives `T::default()`.
pub(crate) fn unmarshal<T: DeserializeOwned + Default>(body: &str) -> Result<T, Error> {
    if body.is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(body)
        .map_err(|e| Error::MarshallerSyntaxException(MarshallerSyntaxException::from(e)))
}

/// `Date` header value: RFC 1123 in GMT, e.g. `Tue, 05 Mar 2024 10:00:00 GMT`.
pub fn format_date_time(time: DateTime<Utc>) -> String {
    time.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Python's `DataObject.parse_datetime`: ISO 8601 with `Z` or an offset (`+01:00` or
/// `+0100`) and any fraction; a value without offset is read as UTC.
pub fn parse_datetime(value: &str) -> Option<DateTime<FixedOffset>> {
    let v = value.trim();
    let v = match v.strip_suffix('Z') {
        Some(rest) => format!("{rest}+00:00"),
        None => v.to_owned(),
    };
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(&v, format) {
            return Some(dt);
        }
    }
    NaiveDateTime::parse_from_str(&v, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|n| n.and_utc().fixed_offset())
}

fn is_json(headers: &Headers) -> bool {
    match headers.get("Content-Type") {
        None => true,
        Some(ct) => {
            let ct = ct.to_lowercase();
            ct.starts_with("application/json") || ct.starts_with("application/problem+json")
        }
    }
}

fn update_context(headers: &Headers, context: &CallContext) {
    let timestamp = headers
        .get("X-GCS-Idempotence-Request-Timestamp")
        .and_then(|v| v.trim().parse::<i64>().ok());
    context.set_idempotence_request_timestamp(timestamp);
    let date_time = headers
        .get("IdempotencyResponseDatetime")
        .and_then(parse_datetime);
    context.set_idempotence_response_date_time(date_time);
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

impl CommunicatorCore {
    pub(crate) fn new(
        api_endpoint: ApiEndpoint,
        authenticator: Arc<dyn Authenticator>,
        metadata_provider: MetadataProvider,
    ) -> Self {
        Self {
            api_endpoint,
            authenticator,
            metadata_provider,
            logging: RwLock::new(LogSettings {
                logger: None,
                body_obfuscator: BodyObfuscator::default(),
                header_obfuscator: HeaderObfuscator::default(),
            }),
        }
    }

    pub(crate) fn api_endpoint(&self) -> &ApiEndpoint {
        &self.api_endpoint
    }

    /// Builds and signs a request. Headers, in order: `request_headers` (the client's
    /// `X-GCS-ClientMetaInfo`), `Content-Type` when there is a body, `Content-Encoding:
    /// gzip` for a compressed POST body, the metadata headers, `Date`,
    /// `X-GCS-Idempotence-Key`, `Authorization`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn prepare(
        &self,
        method: Method,
        relative_path: &str,
        request_headers: &[RequestHeader],
        request_parameters: Option<&[RequestParam]>,
        body: Option<String>,
        gzip_body: bool,
        context: Option<&CallContext>,
    ) -> Result<PreparedRequest, Error> {
        let mut url = self.api_endpoint.as_url();
        if !relative_path.starts_with('/') {
            url.push('/');
        }
        url.push_str(relative_path);
        if let Some(params) = request_parameters.filter(|p| !p.is_empty()) {
            url.push('?');
            url.push_str(&query_string(params));
        }
        let mut headers: Vec<RequestHeader> = request_headers.to_vec();
        let compress = body.is_some() && method == Method::Post && gzip_body;
        if body.is_some() {
            headers.push(RequestHeader::new("Content-Type", "application/json"));
            if compress {
                headers.push(RequestHeader::new("Content-Encoding", "gzip"));
            }
        }
        headers.extend(self.metadata_provider.metadata_headers().iter().cloned());
        headers.push(RequestHeader::new("Date", format_date_time(Utc::now())));
        if let Some(key) = context.and_then(CallContext::idempotence_key) {
            headers.push(RequestHeader::new("X-GCS-Idempotence-Key", key));
        }
        let authorization =
            self.authenticator
                .get_authorization(method.as_str(), &url, &headers)?;
        headers.push(RequestHeader::new("Authorization", authorization));

        let mut request = HttpRequest::new(method, url);
        for h in &headers {
            request.headers.append(h.name(), h.value());
        }
        let log = self
            .logging
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let request_id = uuid::Uuid::new_v4().to_string();
        if let Some(logger) = &log.logger {
            log_request(
                logger.as_ref(),
                &log,
                &request_id,
                &request,
                body.as_deref(),
            );
        }
        if let Some(body) = body {
            request.body = Some(if compress {
                gzip(body.as_bytes())?
            } else {
                body.into_bytes()
            });
        } else if matches!(method, Method::Post | Method::Put) {
            request.body = Some(Vec::new());
        }
        Ok(PreparedRequest {
            request,
            relative_path: relative_path.to_owned(),
            request_id,
            log,
            started: Instant::now(),
        })
    }

    /// Prepares one API call from its parts: the query parameters, the body (marshalled
    /// as `json.dumps(body, indent=4)`) and whether to gzip it (forced by the method, or
    /// asked for by the context). Shared by the async and blocking communicators.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn prepare_call<B: Serialize + ?Sized>(
        &self,
        method: Method,
        relative_path: &str,
        request_headers: &[RequestHeader],
        request_parameters: RequestParameters<'_>,
        request_body: Option<&B>,
        force_gzip: bool,
        context: Option<&CallContext>,
    ) -> Result<PreparedRequest, Error> {
        let params = request_parameters.map(|p| p.to_request_parameters());
        let body = request_body.map(marshal).transpose()?;
        let gzip_body = force_gzip || context.is_some_and(CallContext::gzip);
        self.prepare(
            method,
            relative_path,
            request_headers,
            params.as_deref(),
            body,
            gzip_body,
            context,
        )
    }

    /// Logs the outcome of the send, then handles the response: updates the context,
    /// returns the body of a 2xx response, or the error of §1b.7 otherwise.
    pub(crate) fn finish(
        &self,
        prepared: PreparedRequest,
        result: Result<HttpResponse, TransportError>,
        context: Option<&CallContext>,
    ) -> Result<String, Error> {
        let elapsed = prepared.started.elapsed();
        let millis = elapsed_millis(elapsed);
        let response = match result {
            Ok(response) => response,
            Err(error) => {
                if let Some(logger) = &prepared.log.logger {
                    logger.log(
                        &format!(
                            "Error occurred for outgoing request (requestId='{}', {} ms)",
                            prepared.request_id, millis
                        ),
                        Some(&error),
                    );
                }
                return Err(Error::CommunicationException(
                    CommunicationException::from_transport(error),
                ));
            }
        };
        if let Some(logger) = &prepared.log.logger {
            log_response(
                logger.as_ref(),
                &prepared.log,
                &prepared.request_id,
                &response,
                millis,
            );
        }
        process_response(response, &prepared.relative_path, context)
    }

    fn set_logging(&self, f: impl FnOnce(&mut LogSettings)) {
        f(&mut self.logging.write().unwrap_or_else(PoisonError::into_inner));
    }

    pub(crate) fn enable_logging(&self, logger: Arc<dyn CommunicatorLogger>) {
        self.set_logging(|l| l.logger = Some(logger));
    }

    pub(crate) fn disable_logging(&self) {
        self.set_logging(|l| l.logger = None);
    }

    pub(crate) fn set_body_obfuscator(&self, obfuscator: BodyObfuscator) {
        self.set_logging(|l| l.body_obfuscator = obfuscator);
    }

    pub(crate) fn set_header_obfuscator(&self, obfuscator: HeaderObfuscator) {
        self.set_logging(|l| l.header_obfuscator = obfuscator);
    }
}

fn elapsed_millis(elapsed: Duration) -> u128 {
    // rounded up, as the official SDK does
    let nanos = elapsed.as_nanos();
    nanos.div_ceil(1_000_000)
}

fn path_and_query(url: &str) -> &str {
    let after = url.split_once("://").map_or(url, |(_, r)| r);
    after
        .find(['/', '?'])
        .and_then(|i| after.get(i..))
        .unwrap_or("")
}

fn log_request(
    logger: &dyn CommunicatorLogger,
    log: &LogSettings,
    request_id: &str,
    request: &HttpRequest,
    body: Option<&str>,
) {
    let mut message = RequestLogMessage::new(
        request_id,
        request.method.as_str(),
        path_and_query(&request.url),
        &log.body_obfuscator,
        &log.header_obfuscator,
    );
    for (name, value) in request.headers.iter() {
        message.add_header(name, Some(value));
    }
    if let Some(body) = body.filter(|b| !b.is_empty()) {
        message.set_body(body, request.headers.get("Content-Type"));
    }
    logger.log_request(&message);
}

fn log_response(
    logger: &dyn CommunicatorLogger,
    log: &LogSettings,
    request_id: &str,
    response: &HttpResponse,
    millis: u128,
) {
    let duration = u64::try_from(millis).ok();
    let mut message = ResponseLogMessage::new(
        request_id,
        response.status,
        duration,
        &log.body_obfuscator,
        &log.header_obfuscator,
    );
    for (name, value) in response.headers.iter() {
        message.add_header(name, Some(value));
    }
    let content_type = response.headers.get("Content-Type");
    if !response.body.is_empty() {
        if crate::log::is_binary_content_type(content_type) {
            message.set_binary_body(content_type);
        } else {
            message.set_body(&String::from_utf8_lossy(&response.body), content_type);
        }
    }
    logger.log_response(&message);
}

/// Updates the context, then returns the body of a 2xx response or the error: a
/// non-JSON body gives `NotFoundException` (404) or `CommunicationException`; a JSON or
/// empty body gives `ResponseException`.
pub(crate) fn process_response(
    response: HttpResponse,
    relative_path: &str,
    context: Option<&CallContext>,
) -> Result<String, Error> {
    if let Some(context) = context {
        update_context(&response.headers, context);
    }
    let HttpResponse {
        status,
        headers,
        body,
    } = response;
    let success = (200..300).contains(&status);
    let body = match String::from_utf8(body) {
        Ok(text) => text,
        Err(_) if success => {
            return Err(Error::MarshallerSyntaxException(
                MarshallerSyntaxException::new("the response body is not valid UTF-8"),
            ));
        }
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    if success {
        return Ok(body);
    }
    let json = is_json(&headers);
    let cause = ResponseException::new(status, body, headers);
    if !json {
        if status == 404 {
            return Err(Error::NotFoundException(NotFoundException {
                message: format!(
                    "The requested resource was not found; invalid path: {relative_path}"
                ),
                cause,
            }));
        }
        return Err(Error::CommunicationException(
            CommunicationException::from_response(cause),
        ));
    }
    Err(Error::ResponseException(cause))
}

/// `Communicator`: sends requests to the Online Payments platform over an async
/// [`Transport`]. Create it with [`crate::Factory`]; share it between clients to share
/// its connection pool.
pub struct Communicator {
    pub(crate) core: CommunicatorCore,
    transport: Arc<dyn Transport>,
}

impl fmt::Debug for Communicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.core.fmt(f)
    }
}

impl Communicator {
    /// A communicator from its parts.
    pub fn new(
        api_endpoint: ApiEndpoint,
        connection: Arc<dyn Transport>,
        authenticator: Arc<dyn Authenticator>,
        metadata_provider: MetadataProvider,
    ) -> Self {
        Self {
            core: CommunicatorCore::new(api_endpoint, authenticator, metadata_provider),
            transport: connection,
        }
    }

    /// The API endpoint.
    pub fn api_endpoint(&self) -> &ApiEndpoint {
        self.core.api_endpoint()
    }

    /// Sends a prepared request and returns the body of a 2xx response (`""` when empty).
    pub(crate) async fn exchange(
        &self,
        prepared: PreparedRequest,
        context: Option<&CallContext>,
    ) -> Result<String, Error> {
        let result = self.transport.send(prepared.request.clone()).await;
        self.core.finish(prepared, result, context)
    }

    async fn call<B: Serialize + Sync + ?Sized, T: DeserializeOwned + Default>(
        &self,
        method: Method,
        relative_path: &str,
        request_headers: &[RequestHeader],
        request_parameters: RequestParameters<'_>,
        request_body: Option<&B>,
        context: Option<&CallContext>,
    ) -> Result<T, Error> {
        let prepared = self.core.prepare_call(
            method,
            relative_path,
            request_headers,
            request_parameters,
            request_body,
            false,
            context,
        )?;
        unmarshal(&self.exchange(prepared, context).await?)
    }

    /// GET a resource. A non-2xx JSON response is [`Error::ResponseException`]; an empty
    /// 2xx body gives `T::default()`.
    pub async fn get<T: DeserializeOwned + Default>(
        &self,
        relative_path: &str,
        request_headers: &[RequestHeader],
        request_parameters: RequestParameters<'_>,
        context: Option<&CallContext>,
    ) -> Result<T, Error> {
        self.call::<(), T>(
            Method::Get,
            relative_path,
            request_headers,
            request_parameters,
            None,
            context,
        )
        .await
    }

    /// DELETE a resource; see [`get`](Self::get).
    pub async fn delete<T: DeserializeOwned + Default>(
        &self,
        relative_path: &str,
        request_headers: &[RequestHeader],
        request_parameters: RequestParameters<'_>,
        context: Option<&CallContext>,
    ) -> Result<T, Error> {
        self.call::<(), T>(
            Method::Delete,
            relative_path,
            request_headers,
            request_parameters,
            None,
            context,
        )
        .await
    }

    /// POST a JSON body (`json.dumps(body, indent=4)`); see [`get`](Self::get).
    pub async fn post<B: Serialize + Sync + ?Sized, T: DeserializeOwned + Default>(
        &self,
        relative_path: &str,
        request_headers: &[RequestHeader],
        request_parameters: RequestParameters<'_>,
        request_body: Option<&B>,
        context: Option<&CallContext>,
    ) -> Result<T, Error> {
        self.call(
            Method::Post,
            relative_path,
            request_headers,
            request_parameters,
            request_body,
            context,
        )
        .await
    }

    /// PUT a JSON body; see [`post`](Self::post).
    pub async fn put<B: Serialize + Sync + ?Sized, T: DeserializeOwned + Default>(
        &self,
        relative_path: &str,
        request_headers: &[RequestHeader],
        request_parameters: RequestParameters<'_>,
        request_body: Option<&B>,
        context: Option<&CallContext>,
    ) -> Result<T, Error> {
        self.call(
            Method::Put,
            relative_path,
            request_headers,
            request_parameters,
            request_body,
            context,
        )
        .await
    }

    /// Routes the log messages of every request to `logger`.
    pub fn enable_logging(&self, logger: Arc<dyn CommunicatorLogger>) {
        self.core.enable_logging(logger);
    }

    /// Stops logging.
    pub fn disable_logging(&self) {
        self.core.disable_logging();
    }

    /// Replaces the body obfuscator of the log messages.
    pub fn set_body_obfuscator(&self, obfuscator: BodyObfuscator) {
        self.core.set_body_obfuscator(obfuscator);
    }

    /// Replaces the header obfuscator of the log messages.
    pub fn set_header_obfuscator(&self, obfuscator: HeaderObfuscator) {
        self.core.set_header_obfuscator(obfuscator);
    }

    /// Does nothing: the transport's pool closes idle connections itself.
    pub fn close_idle_connections(&self, _idle_time: Duration) {}

    /// Does nothing: the transport's pool closes expired connections itself.
    pub fn close_expired_connections(&self) {}

    /// Does nothing: connections are closed when the last clone of the transport is dropped.
    pub fn close(&self) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates() {
        let t = Utc.with_ymd_and_hms(2024, 3, 5, 10, 0, 0).unwrap();
        assert_eq!(format_date_time(t), "Tue, 05 Mar 2024 10:00:00 GMT");
        let d = parse_datetime("2017-02-02T11:24:14.040+0100").unwrap();
        assert_eq!(d.to_rfc3339(), "2017-02-02T11:24:14.040+01:00");
        assert!(parse_datetime("2024-03-05T10:00:00Z").is_some());
        assert!(parse_datetime("2024-03-05T10:00:00.1234567+01:00").is_some());
        assert!(parse_datetime("2024-03-05T10:00:00").is_some());
        assert!(parse_datetime("nope").is_none());
    }

    #[test]
    fn millis_round_up() {
        assert_eq!(elapsed_millis(Duration::from_micros(1)), 1);
        assert_eq!(elapsed_millis(Duration::from_millis(3)), 3);
        assert_eq!(elapsed_millis(Duration::ZERO), 0);
    }
}
