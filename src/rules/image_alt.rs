//! `image-alt`: an image with empty alt text.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "image-alt",
    default_severity: Severity::Warning,
    fixable: false,
    summary: "an image with empty alt text",
    doc: include_str!("../../rules/image-alt.md"),
};

pub struct ImageAlt;

impl Rule for ImageAlt {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Registered and documented; the checks arrive with issue #4.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
