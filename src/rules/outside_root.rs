//! `outside-root`: a link or image path that climbs out of the site root.

use crate::diagnostic::{Diagnostic, Severity};
use crate::links::{Kind, Outcome};
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    id: "outside-root",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a link or image path that climbs out of the site root",
    doc: include_str!("../../rules/outside-root.md"),
};

pub(crate) struct OutsideRoot;

impl Rule for OutsideRoot {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        for link in ctx.links() {
            if link.outcome != Outcome::OutsideRoot {
                continue;
            }
            let reference = &link.reference;
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
