//! Jekyll post URLs: the `permalink` of the post, else of a matching `defaults` entry, else
//! of `_config.yml` (a pattern or a style name), else Jekyll's default
//! `/:categories/:year/:month/:day/:title:output_ext`, filled in as `Jekyll::Drops::UrlDrop`
//! fills it.

use super::{
    base_path, escape_regex_literal, fm_list, fm_value, join_url, route_key, Build, DateTime,
    PostUrl, Shape,
};
use crate::date::{MONTHS, WEEKDAYS};
use crate::document::front_matter::FmValue;
use crate::document::Document;
use crate::site_config::SiteConfig;
use jiff::tz::TimeZone;
use rayon::prelude::*;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

const DEFAULT_PERMALINK: &str = "/:categories/:year/:month/:day/:title:output_ext";

/// `_posts/2022-11-10-name.md` (in any folder under `_posts/`).
static POST_FILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:.*/)?(\d{2,4}-\d{1,2}-\d{1,2})-(.+)\.[^./]+$").expect("valid regex")
});
static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r":([a-z_]+)").expect("valid regex"));

/// A permalink style name or pattern as Jekyll expands it.
fn expand_style(permalink: &str) -> String {
    match permalink {
        "date" => DEFAULT_PERMALINK.to_string(),
        "pretty" => "/:categories/:year/:month/:day/:title/".to_string(),
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext".to_string(),
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext".to_string(),
        "none" => "/:categories/:title:output_ext".to_string(),
        pattern => pattern.to_string(),
    }
}

/// Where a post file lies: `[dir/]_posts/[sub/]file` or `[dir/]_drafts/…`. Jekyll reads the
/// `_posts` and `_drafts` folders of the site root and of every folder it publishes (not
/// under a `_` or `.` folder); the folders above one are the post's first categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Place<'a> {
    /// The folders above `_posts`/`_drafts` (`""` at the root).
    dir: &'a str,
    /// The path under `_posts`/`_drafts`.
    under: &'a str,
    draft: bool,
}

fn place(site_path: &str) -> Option<Place<'_>> {
    let mut start = 0;
    for segment in site_path.split('/') {
        let end = start + segment.len();
        if segment == "_posts" || segment == "_drafts" {
            return Some(Place {
                dir: site_path[..start].trim_end_matches('/'),
                under: site_path.get(end + 1..).filter(|u| !u.is_empty())?,
                draft: segment == "_drafts",
            });
        }
        if segment.starts_with(['_', '.']) {
            return None;
        }
        start = end + 1;
    }
    None
}

struct Post<'d> {
    doc: &'d Document,
    place: Place<'d>,
    /// The title part of the file name (`name` of `2022-11-10-name.md`).
    name: String,
    date: Option<DateTime>,
    file_date: Option<DateTime>,
    categories: Vec<String>,
}

pub(super) fn build(
    config: &SiteConfig,
    documents: &[Document],
    paths: &[Option<String>],
) -> Build {
    let site_permalink = config
        .get_str("permalink")
        .map_or_else(|| DEFAULT_PERMALINK.to_string(), expand_style);
    let defaults = permalink_defaults(config);
    let zone = super::jekyll_date::site_zone(config);
    let base_prefix = base_path(config.get_str("baseurl").unwrap_or_default());
    let mut build = Build {
        urls: vec![None; documents.len()],
        base_required: !base_prefix.is_empty(),
        dates_in_zone: zone
            .as_ref()
            .and(config.get_str("timezone"))
            .map(|name| name.trim().to_string()),
        base_prefix,
        static_roots: vec![String::new()],
        ..Build::default()
    };
    let derived: Vec<Option<Derived>> = documents
        .par_iter()
        .zip(paths.par_iter())
        .map(|(doc, path)| {
            let site_path = path.as_deref()?;
            derive(doc, site_path, &site_permalink, &defaults, zone.as_ref())
        })
        .collect();
    // What Jekyll reads from `_posts` but never publishes: a file without a date in its name,
    // a post with `published: false`.
    for (i, (doc, path)) in documents.iter().zip(paths).enumerate() {
        let Some(place) = path.as_deref().and_then(place) else {
            continue;
        };
        let undated = !place.draft && !POST_FILE.is_match(place.under);
        if undated || super::fm_bool(doc, "published") == Some(false) {
            build.never_rendered.insert(i);
        }
    }
    let mut categories = BTreeSet::new();
    let mut patterns = BTreeSet::from([site_permalink.clone()]);
    for (i, d) in derived.into_iter().enumerate() {
        let Some(d) = d else { continue };
        for key in d.names {
            build.post_names.entry(key).or_insert(i);
        }
        categories.extend(d.categories);
        patterns.extend(d.scoped_pattern);
        build.aliases.extend(d.aliases.into_iter().map(|a| (a, i)));
        build.urls[i] = d.url;
    }
    build.shapes = patterns
        .iter()
        .filter_map(|p| shape(p, &categories))
        .collect();
    build.never_posts = never_posts(config);
    build
}

