//! `--affected`: the findings a change causes in posts that were not changed. A renamed or
//! deleted post or image, a post whose URL moved (a new `slug`), a heading reworded: the posts
//! that point at what is gone break, though nobody touched them, and pre-commit names only the
//! files of the commit.
//!
//! How: the site as it was at the git base is rebuilt only where it changed: the base text of
//! every changed post, and every file that is gone, in a small index of its own. A link that
//! leads nowhere in today's site but somewhere in that index (a file, a route, an anchor) was
//! broken by the change; its findings are reported. Links that were already broken are not:
//! the commit did not cause them.

use super::git::{self, Changes};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::error::RunError;
use crate::links::{self, Kind, Outcome, Resolved};
use crate::rules;
use crate::settings::Settings;
use crate::site::{PostSource, SiteIndex, SiteInputs};
use crate::site_config::SiteConfig;
use crate::source::{SourceFile, Span};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;

/// The changes since the git base, and the site as it was there where it changed.
pub(super) struct Affected {
    pub(super) changes: Changes,
    base: Option<SiteIndex>,
}

impl Affected {
    /// Asks git what changed under the root since the base commit.
    pub(super) fn changes(settings: &Settings) -> Result<Changes, RunError> {
        let base = git::base();
        Ok(git::changes(&settings.root, &base)?.unwrap_or_default())
    }

    /// The posts changed (modified or added) that the config picks: what `--affected` lints
    /// when no path is named.
    pub(super) fn changed_posts(changes: &Changes, settings: &Settings) -> Vec<PathBuf> {
        changes
            .modified
            .iter()
            .chain(&changes.added)
            .filter(|p| settings.is_post(p))
            .map(|p| settings.root.join(p))
            .filter(|p| p.is_file())
            .collect()
    }

    /// Rebuilds the changed part of the site as it was at the base, when something that links
    /// may point at is gone: a file deleted, or a changed post.
    pub(super) fn new(
        changes: Changes,
        site: &SiteIndex,
        settings: &Settings,
    ) -> Result<Self, RunError> {
        let was_post: Vec<String> = changes
            .modified
            .iter()
            .chain(&changes.deleted)
            .filter(|p| settings.is_post(p) || site.document_at(p).is_some())
            .cloned()
            .collect();
        if changes.deleted.is_empty() && was_post.is_empty() {
            return Ok(Self {
                changes,
                base: None,
            });
        }
        let texts = git::texts_at(&settings.root, &git::base(), &was_post)?;
        let config = SiteConfig::load(&settings.root, settings.preset);
        let parse = |site_path: &String, text: &Option<String>| -> Option<Document> {
            let path = settings.root.join(site_path);
            let options = config.parse_options(settings.preset, &path);
            let source = SourceFile {
                display_path: site_path.clone(),
                path,
                text: text.clone()?,
            };
            Some(Document::parse(source, &options))
        };
        let posts: Vec<(Document, PostSource)> = was_post
            .iter()
            .zip(&texts)
            .filter_map(|(site_path, text)| parse(site_path, text))
            .map(|doc| (doc, PostSource::Disk))
            .collect();
        let mut files: Vec<String> = site.file_paths().map(str::to_string).collect();
        files.extend(changes.deleted.iter().cloned());
        files.sort_unstable();
        files.dedup();
        let base = SiteIndex::new(SiteInputs {
            root: settings.root.clone(),
            preset: settings.preset,
            config: SiteConfig::load(&settings.root, settings.preset),
            files,
            posts,
            frontmatter: settings.frontmatter.clone(),
        });
        // The index would read a post's anchors from disk, where the post is as it is now (or
        // gone): give it those of the text at the base.
        for (site_path, text) in was_post.iter().zip(&texts) {
            if let (Some(doc), Some(i)) = (parse(site_path, text), base.document_at(site_path)) {
                base.anchors_of(&doc, Some(i));
            }
        }
        // A post that was only edited, keeping its URL and every anchor it had, breaks no
        // link: when that is all that changed, no post needs to be read for what it breaks.
        let harmless = |site_path: &String| {
            let (Some(now), Some(then)) =
                (site.document_at(site_path), base.document_at(site_path))
            else {
                return false;
            };
            let url = |index: &SiteIndex, i: usize| {
                index
                    .routes
                    .urls
                    .get(i)
                    .and_then(Option::as_ref)
                    .map(|u| (u.url.clone(), u.unpublished))
            };
            url(site, now) == url(&base, then) && site.anchors(now).covers(base.anchors(then))
        };
        let base = match changes.deleted.is_empty() && was_post.iter().all(harmless) {
            true => None,
            false => Some(base),
        };
        Ok(Self { changes, base })
    }

    /// For each post of `site` not among `targets` (read with `read`), the spans of its
    /// references that the change broke (empty lists left out).
    pub(super) fn broken_links(
        &self,
        site: &SiteIndex,
        targets: &[usize],
        read: &(dyn Fn(usize) -> Option<Document> + Sync),
    ) -> Vec<(usize, Vec<Span>)> {
        let Some(base) = &self.base else {
            return Vec::new();
        };
        let modified: HashSet<&str> = self.changes.modified.iter().map(String::as_str).collect();
        let targets: HashSet<usize> = targets.iter().copied().collect();
        (0..site.posts.len())
            .into_par_iter()
            .filter(|i| !targets.contains(i))
            .filter_map(|i| {
                let doc = read(i)?;
                if doc.over_limit().is_some() {
                    return None;
                }
                let spans = broken_in(&doc, site, base, &modified);
                (!spans.is_empty()).then_some((i, spans))
            })
            .collect()
    }
}

/// The references of `doc` that lead nowhere in `site` but somewhere in `base`.
fn broken_in(
    doc: &Document,
    site: &SiteIndex,
    base: &SiteIndex,
    modified: &HashSet<&str>,
) -> Vec<Span> {
    let now = links::resolve(doc, site);
    let suspect: Vec<usize> = now
        .iter()
        .enumerate()
        .filter(|(_, r)| is_broken(r, site, Some(modified)))
        .map(|(k, _)| k)
        .collect();
    if suspect.is_empty() {
        return Vec::new();
    }
    let then = links::resolve(doc, base);
    suspect
        .into_iter()
        .filter(|&k| then.get(k).is_some_and(|r| !is_broken(r, base, None)))
        .map(|k| now[k].reference.span)
        .collect()
}

/// Whether a reference leads nowhere: a missing file or route, or an anchor its target post
/// lacks. `modified` limits anchors to the posts that changed (no other can have lost one).
fn is_broken(r: &Resolved, site: &SiteIndex, modified: Option<&HashSet<&str>>) -> bool {
    match &r.outcome {
        Outcome::Missing(_) => true,
        Outcome::Found {
            doc: Some(i),
            fragment: Some(fragment),
        } if r.reference.kind == Kind::Link && !fragment.is_empty() => {
            let changed = modified.is_none_or(|m| {
                site.document_site_paths
                    .get(*i)
                    .and_then(Option::as_deref)
                    .is_some_and(|p| m.contains(p))
            });
            let anchors = site.anchors(*i);
            changed && !anchors.uncertain && !anchors.contains(fragment)
        }
        _ => false,
    }
}

/// The findings of `all` (a post's diagnostics) that a broken reference at one of `spans`
/// explains.
pub(super) fn caused(all: Vec<Diagnostic>, spans: &[Span]) -> Vec<Diagnostic> {
    all.into_iter()
        .filter(|d| {
            rules::is_about_link_targets(d.rule)
                && spans
                    .iter()
                    .any(|s| d.span.start >= s.start && d.span.start <= s.end)
        })
        .collect()
}
