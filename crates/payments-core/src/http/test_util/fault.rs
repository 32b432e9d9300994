//! A loopback HTTP/1.1 server that misbehaves on purpose, for fault-injection tests of
//! clients: it answers each request with the next [`Fault`] of a script and records what
//! it received. It listens on `127.0.0.1` only, serves at most [`MAX_CONNECTIONS`]
//! connections and stops when dropped.
//!
//! ```
//! use payments_core::http::test_util::fault::{Fault, FaultServer};
//!
//! let server = FaultServer::start(vec![
//!     Fault::status(503).header("Retry-After", "1"),
//!     Fault::json(200, r#"{"ok":true}"#),
//! ])?;
//! let url = server.url("/v1/orders/o1/");
//! assert!(url.starts_with("http://127.0.0.1:"));
//! assert_eq!(server.request_count(), 0);
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// Connections served before the server stops accepting.
pub const MAX_CONNECTIONS: usize = 256;
/// Largest request head or body read.
const MAX_REQUEST: usize = 1024 * 1024;

/// What the server does with one request.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Fault {
    /// A complete response.
    Respond {
        /// Status code.
        status: u16,
        /// Headers besides `Content-Length`.
        headers: Vec<(String, String)>,
        /// Body.
        body: Vec<u8>,
    },
    /// Close the connection without reading or answering.
    Close,
    /// Read the request, then never answer (the connection is held until the server stops).
    Stall,
    /// Send the head and `sent` bytes of a body announced as `announced` bytes, then reset
    /// the connection (RST).
    ResetMidBody {
        /// Body bytes sent before the reset.
        sent: usize,
        /// The announced `Content-Length`.
        announced: usize,
    },
    /// Send the head and `sent` bytes of a body announced as `announced` bytes, then close
    /// the connection normally (FIN).
    Truncate {
        /// Body bytes sent.
        sent: usize,
        /// The announced `Content-Length`.
        announced: usize,
    },
    /// A `200` whose body is `len` bytes streamed in chunks (stops when the client closes).
    Huge {
        /// Body length in bytes.
        len: usize,
        /// Whether to announce the length (`Content-Length`) or stream it chunked.
        announce: bool,
    },
}

