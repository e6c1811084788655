//! The Action's fast path (`action/install-release.sh`): on a released source it downloads the
//! release archive for the runner from a real HTTP server on 127.0.0.1 (standing in for the
//! GitHub release), checks its SHA-256 and puts the binary on PATH; in every other case it
//! leaves postlint to the build from source, and a checksum that does not match fails the step.
//!
//! The archives are made by the release's own script (`scripts/release/archive.sh`) around a
//! stand-in that runs the postlint binary under test (the real release binary is large and
//! tests/install_pypi.rs already checks it).

#![cfg(unix)]

#[path = "support/action_steps.rs"]
mod action_steps;
#[path = "support/http_server.rs"]
mod http_server;

use action_steps::{action_copy, inputs, repo, run_step, workspace, Step};
use http_server::{Reply, TestServer};
use std::collections::HashMap;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The target the Action picks on `RUNNER_OS=Linux`, `RUNNER_ARCH=X64`: static musl, so that
/// it also runs in Alpine job containers.
const TARGET: &str = "x86_64-unknown-linux-musl";

/// The release assets, as `scripts/release/archive.sh` makes them, by file name.
fn release_assets(binary_says: &str) -> HashMap<String, Vec<u8>> {
    let scratch = tempfile::tempdir().unwrap();
    let stand_in = scratch.path().join("postlint");
    let script = if binary_says == VERSION {
        format!(
            "#!/bin/sh\nexec '{}' \"$@\"\n",
            env!("CARGO_BIN_EXE_postlint")
        )
    } else {
        format!("#!/bin/sh\necho 'postlint {binary_says}'\n")
    };
    std::fs::write(&stand_in, script).unwrap();
    std::fs::set_permissions(&stand_in, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = scratch.path().join("release");
    let archive = Command::new("bash")
        .arg(repo().join("scripts/release/archive.sh"))
        .args([TARGET, stand_in.to_str().unwrap(), out.to_str().unwrap()])
        .output()
        .expect("bash runs");
    assert!(archive.status.success(), "{archive:?}");
    std::fs::read_dir(&out)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A GitHub release stand-in: `/download/v<VERSION>/<asset>`, 404 for anything else.
fn release_server(assets: HashMap<String, Vec<u8>>) -> TestServer {
    let assets = Arc::new(assets);
    TestServer::start(move |hit| {
        let prefix = format!("/download/v{VERSION}/");
        match hit
            .path
            .strip_prefix(&prefix)
            .and_then(|name| assets.get(name))
        {
            Some(bytes) => Reply::status(200).bytes(bytes.clone()),
            None => Reply::status(404).text("Not Found"),
        }
    })
}

/// Marks the copy of the Action as released at `url`, the way the release workflow does
/// (`scripts/release/set_version.py --release`): the hash of its own source.
fn mark_released(action: &Path, version: &str, url: &str) {
    let hash = Command::new("bash")
        .arg(action.join("action/source-hash.sh"))
        .arg(action)
        .output()
        .expect("bash runs");
    assert!(hash.status.success(), "{hash:?}");
    let hash = String::from_utf8(hash.stdout).unwrap();
    assert_eq!(hash.trim().len(), 64, "{hash}");
    std::fs::write(
        action.join("action/released.env"),
        format!(
            "# a comment\nversion={version}\nsource={}\nurl={url}\n",
            hash.trim()
        ),
    )
    .unwrap();
}

fn install(action: &Path, arch: &str) -> Step {
    let ws = workspace();
    let none = tempfile::tempdir().unwrap();
    run_step(
        "install",
        ws.path(),
        none.path(),
        &[
            ("GITHUB_ACTION_PATH", action.to_str().unwrap()),
            ("RUNNER_ARCH", arch),
        ],
    )
}

fn stdout(step: &Step) -> String {
    String::from_utf8_lossy(&step.output.stdout).into_owned()
}

fn archive_path() -> String {
    format!("/download/v{VERSION}/postlint-{TARGET}.tar.gz")
}

#[test]
fn a_released_source_gets_the_release_binary() {
    let server = release_server(release_assets(VERSION));
    let action = action_copy();
    mark_released(
        action.path(),
        VERSION,
        &server.url(&format!("/download/v{VERSION}")),
    );
    let started = std::time::Instant::now();
    let step = install(action.path(), "X64");
    let elapsed = started.elapsed();
    assert!(step.output.status.success(), "{:?}", step.output);
    assert_eq!(step.outputs["installed"], "true", "{}", stdout(&step));
    assert_eq!(server.hits(&archive_path()), 1);
    assert_eq!(server.hits(&format!("{}.sha256", archive_path())), 1);
    let bin = step.outputs["bin"].as_str();
    assert!(step.path_added.is_empty(), "the job's PATH is left alone");
    assert_eq!(Path::new(bin), Path::new(&step.outputs["root"]).join("bin"));
    assert!(stdout(&step).contains(&format!("postlint {VERSION}")));
    // Not a timing assertion: the figure for the notes on install times.
    let _ = writeln_stderr(&format!("download path: {elapsed:.2?}"));

    // The run step gets the downloaded postlint and lints the workspace with it.
    let ws = workspace();
    let run = run_step(
        "run",
        ws.path(),
        Path::new(bin),
        &inputs("blog", "github", "", "true"),
    );
    let out = String::from_utf8_lossy(&run.output.stdout);
    assert_eq!(run.output.status.code(), Some(1), "{out}");
    assert!(
        out.starts_with("::error file=blog/2024-01-01-broken.md,line=5,"),
        "{out}"
    );
}

fn writeln_stderr(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    // Straight to stderr: libtest would swallow an `eprintln!` of a passing test.
    writeln!(std::io::stderr(), "{text}")
}

/// A commit after the release (or a fork) with a changed source builds: the released binary
/// is not what that source compiles to. Nothing is downloaded.
#[test]
fn a_changed_source_is_built_not_downloaded() {
    let server = release_server(release_assets(VERSION));
    let action = action_copy();
    mark_released(
        action.path(),
        VERSION,
        &server.url(&format!("/download/v{VERSION}")),
    );
    let rule = action.path().join("rules/stray-br.md");
    let doc = std::fs::read_to_string(&rule).unwrap();
    std::fs::write(&rule, format!("{doc}\nA new paragraph.\n")).unwrap();
    let step = install(action.path(), "X64");
    assert!(step.output.status.success(), "{:?}", step.output);
    assert_eq!(step.outputs["installed"], "false");
    assert!(
        stdout(&step).contains(&format!("differs from postlint v{VERSION}")),
        "{}",
        stdout(&step)
    );
    assert_eq!(server.total_hits(), 0);
    assert!(!step.outputs.contains_key("bin"));
}

/// A Windows checkout with CRLF line ends is the same source.
#[test]
fn line_ends_do_not_change_the_source_hash() {
    let server = release_server(release_assets(VERSION));
    let action = action_copy();
    mark_released(
        action.path(),
        VERSION,
        &server.url(&format!("/download/v{VERSION}")),
    );
    let main = action.path().join("src/main.rs");
    let text = std::fs::read_to_string(&main).unwrap();
    std::fs::write(&main, text.replace('\n', "\r\n")).unwrap();
    let step = install(action.path(), "X64");
    assert_eq!(step.outputs["installed"], "true", "{}", stdout(&step));
}

#[test]
fn a_checksum_that_does_not_match_fails_the_step() {
    let mut assets = release_assets(VERSION);
    let name = format!("postlint-{TARGET}.tar.gz");
    assets.insert(
        format!("{name}.sha256"),
        format!("{}  {name}\n", "0".repeat(64)).into_bytes(),
    );
    let server = release_server(assets);
    let action = action_copy();
    mark_released(
        action.path(),
        VERSION,
        &server.url(&format!("/download/v{VERSION}")),
    );
    let step = install(action.path(), "X64");
    assert_eq!(step.output.status.code(), Some(1));
    let out = stdout(&step);
    assert!(out.contains("::error title=postlint::"), "{out}");
    assert!(out.contains("but the release says 0000"), "{out}");
    assert!(!step.outputs.contains_key("installed"));
    assert!(
        !step.outputs.contains_key("bin"),
        "nothing unverified is run"
    );
}

/// An archive holding another version than the release is refused too.
#[test]
fn an_archive_of_another_version_fails_the_step() {
    let server = release_server(release_assets("9.9.9"));
    let action = action_copy();
    mark_released(
        action.path(),
        VERSION,
        &server.url(&format!("/download/v{VERSION}")),
    );
    let step = install(action.path(), "X64");
    assert_eq!(step.output.status.code(), Some(1));
    assert!(
        stdout(&step).contains("holds postlint 9.9.9"),
        "{}",
        stdout(&step)
    );
    assert!(!step.outputs.contains_key("bin"));
}

/// A release without this runner's archive (or a network failure) warns and builds instead.
#[test]
fn a_missing_archive_falls_back_to_the_build() {
    let server = release_server(HashMap::new());
    let action = action_copy();
    mark_released(
        action.path(),
        VERSION,
        &server.url(&format!("/download/v{VERSION}")),
    );
    let step = install(action.path(), "X64");
    assert!(step.output.status.success(), "{:?}", step.output);
    assert_eq!(step.outputs["installed"], "false");
    assert!(stdout(&step).contains("::warning title=postlint::could not download"));
    assert_eq!(server.hits(&archive_path()), 1);
}

/// No release binary for the runner (here 32-bit ARM): build, without asking the server.
#[test]
fn a_runner_without_a_release_binary_builds() {
    let server = release_server(release_assets(VERSION));
    let action = action_copy();
    mark_released(
        action.path(),
        VERSION,
        &server.url(&format!("/download/v{VERSION}")),
    );
    let step = install(action.path(), "ARM");
    assert!(step.output.status.success(), "{:?}", step.output);
    assert_eq!(step.outputs["installed"], "false");
    assert!(stdout(&step).contains("no binary for Linux ARM"));
    assert_eq!(server.total_hits(), 0);
}
