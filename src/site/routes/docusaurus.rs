//! Docusaurus blog URLs: `routeBasePath` + the `slug` key, else the date path and the name
//! taken from the file or folder (`blog/2022-11-10-review.md` → `/blog/2022/11/10/review`),
//! as `@docusaurus/plugin-content-blog` derives them.

use super::{base_path, fm_bool, fm_value, join_url, route_key, Build, DateTime, PostUrl, Shape};
use crate::date::file_name;
use crate::document::Document;
use crate::site_config::SiteConfig;
use rayon::prelude::*;
use regex::Regex;
use std::sync::LazyLock;

/// The literal values postlint reads from `docusaurus.config.*`; anything computed there is
/// left at its default.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DocusaurusConfig {
    /// `baseUrl` without its trailing slash (`""` for `/`).
    pub base_url: String,
    /// The blog's content folder (`path`), relative to the root.
    pub blog_dir: String,
    /// `routeBasePath` as a route key prefix (`/blog`; `""` when the blog is at `/`).
    pub route_base: String,
    pub static_dirs: Vec<String>,
    /// First segments under the base path that the plugin generates (tag, archive, paging,
    /// author pages and feeds).
    pub reserved: Vec<String>,
}

impl DocusaurusConfig {
    pub(super) fn parse(script: Option<&str>) -> Self {
        let script = script.unwrap_or_default();
        let blog = blog_options(script).unwrap_or_default();
        let string = |text: &str, key: &str| literal(text, key);
        let route_base = string(blog, "routeBasePath").unwrap_or_else(|| "blog".to_string());
        let mut reserved: Vec<String> = ["rss.xml", "atom.xml", "feed.json"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for (key, default) in [
            ("tagsBasePath", "tags"),
            ("archiveBasePath", "archive"),
            ("pageBasePath", "page"),
            ("authorsBasePath", "authors"),
        ] {
            reserved.push(string(blog, key).unwrap_or_else(|| default.to_string()));
        }
        let static_dirs = static_directories(script).unwrap_or_else(|| vec!["static".into()]);
        DocusaurusConfig {
            base_url: base_path(&string(script, "baseUrl").unwrap_or_default()),
            blog_dir: string(blog, "path")
                .map(|p| p.trim_start_matches("./").trim_matches('/').to_string())
                .unwrap_or_else(|| "blog".to_string()),
            route_base: join_url(&[&route_base]).trim_end_matches('/').to_string(),
            static_dirs,
            reserved,
        }
    }
}

/// The text of the blog plugin's options object (`blog: { … }` in the classic preset, or the
/// options of `@docusaurus/plugin-content-blog`).
fn blog_options(script: &str) -> Option<&str> {
    static START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"\bblog\s*:\s*\{|plugin-content-blog['"]\s*,\s*\{"#).expect("valid regex")
    });
    options_object(script, START.find(script)?.end())
}

/// The object literal whose `{` ends at byte `after` of `script`, braces included; `None` when
/// it does not close.
pub(super) fn options_object(script: &str, after: usize) -> Option<&str> {
    let open = after.checked_sub(1)?;
    if script.as_bytes().get(open) != Some(&b'{') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in script.get(open..)?.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&script[open..open + i + 1]);
                }
            }
            _ => {}
        }
    }
    None
}

/// `key: 'value'` or `key: "value"` in JavaScript source, the first occurrence.
pub(super) fn literal(text: &str, key: &str) -> Option<String> {
    let re = Regex::new(&format!(
        r#"\b{key}\s*:\s*(?:'([^']*)'|"([^"]*)"|`([^`$]*)`)"#
    ))
    .ok()?;
    let caps = re.captures(text)?;
    caps.get(1)
        .or_else(|| caps.get(2))
        .or_else(|| caps.get(3))
        .map(|m| m.as_str().to_string())
}

/// `staticDirectories: ['static', 'public']`; literal entries only, `static` kept when the
/// list holds anything computed.
fn static_directories(script: &str) -> Option<Vec<String>> {
    static LIST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bstaticDirectories\s*:\s*\[([^\]]*)\]").expect("valid regex")
    });
    static ITEM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"'([^']*)'|"([^"]*)""#).expect("valid regex"));
    let list = LIST.captures(script)?.get(1)?.as_str();
    let mut dirs: Vec<String> = ITEM
        .captures_iter(list)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| {
            m.as_str()
                .trim_start_matches("./")
                .trim_matches('/')
                .to_string()
        })
        .collect();
    let literal_only = ITEM
        .replace_all(list, "")
        .replace([',', ' ', '\n', '\t'], "");
    if !literal_only.is_empty() && !dirs.iter().any(|d| d == "static") {
        dirs.push("static".to_string());
    }
    Some(dirs)
}

