//! Snapshot tests: the real binary over every fixture site, one snapshot each, so every failing
//! fixture shows. A new folder under `fixtures/sites/` or `fixtures/rules/` needs no test code:
//! its snapshot appears on the first run (`INSTA_UPDATE=always cargo test`, or
//! `cargo insta review`).
//!
//! Each fixture is its own site: postlint runs in the fixture's folder with `--root .`, so
//! nothing outside it (the repository around it) is part of the site.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs postlint in `cwd`; returns stdout, stderr (timings zeroed) and the exit code.
fn postlint(cwd: &Path, args: &[&str]) -> (String, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(args)
        .current_dir(cwd)
        .env_remove("POSTLINT_FORMAT")
        .env("NO_COLOR", "1")
        .output()
        .expect("postlint runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (
        zero_timings(&stdout),
        zero_timings(&stderr),
        output.status.code().unwrap_or(-1),
    )
}

fn zero_timings(text: &str) -> String {
    let re = regex::Regex::new(r#"("elapsed_ms": )\d+|\(\d+ ms\)"#).expect("valid regex");
    re.replace_all(text, |c: &regex::Captures<'_>| match c.get(1) {
        Some(prefix) => format!("{}0", prefix.as_str()),
        None => "(0 ms)".to_string(),
    })
    .into_owned()
}

/// What postlint reports on a fixture site (compact format), and the diff of its safe fixes.
#[test]
fn every_fixture_site() {
    insta::glob!("../fixtures", "{sites,rules}/*", |site| {
        if !site.is_dir() {
            return;
        }
        let (found, summary, code) = postlint(site, &["--root", ".", "--format", "compact"]);
        assert!(code == 0 || code == 1, "exit {code}\n{summary}");
        let (diff, diff_errors, diff_code) = postlint(site, &["--root", ".", "--diff"]);
        assert!(
            diff_code == 0 || diff_code == 1,
            "--diff: exit {diff_code}\n{diff_errors}"
        );
        insta::assert_snapshot!(format!(
            "$ postlint --root . --format compact\n{found}--- stderr\n{summary}--- exit {code}\n\n\
             $ postlint --root . --diff\n{diff}"
        ));
    });
}

/// The JSON and pretty reporters on a whole mini site: the formats users and scripts read.
#[test]
fn reporters_on_a_mini_site() {
    let site = repo().join("fixtures/sites/docusaurus-blog");
    let (json, _, code) = postlint(&site, &["--root", ".", "--format", "json"]);
    assert_eq!(code, 1);
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(parsed["version"], 1);
    insta::assert_snapshot!("docusaurus-blog-json", json);
    let (pretty, summary, _) = postlint(&site, &["--root", ".", "--color", "never"]);
    insta::assert_snapshot!(
        "docusaurus-blog-pretty",
        format!("{pretty}\n--- stderr\n{summary}")
    );
}

#[test]
fn output_is_identical_across_job_counts() {
    let sites = repo().join("fixtures/sites");
    let (one, _, _) = postlint(&sites, &["--format", "json", "--jobs", "1", "."]);
    let (many, _, _) = postlint(&sites, &["--format", "json", "--jobs", "4", "."]);
    assert_eq!(one, many);
}
