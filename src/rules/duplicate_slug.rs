//! `duplicate-slug`: two posts that publish at the same URL.

use crate::diagnostic::{Diagnostic, Severity};
use crate::preset::Preset;
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};
use crate::source::Span;

pub(crate) static META: RuleMeta = RuleMeta {
    id: "duplicate-slug",
    default_severity: Severity::Error,
    fixable: false,
    summary: "two posts that publish at the same URL",
    doc: include_str!("../../rules/duplicate-slug.md"),
};

pub(crate) struct DuplicateSlug;

impl Rule for DuplicateSlug {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let site = ctx.site;
        let Some(i) = site.document_index(&ctx.doc.source.path) else {
            return;
        };
        let text = ctx.doc.text();
        let first_line = Span::new(0, text.find(['\n', '\r']).unwrap_or(text.len()));
        for hidden in site.routes.hidden_by(i) {
            let Some(other) = site.posts.get(hidden) else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    META.id,
                    first_line,
                    format!(
                        "`{}` is the same page as this one: Hugo builds this one and drops it \
                         without a word",
                        other.display_path
                    ),
                )
                .with_help("merge the two files, or rename one of them"),
            );
        }
        let Some(sharing) = site.routes.sharing_url(i) else {
            return;
        };
        // The earliest post keeps its URL; each later one is reported.
        let first = sharing[0];
        let Some(url) = site.routes.urls[i].as_ref().filter(|_| first != i) else {
            return;
        };
        let span = url.explicit.unwrap_or(first_line);
        let key = match site.preset {
            Preset::Jekyll => "`permalink` or `slug`",
            Preset::Hugo => "`slug` or `url`",
            _ => "`slug`",
        };
        out.push(
            Diagnostic::new(
                META.id,
                span,
                format!(
                    "`{}` is also the URL of `{}`",
                    url.url, site.posts[first].display_path
                ),
            )
            .with_help(format!(
                "give this post its own {key}, or rename its file; one of the two pages is lost"
            )),
        );
    }
}
