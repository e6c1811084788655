//! What postlint says about an oracle site: its findings (the real binary, `--format json`), its
//! model of each post (`postlint::inspect`), and the bytes `--fix` writes.

use assert_cmd::Command;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

#[derive(Debug, Deserialize)]
struct Output {
    diagnostics: Vec<Finding>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub path: String,
    pub line: usize,
    pub message: String,
}

fn postlint(dir: &Path, extra: &[&str]) -> Vec<Finding> {
    let output = Command::cargo_bin("postlint")
        .expect("the postlint binary")
        .current_dir(dir)
        .args(["--format", "json", "--color", "never"])
        .args(extra)
        .arg(".")
        .output()
        .expect("postlint runs");
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "postlint failed on {} ({code:?}): {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let parsed: Output = serde_json::from_slice(&output.stdout).expect("JSON output");
    parsed.diagnostics
}

/// Every finding of a plain run over the site, by path relative to the site root.
pub fn findings(root: &Path) -> Vec<Finding> {
    postlint(root, &[])
}

/// The texts of the site's files after `postlint --fix` on a copy, by path relative to the
/// root, for the files it changed.
pub fn fixed_texts(root: &Path, paths: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let copy = tempfile::tempdir().expect("temp dir");
    copy_tree(root, copy.path());
    postlint(copy.path(), &["--fix"]);
    paths
        .iter()
        .filter_map(|p| {
            let before = fs::read(root.join(p)).ok()?;
            let after = fs::read(copy.path().join(p)).ok()?;
            (before != after).then(|| (p.to_string(), after))
        })
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).expect("readable folder").flatten() {
        let target = to.join(entry.file_name());
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
            copy_tree(&entry.path(), &target);
        } else if kind.is_file() {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Hex SHA-256 of `bytes`, as the oracles record `after_sha256`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
