//! The `frontmatter:` section of `postlint.yml` as a user meets it: unknown keys made loud,
//! extra required keys, a schema of one's own, a tag registry in config.

use assert_cmd::Command;
use std::fs;
use std::path::Path;

#[path = "support/postlint_bin.rs"]
mod postlint_bin;

fn postlint(cwd: &Path) -> Command {
    let mut cmd = postlint_bin::postlint(cwd);
    cmd.args(["--format", "json"]);
    cmd
}

/// A Docusaurus site with `posts` (file name, text) and `config` as `postlint.yml`.
fn site(config: &str, posts: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(root.join("docusaurus.config.js"), "module.exports = {};\n").unwrap();
    fs::create_dir_all(root.join("blog")).unwrap();
    // A marker so config discovery stops here.
    fs::create_dir_all(root.join(".git")).unwrap();
    if !config.is_empty() {
        fs::write(root.join("postlint.yml"), config).unwrap();
    }
    for (name, text) in posts {
        fs::write(root.join("blog").join(name), text).unwrap();
    }
    dir
}

/// (rule, severity, line, message) of each diagnostic, and the exit code.
fn run(dir: &Path) -> (Vec<(String, String, u64, String)>, i32) {
    let output = postlint(dir).output().expect("postlint runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let diagnostics = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").to_string(),
                d["severity"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (diagnostics, output.status.code().unwrap_or(-1))
}

const POST_WITH_EXTRA_KEY: &str = "---\ntitle: 글\nmood: 맑음\n---\n\n본문\n";

#[test]
fn unknown_keys_are_silent_by_default() {
    let dir = site("", &[("2024-01-01-a.md", POST_WITH_EXTRA_KEY)]);
    assert_eq!(run(dir.path()), (vec![], 0));
}

#[test]
fn unknown_keys_warning_reports_warnings() {
    let dir = site(
        "frontmatter:\n  unknown_keys: warning\n",
        &[("2024-01-01-a.md", POST_WITH_EXTRA_KEY)],
    );
    let (diagnostics, code) = run(dir.path());
    assert_eq!(
        diagnostics,
        vec![(
            "frontmatter-schema".to_string(),
            "warning".to_string(),
            3,
            "unknown key `mood`".to_string()
        )]
    );
    assert_eq!(code, 0);
}

#[test]
fn unknown_keys_error_fails_the_run() {
    let dir = site(
        "frontmatter:\n  unknown_keys: error\n",
        &[("2024-01-01-a.md", POST_WITH_EXTRA_KEY)],
    );
    let (diagnostics, code) = run(dir.path());
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].1, "error");
    assert_eq!(code, 1);
}

#[test]
fn a_key_several_posts_use_is_not_unknown() {
    let posts: Vec<(String, String)> = (1..=3)
        .map(|i| {
            (
                format!("2024-01-0{i}-a.md"),
                format!("---\ntitle: 글 {i}\nmood: 맑음\n---\n"),
            )
        })
        .collect();
    let posts: Vec<(&str, &str)> = posts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = site("frontmatter:\n  unknown_keys: error\n", &posts);
    assert_eq!(run(dir.path()), (vec![], 0));
}

#[test]
fn required_keys_add_to_the_preset() {
    let dir = site(
        "frontmatter:\n  required: [title, tags]\n",
        &[
            ("2024-01-01-a.md", "---\ntitle: 글\ntags: [a]\n---\n"),
            ("2024-01-02-b.md", "---\ntags: [a]\n---\n\n# 제목\n"),
        ],
    );
    let (diagnostics, code) = run(dir.path());
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.3.as_str()).collect();
    // A required `title` is required even when the body has a `# ` heading.
    assert_eq!(messages, vec!["missing required key `title`"]);
    assert_eq!(code, 1);
}

#[test]
fn a_schema_of_ones_own_replaces_the_preset() {
    let dir = site(
        "frontmatter:\n  schema: post.schema.yaml\n",
        &[
            ("2024-01-01-a.md", "---\ntitle: 글\nlevel: 9\n---\n"),
            // `tags: data` breaks the preset, not this schema.
            (
                "2024-01-02-b.md",
                "---\ntitle: 글\ntags: data\nlevel: 2\n---\n",
            ),
        ],
    );
    fs::write(
        dir.path().join("post.schema.yaml"),
        "type: object\nrequired: [level]\nproperties:\n  level:\n    type: integer\n    maximum: 5\n",
    )
    .unwrap();
    let (diagnostics, _) = run(dir.path());
    let messages: Vec<&str> = diagnostics.iter().map(|d| d.3.as_str()).collect();
    assert_eq!(messages, vec!["`level` must be at most 5, found 9"]);
}

#[test]
fn a_schema_that_cannot_be_loaded_is_exit_2() {
    let dir = site(
        "frontmatter:\n  schema: missing.yaml\n",
        &[("2024-01-01-a.md", "---\ntitle: a\n---\n")],
    );
    let output = postlint(dir.path()).output().expect("postlint runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot read the front matter schema `missing.yaml`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(":2:3"),
        "points at the `schema:` line: {stderr}"
    );

    fs::write(dir.path().join("missing.yaml"), "type: 12\n").unwrap();
    let output = postlint(dir.path()).output().expect("postlint runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_tag_registry_in_config() {
    let dir = site(
        "frontmatter:\n  tags: [data, 공공 데이터]\n",
        &[(
            "2024-01-01-a.md",
            "---\ntitle: 글\ntags: [data, 공공 데이터, dta]\n---\n",
        )],
    );
    let (diagnostics, code) = run(dir.path());
    assert_eq!(
        diagnostics,
        vec![(
            "unknown-tag".to_string(),
            "warning".to_string(),
            3,
            "unknown tag `dta`".to_string()
        )]
    );
    assert_eq!(code, 0);
}
