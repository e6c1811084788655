//! `unknown-author`: an author key that is not in the site's author registry.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "unknown-author",
    default_severity: Severity::Error,
    fixable: false,
    summary: "an author key that is not in the site's author registry",
    doc: include_str!("../../rules/unknown-author.md"),
};

pub struct UnknownAuthor;

impl Rule for UnknownAuthor {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Registered and documented; the checks arrive with issue #3.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
