//! A Hugo site's URL space as the link resolver asks about it: which page a `GetPage` path names
//! (what render hooks and `ref` do), which file a URL serves, and whether a URL that serves
//! nothing is dead or only beyond what postlint can see.

use crate::site_config::{FileRoot, Language};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A render hook that resolves destinations through the content tree.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Hook {
    #[default]
    None,
    /// The site's or theme's own `render-link.html` / `render-image.html`: postlint takes it to
    /// do what such hooks do, resolve `.md` destinations (links) or page resources (images).
    Custom,
    /// Hugo's embedded hook: every destination that is not a full URL is looked up as a page,
    /// then as a resource of the page, then as a global resource (`assets`).
    Embedded,
}

/// What a `GetPage` path found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A page postlint parsed.
    Doc(usize),
    /// A page Hugo makes without a file (the home, a section without `_index.md`), at this URL.
    Auto(String),
}

/// Where a page sits, for what is relative to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    /// Its language (index into the site's languages).
    pub(crate) lang: usize,
    /// Its file's folder in the content tree (a leaf bundle's own), lower case.
    pub(crate) file_dir: String,
    /// The folder around it (for a leaf bundle, around its folder).
    pub(crate) container_dir: String,
    /// A bundle's folder, relative to the site root: where its resources are.
    pub(crate) bundle: Option<String>,
}

/// File names Hugo writes by itself (feeds, sitemaps): a link to one is not checked.
const GENERATED: &[&str] = &[
    "index.xml",
    "sitemap.xml",
    "robots.txt",
    "404.html",
    "index.json",
    "feed.xml",
    "atom.xml",
    "rss.xml",
    "manifest.json",
];

#[derive(Debug, Default)]
pub(crate) struct HugoRoutes {
    pub(crate) link_hook: Hook,
    pub(crate) image_hook: Hook,
    /// Published files by URL path (`/`-led, NFC), with their path relative to the root.
    pub(super) files: HashMap<String, String>,
    pub(super) files_by_lowercase: OnceLock<HashMap<String, Vec<String>>>,
    pub(super) urls_by_file: OnceLock<HashMap<String, String>>,
    /// Each document's place, by document index (pages only).
    pub(super) places: Vec<Option<Place>>,
    /// Published pages by language and logical path.
    pub(super) pages: HashMap<(usize, String), Target>,
    /// Route keys of the pages without a file.
    pub(super) auto_pages: HashSet<String>,
    /// URL prefixes of the sections whose pages postlint all places (`/posts`, `/en/docs`).
    pub(super) sections: Vec<String>,
    /// URL prefixes postlint cannot see into.
    pub(super) unknown: Vec<String>,
    /// Outside the sections, the URL space is not all known (a theme or module not here).
    pub(super) open: bool,
    pub(super) taxonomies: Vec<String>,
    /// Files that name the same page as another, which Hugo drops: (dropped, kept).
    pub(super) shadowed: Vec<(usize, usize)>,
    pub(super) languages: Vec<Language>,
    /// Global resources, which the embedded hooks find.
    pub(crate) assets: Vec<FileRoot>,
    pub(super) ugly: bool,
    pub(super) lower: bool,
}

impl HugoRoutes {
    /// Where document `doc` sits, if it is a page.
    pub(crate) fn place(&self, doc: usize) -> Option<&Place> {
        self.places.get(doc)?.as_ref()
    }

    /// The page `.GetPage` finds from `from`: a path from the content root (`/docs/x`), or one
    /// relative to the page's folder, then to the folder around it, then to the content root;
    /// `.md`, `index` and `_index` name the page or bundle; letter case does not matter.
    pub(crate) fn get_page(&self, from: &Place, reference: &str) -> Option<&Target> {
        self.get_page_in(from.lang, from, reference)
    }

    /// The same path in another language, for a "did you mean".
    pub(crate) fn in_other_language(&self, from: &Place, reference: &str) -> Option<&Target> {
        (0..self.languages.len())
            .filter(|&l| l != from.lang)
            .find_map(|l| self.get_page_in(l, from, reference))
    }

