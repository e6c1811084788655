//! `date-mismatch`: the file name date disagrees with the front matter `date`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "date-mismatch",
    default_severity: Severity::Warning,
    fixable: false,
    summary: "the file name date disagrees with the front matter `date`",
    doc: include_str!("../../rules/date-mismatch.md"),
};

pub struct DateMismatch;

impl Rule for DateMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Registered and documented; the checks arrive with issue #3.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