/// Collections (their pages publish under `/<name>/`), and the usual archive folders.
fn never_posts(config: &SiteConfig) -> Vec<String> {
    let mut names: Vec<String> = ["tags", "tag", "categories", "category", "page", "assets"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if let Some(collections) = config.get("collections") {
        match &collections.value {
            FmValue::Map(entries) => names.extend(entries.iter().map(|e| e.key.clone())),
            FmValue::Seq(items) => {
                names.extend(items.iter().filter_map(|i| i.as_str().map(str::to_string)))
            }
            _ => {}
        }
    }
    names
}

/// What one post contributes to the route table.
struct Derived {
    url: Option<PostUrl>,
    aliases: Vec<String>,
    names: Vec<String>,
    categories: Vec<String>,
    scoped_pattern: Option<String>,
}

fn derive(
    doc: &Document,
    site_path: &str,
    site_permalink: &str,
    defaults: &[(String, String)],
    zone: Option<&TimeZone>,
) -> Option<Derived> {
    let post = read_post(doc, site_path, zone)?;
    let scoped = defaults
        .iter()
        .rev()
        .find(|(scope, _)| site_path.starts_with(scope.as_str()))
        .map(|(_, p)| p.clone());
    let mut derived = Derived {
        url: None,
        aliases: Vec::new(),
        names: post_url_names(post.place),
        categories: post.categories.clone(),
        scoped_pattern: scoped.clone(),
    };
    let explicit = fm_value(doc, "permalink");
    let default_pattern = scoped.unwrap_or_else(|| site_permalink.to_string());
    let pattern = explicit
        .as_ref()
        .map_or_else(|| default_pattern.clone(), |(p, _)| expand_style(p));
    let Some(url) = post.date.and_then(|d| fill(&pattern, &post, d)) else {
        return Some(derived);
    };
    if let (Some(file_date), Some(date), None) = (post.file_date, post.date, zone) {
        // A front matter time with an offset may move the day in the build's time zone, which
        // only a `timezone` setting makes known.
        if file_date.day != date.day {
            derived.aliases.extend(fill(&pattern, &post, file_date));
        }
    }
    for alias in fm_list(doc, "redirect_from") {
        derived.aliases.push(join_url(&[&alias]));
    }
    derived.url = Some(PostUrl {
        key: route_key(&url, false),
        url,
        unmoved_key: explicit
            .as_ref()
            .and_then(|_| fill(&default_pattern, &post, post.date?))
            .map(|u| route_key(&u, false)),
        // `slug` sets `:title` and `:slug` when no `permalink` does.
        explicit: explicit.map(|(_, span)| span).or_else(|| {
            (pattern.contains(":title") || pattern.contains(":slug"))
                .then(|| fm_value(doc, "slug").map(|(_, span)| span))
                .flatten()
        }),
        date: post.date.map(|d| d.day),
        order: format!(
            "{} {site_path}",
            post.date.map(|d| d.day.to_string()).unwrap_or_default()
        ),
        unpublished: super::fm_bool(doc, "published") == Some(false) || post.place.draft,
    });
    Some(derived)
}

fn read_post<'d>(
    doc: &'d Document,
    site_path: &'d str,
    zone: Option<&TimeZone>,
) -> Option<Post<'d>> {
    let place = place(site_path)?;
    let fm_date = fm_value(doc, "date").and_then(|(written, span)| {
        let quoted = span.start > 0
            && matches!(
                doc.text().as_bytes().get(span.start - 1),
                Some(b'"' | b'\'')
            );
        zone.and_then(|zone| super::jekyll_date::in_zone(&written, quoted, zone))
            .or_else(|| DateTime::parse_loose(&written))
    });
    let (name, file_date) = match POST_FILE.captures(place.under) {
        Some(c) => (
            c.get(2).map_or("", |m| m.as_str()).to_string(),
            c.get(1).and_then(|m| DateTime::parse_loose(m.as_str())),
        ),
        // Jekyll skips a post whose file name has no date; a draft takes its name whole.
        None if place.draft => {
            let file = place.under.rsplit('/').next().unwrap_or_default();
            (
                file.rsplit_once('.').map_or(file, |(s, _)| s).to_string(),
                None,
            )
        }
        None => return None,
    };
    // The folders above `_posts` come first, then the front matter's.
    let mut categories: Vec<String> = Vec::new();
    let folders = place.dir.split('/').filter(|s| !s.is_empty());
    let written = ["category", "categories"]
        .into_iter()
        .flat_map(|key| fm_list(doc, key));
    for c in folders.map(str::to_string).chain(written) {
        let c = c.to_lowercase();
        if !categories.contains(&c) {
            categories.push(c);
        }
    }
    Some(Post {
        doc,
        place,
        name,
        date: fm_date.or(file_date),
        file_date,
        categories,
    })
}

