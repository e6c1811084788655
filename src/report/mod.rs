//! Output formats, one file each. Reporters only format a finished [`Report`].

mod compact;
mod github;
mod json;
mod pretty;
mod sarif;

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{LineColumn, LineIndex};
use std::io::{self, Write};
use std::time::Duration;

pub use pretty::Pretty;

/// The diagnostics of one file, with its text for line/column and code frames.
pub struct FileReport {
    pub path: String,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

pub struct Report {
    /// Files with at least one diagnostic, sorted by path; diagnostics sorted by offset.
    pub files: Vec<FileReport>,
    /// Files checked.
    pub file_count: usize,
    pub elapsed: Duration,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics()
            .filter(|(_, d)| d.severity == severity)
            .count()
    }

    pub fn fixable(&self) -> usize {
        self.diagnostics().filter(|(_, d)| d.fix.is_some()).count()
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = (&FileReport, &Diagnostic)> {
        self.files
            .iter()
            .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Pretty,
    Compact,
    Json,
    Sarif,
    Github,
}

/// Writes a report in `format`; `color` only matters to `pretty`.
pub fn write(format: Format, report: &Report, color: bool, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Pretty => Pretty { color }.write(report, out),
        Format::Compact => compact::write(report, out),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Github => github::write(report, out),
    }
}

/// Start and end (1-based line, code-point column) of a diagnostic in its file.
pub(crate) fn positions(index: &LineIndex, text: &str, d: &Diagnostic) -> (LineColumn, LineColumn) {
    (
        index.line_column(text, d.span.start),
        index.line_column(text, d.span.end),
    )
}
