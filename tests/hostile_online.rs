//! Hostile online settings and servers (issue 18): numeric options range-checked at config
//! load (no overflow, no panic), and the summary naming the URLs that ran out of time on a
//! server that accepts connections and never answers. Loopback only. (The deadline and budget
//! themselves: `src/online/time_tests.rs`.)

use assert_cmd::Command;
use std::fs;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[path = "support/postlint_bin.rs"]
mod postlint_bin;

fn postlint(cwd: &Path) -> Command {
    let mut cmd = postlint_bin::postlint(cwd);
    cmd.timeout(Duration::from_secs(120));
    cmd
}

fn site(config: &str, post: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("postlint.yml"), config).expect("write");
    fs::write(dir.path().join("post.md"), post).expect("write");
    dir
}

/// A server on 127.0.0.1 that accepts every connection and never sends a byte. The accepted
/// connections are kept open for the life of the test process.
fn silent_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    let held: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            held.lock().expect("lock").push(stream);
        }
    });
    port
}

#[test]
fn numeric_options_out_of_range_are_config_errors() {
    for (options, says) in [
        (
            "timeout: 18446744073709551615s",
            "`timeout` is too long: write at most `10m`",
        ),
        (
            "timeout: 99999999999999999999999999h",
            "too long: write at most `10m`",
        ),
        (
            "max_age: 18446744073709551615d",
            "too long: write at most `365d`",
        ),
        ("deadline: 5000h", "too long: write at most `1h`"),
        ("budget: 0s", "`budget` must be longer than 0"),
        (
            "max_redirects: 18446744073709551615",
            "too many: write at most 100",
        ),
        (
            "max_per_host: 18446744073709551615",
            "too many: write at most 1000",
        ),
    ] {
        let config = format!("preset: none\nrules:\n  dead-url: {{ {options} }}\n");
        let dir = site(&config, "[a](https://example.com/)\n");
        for args in [&["post.md"][..], &["--online", "post.md"][..]] {
            let output = postlint(dir.path()).args(args).output().expect("runs");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{options}: {stderr}");
            assert!(stderr.contains(says), "{options}: {stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
    }
    let dir = site("preset: none\n", "text\n");
    let output = postlint(dir.path())
        .args(["--jobs", "18446744073709551615", "post.md"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("from 1 to 1024"));
}

#[test]
fn the_summary_names_the_urls_that_ran_out_of_time() {
    let port = silent_server();
    let config = "preset: none\nonline: true\nrules:\n  dead-url: \
                  { allow_private: true, timeout: 500ms, deadline: 1s, budget: 3s }\n";
    let post = format!("[a](http://127.0.0.1:{port}/a) [b](http://127.0.0.1:{port}/b)\n");
    let dir = site(config, &post);
    let output = postlint(dir.path())
        .args(["--no-cache", "--format", "compact", "post.md"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert_eq!(
        stdout.matches("warning[unverified-url]").count(),
        2,
        "{stdout}"
    );
    let summary = format!(
        "2 external URLs ran out of time (raise `timeout`, `deadline` or `budget` under \
         `rules.dead-url` to wait longer):\n  http://127.0.0.1:{port}/a\n  http://127.0.0.1:{port}/b\n"
    );
    assert!(stderr.ends_with(&summary), "{stderr}");
}
