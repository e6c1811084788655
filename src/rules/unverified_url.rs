//! `unverified-url`: an external URL that could not be verified (only with `--online`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "unverified-url",
    default_severity: Severity::Warning,
    fixable: false,
    summary: "an external URL that could not be verified (only with `--online`)",
    doc: include_str!("../../rules/unverified-url.md"),
};

pub struct UnverifiedUrl;

impl Rule for UnverifiedUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Registered and documented; the checks arrive with issue #5.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
