//! The PyPI route, for real: the release wheel maturin builds (`pyproject.toml`) installs into a
//! fresh venv and its `postlint` lints a fixture site exactly as the binary under test does; the
//! pre-commit mirror (`pre-commit-mirror/` + `scripts/release/pre_commit_mirror.py`) installs
//! that wheel from a local wheelhouse with the real pre-commit, with no `cargo` on PATH, and
//! blocks a broken post.
//!
//! Needs maturin, python3 and (for the mirror) pre-commit and git; see tests/support/dist.rs.

#![cfg(unix)]

#[path = "support/dist.rs"]
mod dist;

use dist::{built, note, repo, require, run, text, tool, VERSION};
use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

#[path = "support/git.rs"]
mod git_support;

fn needs_maturin(test: &str) -> bool {
    require(
        test,
        &[
            ("maturin", tool("maturin", &["--version"])),
            ("python3", tool("python3", &["--version"])),
        ],
        "POSTLINT_REQUIRE_DIST",
    )
}

#[test]
fn wheel_installs_into_a_fresh_venv_and_lints_like_the_binary_under_test() {
    if !needs_maturin("wheel_installs_into_a_fresh_venv_and_lints_like_the_binary_under_test") {
        return;
    }
    let built = built();
    note(&format!(
        "maturin build --release: {:.1?}",
        built.build_time
    ));
    let name = built
        .wheel
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with(&format!("postlint-{VERSION}-py3-none-")),
        "one wheel for every Python: {name}"
    );

    let scratch = tempfile::tempdir().unwrap();
    let venv = scratch.path().join("venv");
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv));
    let started = Instant::now();
    run(Command::new(venv.join("bin/python"))
        .args([
            "-m",
            "pip",
            "install",
            "--no-index",
            "--disable-pip-version-check",
        ])
        .arg(&built.wheel));
    note(&format!(
        "pip install of the wheel: {:.1?}",
        started.elapsed()
    ));

    let postlint = venv.join("bin/postlint");
    let version = run(Command::new(&postlint).arg("--version"));
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("postlint {VERSION}")
    );
    let (code, report) = dist::json_report(&postlint, &dist::fixture_site());
    let (expected_code, expected) = dist::expected_report();
    assert_eq!(code, Some(1), "the fixture site has broken posts");
    assert_eq!(code, expected_code);
    assert_eq!(
        report, expected,
        "the wheel's binary reports what the tested one does"
    );

    // The wheel's metadata: Cargo.toml's version and licence, pyproject.toml's name.
    let metadata = run(Command::new(venv.join("bin/python")).args([
        "-c",
        "import importlib.metadata as m; d = m.metadata('postlint'); \
         print(d['Name'], d['Version'], d['License-Expression'] or d['License'])",
    ]));
    assert_eq!(
        String::from_utf8_lossy(&metadata.stdout).trim(),
        format!("postlint {VERSION} MIT OR Apache-2.0")
    );
}

fn git(dir: &Path, args: &[&str]) -> Output {
    git_support::git_in(dir)
        .args(args)
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) {
    let output = git(dir, args);
    assert!(output.status.success(), "git {args:?}: {}", text(&output));
}

const BROKEN: &str = "blog/2024-01-03-broken.md";
const CLEAN: &str = "blog/2024-01-01-clean.md";

fn blog(dir: &Path, mirror: &Path) {
    let files = [
        ("docusaurus.config.js", "module.exports = {};\n".to_string()),
        (CLEAN, "---\ntitle: Clean\n---\n\nAll good.\n".to_string()),
        (
            BROKEN,
            "---\ntitle: Broken\n---\n\nSee [the guide][setup-guide].\n\n[setup]: https://example.com/\n"
                .to_string(),
        ),
        (
            ".pre-commit-config.yaml",
            format!(
                "repos:\n  - repo: {}\n    rev: v{VERSION}\n    hooks:\n      - id: postlint\n      - id: postlint-fix\n",
                serde_json::to_string(mirror.to_str().unwrap()).unwrap()
            ),
        ),
    ];
    for (path, content) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    git_ok(dir, &["init", "-q"]);
    git_ok(dir, &["add", "."]);
    git_ok(dir, &["commit", "-q", "-m", "blog"]);
}

