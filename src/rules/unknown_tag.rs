//! `unknown-tag`: a tag that is not in the site's tag registry.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "unknown-tag",
    default_severity: Severity::Warning,
    fixable: false,
    summary: "a tag that is not in the site's tag registry",
    doc: include_str!("../../rules/unknown-tag.md"),
};

pub struct UnknownTag;

impl Rule for UnknownTag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Registered and documented; the checks arrive with issue #3.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
