//! Docusaurus docs routes, as `@docusaurus/plugin-content-docs` derives them: each `.md`/`.mdx`
//! file of a docs folder publishes at `routeBasePath` + its slug (the `slug` key, else the
//! folder and the `id` or file name with number prefixes stripped, `index`/`README`/the
//! folder's own name standing for the folder). And what the rest of the site can publish: on a
//! site whose config names no other plugin or theme, a page link that is none of the blog's,
//! the docs', `src/pages/`' or a static file's leads nowhere.
//!
//! Built the first time a link asks (reading the front matter of every docs file), so a run
//! that never links into the docs reads none of them.

use super::docusaurus::{literal, options_object, DocusaurusConfig};
use super::{join_url, route_key};
use crate::document::front_matter::{self, FmNode, FmValue};
use crate::spelling::NameIndex;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// One docs plugin instance.
#[derive(Debug, PartialEq)]
struct Plugin {
    /// Its content folder, relative to the root.
    dir: String,
    /// `routeBasePath` as a route key prefix (`/docs`; `""` for docs at the site root).
    base: String,
    /// First segments under the base that the plugin generates besides docs (tags, generated
    /// category indexes).
    reserved: Vec<String>,
    /// Whether postlint knows every route it makes: not when an option that changes them is
    /// computed or one it does not model (versions, `include`, `exclude`, a prefix parser).
    known: bool,
}

/// A docs page.
#[derive(Debug)]
pub(crate) struct DocsPage {
    /// Its file, relative to the root.
    pub(crate) site_path: String,
    /// Its URL, without the `baseUrl` prefix.
    pub(crate) url: String,
}

/// What a site-absolute path is, as far as the docs and the rest of the site go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DocsLookup {
    Page(usize),
    /// Under a docs base, and no docs page is there.
    Missing,
    Unknown,
}

#[derive(Debug, Default)]
pub(crate) struct DocsSite {
    plugins: Vec<Plugin>,
    pub(crate) pages: Vec<DocsPage>,
    by_key: HashMap<String, usize>,
    by_site_path: HashMap<String, usize>,
    /// Route keys of drafts (not published in production; links to them are not judged).
    drafts: HashSet<String>,
    /// Plugins where a page's route could not be computed (unreadable file or front matter).
    unsure: HashSet<usize>,
    /// On a closed site: the first URL segments whose pages another part of the site makes
    /// (blog, docs, search); any other page link that finds nothing is dead.
    closed: Option<Vec<String>>,
    /// The first URL segments of the blog and of each docs plugin.
    roots: Vec<String>,
}

impl DocsSite {
    /// `read` gives the text of a site file, `None` when it cannot be read.
    pub(crate) fn build(
        script: Option<&str>,
        files: &HashSet<String>,
        read: impl Fn(&str) -> Option<String>,
    ) -> Self {
        let Some(script) = script else {
            return Self::default();
        };
        let versioned = files
            .iter()
            .any(|f| !f.contains('/') && f.ends_with("versions.json"));
        let mut plugins = plugins(script, versioned);
        // A docs folder that is not there fails the build: the site is not all in the
        // repository (docs generated at build time), so its routes cannot be known.
        for plugin in &mut plugins {
            let prefix = format!("{}/", plugin.dir);
            plugin.known &= files.iter().any(|f| f.starts_with(&prefix));
        }
        let blog = DocusaurusConfig::parse(Some(script)).route_base;
        let roots = std::iter::once(blog.as_str())
            .chain(plugins.iter().map(|p| p.base.as_str()))
            .filter_map(first_segment)
            .collect();
        let mut site = DocsSite {
            roots,
            closed: closed_roots(script, &plugins),
            plugins,
            ..Self::default()
        };
        // A generated index may take any `slug` a sidebar or `_category_` file gives it.
        let sidebar_slugs = files
            .iter()
            .filter(|f| {
                f.rsplit('/')
                    .next()
                    .is_some_and(|n| n.starts_with("sidebars"))
            })
            .any(|f| read(f).is_none_or(|text| text.contains("slug")));
        for (p, plugin) in site.plugins.iter().enumerate() {
            if !plugin.known {
                continue;
            }
            let prefix = format!("{}/", plugin.dir);
            let category_slugs = files
                .iter()
                .filter(|f| f.starts_with(&prefix) && f.contains("_category_"))
                .any(|f| read(f).is_none_or(|text| text.contains("slug")));
            if sidebar_slugs || category_slugs {
                site.unsure.insert(p);
            }
            let mut sources: Vec<&String> =
                files.iter().filter(|f| f.starts_with(&prefix)).collect();
            // In file order, so which of two docs at one URL wins does not depend on hashing.
            sources.sort_unstable();
            for file in sources {
                let rel = &file[prefix.len()..];
                if !is_doc_source(rel) {
                    continue;
                }
                let Some(fm) = read(file).map(|text| doc_front_matter(&text)) else {
                    site.unsure.insert(p);
                    continue;
                };
                let Some(fm) = fm else {
                    site.unsure.insert(p);
                    continue;
                };
                let url = join_url(&[&plugin.base, &doc_slug(rel, &fm)]);
                let key = route_key(&url, false);
                if fm.draft {
                    site.drafts.insert(key);
                    continue;
                }
                let page = site.pages.len();
                site.by_key.entry(key).or_insert(page);
                site.by_site_path.insert(file.to_string(), page);
                site.pages.push(DocsPage {
                    site_path: file.to_string(),
                    url,
                });
            }
        }
        site
    }

