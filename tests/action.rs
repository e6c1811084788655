//! The composite GitHub Action (`action.yml`): its shell steps run here in bash with the
//! environment the Actions runner gives them (`GITHUB_WORKSPACE`, `GITHUB_OUTPUT`, `INPUT_*` as
//! mapped in the step's `env:`), against the real binary on a small blog. What only GitHub can
//! run (`actions/cache`, uploading SARIF) is exercised by `.github/workflows/postlint.yml`.

#![cfg(unix)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn action() -> Value {
    let text = std::fs::read_to_string(repo().join("action.yml")).expect("action.yml");
    serde_saphyr::from_str(&text).expect("action.yml is YAML")
}

/// The `run:` script of the step with this id (or name).
fn script(id: &str) -> String {
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
struct Step {
    output: Output,
    outputs: BTreeMap<String, String>,
    path_added: String,
}

fn run_step(id: &str, workspace: &Path, path: &Path, env: &[(&str, &str)]) -> Step {
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
    }
}

/// A folder holding only the real postlint binary, to put first on PATH.
fn bin_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_postlint"), dir.path().join("postlint"))
        .unwrap();
    dir
}

/// A workspace with a Docusaurus blog: one broken post, one clean, one with a space in its name.
fn workspace() -> tempfile::TempDir {
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

fn inputs<'a>(
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

#[test]
fn annotations_and_exit_code() {
    let ws = workspace();
    let bin = bin_dir();
    let step = run_step(
        "run",
        ws.path(),
        bin.path(),
        &inputs("blog", "github", "", "true"),
    );
    let stdout = String::from_utf8_lossy(&step.output.stdout);
    assert_eq!(step.output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.starts_with("::error file=blog/2024-01-01-broken.md,line=5,"),
        "{stdout}"
    );
    assert_eq!(step.outputs["exit-code"], "1");
    assert!(!step.outputs.contains_key("sarif-file"));
}

#[test]
fn sarif_file_and_findings_not_failing() {
    let ws = workspace();
    let bin = bin_dir();
    let step = run_step(
        "run",
        ws.path(),
        bin.path(),
        &inputs("blog", "github", "reports/postlint.sarif", "false"),
    );
    assert_eq!(
        step.output.status.code(),
        Some(0),
        "fail-on-findings: false"
    );
    assert_eq!(step.outputs["exit-code"], "1");
    assert_eq!(step.outputs["sarif-file"], "reports/postlint.sarif");
    let sarif: Value = serde_json::from_str(
        &std::fs::read_to_string(ws.path().join("reports/postlint.sarif")).unwrap(),
    )
    .expect("SARIF is JSON");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "blog/2024-01-01-broken.md",
        "relative to the repository root"
    );
}

#[test]
fn clean_files_pass() {
    let ws = workspace();
    let bin = bin_dir();
    let args = "blog/2024-01-02-clean.md \"blog/2024-01-03-my post.md\"";
    let step = run_step(
        "run",
        ws.path(),
        bin.path(),
        &inputs(args, "github", "", "true"),
    );
    assert!(
        step.output.status.success(),
        "{}",
        String::from_utf8_lossy(&step.output.stderr)
    );
    assert_eq!(step.outputs["exit-code"], "0");
    assert!(step.output.stdout.is_empty());
}

/// A failed run (exit 2) fails the step even when findings should not, and writes no SARIF
/// output.
#[test]
fn failed_run_fails_the_step() {
    let ws = workspace();
    let bin = bin_dir();
    let step = run_step(
        "run",
        ws.path(),
        bin.path(),
        &inputs("blog --config nowhere.yml", "github", "out.sarif", "false"),
    );
    assert_eq!(step.output.status.code(), Some(2));
    assert_eq!(step.outputs["exit-code"], "2");
    assert!(!step.outputs.contains_key("sarif-file"));
}

/// `args` is split like a shell splits it — quotes group, globs stay unexpanded, nothing runs —
/// as a stand-in `postlint` that records its arguments shows.
#[test]
fn args_are_split_like_a_shell_without_globbing() {
    let ws = workspace();
    let shim = tempfile::tempdir().unwrap();
    let record = shim.path().join("args");
    let postlint = shim.path().join("postlint");
    std::fs::write(
        &postlint,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '{}'\n",
            record.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&postlint, std::fs::Permissions::from_mode(0o755)).unwrap();

    let args = "'blog/2024-*.md'  \"blog/2024-01-03-my post.md\"\n  --max-warnings 0 $(touch pwned) `touch pwned2`";
    let step = run_step(
        "run",
        ws.path(),
        shim.path(),
        &inputs(args, "compact", "", "true"),
    );
    assert!(step.output.status.success());
    let recorded = std::fs::read_to_string(&record).unwrap();
    assert_eq!(
        recorded.lines().collect::<Vec<_>>(),
        [
            "check",
            "--format",
            "compact",
            "blog/2024-*.md",
            "blog/2024-01-03-my post.md",
            "--max-warnings",
            "0",
            "$(touch",
            "pwned)",
            "`touch",
            "pwned2`"
        ]
    );
    assert!(!ws.path().join("pwned").exists() && !shim.path().join("pwned").exists());

    std::fs::remove_file(&record).unwrap();
    let step = run_step(
        "run",
        ws.path(),
        shim.path(),
        &inputs("", "github", "", "true"),
    );
    assert!(step.output.status.success());
    assert_eq!(
        std::fs::read_to_string(&record).unwrap(),
        "check\n--format\ngithub\n",
        "empty args: no empty argument"
    );
}

/// The cache key is made of the source postlint is built from, and the build step puts an
/// already built binary on PATH without building.
#[test]
fn cache_key_and_cached_build() {
    let ws = workspace();
    let none = tempfile::tempdir().unwrap();
    let first = run_step("locate", ws.path(), none.path(), &[]);
    assert!(first.output.status.success(), "{:?}", first.output);
    let second = run_step("locate", ws.path(), none.path(), &[]);
    let key = &first.outputs["key"];
    assert!(key.starts_with("postlint-Linux-X64-"), "{key}");
    assert_eq!(key.len(), "postlint-Linux-X64-".len() + 20);
    assert_eq!(key, &second.outputs["key"], "the same source, the same key");

    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("bin")).unwrap();
    std::os::unix::fs::symlink(
        env!("CARGO_BIN_EXE_postlint"),
        root.path().join("bin/postlint"),
    )
    .unwrap();
    let build = run_step(
        "Build postlint",
        ws.path(),
        none.path(),
        &[
            ("POSTLINT_ROOT", root.path().to_str().unwrap()),
            ("PATH", "/usr/bin:/bin"),
        ],
    );
    assert!(build.output.status.success(), "{:?}", build.output);
    assert_eq!(
        build.path_added.trim(),
        root.path().join("bin").to_str().unwrap()
    );
}

/// The project's workflows call the Action only with inputs it declares.
#[test]
fn workflows_use_declared_inputs() {
    let action = action();
    let declared = action["inputs"].as_object().expect("inputs");
    let mut uses = 0;
    for entry in std::fs::read_dir(repo().join(".github/workflows")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let workflow: Value =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for job in workflow["jobs"].as_object().expect("jobs").values() {
            for step in job["steps"].as_array().expect("steps") {
                if step["uses"] != "./" {
                    continue;
                }
                uses += 1;
                for input in step["with"].as_object().into_iter().flat_map(|w| w.keys()) {
                    assert!(
                        declared.contains_key(input),
                        "{}: undeclared input `{input}`",
                        path.display()
                    );
                }
            }
        }
    }
    assert!(uses > 0, "a workflow runs the Action");
}
