//! `undefined-reference`: `[text][label]` or `![alt][label]` with no `[label]: …` definition.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    id: "undefined-reference",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a reference-style link or image whose label has no definition",
    doc: include_str!("../../rules/undefined-reference.md"),
};

pub(crate) struct UndefinedReference;

impl Rule for UndefinedReference {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        // Definitions may come from an included file, which postlint does not follow.
        if ctx
            .doc
            .markdown
            .template_tags
            .iter()
            .any(|t| t.name == "include")
        {
            return;
        }
        for reference in &ctx.doc.markdown.undefined_references {
            out.push(
                Diagnostic::new(
                    META.id,
                    reference.span,
                    format!("reference `[{}]` has no definition", reference.label),
                )
                .with_help(format!(
                    "add a line `[{}]: <url>` to the post, or use a label that is defined",
                    reference.label
                )),
            );
        }
    }
}
