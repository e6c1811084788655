//! Online checks of external URLs (`dead-url`, `unverified-url`): each distinct `http(s)` URL is
//! checked once, concurrently, politely and safely, with an on-disk cache of the good ones.
//!
//! HTTP stack: **ureq 3** (blocking, rustls with the *ring* provider and webpki roots, no default
//! features) on a pool of plain threads, rather than reqwest + tokio + hyper as lychee has. ureq
//! brings about 40 small crates where reqwest brings over 100, so it builds quickly on a 2-core
//! machine; ring needs only a C compiler (reqwest 0.13's default aws-lc-rs wants cmake and nasm
//! on some targets); a URL check is a HEAD or GET whose body is never read, so async buys
//! nothing over 128 threads at this scale; and ureq has the two seams the safety rules need: a
//! pluggable `Resolver` (every address DNS returns is checked before a connection is made, see
//! `policy.rs`) and `max_redirects(0)`, so redirects are followed here hop by hop, each hop's
//! host checked again. The `Resolver` trait is in ureq's `unversioned` module, so the dependency
//! is pinned to one minor version (`~3.5`). Proxies from the environment are not used: a proxy
//! resolves names itself, out of reach of the address check.
//!
//! Verdicts: `Ok` for 2xx (or a status in `accept`); `Dead` for 404/410, a name that DNS says does
//! not exist, a refused connection, a TLS failure, a redirect loop or too many redirects;
//! `Unverified` ("could not verify", never "dead") for 401/403, bot walls, 429 and 5xx after
//! retries, timeouts, resets and resolver failures; `Skipped` for excluded URLs, other schemes
//! and private addresses (unless allowed). HEAD is tried first; any HEAD answer other than
//! 2xx, a redirect or 429 is asked again with GET before it is judged, since many servers answer
//! HEAD wrongly. 429, 5xx and transient network errors are retried with exponential backoff,
//! honouring `Retry-After` (seconds or an HTTP date) up to `max_retry_wait`; a server that asks
//! for a longer wait gets "could not verify" at once.

mod cache;
mod options;
mod policy;
mod probe;
mod retry;
mod sched;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod throughput;
#[cfg(test)]
mod time_tests;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use url::Url;

pub(crate) use crate::links::external::UrlVerdict;
use cache::Cache;
use probe::{host_key, Checked, Prober};
use sched::Scheduler;

/// Lychee's default per-host concurrency (`--host-concurrency`), which postlint follows.
pub(crate) const DEFAULT_MAX_PER_HOST: usize = 10;
/// Lychee's default global concurrency (`--max-concurrency`).
pub(crate) const DEFAULT_MAX_CONCURRENCY: usize = 128;

/// How external URLs are checked. Build it with `..Default::default()`.
#[derive(Clone, Debug)]
pub(crate) struct OnlineOptions {
    /// Total time for one request (connect, send, response head); default 20 s.
    pub timeout: Duration,
    /// Total time for one URL, retries, backoff and redirects included; default 30 s. A server
    /// that never answers costs this, not `retries × timeout`.
    pub deadline: Duration,
    /// Total time for all the URLs of a run; `None` (the default): no limit. URLs not checked
    /// when it runs out are "could not verify".
    pub budget: Option<Duration>,
    /// Time to establish a connection; default 10 s.
    pub connect_timeout: Duration,
    /// Redirects followed before the URL is called dead; default 10.
    pub max_redirects: usize,
    /// Extra status codes counted as OK (e.g. 403 for a site that blocks every robot).
    pub accept: Vec<u16>,
    /// URLs matching any of these are skipped without a request.
    pub exclude: Vec<regex::Regex>,
    /// Requests in flight at once; default 128.
    pub max_concurrency: usize,
    /// Requests in flight at once to one host name; default 10 (lychee's default).
    pub max_per_host: usize,
    /// Retries after a 429, a 5xx, a timeout or a dropped connection; default 3.
    pub retries: u32,
    /// First backoff between retries, doubled at each retry; default 1 s.
    pub retry_delay: Duration,
    /// Longest wait before a retry, `Retry-After` included; a server asking for longer is
    /// "could not verify" at once; default 30 s.
    pub max_retry_wait: Duration,
    /// Fetch private, loopback, link-local, unique-local, unspecified and multicast addresses;
    /// default false.
    pub allow_private: bool,
    /// Fetch loopback addresses (127.0.0.0/8, ::1) even when `allow_private` is false; default
    /// false. For tests and local previews.
    pub allow_loopback: bool,
    /// Folder of the URL cache (`<root>/.postlint-cache`); `None` is `--no-cache`.
    pub cache_dir: Option<PathBuf>,
    /// How long an OK result is trusted; default 1 day.
    pub max_age: Duration,
    /// The `User-Agent` header; default `postlint/<version> (+<repository>)`.
    pub user_agent: String,
    /// Draw a progress bar (URLs done / total) on standard error; the caller decides (a
    /// terminal and a human output format).
    pub progress: bool,
}

