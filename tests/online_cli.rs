//! `postlint --online` end to end: the real binary on a throwaway site whose posts link to a test
//! HTTP server on 127.0.0.1 (tests/support/http_server.rs), never to the internet. The server
//! counts the requests it sees per path, so the tests can tell what was fetched, how often, and
//! what the cache saved.

#[path = "support/http_server.rs"]
mod http_server;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use http_server::{Hit, Reply, TestServer};
use serde_json::Value;

fn server() -> TestServer {
    TestServer::start(|hit: &Hit| match hit.path {
        "/ok" | "/shared" | "/fm-ok" => Reply::ok(),
        "/403" => Reply::status(403),
        _ => Reply::status(404),
    })
}

/// `online: true`, loopback allowed, a short timeout.
const ONLINE_CONFIG: &str = "preset: none\nonline: true\n\
                             rules:\n  dead-url: { allow_private: true, timeout: 2s }\n";

fn site(config: &str, posts: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("postlint.yml"), config).unwrap();
    for (name, text) in posts {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn postlint(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postlint"))
        .current_dir(cwd)
        .args(args)
        .env_remove("POSTLINT_FORMAT")
        .env("NO_COLOR", "1")
        .output()
        .expect("postlint runs")
}

/// The JSON report's `dead-url` / `unverified-url` diagnostics: (path, rule, severity, line,
/// column, end column, message).
fn url_findings(output: &Output) -> Vec<(String, String, String, u64, u64, u64, String)> {
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| matches!(d["rule"].as_str(), Some("dead-url" | "unverified-url")))
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["end_column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// 1-based line and column of `needle` in an ASCII `text`, and the column just after it.
fn at(text: &str, needle: &str) -> (u64, u64, u64) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in text"));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count() as u64 + 1;
    let column = (offset - line_start) as u64 + 1;
    (line, column, column + needle.len() as u64)
}

#[test]
fn reports_dead_and_unverified_urls_at_every_use_fetching_each_once_and_caching() {
    let s = server();
    let a = format!(
        "# A\n\nGone: [docs]({gone}) and <{forbidden}>.\n\n\
         Fine: [ok]({ok}), [shared]({shared}).\n",
        gone = s.url("/404"),
        forbidden = s.url("/403"),
        ok = s.url("/ok"),
        shared = s.url("/shared"),
    );
    let b = format!(
        "# B\n\nSame: [again]({gone}#part) ![img]({shared})\n",
        gone = s.url("/404"),
        shared = s.url("/shared"),
    );
    let dir = site(ONLINE_CONFIG, &[("a.md", a.clone()), ("b.md", b.clone())]);

    let first = postlint(dir.path(), &["--format", "json"]);
    assert_eq!(first.status.code(), Some(1), "{first:?}");
    let found = url_findings(&first);
    let (l1, c1, e1) = at(&a, &s.url("/404"));
    let (l2, c2, e2) = at(&a, &s.url("/403"));
    let (l3, c3, e3) = at(&b, &format!("{}#part", s.url("/404")));
    let expected = [
        ("a.md", "dead-url", "error", l1, c1, e1),
        ("a.md", "unverified-url", "warning", l2, c2, e2),
        ("b.md", "dead-url", "error", l3, c3, e3),
    ];
    let got: Vec<_> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2.as_str(), f.3, f.4, f.5))
        .collect();
    assert_eq!(got, expected);
    assert!(found[0].6.contains("404 Not Found"), "{}", found[0].6);
    assert!(found[1].6.starts_with("could not verify"), "{}", found[1].6);
    assert!(found[1].6.contains("403"), "{}", found[1].6);
    assert!(String::from_utf8_lossy(&first.stderr).is_empty());
    // Each distinct URL once, however many posts use it (HEAD, then GET for a HEAD failure).
    let hits = |s: &TestServer| {
        [
            s.hits("/ok"),
            s.hits("/shared"),
            s.hits("/404"),
            s.hits("/403"),
        ]
    };
    assert_eq!(hits(&s), [1, 1, 2, 2]);
    assert!(dir.path().join(".postlint-cache/online.json").is_file());

    // Warm cache: no request for the URLs that were fine; failures are asked again.
    let second = postlint(dir.path(), &["--format", "json"]);
    assert_eq!(url_findings(&second), found);
    assert_eq!(hits(&s), [1, 1, 4, 4]);

    // --no-cache fetches everything again.
    let third = postlint(dir.path(), &["--format", "json", "--no-cache"]);
    assert_eq!(url_findings(&third), found);
    assert_eq!(hits(&s), [2, 2, 6, 6]);

    // The human formats carry the same findings.
    let compact = postlint(dir.path(), &["--format", "compact"]);
    let text = String::from_utf8_lossy(&compact.stdout);
    assert!(
        text.contains(&format!("a.md:{l1}:{c1}: error[dead-url]")),
        "{text}"
    );
    assert!(
        text.contains(&format!("a.md:{l2}:{c2}: warning[unverified-url]")),
        "{text}"
    );
    let github = postlint(dir.path(), &["--format", "github"]);
    let text = String::from_utf8_lossy(&github.stdout);
    assert!(
        text.contains(&format!("::error file=a.md,line={l1},col={c1},")),
        "{text}"
    );
    assert!(text.contains("title=dead-url::"), "{text}");
    assert!(String::from_utf8_lossy(&github.stderr).is_empty());
}

