//! `dead-anchor`: a `#fragment` that matches no heading id or anchor in its target.

use crate::diagnostic::{Diagnostic, Severity};
use crate::links::{Kind, Outcome, Reference, Via};
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};
use crate::site::anchors::Anchors;
use crate::source::Span;

pub(crate) static META: RuleMeta = RuleMeta {
    id: "dead-anchor",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a `#fragment` that matches no heading id or anchor in its target",
    doc: include_str!("../../rules/dead-anchor.md"),
};

pub(crate) struct DeadAnchor;

impl Rule for DeadAnchor {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let own = ctx.site.anchors_of(ctx.doc);
        for link in ctx.links() {
            let reference = &link.reference;
            if reference.kind != Kind::Link {
                continue;
            }
            let (anchors, fragment, target) = match &link.outcome {
                Outcome::SameDoc { fragment } => (&*own, fragment, None),
                Outcome::Found {
                    doc: Some(i),
                    fragment: Some(fragment),
                } => {
                    let i = *i;
                    let target = &ctx.site.documents[i];
                    let same =
                        std::ptr::eq(target, ctx.doc) || target.source.path == ctx.doc.source.path;
                    let anchors = if same { &*own } else { ctx.site.anchors(i) };
                    let name = (!same).then_some(target.source.display_path.as_str());
                    (anchors, fragment, name)
                }
                Outcome::FoundPage {
                    page,
                    fragment: Some(fragment),
                } => {
                    let Some(anchors) = ctx.site.docs_page_anchors(*page) else {
                        continue;
                    };
                    let name = ctx
                        .site
                        .docs()
                        .pages
                        .get(*page)
                        .map(|p| p.site_path.as_str());
                    (anchors, fragment, name)
                }
                _ => continue,
            };
            if is_always_there(fragment) || anchors.contains(fragment) || anchors.uncertain {
                continue;
            }
            out.push(diagnostic(ctx, reference, anchors, fragment, target));
        }
    }
}

/// `#top` scrolls to the top in every browser; footnote ids are the converter's own.
fn is_always_there(fragment: &str) -> bool {
    fragment.is_empty()
        || fragment.eq_ignore_ascii_case("top")
        || ["fn:", "fnref:", "fn-", "fnref-", "user-content-fn"]
            .iter()
            .any(|p| fragment.starts_with(p))
}

fn diagnostic(
    ctx: &Ctx<'_>,
    reference: &Reference,
    anchors: &Anchors,
    fragment: &str,
    target: Option<&str>,
) -> Diagnostic {
    let place = match target {
        Some(path) => format!("in `{path}`"),
        None => "in this post".to_string(),
    };
    let help = match anchors.suggest(fragment) {
        Some(close) => format!("did you mean `#{close}`?"),
        None if anchors.is_empty() => "the target has no headings or ids to link to".to_string(),
        None => "link to a heading's id, or give the heading an explicit `{#id}`".to_string(),
    };
    Diagnostic::new(
        META.id,
        fragment_span(ctx.doc.text(), reference),
        format!("anchor `#{fragment}` matches no heading or id {place}"),
    )
    .with_help(help)
}

/// The `#…` part of the destination (or the fragment after a template tag), else the whole
/// reference.
fn fragment_span(text: &str, reference: &Reference) -> Span {
    let span = reference.span;
    match reference.via {
        Via::PostUrl | Via::LinkTag | Via::HugoRef
            if text.get(span.end..).is_some_and(|t| t.starts_with('#')) =>
        {
            let rest = &text[span.end..];
            let len = rest
                .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>' | ']'))
                .unwrap_or(rest.len());
            Span::new(span.end, span.end + len)
        }
        _ => match text.get(span.start..span.end).and_then(|s| s.find('#')) {
            Some(i) => Span::new(span.start + i, span.end),
            None => span,
        },
    }
}
