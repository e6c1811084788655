//! The online URL checker against real sockets on loopback addresses (never the internet): each
//! test starts its own HTTP server (tests/support/http_server.rs), which counts the requests it
//! sees per path.

// Shared with the integration tests, where its items must be `pub`.
#[allow(unreachable_pub)]
#[path = "../../tests/support/http_server.rs"]
pub(super) mod http_server;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use super::{check_urls, OnlineOptions, UrlVerdict};
use http_server::{Hit, Reply, TestServer};

fn is_ok(verdict: &UrlVerdict) -> bool {
    matches!(verdict, UrlVerdict::Ok)
}

/// Fast retries, loopback allowed (the test server lives there), nothing else private.
fn opts() -> OnlineOptions {
    OnlineOptions {
        timeout: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(2),
        retries: 2,
        retry_delay: Duration::from_millis(20),
        max_retry_wait: Duration::from_secs(2),
        allow_loopback: true,
        ..Default::default()
    }
}

/// The routes every test server serves.
fn site(hit: &Hit) -> Reply {
    let port = hit.port;
    let head = hit.method == "HEAD";
    match hit.path {
        "/ok" | "/ok-final" | "/landing" => Reply::ok(),
        "/r301" => Reply::redirect(301, "/r302"),
        "/r302" => Reply::redirect(302, format!("http://127.0.0.1:{port}/ok-final")),
        "/dir/relative" => Reply::redirect(302, "../ok#section"),
        "/loop-a" => Reply::redirect(302, "/loop-b"),
        "/loop-b" => Reply::redirect(302, "/loop-a"),
        p if p.starts_with("/chain/") => {
            let n: u32 = p["/chain/".len()..].parse().unwrap();
            Reply::redirect(302, format!("/chain/{}", n + 1))
        }
        "/404" => Reply::status(404).text("not found"),
        "/410" => Reply::status(410),
        "/head-405" if head => Reply::status(405),
        "/head-405" => Reply::ok(),
        "/head-404" if head => Reply::status(404),
        "/head-404" => Reply::ok(),
        "/429-once" if hit.nth == 1 => Reply::status(429).header("Retry-After", "1"),
        "/429-once" => Reply::ok(),
        "/429-always" => Reply::status(429),
        "/429-long" => Reply::status(429).header("Retry-After", "3600"),
        "/500-twice" if hit.nth <= 2 => Reply::status(500),
        "/500-twice" => Reply::ok(),
        "/503" => Reply::status(503),
        "/401" => Reply::status(401),
        "/403" => Reply::status(403),
        "/cloudflare" => Reply::status(403)
            .header("Server", "cloudflare")
            .header("cf-mitigated", "challenge"),
        "/stall" => Reply::ok().delay(Duration::from_secs(3)),
        "/huge" if head => Reply::status(405),
        "/huge" => Reply::status(200).huge(8 << 30),
        "/to-metadata" => Reply::redirect(302, "http://169.254.169.254/latest/meta-data/"),
        "/to-mapped" => Reply::redirect(302, "http://[::ffff:169.254.169.254]/"),
        "/to-private" => Reply::redirect(302, "http://10.0.0.1/"),
        "/to-credentials" => {
            Reply::redirect(302, format!("http://bob:hunter2@127.0.0.1:{port}/404"))
        }
        "/ua" if hit.user_agent.is_some_and(|ua| ua.starts_with("postlint/")) => Reply::ok(),
        "/ua" => Reply::status(403),
        p if p.starts_with("/slow") => Reply::ok().delay(Duration::from_millis(100)),
        _ => Reply::status(404),
    }
}

fn check(urls: &[String], o: &OnlineOptions) -> HashMap<String, UrlVerdict> {
    check_urls(urls, o)
}

fn one(url: &str, o: &OnlineOptions) -> UrlVerdict {
    let mut m = check_urls(&[url.to_string()], o);
    assert_eq!(m.len(), 1);
    m.remove(url).expect("a verdict for the URL")
}

#[track_caller]
fn assert_ok(v: &UrlVerdict) {
    assert_eq!(v, &UrlVerdict::Ok);
}

