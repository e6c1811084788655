//! Output formats, one file each. Reporters only format a finished [`Report`].

mod compact;
mod github;
mod json;
mod pretty;
mod sarif;

use crate::diagnostic::Diagnostic;
use crate::runner::Report;
use crate::source::{Excerpt, LineColumn};
use std::io::{self, Write};

use pretty::Pretty;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    #[default]
    Pretty,
    Compact,
    Json,
    Sarif,
    Github,
}

/// Writes a report in `format`; `color` only matters to `pretty`.
pub(crate) fn write(
    format: Format,
    report: &Report,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Pretty => Pretty { color }.write(report, out),
        Format::Compact => compact::write(report, out),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Github => github::write(report, out),
    }
}

/// Start and end (1-based line, code-point column) of a diagnostic in its file.
pub(crate) fn positions(source: &Excerpt, d: &Diagnostic) -> (LineColumn, LineColumn) {
    (
        source.line_column(d.span.start),
        source.line_column(d.span.end),
    )
}
