//! Resolving one reference: relative paths from the post's folder and from its URL, site-absolute
//! paths through the static folders and the route table, Liquid output Jekyll expands.

use super::{decode, join, Kind, Miss, Outcome, Reference, Via};
use crate::document::Document;
use crate::preset::Preset;
use crate::site::routes::{DocsLookup, RouteLookup};
use crate::site::SiteIndex;
use regex::Regex;
use std::sync::LazyLock;

/// Extensions of files that are served as they are: a link to one that exists nowhere is
/// dead whatever the routes.
const FILE_EXTENSIONS: &[&str] = &[
    "md", "mdx", "markdown", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp",
    "tif", "tiff", "pdf", "zip", "gz", "tgz", "tar", "7z", "mp3", "mp4", "m4a", "mov", "webm",
    "ogg", "wav", "csv", "tsv", "xls", "xlsx", "doc", "docx", "ppt", "pptx", "key", "epub",
    "ipynb", "txt",
];

fn extension(path: &str) -> Option<String> {
    let file = path.rsplit('/').next()?;
    let (_, ext) = file.rsplit_once('.')?;
    Some(ext.to_ascii_lowercase())
}

pub(super) fn is_markdown(path: &str) -> bool {
    matches!(extension(path).as_deref(), Some("md" | "mdx" | "markdown"))
}

fn is_file_like(path: &str) -> bool {
    extension(path).is_some_and(|e| FILE_EXTENSIONS.contains(&e.as_str()))
}

static SCHEME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9+.\-]*:").expect("valid regex"));

/// What a probe of a site-absolute path found.
enum Probe {
    Found(Option<usize>),
    /// A Docusaurus docs page.
    DocsPage(usize),
    /// Shaped like a post URL, and no post has it.
    NoPost,
    /// Docusaurus: under a docs base where no docs page is, or on a closed site where no
    /// part of the site publishes a page there.
    NoPage,
    Unknown,
}