#[track_caller]
fn dead(v: &UrlVerdict) -> &str {
    match v {
        UrlVerdict::Dead { reason } => reason,
        other => panic!("expected Dead, got {other:?}"),
    }
}

#[track_caller]
fn unverified(v: &UrlVerdict) -> &str {
    match v {
        UrlVerdict::Unverified { reason } => reason,
        other => panic!("expected Unverified, got {other:?}"),
    }
}

#[track_caller]
fn skipped(v: &UrlVerdict) -> &str {
    match v {
        UrlVerdict::Skipped { reason } => reason,
        other => panic!("expected Skipped, got {other:?}"),
    }
}

#[test]
fn ok_takes_one_head_request() {
    let s = TestServer::start(site);
    assert_ok(&one(&s.url("/ok"), &opts()));
    assert_eq!(s.hits("/ok"), 1);
}

#[test]
fn progress_bar_option_is_harmless_off_a_terminal() {
    let s = TestServer::start(site);
    let o = OnlineOptions {
        progress: true,
        ..opts()
    };
    let urls = vec![s.url("/ok"), s.url("/404")];
    let m = check(&urls, &o);
    assert_ok(&m[&urls[0]]);
    dead(&m[&urls[1]]);
}

#[test]
fn sends_a_postlint_user_agent() {
    let s = TestServer::start(site);
    assert_ok(&one(&s.url("/ua"), &opts()));
}

#[test]
fn follows_301_then_302_to_200() {
    let s = TestServer::start(site);
    assert_ok(&one(&s.url("/r301"), &opts()));
    assert_eq!(
        (s.hits("/r301"), s.hits("/r302"), s.hits("/ok-final")),
        (1, 1, 1)
    );
}

#[test]
fn resolves_relative_redirects_and_drops_their_fragment() {
    let s = TestServer::start(site);
    assert_ok(&one(&s.url("/dir/relative"), &opts()));
    assert_eq!(s.hits("/ok"), 1);
}

#[test]
fn redirect_loop_is_dead() {
    let s = TestServer::start(site);
    let v = one(&s.url("/loop-a"), &opts());
    assert!(dead(&v).contains("redirect loop"), "{v:?}");
    assert_eq!((s.hits("/loop-a"), s.hits("/loop-b")), (1, 1));
}

#[test]
fn too_many_redirects_is_dead() {
    let s = TestServer::start(site);
    let o = OnlineOptions {
        max_redirects: 3,
        ..opts()
    };
    let v = one(&s.url("/chain/0"), &o);
    assert!(dead(&v).contains("too many redirects"), "{v:?}");
    assert_eq!(s.total_hits(), 4); // the start and 3 followed hops
}

#[test]
fn not_found_and_gone_are_dead_after_a_get() {
    let s = TestServer::start(site);
    let urls = vec![s.url("/404"), s.url("/410")];
    let m = check(&urls, &opts());
    assert!(dead(&m[&urls[0]]).contains("404"), "{m:?}");
    assert!(dead(&m[&urls[1]]).contains("410"), "{m:?}");
    // HEAD, then GET to confirm before calling it dead
    assert_eq!((s.hits("/404"), s.hits("/410")), (2, 2));
}

#[test]
fn head_not_allowed_or_wrong_falls_back_to_get() {
    let s = TestServer::start(site);
    let urls = vec![s.url("/head-405"), s.url("/head-404")];
    let m = check(&urls, &opts());
    assert_ok(&m[&urls[0]]);
    assert_ok(&m[&urls[1]]);
    assert_eq!((s.hits("/head-405"), s.hits("/head-404")), (2, 2));
}

