//! The lines after the findings: counts, fixes made or available, URLs out of time; and the
//! per-rule counts of `--statistics`.

use crate::diagnostic::Severity;
use crate::runner::Report;
use crate::settings::FixMode;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// What decides the exit status, besides a failed run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    Clean,
    Errors,
    TooManyWarnings { warnings: usize, max: usize },
}

/// `n word` with the word in the plural unless `n` is 1.
pub(super) fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The summary for a person: `2 errors, 1 warning in 3 files (12 ms)`, then what was fixed or
/// can be, then the external URLs that ran out of time.
pub(super) fn lines(report: &Report, fix: FixMode) -> Vec<String> {
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let mut first = format!(
        "{}, {} in {} ({} ms)",
        count(errors, "error"),
        count(warnings, "warning"),
        count(report.file_count, "file"),
        report.elapsed.as_millis()
    );
    let fixes: usize = report.fixed.iter().map(|f| f.fixes).sum();
    match fix {
        FixMode::Apply if !report.fixed.is_empty() => first.push_str(&format!(
            "; fixed {} in {}",
            count(fixes, "issue"),
            count(report.fixed.len(), "file")
        )),
        FixMode::Diff if !report.fixed.is_empty() => first.push_str(&format!(
            "; the diff fixes {} in {}",
            count(fixes, "issue"),
            count(report.fixed.len(), "file")
        )),
        FixMode::Report if report.fixable() > 0 => {
            first.push_str(&format!("; {} fixable with `--fix`", report.fixable()));
        }
        _ => {}
    }
    let mut lines = vec![first];
    if !report.out_of_time.is_empty() {
        let n = report.out_of_time.len();
        lines.push(format!(
            "{} ran out of time (raise `timeout`, `deadline` or `budget` under \
             `rules.dead-url` to wait longer):",
            count(n, "external URL")
        ));
        lines.extend(report.out_of_time.iter().map(|url| format!("  {url}")));
    }
    lines
}

#[derive(Default, Serialize)]
struct RuleCount<'a> {
    rule: &'a str,
    count: usize,
    errors: usize,
    warnings: usize,
    fixable: usize,
}

/// `--statistics`: findings per rule, most first; a JSON array under `--format json`.
pub(super) fn statistics(report: &Report, json: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut by_rule: BTreeMap<&str, RuleCount<'_>> = BTreeMap::new();
    for (_, d) in report.diagnostics() {
        let entry = by_rule.entry(d.rule).or_insert_with(|| RuleCount {
            rule: d.rule,
            ..RuleCount::default()
        });
        entry.count += 1;
        match d.severity {
            Severity::Error => entry.errors += 1,
            Severity::Warning => entry.warnings += 1,
            Severity::Off => {}
        }
        entry.fixable += usize::from(d.fix.is_some());
    }
    let mut counts: Vec<RuleCount<'_>> = by_rule.into_values().collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
    if json {
        serde_json::to_writer_pretty(&mut *out, &counts)?;
        return writeln!(out);
    }
    let width = counts.iter().map(|c| c.rule.len()).max().unwrap_or(4);
    let digits = counts
        .first()
        .map_or(1, |c| c.count.to_string().len())
        .max(5);
    for c in &counts {
        let mut kinds = Vec::new();
        if c.errors > 0 {
            kinds.push(count(c.errors, "error"));
        }
        if c.warnings > 0 {
            kinds.push(count(c.warnings, "warning"));
        }
        if c.fixable > 0 {
            kinds.push(format!("{} fixable", c.fixable));
        }
        writeln!(
            out,
            "{:>digits$}  {:width$}  {}",
            c.count,
            c.rule,
            kinds.join(", ")
        )?;
    }
    Ok(())
}
