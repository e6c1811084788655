//! Hugo page URLs: the `url` key, else the section's `permalinks` pattern, else the content
//! path with the `slug` key or the file (or bundle folder) name as last segment
//! (`content/posts/x.md` → `/posts/x/`), lower-cased as Hugo does by default.

use super::{
    base_path, escape_regex_literal, fm_list, fm_value, join_url, route_key, Build, DateTime,
    PostUrl, Shape,
};
use crate::date::{Day, MONTHS, WEEKDAYS};
use crate::document::front_matter::FmValue;
use crate::document::Document;
use crate::site_config::SiteConfig;
use rayon::prelude::*;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::LazyLock;

static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r":([a-z]+)(\[[^\]]*\])?").expect("valid regex"));

/// A content file's place in the site.
struct Page<'d> {
    doc: &'d Document,
    /// Folders under the content folder.
    dirs: Vec<&'d str>,
    /// The file name without extension, or the bundle's folder name.
    name: &'d str,
    /// `_index.md`: a section's (or the home) list page.
    list: bool,
}

pub(super) fn build(
    config: &SiteConfig,
    documents: &[Document],
    paths: &[Option<String>],
    files: &HashSet<String>,
) -> Build {
    let content = config
        .get_ci("contentDir")
        .and_then(|n| n.as_str())
        .unwrap_or("content")
        .trim_matches('/')
        .to_string();
    let lower = !config
        .get_ci("disablePathToLower")
        .is_some_and(|n| matches!(n.value, FmValue::Bool(true)));
    let permalinks = permalinks(config);
    let mut build = Build {
        urls: vec![None; documents.len()],
        base_prefix: base_path(
            config
                .get_ci("baseURL")
                .and_then(|n| n.as_str())
                .unwrap_or_default(),
        ),
        fold_case: true,
        static_roots: vec!["static".into(), "assets".into()],
        content_dir: Some(content.clone()),
        never_posts: taxonomies(config).into_iter().collect(),
        ..Build::default()
    };
    let ctx = HugoSite {
        content: &content,
        lower,
        permalinks: &permalinks,
        files,
    };
    let derived: Vec<Option<Derived>> = documents
        .par_iter()
        .zip(paths.par_iter())
        .map(|(doc, path)| derive(doc, path.as_deref()?, &ctx))
        .collect();
    // Sections whose posts postlint can place: a link under them that matches none is dead.
    let mut sections: BTreeMap<String, bool> = BTreeMap::new();
    for (i, d) in derived.into_iter().enumerate() {
        let Some(d) = d else { continue };
        build.content_paths.entry(d.content_key).or_insert(i);
        if let Some(section) = d.post_section {
            *sections.entry(section).or_insert(true) &= d.url.is_some();
        }
        build.aliases.extend(d.aliases.into_iter().map(|a| (a, i)));
        build.urls[i] = d.url;
    }
    let multilingual = matches!(
        config.get_ci("languages").map(|n| &n.value),
        Some(FmValue::Map(langs)) if langs.len() > 1
    );
    if !multilingual {
        let taxonomies = taxonomies(config);
        for (section, known) in sections {
            if !known || taxonomies.contains(&section) {
                continue;
            }
            let shape = match permalinks.get(&section) {
                Some(pattern) => pattern_shape(pattern, &section),
                None => Regex::new(&format!("^/{}/[^/]+$", escape_regex_literal(&section))).ok(),
            };
            build.shapes.extend(shape.map(Shape::Pattern));
        }
    }
    build
}

/// The site-wide settings a page's URL depends on.
struct HugoSite<'a> {
    content: &'a str,
    lower: bool,
    permalinks: &'a BTreeMap<String, String>,
    files: &'a HashSet<String>,
}

/// What one content file contributes to the route table.
struct Derived {
    content_key: String,
    /// The section of a regular page (lower case), which then has a known URL or not.
    post_section: Option<String>,
    url: Option<PostUrl>,
    aliases: Vec<String>,
}

