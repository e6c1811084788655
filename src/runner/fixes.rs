//! Safe fixes of one post: applied, the post re-parsed and re-checked, until nothing changes.

use super::urls::UrlResults;
use super::{check, Findings, FixedFile};
use crate::document::Document;
use crate::fix::apply_fixes;
use crate::links::external::CheckedUrl;
use crate::settings::{FixMode, Settings};
use crate::site::SiteIndex;
use crate::source::SourceFile;

/// Checks post `post` of the site, read as `doc`; with fixes on, applies them and re-checks
/// until nothing changes. Returns the findings of the post as read, and the fixed file with its
/// remaining findings.
pub(super) fn check_with_fixes(
    doc: &Document,
    post: usize,
    site: &SiteIndex,
    settings: &Settings,
    urls: &[CheckedUrl],
    url_results: Option<&UrlResults>,
    mode: FixMode,
) -> (Findings, Option<(FixedFile, Findings)>) {
    let original = check(doc, Some(post), site, settings, urls);
    if mode == FixMode::Report || !original.diagnostics.iter().any(|d| d.fix.is_some()) {
        return (original, None);
    }
    let options = site.config.parse_options(site.preset, &doc.source.path);
    let mut current: Option<(Document, Findings)> = None;
    let mut fixes = 0;
    // Fixes may uncover others (a `<br>` left last in a paragraph); a bounded loop settles it.
    for _ in 0..10 {
        let (text, findings) = match &current {
            Some((d, findings)) => (d.text(), findings),
            None => (doc.text(), &original),
        };
        let diagnostics = &findings.diagnostics;
        let (new_text, applied) =
            apply_fixes(text, diagnostics.iter().filter_map(|d| d.fix.as_ref()));
        if applied == 0 || new_text == text {
            break;
        }
        fixes += applied;
        let source = SourceFile {
            path: doc.source.path.clone(),
            display_path: doc.source.display_path.clone(),
            text: new_text,
        };
        let next = Document::parse(source, &options);
        let urls = url_results
            .map(|u| u.of_document(&next))
            .unwrap_or_default();
        let findings = check(&next, None, site, settings, &urls);
        current = Some((next, findings));
    }
    let fixed = current.map(|(fixed_doc, findings)| {
        let file = FixedFile {
            display_path: doc.source.display_path.clone(),
            path: doc.source.path.clone(),
            before: doc.text().to_string(),
            after: fixed_doc.source.text,
            fixes,
        };
        (file, findings)
    });
    (original, fixed)
}
