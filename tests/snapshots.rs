//! Snapshot tests: the real binary over every fixture folder. A new fixture folder under
//! `fixtures/sites/` or `fixtures/rules/` needs no test code, only `cargo insta review`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture_dirs(group: &str) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo().join("fixtures").join(group))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.retain(|d| d.is_dir());
    dirs.sort();
    dirs
}

/// Runs postlint from the repository root; `elapsed_ms` and timings are zeroed.
fn postlint(args: &[&str]) -> (String, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(args)
        .current_dir(repo())
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

fn rel(dir: &Path) -> String {
    dir.strip_prefix(repo())
        .unwrap_or(dir)
        .to_string_lossy()
        .replace('\\', "/")
}

fn snapshot_name(dir: &str, format: &str) -> String {
    format!("{}-{format}", dir.replace(['/', '\\'], "__"))
}

#[test]
fn json_output_of_every_fixture_folder() {
    let dirs: Vec<PathBuf> = fixture_dirs("sites")
        .into_iter()
        .chain(fixture_dirs("rules"))
        .collect();
    assert!(dirs.len() >= 3, "fixtures are missing");
    for dir in dirs {
        let dir = rel(&dir);
        let (stdout, stderr, code) = postlint(&["--format", "json", &dir]);
        assert!(code == 0 || code == 1, "{dir}: exit {code}\n{stderr}");
        let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
        assert_eq!(json["version"], 1);
        insta::assert_snapshot!(snapshot_name(&dir, "json"), stdout);
    }
}

#[test]
fn pretty_output_of_the_mini_sites() {
    for dir in fixture_dirs("sites") {
        let dir = rel(&dir);
        let (stdout, stderr, _) = postlint(&["--color", "never", &dir]);
        insta::assert_snapshot!(
            snapshot_name(&dir, "pretty"),
            format!("{stdout}\n--- stderr\n{stderr}")
        );
    }
}

#[test]
fn output_is_identical_across_job_counts() {
    let (one, _, _) = postlint(&["--format", "json", "--jobs", "1", "fixtures/sites"]);
    let (many, _, _) = postlint(&["--format", "json", "--jobs", "4", "fixtures/sites"]);
    assert_eq!(one, many);
}
