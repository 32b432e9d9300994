//! The default [`Transport`]: reqwest with rustls and a connection pool.

use async_trait::async_trait;

use super::{
    Headers, HttpRequest, HttpResponse, Method, Transport, TransportConfig, TransportError,
    TransportErrorKind,
};

/// An async transport on reqwest (rustls, pooled connections, configurable timeouts and
/// proxy). Cloning is cheap and shares the pool.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// Builds a transport from the settings.
    pub fn new(config: &TransportConfig) -> Result<Self, TransportError> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .pool_max_idle_per_host(config.pool_max_idle_per_host)
            .pool_idle_timeout(config.pool_idle_timeout);
        if let Some(proxy) = proxy(config)? {
            builder = builder.proxy(proxy);
        }
        if let Some(ua) = &config.user_agent {
            builder = builder.user_agent(ua.as_str());
        }
        let client = builder.build().map_err(|e| {
            TransportError::new(TransportErrorKind::Other, "could not build the HTTP client")
                .with_source(e)
                .with_may_have_been_sent(false)
        })?;
        Ok(Self { client })
    }

    /// A transport with [`TransportConfig::default`].
    pub fn with_defaults() -> Result<Self, TransportError> {
        Self::new(&TransportConfig::default())
    }
}

#[async_trait]
impl Transport for ReqwestTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut builder = self
            .client
            .request(method(request.method), request.url.as_str());
        for (name, value) in request.headers.iter() {
            let (name, value) = header_pair(name, value)?;
            builder = builder.header(name, value);
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        if let Some(timeout) = request.timeout {
            builder = builder.timeout(timeout);
        }
        let response = builder
            .send()
            .await
            .map_err(|e| classify(&e, e.to_string()).with_source(e))?;
        let status = response.status().as_u16();
        let headers = response_headers(response.headers());
        let body = response
            .bytes()
            .await
            .map_err(|e| {
                classify(&e, e.to_string())
                    .with_source(e)
                    .with_may_have_been_sent(true)
            })?
            .to_vec();
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

pub(crate) fn proxy(config: &TransportConfig) -> Result<Option<reqwest::Proxy>, TransportError> {
    let Some(cfg) = &config.proxy else {
        return Ok(None);
    };
    let mut proxy = reqwest::Proxy::all(cfg.url.as_str()).map_err(|e| {
        TransportError::new(
            TransportErrorKind::InvalidRequest,
            format!("invalid proxy URL {:?}", cfg.url),
        )
        .with_source(e)
    })?;
    if let Some(user) = &cfg.username {
        proxy = proxy.basic_auth(user, cfg.expose_password().unwrap_or(""));
    }
    Ok(Some(proxy))
}

pub(crate) fn method(m: Method) -> reqwest::Method {
    match m {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Delete => reqwest::Method::DELETE,
        Method::Patch => reqwest::Method::PATCH,
        Method::Head => reqwest::Method::HEAD,
    }
}

pub(crate) fn header_pair(
    name: &str,
    value: &str,
) -> Result<(reqwest::header::HeaderName, reqwest::header::HeaderValue), TransportError> {
    let invalid = |what: &str| {
        TransportError::new(
            TransportErrorKind::InvalidRequest,
            format!("invalid header {what}: {name:?}"),
        )
    };
    let header_name =
        reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid("name"))?;
    let mut header_value =
        reqwest::header::HeaderValue::from_str(value).map_err(|_| invalid("value"))?;
    if super::is_sensitive_header(name) {
        header_value.set_sensitive(true);
    }
    Ok((header_name, header_value))
}

pub(crate) fn response_headers(map: &reqwest::header::HeaderMap) -> Headers {
    map.iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// Maps a reqwest error onto a [`TransportError`] kind and "may have been sent" flag.
pub(crate) fn classify(e: &reqwest::Error, message: String) -> TransportError {
    let chain = error_chain_text(e);
    if e.is_builder() {
        return TransportError::new(TransportErrorKind::InvalidRequest, message);
    }
    if e.is_timeout() {
        // A timeout while connecting means nothing reached the server.
        let connecting = e.is_connect();
        return TransportError::new(TransportErrorKind::Timeout, message)
            .with_may_have_been_sent(!connecting);
    }
    if e.is_connect() {
        let kind = if looks_like_tls(&chain) {
            TransportErrorKind::Tls
        } else {
            TransportErrorKind::Connect
        };
        return TransportError::new(kind, message);
    }
    if e.is_request() || e.is_body() || e.is_decode() {
        return TransportError::new(TransportErrorKind::Io, message);
    }
    TransportError::new(TransportErrorKind::Other, message)
}

fn error_chain_text(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = format!("{e:?}");
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(&format!(" | {s:?}"));
        source = s.source();
    }
    text.to_ascii_lowercase()
}

fn looks_like_tls(chain: &str) -> bool {
    [
        "certificate",
        "rustls",
        "tls handshake",
        "handshake",
        "invalidcertificate",
        "alert",
    ]
    .iter()
    .any(|needle| chain.contains(needle))
}
