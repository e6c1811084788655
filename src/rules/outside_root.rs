//! `outside-root`: a link or image path that climbs out of the site root.

use crate::diagnostic::{Diagnostic, Severity};
use crate::resolve::{references, Kind, Outcome, Resolver};
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "outside-root",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a link or image path that climbs out of the site root",
    doc: include_str!("../../rules/outside-root.md"),
};

pub struct OutsideRoot;

impl Rule for OutsideRoot {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let resolver = Resolver::new(ctx.site, ctx.doc);
        for reference in references(ctx.doc) {
            if resolver.resolve(&reference) != Outcome::OutsideRoot {
                continue;
            }
            let what = match reference.kind {
                Kind::Image => "image",
                Kind::Link => "link",
            };
            out.push(
                Diagnostic::new(
                    META.id,
                    reference.span,
                    format!(
                        "{what} `{}` climbs out of the site root",
                        reference.target.trim()
                    ),
                )
                .with_help(
                    "copy the file into the site (its static folder), or link to its published \
                     address",
                ),
            );
        }
    }
}
