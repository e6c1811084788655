//! `dead-link`: a local link whose target file or site route does not exist.

use crate::diagnostic::{Diagnostic, Severity};
use crate::resolve::{references, Kind, Outcome, Resolver};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "dead-link",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a local link whose target file or site route does not exist",
    doc: include_str!("../../rules/dead-link.md"),
};

pub struct DeadLink;

impl Rule for DeadLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let resolver = Resolver::new(ctx.site, ctx.doc);
        for reference in references(ctx.doc) {
            if reference.kind != Kind::Link {
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
