//! The command line as a user meets it: exit codes, options, config errors, stdin.

use predicates::prelude::*;
use std::fs;
use std::path::PathBuf;

#[path = "support/postlint_bin.rs"]
mod postlint_bin;
use postlint_bin::postlint;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A throwaway Docusaurus site with one clean and one broken post.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(root.join("docusaurus.config.js"), "module.exports = {};\n").unwrap();
    fs::create_dir_all(root.join("blog")).unwrap();
    fs::write(
        root.join("blog/2024-01-01-clean.md"),
        "---\ntitle: 깨끗한 글\n---\n\n본문입니다.\n",
    )
    .unwrap();
    fs::write(
        root.join("blog/2024-01-02-warn.md"),
        "---\ntitle: 경고\n---\n\n첫 줄 <br />\n둘째 줄\n",
    )
    .unwrap();
    dir
}

#[test]
fn clean_site_exits_zero() {
    let dir = site();
    postlint(dir.path())
        .arg("blog/2024-01-01-clean.md")
        .assert()
        .code(0)
        .stderr(predicate::str::contains("0 errors, 0 warnings in 1 file"));
}

#[test]
fn warnings_alone_exit_zero_unless_over_max_warnings() {
    let dir = site();
    postlint(dir.path()).assert().code(0);
    postlint(dir.path())
        .args(["--max-warnings", "0"])
        .assert()
        .code(1);
    postlint(dir.path())
        .args(["--max-warnings", "1"])
        .assert()
        .code(0);
}

#[test]
fn errors_exit_one() {
    let dir = site();
    fs::write(
        dir.path().join("blog/2024-01-03-bad.md"),
        "---\ntitle: [\n---\n",
    )
    .unwrap();
    postlint(dir.path())
        .args(["--format", "compact"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "blog/2024-01-03-bad.md:2:1: error[frontmatter-syntax]",
        ));
}

#[test]
fn select_and_ignore() {
    let dir = site();
    postlint(dir.path())
        .args(["--format", "compact", "--ignore", "stray-br"])
        .assert()
        .code(0)
        .stdout("");
    postlint(dir.path())
        .args(["--format", "compact", "--select", "stray-br"])
        .assert()
        .stdout(predicate::str::contains("warning[stray-br]"));
    postlint(dir.path())
        .args(["--select", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule `no-such-rule`"));
}

#[test]
fn missing_path_is_exit_two() {
    let dir = site();
    postlint(dir.path())
        .arg("blog/nope.md")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "path `blog/nope.md` does not exist",
        ));
}

#[test]
fn config_errors_show_the_config_line() {
    let dir = site();
    fs::write(
        dir.path().join("postlint.yml"),
        "preset: docusaurus\nrules:\n  stray-br: error\n  no-such-rule: off\n",
    )
    .unwrap();
    postlint(dir.path()).assert().code(2).stderr(
        predicate::str::contains("postlint.yml:4:")
            .and(predicate::str::contains("unknown rule `no-such-rule`")),
    );
    fs::write(
        dir.path().join("postlint.yml"),
        "preset: docusaurus\nrulez: {}\n",
    )
    .unwrap();
    postlint(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("postlint.yml:2:").and(predicate::str::contains("rulez")));
    fs::write(dir.path().join("postlint.yml"), "online: maybe\n").unwrap();
    postlint(dir.path()).assert().code(2);
}

#[test]
fn config_sets_severities_and_overrides() {
    let dir = site();
    fs::write(
        dir.path().join("postlint.yml"),
        "rules:\n  stray-br: error\noverrides:\n  - files: [\"blog/2024-01-02-*\"]\n    rules: { stray-br: off }\n",
    )
    .unwrap();
    postlint(dir.path()).assert().code(0);
    fs::write(
        dir.path().join("postlint.yml"),
        "rules:\n  stray-br: error\n",
    )
    .unwrap();
    postlint(dir.path()).assert().code(1);
}

#[test]
fn stdin_is_reported_under_its_filename() {
    let dir = site();
    postlint(dir.path())
        .args([
            "--format",
            "compact",
            "--stdin-filename",
            "blog/new.md",
            "-",
        ])
        .write_stdin("---\ntitle: t\n---\n\na <br />\nb\n")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "blog/new.md:5:3: warning[stray-br]",
        ));
}

