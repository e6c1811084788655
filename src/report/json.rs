//! `json`: one document with every diagnostic and a summary (schema in SPEC.md).

use super::positions;
use crate::diagnostic::Severity;
use crate::runner::Report;
use crate::source::LineIndex;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    length: usize,
    message: &'a str,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    safe: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    offset: usize,
    length: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    fixable: usize,
    elapsed_ms: u128,
}

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    for file in &report.files {
        let index = LineIndex::new(&file.text);
        for d in &file.diagnostics {
            let (start, end) = positions(&index, &file.text, d);
            diagnostics.push(JsonDiagnostic {
                rule: d.rule,
                severity: d.severity.as_str(),
                path: &file.path,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                offset: d.span.start,
                length: d.span.len(),
                message: &d.message,
                help: d.help.as_deref(),
                fix: d.fix.as_ref().map(|f| JsonFix {
                    safe: f.safe,
                    edits: f
                        .edits
                        .iter()
                        .map(|e| JsonEdit {
                            offset: e.offset,
                            length: e.length,
                            replacement: &e.replacement,
                        })
                        .collect(),
                }),
            });
        }
    }
    let output = Output {
        version: 1,
        diagnostics,
        summary: Summary {
            files: report.file_count,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            fixable: report.fixable(),
            elapsed_ms: report.elapsed.as_millis(),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
