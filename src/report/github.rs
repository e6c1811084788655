//! `github`: GitHub Actions workflow commands (`::error file=…::message`), one per diagnostic.
//!
//! Lines and columns are the JSON output's (1-based, code points, end column one past the last
//! character). GitHub only honours columns on a one-line annotation, so a span over several
//! lines is annotated by lines alone.

use super::positions;
use crate::diagnostic::Severity;
use crate::runner::Report;
use std::io::{self, Write};

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        for d in &file.diagnostics {
            let (start, end) = positions(&file.source, d);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning | Severity::Off => "warning",
            };
            let mut properties =
                format!("file={},line={}", escape_property(&file.path), start.line);
            if start.line == end.line {
                properties.push_str(&format!(",col={}", start.column));
            }
            properties.push_str(&format!(",endLine={}", end.line));
            if start.line == end.line {
                properties.push_str(&format!(",endColumn={}", end.column));
            }
            properties.push_str(&format!(",title={}", escape_property(d.rule)));
            let mut message = d.message.to_string();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(out, "::{command} {properties}::{}", escape_data(&message))?;
        }
    }
    Ok(())
}

/// Escaping of a workflow command's message (`escapeData` in `@actions/core`).
pub(super) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping of a workflow command's property values (`escapeProperty` in `@actions/core`).
pub(super) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(escape_property("%3A"), "%253A", "escaped once, `%` first");
    }
}
