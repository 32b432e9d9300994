//! The default [`Transport`]: reqwest with rustls and a connection pool.

use async_trait::async_trait;

use super::{
    Headers, HttpRequest, HttpResponse, Method, Transport, TransportConfig, TransportError,
    TransportErrorKind,
};

/// Applies a [`TransportConfig`] to a reqwest `ClientBuilder` (async or blocking: both
/// have the same methods): timeouts, pool, no redirects, proxy, user agent and the TLS
/// backend the features select.
macro_rules! configure {
    ($builder:expr, $config:expr) => {{
        let config: &$crate::http::TransportConfig = $config;
        let mut builder = $builder
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .pool_max_idle_per_host(config.pool_max_idle_per_host)
            .pool_idle_timeout(config.pool_idle_timeout)
            .redirect(reqwest::redirect::Policy::none());
        if let Some(proxy) = $crate::http::reqwest_transport::proxy(config)? {
            builder = builder.proxy(proxy);
        }
        if let Some(ua) = &config.user_agent {
            builder = builder.user_agent(ua.as_str());
        }
        $crate::http::tls::WithTls::with_tls(builder)
    }};
}
#[cfg(feature = "blocking")]
pub(crate) use configure;

/// A reqwest `RequestBuilder` (async or blocking) for one request: method, URL, headers
/// (validated, credentials marked sensitive), body and per-request timeout.
macro_rules! request_builder {
    ($client:expr, $method:expr, $url:expr, $headers:expr, $body:expr, $timeout:expr) => {{
        let mut builder = $client
            .request($crate::http::reqwest_transport::method($method), $url)
            .headers($crate::http::reqwest_transport::header_map($headers)?);
        if let Some(body) = $body {
            builder = builder.body(body);
        }
        if let Some(timeout) = $timeout {
            builder = builder.timeout(timeout);
        }
        builder
    }};
}
#[cfg(feature = "blocking")]
pub(crate) use request_builder;

/// An async transport on reqwest (rustls with the ring provider by default, pooled
/// connections, timeouts, proxy, no redirects, bounded response bodies). Cloning is cheap
/// and shares the pool.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_response_body: usize,
}

impl ReqwestTransport {
    /// Builds a transport from the settings.
    pub fn new(config: &TransportConfig) -> Result<Self, TransportError> {
        let client = Self::client_builder(config)?.build().map_err(build_error)?;
        Ok(Self {
            client,
            max_response_body: config.max_response_body,
        })
    }

    /// A transport with [`TransportConfig::default`].
    pub fn with_defaults() -> Result<Self, TransportError> {
        Self::new(&TransportConfig::default())
    }

    /// A reqwest client builder with the SDK's settings applied (timeouts, pool, proxy, user
    /// agent, no redirects, the TLS backend the features select), to add settings of your
    /// own before [`from_client`](Self::from_client):
    ///
    /// ```
    /// use payments_core::http::{ReqwestTransport, TransportConfig};
    ///
    /// let client = ReqwestTransport::client_builder(&TransportConfig::default())?
    ///     .tcp_keepalive(std::time::Duration::from_secs(30))
    ///     .build()
    ///     .expect("a client");
    /// let transport = ReqwestTransport::from_client(client);
    /// # let _ = transport;
    /// # Ok::<(), payments_core::http::TransportError>(())
    /// ```
    pub fn client_builder(
        config: &TransportConfig,
    ) -> Result<reqwest::ClientBuilder, TransportError> {
        configure!(reqwest::Client::builder(), config)
    }

    /// A transport on a client of your own, to share its pool, proxy and TLS settings with
    /// the rest of the application (start from [`client_builder`](Self::client_builder) to
    /// keep the SDK's TLS backend). Response bodies are still bounded (16 MiB, see
    /// [`with_max_response_body`](Self::with_max_response_body)), but the client's own
    /// settings now decide the rest: its timeouts, and its **redirect policy** — reqwest
    /// follows up to 10 redirects by default, re-sending the body on 307/308. Build it with
    /// `.redirect(reqwest::redirect::Policy::none())` to keep payment requests from being
    /// re-sent elsewhere (the runtime then reports a 3xx as an error).
    pub fn from_client(client: reqwest::Client) -> Self {
        Self {
            client,
            max_response_body: super::DEFAULT_MAX_RESPONSE_BODY,
        }
    }

    /// Sets the largest response body read, in bytes.
    pub fn with_max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// The underlying reqwest client.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }
}

