//! The route table: the URL each post is published at, derived from the sources exactly as
//! its generator derives it, plus what postlint knows of the rest of the site's URL space
//! (which URLs can only be posts, the `baseUrl` prefix, Jekyll `post_url` names, Hugo content
//! paths for `ref`).

mod docusaurus;
mod docusaurus_docs;
mod hugo;
mod jekyll;
mod jekyll_date;

pub(crate) use docusaurus_docs::{DocsLookup, DocsSite};
pub(crate) use hugo::{Hook, HugoRoutes, Place, Target};

use crate::date::{DateTime, Day};
use crate::document::front_matter::{FmNode, FmValue};
use crate::document::Document;
use crate::preset::Preset;
use crate::site_config::SiteConfig;
use crate::source::Span;
use crate::spelling::NameIndex;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// One post's URL.
#[derive(Clone, Debug)]
pub(crate) struct PostUrl {
    /// As the generator writes it (without the `baseUrl` prefix).
    pub url: String,
    /// Normalised for lookups (see [`route_key`]).
    pub key: String,
    /// The front matter value that set it (`slug`, `permalink`, `url`), if one did.
    pub explicit: Option<Span>,
    /// The day the generator dates the post, when it has one.
    pub date: Option<Day>,
    /// Orders posts by publication: the date (when known), then the path.
    pub order: String,
    /// A draft or unpublished post: it takes no URL in a production build.
    pub unpublished: bool,
    /// When `explicit` moved the post: the key of the URL it would have without it (the
    /// Docusaurus date path of a post with a `slug`), for a "did you mean" on old links.
    pub unmoved_key: Option<String>,
}

/// What a site-absolute URL path turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RouteLookup {
    /// The URL of this document.
    Post(usize),
    /// Shaped like a post URL of this site, but no post has it.
    Missing,
    /// Nothing postlint can know about (a tag page, an API route, another plugin's page).
    Unknown,
}

/// URL paths that can only be posts: a miss there is a dead link.
#[derive(Debug)]
enum Shape {
    /// Docusaurus: anything under the blog's base path but its generated pages.
    Under { base: String, reserved: Vec<String> },
    /// A permalink pattern compiled to a regex over route keys.
    Pattern(Regex),
}

impl Shape {
    fn matches(&self, key: &str) -> bool {
        match self {
            Shape::Under { base, reserved } => key
                .strip_prefix(base.as_str())
                .and_then(|rest| rest.strip_prefix('/'))
                .and_then(|rest| rest.split('/').next())
                .is_some_and(|first| !first.is_empty() && !reserved.iter().any(|r| r == first)),
            Shape::Pattern(re) => re.is_match(key),
        }
    }
}

/// What a generator module derives from the site.
#[derive(Default)]
struct Build {
    urls: Vec<Option<PostUrl>>,
    /// Other URLs that lead to a post: Jekyll `redirect_from`, Hugo `aliases`, date variants.
    aliases: Vec<(String, usize)>,
    shapes: Vec<Shape>,
    base_prefix: String,
    base_required: bool,
    dates_in_zone: Option<String>,
    fold_case: bool,
    post_names: HashMap<String, usize>,
    content_paths: HashMap<String, usize>,
    static_roots: Vec<String>,
    blog_dir: Option<String>,
    never_posts: Vec<String>,
    content_dir: Option<String>,
    never_rendered: HashSet<usize>,
    hugo: Option<HugoRoutes>,
}