    /// The docs page a decoded site-absolute path (without the `baseUrl` prefix) names, or
    /// whether it lies under a docs base where nothing is.
    pub(crate) fn lookup(&self, path: &str) -> DocsLookup {
        let key = route_key(path, false);
        if let Some(&page) = self.by_key.get(&key) {
            return DocsLookup::Page(page);
        }
        if self.drafts.contains(&key) {
            return DocsLookup::Unknown;
        }
        for (p, plugin) in self.plugins.iter().enumerate() {
            if plugin.base.is_empty() {
                continue;
            }
            let Some(rest) = key.strip_prefix(plugin.base.as_str()) else {
                continue;
            };
            let Some(first) = rest.strip_prefix('/').and_then(|r| r.split('/').next()) else {
                continue;
            };
            // Docusaurus matches routes without letter case: `/docs/Intro` may be `/docs/intro`.
            if first.is_empty()
                || has_upper(&key)
                || !plugin.known
                || self.unsure.contains(&p)
                || plugin.reserved.iter().any(|r| r == first)
            {
                return DocsLookup::Unknown;
            }
            return DocsLookup::Missing;
        }
        DocsLookup::Unknown
    }

    /// Whether a page link (decoded, without the `baseUrl` prefix) that no post, docs page,
    /// page source or static file answers is dead: only on a closed site, and never for the
    /// home page, a file name or a folder another part of the site generates.
    pub(crate) fn closed_miss(&self, path: &str) -> bool {
        let Some(open) = &self.closed else {
            return false;
        };
        let key = route_key(path, false);
        let first = key.trim_start_matches('/').split('/').next().unwrap_or("");
        let last = key.rsplit('/').next().unwrap_or("");
        !first.is_empty()
            && !last.contains('.')
            && !has_upper(&key)
            && !open.iter().any(|o| o == first)
    }

    /// The first URL segments of the blog and the docs (`blog`, `docs`).
    pub(crate) fn roots(&self) -> &[String] {
        &self.roots
    }

