//! The npm route, for real: the launcher package (`npm/postlint/`) and this machine's platform
//! package, laid out by `scripts/release/npm_packages.py` from a release archive of the freshly
//! built binary, packed with `npm pack`, installed offline into a throwaway Docusaurus-like
//! project; `npx postlint` and an npm script then lint the site as the binary under test does.
//! Also the launcher's clear errors: a platform with no binary, and a platform package left out.
//!
//! Needs maturin, python3, node and npm; see tests/support/dist.rs.

#![cfg(unix)]

#[path = "support/dist.rs"]
mod dist;

use dist::{built, note, repo, require, run, text, tool, VERSION};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

fn tools_ok(test: &str) -> bool {
    require(
        test,
        &[
            ("maturin", tool("maturin", &["--version"])),
            ("python3", tool("python3", &["--version"])),
            ("node", tool("node", &["--version"])),
            ("npm", tool("npm", &["--version"])),
        ],
        "POSTLINT_REQUIRE_DIST",
    )
}

fn platforms() -> serde_json::Value {
    let text = std::fs::read_to_string(repo().join("npm/postlint/platforms.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// This machine's key in platforms.json, as the launcher computes it (glibc here).
fn host_key() -> String {
    let output = run(Command::new("node").args(["-p", "process.platform + '-' + process.arch"]));
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

struct Packed {
    _scratch: tempfile::TempDir,
    tarballs: PathBuf,
    /// The platform packages packed, by key.
    keys: Vec<String>,
}

/// Release archives for the host's key and, on Linux, its musl twin (same binary: npm must
/// leave that package out on glibc), then the npm packages, packed.
fn pack() -> Packed {
    let built = built();
    let scratch = tempfile::tempdir().unwrap();
    let archives = scratch.path().join("archives");
    let host = host_key();
    let platforms = platforms();
    assert!(
        platforms.get(&host).is_some(),
        "platforms.json has no {host}"
    );
    let mut keys = vec![host.clone()];
    if platforms.get(format!("{host}-musl")).is_some() {
        keys.push(format!("{host}-musl"));
    }
    for key in &keys {
        let target = platforms[key]["target"].as_str().unwrap();
        run(Command::new("bash")
            .arg(repo().join("scripts/release/archive.sh"))
            .arg(target)
            .arg(&built.binary)
            .arg(&archives));
    }
    let packages = scratch.path().join("packages");
    let mut layout = Command::new("python3");
    layout
        .arg(repo().join("scripts/release/npm_packages.py"))
        .arg("--archives")
        .arg(&archives)
        .arg("--out")
        .arg(&packages);
    for key in &keys {
        layout.args(["--platform", key]);
    }
    run(&mut layout);

    let tarballs = scratch.path().join("tarballs");
    std::fs::create_dir(&tarballs).unwrap();
    let dirs =
        std::iter::once("postlint".to_string()).chain(keys.iter().map(|k| format!("cli-{k}")));
    for dir in dirs {
        run(npm(&packages.join(dir), &scratch.path().join("cache"))
            .args(["pack", "--pack-destination"])
            .arg(&tarballs));
    }
    Packed {
        _scratch: scratch,
        tarballs,
        keys,
    }
}

fn npm(dir: &Path, cache: &Path) -> Command {
    let mut command = Command::new("npm");
    command
        .current_dir(dir)
        .env("npm_config_cache", cache)
        .env("npm_config_update_notifier", "false")
        .env("npm_config_fund", "false")
        .env("npm_config_audit", "false")
        .env_remove("POSTLINT_FORMAT");
    command
}

fn tarball(packed: &Packed, name: &str) -> String {
    format!("file:{}", packed.tarballs.join(name).display())
}

/// A copy of the fixture Docusaurus site with a package.json that installs postlint from the
/// packed tarballs (the platform package through `overrides`, as the registry would serve it).
fn project(packed: &Packed) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    run(Command::new("cp")
        .arg("-R")
        .arg(dist::fixture_site().join("."))
        .arg(dir.path()));
    let overrides: serde_json::Map<String, serde_json::Value> = packed
        .keys
        .iter()
        .map(|key| {
            (
                format!("@postlint/cli-{key}"),
                tarball(packed, &format!("postlint-cli-{key}-{VERSION}.tgz")).into(),
            )
        })
        .collect();
    let manifest = serde_json::json!({
        "name": "my-blog",
        "private": true,
        "scripts": { "lint:posts": "postlint --format json ." },
        "devDependencies": { "postlint": tarball(packed, &format!("postlint-{VERSION}.tgz")) },
        "overrides": overrides,
    });
    std::fs::write(
        dir.path().join("package.json"),
        serde_json::to_string_pretty(&manifest).unwrap(),
    )
    .unwrap();
    dir
}

fn install(project: &Path, extra: &[&str]) -> Output {
    let cache = project.join(".npm-cache");
    npm(project, &cache)
        .args(["install", "--offline", "--no-audit", "--no-fund"])
        .args(extra)
        .output()
        .expect("npm runs")
}

fn npx(project: &Path, args: &[&str]) -> Command {
    let mut command = npm(project, &project.join(".npm-cache"));
    command
        .args(["exec", "--offline", "--", "postlint"])
        .args(args);
    command
}

fn report(output: &Output) -> serde_json::Value {
    let mut report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(output)));
    report["summary"]["elapsed_ms"] = 0.into();
    report
}

#[test]
fn npx_postlint_runs_the_platform_binary() {
    if !tools_ok("npx_postlint_runs_the_platform_binary") {
        return;
    }
    let packed = pack();
    let project = project(&packed);
    let started = Instant::now();
    let installed = install(project.path(), &[]);
    note(&format!(
        "npm install (offline, from packed tarballs): {:.1?}",
        started.elapsed()
    ));
    assert!(installed.status.success(), "{}", text(&installed));

    let modules = project.path().join("node_modules/@postlint");
    let host = host_key();
    assert!(modules.join(format!("cli-{host}/postlint")).exists());
    if packed.keys.len() > 1 {
        // Linux with glibc: the `libc: ["musl"]` package does not fit this machine.
        assert!(
            !modules.join(format!("cli-{host}-musl")).exists(),
            "npm installed the musl package on glibc"
        );
    }

    let version = run(&mut npx(project.path(), &["--version"]));
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("postlint {VERSION}")
    );
    let site = npx(project.path(), &["check", "--format", "json", "."])
        .output()
        .unwrap();
    // The binary under test on the same copy of the site.
    let expected = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .args(["check", "--format", "json", "."])
        .current_dir(project.path())
        .env_remove("POSTLINT_FORMAT")
        .output()
        .unwrap();
    assert_eq!(site.status.code(), Some(1), "{}", text(&site));
    assert_eq!(site.status.code(), expected.status.code());
    assert_eq!(report(&site), report(&expected));

    // As an npm script, the way a Docusaurus site wires it.
    let script = npm(project.path(), &project.path().join(".npm-cache"))
        .args(["run", "--silent", "lint:posts"])
        .output()
        .unwrap();
    assert_eq!(script.status.code(), Some(1), "{}", text(&script));
    assert_eq!(report(&script), report(&expected));
}

