//! `json`: one document with every diagnostic and a summary (schema in SPEC.md).

use super::positions;
use crate::diagnostic::Severity;
use crate::runner::{FileReport, Report};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, Write};

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

/// Files formatted together, in parallel, before they are written: bounds the output held in
/// memory however many files a run reports on.
const BATCH: usize = 256;

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // The document `serde_json::to_writer_pretty` would write for the whole report, written a
    // batch of files at a time: each diagnostic is formatted on its own (in parallel: a run
    // over a whole site reports tens of thousands) and indented to its place in the array.
    out.write_all(b"{\n  \"version\": 1,\n  \"diagnostics\": [")?;
    let mut any = false;
    for batch in report.files.chunks(BATCH) {
        let chunks: Vec<Vec<u8>> = batch.par_iter().map(file_diagnostics).collect();
        for chunk in chunks.iter().filter(|c| !c.is_empty()) {
            out.write_all(if any { b",\n" } else { b"\n" })?;
            out.write_all(chunk)?;
            any = true;
        }
    }
    out.write_all(if any {
        b"\n  ],\n  \"summary\": "
    } else {
        b"],\n  \"summary\": "
    })?;
    let summary = Summary {
        files: report.file_count,
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        fixable: report.fixable(),
        elapsed_ms: report.elapsed.as_millis(),
    };
    out.write_all(&indented(&serde_json::to_vec_pretty(&summary)?, 2, false))?;
    out.write_all(b"\n}\n")
}

/// One file's diagnostics as elements of the `diagnostics` array, separated by `,\n`.
fn file_diagnostics(file: &FileReport) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, d) in file.diagnostics.iter().enumerate() {
        let (start, end) = positions(&file.source, d);
        let diagnostic = JsonDiagnostic {
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
        };
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        // Serialising plain strings and numbers into memory cannot fail.
        let json = serde_json::to_vec_pretty(&diagnostic).unwrap_or_default();
        out.extend_from_slice(&indented(&json, 4, true));
    }
    out
}

/// `json` with every line but (unless `first`) the first indented by `by` spaces. JSON strings
/// hold no raw line breaks, so each line is one token of the pretty form.
fn indented(json: &[u8], by: usize, first: bool) -> Vec<u8> {
    let pad = &b"        "[..by];
    let mut out = Vec::with_capacity(json.len() + json.len() / 4);
    if first {
        out.extend_from_slice(pad);
    }
    let mut from = 0;
    for newline in memchr::memchr_iter(b'\n', json) {
        out.extend_from_slice(&json[from..=newline]);
        out.extend_from_slice(pad);
        from = newline + 1;
    }
    out.extend_from_slice(&json[from..]);
    out
}