    /// Whether `site_path` lies in the folder of a docs plugin whose routes are all known.
    pub(crate) fn models_folder_of(&self, site_path: &str) -> bool {
        self.plugins.iter().enumerate().any(|(i, p)| {
            p.known
                && !self.unsure.contains(&i)
                && site_path
                    .strip_prefix(p.dir.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    }

    /// The docs page published from a site file.
    pub(crate) fn page_of_file(&self, site_path: &str) -> Option<&DocsPage> {
        self.by_site_path.get(site_path).map(|&i| &self.pages[i])
    }

    /// The docs URL closest to a missing one among its siblings.
    pub(crate) fn suggest(&self, path: &str) -> Option<&str> {
        let key = route_key(path, false);
        let (parent, name) = key.rsplit_once('/')?;
        let siblings: Vec<String> = self
            .by_key
            .keys()
            .filter_map(|k| k.rsplit_once('/'))
            .filter(|(p, _)| *p == parent)
            .map(|(_, n)| n.to_string())
            .collect();
        let close = NameIndex::new(siblings).closest(name)?.to_string();
        let page = *self.by_key.get(&format!("{parent}/{close}"))?;
        Some(self.pages[page].url.as_str())
    }
}

/// The docs plugin instances the config sets up: the classic preset's `docs` (unless `false`)
/// and every `@docusaurus/plugin-content-docs` in `plugins`.
fn plugins(script: &str, versioned: bool) -> Vec<Plugin> {
    static PRESET_DOCS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\bdocs\s*:\s*(\{|false\b)?").expect("valid regex"));
    static INSTANCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"plugin-content-docs['"]\s*(,\s*\{)?"#).expect("valid regex")
    });
    let mut out = Vec::new();
    let has_preset = script.contains("classic");
    match PRESET_DOCS.captures(script) {
        Some(c) => match c.get(1).map(|m| m.as_str()) {
            Some("{") => out.push(plugin(options_object(
                script,
                c.get(0).map_or(0, |m| m.end()),
            ))),
            Some(_) => {}
            // `docs: someVariable`: options postlint cannot read.
            None => out.push(Plugin {
                known: false,
                ..plugin(Some(""))
            }),
        },
        None if has_preset => out.push(plugin(Some(""))),
        None => {}
    }
    for c in INSTANCE.captures_iter(script) {
        let options = match c.get(1) {
            Some(m) => options_object(script, m.end()),
            None => Some(""),
        };
        out.push(plugin(options));
    }
    if versioned {
        for p in &mut out {
            p.known = false;
        }
    }
    out
}

/// A docs plugin from the text of its options object (`None`: unreadable).
fn plugin(options: Option<&str>) -> Plugin {
    let text = options.unwrap_or_default();
    let literal_or_unknown = |key: &str, default: &str| -> Option<String> {
        match literal(text, key) {
            Some(v) => Some(v),
            None if has_key(text, key) => None,
            None => Some(default.to_string()),
        }
    };
    let dir = literal_or_unknown("path", "docs");
    let base = literal_or_unknown("routeBasePath", "docs");
    let tags = literal_or_unknown("tagsBasePath", "tags");
    let modelled = [
        "include",
        "exclude",
        "numberPrefixParser",
        "versions",
        "lastVersion",
    ]
    .iter()
    .all(|k| !has_key(text, k));
    Plugin {
        known: options.is_some() && dir.is_some() && base.is_some() && tags.is_some() && modelled,
        dir: dir
            .unwrap_or_default()
            .trim_start_matches("./")
            .trim_matches('/')
            .to_string(),
        base: join_url(&[&base.unwrap_or_default()])
            .trim_end_matches('/')
            .to_string(),
        reserved: vec![tags.unwrap_or_default(), "category".to_string()],
    }
}

fn has_key(text: &str, key: &str) -> bool {
    Regex::new(&format!(r"\b{key}\s*:"))
        .map(|re| re.is_match(text))
        .unwrap_or(true)
}

/// On a site whose config adds no plugin, theme, locale or page option postlint cannot see:
/// the first URL segments the blog and docs (and a search page) own. `None` when the site may
/// publish pages postlint does not know.
fn closed_roots(script: &str, docs: &[Plugin]) -> Option<Vec<String>> {
    // `plugins`/`themes` anywhere but as an empty list (`plugins,` shorthand, a variable, a
    // list with entries) may add routes.
    static EXTENSIONS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:plugins|themes)\b").expect("valid regex"));
    static EMPTY_LIST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:plugins|themes)\s*:\s*\[\s*\]").expect("valid regex"));
    static OPTIONS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:blog|pages)\s*:\s*(\{|false\b)?").expect("valid regex"));
    static SPREAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\.\.\.[A-Za-z_$]").expect("valid regex"));
    static IGNORED_LINKS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"\bonBrokenLinks\s*:\s*['"]ignore"#).expect("valid regex"));
    static LOCALES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\blocales\s*:\s*\[([^\]]*)\]").expect("valid regex"));
    if !script.contains("classic")
        || SPREAD.is_match(script)
        || IGNORED_LINKS.is_match(script)
        || EXTENSIONS.find_iter(script).count() != EMPTY_LIST.find_iter(script).count()
        || docs.iter().any(|d| !d.known || d.base.is_empty())
    {
        return None;
    }
    for c in OPTIONS.captures_iter(script) {
        let open = c.get(1).map(|m| m.as_str());
        let is_pages = c.get(0).is_some_and(|m| m.as_str().starts_with("pages"));
        if open.is_none() || (is_pages && open == Some("{")) {
            return None;
        }
    }
    if script.contains("locales") {
        let list = LOCALES.captures(script)?.get(1)?.as_str();
        if list.split(',').filter(|s| !s.trim().is_empty()).count() > 1 {
            return None;
        }
    }
    let blog = DocusaurusConfig::parse(Some(script));
    if blog.route_base.is_empty() {
        return None;
    }
    let mut open: Vec<String> = vec!["search".to_string()];
    open.extend(first_segment(&blog.route_base));
    open.extend(docs.iter().filter_map(|d| first_segment(&d.base)));
    Some(open)
}

