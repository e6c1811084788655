//! The options editors and scripts lean on, run on the real binary: output format aliases,
//! exit status controls, statistics, rule ids as people type them, did-you-mean on typos,
//! standard input with `--fix`, and the summary line.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

#[path = "support/postlint_bin.rs"]
mod postlint_bin;
use postlint_bin::postlint;

const FIXABLE: &str = "---\ntitle: 두 줄\n---\n\n첫 줄<br />\n둘째 줄<br />\n셋째 줄\n";

/// A Docusaurus site: one post with two fixable `<br />`, one with a dead link (an error).
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(root.join("docusaurus.config.js"), "module.exports = {};\n").unwrap();
    fs::create_dir_all(root.join("blog")).unwrap();
    fs::write(root.join("blog/2024-01-01-br.md"), FIXABLE).unwrap();
    fs::write(
        root.join("blog/2024-01-02-link.md"),
        "---\ntitle: 링크\n---\n\n[다음 글](./2024-01-01-bt.md)\n",
    )
    .unwrap();
    dir
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("runs").stdout).expect("UTF-8")
}

#[test]
fn output_format_is_an_alias_of_format() {
    let dir = site();
    let by_format = stdout_of(postlint(dir.path()).args(["--format", "compact"]));
    let by_alias = stdout_of(postlint(dir.path()).args(["--output-format", "compact"]));
    assert_eq!(by_format, by_alias);
    assert!(by_alias.contains("error[dead-link]"), "{by_alias}");
}

#[test]
fn exit_zero_keeps_findings_but_not_the_status() {
    let dir = site();
    postlint(dir.path())
        .args(["--exit-zero", "--format", "compact"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("error[dead-link]"));
    // A failed run is still a failure.
    postlint(dir.path())
        .args(["--exit-zero", "blog/nope.md"])
        .assert()
        .code(2);
}

#[test]
fn max_warnings_says_why_it_failed_and_minus_one_is_unlimited() {
    let dir = site();
    postlint(dir.path())
        .args(["--ignore", "dead-link", "--max-warnings", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: too many warnings: 2, maximum 1",
        ));
    postlint(dir.path())
        .args(["--ignore", "dead-link", "--max-warnings", "2"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("too many").not());
    postlint(dir.path())
        .args(["--ignore", "dead-link", "--max-warnings", "-1"])
        .assert()
        .code(0);
    postlint(dir.path())
        .args(["--max-warnings", "-2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-1 for no limit"));
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = site();
    postlint(dir.path())
        .arg("--statistics")
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("    2  stray-br   2 warnings, 2 fixable\n")
                .and(predicate::str::contains("    1  dead-link  1 error\n"))
                .and(predicate::str::contains("×").not()),
        );
    let json = stdout_of(postlint(dir.path()).args(["--statistics", "--format", "json"]));
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(parsed[0]["rule"], "stray-br");
    assert_eq!(parsed[0]["count"], 2);
    assert_eq!(parsed[0]["fixable"], 2);
    assert_eq!(parsed[1]["rule"], "dead-link");
    assert_eq!(parsed[1]["errors"], 1);
}

#[test]
fn rules_list_as_json() {
    let dir = site();
    let json = stdout_of(postlint(dir.path()).args(["rules", "--format", "json"]));
    let rules: Vec<serde_json::Value> = serde_json::from_str(&json).expect("JSON");
    let stray = rules
        .iter()
        .find(|r| r["id"] == "stray-br")
        .expect("stray-br listed");
    assert_eq!(stray["default"], "warning");
    assert_eq!(stray["fixable"], true);
    assert!(rules.iter().all(|r| r["summary"].is_string()));
}

#[test]
fn select_and_ignore_repeat_and_ignore_letter_case() {
    let dir = site();
    let both = stdout_of(postlint(dir.path()).args([
        "--format",
        "compact",
        "--select",
        "Stray-BR",
        "--select",
        "DEAD-LINK",
    ]));
    assert!(
        both.contains("[stray-br]") && both.contains("[dead-link]"),
        "{both}"
    );
    let none = stdout_of(postlint(dir.path()).args([
        "--format",
        "compact",
        "--ignore",
        "stray-br",
        "--ignore",
        "dead-link",
    ]));
    assert_eq!(none, "");
    postlint(dir.path())
        .args(["explain", "STRAY-BR"])
        .assert()
        .code(0);
}

#[test]
fn typos_get_a_did_you_mean() {
    let dir = site();
    postlint(dir.path())
        .args(["--select", "stray-bre"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule `stray-bre`; did you mean `stray-br`?",
        ));
    postlint(dir.path())
        .args(["explain", "dead_link"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `dead-link`?"));
    postlint(dir.path())
        .arg("chek")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "path `chek` does not exist; did you mean the command `postlint check`?",
        ));
    // A config key: the caret under the key, not under its value.
    fs::write(
        dir.path().join("postlint.yml"),
        "rules:\n  image-alt: off\n  stray-bre: off\n",
    )
    .unwrap();
    postlint(dir.path()).assert().code(2).stderr(
        predicate::str::contains(
            "postlint.yml:3:3: unknown rule `stray-bre`; did you mean `stray-br`?",
        )
        .and(predicate::str::contains("3 |   stray-bre: off\n  |   ^")),
    );
    fs::write(
        dir.path().join("postlint.yml"),
        "frontmater:\n  tags: [a]\n",
    )
    .unwrap();
    postlint(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "postlint.yml:1:1: unknown key `frontmater`; did you mean `frontmatter`?",
        ));
}

