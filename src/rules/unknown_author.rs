//! `unknown-author`: an author key that is not in the site's author registry.

use crate::diagnostic::{Diagnostic, Severity};
use crate::preset::Preset;
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};
use crate::site::frontmatter::registry::Registry;
use crate::source::Span;

fn unknown_author(
    span: Span,
    key: &str,
    registry: &Registry,
    suggestion: Option<&str>,
) -> Diagnostic {
    let help = match suggestion {
        Some(known) => format!("did you mean `{known}`?"),
        None => format!(
            "define `{key}` in `{}`, or use a key defined there",
            registry.source
        ),
    };
    Diagnostic::new(
        META.id,
        span,
        format!("unknown author `{key}`: not in `{}`", registry.source),
    )
    .with_help(help)
}

pub(crate) static META: RuleMeta = RuleMeta {
    id: "unknown-author",
    default_severity: Severity::Error,
    fixable: false,
    summary: "an author key that is not in the site's author registry",
    doc: include_str!("../../rules/unknown-author.md"),
};

pub(crate) struct UnknownAuthor;

impl Rule for UnknownAuthor {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let (doc, site) = (ctx.doc, ctx.site);
        let Some(root) = doc.front_matter_root() else {
            return;
        };
        if crate::site::frontmatter::is_partial(doc, site) {
            return;
        }
        let Some(registry) = &site.frontmatter.registries(site).authors else {
            return;
        };
        for node in site
            .frontmatter
            .values_of_kind(site.preset, root, "authors")
        {
            let Some(key) = node.as_str().map(str::trim).filter(|k| !k.is_empty()) else {
                continue;
            };
            if registry.contains(key) {
                continue;
            }
            let suggestion = registry.closest(key).map(|(known, _)| known);
            // Jekyll themes and jekyll-seo-tag take an `author` that is not a registry key as
            // the author's name; only a near-miss of a key is surely a typo there.
            if site.preset == Preset::Jekyll && suggestion.is_none() {
                continue;
            }
            out.push(unknown_author(node.span, key, registry, suggestion));
        }
    }
}