#[async_trait]
impl Transport for ReqwestTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let HttpRequest {
            method,
            url,
            headers,
            body,
            timeout,
        } = request;
        self.exchange(method, url, &headers, body, timeout).await
    }

    async fn send_ref(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        self.exchange(
            request.method,
            request.url.as_str(),
            &request.headers,
            request.body.clone(),
            request.timeout,
        )
        .await
    }
}

impl ReqwestTransport {
    /// Sends one request and reads its whole body (up to the limit).
    async fn exchange(
        &self,
        method: Method,
        url: impl reqwest::IntoUrl,
        headers: &Headers,
        body: Option<Vec<u8>>,
        timeout: Option<std::time::Duration>,
    ) -> Result<HttpResponse, TransportError> {
        let builder = request_builder!(self.client, method, url, headers, body, timeout);
        let mut response = builder.send().await.map_err(send_error)?;
        let status = response.status().as_u16();
        let headers = response_headers(response.headers());
        let mut body = BodyBuffer::new(self.max_response_body, response.content_length())?;
        while let Some(chunk) = response.chunk().await.map_err(body_error)? {
            body.push(&chunk)?;
        }
        Ok(HttpResponse {
            status,
            headers,
            body: body.finish(),
        })
    }
}

/// A response body read up to a limit. A body announced or found to be longer is an
/// error; the caller then drops the response, which closes the connection.
pub(crate) struct BodyBuffer {
    limit: usize,
    data: Vec<u8>,
}

impl BodyBuffer {
    pub(crate) fn new(limit: usize, announced: Option<u64>) -> Result<Self, TransportError> {
        let mut data = Vec::new();
        if let Some(len) = announced {
            match usize::try_from(len) {
                Ok(len) if len <= limit => data.reserve_exact(len),
                _ => return Err(TransportError::body_too_large(limit, len)),
            }
        }
        Ok(Self { limit, data })
    }

    pub(crate) fn push(&mut self, chunk: &[u8]) -> Result<(), TransportError> {
        let total = self.data.len().saturating_add(chunk.len());
        if total > self.limit {
            return Err(TransportError::body_too_large(
                self.limit,
                u64::try_from(total).unwrap_or(u64::MAX),
            ));
        }
        if total > self.data.capacity() {
            // grow geometrically, but never past the limit
            let target = self
                .data
                .capacity()
                .saturating_mul(2)
                .clamp(total, self.limit);
            self.data.reserve_exact(target - self.data.len());
        }
        self.data.extend_from_slice(chunk);
        Ok(())
    }

    /// Reads `reader` to its end into the buffer, straight into its spare capacity (a
    /// body whose length was announced is read without a copy or a second allocation).
    #[cfg(feature = "blocking")]
    pub(crate) fn read_to_end(
        &mut self,
        reader: &mut impl std::io::Read,
        read_error: impl Fn(std::io::Error) -> TransportError,
    ) -> Result<(), TransportError> {
        /// Bytes read at a time once the reserved capacity is used up.
        const MIN_READ: usize = 8 * 1024;
        loop {
            let len = self.data.len();
            if len == self.data.capacity() {
                // A full buffer, maybe at its announced length: probe for more before
                // growing it.
                let mut probe = [0u8; 64];
                let n = reader.read(&mut probe).map_err(&read_error)?;
                if n == 0 {
                    return Ok(());
                }
                self.push(probe.get(..n).unwrap_or_default())?;
                // Grow geometrically, never past the limit (plus the byte that detects a
                // longer body).
                let len = self.data.len();
                let target = self
                    .data
                    .capacity()
                    .saturating_mul(2)
                    .max(len + MIN_READ)
                    .min(self.limit.saturating_add(1));
                self.data.reserve_exact(target.saturating_sub(len));
                continue;
            }
            // Reading may go one byte past the limit, so that a longer body is detected.
            let room = (self.data.capacity() - len).min(self.limit.saturating_add(1) - len);
            self.data.resize(len + room, 0);
            let read = reader.read(self.data.get_mut(len..).unwrap_or_default());
            let n = match read {
                Ok(n) => n,
                Err(e) => {
                    self.data.truncate(len);
                    return Err(read_error(e));
                }
            };
            self.data.truncate(len + n);
            if self.data.len() > self.limit {
                return Err(TransportError::body_too_large(
                    self.limit,
                    u64::try_from(self.data.len()).unwrap_or(u64::MAX),
                ));
            }
            if n == 0 {
                return Ok(());
            }
        }
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.data
    }
}

