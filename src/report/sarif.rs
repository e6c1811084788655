//! `sarif`: SARIF 2.1.0, one run, for GitHub code scanning and SARIF viewers.
//!
//! Paths are the reporter's usual ones (relative to the current folder, which is the repository
//! root in CI) written as URI references against `%SRCROOT%`; regions are 1-based with columns in
//! Unicode code points, like the JSON output.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::RuleMeta;
use crate::rules;
use crate::runner::Report;
use crate::source::Excerpt;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Map, Value};
use std::io::{self, Write};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
pub(super) const DOCS_BASE: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/rules/");

/// What stays literal in a URI path: RFC 3986 unreserved characters, `/`, and the sub-delimiters
/// allowed in a segment. `:` is encoded, so `a:b.md` cannot read as a URI scheme.
const PATH_CHARS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b'@');

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let ids = rules::ids();
    let mut results = Vec::new();
    for file in &report.files {
        let artifact = artifact_location(&file.path);
        for d in &file.diagnostics {
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": { "text": message_text(&full_message(d)) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": region(&file.source, d.span.start, d.span.end)
                    }
                }]
            });
            if let Some(i) = ids.iter().position(|id| *id == d.rule) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": region(&file.source, e.offset, e.offset + e.length),
                            "insertedContent": { "text": e.replacement }
                        })
                    })
                    .collect();
                let description = d.help.as_deref().unwrap_or("apply the safe fix");
                result["fixes"] = json!([{
                    "description": { "text": message_text(description) },
                    "artifactChanges": [{ "artifactLocation": artifact, "replacements": replacements }],
                    "properties": { "safe": fix.safe }
                }]);
            }
            results.push(result);
        }
    }
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver() },
            "invocations": [{ "executionSuccessful": true }],
            "originalUriBaseIds": { SRCROOT: source_root() },
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Off => "none",
    }
}

fn driver() -> Value {
    let rules: Vec<Value> = rules::metas().map(rule_descriptor).collect();
    json!({
        "name": "postlint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": env!("CARGO_PKG_REPOSITORY"),
        "rules": rules
    })
}

fn rule_descriptor(m: &RuleMeta) -> Value {
    json!({
        "id": m.id,
        "name": friendly_name(m.id),
        "shortDescription": { "text": m.summary },
        "fullDescription": { "text": what_it_does(m.doc).unwrap_or(m.summary) },
        "helpUri": format!("{DOCS_BASE}{}.md", m.id),
        "help": { "text": m.doc, "markdown": m.doc },
        "defaultConfiguration": { "level": level(m.default_severity) },
        "properties": { "fixable": m.fixable, "tags": ["markdown"] }
    })
}

/// SARIF wants a rule `name` that is a Pascal-case identifier and differs from the id:
/// `stray-br` → `StrayBr`.
fn friendly_name(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// The first paragraph of a rule doc's `## What it does` section, on one line.
fn what_it_does(doc: &str) -> Option<&str> {
    let start = doc.find("## What it does")?;
    let body = doc[start..].split_once('\n')?.1.trim_start();
    let end = body.find("\n\n").unwrap_or(body.len());
    let paragraph = body[..end].trim();
    (!paragraph.is_empty() && !paragraph.starts_with('#')).then_some(paragraph)
}

fn full_message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.to_string(),
    }
}

/// A plain-text SARIF message (§3.11): literal braces are doubled, since `{0}` is a
/// placeholder (§3.11.5), and square brackets are backslash-escaped so that a quoted
/// `[label](1)` is not read as an embedded link (§3.11.6).
fn message_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' => out.push_str("{{"),
            '}' => out.push_str("}}"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            _ => out.push(c),
        }
    }
    out
}

/// A text region (1-based lines, code-point columns, `endColumn` one past the last character)
/// and the same range in bytes.
fn region(source: &Excerpt, start: usize, end: usize) -> Value {
    let from = source.line_column(start);
    let to = source.line_column(end.max(start));
    json!({
        "startLine": from.line,
        "startColumn": from.column,
        "endLine": to.line,
        "endColumn": to.column,
        "byteOffset": start,
        "byteLength": end.saturating_sub(start)
    })
}

