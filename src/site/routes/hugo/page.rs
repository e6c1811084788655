//! Where a content file sits in Hugo's content tree — its language, its logical path (what
//! `GetPage` and `ref` find it by), whether it is a page, a bundle or a list page — and the URL
//! Hugo publishes it at: the `url` key, else the section's `permalinks` pattern, else the content
//! path with the `slug` key or the file (or bundle folder) name last, sanitised and lower-cased
//! as Hugo does, under the language's prefix.

use super::super::{fm_value, join_url, DateTime};
use crate::date::{Day, MONTHS, WEEKDAYS};
use crate::document::front_matter::{FmNode, FmValue};
use crate::document::Document;
use crate::site_config::{ContentRoot, HugoLayout};
use regex::Regex;
use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r":([a-z]+)(\[[^\]]*\])?").expect("valid regex"));

/// What a content file is to Hugo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// `x.md`.
    Regular,
    /// `x/index.md`: a page with its own folder of resources.
    Leaf,
    /// `x/_index.md` (a section's list page), or the home page.
    Branch,
}

/// A content file that is a page of the site.
#[derive(Clone, Debug)]
pub(super) struct Page {
    pub(super) lang: usize,
    pub(super) kind: Kind,
    /// The page's path in the content tree, lower case, `/`-led, no extension (`/posts/x`,
    /// a bundle by its folder, a section by its folder, the home `/`).
    pub(super) logical: String,
    /// The folders from the content tree's root to the file, as written (mount target
    /// included): `["posts", "My Bundle"]` for `content/posts/My Bundle/index.md`.
    pub(super) dirs: Vec<String>,
    /// The file name without language and extension, or the bundle's folder name.
    pub(super) name: String,
    /// The file's folder, relative to the site root.
    pub(super) folder: String,
}

impl Page {
    /// The folder of the file in the content tree (a leaf bundle's own folder), where a
    /// relative `GetPage` path starts.
    pub(super) fn file_dir(&self) -> String {
        let mut parts: Vec<&str> = self.dirs.iter().map(String::as_str).collect();
        if self.kind == Kind::Leaf {
            parts.push(&self.name);
        }
        format!("/{}", parts.join("/")).to_lowercase()
    }

    /// The folder holding the page (for a leaf bundle, the folder around its own).
    pub(super) fn container_dir(&self) -> String {
        format!("/{}", self.dirs.join("/")).to_lowercase()
    }

    /// The first folder of the content tree: the section of a regular page.
    pub(super) fn section(&self) -> Option<&str> {
        self.dirs.first().map(String::as_str)
    }
}

