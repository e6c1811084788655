//! `dead-anchor`: a `#fragment` that matches no heading id or anchor in its target.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "dead-anchor",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a `#fragment` that matches no heading id or anchor in its target",
    doc: include_str!("../../rules/dead-anchor.md"),
};

pub struct DeadAnchor;

impl Rule for DeadAnchor {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Registered and documented; the checks arrive with issue #4.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
