//! The online stage of a run: every external URL the reported posts use, collected once, each
//! distinct one checked once, the verdicts joined back to each use for the URL rules.

use crate::diagnostic::Severity;
use crate::document::Document;
use crate::links::external::{self, CheckedUrl, UrlUse, UrlVerdict};
use crate::online::{self, OnlineOptions};
use crate::rules::dead_url;
use crate::settings::Settings;
use crate::site::SiteIndex;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// The rules that report online findings; a URL is fetched only if one of them may report it.
const RULE_IDS: [&str; 2] = ["dead-url", "unverified-url"];

pub(super) struct UrlResults {
    /// Each post's URL uses, by index in the site (empty for posts not reported on).
    uses: Vec<Vec<UrlUse>>,
    verdicts: HashMap<String, UrlVerdict>,
    /// The URLs that ran out of time (timeout, `deadline`, `budget`), sorted.
    pub(super) out_of_time: Vec<String>,
    /// Why every URL is unverified when no host name resolved (a note for the report).
    pub(super) network_unavailable: Option<String>,
}

impl UrlResults {
    /// Collects the URLs of the posts `targets` (indices in the site, read with `read`) and
    /// checks each distinct one, leaving out posts where both online rules are off and uses
    /// that inline comments silence for both.
    pub(super) fn check(
        site: &SiteIndex,
        targets: &[usize],
        read: &(dyn Fn(usize) -> Option<Document> + Sync),
        settings: &Settings,
        progress: bool,
    ) -> Self {
        // Each post's uses, and those not silenced for both rules: posts are read here for
        // their URLs and dropped, and read again when the rules check them.
        let collected: Vec<(usize, Vec<UrlUse>, Vec<String>)> = targets
            .par_iter()
            .filter_map(|&i| {
                let doc = read(i)?;
                let uses = external::urls(&doc);
                let site_path = site.site_path(&doc.source.path);
                let active: Vec<&str> = RULE_IDS
                    .into_iter()
                    .filter(|id| settings.severity(id, site_path.as_deref()) != Severity::Off)
                    .collect();
                let wanted = if active.is_empty() {
                    Vec::new()
                } else {
                    uses.iter()
                        .filter(|u| {
                            !active
                                .iter()
                                .all(|id| doc.suppressions.is_suppressed(id, u.span.start))
                        })
                        .map(|u| u.url.clone())
                        .collect()
                };
                Some((i, uses, wanted))
            })
            .collect();
        let mut uses: Vec<Vec<UrlUse>> = vec![Vec::new(); site.posts.len()];
        let mut seen: HashSet<String> = HashSet::new();
        let mut to_check = Vec::new();
        for (i, post_uses, wanted) in collected {
            uses[i] = post_uses;
            for url in wanted {
                if seen.insert(url.clone()) {
                    to_check.push(url);
                }
            }
        }
        let rule_options = settings
            .options_of::<dead_url::Options>(dead_url::META.id)
            .cloned()
            .unwrap_or_default();
        let opts = OnlineOptions {
            progress,
            ..OnlineOptions::for_run(&rule_options, &settings.root, settings.no_cache)
        };
        let checked = online::check(&to_check, &opts);
        Self {
            uses,
            verdicts: checked.verdicts,
            out_of_time: checked.out_of_time,
            network_unavailable: checked.network_unavailable,
        }
    }

    /// The checked URLs of post `i`.
    pub(super) fn of(&self, i: usize) -> Vec<CheckedUrl> {
        self.join(self.uses.get(i).map_or(&[], Vec::as_slice))
    }

    /// The checked URLs of a post re-parsed after fixes.
    pub(super) fn of_document(&self, doc: &Document) -> Vec<CheckedUrl> {
        self.join(&external::urls(doc))
    }

    fn join(&self, uses: &[UrlUse]) -> Vec<CheckedUrl> {
        uses.iter()
            .filter_map(|u| {
                Some(CheckedUrl {
                    url: u.url.clone(),
                    span: u.span,
                    verdict: self.verdicts.get(&u.url)?.clone(),
                })
            })
            .collect()
    }
}