/// The page at `site_path` (relative to the site root), if it is one: `None` for a file outside
/// the content folders, and for Markdown inside a leaf bundle (a resource of that bundle).
pub(super) fn read(site_path: &str, layout: &HugoLayout, files: &HashSet<String>) -> Option<Page> {
    let (root, rel) = content_root(site_path, layout)?;
    let (dir, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    let (stem, _) = file.rsplit_once('.')?;
    // `about.en.md` is the English `about`, when `en` is one of the site's languages.
    let (stem, lang) = match (root.lang, stem.rsplit_once('.')) {
        (None, Some((base, code))) => match layout
            .languages
            .iter()
            .position(|l| l.code.eq_ignore_ascii_case(code))
        {
            Some(lang) => (base, lang),
            None => (stem, layout.default_language),
        },
        (lang, _) => (stem, lang.unwrap_or(layout.default_language)),
    };
    let mut dirs: Vec<String> = root
        .target
        .split('/')
        .chain(dir.split('/'))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    // A Markdown file inside a leaf bundle is one of its resources, not a page.
    let folder = site_path
        .rsplit_once('/')
        .map_or("", |(d, _)| d)
        .to_string();
    let mut ancestor = root.source.clone();
    for d in dir.split('/').filter(|s| !s.is_empty()) {
        ancestor = format!("{ancestor}/{d}");
        let own = ancestor == folder && (stem == "index" || stem == "_index");
        if !own && is_leaf_bundle(&ancestor, files, layout) {
            return None;
        }
    }
    let (kind, name) = match stem {
        "_index" => (Kind::Branch, dirs.last().cloned().unwrap_or_default()),
        "index" => match dirs.pop() {
            Some(d) => (Kind::Leaf, d),
            None => (Kind::Branch, String::new()),
        },
        _ => (Kind::Regular, stem.to_string()),
    };
    let mut parts: Vec<&str> = dirs.iter().map(String::as_str).collect();
    if kind != Kind::Branch {
        parts.push(&name);
    }
    let logical = format!("/{}", parts.join("/")).to_lowercase();
    Some(Page {
        lang,
        kind,
        logical,
        dirs,
        name,
        folder,
    })
}

/// The content folder holding `site_path` (the deepest one) and the path inside it.
pub(super) fn content_root<'l, 'p>(
    site_path: &'p str,
    layout: &'l HugoLayout,
) -> Option<(&'l ContentRoot, &'p str)> {
    layout
        .content
        .iter()
        .filter_map(|root| {
            let rel = site_path.strip_prefix(root.source.as_str())?;
            let rel = if root.source.is_empty() {
                rel
            } else {
                rel.strip_prefix('/')?
            };
            Some((root, rel))
        })
        .max_by_key(|(root, _)| root.source.len())
}

/// Whether `folder` (relative to the site root) holds an `index.md`, in any language.
pub(super) fn is_leaf_bundle(folder: &str, files: &HashSet<String>, layout: &HugoLayout) -> bool {
    let has = |name: &str| files.contains(&format!("{folder}/{name}"));
    has("index.md")
        || has("index.markdown")
        || (layout.languages.len() > 1
            && layout
                .languages
                .iter()
                .any(|l| has(&format!("index.{}.md", l.code))))
}

/// A front matter value by key, without letter case (Hugo lower-cases keys).
pub(super) fn fm<'d>(doc: &'d Document, key: &str) -> Option<&'d FmNode> {
    doc.front_matter_root()?
        .entries()
        .iter()
        .find(|e| e.key.eq_ignore_ascii_case(key))
        .map(|e| &e.value)
}

/// The URL Hugo gives `page` (without the site's base path), and the URL it would have without
/// its `url`, `slug` or permalink pattern (for "did you mean" on links to the old one).
pub(super) fn url(
    doc: &Document,
    page: &Page,
    layout: &HugoLayout,
    permalinks: &BTreeMap<String, String>,
) -> Option<(String, String)> {
    let prefix = &layout.languages[page.lang].prefix;
    let plain = plain_url(page, layout);
    if let Some((url, _)) = fm_value(doc, "url") {
        // `url` may be a whole address; only its path matters here.
        let url = if url.contains("://") {
            super::super::base_path(&url) + "/"
        } else {
            join_url(&[&url]) + if url.ends_with('/') { "/" } else { "" }
        };
        return Some((url, plain));
    }
    let slug = fm_value(doc, "slug").map(|(s, _)| s);
    let url = match (page.kind, page.section()) {
        (Kind::Branch, _) => plain.clone(),
        (_, Some(section)) if permalinks.contains_key(&section.to_lowercase()) => {
            let pattern = &permalinks[&section.to_lowercase()];
            format!(
                "{prefix}{}",
                fill(pattern, doc, page, slug.as_deref(), layout.lower)?
            )
        }
        _ => {
            let mut parts: Vec<&str> = page.dirs.iter().map(String::as_str).collect();
            parts.push(slug.as_deref().unwrap_or(&page.name));
            finish(
                &format!("{prefix}{}", sanitize(&join_url(&parts), layout.lower)),
                layout,
            )
        }
    };
    Some((url, plain))
}

/// The URL from the content path alone.
fn plain_url(page: &Page, layout: &HugoLayout) -> String {
    let prefix = &layout.languages[page.lang].prefix;
    let mut parts: Vec<&str> = page.dirs.iter().map(String::as_str).collect();
    if page.kind == Kind::Branch {
        let path = sanitize(&join_url(&parts), layout.lower);
        return format!("{prefix}{}", path.trim_end_matches('/')) + "/";
    }
    parts.push(&page.name);
    finish(
        &format!("{prefix}{}", sanitize(&join_url(&parts), layout.lower)),
        layout,
    )
}