/// The names `{% post_url %}` accepts for a post (Jekyll's `PostComparer`): its path under
/// `_posts/` without extension (`sub/2022-11-10-x`) for a post in the root's `_posts`, and
/// `dir/2022-11-10-x` for one right in `dir/_posts/`. The file name alone
/// (`2022-11-10-x`) is also accepted (Jekyll's deprecated match by date and slug, with a
/// warning); [`super::RouteTable::post_named`] falls back to it.
fn post_url_names(place: Place<'_>) -> Vec<String> {
    if place.draft {
        return Vec::new();
    }
    let stem = place.under.rsplit_once('.').map_or(place.under, |(s, _)| s);
    let file = stem.rsplit_once('/').map_or(stem, |(_, f)| f);
    let mut names = Vec::new();
    if place.dir.is_empty() {
        names.push(stem.to_string());
    } else if !stem.contains('/') {
        names.push(format!("{}/{stem}", place.dir));
    }
    if !names.iter().any(|n| n == file) {
        names.push(file.to_string());
    }
    names
}

/// `permalink` values of `_config.yml` `defaults` that apply to posts, with their path scope.
fn permalink_defaults(config: &SiteConfig) -> Vec<(String, String)> {
    let Some(FmValue::Seq(entries)) = config.get("defaults").map(|n| &n.value) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries {
        let Some(permalink) = entry
            .get("values")
            .and_then(|v| v.value.get("permalink"))
            .and_then(|p| p.value.as_str())
        else {
            continue;
        };
        let scope = entry.get("scope").map(|s| &s.value);
        let kind = scope
            .and_then(|s| s.get("type"))
            .and_then(|t| t.value.as_str());
        if kind.is_some_and(|k| k != "posts") {
            continue;
        }
        let path = scope
            .and_then(|s| s.get("path"))
            .and_then(|p| p.value.as_str())
            .unwrap_or_default();
        out.push((
            path.trim_start_matches('/').to_string(),
            expand_style(permalink),
        ));
    }
    out
}

