//! `missing-image`: a local image that does not exist (or differs in letter case).

use crate::diagnostic::{Diagnostic, Severity};
use crate::links::{FileHint, Kind, Miss, Outcome};
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};
use crate::source::Span;

fn missing(
    span: Span,
    written: &str,
    looked_for: &[String],
    hint: Option<&FileHint>,
) -> Diagnostic {
    let help = match hint {
        Some(FileHint::Case(path)) => format!("did you mean `{path}`? (letter case differs)"),
        Some(FileHint::Close(path)) => format!("did you mean `{path}`?"),
        None => {
            let places: Vec<String> = looked_for.iter().map(|p| format!("`{p}`")).collect();
            format!("looked for {}", places.join(" and "))
        }
    };
    Diagnostic::new(META.id, span, format!("image `{written}` does not exist")).with_help(help)
}

pub(crate) static META: RuleMeta = RuleMeta {
    id: "missing-image",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a local image that does not exist (or differs in letter case)",
    doc: include_str!("../../rules/missing-image.md"),
};

pub(crate) struct MissingImage;

impl Rule for MissingImage {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        for link in ctx.links() {
            if link.reference.kind != Kind::Image {
                continue;
            }
            if let Outcome::Missing(Miss::File {
                written,
                looked_for,
                hint,
            }) = &link.outcome
            {
                out.push(missing(
                    link.reference.span,
                    written,
                    looked_for,
                    hint.as_ref(),
                ));
            }
        }
    }
}
