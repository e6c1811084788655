//! `dead-url`: an external URL that is gone (only with `--online`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "dead-url",
    default_severity: Severity::Error,
    fixable: false,
    summary: "an external URL that is gone (only with `--online`)",
    doc: include_str!("../../rules/dead-url.md"),
};

pub struct DeadUrl;

impl Rule for DeadUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Registered and documented; the checks arrive with issue #5.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