#[test]
fn too_many_requests_honours_retry_after() {
    let s = TestServer::start(site);
    let start = Instant::now();
    assert_ok(&one(&s.url("/429-once"), &opts()));
    let took = start.elapsed();
    assert_eq!(s.hits("/429-once"), 2);
    assert!(took >= Duration::from_millis(950), "waited only {took:?}");
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

#[test]
fn server_errors_are_retried_until_ok() {
    let s = TestServer::start(site);
    assert_ok(&one(&s.url("/500-twice"), &opts()));
    assert_eq!(s.hits("/500-twice"), 3);
}

#[test]
fn persistent_429_and_5xx_are_unverified_after_retries() {
    let s = TestServer::start(site);
    let urls = vec![s.url("/503"), s.url("/429-always"), s.url("/429-long")];
    let m = check(&urls, &opts());
    assert!(unverified(&m[&urls[0]]).contains("503"), "{m:?}");
    assert!(unverified(&m[&urls[1]]).contains("429"), "{m:?}");
    let long = unverified(&m[&urls[2]]);
    assert!(long.contains("3600"), "{long}");
    // 503: HEAD, then GET and its 2 retries; 429: the first try and 2 retries;
    // a Retry-After over the cap: no retry at all
    assert_eq!(s.hits("/503"), 4);
    assert_eq!(s.hits("/429-always"), 3);
    assert_eq!(s.hits("/429-long"), 1);
}

#[test]
fn access_denied_and_bot_walls_are_unverified_not_dead() {
    let s = TestServer::start(site);
    let urls = vec![s.url("/401"), s.url("/403"), s.url("/cloudflare")];
    let m = check(&urls, &opts());
    assert!(unverified(&m[&urls[0]]).contains("401"), "{m:?}");
    assert!(unverified(&m[&urls[1]]).contains("403"), "{m:?}");
    assert!(unverified(&m[&urls[2]]).contains("Cloudflare"), "{m:?}");
    assert_eq!(s.hits("/403"), 2);
}

#[test]
fn accepted_status_is_ok() {
    let s = TestServer::start(site);
    let o = OnlineOptions {
        accept: vec![403],
        ..opts()
    };
    assert_ok(&one(&s.url("/403"), &o));
    assert_eq!(s.hits("/403"), 1);
}

#[test]
fn stalled_response_times_out_as_unverified() {
    let s = TestServer::start(site);
    let o = OnlineOptions {
        timeout: Duration::from_millis(300),
        retries: 1,
        ..opts()
    };
    let start = Instant::now();
    let v = one(&s.url("/stall"), &o);
    let took = start.elapsed();
    assert!(unverified(&v).contains("timed out"), "{v:?}");
    assert_eq!(s.hits("/stall"), 2);
    assert!(took < Duration::from_millis(1500), "took {took:?}");
}

#[test]
fn huge_body_is_never_read() {
    let s = TestServer::start(site);
    let start = Instant::now();
    assert_ok(&one(&s.url("/huge"), &opts()));
    let took = start.elapsed();
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert_eq!(s.hits("/huge"), 2);
    drop(s); // wait for the server to give up writing
}

#[test]
fn huge_body_bytes_sent_stay_small() {
    let s = TestServer::start(site);
    assert_ok(&one(&s.url("/huge"), &opts()));
    // Give the server a moment to notice the closed connection, then check it could hand the
    // socket only what its buffers hold, not the 8 GiB.
    std::thread::sleep(Duration::from_millis(200));
    let sent = s.body_bytes_sent();
    assert!(sent < 64 << 20, "the server wrote {sent} body bytes");
}

#[test]
fn refused_connection_is_dead() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    }; // closed again: nothing listens there
    let v = one(&format!("http://127.0.0.1:{port}/"), &opts());
    assert!(dead(&v).contains("refused"), "{v:?}");
}

#[test]
fn tls_failure_is_dead() {
    // A plain-text server behind an https URL: the TLS handshake fails.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        if let Ok((mut c, _)) = l.accept() {
            let mut buf = [0u8; 512];
            let _ = c.read(&mut buf);
            let _ = c.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let v = one(&format!("https://127.0.0.1:{port}/"), &opts());
    assert!(dead(&v).contains("TLS"), "{v:?}");
    server.join().unwrap();
}

#[test]
fn redirect_to_another_loopback_port_is_followed_when_allowed() {
    let b = TestServer::start(site);
    let b_port = b.port();
    let a = TestServer::start(move |hit| match hit.path {
        "/to-b" => Reply::redirect(301, format!("http://127.0.0.1:{b_port}/landing")),
        _ => Reply::status(404),
    });
    let private = OnlineOptions {
        allow_private: true,
        allow_loopback: false,
        ..opts()
    };
    assert_ok(&one(&a.url("/to-b"), &private));
    assert_ok(&one(&a.url("/to-b"), &opts()));
    assert_eq!((a.hits("/to-b"), b.hits("/landing")), (2, 2));
}