impl Fault {
    /// A response with a status and no body.
    pub fn status(status: u16) -> Self {
        Fault::Respond {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A JSON response.
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Fault::Respond {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
        }
    }

    /// A response with a body of any content type.
    pub fn body(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Fault::Respond {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// A redirect to `location`.
    pub fn redirect(status: u16, location: &str) -> Self {
        Self::status(status).header("Location", location)
    }

    /// Adds a header to a [`Fault::Respond`] (other faults are returned unchanged).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Fault::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

/// One request the server received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedRequest {
    /// Method.
    pub method: String,
    /// Path and query.
    pub path: String,
    /// Headers in received order (names as sent).
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Vec<u8>,
}

impl ReceivedRequest {
    /// The first value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Shared {
    script: Vec<Fault>,
    next: usize,
    requests: Vec<ReceivedRequest>,
    connections: usize,
}

/// The server; see the module docs. Stops (and releases held connections) on drop.
pub struct FaultServer {
    addr: SocketAddr,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for FaultServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaultServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl FaultServer {
    /// Starts a server answering the n-th request with `script[n]`; the last fault repeats
    /// once the script is used up (an empty script answers `200` with no body).
    pub fn start(script: Vec<Fault>) -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Mutex::new(Shared {
            script,
            ..Shared::default()
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let acceptor = {
            let (shared, stop) = (Arc::clone(&shared), Arc::clone(&stop));
            std::thread::Builder::new()
                .name("fault-server".into())
                .spawn(move || accept_loop(listener, shared, stop))?
        };
        Ok(Self {
            addr,
            shared,
            stop,
            acceptor: Some(acceptor),
        })
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// The base URL, `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        self.url("")
    }

    /// Requests received so far (a [`Fault::Close`] counts: its connection was accepted).
    pub fn request_count(&self) -> usize {
        lock(&self.shared).next
    }

    /// Every request read so far, in order.
    pub fn requests(&self) -> Vec<ReceivedRequest> {
        lock(&self.shared).requests.clone()
    }

    /// Connections accepted so far.
    pub fn connection_count(&self) -> usize {
        lock(&self.shared).connections
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // wake the acceptor
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
        if let Some(handle) = self.acceptor.take() {
            let _ = handle.join();
        }
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Mutex<Shared>>, stop: Arc<AtomicBool>) {
    let mut workers = Vec::new();
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        {
            let mut s = lock(&shared);
            if s.connections >= MAX_CONNECTIONS {
                break;
            }
            s.connections += 1;
        }
        let (shared, stop) = (Arc::clone(&shared), Arc::clone(&stop));
        if let Ok(handle) = std::thread::Builder::new()
            .name("fault-conn".into())
            .spawn(move || serve(stream, &shared, &stop))
        {
            workers.push(handle);
        }
    }
    for handle in workers {
        let _ = handle.join();
    }
}

/// Serves the requests of one connection until a fault ends it or the client closes.
fn serve(stream: TcpStream, shared: &Mutex<Shared>, stop: &AtomicBool) {
    let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut writer = stream;
    loop {
        let Some(request) = read_request(&mut reader, stop) else {
            return;
        };
        let fault = {
            let mut s = lock(shared);
            let fault = s
                .script
                .get(s.next)
                .or_else(|| s.script.last())
                .cloned()
                .unwrap_or_else(|| Fault::status(200));
            s.next += 1;
            if let Some(request) = request {
                s.requests.push(request);
            }
            fault
        };
        if !answer(&mut writer, fault, stop) {
            return;
        }
    }
}

/// Reads one request: `None` when the client closed or the server stops, `Some(None)`
/// when something arrived that is not a request this server understands.
fn read_request(
    reader: &mut BufReader<TcpStream>,
    stop: &AtomicBool,
) -> Option<Option<ReceivedRequest>> {
    let mut head = Vec::new();
    loop {
        if stop.load(Ordering::SeqCst) {
            return None;
        }
        match reader.read_until(b'\n', &mut head) {
            Ok(0) => return None,
            Ok(_) if head == b"\r\n" => head.clear(),
            Ok(_) if head.ends_with(b"\r\n\r\n") => break,
            Ok(_) if head.len() > MAX_REQUEST => return Some(None),
            Ok(_) => {}
            Err(e) if is_timeout(&e) => {}
            Err(_) => return None,
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let path = first.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0)
        .min(MAX_REQUEST);
    let mut body = vec![0; length];
    let mut filled = 0;
    while filled < length {
        if stop.load(Ordering::SeqCst) {
            return None;
        }
        match reader.read(body.get_mut(filled..).unwrap_or_default()) {
            Ok(0) => return None,
            Ok(n) => filled += n,
            Err(e) if is_timeout(&e) => {}
            Err(_) => return None,
        }
    }
    Some(Some(ReceivedRequest {
        method,
        path,
        headers,
        body,
    }))
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// Carries out one fault; false when the connection is finished.
fn answer(stream: &mut TcpStream, fault: Fault, stop: &AtomicBool) -> bool {
    match fault {
        Fault::Respond {
            status,
            headers,
            body,
        } => {
            let mut out = head(status, &headers, Some(body.len()));
            out.extend_from_slice(&body);
            stream.write_all(&out).is_ok()
        }
        Fault::Close => {
            let _ = stream.shutdown(Shutdown::Both);
            false
        }
        Fault::Stall => {
            while !stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(20));
            }
            false
        }
        Fault::ResetMidBody { sent, announced } => {
            let _ = write_partial(stream, sent, announced);
            let _ = socket2::SockRef::from(&*stream).set_linger(Some(Duration::ZERO));
            false
        }
        Fault::Truncate { sent, announced } => {
            let _ = write_partial(stream, sent, announced);
            let _ = stream.shutdown(Shutdown::Write);
            false
        }
        Fault::Huge { len, announce } => {
            let headers = if announce {
                Vec::new()
            } else {
                vec![("Transfer-Encoding".to_owned(), "chunked".to_owned())]
            };
            let lead = head(200, &headers, announce.then_some(len));
            if stream.write_all(&lead).is_err() {
                return false;
            }
            let chunk = vec![b'x'; 64 * 1024];
            let mut left = len;
            while left > 0 {
                let n = left.min(chunk.len());
                let data = chunk.get(..n).unwrap_or_default();
                let written = if announce {
                    write_until_stop(stream, data, stop)
                } else {
                    write_until_stop(stream, format!("{n:x}\r\n").as_bytes(), stop)
                        .and_then(|()| write_until_stop(stream, data, stop))
                        .and_then(|()| write_until_stop(stream, b"\r\n", stop))
                };
                if written.is_err() {
                    return false;
                }
                left -= n;
            }
            !announce && write_until_stop(stream, b"0\r\n\r\n", stop).is_ok()
        }
    }
}

/// Writes all of `data`, waiting out a client that reads slowly, until the server stops.
fn write_until_stop(stream: &mut TcpStream, mut data: &[u8], stop: &AtomicBool) -> io::Result<()> {
    while !data.is_empty() {
        if stop.load(Ordering::SeqCst) {
            return Err(io::Error::other("server stopped"));
        }
        match stream.write(data) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => data = data.get(n..).unwrap_or_default(),
            Err(e) if is_timeout(&e) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn write_partial(stream: &mut TcpStream, sent: usize, announced: usize) -> io::Result<()> {
    let mut out = head(200, &[], Some(announced));
    out.extend(std::iter::repeat_n(b'x', sent));
    stream.write_all(&out)?;
    stream.flush()
}

fn head(status: u16, headers: &[(String, String)], length: Option<usize>) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(length) = length {
        out.push_str(&format!("Content-Length: {length}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        302 => "Found",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        402 => "Payment Required",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