    fn get_page_in(&self, lang: usize, from: &Place, reference: &str) -> Option<&Target> {
        let path = page_path(reference)?;
        let find = |p: Option<String>| p.and_then(|p| self.pages.get(&(lang, p)));
        if path.starts_with('/') {
            return find(Some(path));
        }
        find(join(&from.file_dir, &path))
            .or_else(|| find(join(&from.container_dir, &path)))
            .or_else(|| {
                (!path.starts_with('.'))
                    .then(|| find(join("/", &path)))
                    .flatten()
            })
    }

    /// The file published at `url` (a decoded URL path), relative to the site root.
    pub(crate) fn file(&self, url: &str) -> Option<&str> {
        self.files
            .get(&super::files::file_key(url))
            .map(String::as_str)
    }

    /// The URL a file (relative to the site root) is published at.
    pub(crate) fn url_of_file(&self, site_path: &str) -> Option<&str> {
        let by_file = self.urls_by_file.get_or_init(|| {
            self.files
                .iter()
                .map(|(url, file)| (file.clone(), url.clone()))
                .collect()
        });
        by_file.get(site_path).map(String::as_str)
    }

    /// A published file whose URL is `url` but for letter case: its URL.
    pub(crate) fn file_in_other_case(&self, url: &str) -> Option<&str> {
        let by_lower = self.files_by_lowercase.get_or_init(|| {
            let mut map: HashMap<String, Vec<String>> = HashMap::new();
            for key in self.files.keys() {
                map.entry(key.to_lowercase()).or_default().push(key.clone());
            }
            map
        });
        let key = super::files::file_key(url);
        by_lower
            .get(&key.to_lowercase())?
            .iter()
            .find(|k| **k != key)
            .map(String::as_str)
    }

    /// Whether `key` (a route key) is a page Hugo makes without a file.
    pub(crate) fn is_auto_page(&self, key: &str) -> bool {
        self.auto_pages.contains(key)
    }

    /// Whether regular pages are `x.html` (`uglyURLs`).
    pub(crate) fn ugly_urls(&self) -> bool {
        self.ugly
    }

    /// The URL `path` takes once Hugo sanitises and lower-cases it (`/study/Ch:1 Intro/` →
    /// `/study/ch1-intro/`), to suggest a page for a link written with a folder's name.
    pub(crate) fn as_hugo_writes(&self, path: &str) -> String {
        super::page::sanitize(path, self.lower)
    }

    /// Whether `url` (a decoded URL path) is where postlint cannot see: under an absent mount,
    /// a content adapter's folder, a taxonomy, a page of a list, or a file Hugo generates.
    pub(crate) fn is_unknown(&self, url: &str) -> bool {
        let under = |prefix: &str| {
            url == prefix
                || url
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with('/'))
                || prefix.is_empty()
        };
        if self.unknown.iter().any(|p| under(p)) {
            return true;
        }
        let segments: Vec<&str> = url.split('/').filter(|s| !s.is_empty()).collect();
        if segments.last().is_some_and(|last| GENERATED.contains(last)) {
            return true;
        }
        let paginated = segments
            .windows(2)
            .any(|w| w[0] == "page" && w[1].bytes().all(|b| b.is_ascii_digit()));
        let (_, rest) = self.without_language(url);
        let first = rest.split('/').find(|s| !s.is_empty()).unwrap_or_default();
        paginated
            || self
                .taxonomies
                .iter()
                .any(|t| t.eq_ignore_ascii_case(first))
    }

    /// Whether every URL around `url` is known, so that nothing there means a dead link: under
    /// a section whose pages postlint all placed, or anywhere on a site whose every source is
    /// here.
    pub(crate) fn is_known(&self, url: &str) -> bool {
        let (prefix, rest) = self.without_language(url);
        let first = rest.split('/').find(|s| !s.is_empty()).unwrap_or_default();
        let section = format!("{prefix}/{}", first.to_lowercase());
        !first.is_empty() && self.sections.contains(&section) || !self.open
    }

    /// `url` split into its language prefix (`/en`, or `""`) and the rest.
    fn without_language<'u>(&self, url: &'u str) -> (&'u str, &'u str) {
        for language in self.languages.iter().filter(|l| !l.prefix.is_empty()) {
            let prefix = language.prefix.as_str();
            if let Some(rest) = url.strip_prefix(prefix) {
                if rest.is_empty() || rest.starts_with('/') {
                    return (&url[..prefix.len()], rest);
                }
            }
        }
        ("", url)
    }

    /// The documents Hugo drops because `doc` names the same page.
    pub(crate) fn shadowed_by(&self, doc: usize) -> impl Iterator<Item = usize> + '_ {
        self.shadowed
            .iter()
            .filter(move |&&(_, kept)| kept == doc)
            .map(|&(dropped, _)| dropped)
    }
}

