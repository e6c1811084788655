//! `dead-link`: a local link whose target file or site route does not exist.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "dead-link",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a local link whose target file or site route does not exist",
    doc: include_str!("../../rules/dead-link.md"),
};

pub struct DeadLink;

impl Rule for DeadLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Registered and documented; the checks arrive with issue #4.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