#[test]
fn non_utf8_post_is_a_diagnostic_and_the_run_goes_on() {
    let dir = site();
    fs::write(
        dir.path().join("blog/2024-01-04-euc-kr.md"),
        b"---\ntitle: \xc7\xd1\n---\n",
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("blog/folder.md")).unwrap();
    postlint(dir.path())
        .args(["--format", "compact"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("2024-01-04-euc-kr.md:2:8: error[unreadable-file]")
                .and(predicate::str::contains("warning[stray-br]")),
        );
}

/// `unreadable-file` is reported by the runner, but like any rule it honours `--select`,
/// `--ignore`, its configured severity and overrides.
#[test]
fn unreadable_file_follows_the_rule_settings() {
    let dir = site();
    fs::write(
        dir.path().join("blog/2024-01-04-euc-kr.md"),
        b"---\ntitle: \xc7\xd1\n---\n",
    )
    .unwrap();
    let unreadable = "2024-01-04-euc-kr.md:2:8:";
    postlint(dir.path())
        .args(["--format", "compact", "--ignore", "unreadable-file"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(unreadable).not())
        .stderr(predicate::str::contains("in 3 files"));
    postlint(dir.path())
        .args(["--format", "compact", "--select", "stray-br"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(unreadable).not());
    fs::write(
        dir.path().join("postlint.yml"),
        "rules:\n  unreadable-file: warning\n",
    )
    .unwrap();
    postlint(dir.path())
        .args(["--format", "compact"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!(
            "{unreadable} warning[unreadable-file]"
        )));
    fs::write(
        dir.path().join("postlint.yml"),
        "overrides:\n  - files: [\"blog/*-euc-kr.md\"]\n    rules: { unreadable-file: off }\n",
    )
    .unwrap();
    postlint(dir.path())
        .args(["--format", "compact"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(unreadable).not());
}

#[test]
fn quoted_globs_select_files() {
    let dir = site();
    postlint(dir.path())
        .args(["--format", "compact", "blog/*-warn.md"])
        .assert()
        .stdout(predicate::str::contains("2024-01-02-warn.md"))
        .stderr(predicate::str::contains("in 1 file"));
}

#[test]
fn gitignored_posts_are_skipped_when_walking() {
    let dir = site();
    fs::write(dir.path().join(".gitignore"), "blog/2024-01-02-warn.md\n").unwrap();
    postlint(dir.path())
        .args(["--format", "compact"])
        .assert()
        .stdout("")
        .stderr(predicate::str::contains("in 1 file"));
}

#[test]
fn rules_and_explain() {
    let dir = site();
    postlint(dir.path())
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("stray-br").and(predicate::str::contains("dead-anchor")));
    postlint(dir.path())
        .args(["explain", "stray-br"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# stray-br"));
    postlint(dir.path())
        .args(["explain", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("frontmatter-syntax"));
}

#[test]
fn every_rule_has_its_doc_file() {
    let output = postlint(&repo()).arg("rules").output().expect("runs");
    let listing = String::from_utf8_lossy(&output.stdout);
    for line in listing.lines().skip(1) {
        let id = line.split_whitespace().next().unwrap_or_default();
        let doc = repo().join("rules").join(format!("{id}.md"));
        let text = fs::read_to_string(&doc).unwrap_or_default();
        assert!(
            text.starts_with(&format!("# {id}")),
            "{} is missing or wrong",
            doc.display()
        );
    }
}

#[test]
fn init_writes_a_config_that_loads() {
    let dir = site();
    postlint(dir.path()).arg("init").assert().code(0);
    let written = fs::read_to_string(dir.path().join("postlint.yml")).unwrap();
    assert!(written.starts_with("# yaml-language-server: $schema="));
    assert!(written.contains("preset: docusaurus"));
    postlint(dir.path()).assert().code(0);
    postlint(dir.path()).arg("init").assert().code(2);
}

/// `init` prints a pre-commit snippet whose `files:` filter picks the posts of the site from
/// the repository's root (where pre-commit runs), and names the config when the site is in a
/// subfolder.
#[test]
fn init_prints_a_hook_snippet_filtered_to_the_posts() {
    let repo = tempfile::tempdir().unwrap();
    fs::create_dir(repo.path().join(".git")).unwrap();
    let site = repo.path().join("my.site");
    fs::create_dir_all(site.join("_posts")).unwrap();
    fs::write(site.join("_config.yml"), "title: x\n").unwrap();
    let output = postlint(&site).arg("init").output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("- id: postlint\n"), "{text}");
    assert!(
        text.contains("args: [--config, my.site/postlint.yml]\n"),
        "{text}"
    );
    let files = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .unwrap_or_else(|| panic!("no files filter: {text}"));
    // pre-commit matches `files` with Python's `re.search`; this regex means the same there.
    let files = regex::Regex::new(files).unwrap();
    for post in [
        "my.site/_posts/2024-01-01-a.md",
        "my.site/blog/_posts/2024-01-01-a.md",
        "my.site/_drafts/idea.md",
    ] {
        assert!(files.is_match(post), "{post} not picked by {files}");
    }
    for other in ["README.md", "my.site/README.md", "myxsite/_posts/a.md"] {
        assert!(!files.is_match(other), "{other} picked by {files}");
    }

    // At the repository root, a Docusaurus site: `^blog/`, no `--config`.
    let root = tempfile::tempdir().unwrap();
    fs::create_dir(root.path().join(".git")).unwrap();
    fs::write(
        root.path().join("docusaurus.config.js"),
        "module.exports = {};\n",
    )
    .unwrap();
    let output = postlint(root.path()).arg("init").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("        files: ^blog/\n"), "{text}");
    assert!(!text.contains("--config"), "{text}");
}

#[test]
fn version_and_help() {
    let dir = site();
    postlint(dir.path())
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("postlint "));
    postlint(dir.path())
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--max-warnings"));
}