#[test]
fn every_kind_of_use_is_checked_and_silenced_ones_are_not_fetched() {
    let s = server();
    let config = "preset: none\nonline: true\nrules:\n  dead-url:\n    allow_private: true\n    timeout: 2s\n    exclude: [\"/excluded$\"]\n";
    let post = format!(
        "---\ntitle: T\nimage: {fm}\nheader:\n  image: {fm_ok}\n---\n\n\
         <a href=\"{html_a}\">a</a> <img src=\"{html_img}\" alt=\"i\">\n\n\
         Reference: [ref][r].\n\n\
         [r]: {reference}\n\n\
         `{code}` and <!-- [c]({comment}) -->\n\n\
         ```\n[f]({fenced})\n```\n\n\
         <!-- postlint-disable-next-line dead-url unverified-url -->\n\
         [silenced]({silenced}) [excluded]({excluded})\n\n\
         <!-- postlint-disable-next-line dead-url -->\n\
         [half]({half})\n",
        fm = s.url("/fm-404"),
        fm_ok = s.url("/fm-ok"),
        html_a = s.url("/html-a"),
        html_img = s.url("/html-img"),
        reference = s.url("/reference"),
        code = s.url("/code"),
        comment = s.url("/comment"),
        fenced = s.url("/fenced"),
        silenced = s.url("/silenced"),
        excluded = s.url("/excluded"),
        half = s.url("/half"),
    );
    let dir = site(config, &[("post.md", post.clone())]);
    let output = postlint(dir.path(), &["--format", "json"]);
    let got: Vec<_> = url_findings(&output)
        .into_iter()
        .map(|f| (f.1, f.3, f.4))
        .collect();
    let place = |needle: &str| {
        let (line, column, _) = at(&post, needle);
        ("dead-url".to_string(), line, column)
    };
    assert_eq!(
        got,
        [
            place(&s.url("/fm-404")),
            place(&s.url("/html-a")),
            place(&s.url("/html-img")),
            place("[ref][r]"),
        ]
    );
    for path in ["/code", "/comment", "/fenced", "/silenced", "/excluded"] {
        assert_eq!(s.hits(path), 0, "{path} was fetched");
    }
    // Silenced for dead-url only: still fetched for unverified-url, and a 404 is not reported.
    assert_eq!(s.hits("/half"), 2);
    assert_eq!(s.hits("/reference"), 2);
    assert_eq!(s.hits("/fm-ok"), 1);
}

#[test]
fn offline_runs_make_no_request_and_report_nothing() {
    let s = server();
    let post = format!("# P\n\n[gone]({})\n", s.url("/404"));
    let config = "preset: none\nrules:\n  dead-url: { allow_private: true, timeout: 2s }\n";
    let dir = site(config, &[("post.md", post)]);

    let offline = postlint(dir.path(), &["--format", "json"]);
    assert_eq!(offline.status.code(), Some(0), "{offline:?}");
    assert_eq!(url_findings(&offline), []);
    assert_eq!(s.total_hits(), 0);
    assert!(!dir.path().join(".postlint-cache").exists());

    let online = postlint(dir.path(), &["--online", "--format", "json"]);
    assert_eq!(online.status.code(), Some(1), "{online:?}");
    assert_eq!(url_findings(&online).len(), 1);
    assert_eq!(s.hits("/404"), 2);
}

