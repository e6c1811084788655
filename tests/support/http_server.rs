//! A real HTTP/1.1 server on a loopback address for tests and benchmarks: each request is
//! counted per path and handed to a closure that builds the reply; one thread per connection,
//! one request per connection (`Connection: close`). Stops when dropped.
//!
//! Hand-rolled rather than tiny_http: tiny_http 0.12 serves connections from a thread pool whose
//! `spawn` can queue a new connection behind idle keep-alive connections (it counts a waiting
//! thread that another task already claimed), so a client that pools connections sees random
//! multi-second stalls, and timing assertions become flaky.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What the handler sees of a request.
pub struct Hit<'a> {
    pub method: &'a str,
    /// Path and query, as requested.
    pub path: &'a str,
    /// How many requests this path has had, this one included (1 for the first).
    pub nth: usize,
    /// The server's own port, for redirects to itself.
    pub port: u16,
    pub user_agent: Option<&'a str>,
}

pub enum Body {
    Empty,
    Text(String),
    /// A file's bytes, e.g. a release archive.
    Bytes(Vec<u8>),
    /// `n` bytes of filler with a matching `Content-Length`, produced as they are sent.
    Huge(u64),
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// Wait this long before answering.
    pub delay: Duration,
}

impl Reply {
    pub fn status(status: u16) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: Body::Empty,
            delay: Duration::ZERO,
        }
    }
    pub fn ok() -> Self {
        Reply::status(200).text("ok")
    }
    pub fn redirect(status: u16, location: impl Into<String>) -> Self {
        Reply::status(status).header("Location", location)
    }
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into()));
        self
    }
    pub fn text(mut self, text: &str) -> Self {
        self.body = Body::Text(text.to_string());
        self
    }
    pub fn bytes(mut self, bytes: Vec<u8>) -> Self {
        self.body = Body::Bytes(bytes);
        self
    }
    pub fn huge(mut self, bytes: u64) -> Self {
        self.body = Body::Huge(bytes);
        self
    }
    pub fn delay(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }
}

#[derive(Default)]
struct Stats {
    hits: Mutex<HashMap<String, usize>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    body_bytes: AtomicU64,
}

type Handler = dyn Fn(&Hit) -> Reply + Send + Sync + 'static;

struct Shared {
    stats: Stats,
    stop: AtomicBool,
    handler: Box<Handler>,
    port: u16,
    connections: Mutex<Vec<JoinHandle<()>>>,
}

pub struct TestServer {
    ip: String,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl TestServer {
    /// On 127.0.0.1, a free port.
    pub fn start(handler: impl Fn(&Hit) -> Reply + Send + Sync + 'static) -> Self {
        Self::start_on("127.0.0.1", handler)
    }

    /// On a loopback address (any of 127.0.0.0/8 on Linux), a free port.
    pub fn start_on(ip: &str, handler: impl Fn(&Hit) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind((ip, 0)).expect("bind test server");
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared {
            stats: Stats::default(),
            stop: AtomicBool::new(false),
            handler: Box::new(handler),
            port,
            connections: Mutex::new(Vec::new()),
        });
        let acceptor = {
            let shared = shared.clone();
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if shared.stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(conn) = conn else { continue };
                    let s = shared.clone();
                    let h = std::thread::spawn(move || serve(conn, &s));
                    let mut conns = shared.connections.lock().unwrap();
                    conns.retain(|h| !h.is_finished());
                    conns.push(h);
                }
            })
        };
        TestServer {
            ip: ip.to_string(),
            shared,
            acceptor: Some(acceptor),
        }
    }

    pub fn port(&self) -> u16 {
        self.shared.port
    }

    /// `http://<ip>:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}:{}{}", self.ip, self.shared.port, path)
    }

    /// Requests seen for one path (and query).
    pub fn hits(&self, path: &str) -> usize {
        *self
            .shared
            .stats
            .hits
            .lock()
            .unwrap()
            .get(path)
            .unwrap_or(&0)
    }

    pub fn total_hits(&self) -> usize {
        self.shared.stats.hits.lock().unwrap().values().sum()
    }

    /// The most requests this server was answering at once.
    pub fn max_in_flight(&self) -> usize {
        self.shared.stats.max_in_flight.load(Ordering::SeqCst)
    }

    /// Body bytes of `Body::Huge` replies written to sockets so far.
    pub fn body_bytes_sent(&self) -> u64 {
        self.shared.stats.body_bytes.load(Ordering::SeqCst)
    }
}

/// Reads the request head: method, target, and the User-Agent header.
fn read_head(conn: &mut TcpStream) -> Option<(String, String, Option<String>)> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = conn.read(&mut chunk).ok()?;
        if n == 0 || buf.len() > 64 * 1024 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, target) = (first.next()?.to_string(), first.next()?.to_string());
    let user_agent = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("user-agent"))
        .map(|(_, v)| v.trim().to_string());
    Some((method, target, user_agent))
}

fn serve(mut conn: TcpStream, shared: &Shared) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = conn.set_write_timeout(Some(Duration::from_secs(5)));
    let Some((method, path, user_agent)) = read_head(&mut conn) else {
        return;
    };
    let stats = &shared.stats;
    let nth = {
        let mut hits = stats.hits.lock().unwrap();
        let n = hits.entry(path.clone()).or_insert(0);
        *n += 1;
        *n
    };
    let now = stats.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    stats.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let reply = (shared.handler)(&Hit {
        method: &method,
        path: &path,
        nth,
        port: shared.port,
        user_agent: user_agent.as_deref(),
    });
    let until = Instant::now() + reply.delay;
    while Instant::now() < until && !shared.stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(5).min(until - Instant::now()));
    }
    // out of flight before the reply leaves, so the client's next request can never overlap it
    stats.in_flight.fetch_sub(1, Ordering::SeqCst);
    let len = match &reply.body {
        Body::Empty => 0,
        Body::Text(t) => t.len() as u64,
        Body::Bytes(b) => b.len() as u64,
        Body::Huge(n) => *n,
    };
    let mut head = format!("HTTP/1.1 {} X\r\n", reply.status);
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {len}\r\nConnection: close\r\n\r\n"
    ));
    let mut result = conn.write_all(head.as_bytes());
    if method != "HEAD" && result.is_ok() {
        match &reply.body {
            Body::Empty => {}
            Body::Text(t) => result = conn.write_all(t.as_bytes()),
            Body::Bytes(b) => result = conn.write_all(b),
            Body::Huge(n) => {
                let block = [b'x'; 64 * 1024];
                let mut left = *n;
                while left > 0 && !shared.stop.load(Ordering::SeqCst) {
                    let k = left.min(block.len() as u64) as usize;
                    match conn.write(&block[..k]) {
                        Ok(0) | Err(_) => break,
                        Ok(w) => {
                            stats.body_bytes.fetch_add(w as u64, Ordering::SeqCst);
                            left -= w as u64;
                        }
                    }
                }
            }
        }
    }
    let _ = result;
    let _ = conn.flush();
    let _ = conn.shutdown(Shutdown::Write);
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // wake the acceptor
        let _ = TcpStream::connect((self.ip.as_str(), self.shared.port));
        if let Some(a) = self.acceptor.take() {
            let _ = a.join();
        }
        let conns = std::mem::take(&mut *self.shared.connections.lock().unwrap());
        for c in conns {
            let _ = c.join();
        }
    }
}
