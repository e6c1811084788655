//! `compact`: one `path:line:col: severity[rule] message` line per diagnostic.

use crate::runner::Report;
use crate::source::LineIndex;
use std::io::{self, Write};

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        let index = LineIndex::new(&file.text);
        for d in &file.diagnostics {
            let at = index.line_column(&file.text, d.span.start);
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
