//! `frontmatter-syntax` on the YAML mistakes people make most, from the real binary: the help
//! says how to mend each (quote a value holding `: `, close a `[`), and an unclosed `[` is
//! pointed at where it opens, not at the next key where the parser gave up.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;

/// The one diagnostic postlint reports for a Jekyll post with `front_matter`.
fn finding(front_matter: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("_config.yml"), "title: x\n").unwrap();
    fs::create_dir(dir.path().join("_posts")).unwrap();
    let post = format!("---\n{front_matter}---\n\nText.\n");
    fs::write(dir.path().join("_posts/2024-01-01-a.md"), post).unwrap();
    let output = Command::cargo_bin("postlint")
        .unwrap()
        .current_dir(dir.path())
        .env_remove("POSTLINT_FORMAT")
        .args(["--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["rule"], "frontmatter-syntax");
    diagnostics[0].clone()
}

fn help(d: &Value) -> &str {
    d["help"].as_str().unwrap_or("")
}

#[test]
fn a_colon_in_a_value_asks_for_quotes() {
    let d = finding("title: 콜론: 제목\nlayout: post\n");
    assert_eq!(d["line"], 2);
    assert_eq!(
        help(&d),
        "a `: ` inside a value starts a nested key; quote the value: `title: '콜론: 제목'`"
    );
    // A value that holds a single quote is double-quoted.
    let d = finding("title: It's \"done\": really\n");
    assert!(
        help(&d).ends_with(r#"`title: "It's \"done\": really"`"#),
        "{}",
        help(&d)
    );
}

#[test]
fn an_unclosed_bracket_is_pointed_at_where_it_opens() {
    let d = finding("title: A\ntags: [a, b\nlayout: post\n");
    assert_eq!(
        (d["line"].clone(), d["column"].clone()),
        (3.into(), 7.into())
    );
    assert_eq!(help(&d), "this `[` is never closed: end the list with `]`");
    let d = finding("author: {name: Kim\ntitle: A\n");
    assert_eq!(
        (d["line"].clone(), d["column"].clone()),
        (2.into(), 9.into())
    );
    assert!(
        help(&d).contains("end the mapping with `}`"),
        "{}",
        help(&d)
    );
}

#[test]
fn an_unclosed_quote_is_pointed_at_and_explained() {
    let d = finding("title: \"open\nlayout: post\n");
    assert_eq!(
        (d["line"].clone(), d["column"].clone()),
        (2.into(), 8.into())
    );
    assert!(help(&d).contains("close it"), "{}", help(&d));
}

/// Brackets and quotes that are closed, or inside a quoted value or a comment, are no hint: an
/// error elsewhere keeps the parser's own position.
#[test]
fn closed_brackets_give_no_bracket_hint() {
    let d = finding("tags: [a, b] # [not a list\ntitle: \"[x\"\nbad: a: b\n");
    assert_eq!(d["line"], 4);
    assert!(
        help(&d).contains("quote the value: `bad: 'a: b'`"),
        "{}",
        help(&d)
    );
}
