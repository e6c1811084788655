//! A real HTTP server on a loopback address for tests and benchmarks (tiny_http): each request
//! is counted per path, handed to a closure that builds the reply, and served by a pool of
//! worker threads, so a stalled reply does not hold the others up. Stops when dropped.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Read;
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

/// Counts the body bytes the server actually hands to the socket.
struct Filler {
    left: u64,
    stats: Arc<Stats>,
}

impl Read for Filler {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = (buf.len() as u64).min(self.left) as usize;
        buf[..n].fill(b'x');
        self.left -= n as u64;
        self.stats.body_bytes.fetch_add(n as u64, Ordering::SeqCst);
        Ok(n)
    }
}

pub struct TestServer {
    port: u16,
    ip: String,
    stats: Arc<Stats>,
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

type Handler = dyn Fn(&Hit) -> Reply + Send + Sync + 'static;

impl TestServer {
    /// On 127.0.0.1, a free port, 16 worker threads.
    pub fn start(handler: impl Fn(&Hit) -> Reply + Send + Sync + 'static) -> Self {
        Self::start_on("127.0.0.1", 16, handler)
    }

    pub fn start_on(
        ip: &str,
        workers: usize,
        handler: impl Fn(&Hit) -> Reply + Send + Sync + 'static,
    ) -> Self {
        let server = Arc::new(tiny_http::Server::http((ip, 0)).expect("bind test server"));
        let port = server.server_addr().to_ip().expect("an IP listener").port();
        let stats = Arc::new(Stats::default());
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let workers = (0..workers)
            .map(|_| {
                let (server, stats, stop, handler) =
                    (server.clone(), stats.clone(), stop.clone(), handler.clone());
                std::thread::spawn(move || serve(&server, &stats, &stop, &*handler, port))
            })
            .collect();
        TestServer {
            port,
            ip: ip.to_string(),
            stats,
            stop,
            workers,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://<ip>:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}:{}{}", self.ip, self.port, path)
    }

    /// Requests seen for one path (and query).
    pub fn hits(&self, path: &str) -> usize {
        *self.stats.hits.lock().unwrap().get(path).unwrap_or(&0)
    }

    pub fn total_hits(&self) -> usize {
        self.stats.hits.lock().unwrap().values().sum()
    }

    /// The most requests this server was answering at once.
    pub fn max_in_flight(&self) -> usize {
        self.stats.max_in_flight.load(Ordering::SeqCst)
    }

    /// Body bytes of `Body::Huge` replies handed to sockets so far.
    pub fn body_bytes_sent(&self) -> u64 {
        self.stats.body_bytes.load(Ordering::SeqCst)
    }
}

fn serve(
    server: &tiny_http::Server,
    stats: &Arc<Stats>,
    stop: &AtomicBool,
    handler: &Handler,
    port: u16,
) {
    while !stop.load(Ordering::SeqCst) {
        let request = match server.recv_timeout(Duration::from_millis(20)) {
            Ok(Some(r)) => r,
            Ok(None) => continue,
            Err(_) => break,
        };
        let path = request.url().to_string();
        let method = request.method().as_str().to_string();
        let user_agent = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("User-Agent"))
            .map(|h| h.value.as_str().to_string());
        let nth = {
            let mut hits = stats.hits.lock().unwrap();
            let n = hits.entry(path.clone()).or_insert(0);
            *n += 1;
            *n
        };
        let now = stats.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        stats.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let reply = handler(&Hit {
            method: &method,
            path: &path,
            nth,
            port,
            user_agent: user_agent.as_deref(),
        });
        let until = Instant::now() + reply.delay;
        while Instant::now() < until && !stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(5).min(until - Instant::now()));
        }
        let headers: Vec<tiny_http::Header> = reply
            .headers
            .iter()
            .map(|(k, v)| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap())
            .collect();
        let status = tiny_http::StatusCode(reply.status);
        let _ = match reply.body {
            Body::Empty => request.respond(tiny_http::Response::new(
                status,
                headers,
                std::io::empty(),
                Some(0),
                None,
            )),
            Body::Text(t) => {
                let len = t.len();
                request.respond(tiny_http::Response::new(
                    status,
                    headers,
                    std::io::Cursor::new(t.into_bytes()),
                    Some(len),
                    None,
                ))
            }
            Body::Huge(n) => request.respond(tiny_http::Response::new(
                status,
                headers,
                Filler {
                    left: n,
                    stats: stats.clone(),
                },
                Some(n as usize),
                None,
            )),
        };
        stats.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}