/// Fills a permalink pattern for one post; `None` when it uses a placeholder postlint does
/// not know.
fn fill(pattern: &str, post: &Post<'_>, date: DateTime) -> Option<String> {
    let slug = fm_value(post.doc, "slug").map(|(s, _)| s);
    let title_source = slug.as_deref().unwrap_or(&post.name);
    let mut unknown = false;
    let filled = TOKEN.replace_all(pattern, |c: &regex::Captures<'_>| {
        let token = c.get(1).map_or("", |m| m.as_str());
        let (iso_year, week) = date.day.iso_week();
        match token {
            "year" => format!("{:04}", date.day.year),
            "short_year" => format!("{:02}", date.day.year % 100),
            "month" => format!("{:02}", date.day.month),
            "i_month" => date.day.month.to_string(),
            "short_month" => MONTHS[date.day.month as usize - 1][..3].to_string(),
            "long_month" => MONTHS[date.day.month as usize - 1].to_string(),
            "day" => format!("{:02}", date.day.day),
            "i_day" => date.day.day.to_string(),
            "y_day" => format!("{:03}", date.day.year_day()),
            "hour" => format!("{:02}", date.hour),
            "minute" => format!("{:02}", date.minute),
            "second" => format!("{:02}", date.second),
            "week" => format!("{week:02}"),
            "w_year" => iso_year.to_string(),
            "w_day" => date.day.weekday().to_string(),
            "short_day" => WEEKDAYS[date.day.weekday() as usize - 1][..3].to_string(),
            "long_day" => WEEKDAYS[date.day.weekday() as usize - 1].to_string(),
            "title" => slugify(title_source, true),
            "slug" => slugify(title_source, false),
            "name" => post.name.clone(),
            "categories" => post.categories.join("/"),
            "slugified_categories" => post
                .categories
                .iter()
                .map(|c| slugify(c, false))
                .collect::<Vec<_>>()
                .join("/"),
            "output_ext" => ".html".to_string(),
            _ => {
                unknown = true;
                String::new()
            }
        }
    });
    let mut url = join_url(&[&filled]);
    if filled.ends_with('/') && url != "/" {
        url.push('/');
    }
    (!unknown).then_some(url)
}

