//! `missing-image`: a local image that does not exist (or differs in letter case).

use crate::diagnostic::{Diagnostic, Severity};
use crate::resolve::{references, Kind, Outcome, Resolver};
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

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let resolver = Resolver::new(ctx.site, ctx.doc);
        for reference in references(ctx.doc) {
            if reference.kind != Kind::Image {
                continue;
            }
            if let Outcome::Missing { message, help } = resolver.resolve(&reference) {
                let mut diagnostic = Diagnostic::new(META.id, reference.span, message);
                diagnostic.help = help;
                out.push(diagnostic);
            }
        }
    }
}