#[test]
fn redirect_to_private_addresses_is_skipped_before_connecting() {
    let s = TestServer::start(site);
    let urls = vec![
        s.url("/to-metadata"),
        s.url("/to-mapped"),
        s.url("/to-private"),
    ];
    // loopback allowed (the test server), other private addresses not
    let m = check(&urls, &opts());
    let meta = skipped(&m[&urls[0]]);
    assert!(
        meta.contains("169.254.169.254") && meta.contains("link-local"),
        "{meta}"
    );
    assert!(skipped(&m[&urls[1]]).contains("link-local"), "{m:?}");
    assert!(skipped(&m[&urls[2]]).contains("private"), "{m:?}");
    // only the first hop reached a server
    assert_eq!(
        (
            s.hits("/to-metadata"),
            s.hits("/to-mapped"),
            s.hits("/to-private")
        ),
        (1, 1, 1)
    );
}

#[test]
fn loopback_is_not_fetched_unless_allowed() {
    let s = TestServer::start(site);
    let strict = OnlineOptions {
        allow_loopback: false,
        ..opts()
    };
    let port = s.port();
    let literal = s.url("/ok");
    let by_name = format!("http://localhost:{port}/ok"); // resolved, then refused
    let v6 = format!("http://[::1]:{port}/ok");
    let mapped = format!("http://[::ffff:127.0.0.1]:{port}/ok");
    let urls = vec![literal.clone(), by_name.clone(), v6.clone(), mapped.clone()];
    let m = check(&urls, &strict);
    assert!(skipped(&m[&literal]).contains("loopback"), "{m:?}");
    let name = skipped(&m[&by_name]);
    assert!(name.contains("localhost resolves to"), "{name}");
    assert!(skipped(&m[&v6]).contains("loopback"), "{m:?}");
    assert!(skipped(&m[&mapped]).contains("loopback"), "{m:?}");
    assert_eq!(s.total_hits(), 0);
    // and with loopback allowed, the name resolves and is fetched
    assert_ok(&one(&by_name, &opts()));
    assert_eq!(s.hits("/ok"), 1);
}

#[test]
fn each_distinct_url_is_checked_once() {
    let s = TestServer::start(site);
    let u = s.url("/ok");
    let urls = vec![u.clone(), u.clone(), u.clone(), format!("{u}#intro")];
    let m = check(&urls, &opts());
    assert_eq!(m.len(), 2);
    assert_ok(&m[&u]);
    assert_ok(&m[&format!("{u}#intro")]);
    assert_eq!(s.hits("/ok"), 1);
}

#[test]
fn cache_skips_ok_urls_and_rechecks_failures() {
    let s = TestServer::start(site);
    let dir = tempfile::tempdir().unwrap();
    let cache_dir = dir.path().join(".postlint-cache");
    let o = OnlineOptions {
        cache_dir: Some(cache_dir.clone()),
        ..opts()
    };
    let urls = vec![s.url("/ok"), s.url("/404"), s.url("/503")];
    let first = check(&urls, &o);
    assert_eq!((s.hits("/ok"), s.hits("/404"), s.hits("/503")), (1, 2, 4));
    assert!(cache_dir.join("online.json").exists());
    assert!(cache_dir.join(".gitignore").exists());

    let second = check(&urls, &o);
    assert_eq!(first, second);
    // OK from the cache: no request; the failures are asked again
    assert_eq!((s.hits("/ok"), s.hits("/404"), s.hits("/503")), (1, 4, 8));

    let ok_only = vec![s.url("/ok")];
    assert_ok(&check(&ok_only, &o)[&ok_only[0]]);
    assert_eq!(s.total_hits(), 13);

    // past the max age, the entry is ignored
    let expired = OnlineOptions {
        max_age: Duration::ZERO,
        ..o.clone()
    };
    assert_ok(&check(&ok_only, &expired)[&ok_only[0]]);
    assert_eq!(s.hits("/ok"), 2);

    // --no-cache: no cache read
    let no_cache = OnlineOptions {
        cache_dir: None,
        ..opts()
    };
    assert_ok(&check(&ok_only, &no_cache)[&ok_only[0]]);
    assert_eq!(s.hits("/ok"), 3);
}

