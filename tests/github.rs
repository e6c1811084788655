//! `--format github` from the real binary: one workflow command per diagnostic, escaped the way
//! `@actions/core` escapes (`%` `\r` `\n` everywhere, `:` `,` in properties), landing on the same
//! lines and columns as the JSON output.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const DOCUSAURUS: &str = "fixtures/sites/docusaurus-blog";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(dir: &Path, args: &[&str]) -> (String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .current_dir(dir)
        .env_remove("POSTLINT_FORMAT")
        .args(args)
        .output()
        .expect("postlint runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        output.status.code().expect("exit code"),
    )
}

fn json(dir: &Path, args: &[&str]) -> Vec<Value> {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let (stdout, _) = run(dir, &args);
    let value: Value = serde_json::from_str(&stdout).expect("JSON output");
    value["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .clone()
}

/// One parsed workflow command, values unescaped.
#[derive(Debug)]
struct Annotation {
    command: String,
    properties: BTreeMap<String, String>,
    message: String,
}

/// The runner's unescaping, the inverse of `escapeData` / `escapeProperty`.
fn unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// Parses `::command key=value,key=value::message` the way the Actions runner does, and checks
/// that nothing in it needed escaping and was left raw.
fn parse(line: &str) -> Annotation {
    let rest = line.strip_prefix("::").expect("starts with ::");
    let (head, message) = rest.split_once("::").expect("has a second ::");
    let (command, properties) = head.split_once(' ').expect("command and properties");
    assert!(
        !message.contains('\n') && !message.contains('\r'),
        "raw line break in {line:?}"
    );
    let properties = properties
        .split(',')
        .map(|pair| {
            let (key, value) = pair.split_once('=').expect("key=value");
            assert!(!value.contains(':'), "raw `:` in property of {line:?}");
            (key.to_string(), unescape(value))
        })
        .collect();
    Annotation {
        command: command.to_string(),
        properties,
        message: unescape(message),
    }
}

/// Every annotation agrees with the JSON diagnostic at the same index.
fn assert_matches_json(output: &str, diagnostics: &[Value]) -> Vec<Annotation> {
    let annotations: Vec<Annotation> = output.lines().map(parse).collect();
    assert_eq!(annotations.len(), diagnostics.len(), "one per diagnostic");
    for (a, d) in annotations.iter().zip(diagnostics) {
        let context = format!("{a:?}\n{d:#}");
        let p = &a.properties;
        assert_eq!(a.command, d["severity"].as_str().unwrap(), "{context}");
        assert_eq!(p["file"], d["path"].as_str().unwrap(), "{context}");
        assert_eq!(p["title"], d["rule"].as_str().unwrap(), "{context}");
        assert_eq!(p["line"], d["line"].to_string(), "{context}");
        assert_eq!(p["endLine"], d["end_line"].to_string(), "{context}");
        if d["line"] == d["end_line"] {
            assert_eq!(p["col"], d["column"].to_string(), "{context}");
            assert_eq!(p["endColumn"], d["end_column"].to_string(), "{context}");
        } else {
            // GitHub ignores columns on an annotation over several lines.
            assert!(
                !p.contains_key("col") && !p.contains_key("endColumn"),
                "{context}"
            );
        }
        let mut message = d["message"].as_str().unwrap().to_string();
        if let Some(help) = d["help"].as_str() {
            message = format!("{message}\nhelp: {help}");
        }
        assert_eq!(a.message, message, "{context}");
    }
    annotations
}

#[test]
fn docusaurus_fixture_annotations_match_json() {
    let site = repo().join(DOCUSAURUS);
    let (output, code) = run(&site, &["--format", "github"]);
    assert_eq!(code, 1);
    let annotations = assert_matches_json(&output, &json(&site, &[]));
    for rule in ["stray-br", "undefined-reference", "frontmatter-syntax"] {
        assert!(
            annotations.iter().any(|a| a.properties["title"] == rule),
            "{rule} is annotated"
        );
    }
    assert!(annotations.iter().any(|a| a.command == "warning"));
    assert!(annotations.iter().any(|a| a.command == "error"));
}

fn blog(dir: &Path) {
    // CommonMark posts (`<br>` compiles there): these tests are about the output format.
    std::fs::write(
        dir.join("docusaurus.config.js"),
        "module.exports = { markdown: { format: 'md' } };\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("blog")).unwrap();
}

/// A file name with `%` and `,`, messages with `%`, `:` and `,`, and a help line after a
/// newline: all escaped, and all unescaped back to the JSON's text.
#[test]
fn escaping_of_percent_newline_colon_comma() {
    let site = tempfile::tempdir().unwrap();
    let dir = site.path();
    blog(dir);
    let name = "blog/2024-01-01-50%, final.md";
    std::fs::write(
        dir.join(name),
        "---\ntitle: Sale\n---\n\nSee [the guide][50%: a, b].<br>\nNext line.\n\n[guide]: https://example.com/\n",
    )
    .unwrap();
    let (output, code) = run(dir, &["--format", "github"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), 2, "{output}");
    let reference = lines
        .iter()
        .find(|l| l.contains("undefined-reference"))
        .unwrap();
    assert!(
        reference.starts_with("::error file=blog/2024-01-01-50%25%2C final.md,line=5,col=5,"),
        "{reference}"
    );
    assert!(
        reference.ends_with(
            "::reference `[50%25: a, b]` has no definition%0Ahelp: add a line `[50%25: a, b]: <url>` \
             to the post, or use a label that is defined"
        ),
        "in a message only `%` and line breaks are escaped: {reference}"
    );
    let annotations = assert_matches_json(&output, &json(dir, &[]));
    assert!(annotations.iter().all(|a| a.properties["file"] == name));
}

/// A `:` in a file name (not allowed on Windows) is escaped in the `file` property.
#[cfg(unix)]
#[test]
fn escaping_of_colon_in_file_property() {
    let site = tempfile::tempdir().unwrap();
    let dir = site.path();
    blog(dir);
    std::fs::write(
        dir.join("blog/2024-01-01-re:view.md"),
        "---\ntitle: Review\n---\n\nLine.<br>\nNext.\n",
    )
    .unwrap();
    let (output, _) = run(dir, &["--format", "github"]);
    assert!(
        output.starts_with("::warning file=blog/2024-01-01-re%3Aview.md,line=5,col=6,"),
        "{output}"
    );
    assert_matches_json(&output, &json(dir, &[]));
}

/// A span over two lines carries lines only, and a CRLF file's columns are still the JSON's.
#[test]
fn multi_line_span_and_crlf() {
    let site = tempfile::tempdir().unwrap();
    let dir = site.path();
    blog(dir);
    std::fs::write(
        dir.join("blog/2024-01-02-multi.md"),
        "---\r\ntitle: Multi\r\n---\r\n\r\nSee [the\r\nguide][missing] now.<br>\r\nEnd.\r\n\r\n[guide]: https://example.com/\r\n",
    )
    .unwrap();
    let (output, _) = run(dir, &["--format", "github"]);
    let annotations = assert_matches_json(&output, &json(dir, &[]));
    let multi = annotations
        .iter()
        .find(|a| a.properties["title"] == "undefined-reference")
        .expect("the reference over two lines is reported");
    assert_eq!(multi.properties["line"], "5");
    assert_eq!(multi.properties["endLine"], "6");
}

/// `POSTLINT_FORMAT=github` is how the Action selects the format.
#[test]
fn format_from_environment() {
    let site = repo().join(DOCUSAURUS);
    let output = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .current_dir(&site)
        .env("POSTLINT_FORMAT", "github")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.lines().all(|l| l.starts_with("::")), "{stdout}");
    assert!(output.stderr.is_empty(), "no summary line in CI logs");
}
