//! The front matter keys a site knows beyond its schema: the keys its own posts use (its
//! vocabulary), the values Jekyll's `defaults:` supply, and Hugo's configured taxonomies.

use crate::document::front_matter::{parse_toml, parse_yaml, FmNode, FmValue};
use crate::document::Document;
use crate::preset::Preset;
use crate::site::SiteIndex;
use globset::{Glob, GlobMatcher};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

/// A key is part of the site's vocabulary when at least this many posts use it.
pub(crate) const VOCABULARY_MIN_POSTS: usize = 3;

pub(crate) struct SiteKeys {
    /// Top-level keys (lower case for Hugo) and how many posts use each.
    counts: BTreeMap<String, usize>,
    defaults: Vec<DefaultScope>,
    /// Front matter keys of the Hugo site's taxonomies (lower case).
    pub taxonomies: Vec<String>,
}

/// One entry of Jekyll's `defaults:` that applies to posts.
struct DefaultScope {
    /// `None`: every path.
    path: Option<ScopePath>,
    values: Vec<(String, serde_json::Value)>,
}

enum ScopePath {
    Prefix(String),
    Glob(GlobMatcher),
}

/// The top-level keys of the posts' front matter (lower case where the generator ignores
/// letter case) and how many posts use each: counted once when the site index is built.
pub(crate) fn count_keys(preset: Preset, docs: &[Document]) -> BTreeMap<String, usize> {
    let lower = super::keys_case_insensitive(preset);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for doc in docs {
        let Some(root) = doc.front_matter_root() else {
            continue;
        };
        // A set, not a list: a post may have hundreds of thousands of keys.
        let mut seen: HashSet<Cow<'_, str>> = HashSet::with_capacity(root.entries().len());
        for entry in root.entries() {
            let key = if lower {
                Cow::Owned(entry.key.to_lowercase())
            } else {
                Cow::Borrowed(entry.key.as_str())
            };
            if seen.contains(&key) {
                continue;
            }
            match counts.get_mut(key.as_ref()) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(key.to_string(), 1);
                }
            }
            seen.insert(key);
        }
    }
    counts
}

impl SiteKeys {
    pub(crate) fn build(site: &SiteIndex) -> Self {
        let counts = site.front_matter_keys.clone();
        Self {
            counts,
            defaults: match site.preset {
                Preset::Jekyll => jekyll_defaults(site),
                _ => Vec::new(),
            },
            taxonomies: match site.preset {
                Preset::Hugo => hugo_taxonomies(site),
                _ => Vec::new(),
            },
        }
    }

    /// Whether several posts of the site use `key` (lower case for Hugo).
    pub(crate) fn is_vocabulary(&self, key: &str) -> bool {
        self.counts
            .get(key)
            .is_some_and(|&n| n >= VOCABULARY_MIN_POSTS)
    }

    /// The keys several posts use, in order.
    pub(crate) fn vocabulary(&self) -> impl Iterator<Item = &str> {
        self.counts
            .iter()
            .filter(|(_, &n)| n >= VOCABULARY_MIN_POSTS)
            .map(|(k, _)| k.as_str())
    }

    /// The values Jekyll's `defaults:` give a post at `site_path`, later scopes winning.
    pub(crate) fn defaults_for(&self, site_path: &str) -> BTreeMap<&str, &serde_json::Value> {
        let mut values = BTreeMap::new();
        for scope in &self.defaults {
            let applies = match &scope.path {
                None => true,
                Some(ScopePath::Glob(glob)) => glob.is_match(site_path),
                Some(ScopePath::Prefix(prefix)) => {
                    site_path == prefix
                        || site_path
                            .strip_prefix(prefix.as_str())
                            .is_some_and(|rest| rest.starts_with('/'))
                }
            };
            if applies {
                for (key, value) in &scope.values {
                    values.insert(key.as_str(), value);
                }
            }
        }
        values
    }
}

/// Jekyll's `defaults:` entries whose scope can match a post (`type` absent or `posts`).
fn jekyll_defaults(site: &SiteIndex) -> Vec<DefaultScope> {
    let Some(FmValue::Seq(items)) = site.config.get("defaults").map(|n| &n.value) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let scope = item.get("scope").map(|e| &e.value);
            let kind = scope
                .and_then(|s| s.get("type"))
                .and_then(|e| e.value.as_str());
            if kind.is_some_and(|k| k != "posts") {
                return None;
            }
            let path = scope
                .and_then(|s| s.get("path"))
                .and_then(|e| e.value.as_str())
                .map(|p| p.trim_start_matches("./").trim_matches('/'))
                .filter(|p| !p.is_empty())
                .map(|p| {
                    if p.contains('*') {
                        Glob::new(p)
                            .map(|g| ScopePath::Glob(g.compile_matcher()))
                            .unwrap_or_else(|_| ScopePath::Prefix(p.to_string()))
                    } else {
                        ScopePath::Prefix(p.to_string())
                    }
                });
            let values = item
                .get("values")?
                .value
                .entries()
                .iter()
                .map(|e| (e.key.clone(), e.value.to_json()))
                .collect();
            Some(DefaultScope { path, values })
        })
        .collect()
}

