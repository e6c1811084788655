//! What the release workflow relies on, checked on every commit: one version everywhere (and
//! `scripts/release/set_version.py` moving all of it), the crate holding what the binary embeds,
//! the pre-commit mirror offering the same hooks, and one list of targets shared by the build
//! matrix, the Action, the npm packages and cargo-binstall.

#![cfg(unix)]

#[path = "support/dist.rs"]
mod dist;

use dist::{repo, require, run, text, tool, VERSION};
use regex::Regex;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files with install snippets naming a version, and how many each must have at least.
const SNIPPETS: &[(&str, usize)] = &[
    ("README.md", 3),
    ("docs/install.md", 4),
    ("docs/pre-commit.md", 1),
    ("docs/github-actions.md", 2),
    ("pre-commit-mirror/README.md", 1),
    (".pre-commit-hooks.yaml", 1),
];

/// Every version an install snippet names: `rev: vX`, `postlint/postlint@vX`, `postlint==X`,
/// `releases/download/vX`.
fn snippet_versions(text: &str) -> Vec<String> {
    let pattern =
        Regex::new(r"(?:rev: v|postlint/postlint@v|releases/download/v|postlint==)(\d+\.\d+\.\d+[0-9A-Za-z.-]*)")
            .unwrap();
    pattern
        .captures_iter(text)
        .map(|c| c[1].trim_end_matches('.').to_string())
        .collect()
}

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn assert_version_everywhere(root: &Path, version: &str) {
    for (file, at_least) in SNIPPETS {
        let found = snippet_versions(&read(root, file));
        assert!(
            found.len() >= *at_least,
            "{file}: {} install snippets with a version, expected {at_least} or more",
            found.len()
        );
        for v in found {
            assert_eq!(v, version, "{file} names version {v}");
        }
    }
    let cargo: toml::Table = read(root, "Cargo.toml").parse().unwrap();
    assert_eq!(cargo["package"]["version"].as_str(), Some(version));
    let lock = read(root, "Cargo.lock");
    assert!(
        lock.contains(&format!("name = \"postlint\"\nversion = \"{version}\"\n")),
        "Cargo.lock"
    );
    let mirror: toml::Table = read(root, "pre-commit-mirror/pyproject.toml")
        .parse()
        .unwrap();
    assert_eq!(mirror["project"]["version"].as_str(), Some(version));
    assert_eq!(
        mirror["project"]["dependencies"][0].as_str(),
        Some(format!("postlint=={version}").as_str())
    );
    let npm: Value = serde_json::from_str(&read(root, "npm/postlint/package.json")).unwrap();
    assert_eq!(npm["version"], version);
    for (name, v) in npm["optionalDependencies"].as_object().unwrap() {
        assert_eq!(v, version, "{name}");
    }
}

#[test]
fn one_version_everywhere() {
    assert_version_everywhere(&repo(), VERSION);
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The parts of the repository `set_version.py` reads and writes, copied.
fn repo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        ".pre-commit-hooks.yaml",
    ] {
        std::fs::copy(repo().join(file), dir.path().join(file)).unwrap();
    }
    for folder in [
        "src",
        "rules",
        "docs",
        "npm",
        "pre-commit-mirror",
        "action",
        "scripts/release",
    ] {
        copy_tree(&repo().join(folder), &dir.path().join(folder));
    }
    let _ = std::fs::remove_file(dir.path().join("action/released.env"));
    dir
}

fn python_ok(test: &str) -> bool {
    require(
        test,
        &[("python3", tool("python3", &["--version"]))],
        "POSTLINT_REQUIRE_DIST",
    )
}

#[test]
fn set_version_moves_every_place_and_readies_the_release() {
    if !python_ok("set_version_moves_every_place_and_readies_the_release") {
        return;
    }
    let copy = repo_copy();
    let root = copy.path();
    let output = run(Command::new("python3")
        .arg(root.join("scripts/release/set_version.py"))
        .args(["v9.8.7", "--release"]));
    assert!(text(&output).contains(&format!("postlint {VERSION} -> 9.8.7 (release)")));
    assert_version_everywhere(root, "9.8.7");

    // Cargo.lock still matches Cargo.toml: cargo would not have to change it.
    let metadata = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--locked",
            "--offline",
            "--format-version",
            "1",
            "--no-deps",
        ])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(metadata.status.success(), "{}", text(&metadata));

    // The notes that no release exists are gone from the docs.
    for path in ["README.md", "docs/install.md", "docs/pre-commit.md"] {
        let before = read(&repo(), path);
        let after = read(root, path);
        assert!(
            !after.contains("unreleased -->"),
            "{path} keeps an unreleased note"
        );
        if before.contains("<!-- unreleased -->") {
            assert!(after.len() < before.len(), "{path}");
        }
    }

    // The Action downloads this release's binaries for exactly this source.
    let hash = run(Command::new("bash")
        .arg(root.join("action/source-hash.sh"))
        .arg(root));
    let released = read(root, "action/released.env");
    let fields: Vec<&str> = released.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        fields,
        [
            "version=9.8.7".to_string(),
            format!("source={}", String::from_utf8_lossy(&hash.stdout).trim()),
            "url=https://github.com/postlint/postlint/releases/download/v9.8.7".to_string(),
        ]
    );

    // Run again: nothing moves.
    let again = run(Command::new("python3")
        .arg(root.join("scripts/release/set_version.py"))
        .args(["9.8.7", "--release"]));
    assert!(text(&again).contains("postlint 9.8.7 -> 9.8.7"));
    assert_version_everywhere(root, "9.8.7");
}