#[derive(Default)]
pub(crate) struct RouteTable {
    routes: HashMap<String, usize>,
    /// Each document's own URL, by document index.
    pub urls: Vec<Option<PostUrl>>,
    shapes: Vec<Shape>,
    /// The `baseUrl` / `baseurl` path, without its trailing slash (`""` for `/`).
    pub base_prefix: String,
    /// Jekyll: the site is served only under `base_prefix` (nothing adds it to a written
    /// path), so a site-absolute path outside it leaves the site.
    pub base_required: bool,
    /// Jekyll with a known `timezone` (its name): post dates are the days Jekyll gives them.
    pub dates_in_zone: Option<String>,
    /// Hugo lower-cases URLs, so links match without letter case.
    fold_case: bool,
    /// Jekyll `post_url` names: the file name without extension, and its path under `_posts/`.
    post_names: HashMap<String, usize>,
    /// Hugo content paths (lower case, no extension, bundles by folder) for `ref`/`relref`.
    content_paths: HashMap<String, usize>,
    /// Folders where `/x.png` may live, relative to the root.
    pub static_roots: Vec<String>,
    /// Docusaurus: the blog's content folder, where site-absolute `.md` links also resolve.
    pub blog_dir: Option<String>,
    /// Hugo: the content folder, where `ref` paths resolve.
    pub content_dir: Option<String>,
    /// First URL segments that other parts of the site generate (Jekyll collections, Hugo
    /// taxonomies): a link under them is never taken for a post's.
    never_posts: Vec<String>,
    /// Documents that publish at the same URL, keyed by that URL, in publication order.
    duplicates: HashMap<String, Vec<usize>>,
    /// Posts by the URL their file would give them had their front matter not moved them.
    unmoved: HashMap<String, usize>,
    suggestions: OnceLock<Suggestions>,
    /// Content files the generator never renders (Hugo: `build.render: never`, `headless`,
    /// Markdown inside a leaf bundle, the file a bundle of the same path hides): linted for
    /// syntax only.
    never_rendered: HashSet<usize>,
    /// Hugo: the site's URL space, for the link resolver.
    pub hugo: Option<HugoRoutes>,
}

/// Indexes for "did you mean" hints on missing routes and `post_url` names, and for Hugo
/// `ref`s by file name.
#[derive(Debug, Default)]
struct Suggestions {
    /// Post URL names (last segments) by parent path.
    by_parent: HashMap<String, NameIndex>,
    /// Posts by the last segment of their URL.
    by_last: HashMap<String, Vec<usize>>,
    post_names: NameIndex,
    /// Hugo pages by the last segment of their content path.
    content_names: HashMap<String, Vec<usize>>,
}

impl RouteTable {
    /// `site_paths[i]` is document `i`'s path relative to the root, if it lies under it.
    pub(crate) fn build(
        preset: Preset,
        config: &SiteConfig,
        documents: &[Document],
        site_paths: &[Option<String>],
        files: &std::collections::HashSet<String>,
    ) -> Self {
        let build = match preset {
            Preset::Docusaurus => docusaurus::build(config, documents, site_paths),
            Preset::Jekyll => jekyll::build(config, documents, site_paths),
            Preset::Hugo => hugo::build(config, documents, site_paths, files),
            Preset::None => Build {
                urls: vec![None; documents.len()],
                static_roots: vec![String::new()],
                ..Build::default()
            },
        };
        // Posts in publication order: where two share a URL, links find the earlier one.
        let mut ordered: Vec<(&str, usize)> = build
            .urls
            .iter()
            .enumerate()
            .filter_map(|(i, u)| u.as_ref().map(|u| (u.order.as_str(), i)))
            .collect();
        ordered.sort_unstable();
        let mut routes: HashMap<String, usize> = HashMap::with_capacity(ordered.len());
        // The first published post at each URL, then the others there (rare: no Vec per URL).
        let mut first_published: HashMap<&str, usize> = HashMap::with_capacity(ordered.len());
        let mut duplicates: HashMap<String, Vec<usize>> = HashMap::new();
        for &(_, i) in &ordered {
            let Some(url) = &build.urls[i] else { continue };
            routes.entry(url.key.clone()).or_insert(i);
            if url.unpublished {
                continue;
            }
            if let Some(&first) = first_published.get(url.key.as_str()) {
                duplicates
                    .entry(url.key.clone())
                    .or_insert_with(|| vec![first])
                    .push(i);
            } else {
                first_published.insert(&url.key, i);
            }
        }
        drop(first_published);
        for (alias, i) in &build.aliases {
            routes
                .entry(route_key(alias, build.fold_case))
                .or_insert(*i);
        }
        // A site with no post (a Docusaurus site with `blog: false`) has no post URLs.
        let has_posts = !ordered.is_empty();
        let unmoved = ordered
            .iter()
            .filter_map(|&(_, i)| {
                let key = build.urls[i].as_ref()?.unmoved_key.clone()?;
                Some((key, i))
            })
            .collect();
        Self {
            routes,
            urls: build.urls,
            shapes: if has_posts { build.shapes } else { Vec::new() },
            base_prefix: build.base_prefix,
            base_required: build.base_required,
            dates_in_zone: build.dates_in_zone,
            fold_case: build.fold_case,
            post_names: build.post_names,
            content_paths: build.content_paths,
            static_roots: build.static_roots,
            blog_dir: build.blog_dir,
            content_dir: build.content_dir,
            never_posts: build.never_posts,
            duplicates,
            unmoved,
            suggestions: OnceLock::new(),
            never_rendered: build.never_rendered,
            hugo: build.hugo,
        }
    }