impl Default for OnlineOptions {
    fn default() -> Self {
        OnlineOptions {
            timeout: Duration::from_secs(20),
            deadline: Duration::from_secs(30),
            budget: None,
            connect_timeout: Duration::from_secs(10),
            max_redirects: 10,
            accept: Vec::new(),
            exclude: Vec::new(),
            max_concurrency: DEFAULT_MAX_CONCURRENCY,
            max_per_host: DEFAULT_MAX_PER_HOST,
            retries: 3,
            retry_delay: Duration::from_secs(1),
            max_retry_wait: Duration::from_secs(30),
            allow_private: false,
            allow_loopback: false,
            cache_dir: None,
            max_age: Duration::from_secs(24 * 60 * 60),
            user_agent: default_user_agent(),
            progress: false,
        }
    }
}

/// `postlint/<version> (+<repository>)`.
pub(crate) fn default_user_agent() -> String {
    format!(
        "postlint/{} (+{})",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_REPOSITORY")
    )
}

/// One distinct request URL and the inputs that lead to it.
struct Target {
    url: Url,
    inputs: Vec<String>,
}

/// Parses a URL to request: http(s) only, fragment dropped (fragments are not fetched).
fn prepare(raw: &str) -> Result<Url, UrlVerdict> {
    let mut url = Url::parse(raw.trim()).map_err(|e| UrlVerdict::Dead {
        reason: format!("not a valid URL ({e})"),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(UrlVerdict::Skipped {
            reason: format!(
                "only http and https URLs are checked, not `{}:`",
                url.scheme()
            ),
        });
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(UrlVerdict::Dead {
            reason: "not a valid URL (no host)".into(),
        });
    }
    url.set_fragment(None);
    Ok(url)
}

fn has_credentials(url: &Url) -> bool {
    !url.username().is_empty() || url.password().is_some()
}

/// What the URL check found: a verdict for every input string, and the URLs that ran out of
/// time (a request timed out, the URL's `deadline` or the run's `budget` ran out), sorted.
#[derive(Debug, Default)]
pub(crate) struct UrlCheck {
    pub(crate) verdicts: HashMap<String, UrlVerdict>,
    pub(crate) out_of_time: Vec<String>,
    /// Set when no host name resolved at all (the machine is offline, or its resolver answers
    /// "no such name" for everything): why the URLs are unverified rather than dead.
    pub(crate) network_unavailable: Option<String>,
}

/// Hosts that must all fail to resolve before the network, not the URLs, is blamed: one or two
/// expired domains in a post are dead; three different hosts and not one resolving is a machine
/// without DNS.
const OFFLINE_HOSTS: usize = 3;

/// The verdicts of [`check`] alone.
#[cfg(test)]
pub(crate) fn check_urls(urls: &[String], opts: &OnlineOptions) -> HashMap<String, UrlVerdict> {
    check(urls, opts).verdicts
}

/// Checks each distinct URL once (the input may repeat URLs, or differ only in `#fragment`) and
/// returns a verdict for every input string, and which URLs ran out of time. Blocking: runs its
/// own worker threads. Without any URL to fetch (all cached, excluded or skipped) no thread is
/// started and no client is built.
pub(crate) fn check(urls: &[String], opts: &OnlineOptions) -> UrlCheck {
    let budget_end = opts.budget.and_then(|b| Instant::now().checked_add(b));
    let mut verdicts: HashMap<String, UrlVerdict> = HashMap::with_capacity(urls.len());
    let mut targets: Vec<Target> = Vec::new();
    let mut by_url: HashMap<String, usize> = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for raw in urls {
        if !seen.insert(raw.as_str()) {
            continue;
        }
        if let Some(re) = opts.exclude.iter().find(|re| re.is_match(raw)) {
            let reason = format!("excluded by the pattern `{}`", re.as_str());
            verdicts.insert(raw.clone(), UrlVerdict::Skipped { reason });
            continue;
        }
        match prepare(raw) {
            Err(verdict) => {
                verdicts.insert(raw.clone(), verdict);
            }
            Ok(url) => {
                let i = *by_url.entry(url.as_str().to_owned()).or_insert_with(|| {
                    targets.push(Target {
                        url,
                        inputs: Vec::new(),
                    });
                    targets.len() - 1
                });
                targets[i].inputs.push(raw.clone());
            }
        }
    }
    if targets.is_empty() {
        return UrlCheck {
            verdicts,
            out_of_time: Vec::new(),
            network_unavailable: None,
        };
    }

    let mut cache = opts
        .cache_dir
        .as_deref()
        .map(|dir| Cache::load(dir, opts.max_age, cache::unix_now()));
    let is_accepted = |s: u16| (200..300).contains(&s) || opts.accept.contains(&s);
    let mut results: Vec<Option<Checked>> = targets.iter().map(|_| None).collect();
    let mut todo = Vec::new();
    for (i, t) in targets.iter().enumerate() {
        let cached = cache
            .as_ref()
            .filter(|_| !has_credentials(&t.url))
            .and_then(|c| c.get(t.url.as_str()))
            .is_some_and(is_accepted);
        if cached {
            // status None: a cache hit does not refresh the entry's age
            results[i] = Some(Checked {
                verdict: UrlVerdict::Ok,
                status: None,
                out_of_time: false,
            });
        } else {
            todo.push(i);
        }
    }

    let progress = opts.progress.then(|| {
        let pb = indicatif::ProgressBar::new(targets.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} checking URLs {pos}/{len} {wide_bar} {elapsed}",
        ) {
            pb.set_style(style);
        }
        pb.inc((targets.len() - todo.len()) as u64);
        pb.enable_steady_tick(Duration::from_millis(120));
        pb
    });
    if !todo.is_empty() {
        for (i, checked) in run(&targets, &todo, opts, budget_end, progress.as_ref()) {
            results[i] = Some(checked);
        }
    }
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }

    if let Some(cache) = cache.as_mut() {
        for &i in &todo {
            if let Some(Checked {
                status: Some(status),
                ..
            }) = results[i]
            {
                if !has_credentials(&targets[i].url) {
                    cache.insert(targets[i].url.as_str().to_owned(), status);
                }
            }
        }
        cache.save();
    }

    let network_unavailable = offline(&targets, &todo, &mut results);
    let mut out_of_time = Vec::new();
    for (target, result) in targets.into_iter().zip(results) {
        let checked = result.unwrap_or_else(|| Checked {
            verdict: UrlVerdict::Unverified {
                reason: "not checked (internal error)".into(),
            },
            status: None,
            out_of_time: false,
        });
        if checked.out_of_time {
            out_of_time.push(probe::redact(&target.url));
        }
        for raw in target.inputs {
            verdicts.insert(raw, checked.verdict.clone());
        }
    }
    out_of_time.sort();
    UrlCheck {
        verdicts,
        out_of_time,
        network_unavailable,
    }
}

