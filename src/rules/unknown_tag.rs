//! `unknown-tag`: a tag that is not in the site's tag registry.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::front_matter::FmNode;
use crate::preset::Preset;
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};
use crate::site::frontmatter::registry::Registry;
use crate::source::Span;
use crate::spelling::Likeness;

fn unknown_tag(span: Span, tag: &str, registry: &Registry, case_insensitive: bool) -> Diagnostic {
    let suggestion = registry.closest(tag).filter(|_| !case_insensitive);
    let message = match suggestion {
        Some((_, Likeness::Case)) => format!("unknown tag `{tag}`: tags are case-sensitive"),
        _ => format!("unknown tag `{tag}`"),
    };
    let help = match suggestion {
        Some((known, _)) => format!("did you mean `{known}`?"),
        None => format!(
            "use a tag defined in `{}`, or add `{tag}` there",
            registry.source
        ),
    };
    Diagnostic::new(META.id, span, message).with_help(help)
}

pub(crate) static META: RuleMeta = RuleMeta {
    id: "unknown-tag",
    default_severity: Severity::Warning,
    fixable: false,
    summary: "a tag that is not in the site's tag registry",
    doc: include_str!("../../rules/unknown-tag.md"),
};

pub(crate) struct UnknownTag;

impl Rule for UnknownTag {
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
        let Some(registry) = &site.frontmatter.registries(site).tags else {
            return;
        };
        // Hugo files `Airflow` and `airflow` under one term page.
        let case_insensitive = site.preset == Preset::Hugo;
        for node in site.frontmatter.values_of_kind(site.preset, root, "tags") {
            for (tag, span) in tags_in(node, doc.text(), site.preset) {
                let known = registry.contains(tag)
                    || (case_insensitive
                        && registry
                            .names
                            .iter()
                            .any(|n| n.to_lowercase() == tag.to_lowercase()));
                if !known {
                    out.push(unknown_tag(span, tag, registry, case_insensitive));
                }
            }
        }
    }
}

/// The tags a value names, with their spans: Jekyll splits a string on white space
/// (`tags: data airflow`); the other generators take it whole.
fn tags_in<'d>(node: &'d FmNode, text: &str, preset: Preset) -> Vec<(&'d str, Span)> {
    let Some(value) = node.as_str() else {
        return Vec::new();
    };
    if preset != Preset::Jekyll || !value.contains(char::is_whitespace) {
        return if value.trim().is_empty() {
            Vec::new()
        } else {
            vec![(value.trim(), node.span)]
        };
    }
    let raw = text.get(node.span.start..node.span.end).unwrap_or("");
    let mut from = 0;
    value
        .split_whitespace()
        .map(|tag| {
            let span = match raw[from..].find(tag) {
                Some(i) => {
                    from += i + tag.len();
                    let start = node.span.start + from - tag.len();
                    Span::new(start, start + tag.len())
                }
                None => node.span,
            };
            (tag, span)
        })
        .collect()
}