fn derive(doc: &Document, site_path: &str, site: &HugoSite<'_>) -> Option<Derived> {
    let page = read_page(doc, site_path, site.content, site.files)?;
    let section = page
        .dirs
        .first()
        .copied()
        .unwrap_or_default()
        .to_lowercase();
    let pattern = site.permalinks.get(&section).map(String::as_str);
    let explicit = fm_value(doc, "url");
    let url = match &explicit {
        // `url` may be a whole address; only its path matters here.
        Some((url, _)) if url.contains("://") => Some(base_path(url) + "/"),
        Some((url, _)) => Some(join_url(&[url]) + if url.ends_with('/') { "/" } else { "" }),
        None => page_url(&page, pattern, site.lower),
    };
    let mut derived = Derived {
        content_key: content_path_key(&page),
        post_section: (!page.list && !section.is_empty()).then_some(section),
        url: None,
        aliases: Vec::new(),
    };
    let Some(mut url) = url else {
        return Some(derived);
    };
    if !url.ends_with('/') && !url.ends_with(".html") && explicit.is_none() {
        url.push('/');
    }
    let folder = url
        .trim_end_matches('/')
        .rsplit_once('/')
        .map_or("", |(d, _)| d);
    for alias in fm_list(doc, "aliases") {
        // A relative alias is relative to the page's own folder.
        derived.aliases.push(if alias.starts_with('/') {
            alias
        } else {
            format!("{folder}/{alias}")
        });
    }
    let date = fm_value(doc, "date").and_then(|(d, _)| DateTime::parse_loose(&d));
    derived.url = Some(PostUrl {
        key: route_key(&url, true),
        url,
        explicit: explicit
            .map(|(_, span)| span)
            .or_else(|| fm_value(doc, "slug").map(|(_, s)| s)),
        date: date.map(|d| d.day),
        order: format!(
            "{} {site_path}",
            date.map(|d| d.day.to_string()).unwrap_or_default()
        ),
        unpublished: super::fm_bool(doc, "draft") == Some(true),
        unmoved_key: None,
    });
    Some(derived)
}

fn read_page<'d>(
    doc: &'d Document,
    site_path: &'d str,
    content: &str,
    files: &HashSet<String>,
) -> Option<Page<'d>> {
    let rel = site_path.strip_prefix(content)?.strip_prefix('/')?;
    let (dir, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let mut dirs: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    // A Markdown file inside a leaf bundle is one of its resources, not a page.
    let mut ancestor = String::new();
    for d in &dirs {
        ancestor = if ancestor.is_empty() {
            format!("{content}/{d}")
        } else {
            format!("{ancestor}/{d}")
        };
        let bundle = format!("{ancestor}/index.md");
        if files.contains(&bundle) && bundle != site_path {
            return None;
        }
    }
    let (name, list) = match stem {
        "_index" => (dirs.last().copied().unwrap_or_default(), true),
        "index" => match dirs.pop() {
            Some(d) => (d, false),
            None => ("", true),
        },
        _ => (stem, false),
    };
    Some(Page {
        doc,
        dirs,
        name,
        list,
    })
}

/// The key a `ref` finds a page by: its content path, lower case, without extension; a
/// bundle by its folder.
fn content_path_key(page: &Page<'_>) -> String {
    let mut parts: Vec<&str> = page.dirs.clone();
    if !page.list || page.dirs.is_empty() {
        parts.push(page.name);
    }
    content_key(&parts.join("/"))
}

/// Normalises a `ref` argument to a content path key.
pub(super) fn content_key(path: &str) -> String {
    let path = path.trim().trim_matches('/');
    let path = path
        .strip_suffix("/_index.md")
        .or_else(|| path.strip_suffix("/index.md"))
        .or_else(|| path.strip_suffix(".md"))
        .unwrap_or(path);
    let path = if path == "_index.md" || path == "index.md" || path == "_index" {
        ""
    } else {
        path
    };
    path.to_lowercase()
}

fn page_url(page: &Page<'_>, pattern: Option<&str>, lower: bool) -> Option<String> {
    let slug = fm_value(page.doc, "slug").map(|(s, _)| s);
    if page.list {
        return Some(sanitize(&join_url(&page.dirs), lower) + "/");
    }
    if let Some(pattern) = pattern {
        return fill(pattern, page, slug.as_deref(), lower);
    }
    let last = slug.as_deref().unwrap_or(page.name);
    let mut parts = page.dirs.clone();
    parts.push(last);
    Some(sanitize(&join_url(&parts), lower))
}

/// Hugo's path sanitising: spaces become `-`, only letters, marks, digits and `%./\_-#+~`
/// are kept; lower-cased unless `disablePathToLower`.
fn sanitize(path: &str, lower: bool) -> String {
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
    use unicode_normalization::char::is_combining_mark;
    is_combining_mark(c)
}

/// Hugo's `urlize` of a title for `:title`.
fn urlize(text: &str) -> String {
    sanitize(&text.replace('/', " "), true)
}