    /// Whether the generator renders document `doc` as a page (or it is not a content file at
    /// all): a file it never renders is linted for syntax only.
    pub(crate) fn is_rendered(&self, doc: usize) -> bool {
        !self.never_rendered.contains(&doc)
    }

    /// Files the generator drops because document `doc` is the same page (Hugo keeps
    /// `x/index.md` over `x.md`, silently).
    pub(crate) fn hidden_by(&self, doc: usize) -> Vec<usize> {
        self.hugo
            .as_ref()
            .map(|h| h.shadowed_by(doc).collect())
            .unwrap_or_default()
    }

    /// The post whose file would publish it at `path`, had its front matter not given it
    /// another URL.
    pub(crate) fn moved_from(&self, path: &str) -> Option<usize> {
        self.without_base(path)
            .iter()
            .find_map(|c| self.unmoved.get(&route_key(c, self.fold_case)).copied())
    }

    /// Looks up a decoded site-absolute URL path (no query, no fragment), with or without the
    /// site's `baseUrl` prefix.
    pub(crate) fn lookup(&self, path: &str) -> RouteLookup {
        let mut shaped = false;
        for candidate in self.without_base(path) {
            let key = route_key(&candidate, self.fold_case);
            if let Some(&doc) = self.routes.get(&key) {
                return RouteLookup::Post(doc);
            }
            shaped |= self.is_post_shaped(&key);
        }
        if shaped {
            RouteLookup::Missing
        } else {
            RouteLookup::Unknown
        }
    }

    /// Whether a route key can only be a post's URL. A file other than a page (`index.xml`,
    /// `feed.json`) and the site's other generated folders (collections, taxonomies) never are.
    fn is_post_shaped(&self, key: &str) -> bool {
        let last = key.rsplit('/').next().unwrap_or_default();
        if has_file_extension(last) {
            return false;
        }
        let first = key
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        if self.never_posts.iter().any(|n| n == first) {
            return false;
        }
        self.shapes.iter().any(|s| s.matches(key))
    }

    /// `path` itself and, when it starts with the `baseUrl` prefix, `path` without it.
    /// Whether a site-absolute path lies outside the `baseurl` the site is served under
    /// (Jekyll with a `baseurl`).
    pub(crate) fn outside_base(&self, path: &str) -> bool {
        self.base_required
            && path
                .strip_prefix(self.base_prefix.as_str())
                .is_none_or(|rest| !(rest.is_empty() || rest.starts_with('/')))
    }

    pub(crate) fn without_base(&self, path: &str) -> Vec<String> {
        let mut out = vec![path.to_string()];
        if !self.base_prefix.is_empty() {
            if let Some(rest) = path.strip_prefix(self.base_prefix.as_str()) {
                if rest.is_empty() || rest.starts_with('/') {
                    out.insert(0, format!("/{}", rest.trim_start_matches('/')));
                }
            }
        }
        out
    }

    /// The post a Jekyll `{% post_url name %}` names: by its name, else (Jekyll's deprecated
    /// match by date and slug) by the file name its last segment gives.
    pub(crate) fn post_named(&self, name: &str) -> Option<usize> {
        let name = name.trim().trim_start_matches('/');
        let file = name.rsplit('/').next().unwrap_or(name);
        self.post_names
            .get(name)
            .or_else(|| self.post_names.get(file))
            .copied()
    }

    /// The Hugo page a content path names (`posts/x.md`, `posts/x`, `posts/bundle/`), relative
    /// to the content folder.
    pub(crate) fn content_page(&self, path: &str) -> Option<usize> {
        self.content_paths.get(&hugo::content_key(path)).copied()
    }