#[test]
fn the_launcher_says_what_is_missing() {
    if !tools_ok("the_launcher_says_what_is_missing") {
        return;
    }
    let packed = pack();
    let project = project(&packed);

    // Optional dependencies omitted: the platform package is missing.
    let installed = install(project.path(), &["--omit=optional"]);
    assert!(installed.status.success(), "{}", text(&installed));
    let missing = npx(project.path(), &["--version"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2), "{}", text(&missing));
    let message = String::from_utf8_lossy(&missing.stderr);
    assert!(
        message.contains(&format!("the package @postlint/cli-{}", host_key()))
            && message.contains("--include=optional"),
        "{message}"
    );

    // A platform with no prebuilt binary (here a machine reporting ppc64).
    let preload = project.path().join("ppc64.js");
    std::fs::write(
        &preload,
        "Object.defineProperty(process, 'arch', { value: 'ppc64' });\n",
    )
    .unwrap();
    let unsupported = npx(project.path(), &["--version"])
        .env("NODE_OPTIONS", format!("--require {}", preload.display()))
        .output()
        .unwrap();
    assert_eq!(unsupported.status.code(), Some(2), "{}", text(&unsupported));
    let message = String::from_utf8_lossy(&unsupported.stderr);
    assert!(
        message.contains("no prebuilt binary for linux-ppc64")
            && message.contains("POSTLINT_BINARY"),
        "{message}"
    );

    // POSTLINT_BINARY runs a binary built by hand.
    let own = npx(project.path(), &["--version"])
        .env("NODE_OPTIONS", format!("--require {}", preload.display()))
        .env("POSTLINT_BINARY", env!("CARGO_BIN_EXE_postlint"))
        .output()
        .unwrap();
    assert!(own.status.success(), "{}", text(&own));
}

/// The launcher's table and the package's optional dependencies name the same packages, at
/// the version of Cargo.toml.
#[test]
fn optional_dependencies_match_the_platform_table() {
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("npm/postlint/package.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["version"], VERSION);
    let expected: serde_json::Map<String, serde_json::Value> = platforms()
        .as_object()
        .unwrap()
        .keys()
        .map(|key| (format!("@postlint/cli-{key}"), VERSION.into()))
        .collect();
    assert_eq!(
        manifest["optionalDependencies"],
        serde_json::Value::Object(expected)
    );
    assert_eq!(manifest["bin"]["postlint"], "bin/postlint.js");
}