/// When every URL fetched failed to resolve, across at least [`OFFLINE_HOSTS`] hosts, the
/// network is unavailable: the verdicts become "could not verify", and the note says why once.
fn offline(targets: &[Target], todo: &[usize], results: &mut [Option<Checked>]) -> Option<String> {
    let all_unresolved = todo.iter().all(|&i| {
        results[i]
            .as_ref()
            .is_some_and(|c| probe::is_dns_failure(&c.verdict))
    });
    let hosts: HashSet<String> = todo.iter().map(|&i| host_key(&targets[i].url)).collect();
    if todo.is_empty() || !all_unresolved || hosts.len() < OFFLINE_HOSTS {
        return None;
    }
    for &i in todo {
        if let Some(checked) = results[i].as_mut() {
            checked.verdict = UrlVerdict::Unverified {
                reason: "network unavailable: no host name resolved".into(),
            };
        }
    }
    Some(format!(
        "network unavailable: DNS resolved none of the {} hosts of the external URLs, so they \
         are reported as unverified, not dead",
        hosts.len()
    ))
}

/// Checks `targets[i]` for each `i` in `todo` on up to `max_concurrency` threads; URLs whose
/// turn comes after `budget_end` are not fetched.
fn run(
    targets: &[Target],
    todo: &[usize],
    opts: &OnlineOptions,
    budget_end: Option<Instant>,
    progress: Option<&indicatif::ProgressBar>,
) -> Vec<(usize, Checked)> {
    let sched = Scheduler::new(
        todo.iter().map(|&i| (host_key(&targets[i].url), i)),
        opts.max_per_host,
    );
    let prober = Prober::new(opts);
    let done = Mutex::new(Vec::with_capacity(todo.len()));
    let work = || {
        while let Some((i, slot)) = sched.next() {
            let checked = if budget_end.is_some_and(|end| Instant::now() >= end) {
                drop(slot);
                Checked::budget_spent(opts)
            } else {
                prober.check(&sched, slot, &targets[i].url, budget_end)
            };
            done.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((i, checked));
            if let Some(pb) = progress {
                pb.inc(1);
            }
        }
    };
    // No more threads than could hold a slot at once: on a site whose URLs go to one host, 128
    // threads for 10 slots would only wait, all woken at every release.
    let workers = opts
        .max_concurrency
        .max(1)
        .min(todo.len())
        .min(sched.capacity());
    std::thread::scope(|s| {
        let mut spawned = 0;
        for n in 0..workers {
            let started = std::thread::Builder::new()
                .name(format!("postlint-url-{n}"))
                .spawn_scoped(s, work);
            if started.is_err() {
                break;
            }
            spawned += 1;
        }
        if spawned == 0 {
            work();
        }
    });
    done.into_inner().unwrap_or_else(|e| e.into_inner())
}
