//! `frontmatter-schema`: front matter against the preset's schema: required keys, types, values, dates, misspelt keys, missing title.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "frontmatter-schema",
    default_severity: Severity::Error,
    fixable: false,
    summary: "front matter against the preset's schema: required keys, types, values, dates, misspelt keys, missing title",
    doc: include_str!("../../rules/frontmatter-schema.md"),
};

pub struct FrontmatterSchema;

impl Rule for FrontmatterSchema {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Registered and documented; the checks arrive with issue #3.
    fn check(&self, _ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
}