/// A reported path as an artifact location: relative paths against `%SRCROOT%`, absolute
/// ones (files outside the current folder) as `file:` URIs with no base.
fn artifact_location(path: &str) -> Value {
    if path.starts_with('/') {
        let path = path.trim_start_matches('/');
        json!({ "uri": format!("file:///{}", encode_path(path)) })
    } else if is_windows_absolute(path) {
        json!({ "uri": format!("file:///{}", encode_path(path)) })
    } else {
        json!({ "uri": encode_path(path), "uriBaseId": SRCROOT })
    }
}

fn is_windows_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes[2] == b'/' || bytes[2] == b'\\')
}

fn encode_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    match path.split_once(':') {
        // Keep a drive letter's colon: `C:/x` → `C:/x`, not `C%3A/x`.
        Some((drive, rest)) if is_windows_absolute(&path) => {
            format!("{drive}:{}", utf8_percent_encode(rest, PATH_CHARS))
        }
        _ => utf8_percent_encode(&path, PATH_CHARS).to_string(),
    }
}

/// `%SRCROOT%`: the folder postlint ran in, as an absolute `file:` URI ending in `/`.
fn source_root() -> Value {
    let description = json!({ "text": "the folder postlint ran in (the repository root in CI)" });
    let uri = std::env::current_dir()
        .ok()
        .and_then(|dir| dir.to_str().map(folder_uri));
    let mut root = Map::new();
    if let Some(uri) = uri {
        root.insert("uri".into(), Value::String(uri));
    }
    root.insert("description".into(), description);
    Value::Object(root)
}

fn folder_uri(dir: &str) -> String {
    let dir = dir.strip_prefix(r"\\?\").unwrap_or(dir).replace('\\', "/");
    let dir = dir.trim_end_matches('/');
    if is_windows_absolute(&format!("{dir}/")) {
        format!("file:///{}/", encode_path(dir))
    } else {
        format!("file://{}/", encode_path(dir))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_descriptions() {
        assert_eq!(friendly_name("stray-br"), "StrayBr");
        assert_eq!(friendly_name("frontmatter-syntax"), "FrontmatterSyntax");
        let doc = "# x\n\n## What it does\n\nReports a\n`<br>` tag.\n\n## Why";
        assert_eq!(what_it_does(doc), Some("Reports a\n`<br>` tag."));
        assert_eq!(what_it_does("# x\n"), None);
    }

    #[test]
    fn messages_escape_placeholders_and_links() {
        assert_eq!(
            message_text("`{{ site.url }}` in [a](1)"),
            "`{{{{ site.url }}}}` in \\[a\\](1)"
        );
    }

    #[test]
    fn uris() {
        assert_eq!(
            artifact_location("blog/2024 회고, 50%.md"),
            json!({ "uri": "blog/2024%20%ED%9A%8C%EA%B3%A0,%2050%25.md", "uriBaseId": SRCROOT })
        );
        assert_eq!(
            artifact_location("a:b.md")["uri"],
            json!("a%3Ab.md"),
            "a colon must not read as a scheme"
        );
        assert_eq!(
            artifact_location("/tmp/a b.md"),
            json!({ "uri": "file:///tmp/a%20b.md" })
        );
        assert_eq!(
            artifact_location("C:/blog/a.md"),
            json!({ "uri": "file:///C:/blog/a.md" })
        );
        assert_eq!(
            artifact_location("//tmp/a.md"),
            json!({ "uri": "file:///tmp/a.md" })
        );
        assert_eq!(folder_uri("/work/site"), "file:///work/site/");
        assert_eq!(folder_uri(r"C:\work\site"), "file:///C:/work/site/");
        assert_eq!(folder_uri("/"), "file:///");
    }
}