/// Docusaurus matches routes without letter case, postlint with it: a miss in another case is
/// not judged.
fn has_upper(key: &str) -> bool {
    key.chars().any(char::is_uppercase)
}

fn first_segment(base: &str) -> Option<String> {
    let first = base.trim_start_matches('/').split('/').next()?;
    (!first.is_empty()).then(|| first.to_string())
}

/// A file the docs plugin publishes: `.md`/`.mdx`, not under the default `exclude`
/// (`_`-prefixed files and folders, `__tests__`).
fn is_doc_source(rel: &str) -> bool {
    (rel.ends_with(".md") || rel.ends_with(".mdx"))
        && !rel
            .split('/')
            .any(|part| part.starts_with('_') || part == "__tests__")
}

/// The front matter keys that set a doc's route.
#[derive(Debug, Default)]
struct DocFrontMatter {
    id: Option<String>,
    slug: Option<String>,
    draft: bool,
    parse_number_prefixes: bool,
}

/// `None` when the block is there but cannot be read, or a key that sets the route is not a
/// string: the plugin refuses the doc.
fn doc_front_matter(text: &str) -> Option<DocFrontMatter> {
    let mut fm = DocFrontMatter {
        parse_number_prefixes: true,
        ..DocFrontMatter::default()
    };
    let Some(block) = front_matter::parse(text, false) else {
        return Some(fm);
    };
    let root = block.root?;
    let string = |key: &str| -> Result<Option<String>, ()> {
        match root.get(key).map(|e| &e.value) {
            None => Ok(None),
            Some(FmNode {
                value: FmValue::Str(s),
                ..
            }) => Ok(Some(s.clone())),
            Some(_) => Err(()),
        }
    };
    fm.id = string("id").ok()?;
    fm.slug = string("slug").ok()?;
    let flag = |key: &str| match root.get(key).map(|e| &e.value.value) {
        Some(FmValue::Bool(b)) => Some(*b),
        _ => None,
    };
    fm.draft = flag("draft").unwrap_or(false);
    fm.parse_number_prefixes = flag("parse_number_prefixes").unwrap_or(true);
    Some(fm)
}

/// The slug the plugin gives the doc at `rel` (relative to its folder).
fn doc_slug(rel: &str, fm: &DocFrontMatter) -> String {
    let (dir, file) = rel.rsplit_once('/').unwrap_or((".", rel));
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if let Some(slug) = fm.slug.as_deref().filter(|s| s.starts_with('/')) {
        return slug.to_string();
    }
    let dir_slug = if dir == "." {
        "/".to_string()
    } else if fm.parse_number_prefixes {
        let parts: Vec<&str> = dir.split('/').map(strip_number_prefix).collect();
        format!("/{}/", parts.join("/"))
    } else {
        format!("/{dir}/")
    };
    let last_dir = dir.rsplit('/').next().unwrap_or(dir);
    let is_index = ["index", "readme", &last_dir.to_lowercase()]
        .iter()
        .any(|n| *n == stem.to_lowercase());
    if fm.slug.is_none() && is_index {
        return dir_slug;
    }
    let unprefixed = if fm.parse_number_prefixes {
        strip_number_prefix(stem)
    } else {
        stem
    };
    let base = fm
        .slug
        .as_deref()
        .or(fm.id.as_deref())
        .unwrap_or(unprefixed);
    resolve_pathname(base, &dir_slug)
}

/// `base` read relative to the folder URL `dir` (`/a/b/`), `.` and `..` resolved.
fn resolve_pathname(base: &str, dir: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for segment in base.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let trailing = if base.ends_with('/') { "/" } else { "" };
    format!("/{}{trailing}", parts.join("/"))
}

