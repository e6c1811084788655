//! `missing-image`: a local image that does not exist (or differs in letter case).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "missing-image",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a local image that does not exist (or differs in letter case)",
    doc: include_str!("../../rules/missing-image.md"),
};

pub struct MissingImage;

impl Rule for MissingImage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Registered and documented; the checks arrive with issue #4.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