pub(crate) fn build_error(e: reqwest::Error) -> TransportError {
    TransportError::new(TransportErrorKind::Other, "could not build the HTTP client")
        .with_source(e)
        .with_may_have_been_sent(false)
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

/// The request headers as a `HeaderMap`, in order, with credentials marked sensitive.
pub(crate) fn header_map(headers: &Headers) -> Result<reqwest::header::HeaderMap, TransportError> {
    use reqwest::header::{HeaderName, HeaderValue};
    let mut map = reqwest::header::HeaderMap::with_capacity(headers.len());
    for (name, value) in headers.iter() {
        let invalid = |what: &str| {
            TransportError::new(
                TransportErrorKind::InvalidRequest,
                format!("invalid header {what}: {name:?}"),
            )
        };
        let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid("name"))?;
        let mut header_value = HeaderValue::from_str(value).map_err(|_| invalid("value"))?;
        if crate::redact::is_sensitive_header(name) {
            header_value.set_sensitive(true);
        }
        map.append(header_name, header_value);
    }
    Ok(map)
}

pub(crate) fn response_headers(map: &reqwest::header::HeaderMap) -> Headers {
    map.iter()
        .map(|(n, v)| {
            (
                n.as_str(),
                match std::str::from_utf8(v.as_bytes()) {
                    Ok(text) => std::borrow::Cow::Borrowed(text),
                    Err(_) => String::from_utf8_lossy(v.as_bytes()),
                },
            )
        })
        .collect()
}

/// A failure of `send`: nothing or part of the request may have been written.
pub(crate) fn send_error(e: reqwest::Error) -> TransportError {
    classify(&e).with_source(e)
}

/// A failure while reading the body: the request certainly reached the server.
pub(crate) fn body_error(e: reqwest::Error) -> TransportError {
    classify(&e).with_source(e).with_may_have_been_sent(true)
}

/// Maps a reqwest error onto a [`TransportError`] kind and "may have been sent" flag.
pub(crate) fn classify(e: &reqwest::Error) -> TransportError {
    let message = e.to_string();
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
        let kind = if looks_like_tls(&error_chain_text(e)) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_buffer_limits() {
        assert!(BodyBuffer::new(10, Some(11)).is_err());
        let mut b = BodyBuffer::new(10, None).unwrap();
        b.push(b"12345").unwrap();
        b.push(b"67890").unwrap();
        let err = b.push(b"x").unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
        assert!(err.request_may_have_been_sent());
        let mut b = BodyBuffer::new(10, Some(4)).unwrap();
        b.push(b"abcd").unwrap();
        assert_eq!(b.finish(), b"abcd");
        let mut b = BodyBuffer::new(usize::MAX, None).unwrap();
        for _ in 0..100 {
            b.push(&[7; 1000]).unwrap();
        }
        assert_eq!(b.finish().len(), 100_000);
    }

    /// A reader that hands out at most `step` bytes per read.
    #[cfg(feature = "blocking")]
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    #[cfg(feature = "blocking")]
    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            let (head, rest) = self.data.split_at(n);
            buf[..n].copy_from_slice(head);
            self.data = rest;
            Ok(n)
        }
    }

    #[cfg(feature = "blocking")]
    #[test]
    fn body_buffer_reads_to_the_end_within_the_limit() {
        let io = |e: std::io::Error| TransportError::new(TransportErrorKind::Io, e.to_string());
        let data: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();
        for (limit, announced, step) in [
            (usize::MAX, None, 7),
            (50_000, Some(50_000), 50_000),
            (50_000, Some(10), 3000),
            (50_000, None, 1),
            (60_000, Some(0), 100_000),
        ] {
            let mut b = BodyBuffer::new(limit, announced).unwrap();
            let mut reader = Trickle { data: &data, step };
            b.read_to_end(&mut reader, io).unwrap();
            assert!(b.data.capacity() <= limit.saturating_add(1));
            assert_eq!(b.finish(), data, "{limit} {announced:?} {step}");
        }
        for (limit, announced, step) in [
            (49_999, None, 5000),
            (49_999, Some(49_999), 64),
            (0, None, 1),
        ] {
            let mut b = BodyBuffer::new(limit, announced).unwrap();
            let err = b
                .read_to_end(&mut Trickle { data: &data, step }, io)
                .unwrap_err();
            assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
            assert!(b.data.capacity() <= limit + 1);
        }
    }
}
