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

fn unbundled(span: Span, written: &str, url: &str) -> Diagnostic {
    Diagnostic::new(
        META.id,
        span,
        format!(
            "image `{written}` is not bundled: Docusaurus serves nothing at `{url}`, where the \
             browser asks for it"
        ),
    )
    .with_help(format!(
        "let the bundler resolve it: `src={{require('{written}').default}}`, or a Markdown image"
    ))
}

/// Jekyll: a site-absolute image path outside the `baseurl` the site is served under.
fn outside_base(span: Span, written: &str, inside: &str) -> Diagnostic {
    Diagnostic::new(
        META.id,
        span,
        format!(
            "image `{written}` is outside the site's `baseurl`: the image is served at `{inside}`"
        ),
    )
    .with_help(format!(
        "write `{inside}`, or `{{{{ \"{written}\" | relative_url }}}}`"
    ))
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
            match &link.outcome {
                Outcome::Missing(Miss::File {
                    written,
                    looked_for,
                    hint,
                }) => out.push(missing(
                    link.reference.span,
                    written,
                    looked_for,
                    hint.as_ref(),
                )),
                Outcome::Missing(Miss::Unbundled { written, url }) => {
                    out.push(unbundled(link.reference.span, written, url))
                }
                Outcome::Missing(Miss::OutsideBase { written, inside }) => {
                    out.push(outside_base(link.reference.span, written, inside))
                }
                _ => {}
            }
        }
    }
}