/// Resolves the references of one post against the site index.
pub(super) struct Resolver<'a> {
    pub(super) site: &'a SiteIndex,
    /// The post's folder relative to the root; `None` for a post outside the root, whose
    /// relative references cannot be checked without reading outside it.
    pub(super) folder: Option<String>,
    /// The post's own URL, against which a browser resolves relative links.
    pub(super) url: Option<&'a str>,
    /// The post's index in the site, when it is one of the site's posts.
    pub(super) doc: Option<usize>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(site: &'a SiteIndex, doc: &'a Document) -> Self {
        let site_path = site.site_path(&doc.source.path);
        let folder = site_path
            .as_deref()
            .map(|p| p.rsplit_once('/').map_or("", |(dir, _)| dir).to_string());
        let index = site.document_index(&doc.source.path);
        let url = index
            .and_then(|i| site.routes.urls.get(i))
            .and_then(|u| u.as_ref())
            .map(|u| u.url.as_str());
        Self {
            site,
            folder,
            url,
            doc: index,
        }
    }

    pub(super) fn resolve(&self, r: &Reference) -> Outcome {
        let base = &self.site.routes.base_prefix;
        if r.after_base && !base.is_empty() {
            let outcome = self.resolve_tag(r);
            return match outcome {
                Outcome::Found { .. } => Outcome::Missing(Miss::BaseTwice {
                    tag: format!(
                        "{{% {} {} %}}",
                        if r.via == Via::LinkTag {
                            "link"
                        } else {
                            "post_url"
                        },
                        r.target
                    ),
                    base: base.clone(),
                }),
                other => other,
            };
        }
        self.resolve_tag(r)
    }

    fn resolve_tag(&self, r: &Reference) -> Outcome {
        match r.via {
            Via::PostUrl => self.post_url(&r.target, r.fragment.clone()),
            Via::LinkTag => self.link_tag(&r.target, r.fragment.clone()),
            Via::HugoRef => self.hugo_ref(&r.target, r.fragment.clone()),
            Via::Markdown | Via::Html | Via::FrontMatter | Via::Figure | Via::Bundled => {
                self.url_reference(&r.target, r.kind, r.via)
            }
        }
    }

    fn url_reference(&self, written: &str, kind: Kind, via: Via) -> Outcome {
        let written = written.trim();
        let expanded;
        let raw = if written.contains("{{") || written.contains("{%") {
            match self.expand_liquid(written) {
                Some(e) => {
                    expanded = e;
                    expanded.as_str()
                }
                None => return Outcome::Skip,
            }
        } else {
            written
        };
        if raw.is_empty() || raw.contains(['{', '}']) || raw.starts_with("//") {
            return Outcome::Skip;
        }
        if SCHEME.is_match(raw) {
            return Outcome::Skip;
        }
        // `[a]((https://x.com))`: the destination keeps the inner parentheses, a relative path
        // no page has.
        if let Some(inner) = raw.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            if kind == Kind::Link && (SCHEME.is_match(inner) || inner.starts_with('/')) {
                return Outcome::Missing(Miss::Parenthesised {
                    written: raw.to_string(),
                });
            }
        }
        let (before_fragment, fragment) = match raw.split_once('#') {
            Some((b, f)) => (b, Some(decode(f))),
            None => (raw, None),
        };
        let path_part = before_fragment.split('?').next().unwrap_or_default();
        if path_part.is_empty() {
            return match (kind, fragment) {
                (Kind::Link, Some(fragment)) if !fragment.is_empty() => {
                    Outcome::SameDoc { fragment }
                }
                _ => Outcome::Skip,
            };
        }
        let mut path = decode(path_part);
        if self.site.preset != Preset::Docusaurus && path.contains('\\') {
            // Jekyll and Hugo print the destination as written, and a browser reads `\` in an
            // http(s) URL as `/` (WHATWG URL parsing). Docusaurus resolves a relative image as
            // a file to bundle, where `\` is part of the name: it stays.
            path = path.replace('\\', "/");
            if path.starts_with("//") {
                return Outcome::Skip;
            }
        }
        if let Some(hugo) = &self.site.routes.hugo {
            return self.hugo(hugo, &path, path_part, kind, via, fragment);
        }
        if let Some(site_relative) = path.strip_prefix("@site/") {
            return self.relative_to("", site_relative, path_part, kind, fragment);
        }
        if path.starts_with('/') {
            if via != Via::FrontMatter && self.site.routes.outside_base(&path) {
                return self.outside_base(&path, path_part, kind);
            }
            return self.absolute(&path, path_part, kind, fragment);
        }
        let Some(folder) = self.folder.clone() else {
            return Outcome::Skip;
        };
        if self.site.preset == Preset::Docusaurus {
            if let Some(outcome) = self.docusaurus_relative(&folder, &path, path_part, kind, via) {
                return outcome;
            }
        }
        let outcome = self.relative_to(&folder, &path, path_part, kind, fragment.clone());
        if via == Via::FrontMatter && matches!(outcome, Outcome::Missing(_)) {
            // Themes pass front matter images through `relative_url`: `img/a.png` is `/img/a.png`.
            if let Outcome::Found { .. } = self.absolute(&format!("/{path}"), path_part, kind, None)
            {
                return Outcome::Found {
                    doc: None,
                    fragment,
                };
            }
        }
        outcome
    }

    /// `{{ site.baseurl }}`, `{{ "/x" | relative_url }}` and the like; `None` for any other
    /// Liquid, which postlint does not evaluate.
    fn expand_liquid(&self, text: &str) -> Option<String> {
        static OUTPUT: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\{\{-?\s*(.*?)\s*-?\}\}").expect("valid regex"));
        static FILTERED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r#"^(?:"([^"]*)"|'([^']*)')\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl)$"#,
            )
            .expect("valid regex")
        });
        if self.site.preset != Preset::Jekyll || text.contains("{%") {
            return None;
        }
        let base = self.site.routes.base_prefix.as_str();
        let mut ok = true;
        let expanded = OUTPUT.replace_all(text, |c: &regex::Captures<'_>| {
            let inner = c.get(1).map_or("", |m| m.as_str()).trim();
            match inner {
                "site.baseurl" => base.to_string(),
                "site.url" => String::new(),
                _ => match FILTERED.captures(inner) {
                    Some(f) => {
                        let path = f.get(1).or_else(|| f.get(2)).map_or("", |m| m.as_str());
                        format!("{base}/{}", path.trim_start_matches('/'))
                    }
                    None => {
                        ok = false;
                        String::new()
                    }
                },
            }
        });
        ok.then(|| expanded.into_owned())
    }

    fn relative_to(
        &self,
        folder: &str,
        path: &str,
        written: &str,
        kind: Kind,
        fragment: Option<String>,
    ) -> Outcome {
        let Some(joined) = join(folder, path) else {
            // Out of the source folders, but Jekyll copies the path as written, and the browser
            // resolves it against the post's URL, which may stand deeper than the file.
            return match self.url_relative(path) {
                Some(url) if self.site.preset == Preset::Jekyll => {
                    self.absolute(&url, written, kind, fragment)
                }
                _ => Outcome::OutsideRoot,
            };
        };
        if let Some(found) = self.existing(&joined, kind) {
            return Outcome::Found {
                doc: self.document_at(&found),
                fragment,
            };
        }
        // Docusaurus also resolves a Markdown link from the blog's own folder.
        if kind == Kind::Link && is_markdown(path) {
            if let Some(blog) = &self.site.routes.blog_dir {
                if let Some(found) = join(blog, path).and_then(|p| self.existing(&p, kind)) {
                    return Outcome::Found {
                        doc: self.document_at(&found),
                        fragment,
                    };
                }
            }
        }
        // The browser resolves it against the page's URL: a Hugo page's own images, a link
        // written as a route (`../other-post/`).
        let mut no_route = None;
        if let Some(url) = self.url_relative(path) {
            match self.probe(&url, kind) {
                Probe::Found(doc) => return Outcome::Found { doc, fragment },
                Probe::DocsPage(page) => return Outcome::FoundPage { page, fragment },
                Probe::NoPost => no_route = Some(self.no_post(written, &url)),
                Probe::NoPage => no_route = Some(self.no_page(written, &url)),
                Probe::Unknown => {}
            }
        }
        match kind {
            Kind::Link if !is_file_like(path) => no_route.unwrap_or(Outcome::Skip),
            _ => Outcome::Missing(Miss::File {
                written: written.to_string(),
                hint: self.file_hint(&joined, written),
                looked_for: vec![joined],
            }),
        }
    }

    fn absolute(&self, path: &str, written: &str, kind: Kind, fragment: Option<String>) -> Outcome {
        let Some(normal) = join("", path) else {
            return Outcome::OutsideRoot;
        };
        let normal = format!("/{normal}{}", if path.ends_with('/') { "/" } else { "" });
        match self.probe(&normal, kind) {
            Probe::Found(doc) => Outcome::Found { doc, fragment },
            Probe::DocsPage(page) => Outcome::FoundPage { page, fragment },
            Probe::NoPost => self.no_post(written, &normal),
            Probe::NoPage => self.no_page(written, &normal),
            Probe::Unknown if kind == Kind::Image || is_file_like(path) => {
                let roots = &self.site.routes.static_roots;
                let stripped = self.site.routes.without_base(&normal);
                let rel = stripped[0].trim_start_matches('/');
                let in_root = |root: &str| join(root, rel).unwrap_or_default();
                Outcome::Missing(Miss::File {
                    written: written.to_string(),
                    hint: roots
                        .iter()
                        .find_map(|root| self.case_hint(&in_root(root), written)),
                    looked_for: roots.iter().map(|r| in_root(r)).collect(),
                })
            }
            Probe::Unknown => Outcome::Skip,
        }
    }

    /// A site-absolute, normalised URL path (leading `/`), with or without the base prefix.
    fn probe(&self, path: &str, kind: Kind) -> Probe {
        let routes = &self.site.routes;
        for candidate in routes.without_base(path) {
            let rel = candidate.trim_start_matches('/');
            for root in &routes.static_roots {
                let Some(in_root) = join(root, rel) else {
                    continue;
                };
                if let Some(found) = self.site.find_file(&in_root) {
                    return Probe::Found(self.document_at(&found));
                }
                if kind == Kind::Link && !in_root.is_empty() && self.site.has_folder(&in_root) {
                    return Probe::Found(None);
                }
            }
            if kind == Kind::Link && is_markdown(rel) {
                let blog = routes.blog_dir.as_deref().and_then(|b| join(b, rel));
                for p in std::iter::once(rel.to_string()).chain(blog) {
                    if let Some(found) = self.existing(&p, kind) {
                        return Probe::Found(self.document_at(&found));
                    }
                }
            }
            if kind == Kind::Image && self.site.preset == Preset::Hugo {
                if let Some(found) = self.bundle_resource(&candidate) {
                    return Probe::Found(self.document_at(&found));
                }
            }
        }
        if kind == Kind::Image {
            return Probe::Unknown;
        }
        let shaped = match routes.lookup(path) {
            RouteLookup::Post(doc) => return Probe::Found(Some(doc)),
            RouteLookup::Missing => true,
            RouteLookup::Unknown => false,
        };
        let docs = (self.site.preset == Preset::Docusaurus).then(|| self.site.docs());
        let candidates = routes.without_base(path);
        if let Some(docs) = docs {
            for candidate in &candidates {
                if let DocsLookup::Page(page) = docs.lookup(candidate) {
                    return Probe::DocsPage(page);
                }
            }
        }
        for candidate in &candidates {
            if let Some(page) = self.page_source(candidate.trim_start_matches('/')) {
                return Probe::Found(self.document_at(&page));
            }
        }
        if shaped {
            return Probe::NoPost;
        }
        // A path outside the `baseUrl` is not judged as a page of the site.
        let within_base = routes.base_prefix.is_empty() || candidates.len() > 1;
        match docs {
            Some(docs) if within_base => {
                let unprefixed = &candidates[0];
                if docs.lookup(unprefixed) == DocsLookup::Missing || docs.closed_miss(unprefixed) {
                    Probe::NoPage
                } else {
                    Probe::Unknown
                }
            }
            _ => Probe::Unknown,
        }
    }

    /// A file at `site_path`, or for links a folder (its index page when it has one).
    fn existing(&self, site_path: &str, kind: Kind) -> Option<String> {
        if let Some(found) = self.site.find_file(site_path) {
            return Some(found);
        }
        if kind == Kind::Link && self.site.has_folder(site_path) {
            const INDEXES: &[&str] = &[
                "index.md",
                "index.mdx",
                "_index.md",
                "index.markdown",
                "index.html",
                "README.md",
            ];
            let index = INDEXES.iter().find_map(|name| {
                let p = join(site_path, name)?;
                self.site.find_file(&p)
            });
            return Some(index.unwrap_or_else(|| site_path.to_string()));
        }
        None
    }

    /// A page source a site-absolute link may name: `about.md` for `/about/`, Docusaurus
    /// `src/pages/about.js`.
    fn page_source(&self, rel: &str) -> Option<String> {
        let rel = rel.trim_end_matches('/');
        let rel = rel
            .strip_suffix("/index.html")
            .or_else(|| rel.strip_suffix(".html"))
            .unwrap_or(rel);
        let bases: Vec<String> = match self.site.preset {
            // A file of a docs folder postlint models publishes at its docs route only.
            Preset::Docusaurus if self.site.docs().models_folder_of(rel) => {
                vec![format!("src/pages/{rel}")]
            }
            Preset::Docusaurus => vec![format!("src/pages/{rel}"), rel.to_string()],
            Preset::Hugo => {
                let content = self.site.routes.content_dir.as_deref().unwrap_or("content");
                vec![format!("{content}/{rel}"), rel.to_string()]
            }
            _ => vec![rel.to_string()],
        };
        const PAGE_FILES: &[&str] = &[
            ".md",
            ".markdown",
            ".html",
            ".mdx",
            ".js",
            ".jsx",
            ".ts",
            ".tsx",
            "/index.md",
            "/index.markdown",
            "/index.html",
            "/index.mdx",
            "/index.js",
            "/index.jsx",
            "/index.ts",
            "/index.tsx",
            "/_index.md",
        ];
        bases
            .iter()
            .filter(|base| !base.is_empty())
            .find_map(|base| {
                PAGE_FILES
                    .iter()
                    .find_map(|suffix| self.site.find_file(&format!("{base}{suffix}")))
            })
    }

    /// Hugo publishes a bundle's files next to its page: `/posts/trip/map.png` is
    /// `content/posts/trip/map.png` when `content/posts/trip/index.md` is at `/posts/trip/`.
    fn bundle_resource(&self, url: &str) -> Option<String> {
        let (parent, file) = url.trim_end_matches('/').rsplit_once('/')?;
        let RouteLookup::Post(doc) =
            self.site
                .routes
                .lookup(if parent.is_empty() { "/" } else { parent })
        else {
            return None;
        };
        let page = self.site.document_site_paths.get(doc)?.as_deref()?;
        let folder = page.rsplit_once('/').map_or("", |(d, _)| d);
        self.site.find_file(&join(folder, file)?)
    }

    /// A relative path read against the post's URL, as a browser reads it.
    /// A Jekyll path outside `baseurl` (a theme's front matter image gets it added, a post's
    /// link does not): broken when the same path under `baseurl` is this site's, since that is
    /// what was meant, or is shaped like a post of this site that does not exist; unknown
    /// otherwise (another site on the same host).
    fn outside_base(&self, path: &str, written: &str, kind: Kind) -> Outcome {
        let inside = format!("{}{path}", self.site.routes.base_prefix);
        match self.absolute(&inside, written, kind, None) {
            Outcome::Found { .. } => Outcome::Missing(Miss::OutsideBase {
                written: written.to_string(),
                inside,
            }),
            // Missing under `baseurl` too: say what is missing there.
            missing @ Outcome::Missing(Miss::Post { .. }) => missing,
            _ => Outcome::Skip,
        }
    }

    pub(super) fn url_relative(&self, path: &str) -> Option<String> {
        let own = self.url?;
        // The browser resolves against the URL it shows, which has the `baseurl` Jekyll serves
        // the site under.
        let served;
        let url = if self.site.routes.base_required {
            served = format!("{}{own}", self.site.routes.base_prefix);
            served.as_str()
        } else {
            own
        };
        let base = match url.rfind('/') {
            Some(i) => &url[..=i],
            None => "/",
        };
        let joined = join(base, path)?;
        Some(format!(
            "/{joined}{}",
            if path.ends_with('/') && !joined.is_empty() {
                "/"
            } else {
                ""
            }
        ))
    }

    pub(super) fn document_at(&self, site_path: &str) -> Option<usize> {
        self.site.document_at(site_path)
    }
}
