//! `compact`: one `path:line:col: severity[rule] message` line per diagnostic, with the help's
//! "did you mean" when it has one.

use crate::runner::Report;
use std::io::{self, Write};

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        for d in &file.diagnostics {
            let at = file.source.line_column(d.span.start);
            // One line has no room for the help, but a did-you-mean is worth it.
            let hint = d
                .help
                .as_deref()
                .filter(|h| h.starts_with("did you mean"))
                .map(|h| format!("; {}", h.replace('\n', " ")))
                .unwrap_or_default();
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}{hint}",
                file.path,
                at.line,
                at.column,
                d.severity.as_str(),
                d.rule,
                d.message.replace('\n', " ")
            )?;
        }
    }
    Ok(())
}
