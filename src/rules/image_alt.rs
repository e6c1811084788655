//! `image-alt`: an image with empty alt text.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::model::RefKind;
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    id: "image-alt",
    default_severity: Severity::Warning,
    fixable: false,
    summary: "an image with empty alt text",
    doc: include_str!("../../rules/image-alt.md"),
};

pub(crate) struct ImageAlt;

impl Rule for ImageAlt {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for image in &doc.markdown.images {
            if doc.markdown.in_template(image.span) {
                continue;
            }
            let (message, help) = match (image.kind, image.alt.as_deref()) {
                // `alt=""` is HTML's way of marking an image as decoration: deliberate.
                (RefKind::Html | RefKind::Bundled, Some(_)) => continue,
                (RefKind::Html | RefKind::Bundled, None) => (
                    "`<img>` has no `alt` attribute",
                    "add `alt=\"…\"` saying what the image shows (`alt=\"\"` if it is decoration)",
                ),
                (_, Some(alt)) if !alt.trim().is_empty() => continue,
                _ => (
                    "image has no alt text",
                    "say what the image shows between the brackets: `![…](…)`",
                ),
            };
            out.push(Diagnostic::new(META.id, image.span, message).with_help(help));
        }
        for tag in doc
            .markdown
            .template_tags
            .iter()
            .filter(|t| t.name == "figure")
        {
            let has = |attr: &str| {
                tag.args
                    .split_whitespace()
                    .any(|a| a.starts_with(&format!("{attr}=")))
            };
            if has("src") && !has("alt") && !has("caption") {
                out.push(
                    Diagnostic::new(META.id, tag.span, "figure has no `alt` or `caption`")
                        .with_help("add `alt=\"…\"` saying what the image shows"),
                );
            }
        }
    }
}
