//! `duplicate-slug`: two posts that publish at the same URL.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "duplicate-slug",
    default_severity: Severity::Error,
    fixable: false,
    summary: "two posts that publish at the same URL",
    doc: include_str!("../../rules/duplicate-slug.md"),
};

pub struct DuplicateSlug;

impl Rule for DuplicateSlug {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Registered and documented; the checks arrive with issue #3.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
