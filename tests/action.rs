//! The composite GitHub Action (`action.yml`): its shell steps run here in bash with the
//! environment the Actions runner gives them (`GITHUB_WORKSPACE`, `GITHUB_OUTPUT`, `INPUT_*` as
//! mapped in the step's `env:`), against the real binary on a small blog. What only GitHub can
//! run (`actions/cache`, uploading SARIF) is exercised by `.github/workflows/postlint.yml`.

#![cfg(unix)]

#[path = "support/action_steps.rs"]
mod action_steps;

use action_steps::{action, action_copy, bin_dir, inputs, repo, run_step, workspace};
use serde_json::Value;

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

/// On a ref that is not a release, the first step leaves postlint to the build: the cache key is
/// made of the source postlint is built from, and the build step puts an already built binary on
/// PATH without building.
#[test]
fn cache_key_and_cached_build() {
    let ws = workspace();
    let none = tempfile::tempdir().unwrap();
    let unreleased = action_copy();
    let action_path = [("GITHUB_ACTION_PATH", unreleased.path().to_str().unwrap())];
    let first = run_step("install", ws.path(), none.path(), &action_path);
    assert!(first.output.status.success(), "{:?}", first.output);
    assert_eq!(first.outputs["installed"], "false");
    assert!(!first.outputs.contains_key("bin"));
    let second = run_step("install", ws.path(), none.path(), &action_path);
    let key = &first.outputs["key"];
    assert!(key.starts_with("postlint-Linux-X64-"), "{key}");
    assert_eq!(key.len(), "postlint-Linux-X64-".len() + 20);
    assert_eq!(key, &second.outputs["key"], "the same source, the same key");
    assert!(first.outputs["root"].ends_with(&format!("/postlint-{}", &key[19..])));

    std::fs::write(unreleased.path().join("src/lib.rs"), "// changed\n").unwrap();
    let changed = run_step("install", ws.path(), none.path(), &action_path);
    assert_ne!(key, &changed.outputs["key"], "a changed source, a new key");

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
        build.outputs["bin"],
        root.path().join("bin").to_str().unwrap()
    );
    assert!(build.path_added.is_empty(), "the job's PATH is left alone");
}

/// The build is cached by explicit restore and save steps, the save right after the build: a
/// run with findings fails the job, and `actions/cache`'s end-of-job save would then be skipped.
#[test]
fn build_cache_is_saved_before_the_lint_step() {
    let action = action();
    let steps = action["runs"]["steps"].as_array().expect("steps");
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(
        uses.iter().all(|u| !u.starts_with("actions/cache@")),
        "{uses:?}"
    );
    let position = |name: &str| {
        steps
            .iter()
            .position(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no step {name}"))
    };
    let save = &steps[position("Save the postlint build")];
    assert!(save["uses"]
        .as_str()
        .unwrap()
        .starts_with("actions/cache/save@"));
    assert!(position("Build postlint") < position("Save the postlint build"));
    assert!(position("Save the postlint build") < position("Run postlint"));
    let condition = save["if"].as_str().unwrap();
    assert!(condition.contains("cache-hit != 'true'"), "{condition}");
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