#[test]
fn excluded_and_non_http_urls_are_skipped_and_bad_urls_dead() {
    let s = TestServer::start(site);
    let o = OnlineOptions {
        exclude: vec![regex::Regex::new("/40[0-9]$").unwrap()],
        ..opts()
    };
    let excluded = s.url("/404");
    let mail = "mailto:someone@example.com".to_string();
    let broken = "https://exa mple.com/".to_string();
    let m = check(&[excluded.clone(), mail.clone(), broken.clone()], &o);
    assert!(skipped(&m[&excluded]).contains("excluded"), "{m:?}");
    assert!(skipped(&m[&mail]).contains("mailto"), "{m:?}");
    assert!(dead(&m[&broken]).contains("not a valid URL"), "{m:?}");
    assert_eq!(s.total_hits(), 0);
}

#[test]
fn credentials_never_appear_in_reasons_or_the_cache() {
    let s = TestServer::start(site);
    let dir = tempfile::tempdir().unwrap();
    let o = OnlineOptions {
        cache_dir: Some(dir.path().to_path_buf()),
        ..opts()
    };
    let port = s.port();
    let with_creds = format!("http://alice:s3cret@127.0.0.1:{port}/404");
    let ok_creds = format!("http://alice:s3cret@127.0.0.1:{port}/ok");
    let via = s.url("/to-credentials");
    let plain_ok = s.url("/ok");
    let m = check(
        &[with_creds.clone(), via.clone(), ok_creds.clone(), plain_ok],
        &o,
    );
    let r1 = dead(&m[&with_creds]);
    let r2 = dead(&m[&via]);
    assert_ok(&m[&ok_creds]);
    for r in [r1, r2] {
        for secret in ["alice", "s3cret", "bob", "hunter2"] {
            assert!(!r.contains(secret), "{r}");
        }
    }
    assert!(
        r2.contains(&format!("redirected to http://127.0.0.1:{port}/404")),
        "{r2}"
    );
    let cache = std::fs::read_to_string(dir.path().join("online.json")).unwrap();
    assert!(cache.contains("/ok"), "{cache}");
    assert!(
        !cache.contains("s3cret") && !cache.contains("alice"),
        "{cache}"
    );
}

#[test]
fn per_host_limit_is_respected() {
    let s = TestServer::start(site);
    let urls: Vec<String> = (0..12).map(|i| s.url(&format!("/slow?{i}"))).collect();
    let o = OnlineOptions {
        max_per_host: 2,
        ..opts()
    };
    let m = check(&urls, &o);
    assert!(m.values().all(is_ok), "{m:?}");
    assert_eq!(s.total_hits(), 12);
    assert!(s.max_in_flight() <= 2, "{} in flight", s.max_in_flight());

    let wide = TestServer::start(site);
    let urls: Vec<String> = (0..12).map(|i| wide.url(&format!("/slow?{i}"))).collect();
    let o = OnlineOptions {
        max_per_host: 6,
        ..opts()
    };
    let start = Instant::now();
    assert!(check(&urls, &o).values().all(is_ok));
    assert!(wide.max_in_flight() > 2, "ran one by one");
    assert!(
        wide.max_in_flight() <= 6,
        "{} in flight",
        wide.max_in_flight()
    );
    assert!(start.elapsed() < Duration::from_millis(1000));
}

#[test]
fn global_limit_is_respected() {
    let s = TestServer::start(site);
    let urls: Vec<String> = (0..12).map(|i| s.url(&format!("/slow?{i}"))).collect();
    let o = OnlineOptions {
        max_concurrency: 3,
        max_per_host: 10,
        ..opts()
    };
    assert!(check(&urls, &o).values().all(is_ok));
    assert!(s.max_in_flight() <= 3, "{} in flight", s.max_in_flight());
}