#[test]
fn loopback_is_skipped_silently_unless_allowed() {
    let s = server();
    let post = format!(
        "# P\n\n[gone]({}) [forbidden]({})\n",
        s.url("/404"),
        s.url("/403")
    );
    let dir = site("preset: none\nonline: true\n", &[("post.md", post)]);
    let output = postlint(dir.path(), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(url_findings(&output), []);
    assert_eq!(s.total_hits(), 0);
}

#[test]
fn bad_url_options_are_config_errors() {
    for config in [
        "rules:\n  dead-url: { timeout: soon }\n",
        "rules:\n  dead-url: { exclude: [\"(\"] }\n",
        "rules:\n  unverified-url: { timeout: 2s }\n",
    ] {
        let dir = site(config, &[("post.md", "# P\n".to_string())]);
        let output = postlint(dir.path(), &[]);
        assert_eq!(output.status.code(), Some(2), "{config}: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("postlint.yml:2"), "{config}: {stderr}");
    }
}

/// `max_concurrency` bounds the requests in flight, all hosts together: 12 slow URLs on one
/// host, whose own limit (`max_per_host: 10`) would let 10 run at once, never see more than 3;
/// and 0 is a config error.
#[test]
fn max_concurrency_bounds_the_requests_in_flight() {
    let s = TestServer::start(|_: &Hit| Reply::ok().delay(std::time::Duration::from_millis(100)));
    let config = "preset: none\nonline: true\n\
                  rules:\n  dead-url: { allow_private: true, max_concurrency: 3 }\n";
    let post: String = (0..12)
        .map(|i| format!("[u{i}]({})\n\n", s.url(&format!("/slow/{i}"))))
        .collect();
    let dir = site(config, &[("post.md", post)]);
    let output = postlint(dir.path(), &["--format", "json", "--no-cache"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(s.total_hits(), 12);
    assert!(s.max_in_flight() > 1, "ran one by one");
    assert!(s.max_in_flight() <= 3, "{} in flight", s.max_in_flight());

    let dir = site(
        "rules:\n  dead-url: { max_concurrency: 0 }\n",
        &[("post.md", "# P\n".to_string())],
    );
    let output = postlint(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`max_concurrency` must be at least 1"),
        "{stderr}"
    );
}

/// When no host name resolves (a machine without DNS, or a resolver that answers "no such
/// name" for everything), the run says "network unavailable" once and reports the URLs as
/// unverified, not as dead. `.invalid` names never resolve (RFC 2606), online or not.
#[test]
fn no_host_resolving_is_network_unavailable_not_dead_urls() {
    let config = "preset: none\nonline: true\nrules:\n  dead-url: { timeout: 2s, deadline: 3s }\n";
    let post = "# P\n\n[a](https://one.postlint.invalid/) [b](https://two.postlint.invalid/x)\n\
                [c](http://three.postlint.invalid/y) [a again](https://one.postlint.invalid/)\n"
        .to_string();
    let dir = site(config, &[("post.md", post)]);
    let output = postlint(dir.path(), &["--format", "json", "--no-cache"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let findings = url_findings(&output);
    assert_eq!(findings.len(), 4, "{findings:#?}");
    for (_, rule, severity, _, _, _, message) in &findings {
        assert_eq!(
            (rule.as_str(), severity.as_str()),
            ("unverified-url", "warning")
        );
        assert!(message.contains("network unavailable"), "{message}");
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.matches("network unavailable").count(),
        1,
        "one note: {stderr}"
    );
    assert!(stderr.contains("none of the 3 hosts"), "{stderr}");
}

/// One host answering is a working network: names that do not resolve beside it keep their
/// own verdict (dead where DNS says the name does not exist).
#[test]
fn one_host_answering_keeps_the_other_verdicts() {
    let s = server();
    let config = "preset: none\nonline: true\n\
                  rules:\n  dead-url: { allow_private: true, timeout: 2s, deadline: 3s }\n";
    let post = format!(
        "# P\n\n[ok]({}) [a](https://one.postlint.invalid/) [b](https://two.postlint.invalid/) \
         [c](https://three.postlint.invalid/)\n",
        s.url("/ok")
    );
    let dir = site(config, &[("post.md", post)]);
    let output = postlint(dir.path(), &["--format", "json", "--no-cache"]);
    let findings = url_findings(&output);
    assert_eq!(findings.len(), 3, "{findings:#?}");
    assert!(
        findings
            .iter()
            .all(|f| !f.6.contains("network unavailable")),
        "{findings:#?}"
    );
    assert!(!String::from_utf8_lossy(&output.stderr).contains("network unavailable"));
}