    /// Hugo content paths whose last segment is `name`, for a `ref` by file name alone.
    pub(crate) fn content_pages_named(&self, name: &str) -> Vec<usize> {
        let name = hugo::content_key(name);
        self.suggestions()
            .content_names
            .get(name.as_str())
            .cloned()
            .unwrap_or_default()
    }

    /// The post URL closest to a missing one among its siblings (same parent path), for a
    /// "did you mean" hint.
    pub(crate) fn suggest(&self, path: &str) -> Option<&str> {
        let key = route_key(path, self.fold_case);
        let (parent, name) = key.rsplit_once('/')?;
        let suggestions = self.suggestions();
        let url_of = |key: &str| {
            let doc = *self.routes.get(key)?;
            self.urls.get(doc)?.as_ref().map(|u| u.url.as_str())
        };
        if let Some(close) = suggestions
            .by_parent
            .get(parent)
            .and_then(|n| n.closest(name))
        {
            return url_of(&format!("{parent}/{close}"));
        }
        // The same name under another date or folder: a post that moved.
        match suggestions.by_last.get(name).map(Vec::as_slice) {
            Some([only]) => self.urls.get(*only)?.as_ref().map(|u| u.url.as_str()),
            _ => None,
        }
    }

    /// The closest `post_url` name to a misspelt one.
    pub(crate) fn suggest_post_name(&self, name: &str) -> Option<&str> {
        self.suggestions().post_names.closest(name)
    }

    /// Built the first time a link misses (or a Hugo `ref` names a file alone).
    fn suggestions(&self) -> &Suggestions {
        self.suggestions.get_or_init(|| {
            let mut by_parent: HashMap<&str, Vec<String>> = HashMap::new();
            let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, url) in self.urls.iter().enumerate() {
                let Some((parent, name)) = url.as_ref().and_then(|u| u.key.rsplit_once('/')) else {
                    continue;
                };
                by_parent.entry(parent).or_default().push(name.to_string());
                by_last.entry(name.to_string()).or_default().push(i);
            }
            Suggestions {
                by_parent: by_parent
                    .into_iter()
                    .map(|(p, names)| (p.to_string(), NameIndex::new(names)))
                    .collect(),
                by_last,
                post_names: NameIndex::new(self.post_names.keys().cloned().collect()),
                content_names: content_names(&self.content_paths),
            }
        })
    }

    /// The posts published at the same URL as document `doc`, earliest first (`doc` included),
    /// when there are several.
    pub(crate) fn sharing_url(&self, doc: usize) -> Option<&[usize]> {
        let url = self.urls.get(doc)?.as_ref()?;
        if url.unpublished {
            return None;
        }
        self.duplicates.get(&url.key).map(Vec::as_slice)
    }
}

fn content_names(paths: &HashMap<String, usize>) -> HashMap<String, Vec<usize>> {
    let mut names: HashMap<String, Vec<usize>> = HashMap::new();
    for (path, &doc) in paths {
        let name = path.rsplit('/').next().unwrap_or_default();
        names.entry(name.to_string()).or_default().push(doc);
    }
    for docs in names.values_mut() {
        docs.sort_unstable();
        docs.dedup();
    }
    names
}

