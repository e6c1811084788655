//! `outside-root`: a link or image path that climbs out of the site root.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "outside-root",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a link or image path that climbs out of the site root",
    doc: include_str!("../../rules/outside-root.md"),
};

pub struct OutsideRoot;

impl Rule for OutsideRoot {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Registered and documented; the checks arrive with issue #4.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