fn fill(pattern: &str, page: &Page<'_>, slug: Option<&str>, lower: bool) -> Option<String> {
    let date = fm_value(page.doc, "date").and_then(|(d, _)| DateTime::parse_loose(&d));
    let title = fm_value(page.doc, "title").map(|(t, _)| t);
    let mut unknown = false;
    let filled = TOKEN.replace_all(pattern, |c: &regex::Captures<'_>| {
        let token = c.get(1).map_or("", |m| m.as_str());
        if c.get(2).is_some() {
            unknown = true;
            return String::new();
        }
        if date.is_none()
            && matches!(
                token,
                "year" | "month" | "monthname" | "day" | "weekday" | "weekdayname" | "yearday"
            )
        {
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
            "section" => page.dirs.first().copied().unwrap_or_default().to_string(),
            "sections" => page.dirs.join("/"),
            "title" => urlize(title.as_deref().unwrap_or(page.name)),
            "slug" => slug.map_or_else(
                || urlize(title.as_deref().unwrap_or(page.name)),
                str::to_string,
            ),
            "filename" | "contentbasename" => page.name.to_string(),
            "slugorfilename" | "slugorcontentbasename" => slug.unwrap_or(page.name).to_string(),
            _ => {
                unknown = true;
                String::new()
            }
        }
    });
    (!unknown).then(|| sanitize(&join_url(&[&filled]), lower) + "/")
}

/// `[permalinks]` by section (lower case); Hugo ≥ 0.115 also nests them under `page`.
fn permalinks(config: &SiteConfig) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(node) = config.get_ci("permalinks") else {
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

/// Taxonomy list pages (`tags`, `categories` unless the config names others).
fn taxonomies(config: &SiteConfig) -> BTreeSet<String> {
    match config.get_ci("taxonomies") {
        Some(node) => node
            .entries()
            .iter()
            .filter_map(|e| e.value.as_str().map(str::to_lowercase))
            .collect(),
        None => BTreeSet::from(["tags".to_string(), "categories".to_string()]),
    }
}

/// The shape of a section's permalink pattern, when it has a date or a literal segment.
fn pattern_shape(pattern: &str, section: &str) -> Option<Regex> {
    let mut re = String::from("^");
    let mut distinctive = false;
    for segment in pattern.split('/').filter(|s| !s.is_empty()) {
        re.push('/');
        let mut last = 0;
        for c in TOKEN.captures_iter(segment) {
            let (Some(whole), Some(name)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let literal = &segment[last..whole.start()];
            distinctive |= literal.chars().any(char::is_alphanumeric);
            re.push_str(&escape_regex_literal(&literal.to_lowercase()));
            last = whole.end();
            let part = match name.as_str() {
                "year" => r"\d{4}".to_string(),
                "month" | "day" => r"\d{2}".to_string(),
                "section" => {
                    distinctive = true;
                    escape_regex_literal(section)
                }
                _ => "[^/]+".to_string(),
            };
            distinctive |= part.starts_with(r"\d");
            re.push_str(&part);
        }
        let tail = &segment[last..];
        distinctive |= tail.chars().any(char::is_alphanumeric);
        re.push_str(&escape_regex_literal(&tail.to_lowercase()));
    }
    re.push('$');
    distinctive.then(|| Regex::new(&re).ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn doc(text: &str) -> Document {
        let source = SourceFile {
            path: "p.md".into(),
            display_path: "p.md".into(),
            text: text.into(),
        };
        Document::parse(
            source,
            &crate::site_config::SiteConfig::default()
                .parse_options(crate::preset::Preset::Hugo, "p.md".as_ref()),
        )
    }

    fn url(path: &str, text: &str, pattern: Option<&str>, files: &[&str]) -> Option<String> {
        let d = doc(text);
        let files: HashSet<String> = files.iter().map(|s| s.to_string()).collect();
        let page = read_page(&d, path, "content", &files)?;
        page_url(&page, pattern, true)
    }

    #[test]
    fn page_urls() {
        assert_eq!(
            url("content/posts/My Post.md", "", None, &[]).as_deref(),
            Some("/posts/my-post")
        );
        assert_eq!(
            url("content/posts/trip/index.md", "", None, &[]).as_deref(),
            Some("/posts/trip")
        );
        assert_eq!(
            url("content/posts/_index.md", "", None, &[]).as_deref(),
            Some("/posts/")
        );
        assert_eq!(
            url("content/posts/a.md", "+++\nslug = \"b\"\n+++\n", None, &[]).as_deref(),
            Some("/posts/b")
        );
        assert_eq!(
            url(
                "content/posts/a.md",
                "---\ndate: 2023-01-02\ntitle: Hello World\n---\n",
                Some("/:year/:month/:title/"),
                &[]
            )
            .as_deref(),
            Some("/2023/01/hello-world/")
        );
        assert_eq!(
            url(
                "content/posts/trip/notes.md",
                "",
                None,
                &["content/posts/trip/index.md"]
            ),
            None
        );
    }

    #[test]
    fn content_keys() {
        assert_eq!(content_key("/posts/Trip/index.md"), "posts/trip");
        assert_eq!(content_key("posts/a.md"), "posts/a");
        assert_eq!(content_key("posts/_index.md"), "posts");
    }
}
