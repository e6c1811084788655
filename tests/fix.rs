//! `--fix` and `--diff` on real files: the rewritten text, idempotency, line endings,
//! permissions, and files that change under our feet.

use std::fs;
use std::path::PathBuf;

#[path = "support/postlint_bin.rs"]
mod postlint_bin;
use postlint_bin::postlint;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/rules/stray-br")
        .join(name)
}

fn copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    fs::copy(fixture(name), &path).expect("fixture copies");
    (dir, path)
}

#[test]
fn fix_rewrites_safely_and_a_second_fix_changes_nothing() {
    let (dir, path) = copy("habits.md");
    postlint(dir.path())
        .args(["--fix", "habits.md"])
        .assert()
        .code(0);
    let fixed = fs::read_to_string(&path).unwrap();
    insta::assert_snapshot!("habits-fixed", fixed);
    postlint(dir.path())
        .args(["--fix", "habits.md"])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
    // Only the mid-line and emphasised tags are left.
    let output = postlint(dir.path())
        .args(["--format", "compact", "habits.md"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 2);
}

#[test]
fn fix_keeps_crlf_line_endings() {
    let (dir, path) = copy("crlf.md");
    postlint(dir.path())
        .args(["--fix", "crlf.md"])
        .assert()
        .code(0);
    let fixed = fs::read(&path).unwrap();
    assert_eq!(
        String::from_utf8(fixed).unwrap(),
        "---\r\ntitle: CRLF\r\n---\r\n\r\nline one \\\r\nline two\r\n\r\nend\r\n"
    );
}

#[test]
fn diff_prints_and_writes_nothing() {
    let (dir, path) = copy("habits.md");
    let before = fs::read_to_string(&path).unwrap();
    let output = postlint(dir.path())
        .args(["--diff", "habits.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&output.stdout);
    assert!(
        diff.starts_with("--- a/habits.md\n+++ b/habits.md\n"),
        "{diff}"
    );
    assert!(diff.contains("\n-첫 줄입니다. <br>\n"), "{diff}");
    assert!(diff.contains("\n+첫 줄입니다. \\\n"), "{diff}");
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn silent_file_is_untouched() {
    let (dir, path) = copy("silent.md");
    let before = fs::read_to_string(&path).unwrap();
    postlint(dir.path())
        .args(["--fix", "silent.md"])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = copy("habits.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    postlint(dir.path())
        .args(["--fix", "habits.md"])
        .assert()
        .code(0);
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn fixes_in_one_paragraph_are_computed_together() {
    // A `<br>` before a lone `<br>` line, `<br><br>`, a `<br>` after a hard break, list items,
    // quotes, headings: only edits that keep the page are made, and a second run makes none.
    for name in ["paragraph-ends.md", "paragraph-ends-en.md"] {
        let (dir, path) = copy(name);
        postlint(dir.path()).args(["--fix", name]).assert().code(0);
        let fixed = fs::read_to_string(&path).unwrap();
        assert!(
            !fixed.contains("\\\n\n"),
            "a backslash ends a paragraph:\n{fixed}"
        );
        insta::assert_snapshot!(format!("{name}-fixed"), fixed);
        postlint(dir.path()).args(["--fix", name]).assert().code(0);
        assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
    }
}
