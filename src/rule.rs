//! What a rule is: static metadata plus a `check` over one parsed post and the site index.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::settings::Settings;
use crate::site::SiteIndex;

#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    pub default_severity: Severity,
    pub fixable: bool,
    pub summary: &'static str,
    /// `rules/<id>.md`, compiled in; printed by `postlint explain`.
    pub doc: &'static str,
}

/// Everything a rule may read while checking one post.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub site: &'a SiteIndex,
    pub settings: &'a Settings,
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Appends the problems found in `ctx.doc`; severity and suppression are applied later.
    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>);
}