/// The default number prefix parser: `01-intro` → `intro`, `003 - setup` → `setup`, but not a
/// date or version (`2021-11-notes`, `7.0-guide`).
pub(crate) fn strip_number_prefix(name: &str) -> &str {
    static IGNORED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d+[-_.]\d+").expect("valid regex"));
    static PREFIX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d+\s*[-_.]+\s*([^-_.\s].*)$").expect("valid regex"));
    if IGNORED.is_match(name) {
        return name;
    }
    match PREFIX.captures(name).and_then(|c| c.get(1)) {
        Some(m) => &name[m.start()..],
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(rel: &str, fm: &str) -> String {
        let text = format!("---\n{fm}\n---\n");
        let fm = doc_front_matter(if fm.is_empty() { "" } else { &text }).expect("front matter");
        doc_slug(rel, &fm)
    }

    #[test]
    fn slugs_as_the_plugin_computes_them() {
        assert_eq!(slug("intro.md", ""), "/intro");
        assert_eq!(slug("01-guides/02-setup.mdx", ""), "/guides/setup");
        assert_eq!(slug("api/index.md", ""), "/api/");
        assert_eq!(slug("api/README.md", ""), "/api/");
        assert_eq!(slug("api/api.md", ""), "/api/");
        assert_eq!(slug("index.md", ""), "/");
        assert_eq!(slug("guides/setup.md", "id: install"), "/guides/install");
        assert_eq!(slug("guides/setup.md", "slug: /start"), "/start");
        assert_eq!(slug("guides/setup.md", "slug: quick"), "/guides/quick");
        assert_eq!(slug("guides/setup.md", "slug: ../top"), "/top");
        assert_eq!(slug("2021-11-notes.md", ""), "/2021-11-notes");
        assert_eq!(slug("7.0-guide.md", ""), "/7.0-guide");
        assert_eq!(slug("003 - setup.md", ""), "/setup");
        assert_eq!(
            slug("01-a/02-b.md", "parse_number_prefixes: false"),
            "/01-a/02-b"
        );
    }

    #[test]
    fn options_read_from_the_config() {
        let site = plugins(
            "presets: [['classic', { docs: { path: 'guides', routeBasePath: '/manual' } }]]",
            false,
        );
        assert_eq!(
            site,
            [Plugin {
                dir: "guides".into(),
                base: "/manual".into(),
                reserved: vec!["tags".into(), "category".into()],
                known: true,
            }]
        );
        assert!(plugins("presets: [['classic', { docs: false }]]", false).is_empty());
        assert!(!plugins("presets: [['classic', { docs: opts }]]", false)[0].known);
        assert!(!plugins("presets: [['classic', {}]]", true)[0].known);
        let computed = plugins(
            "presets: [['classic', { docs: { routeBasePath: base } }]]",
            false,
        );
        assert!(!computed[0].known);
    }

    #[test]
    fn closed_only_without_other_plugins() {
        let closed = |s: &str| closed_roots(s, &plugins(s, false));
        assert_eq!(
            closed("presets: [['classic', { docs: false, blog: { routeBasePath: 'news' } }]]"),
            Some(vec!["search".to_string(), "news".to_string()])
        );
        assert_eq!(
            closed("presets: [['classic', {}]], plugins: []"),
            Some(vec!["search".into(), "blog".into(), "docs".into()])
        );
        assert_eq!(closed("presets: [['classic', {}]], plugins: ['x']"), None);
        assert_eq!(closed("presets: [['classic', {}]], themes: [t]"), None);
        assert_eq!(closed("presets: [['classic', {}]], plugins, title"), None);
        assert_eq!(closed("presets: [['classic', {}]], plugins: list"), None);
        assert_eq!(closed("presets: [['classic', { blog: b }]]"), None);
        assert_eq!(
            closed("presets: [['classic', { pages: { path: 'p' } }]]"),
            None
        );
        assert_eq!(
            closed("i18n: { locales: ['en', 'ko'] }, presets: [['classic', {}]]"),
            None
        );
        assert_eq!(closed("presets: [['classic', { ...opts }]]"), None);
        assert_eq!(
            closed("onBrokenLinks: 'ignore', presets: [['classic', { docs: false }]]"),
            None
        );
        assert_eq!(
            closed("presets: [['classic', { docs: { routeBasePath: '/' } }]]"),
            None
        );
        assert_eq!(closed("module.exports = { presets: [myPreset] }"), None);
    }
}
