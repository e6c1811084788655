//! `mdx-syntax`: what the MDX compile refuses under the site's settings.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    id: "mdx-syntax",
    default_severity: Severity::Error,
    fixable: false,
    summary: "what the MDX compile refuses (unclosed tags, `<` before a non-name, comments)",
    doc: include_str!("../../rules/mdx-syntax.md"),
};

pub(crate) struct MdxSyntax;

impl Rule for MdxSyntax {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        for error in &ctx.doc.markdown.syntax_errors {
            out.push(
                Diagnostic::new(META.id, error.span, error.message.clone())
                    .with_help(error.help.clone()),
            );
        }
    }
}
