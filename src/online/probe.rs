//! Checking one URL: HEAD first, GET when HEAD is not conclusive, every redirect hop followed
//! by hand (and its address checked), retries with backoff, and no response body ever read.

use std::collections::HashSet;
use std::io;
use std::net::IpAddr;
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime};

use ureq::http::{HeaderMap, StatusCode};
use url::{Host, Url};

use super::policy::{AddrPolicy, BlockedAddr, GuardedResolver};
use super::retry::{backoff, parse_retry_after};
use super::sched::{Scheduler, Slot};
use super::{OnlineOptions, UrlVerdict};

/// The verdict on one URL, the final status when it is OK (what the cache stores), and whether
/// it could not be verified for lack of time.
pub(crate) struct Checked {
    pub(crate) verdict: UrlVerdict,
    pub(crate) status: Option<u16>,
    pub(crate) out_of_time: bool,
}

impl Checked {
    fn new(verdict: UrlVerdict) -> Self {
        Checked {
            verdict,
            status: None,
            out_of_time: false,
        }
    }
    fn ok(status: u16) -> Self {
        Checked {
            status: Some(status),
            ..Checked::new(UrlVerdict::Ok)
        }
    }
    fn dead(reason: String) -> Self {
        Checked::new(UrlVerdict::Dead { reason })
    }
    fn unverified(reason: String) -> Self {
        Checked::new(UrlVerdict::Unverified { reason })
    }
    fn skipped(reason: String) -> Self {
        Checked::new(UrlVerdict::Skipped { reason })
    }
    fn out_of_time(reason: String) -> Self {
        Checked {
            out_of_time: true,
            ..Checked::unverified(reason)
        }
    }
    /// A URL whose turn came after the run's `budget` ran out.
    pub(crate) fn budget_spent(opts: &OnlineOptions) -> Self {
        Checked::out_of_time(format!(
            "not checked: the run's `budget` of {} for external URLs ran out first",
            seconds(opts.budget.unwrap_or_default())
        ))
    }
}

/// A duration for messages: `1.5 s`, `30 s`.
fn seconds(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// The key the per-host limit counts by.
pub(crate) fn host_key(url: &Url) -> String {
    url.host_str().unwrap_or_default().to_ascii_lowercase()
}

/// The URL as it may be shown: without user name and password.
pub(crate) fn redact(url: &Url) -> String {
    if url.username().is_empty() && url.password().is_none() {
        return url.to_string();
    }
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.to_string()
}

fn status_text(status: u16) -> String {
    let reason = StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(r) => format!("HTTP {status} {r}"),
        None => format!("HTTP {status}"),
    }
}

/// Names a bot wall when the response looks like one.
fn bot_wall(status: u16, headers: &HeaderMap) -> Option<&'static str> {
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    if get("cf-mitigated") == "challenge" {
        return Some("a Cloudflare bot challenge");
    }
    let waf = get("x-amzn-waf-action");
    if waf == "challenge" || waf == "captcha" {
        return Some("an AWS WAF challenge");
    }
    if status == 999 {
        return Some("a bot wall");
    }
    if matches!(status, 403 | 503) {
        let server = get("server");
        if server.contains("cloudflare") {
            return Some("Cloudflare");
        }
        if server.contains("datadome") || headers.contains_key("x-datadome") {
            return Some("DataDome");
        }
    }
    None
}

enum Failure {
    Blocked(BlockedAddr),
    Dead(String),
    /// Transient: retried, then "could not verify".
    Retry(String),
    /// No answer in time: retried while the URL's deadline allows, then "could not verify".
    Timeout,
    Unverified(String),
}

fn classify_error(e: ureq::Error) -> Failure {
    match e {
        ureq::Error::Timeout(_) => Failure::Timeout,
        ureq::Error::HostNotFound => Failure::Dead(NO_SUCH_HOST.into()),
        ureq::Error::Io(io) => classify_io(io),
        ureq::Error::Tls(msg) => Failure::Dead(format!("TLS error: {msg}")),
        ureq::Error::Rustls(e) => Failure::Dead(format!("TLS error: {e}")),
        ureq::Error::Protocol(e) => Failure::Unverified(format!("invalid HTTP response: {e}")),
        ureq::Error::LargeResponseHeader(..) => {
            Failure::Unverified("response headers too large".into())
        }
        ureq::Error::ConnectionFailed => Failure::Retry("connection failed".into()),
        ureq::Error::BadUri(_) => Failure::Dead("not a valid URL".into()),
        _ => Failure::Unverified("request failed".into()),
    }
}