/// The front matter keys of a Hugo site's taxonomies: the values of `taxonomies` in the site
/// config or in `config/_default/taxonomies.*`; Hugo's defaults when neither says.
pub(crate) fn hugo_taxonomies(site: &SiteIndex) -> Vec<String> {
    let from_file = || {
        ["toml", "yaml", "yml"].iter().find_map(|ext| {
            let path = format!("config/_default/taxonomies.{ext}");
            let text = crate::files::read_site_file(&site.root, &path, &site.notes)?;
            let parsed = if *ext == "toml" {
                parse_toml(&text)
            } else {
                parse_yaml(&text)
            };
            parsed
                .map_err(|e| site.notes.unusable(&path, e.message))
                .ok()
        })
    };
    let configured: Option<FmNode> = site.config.get("taxonomies").cloned().or_else(from_file);
    match configured {
        Some(node) => node
            .entries()
            .iter()
            .filter_map(|e| super::scalar_text(&e.value))
            .map(|plural| plural.to_lowercase())
            .collect(),
        None => vec!["tags".to_string(), "categories".to_string()],
    }
}

/// A top-level key that neither the schema nor the site knows.
#[derive(Debug)]
pub(crate) struct UnknownKey<'d> {
    pub entry: &'d crate::document::front_matter::FmEntry,
    /// The known key it most likely meant, and whether the site's own posts (rather than the
    /// schema) are what makes that key known: how many posts use it.
    pub suggestion: Option<Suggestion>,
}

#[derive(Debug)]
pub(crate) struct Suggestion {
    pub key: String,
    pub likeness: crate::spelling::Likeness,
    /// Posts using the key, when the site's vocabulary (not the schema) suggested it.
    pub used_by: Option<usize>,
}

impl SiteKeys {
    /// The top-level keys of a post that are unknown: not in the schema, not a taxonomy, not
    /// used by several posts. Each gets the closest known key, if one is close.
    pub(crate) fn unknown_keys<'d>(
        &self,
        root: &'d FmNode,
        schema: Option<&super::schema::CompiledSchema>,
        case_insensitive: bool,
    ) -> Vec<UnknownKey<'d>> {
        let normal = |key: &str| {
            if case_insensitive {
                key.to_lowercase()
            } else {
                key.to_string()
            }
        };
        let schema_keys: Vec<&str> = schema
            .into_iter()
            .flat_map(|s| s.properties.iter().chain(&s.required))
            .map(String::as_str)
            .collect();
        // A typo in a template is repeated by construction (`Date:` in half the posts), so on
        // a case-sensitive generator the site's habit never excuses a near miss of a key the
        // generator reads.
        let near_schema_key =
            |key: &str| !case_insensitive && near_miss(key, schema_keys.iter().copied()).is_some();
        let vocabulary = |key: &str| self.is_vocabulary(key) && !near_schema_key(key);
        let known = |key: &str| {
            schema_keys.contains(&key)
                || self.taxonomies.iter().any(|t| t == key)
                || vocabulary(key)
        };
        let unknown: Vec<&'d crate::document::front_matter::FmEntry> = root
            .entries()
            .iter()
            .filter(|e| !known(&normal(&e.key)))
            .collect();
        if unknown.is_empty() {
            return Vec::new();
        }
        let mut candidates: Vec<&str> = schema_keys
            .iter()
            .copied()
            .chain(self.taxonomies.iter().map(String::as_str))
            .chain(self.vocabulary().filter(|k| !near_schema_key(k)))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        unknown
            .into_iter()
            .map(|entry| {
                let key = normal(&entry.key);
                // Suggested even when the post also has the key it meant: `categroies` next to
                // `categories` silently drops its terms.
                let suggestion =
                    near_miss(&key, candidates.iter().copied()).map(|(key, likeness)| {
                        let in_schema =
                            schema_keys.contains(&key) || self.taxonomies.iter().any(|t| t == key);
                        Suggestion {
                            key: key.to_string(),
                            likeness,
                            // "other posts": not counting this one.
                            used_by: (!in_schema).then(|| {
                                let own = root.entries().iter().any(|e| normal(&e.key) == key);
                                self.counts.get(key).copied().unwrap_or(0) - usize::from(own)
                            }),
                        }
                    });
                UnknownKey { entry, suggestion }
            })
            .collect()
    }
}

/// Keys that are a small edit apart but both real (the preset's schemas read both).
const DISTINCT_PAIRS: &[(&str, &str)] = &[
    ("tag", "tags"),
    ("category", "categories"),
    ("author", "authors"),
];

/// The candidate `key` is a case variant or a near miss of, leaving out known distinct pairs.
fn near_miss<'a>(
    key: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<(&'a str, crate::spelling::Likeness)> {
    let distinct = |c: &str| {
        DISTINCT_PAIRS
            .iter()
            .any(|&(a, b)| (a, b) == (key, c) || (b, a) == (key, c))
            || numbered(key, c)
            || numbered(c, key)
    };
    crate::spelling::closest_word(key, candidates.into_iter().filter(|c| !distinct(c)))
}

/// `key` is `base` with a number appended (`gallery2`, `image_2`, `step-3`): a second instance a
/// theme or the post's own Liquid reads (`{% include gallery id="gallery2" %}`), not a typo.
fn numbered(key: &str, base: &str) -> bool {
    key.strip_prefix(base)
        .map(|rest| rest.trim_start_matches(['_', '-']))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