/// A regular page's URL ends in `/`, or `.html` with `uglyURLs`.
fn finish(path: &str, layout: &HugoLayout) -> String {
    if layout.ugly {
        format!("{path}.html")
    } else {
        format!("{path}/")
    }
}

/// Hugo's path sanitising: spaces become `-`, only letters, marks, digits and `%./\_-#+~`
/// are kept; lower-cased unless `disablePathToLower`.
pub(super) fn sanitize(path: &str, lower: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c == ' ' {
            out.push('-');
        } else if c.is_alphanumeric() || "%./\\_-#+~".contains(c) || is_mark(c) {
            out.push(c);
        }
    }
    if lower {
        out.to_lowercase()
    } else {
        out
    }
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Hugo's `urlize` of a title for `:title`.
fn urlize(text: &str) -> String {
    sanitize(&text.replace('/', " "), true)
}

fn fill(
    pattern: &str,
    doc: &Document,
    page: &Page,
    slug: Option<&str>,
    lower: bool,
) -> Option<String> {
    let date = fm_value(doc, "date").and_then(|(d, _)| DateTime::parse_loose(&d));
    let title = fm_value(doc, "title").map(|(t, _)| t);
    let mut unknown = false;
    let filled = TOKEN.replace_all(pattern, |c: &regex::Captures<'_>| {
        let token = c.get(1).map_or("", |m| m.as_str());
        if c.get(2).is_some() {
            unknown = true;
            return String::new();
        }
        let dated = matches!(
            token,
            "year" | "month" | "monthname" | "day" | "weekday" | "weekdayname" | "yearday"
        );
        if date.is_none() && dated {
            unknown = true;
            return String::new();
        }
        let d = date.unwrap_or(DateTime {
            day: Day {
                year: 1970,
                month: 1,
                day: 1,
            },
            hour: 0,
            minute: 0,
            second: 0,
        });
        match token {
            "year" => format!("{:04}", d.day.year),
            "month" => format!("{:02}", d.day.month),
            "monthname" => MONTHS[d.day.month as usize - 1].to_lowercase(),
            "day" => format!("{:02}", d.day.day),
            "weekday" => (d.day.weekday() % 7).to_string(),
            "weekdayname" => WEEKDAYS[d.day.weekday() as usize - 1].to_lowercase(),
            "yearday" => d.day.year_day().to_string(),
            "section" => page.section().unwrap_or_default().to_string(),
            "sections" => page.dirs.join("/"),
            "title" => urlize(title.as_deref().unwrap_or(&page.name)),
            "slug" => slug.map_or_else(
                || urlize(title.as_deref().unwrap_or(&page.name)),
                str::to_string,
            ),
            "filename" | "contentbasename" => page.name.clone(),
            "slugorfilename" | "slugorcontentbasename" => slug.unwrap_or(&page.name).to_string(),
            _ => {
                unknown = true;
                String::new()
            }
        }
    });
    (!unknown).then(|| sanitize(&join_url(&[&filled]), lower) + "/")
}

/// `[permalinks]` by section (lower case); Hugo ≥ 0.115 also nests them under `page`.
pub(super) fn permalinks(config: Option<&FmNode>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(node) = config else {
        return out;
    };
    for entry in node.entries() {
        if let Some(pattern) = entry.value.as_str() {
            out.insert(entry.key.to_lowercase(), pattern.to_string());
        } else if entry.key.eq_ignore_ascii_case("page") {
            for inner in entry.value.entries() {
                if let Some(pattern) = inner.value.as_str() {
                    out.insert(inner.key.to_lowercase(), pattern.to_string());
                }
            }
        }
    }
    out
}

/// A boolean front matter value (`true`, or the strings `"true"` / `"false"`).
pub(super) fn truthy(node: Option<&FmNode>) -> Option<bool> {
    match &node?.value {
        FmValue::Bool(b) => Some(*b),
        FmValue::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
        FmValue::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}