pub(super) fn build(
    config: &SiteConfig,
    documents: &[Document],
    paths: &[Option<String>],
) -> Build {
    let cfg = DocusaurusConfig::parse(config.script.as_deref());
    let urls = documents
        .par_iter()
        .zip(paths.par_iter())
        .map(|(doc, path)| path.as_deref().and_then(|p| post_url(&cfg, doc, p)))
        .collect();
    let mut shapes = Vec::new();
    if cfg.route_base.is_empty() {
        shapes.push(Shape::Pattern(
            Regex::new(r"^/\d{4}/\d{1,2}/\d{1,2}/.+$").expect("valid regex"),
        ));
    } else {
        shapes.push(Shape::Under {
            base: route_key(&cfg.route_base, false),
            reserved: cfg.reserved.clone(),
        });
    }
    Build {
        urls,
        shapes,
        base_prefix: cfg.base_url.clone(),
        static_roots: cfg.static_dirs.clone(),
        blog_dir: Some(cfg.blog_dir.clone()),
        ..Build::default()
    }
}

fn post_url(cfg: &DocusaurusConfig, doc: &Document, site_path: &str) -> Option<PostUrl> {
    let rel = site_path.strip_prefix(&cfg.blog_dir)?.strip_prefix('/')?;
    // The plugin's default `exclude`: partials and tests.
    if rel
        .split('/')
        .any(|part| part.starts_with('_') || part.contains(".test."))
        || !(rel.ends_with(".md") || rel.ends_with(".mdx"))
    {
        return None;
    }
    let (file_slug, file_date) = match file_name::docusaurus_parts(rel) {
        Some((folder, date, text)) => (
            format!("/{}/{folder}{text}", date.replace('-', "/")),
            DateTime::parse_loose(date),
        ),
        None => {
            let text = rel
                .strip_suffix("/index.md")
                .or_else(|| rel.strip_suffix("/index.mdx"))
                .or_else(|| rel.strip_suffix(".mdx"))
                .or_else(|| rel.strip_suffix(".md"))
                .unwrap_or(rel);
            (format!("/{text}"), None)
        }
    };
    let explicit = fm_value(doc, "slug");
    let slug = explicit
        .as_ref()
        .map_or(file_slug.as_str(), |(s, _)| s.as_str());
    let url = join_url(&[&cfg.route_base, slug]);
    let date = fm_value(doc, "date")
        .and_then(|(d, _)| DateTime::parse_loose(&d))
        .or(file_date);
    Some(PostUrl {
        key: route_key(&url, false),
        url,
        unmoved_key: explicit
            .as_ref()
            .map(|_| route_key(&join_url(&[&cfg.route_base, &file_slug]), false)),
        explicit: explicit.map(|(_, span)| span),
        date: date.map(|d| d.day),
        order: format!(
            "{} {site_path}",
            date.map(|d| d.day.to_string()).unwrap_or_default()
        ),
        unpublished: fm_bool(doc, "draft") == Some(true),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_literals() {
        let script = r#"
            module.exports = {
              baseUrl: '/repo/',
              staticDirectories: ['static', "public"],
              presets: [['classic', {
                docs: { routeBasePath: '/' },
                blog: { routeBasePath: 'news', path: './posts', feedOptions: { type: 'all' } },
              }]],
            };"#;
        let cfg = DocusaurusConfig::parse(Some(script));
        assert_eq!(cfg.base_url, "/repo");
        assert_eq!(cfg.route_base, "/news");
        assert_eq!(cfg.blog_dir, "posts");
        assert_eq!(cfg.static_dirs, ["static", "public"]);
        let default = DocusaurusConfig::parse(None);
        assert_eq!(default.route_base, "/blog");
        assert_eq!(default.static_dirs, ["static"]);
    }

    #[test]
    fn file_name_slugs() {
        let cfg = DocusaurusConfig::parse(None);
        let doc = |text: &str| {
            Document::parse(
                crate::source::SourceFile {
                    path: "x.md".into(),
                    display_path: "x.md".into(),
                    text: text.into(),
                },
                &Default::default(),
            )
        };
        let plain = doc("text\n");
        let url = |path: &str, d: &Document| post_url(&cfg, d, path).map(|u| u.url);
        assert_eq!(
            url("blog/2022-11-10-review.md", &plain).as_deref(),
            Some("/blog/2022/11/10/review")
        );
        assert_eq!(
            url("blog/2022-11-10-review/index.mdx", &plain).as_deref(),
            Some("/blog/2022/11/10/review")
        );
        assert_eq!(
            url("blog/welcome.md", &plain).as_deref(),
            Some("/blog/welcome")
        );
        assert_eq!(url("blog/_partial.md", &plain), None);
        assert_eq!(
            url("blog/2022/11/10/trip.md", &plain).as_deref(),
            Some("/blog/2022/11/10/trip")
        );
        assert_eq!(
            url("blog/notes/2022-1-5-x.mdx", &plain).as_deref(),
            Some("/blog/2022/1/5/notes/x")
        );
        assert_eq!(
            url("blog/2021-01-01-old/2022-11-10-new.md", &plain).as_deref(),
            Some("/blog/2022/11/10/2021-01-01-old/new")
        );
        let slugged = doc("---\nslug: /my-slug\n---\n");
        assert_eq!(
            url("blog/2022-11-10-review.md", &slugged).as_deref(),
            Some("/blog/my-slug")
        );
    }
}