fn classify_io(e: io::Error) -> Failure {
    if let Some(b) = e.get_ref().and_then(|i| i.downcast_ref::<BlockedAddr>()) {
        return Failure::Blocked(BlockedAddr {
            ip: b.ip,
            class: b.class,
        });
    }
    if let Some(t) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        return Failure::Dead(format!("TLS error: {t}"));
    }
    use io::ErrorKind as K;
    match e.kind() {
        K::ConnectionRefused => Failure::Dead("connection refused".into()),
        K::TimedOut | K::WouldBlock => Failure::Timeout,
        K::ConnectionReset | K::ConnectionAborted | K::UnexpectedEof | K::BrokenPipe => {
            Failure::Retry(format!("connection closed by the server ({e})"))
        }
        K::HostUnreachable | K::NetworkUnreachable | K::AddrNotAvailable => {
            Failure::Unverified(format!("network error: {e}"))
        }
        _ => {
            let msg = e.to_string();
            if msg.contains("lookup address") || msg.contains("No such host") {
                classify_dns(&msg)
            } else {
                Failure::Unverified(format!("connection error: {msg}"))
            }
        }
    }
}

/// The reasons a DNS failure gives a verdict ([`classify_dns`], `HostNotFound`).
const NO_SUCH_HOST: &str = "host name not found (DNS)";
const RESOLVER_FAILED: &str = "DNS lookup failed";

/// Whether `verdict` says the URL's own host name did not resolve (not a host it redirected
/// to: then its own did).
pub(crate) fn is_dns_failure(verdict: &UrlVerdict) -> bool {
    match verdict {
        UrlVerdict::Dead { reason } | UrlVerdict::Unverified { reason } => {
            (reason.starts_with(NO_SUCH_HOST) || reason.starts_with(RESOLVER_FAILED))
                && !reason.contains(" (redirected to ")
        }
        _ => false,
    }
}

/// A definite "no such name" is dead; a failing or unreachable resolver is only "could not
/// verify" (a CI box without DNS must not call every URL dead).
fn classify_dns(msg: &str) -> Failure {
    const NOT_FOUND: [&str; 5] = [
        "Name or service not known",           // glibc EAI_NONAME
        "No address associated with hostname", // glibc EAI_NODATA
        "nodename nor servname provided",      // BSD, macOS
        "Name does not resolve",               // musl
        "No such host is known",               // Windows WSAHOST_NOT_FOUND
    ];
    if NOT_FOUND.iter().any(|m| msg.contains(m)) {
        Failure::Dead(NO_SUCH_HOST.into())
    } else {
        Failure::Retry(format!("{RESOLVER_FAILED} ({msg})"))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Head,
    Get,
}

pub(crate) struct Prober<'a> {
    agent: ureq::Agent,
    opts: &'a OnlineOptions,
    policy: AddrPolicy,
}

