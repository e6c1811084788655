//! `dead-anchor`: a `#fragment` that matches no heading id or anchor in its target.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Dialect;
use crate::links::{Kind, Outcome, Reference, Via};
use crate::rule::{Ctx, DeferredAnchor, NoOptions, Rule, RuleMeta};
use crate::site::anchors::Anchors;
use crate::site::SiteIndex;
use crate::source::Span;
use std::path::Path;

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
        let own = ctx.own_anchors();
        for link in ctx.links() {
            let reference = &link.reference;
            if reference.kind != Kind::Link {
                continue;
            }
            let (anchors, fragment, target, file) = match &link.outcome {
                Outcome::SameDoc { fragment } => {
                    (&*own, fragment, None, ctx.doc.source.path.as_path())
                }
                Outcome::Found {
                    doc: Some(i),
                    fragment: Some(fragment),
                } => {
                    let i = *i;
                    let same = ctx.post == Some(i) || ctx.site.posts[i].path == ctx.doc.source.path;
                    if !same {
                        // Another post's anchors come from its own parse: checked when the run
                        // has read every post (see `check_deferred`).
                        if !is_always_there(fragment) {
                            ctx.defer(DeferredAnchor {
                                post: i,
                                fragment: fragment.clone(),
                                span: fragment_span(ctx.doc.text(), reference),
                            });
                        }
                        continue;
                    }
                    (&*own, fragment, None, ctx.doc.source.path.as_path())
                }
                Outcome::FoundPage {
                    page,
                    fragment: Some(fragment),
                } => {
                    let Some(anchors) = ctx.site.docs_page_anchors(*page) else {
                        continue;
                    };
                    let Some(page) = ctx.site.docs().pages.get(*page) else {
                        continue;
                    };
                    let name = Some(page.site_path.as_str());
                    (anchors, fragment, name, Path::new(page.site_path.as_str()))
                }
                _ => continue,
            };
            if is_always_there(fragment)
                || anchors.contains(fragment)
                || anchors.uncertain
                || ctx.site.template_writes_id(fragment)
            {
                continue;
            }
            let explicit = explicit_id_syntax(ctx.site, file);
            let span = fragment_span(ctx.doc.text(), reference);
            out.push(diagnostic(span, anchors, fragment, target, explicit));
        }
    }
}

/// A fragment into another post that [`DeadAnchor`] left for later, against that post's
/// anchors.
pub(crate) fn check_deferred(site: &SiteIndex, deferred: &DeferredAnchor) -> Option<Diagnostic> {
    let anchors = site.anchors(deferred.post);
    let fragment = &deferred.fragment;
    if anchors.contains(fragment) || anchors.uncertain || site.template_writes_id(fragment) {
        return None;
    }
    let target = &site.posts[deferred.post];
    let explicit = explicit_id_syntax(site, &target.path);
    Some(diagnostic(
        deferred.span,
        anchors,
        fragment,
        Some(&target.display_path),
        explicit,
    ))
}

/// `#top` scrolls to the top in every browser; footnote ids are the converter's own.
fn is_always_there(fragment: &str) -> bool {
    fragment.is_empty()
        || fragment.eq_ignore_ascii_case("top")
        || ["fn:", "fnref:", "fn-", "fnref-", "user-content-fn"]
            .iter()
            .any(|p| fragment.starts_with(p))
}

/// How the target's converter lets a heading set its own id: `{#id}`, except in MDX with the
/// mdx1 compatibility off (Docusaurus `future.v4`), where only `{/* #id */}` compiles.
fn explicit_id_syntax(site: &SiteIndex, target: &Path) -> &'static str {
    let options = site.config.parse_options(site.preset, target);
    if options.dialect == Dialect::Mdx && !options.mdx1.heading_ids {
        "id: `## Title {/* #id */}`"
    } else {
        "`{#id}`"
    }
}

fn diagnostic(
    span: Span,
    anchors: &Anchors,
    fragment: &str,
    target: Option<&str>,
    explicit: &str,
) -> Diagnostic {
    let place = match target {
        Some(path) => format!("in `{path}`"),
        None => "in this post".to_string(),
    };
    let help = match anchors.suggest(fragment) {
        Some(close) => format!("did you mean `#{close}`?"),
        None if anchors.is_empty() => "the target has no headings or ids to link to".to_string(),
        None => format!("link to a heading's id, or give the heading an explicit {explicit}"),
    };
    Diagnostic::new(
        META.id,
        span,
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
