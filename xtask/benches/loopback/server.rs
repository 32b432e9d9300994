//! A minimal HTTP/1.1 keep-alive server on 127.0.0.1 that answers every request with a
//! canned response chosen by path prefix, so that its own cost stays small and equal for
//! both clients. It serves at most [`MAX_REQUESTS`] requests and [`MAX_CONNECTIONS`]
//! connections, stops after [`MAX_RUNTIME`], and stops when dropped.
//!
//! While capturing is on it keeps the last request it read, for comparing what two
//! clients send.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// Requests served before the server stops answering.
pub const MAX_REQUESTS: u64 = 20_000_000;
/// Connections accepted before the server stops accepting.
pub const MAX_CONNECTIONS: u64 = 1024;
/// Longest time the server runs.
pub const MAX_RUNTIME: Duration = Duration::from_secs(900);
/// Largest request head plus body read.
const MAX_REQUEST: usize = 1024 * 1024;

/// A request as the server read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    pub method: String,
    pub path: String,
    /// Header names (lower-case) and values, in received order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

struct State {
    routes: Vec<(&'static str, Vec<u8>)>,
    served: AtomicU64,
    capture: AtomicBool,
    captured: Mutex<Option<Captured>>,
}

/// The running server.
pub struct Server {
    addr: SocketAddr,
    state: Arc<State>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts the server on its own thread; `routes` are (path prefix, JSON body).
    pub fn start(routes: &[(&'static str, &str)]) -> std::io::Result<Self> {
        let routes = routes
            .iter()
            .map(|(prefix, body)| (*prefix, response(body)))
            .collect();
        let state = Arc::new(State {
            routes,
            served: AtomicU64::new(0),
            capture: AtomicBool::new(false),
            captured: Mutex::new(None),
        });
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let shared = Arc::clone(&state);
        let thread = std::thread::Builder::new()
            .name("loopback-server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = TcpListener::from_std(listener) else {
                        return;
                    };
                    tokio::select! {
                        () = accept(listener, shared) => {}
                        _ = stopped => {}
                        () = tokio::time::sleep(MAX_RUNTIME) => {}
                    }
                });
            })?;
        Ok(Self {
            addr,
            state,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:<port>`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Requests answered so far.
    pub fn served(&self) -> u64 {
        self.state.served.load(Ordering::Relaxed)
    }

    /// Keeps the last request from now on (until [`take_captured`](Self::take_captured)).
    pub fn capture(&self) {
        self.state.capture.store(true, Ordering::SeqCst);
    }

    /// The last request read since [`capture`](Self::capture), and stops keeping requests.
    pub fn take_captured(&self) -> Option<Captured> {
        self.state.capture.store(false, Ordering::SeqCst);
        self.state.captured.lock().ok()?.take()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The whole response: head and body.
fn response(body: &str) -> Vec<u8> {
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         date: Tue, 14 May 2024 09:22:31 GMT\r\nx-request-id: 6f1c2b7e-0d4a-4e55-9b8f-31a2c4d5e6f7\r\n\r\n",
        body.len()
    );
    [head.as_bytes(), body.as_bytes()].concat()
}

const NOT_FOUND: &[u8] = b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n";

async fn accept(listener: TcpListener, state: Arc<State>) {
    let mut connections = 0;
    while connections < MAX_CONNECTIONS {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        connections += 1;
        tokio::spawn(serve(stream, Arc::clone(&state)));
    }
    // Keep serving the open connections until stopped.
    std::future::pending::<()>().await;
}

async fn serve(mut stream: TcpStream, state: Arc<State>) {
    if stream.set_nodelay(true).is_err() {
        return;
    }
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    loop {
        let Some(len) = read_request(&mut stream, &mut buf).await else {
            return;
        };
        if state.served.fetch_add(1, Ordering::Relaxed) >= MAX_REQUESTS {
            return;
        }
        let request = buf.get(..len).unwrap_or_default();
        let path = request_path(request);
        if state.capture.load(Ordering::Relaxed)
            && let (Some(captured), Ok(mut slot)) = (parse(request), state.captured.lock())
        {
            *slot = Some(captured);
        }
        let answer = state
            .routes
            .iter()
            .find(|(prefix, _)| path.starts_with(prefix))
            .map_or(NOT_FOUND, |(_, response)| response.as_slice());
        if stream.write_all(answer).await.is_err() {
            return;
        }
        buf.drain(..len);
    }
}

/// Reads one whole request (head and `content-length` body) into the front of `buf`;
/// returns its length, or `None` when the connection ends or the request is too large.
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<usize> {
    loop {
        if let Some(head) = find(buf, b"\r\n\r\n") {
            let total = head + 4 + content_length(buf.get(..head)?);
            if total > MAX_REQUEST {
                return None;
            }
            while buf.len() < total {
                if stream.read_buf(buf).await.ok()? == 0 {
                    return None;
                }
            }
            return Some(total);
        }
        if buf.len() > MAX_REQUEST || stream.read_buf(buf).await.ok()? == 0 {
            return None;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn lines(head: &[u8]) -> impl Iterator<Item = &str> {
    std::str::from_utf8(head).unwrap_or("").split("\r\n")
}

fn content_length(head: &[u8]) -> usize {
    lines(head)
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0)
}

fn request_path(request: &[u8]) -> &str {
    let line_end = find(request, b"\r\n").unwrap_or(0);
    let line = std::str::from_utf8(request.get(..line_end).unwrap_or_default()).unwrap_or("");
    line.split(' ').nth(1).unwrap_or("")
}

fn parse(request: &[u8]) -> Option<Captured> {
    let head_end = find(request, b"\r\n\r\n")?;
    let mut lines = lines(request.get(..head_end)?);
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let path = first.next()?.to_owned();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Some(Captured {
        method,
        path,
        headers,
        body: request.get(head_end + 4..)?.to_vec(),
    })
}
