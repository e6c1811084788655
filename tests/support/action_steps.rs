//! Runs the shell steps of the composite Action (`action.yml`) in bash with the environment the
//! Actions runner gives them: `GITHUB_WORKSPACE`, `GITHUB_ACTION_PATH`, `GITHUB_OUTPUT`,
//! `GITHUB_PATH`, `RUNNER_TEMP`, `RUNNER_OS`/`RUNNER_ARCH`, and `INPUT_*` as mapped in a step's
//! `env:`. Used by tests/action.rs and tests/action_download.rs.
#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn action() -> Value {
    let text = std::fs::read_to_string(repo().join("action.yml")).expect("action.yml");
    serde_saphyr::from_str(&text).expect("action.yml is YAML")
}

/// The `run:` script of the step with this id (or name).
pub fn script(id: &str) -> String {
    let action = action();
    let steps = action["runs"]["steps"].as_array().expect("steps");
    let step = steps
        .iter()
        .find(|s| s["id"] == id || s["name"] == id)
        .unwrap_or_else(|| panic!("no step {id}"));
    step["run"].as_str().expect("a run step").to_string()
}

/// Runs a step's script in bash; returns the process output and what it wrote to
/// `$GITHUB_OUTPUT` and `$GITHUB_PATH`.
pub struct Step {
    pub output: Output,
    pub outputs: BTreeMap<String, String>,
    pub path_added: String,
    /// `RUNNER_TEMP`, kept while the step's result is looked at: what it installed is there.
    pub runner_temp: tempfile::TempDir,
}

pub fn run_step(id: &str, workspace: &Path, path: &Path, env: &[(&str, &str)]) -> Step {
    let scratch = tempfile::tempdir().unwrap();
    let github_output = scratch.path().join("output");
    let github_path = scratch.path().join("path");
    std::fs::write(&github_output, "").unwrap();
    std::fs::write(&github_path, "").unwrap();
    let mut command = Command::new("bash");
    command
        .args([
            "--noprofile",
            "--norc",
            "-e",
            "-o",
            "pipefail",
            "-c",
            &script(id),
        ])
        .current_dir(scratch.path())
        .env("GITHUB_WORKSPACE", workspace)
        .env("GITHUB_ACTION_PATH", repo())
        .env("GITHUB_OUTPUT", &github_output)
        .env("GITHUB_PATH", &github_path)
        .env("RUNNER_TEMP", scratch.path())
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        // The run step's postlint: the install or build step's `bin` output.
        .env("POSTLINT_BIN", path)
        .env(
            "PATH",
            format!(
                "{}:{}",
                path.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env_remove("POSTLINT_FORMAT");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("bash runs");
    let outputs = std::fs::read_to_string(&github_output)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let path_added = std::fs::read_to_string(&github_path).unwrap();
    Step {
        output,
        outputs,
        path_added,
        runner_temp: scratch,
    }
}

/// A folder holding only the real postlint binary, to put first on PATH.
pub fn bin_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_postlint"), dir.path().join("postlint"))
        .unwrap();
    dir
}

/// A workspace with a Docusaurus blog: one broken post, one clean, one with a space in its name.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("docusaurus.config.js", "module.exports = {};\n"),
        (
            "blog/2024-01-01-broken.md",
            "---\ntitle: Broken\n---\n\nSee [the guide][setup-guide].\n\n[setup]: https://example.com/\n",
        ),
        (
            "blog/2024-01-02-clean.md",
            "---\ntitle: Clean\n---\n\nAll good.\n",
        ),
        (
            "blog/2024-01-03-my post.md",
            "---\ntitle: Spaced\n---\n\nAlso good.\n",
        ),
    ];
    for (path, content) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

pub fn inputs<'a>(
    args: &'a str,
    format: &'a str,
    sarif: &'a str,
    fail: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("INPUT_ARGS", args),
        ("INPUT_FORMAT", format),
        ("INPUT_SARIF_FILE", sarif),
        ("INPUT_FAIL_ON_FINDINGS", fail),
    ]
}

/// A copy of the Action as the runner downloads it, with only what its scripts read: the source
/// postlint is built from (hashed) and `action/` without any `released.env`.
pub fn action_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in ["Cargo.toml", "Cargo.lock", "action.yml"] {
        std::fs::copy(repo().join(file), dir.path().join(file)).unwrap();
    }
    for folder in ["src", "rules", "action"] {
        copy_dir(&repo().join(folder), &dir.path().join(folder));
    }
    let _ = std::fs::remove_file(dir.path().join("action/released.env"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