/// The mirror repository as the release workflow publishes it, tagged `v<version>`.
fn mirror(dir: &Path) {
    run(Command::new("python3")
        .arg(repo().join("scripts/release/pre_commit_mirror.py"))
        .arg(dir));
    git_ok(dir, &["init", "-q"]);
    git_ok(dir, &["add", "."]);
    git_ok(dir, &["commit", "-q", "-m", &format!("postlint {VERSION}")]);
    git_ok(dir, &["tag", &format!("v{VERSION}")]);
}

#[test]
fn pre_commit_mirror_installs_the_wheel_without_a_rust_toolchain() {
    let test = "pre_commit_mirror_installs_the_wheel_without_a_rust_toolchain";
    if !needs_maturin(test)
        || !require(
            test,
            &[
                ("pre-commit", tool("pre-commit", &["--version"])),
                ("git", tool("git", &["--version"])),
            ],
            "POSTLINT_REQUIRE_PRECOMMIT",
        )
    {
        return;
    }
    let built = built();
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path();

    // The wheelhouse: the fresh wheel, and setuptools to build the mirror's tiny package.
    let wheelhouse = root.join("wheelhouse");
    std::fs::create_dir(&wheelhouse).unwrap();
    std::fs::copy(
        &built.wheel,
        wheelhouse.join(built.wheel.file_name().unwrap()),
    )
    .unwrap();
    run(Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--quiet",
            "--disable-pip-version-check",
            "--only-binary=:all:",
            "--dest",
        ])
        .arg(&wheelhouse)
        .arg("setuptools>=61"));

    let mirror_dir = root.join("mirror");
    mirror(&mirror_dir);
    let hooks = std::fs::read_to_string(mirror_dir.join(".pre-commit-hooks.yaml")).unwrap();
    assert!(!hooks.contains("language: rust"), "{hooks}");
    let site = root.join("blog");
    blog(&site, &mirror_dir);

    let path = dist::path_without_rust();
    let home = root.join("pre-commit-home");
    let pre_commit = |args: &[&str]| {
        Command::new("pre-commit")
            .args(args)
            .current_dir(&site)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", &home)
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", &wheelhouse)
            .env_remove("POSTLINT_FORMAT")
            .env_remove("NO_COLOR")
            .output()
            .expect("pre-commit runs")
    };
    let cargo = Command::new("cargo")
        .arg("--version")
        .env("PATH", &path)
        .output();
    assert!(cargo.is_err(), "cargo must not be on the hook's PATH");

    let started = Instant::now();
    let install = pre_commit(&["install-hooks"]);
    let first_install = started.elapsed();
    assert!(install.status.success(), "{}", text(&install));
    note(&format!(
        "pre-commit first install, wheel hook: {first_install:.1?}"
    ));

    // The hook's postlint is the wheel's binary, not something found elsewhere.
    let installed = std::fs::read_dir(&home)
        .unwrap()
        .filter_map(|e| e.ok())
        .flat_map(|repo| std::fs::read_dir(repo.path()).into_iter().flatten())
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin/postlint"))
        .find(|p| p.exists())
        .expect("a python env with bin/postlint under PRE_COMMIT_HOME");
    assert_eq!(dist::sha256_of(&installed), dist::sha256_of(&built.binary));

    let broken = pre_commit(&["run", "postlint", "--files", BROKEN]);
    assert_eq!(broken.status.code(), Some(1), "{}", text(&broken));
    assert!(
        text(&broken).contains("undefined-reference"),
        "{}",
        text(&broken)
    );
    let clean = pre_commit(&["run", "postlint", "--files", CLEAN]);
    assert!(clean.status.success(), "{}", text(&clean));
    assert!(text(&clean).contains("Passed"));

    // As the git hook: the commit of a broken post is refused.
    let hook = pre_commit(&["install"]);
    assert!(hook.status.success(), "{}", text(&hook));
    std::fs::write(
        site.join(CLEAN),
        "---\ntitle: Clean\n---\n\nAnd [this][nowhere].\n\n[now]: https://example.com/\n",
    )
    .unwrap();
    git_ok(&site, &["add", CLEAN]);
    let refused = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@postlint.invalid",
            "commit",
            "-m",
            "break a post",
        ])
        .current_dir(&site)
        .env("PATH", &path)
        .env("PRE_COMMIT_HOME", &home)
        .output()
        .unwrap();
    assert!(!refused.status.success(), "{}", text(&refused));
    assert!(
        text(&refused).contains("undefined-reference"),
        "{}",
        text(&refused)
    );
}