/// A `GetPage` argument as a logical path: lower case, no trailing slash, no `.md`, a bundle or
/// section by its folder; `None` for a path to something else than a page (`a.png`).
fn page_path(reference: &str) -> Option<String> {
    let path = reference.trim().to_lowercase();
    let path = path.trim_end_matches('/');
    let (dir, last) = match path.rsplit_once('/') {
        Some((dir, last)) => (Some(dir), last),
        None => (None, path),
    };
    let last = match last.rsplit_once('.') {
        Some((stem, "md" | "markdown")) => stem,
        Some((_, ext)) if !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_alphabetic()) => {
            return None
        }
        _ => last,
    };
    let last = if matches!(last, "index" | "_index") {
        ""
    } else {
        last
    };
    let joined = match dir {
        Some(dir) if last.is_empty() => dir.to_string(),
        Some(dir) => format!("{dir}/{last}"),
        None => last.to_string(),
    };
    if joined.is_empty() {
        return Some(if reference.trim_start().starts_with('/') {
            "/".to_string()
        } else {
            ".".to_string()
        });
    }
    Some(joined)
}

/// `rel` from the content-tree folder `dir`, `.` and `..` resolved; `None` above the root.
fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routes() -> HugoRoutes {
        let mut pages = HashMap::new();
        for (path, doc) in [
            ("/posts/sib", 1),
            ("/posts/bund", 2),
            ("/docs/x", 3),
            ("/posts", 4),
        ] {
            pages.insert((0, path.to_string()), Target::Doc(doc));
        }
        HugoRoutes {
            pages,
            languages: vec![Language {
                code: "en".into(),
                prefix: String::new(),
            }],
            ..HugoRoutes::default()
        }
    }

    fn from_bundle() -> Place {
        Place {
            lang: 0,
            file_dir: "/posts/bund".into(),
            container_dir: "/posts".into(),
            bundle: Some("content/posts/bund".into()),
        }
    }

    #[test]
    fn get_page_as_hugo_does() {
        let r = routes();
        let from = from_bundle();
        let found = |p: &str| r.get_page(&from, p).cloned();
        assert_eq!(found("sib.md"), Some(Target::Doc(1)));
        assert_eq!(found("../sib.md"), Some(Target::Doc(1)));
        assert_eq!(found("/POSTS/SIB.md"), Some(Target::Doc(1)));
        assert_eq!(found("docs/x.md"), Some(Target::Doc(3)));
        assert_eq!(found("_index.md"), Some(Target::Doc(2)));
        assert_eq!(found("../_index.md"), Some(Target::Doc(4)));
        assert_eq!(found("index.md"), Some(Target::Doc(2)));
        assert_eq!(found("deep.md"), None);
        assert_eq!(found("cover.png"), None);
    }

    #[test]
    fn page_paths() {
        assert_eq!(
            page_path("/study/Deep-Dive/index.md").as_deref(),
            Some("/study/deep-dive")
        );
        assert_eq!(page_path("_index.md").as_deref(), Some("."));
        assert_eq!(page_path("../y/_index.md").as_deref(), Some("../y"));
        assert_eq!(page_path("x.png"), None);
        assert_eq!(page_path("/").as_deref(), Some("/"));
    }
}
