//! `--show-skipped`: the local links and images postlint could not check (a template-built
//! path, a route no preset rule maps), so that a clean run is not taken for a fully checked one.

use crate::document::Document;
use crate::links::{self, Outcome};
use crate::site::SiteIndex;
use crate::source::LineIndex;

/// The references of `doc` that lead somewhere postlint cannot follow, leaving out what is not
/// local (URLs with a scheme, `//host/…`) and bare `#fragment`s, which are checked elsewhere or
/// not meant to be; each as `path:line:col: target`.
pub(super) fn of(doc: &Document, site: &SiteIndex) -> Vec<String> {
    let resolved = links::resolve(doc, site);
    let unchecked: Vec<_> = resolved
        .iter()
        .filter(|r| r.outcome == Outcome::Skip && is_local(&r.reference.target))
        .collect();
    if unchecked.is_empty() {
        return Vec::new();
    }
    let text = doc.text();
    let index = LineIndex::new(text);
    unchecked
        .into_iter()
        .map(|r| {
            let at = index.line_column(text, r.reference.span.start);
            format!(
                "{}:{}:{}: `{}`",
                doc.source.display_path, at.line, at.column, r.reference.target
            )
        })
        .collect()
}

/// Whether `target` names something on the site itself: not empty, not a bare fragment, no
/// scheme (`https:`, `mailto:`), not protocol-relative.
fn is_local(target: &str) -> bool {
    let target = target.trim();
    if target.is_empty() || target.starts_with('#') || target.starts_with("//") {
        return false;
    }
    let scheme = target.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme.len() > 1
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    !scheme
}
