//! `compact`: one `path:line:col: severity[rule] message` line per diagnostic.

use crate::runner::Report;
use std::io::{self, Write};

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        for d in &file.diagnostics {
            let at = file.source.line_column(d.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
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
