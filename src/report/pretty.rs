//! `pretty`: miette code frames with the span underlined. The only place miette is used.

use crate::diagnostic::{Diagnostic, Severity};
use crate::runner::Report;
use crate::source::{floor_char_boundary, lone_cr_as_lf, LineIndex};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use std::io::{self, Write};

pub(super) struct Pretty {
    pub color: bool,
}

impl Pretty {
    pub(super) fn write(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_links(false)
            .with_width(100)
            .with_context_lines(1);
        for file in &report.files {
            // miette knows `\n` line ends only: a lone `\r` (classic Mac OS) is shown as one.
            let text = lone_cr_as_lf(&file.text);
            let source = NamedText {
                name: &file.path,
                text: &text,
                lines: LineIndex::new(&text),
            };
            for d in &file.diagnostics {
                let frame = Frame::new(d, &source);
                let mut rendered = String::new();
                if handler.render_report(&mut rendered, &frame).is_err() {
                    rendered = format!(
                        "{}: {}[{}] {}\n",
                        file.path,
                        d.severity.as_str(),
                        d.rule,
                        d.message
                    );
                }
                out.write_all(rendered.as_bytes())?;
                writeln!(out)?;
            }
        }
        Ok(())
    }
}

/// A file's text with its name, as miette wants it.
struct NamedText<'a> {
    name: &'a str,
    text: &'a str,
    lines: LineIndex,
}

/// Bytes of a long line shown on each side of a finding.
const WINDOW: usize = 240;

impl SourceCode for NamedText<'_> {
    /// miette reads a `str` by counting lines from its start, once per finding, and shows whole
    /// lines: it gets only the lines around the span instead, and no more than [`WINDOW`]
    /// bytes each side of it on a long line, so a post with 100k findings (or one long line)
    /// prints in linear time.
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.text;
        let start = floor_char_boundary(text, span.offset());
        let end = floor_char_boundary(text, start + span.len()).max(start);
        let first = self.lines.line_of(start).saturating_sub(before);
        let last = self.lines.line_of(end) + after;
        let from = self.lines.line_start(first).unwrap_or(0);
        let to = self.lines.line_start(last + 1).unwrap_or(text.len());
        let from = floor_char_boundary(text, from.max(start.saturating_sub(WINDOW)));
        let to = floor_char_boundary(text, to.min(end + WINDOW)).max(end);
        let window = &text[from..to];
        let inner = window.read_span(
            &SourceSpan::new((start - from).into(), end - start),
            before,
            after,
        )?;
        let data_start = from + inner.span().offset();
        // miette counts columns in bytes; postlint reports code points everywhere.
        let at = self.lines.line_column(text, data_start);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            SourceSpan::new(data_start.into(), inner.span().len()),
            at.line - 1,
            at.column - 1,
            inner.line_count(),
        )))
    }
}

/// One diagnostic in miette's terms.
struct Frame<'a> {
    message: String,
    severity: miette::Severity,
    help: Option<String>,
    label: LabeledSpan,
    source: &'a NamedText<'a>,
}

impl<'a> Frame<'a> {
    fn new(d: &Diagnostic, source: &'a NamedText<'a>) -> Self {
        // Spans are clamped by the runner; clamp again since miette panics past the end.
        let start = d.span.start.min(source.text.len());
        let len = d.span.len().min(source.text.len() - start);
        let fixable = if d.fix.is_some() { " (fixable)" } else { "" };
        Self {
            message: d.message.clone(),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                _ => miette::Severity::Warning,
            },
            help: d.help.as_ref().map(|h| format!("{h}{fixable}")),
            label: LabeledSpan::new_with_span(
                Some(d.rule.to_string()),
                SourceSpan::new(start.into(), len),
            ),
            source,
        }
    }
}

impl fmt::Debug for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Frame<'_> {}

impl miette::Diagnostic for Frame<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}