#[test]
fn compact_keeps_the_did_you_mean() {
    let dir = site();
    postlint(dir.path())
        .args(["--format", "compact", "--select", "dead-link"])
        .assert()
        .stdout(predicate::str::contains(
            "does not exist; did you mean `./2024-01-01-br.md`?",
        ));
}

#[test]
fn stdin_filename_implies_stdin_and_fix_prints_the_fixed_post() {
    let dir = site();
    let on_disk = dir.path().join("blog/2024-01-01-br.md");
    // The editor's buffer differs from the file: only the buffer is read and fixed.
    let buffer = FIXABLE.replace("셋째 줄", "셋째 줄 (편집 중)");
    postlint(dir.path())
        .args(["--fix", "--stdin-filename", "blog/2024-01-01-br.md"])
        .write_stdin(buffer.clone())
        .assert()
        .code(0)
        .stdout(buffer.replace("<br />\n", "\\\n"));
    assert_eq!(fs::read_to_string(&on_disk).unwrap(), FIXABLE);

    // Without `--fix`: the findings of the buffer, under the name given.
    postlint(dir.path())
        .args([
            "--format",
            "compact",
            "--stdin-filename",
            "blog/2024-01-01-br.md",
        ])
        .write_stdin(buffer)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "blog/2024-01-01-br.md:5:4: warning[stray-br]",
        ));

    // Another path named too: standard input wins, with a warning.
    postlint(dir.path())
        .args([
            "--format",
            "compact",
            "--stdin-filename",
            "blog/new.md",
            "blog/2024-01-02-link.md",
        ])
        .write_stdin("---\ntitle: 새 글\n---\n\n본문\n")
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains(
            "ignoring `blog/2024-01-02-link.md`",
        ));

    // Text that is not UTF-8 comes back unchanged.
    postlint(dir.path())
        .args(["--fix", "--stdin-filename", "blog/x.md"])
        .write_stdin(b"---\ntitle: \xc7\xd1\n---\n".to_vec())
        .assert()
        .code(1)
        .stdout(predicate::eq(b"---\ntitle: \xc7\xd1\n---\n".as_slice()));
}

#[test]
fn diff_keeps_reporting_what_it_cannot_fix() {
    let dir = site();
    postlint(dir.path())
        .args(["--diff", "--format", "compact"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::starts_with("--- a/blog/2024-01-01-br.md")
                .and(predicate::str::contains("dead-link").not()),
        )
        .stderr(
            predicate::str::contains("error[dead-link]")
                .and(predicate::str::contains("stray-br").not())
                .and(predicate::str::contains(
                    "the diff fixes 2 issues in 1 file",
                )),
        );
}

#[test]
fn summary_counts_with_plurals_and_fixes() {
    let dir = site();
    postlint(dir.path())
        .arg("blog/2024-01-01-br.md")
        .assert()
        .stderr(predicate::str::contains("0 errors, 2 warnings in 1 file ("))
        .stderr(predicate::str::contains("ms); 2 fixable with `--fix`"));
    postlint(dir.path())
        .args(["--format", "compact", "--select", "dead-link"])
        .assert()
        .stderr(predicate::str::contains("1 error, 0 warnings in 2 files ("));
    postlint(dir.path())
        .arg("--fix")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("; fixed 2 issues in 1 file\n"));
    postlint(dir.path())
        .arg("--fix")
        .assert()
        .stderr(predicate::str::contains("fixed").not());
}