/// Whether a URL's last segment names a file (`feed.xml`, `a.pdf`) rather than a page whose
/// slug holds a dot (`release-0.74`, `v1.2`): an extension of letters, then letters or digits.
fn has_file_extension(segment: &str) -> bool {
    segment.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && ext.len() <= 5
            && ext.starts_with(|c: char| c.is_ascii_alphabetic())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// A URL path as a lookup key: percent-decoded by the caller; `//` collapsed, no trailing
/// slash, no `index.html` or `.html`, NFC, and lower case when the generator folds case.
pub(crate) fn route_key(path: &str, fold_case: bool) -> String {
    let mut key = String::with_capacity(path.len() + 1);
    for segment in path.split('/').filter(|s| !s.is_empty() && *s != ".") {
        key.push('/');
        key.push_str(segment);
    }
    if let Some(stripped) = key.strip_suffix("/index.html") {
        key.truncate(stripped.len());
    } else if let Some(stripped) = key.strip_suffix(".html") {
        key.truncate(stripped.len());
    }
    if key.is_empty() {
        key.push('/');
    }
    let key: String = if key.is_ascii() {
        key
    } else {
        key.nfc().collect()
    };
    if fold_case {
        key.to_lowercase()
    } else {
        key
    }
}

// ---- shared helpers for the generator modules ------------------------------------------------

/// A front matter value as text (strings, and numbers or dates written bare), with its span.
fn fm_text(doc: &Document, key: &str) -> Option<(String, Span)> {
    let node = &doc.front_matter_root()?.get(key)?.value;
    node_text(node).map(|t| (t, node.span))
}

fn node_text(node: &FmNode) -> Option<String> {
    match &node.value {
        FmValue::Str(s) => Some(s.clone()),
        FmValue::Int(i) => Some(i.to_string()),
        FmValue::Float(f) => Some(f.to_string()),
        FmValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A string list from front matter: a sequence of scalars, or one string split on blanks.
fn fm_list(doc: &Document, key: &str) -> Vec<String> {
    let Some(entry) = doc.front_matter_root().and_then(|r| r.get(key)) else {
        return Vec::new();
    };
    match &entry.value.value {
        FmValue::Seq(items) => items.iter().filter_map(node_text).collect(),
        FmValue::Str(s) => s.split_whitespace().map(str::to_string).collect(),
        _ => node_text(&entry.value).into_iter().collect(),
    }
}

fn fm_bool(doc: &Document, key: &str) -> Option<bool> {
    match doc.front_matter_root()?.get(key)?.value.value {
        FmValue::Bool(b) => Some(b),
        _ => None,
    }
}

/// A key of a front matter block that did not parse, read line by line (`slug: x`), so a post
/// with a YAML slip elsewhere still gets its URL.
fn fm_line_value(doc: &Document, key: &str) -> Option<(String, Span)> {
    let fm = doc.front_matter.as_ref()?;
    if fm.root.is_some() {
        return None;
    }
    let text = doc.text().get(fm.content_span.start..fm.content_span.end)?;
    let mut offset = fm.content_span.start;
    for line in text.split_inclusive(['\n', '\r']) {
        if let Some(rest) = line.strip_prefix(key) {
            if let Some(value) = rest.trim_start().strip_prefix([':', '=']) {
                let value = value.trim().trim_matches(['"', '\'']);
                if !value.is_empty() {
                    let start = offset + line.find(value).unwrap_or(0);
                    return Some((value.to_string(), Span::new(start, start + value.len())));
                }
            }
        }
        offset += line.len();
    }
    None
}

/// `fm_text`, else the line-by-line fallback for a broken block.
fn fm_value(doc: &Document, key: &str) -> Option<(String, Span)> {
    fm_text(doc, key).or_else(|| fm_line_value(doc, key))
}

/// Joins URL parts with single slashes, with a leading slash.
fn join_url(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        for segment in part.split('/').filter(|s| !s.is_empty()) {
            out.push('/');
            out.push_str(segment);
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// The path part of a configured base URL (`https://example.org/blog/` → `/blog`).
fn base_path(base: &str) -> String {
    let without_scheme = match base.find("://") {
        Some(i) => {
            let rest = &base[i + 3..];
            rest.find('/').map_or("", |j| &rest[j..])
        }
        None => base,
    };
    join_url(&[without_scheme])
        .trim_end_matches('/')
        .to_string()
}

fn escape_regex_literal(text: &str) -> String {
    regex::escape(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(route_key("/blog/a/", false), "/blog/a");
        assert_eq!(route_key("/blog//a/index.html", false), "/blog/a");
        assert_eq!(route_key("/2022/11/10/x.html", false), "/2022/11/10/x");
        assert_eq!(route_key("/", false), "/");
        assert_eq!(route_key("/Posts/X/", true), "/posts/x");
    }

    #[test]
    fn dotted_slugs_are_pages() {
        assert!(has_file_extension("feed.xml"));
        assert!(has_file_extension("slides.pdf"));
        assert!(!has_file_extension("release-0.74"));
        assert!(!has_file_extension("version-0.64"));
        assert!(!has_file_extension("node.js-tips"));
        assert!(!has_file_extension("review"));
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://example.org/blog/"), "/blog");
        assert_eq!(base_path("https://example.org"), "");
        assert_eq!(base_path("/repo/"), "/repo");
        assert_eq!(base_path("/"), "");
    }
}
