//! `pretty`: miette code frames with the span underlined. The only place miette is used.

use crate::diagnostic::{Diagnostic, Severity};
use crate::runner::Report;
use crate::source::{lone_cr_as_lf, Excerpt, Span};
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
            .with_context_lines(CONTEXT_LINES);
        for file in &report.files {
            for d in &file.diagnostics {
                let frame = Frame::new(d, &file.path, &file.source);
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

/// Lines shown above and below a finding: what the runner's [`Excerpt`] keeps.
const CONTEXT_LINES: usize = 1;

/// The text a code frame shows, as miette wants it: the lines around one finding, no more
/// than 240 bytes each side of it on a long line, so a post with 100k
/// findings (or one long line) prints in linear time.
struct FrameText<'a> {
    name: &'a str,
    source: &'a Excerpt,
    /// miette knows `\n` line ends only: a lone `\r` (classic Mac OS) is shown as one.
    text: String,
    /// Where `text` starts in the file.
    start: usize,
}

impl SourceCode for FrameText<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let local = SourceSpan::new(span.offset().saturating_sub(self.start).into(), span.len());
        let inner = self.text.as_str().read_span(&local, before, after)?;
        let data_start = self.start + inner.span().offset();
        // miette counts columns in bytes; postlint reports code points everywhere.
        let at = self.source.line_column(data_start);
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
    source: Option<FrameText<'a>>,
}

impl<'a> Frame<'a> {
    fn new(d: &Diagnostic, name: &'a str, source: &'a Excerpt) -> Self {
        // Spans are clamped by the runner; clamp again since miette panics past the end.
        let len_of_file = source.file_len();
        let start = d.span.start.min(len_of_file);
        let len = d.span.len().min(len_of_file - start);
        let span = Span::new(start, start + len);
        let text = source
            .frame(span, CONTEXT_LINES, CONTEXT_LINES)
            .map(|frame| FrameText {
                name,
                source,
                text: lone_cr_as_lf(frame.text).into_owned(),
                start: frame.data_start,
            });
        let fixable = if d.fix.is_some() { " (fixable)" } else { "" };
        Self {
            message: d.message.to_string(),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                _ => miette::Severity::Warning,
            },
            help: d.help.as_ref().map(|h| format!("{h}{fixable}")),
            label: LabeledSpan::new_with_span(
                Some(d.rule.to_string()),
                SourceSpan::new(start.into(), len),
            ),
            source: text,
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
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        // Without the text around it, a label has nothing to underline.
        self.source.as_ref()?;
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}
