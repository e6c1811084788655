//! `sarif`: SARIF 2.1.0, one run, for GitHub code scanning.

use super::{positions, Report};
use crate::diagnostic::Severity;
use crate::rules;
use crate::source::LineIndex;
use serde_json::{json, Value};
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const DOCS_BASE: &str = "https://github.com/postlint/postlint/blob/main/rules/";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Off => "none",
    }
}

fn driver() -> Value {
    let rules: Vec<Value> = rules::metas()
        .map(|m| {
            json!({
                "id": m.id,
                "name": m.id,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.summary },
                "helpUri": format!("{DOCS_BASE}{}.md", m.id),
                "help": { "text": m.doc, "markdown": m.doc },
                "defaultConfiguration": { "level": level(m.default_severity) },
                "properties": { "fixable": m.fixable }
            })
        })
        .collect();
    json!({
        "name": "postlint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": env!("CARGO_PKG_REPOSITORY"),
        "rules": rules
    })
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let ids = rules::ids();
    let mut results = Vec::new();
    for file in &report.files {
        let index = LineIndex::new(&file.text);
        for d in &file.diagnostics {
            let (start, end) = positions(&index, &file.text, d);
            let artifact = json!({ "uri": file.path, "uriBaseId": "%SRCROOT%" });
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                            "byteOffset": d.span.start,
                            "byteLength": d.span.len()
                        }
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
                            "deletedRegion": { "byteOffset": e.offset, "byteLength": e.length },
                            "insertedContent": { "text": e.replacement }
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": d.help.clone().unwrap_or_else(|| "apply the safe fix".into()) },
                    "artifactChanges": [{ "artifactLocation": artifact, "replacements": replacements }]
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
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "the folder postlint ran in" } } },
            "results": results
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)
}