/// Jekyll's `Utils.slugify`: `pretty` mode keeps `._~!$&'()+,;=@` and letter case (what
/// `:title` uses); the default mode keeps letters and digits only, lower-cased (`:slug`).
fn slugify(text: &str, pretty: bool) -> String {
    // `[^\p{M}\p{L}\p{Nd}]+` (plus the pretty mode's punctuation) becomes one hyphen.
    let keep = |c: char| {
        c.is_alphanumeric()
            || unicode_normalization::char::is_combining_mark(c)
            || (pretty && "._~!$&'()+,;=@".contains(c))
    };
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if keep(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if pretty {
        out
    } else {
        out.to_lowercase()
    }
}

/// The URLs a site-wide permalink pattern gives posts, as a regex over route keys, when that
/// shape cannot be mistaken for a page's URL: it has a date, a literal folder, or (for
/// `/:categories/:title/`) at least one of the site's categories.
fn shape(pattern: &str, categories: &BTreeSet<String>) -> Option<Shape> {
    let (re, distinctive, has_categories) = compile(pattern, categories, false);
    if distinctive {
        Regex::new(&re).ok().map(Shape::Pattern)
    } else if has_categories && !categories.is_empty() {
        Regex::new(&compile(pattern, categories, true).0)
            .ok()
            .map(Shape::Pattern)
    } else {
        None
    }
}

/// The regex of a permalink pattern, whether it is distinctive, whether it has categories.
fn compile(
    pattern: &str,
    categories: &BTreeSet<String>,
    require_category: bool,
) -> (String, bool, bool) {
    let pattern = pattern.replace(":output_ext", "");
    let pattern = pattern.strip_suffix(".html").unwrap_or(&pattern);
    let known: Vec<String> = categories.iter().map(|c| escape_regex_literal(c)).collect();
    let category = format!("(?:{})", known.join("|"));
    let mut re = String::from("^");
    let (mut distinctive, mut has_categories) = (false, false);
    for segment in pattern.split('/').filter(|s| !s.is_empty()) {
        if segment == ":categories" || segment == ":slugified_categories" {
            has_categories = true;
            if !known.is_empty() {
                let optional = if require_category { "" } else { "?" };
                re.push_str(&format!("(?:/{category}(?:/{category})*){optional}"));
            }
            continue;
        }
        re.push('/');
        let mut last = 0;
        for c in TOKEN.captures_iter(segment) {
            let (Some(whole), Some(name)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let literal = &segment[last..whole.start()];
            distinctive |= literal.chars().any(char::is_alphanumeric);
            re.push_str(&escape_regex_literal(literal));
            last = whole.end();
            let part = match name.as_str() {
                "year" | "w_year" => r"\d{4}",
                "short_year" | "month" | "day" | "hour" | "minute" | "second" | "week" => r"\d{2}",
                "i_month" | "i_day" => r"\d{1,2}",
                "y_day" => r"\d{3}",
                "w_day" => r"\d",
                _ => "[^/]+",
            };
            distinctive |= part.starts_with('\\');
            re.push_str(part);
        }
        let tail = &segment[last..];
        distinctive |= tail.chars().any(char::is_alphanumeric);
        re.push_str(&escape_regex_literal(tail));
    }
    re.push('$');
    (re, distinctive, has_categories)
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
        Document::parse(source, &Default::default())
    }

    fn url(pattern: &str, path: &str, text: &str) -> Option<String> {
        let d = doc(text);
        let post = read_post(&d, path, None)?;
        fill(&expand_style(pattern), &post, post.date?)
    }

    #[test]
    fn permalink_styles() {
        let fm = "---\ncategories: [Events, gdg]\n---\n";
        let path = "_posts/2022-11-20-devfest review.md";
        assert_eq!(
            url("date", path, fm).as_deref(),
            Some("/events/gdg/2022/11/20/devfest-review.html")
        );
        assert_eq!(
            url("pretty", path, "").as_deref(),
            Some("/2022/11/20/devfest-review/")
        );
        assert_eq!(
            url("/:categories/:title/", path, fm).as_deref(),
            Some("/events/gdg/devfest-review/")
        );
        assert_eq!(
            url("ordinal", path, "").as_deref(),
            Some("/2022/324/devfest-review.html")
        );
        assert_eq!(
            url("/:year/:slug/", path, "---\nslug: Hello World\n---\n").as_deref(),
            Some("/2022/hello-world/")
        );
        assert_eq!(url("/:unknown/:title/", path, ""), None);
        assert_eq!(
            url("/:title/", "_posts/2022-11-20-नमस्ते दुनिया.md", "").as_deref(),
            Some("/नमस्ते-दुनिया/")
        );
        assert_eq!(url("date", "_posts/no-date.md", ""), None);
    }

    #[test]
    fn shapes() {
        let cats = BTreeSet::from(["events".to_string()]);
        let matches = |p: &str, key: &str| shape(p, &cats).is_some_and(|s| s.matches(key));
        assert!(matches(DEFAULT_PERMALINK, "/2022/11/20/x"));
        assert!(matches(DEFAULT_PERMALINK, "/events/2022/11/20/x"));
        assert!(!matches(DEFAULT_PERMALINK, "/about"));
        assert!(matches("/:categories/:title/", "/events/x"));
        assert!(!matches("/:categories/:title/", "/about"));
        assert!(!matches("/:categories/:title/", "/about/team"));
        assert!(shape("/:title/", &cats).is_none());
    }

    #[test]
    fn post_url_names_include_folders() {
        let names = |path: &str| place(path).map(post_url_names).unwrap_or_default();
        assert_eq!(
            names("_posts/sub/2022-11-20-x.md"),
            ["sub/2022-11-20-x", "2022-11-20-x"]
        );
        assert_eq!(
            names("algo/boj/_posts/2022-11-20-x.md"),
            ["algo/boj/2022-11-20-x", "2022-11-20-x"]
        );
        assert_eq!(names("algo/_posts/sub/2022-11-20-x.md"), ["2022-11-20-x"]);
        assert_eq!(names("_posts/2022-11-20-x.md"), ["2022-11-20-x"]);
        assert!(place("_site/_posts/2022-11-20-x.md").is_none());
        assert!(place("_posts/").is_none());
    }

    #[test]
    fn folders_above_posts_are_categories() {
        assert_eq!(
            url(
                "pretty",
                "Algo/boj/_posts/2022-11-20-x.md",
                "---\ncategories: [boj, Easy]\n---\n"
            )
            .as_deref(),
            Some("/algo/boj/easy/2022/11/20/x/")
        );
    }
}