#[test]
fn set_version_refuses_what_is_not_a_version() {
    if !python_ok("set_version_refuses_what_is_not_a_version") {
        return;
    }
    let copy = repo_copy();
    let output = Command::new("python3")
        .arg(copy.path().join("scripts/release/set_version.py"))
        .arg("1.2")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert_eq!(read(copy.path(), "Cargo.toml"), read(&repo(), "Cargo.toml"));
}

/// The crate holds the source and everything the binary compiles in (`include_str!` outside
/// tests), and none of the fixtures, tests or release tooling.
#[test]
fn the_crate_holds_what_the_binary_embeds() {
    let output = run(Command::new(env!("CARGO"))
        .args(["package", "--list", "--locked", "--allow-dirty"])
        .current_dir(repo()));
    let listed: BTreeSet<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "src/main.rs",
    ] {
        assert!(listed.contains(file), "{file} is not in the crate");
    }
    for file in &listed {
        for excluded in [
            "fixtures/",
            "tests/",
            "benches/",
            "scripts/",
            "npm/",
            "docs/",
            ".github/",
        ] {
            assert!(!file.starts_with(excluded), "{file} is in the crate");
        }
    }
    let include = Regex::new(r#"include_(?:str|bytes)!\(\s*"([^"]+)"\s*\)"#).unwrap();
    let mut embedded = 0;
    for source in rust_files(&repo().join("src")) {
        let text = std::fs::read_to_string(&source).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for capture in include.captures_iter(code) {
            let path = normalize(&source.parent().unwrap().join(&capture[1]));
            let relative = path
                .strip_prefix(repo())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            assert!(
                listed.contains(&relative),
                "{} embeds {relative}, which the crate leaves out (Cargo.toml `include`)",
                source.display()
            );
            embedded += 1;
        }
    }
    assert!(embedded >= 16, "only {embedded} embedded files found");
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn yaml(path: &str) -> Value {
    serde_saphyr::from_str(&read(&repo(), path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The build matrix makes an archive for every target the npm packages and the Action download.
#[test]
fn one_list_of_targets() {
    let workflow = yaml(".github/workflows/release.yml");
    let built: BTreeSet<String> = workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["target"].as_str().unwrap().to_string())
        .collect();
    let platforms: Value =
        serde_json::from_str(&read(&repo(), "npm/postlint/platforms.json")).unwrap();
    let npm: BTreeSet<String> = platforms
        .as_object()
        .unwrap()
        .values()
        .map(|p| p["target"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        built, npm,
        "release.yml builds exactly the npm packages' targets"
    );

    let script = read(&repo(), "action/install-release.sh");
    let action: BTreeSet<String> = Regex::new(r"\) target=(\S+) ;;")
        .unwrap()
        .captures_iter(&script)
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(action.len(), 5, "{action:?}");
    assert!(action.is_subset(&built), "{action:?} not all in {built:?}");

    // cargo-binstall and the Action download the archive scripts/release/archive.sh names.
    let archive = read(&repo(), "scripts/release/archive.sh");
    assert!(archive.contains(r#"name="postlint-$target""#));
    assert!(archive.contains(r#""$name.tar.gz""#));
    assert!(script.contains(r#"name="postlint-$target""#));
    let cargo: toml::Table = read(&repo(), "Cargo.toml").parse().unwrap();
    let binstall = &cargo["package"]["metadata"]["binstall"];
    assert_eq!(
        binstall["pkg-url"].as_str(),
        Some("{ repo }/releases/download/v{ version }/postlint-{ target }.tar.gz")
    );
    assert_eq!(
        binstall["bin-dir"].as_str(),
        Some("postlint-{ target }/{ bin }{ binary-ext }")
    );
}

/// The mirror offers the hooks of this repository, installed from the wheel instead of built.
#[test]
fn the_mirror_has_the_same_hooks() {
    if !python_ok("the_mirror_has_the_same_hooks") {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    run(Command::new("python3")
        .arg(repo().join("scripts/release/pre_commit_mirror.py"))
        .arg(out.path()));
    let ours = yaml(".pre-commit-hooks.yaml");
    let mirror: Value = serde_saphyr::from_str(
        &std::fs::read_to_string(out.path().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let ours = ours.as_array().unwrap();
    let mirror = mirror.as_array().unwrap();
    assert_eq!(ours.len(), mirror.len());
    for (a, b) in ours.iter().zip(mirror) {
        let mut a = a.clone();
        assert_eq!(a["language"], "rust");
        assert_eq!(b["language"], "python");
        a["language"] = "python".into();
        assert_eq!(&a, b);
    }
    for file in ["pyproject.toml", "README.md", "LICENSE-MIT"] {
        assert!(out.path().join(file).exists(), "{file}");
    }
}
