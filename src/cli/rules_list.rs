//! `postlint rules` (a table or JSON) and `postlint explain RULE`.

use super::{ListFormat, EXIT_OK};
use crate::error::RunError;
use crate::rules;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct RuleEntry<'a> {
    id: &'a str,
    default: &'a str,
    fixable: bool,
    summary: &'a str,
}

pub(super) fn list(format: ListFormat) -> Result<u8, RunError> {
    let mut out = io::stdout().lock();
    let written = match format {
        ListFormat::Text => table(&mut out),
        ListFormat::Json => {
            let entries: Vec<RuleEntry<'_>> = rules::metas()
                .map(|m| RuleEntry {
                    id: m.id,
                    default: m.default_severity.as_str(),
                    fixable: m.fixable,
                    summary: m.summary,
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &entries)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(RunError::Io(format!("cannot write the rules: {e}")))
        }
        _ => Ok(EXIT_OK),
    }
}

fn table(out: &mut dyn Write) -> io::Result<()> {
    let width = rules::metas().map(|m| m.id.len()).max().unwrap_or(0);
    writeln!(
        out,
        "{:width$}  {:8}  {:7}  summary",
        "rule", "default", "fixable"
    )?;
    for m in rules::metas() {
        writeln!(
            out,
            "{:width$}  {:8}  {:7}  {}",
            m.id,
            m.default_severity.as_str(),
            if m.fixable { "yes" } else { "no" },
            m.summary
        )?;
    }
    Ok(())
}

pub(super) fn explain(id: &str) -> Result<u8, RunError> {
    match rules::find(id) {
        Some((_, rule)) => {
            let _ = io::stdout().write_all(rule.meta().doc.as_bytes());
            Ok(EXIT_OK)
        }
        None => Err(RunError::Usage(rules::unknown_rule_message(id))),
    }
}