impl<'a> Prober<'a> {
    pub(crate) fn new(opts: &'a OnlineOptions) -> Self {
        let policy = AddrPolicy {
            allow_private: opts.allow_private,
            allow_loopback: opts.allow_loopback,
        };
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Redirects are followed here, hop by hop, so each hop's address is checked.
            .max_redirects(0)
            .max_redirects_will_error(false)
            // A proxy would resolve names itself, out of reach of the address check.
            .proxy(None)
            .user_agent(opts.user_agent.as_str())
            .timeout_global(Some(opts.timeout))
            .timeout_connect(Some(opts.connect_timeout.min(opts.timeout)))
            .max_idle_connections(opts.max_concurrency.max(1))
            .max_idle_connections_per_host(opts.max_per_host.max(1))
            .build();
        let agent = ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::new(),
            GuardedResolver::new(policy),
        );
        Prober {
            agent,
            opts,
            policy,
        }
    }

    /// Refuses a hop whose host is an IP literal that the policy forbids, before any connection.
    fn refused_literal(&self, url: &Url, hops: usize) -> Option<Checked> {
        let ip: IpAddr = match url.host()? {
            Host::Ipv4(ip) => ip.into(),
            Host::Ipv6(ip) => ip.into(),
            Host::Domain(_) => return None,
        };
        let class = self.policy.check(ip).err()?;
        Some(Checked::skipped(format!(
            "not fetched: {}{ip} is a {} address (private addresses are not checked unless \
             allow_private is set)",
            if hops > 0 { "redirected to " } else { "" },
            class.describe(),
        )))
    }

    /// One request, given at most `timeout` (the request timeout, or less when the URL's
    /// deadline is nearer).
    fn send(
        &self,
        method: Method,
        url: &Url,
        timeout: Duration,
    ) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        let request = match method {
            Method::Head => self.agent.head(url.as_str()),
            Method::Get => self.agent.get(url.as_str()),
        };
        request
            .config()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(self.opts.connect_timeout.min(timeout)))
            .build()
            .call()
    }

    fn wait(&self, attempt: u32) -> Duration {
        backoff(self.opts.retry_delay, attempt, self.opts.max_retry_wait)
    }

    /// Checks `start`, whose host slot the caller already holds in `first`, within the URL's
    /// `deadline` and before `budget_end`.
    pub(crate) fn check<J>(
        &self,
        sched: &Scheduler<J>,
        first: Slot<'_, J>,
        start: &Url,
        budget_end: Option<Instant>,
    ) -> Checked {
        let opts = self.opts;
        let began = Instant::now();
        let deadline = began.checked_add(opts.deadline);
        let end = match (deadline, budget_end) {
            (Some(d), Some(b)) => Some(d.min(b)),
            (d, b) => d.or(b),
        };
        let left = || {
            end.map_or(opts.timeout, |e| {
                e.saturating_duration_since(Instant::now())
            })
        };
        // Why time ran out: the URL's own deadline, or the run's budget.
        let ran_out = |attempts: u32, via: &str| {
            let why = if budget_end.is_some_and(|b| Instant::now() >= b) && end == budget_end {
                format!(
                    "the run's `budget` of {} for external URLs ran out",
                    seconds(opts.budget.unwrap_or_default())
                )
            } else {
                format!(
                    "no answer within the URL's {} deadline",
                    seconds(opts.deadline)
                )
            };
            let attempts = match attempts {
                0 => String::new(),
                1 => " (1 attempt)".to_string(),
                n => format!(" ({n} attempts)"),
            };
            Checked::out_of_time(format!("timed out{via}: {why}{attempts}"))
        };
        let mut url = start.clone();
        let mut method = Method::Head;
        let mut hops = 0usize;
        let mut retries = 0u32;
        let mut visited: HashSet<String> = HashSet::from([url.as_str().to_owned()]);
        let mut slot = Some(first);
        loop {
            let via = if hops == 0 {
                String::new()
            } else {
                format!(" (redirected to {})", redact(&url))
            };
            if let Some(refused) = self.refused_literal(&url, hops) {
                return refused;
            }
            let key = host_key(&url);
            if slot.as_ref().map(Slot::host) != Some(key.as_str()) {
                drop(slot.take()); // give the old slot back before waiting for the new host's
                slot = Some(sched.acquire(&key));
            }
            let time = left();
            if time.is_zero() {
                return ran_out(retries, &via);
            }
            let resp = match self.send(method, &url, opts.timeout.min(time)) {
                Ok(resp) => resp,
                Err(e) => match classify_error(e) {
                    Failure::Blocked(b) => {
                        return Checked::skipped(format!(
                            "not fetched: {}{} resolves to {}, a {} address (private addresses \
                             are not checked unless allow_private is set)",
                            if hops > 0 { "redirected to " } else { "" },
                            url.host_str().unwrap_or_default(),
                            b.ip,
                            b.class.describe(),
                        ))
                    }
                    Failure::Dead(r) => return Checked::dead(format!("{r}{via}")),
                    Failure::Unverified(r) => return Checked::unverified(format!("{r}{via}")),
                    Failure::Timeout => {
                        let wait = self.wait(retries);
                        if retries < opts.retries && wait < left() {
                            sleep(wait);
                            retries += 1;
                            continue;
                        }
                        if left().is_zero() || retries < opts.retries {
                            return ran_out(retries + 1, &via);
                        }
                        return Checked::out_of_time(format!(
                            "timed out{via}, {} attempt{}",
                            retries + 1,
                            if retries == 0 { "" } else { "s" }
                        ));
                    }
                    Failure::Retry(r) => {
                        let wait = self.wait(retries);
                        if retries < opts.retries && wait < left() {
                            sleep(wait);
                            retries += 1;
                            continue;
                        }
                        return Checked::unverified(format!(
                            "{r}{via}, {} attempt{}",
                            retries + 1,
                            if retries == 0 { "" } else { "s" }
                        ));
                    }
                },
            };
            let status = resp.status().as_u16();
            let header = |name: &str| {
                resp.headers()
                    .get(name)
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            };
            let location = header("location");
            let retry_after = header("retry-after");
            let wall = bot_wall(status, resp.headers());
            drop(resp); // the body is never read

            if (200..300).contains(&status) || opts.accept.contains(&status) {
                return Checked::ok(status);
            }
            if let (300..=399, Some(location)) = (status, location) {
                hops += 1;
                if hops > opts.max_redirects {
                    return Checked::dead(format!(
                        "too many redirects (more than {})",
                        opts.max_redirects
                    ));
                }
                let Ok(mut next) = url.join(location.trim()) else {
                    return Checked::unverified(format!(
                        "{} with an invalid Location header{via}",
                        status_text(status)
                    ));
                };
                next.set_fragment(None);
                if !matches!(next.scheme(), "http" | "https") {
                    return Checked::unverified(format!(
                        "redirected to a `{}:` URL, which is not checked",
                        next.scheme()
                    ));
                }
                if !visited.insert(next.as_str().to_owned()) {
                    return Checked::dead(format!("redirect loop at {}", redact(&next)));
                }
                url = next;
                continue;
            }
            if method == Method::Head && status != 429 {
                // Many servers answer HEAD wrongly (405, 501, 404, 403, 500...): ask again with
                // GET before judging.
                method = Method::Get;
                continue;
            }
            if let Some(wall) = wall {
                return Checked::unverified(format!(
                    "blocked by {wall} ({}){via}",
                    status_text(status)
                ));
            }
            match status {
                404 | 410 => return Checked::dead(format!("{}{via}", status_text(status))),
                429 | 500..=599 => {
                    let asked = retry_after.and_then(|v| parse_retry_after(&v, SystemTime::now()));
                    let wait = match asked {
                        Some(w) if w > opts.max_retry_wait => {
                            return Checked::unverified(format!(
                                "{}{via}; the server asks to retry after {} s",
                                status_text(status),
                                w.as_secs()
                            ));
                        }
                        Some(w) => w,
                        None => self.wait(retries),
                    };
                    if retries < opts.retries && wait < left() {
                        sleep(wait);
                        retries += 1;
                        continue;
                    }
                    return Checked::unverified(format!(
                        "{}{via}, {} attempt{}",
                        status_text(status),
                        retries + 1,
                        if retries == 0 { "" } else { "s" }
                    ));
                }
                401 | 403 => {
                    return Checked::unverified(format!(
                        "{} (access denied){via}",
                        status_text(status)
                    ))
                }
                _ => return Checked::unverified(format!("{}{via}", status_text(status))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_errors_dead_only_when_the_name_does_not_exist() {
        let gone = "failed to lookup address information: Name or service not known";
        assert!(matches!(classify_dns(gone), Failure::Dead(_)));
        let mac =
            "failed to lookup address information: nodename nor servname provided, or not known";
        assert!(matches!(classify_dns(mac), Failure::Dead(_)));
        let offline = "failed to lookup address information: Temporary failure in name resolution";
        assert!(matches!(classify_dns(offline), Failure::Retry(_)));
    }

    #[test]
    fn redacts_credentials() {
        let u = Url::parse("https://alice:s3cret@example.com/a?b#c").unwrap();
        assert_eq!(redact(&u), "https://example.com/a?b#c");
        let plain = Url::parse("https://example.com/").unwrap();
        assert_eq!(redact(&plain), "https://example.com/");
    }

    #[test]
    fn recognises_bot_walls() {
        let mut h = HeaderMap::new();
        assert_eq!(bot_wall(403, &h), None);
        h.insert("cf-mitigated", "challenge".parse().unwrap());
        assert_eq!(bot_wall(403, &h), Some("a Cloudflare bot challenge"));
        let mut h = HeaderMap::new();
        h.insert("server", "cloudflare".parse().unwrap());
        assert_eq!(bot_wall(503, &h), Some("Cloudflare"));
        assert_eq!(bot_wall(429, &h), None); // a rate limit: retried, not a wall
        assert_eq!(bot_wall(999, &HeaderMap::new()), Some("a bot wall"));
    }
}
