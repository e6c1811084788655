//! Where a post's links and images lead, resolved the way the site's generator resolves them:
//! relative paths from the post's folder (and from its URL), site-absolute paths through the
//! static folders and the route table, Jekyll `post_url` / `link`, Hugo `ref` / `relref`.
//! Only the site index is consulted: nothing outside the root is ever read.

use crate::document::front_matter::{FmNode, FmValue};
use crate::document::markdown::RefKind as MarkdownKind;
use crate::document::Document;
use crate::preset::Preset;
use crate::routes::RouteLookup;
use crate::site::SiteIndex;
use crate::source::Span;
use percent_encoding::percent_decode_str;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Link,
    Image,
}

/// Where a reference was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// `[text](dest)`, `![alt](src)`, reference style.
    Markdown,
    /// `<a href>`, `<img src>`.
    Html,
    /// An image field of the front matter.
    FrontMatter,
    /// Jekyll `{% post_url name %}`.
    PostUrl,
    /// Jekyll `{% link path %}`.
    LinkTag,
    /// Hugo `{{< ref >}}` / `{{< relref >}}`.
    HugoRef,
    /// Hugo `{{< figure src >}}`.
    Figure,
}

/// One link or image of a post.
#[derive(Clone, Debug)]
pub struct Reference {
    pub kind: Kind,
    pub via: Via,
    /// The target as written (for template tags: the tag's argument).
    pub target: String,
    /// What a finding underlines: the destination, the attribute value, the tag.
    pub span: Span,
    /// For template tags, a `#fragment` written right after the tag.
    pub fragment: Option<String>,
}

/// What a reference leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not a local reference, or one postlint cannot follow: external URLs, other schemes,
    /// template-built paths, routes it cannot know.
    Skip,
    /// The path climbs out of the site root.
    OutsideRoot,
    /// It exists; `doc` is the target post when it is one postlint parsed.
    Found {
        doc: Option<usize>,
        fragment: Option<String>,
    },
    /// A `#fragment` of the post itself.
    SameDoc { fragment: String },
    /// It leads nowhere.
    Missing {
        message: String,
        help: Option<String>,
    },
}

/// The local links and images of a post, in source order: Markdown and HTML ones, front matter
/// image fields, and the template tags that make links.
pub fn references(doc: &Document) -> Vec<Reference> {
    let mut out = Vec::new();
    let text = doc.text();
    let in_template = |span: Span| {
        doc.template_skipped
            .iter()
            .any(|s| s.start < span.end && span.start < s.end)
    };
    // Liquid output joined for the Markdown parser: read the destination as written.
    let written = |dest: &str, span: Span, kind: MarkdownKind| -> String {
        if !dest.contains("{{") {
            dest.to_string()
        } else if kind == MarkdownKind::Reference {
            liquid_definition(doc, dest).unwrap_or_else(|| dest.to_string())
        } else {
            text.get(span.start..span.end).unwrap_or(dest).to_string()
        }
    };
    // Reference links that share a definition are checked once, at the definition.
    let mut definitions_seen: Vec<Span> = Vec::new();
    let mut first_use = |kind: MarkdownKind, span: Span| {
        kind != MarkdownKind::Reference || {
            let new = !definitions_seen.contains(&span);
            definitions_seen.push(span);
            new
        }
    };
    for link in &doc.markdown.links {
        if link.kind == MarkdownKind::Autolink
            || in_template(link.span)
            || !first_use(link.kind, link.dest_span)
        {
            continue;
        }
        out.push(Reference {
            kind: Kind::Link,
            via: via(link.kind),
            target: written(&link.dest, link.dest_span, link.kind),
            span: link.dest_span,
            fragment: None,
        });
    }
    for image in &doc.markdown.images {
        if in_template(image.span) || !first_use(image.kind, image.src_span) {
            continue;
        }
        out.push(Reference {
            kind: Kind::Image,
            via: via(image.kind),
            target: written(&image.src, image.src_span, image.kind),
            span: image.src_span,
            fragment: None,
        });
    }
    front_matter_images(doc, &mut out);
    for tag in &doc.template_tags {
        let (kind, via, target) = match tag.name.as_str() {
            "post_url" => (Kind::Link, Via::PostUrl, unquote(&tag.args)),
            "link" => (Kind::Link, Via::LinkTag, unquote(&tag.args)),
            "ref" | "relref" => match shortcode_arg(&tag.args, "path") {
                Some(path) => (Kind::Link, Via::HugoRef, path),
                None => continue,
            },
            "figure" => match shortcode_arg(&tag.args, "src") {
                Some(src) if tag.args.contains("src=") => (Kind::Image, Via::Figure, src),
                _ => continue,
            },
            _ => continue,
        };
        out.push(Reference {
            kind,
            via,
            target,
            span: tag.span,
            fragment: fragment_after(text, tag.span.end),
        });
    }
    out.sort_by_key(|r| r.span.start);
    out
}

/// The destination of the reference definition whose joined form is `dest`, as written
/// (`[ref]: {{ site.baseurl }}/a.png`): joining only turned blanks into dots, so it has the
/// same length right after the `]:`.
fn liquid_definition(doc: &Document, dest: &str) -> Option<String> {
    let text = doc.text();
    doc.markdown.definitions.iter().find_map(|def| {
        if def.dest != dest {
            return None;
        }
        let raw = text.get(def.span.start..def.span.end)?;
        let after = &raw[raw.find("]:")? + 2..];
        let start = after.len() - after.trim_start().len();
        let start = start + usize::from(after[start..].starts_with('<'));
        after.get(start..start + dest.len()).map(str::to_string)
    })
}

fn via(kind: MarkdownKind) -> Via {
    match kind {
        MarkdownKind::Html => Via::Html,
        _ => Via::Markdown,
    }
}

/// The front matter fields that hold images (Docusaurus, Minimal Mistakes, Hugo themes).
const IMAGE_FIELDS: &[&[&str]] = &[
    &["image"],
    &["images"],
    &["header", "image"],
    &["header", "teaser"],
    &["header", "overlay_image"],
    &["cover", "image"],
];

fn front_matter_images(doc: &Document, out: &mut Vec<Reference>) {
    let Some(root) = doc.front_matter_root() else {
        return;
    };
    for path in IMAGE_FIELDS {
        let mut node = Some(root);
        for key in *path {
            node = node.and_then(|n| n.get(key)).map(|e| &e.value);
        }
        let Some(node) = node else { continue };
        let values: Vec<&FmNode> = match &node.value {
            FmValue::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        for value in values {
            if let Some(target) = value.as_str() {
                out.push(Reference {
                    kind: Kind::Image,
                    via: Via::FrontMatter,
                    target: target.to_string(),
                    span: value.span,
                    fragment: None,
                });
            }
        }
    }
}

fn unquote(args: &str) -> String {
    args.trim().trim_matches(['"', '\'']).trim().to_string()
}

/// A Hugo shortcode's argument: `name="…"`, else the first positional one.
fn shortcode_arg(args: &str, name: &str) -> Option<String> {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|`([^`]*)`|(\S+))"#)
            .expect("valid regex")
    });
    static POSITIONAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^\s*(?:"([^"]*)"|'([^']*)'|`([^`]*)`|([^\s=]+)(?:\s|$))"#)
            .expect("valid regex")
    });
    let value = |c: &regex::Captures<'_>, from: usize| {
        (from..from + 4)
            .find_map(|i| c.get(i))
            .map(|m| m.as_str().to_string())
    };
    for c in NAMED.captures_iter(args) {
        if c.get(1).is_some_and(|k| k.as_str() == name) {
            return value(&c, 2);
        }
    }
    POSITIONAL.captures(args).and_then(|c| value(&c, 1))
}

/// `#fragment` written right after a template tag: `{% post_url x %}#install`.
fn fragment_after(text: &str, offset: usize) -> Option<String> {
    let rest = text.get(offset..)?.strip_prefix('#')?;
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>' | ']'))
        .unwrap_or(rest.len());
    Some(decode(&rest[..end]))
}

/// Percent-decodes a path or fragment (invalid UTF-8 is kept lossily).
pub fn decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Joins a relative path to a folder under the root, resolving `.` and `..`; `None` when it
/// climbs above the root.
pub fn join(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

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

fn is_markdown(path: &str) -> bool {
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
    /// Shaped like a post URL, and no post has it.
    NoPost,
    Unknown,
}

/// Resolves the references of one post against the site index.
pub struct Resolver<'a> {
    site: &'a SiteIndex,
    /// The post's folder relative to the root; `None` for a post outside the root, whose
    /// relative references cannot be checked without reading outside it.
    folder: Option<String>,
    /// The post's own URL, against which a browser resolves relative links.
    url: Option<&'a str>,
}

impl<'a> Resolver<'a> {
    pub fn new(site: &'a SiteIndex, doc: &'a Document) -> Self {
        let site_path = site.site_path(&doc.source.path);
        let folder = site_path
            .as_deref()
            .map(|p| p.rsplit_once('/').map_or("", |(dir, _)| dir).to_string());
        let url = site
            .document_index(&doc.source.path)
            .and_then(|i| site.routes.urls.get(i))
            .and_then(|u| u.as_ref())
            .map(|u| u.url.as_str());
        Self { site, folder, url }
    }

    pub fn resolve(&self, r: &Reference) -> Outcome {
        match r.via {
            Via::PostUrl => self.post_url(&r.target, r.fragment.clone()),
            Via::LinkTag => self.link_tag(&r.target, r.fragment.clone()),
            Via::HugoRef => self.hugo_ref(&r.target, r.fragment.clone()),
            Via::Markdown | Via::Html | Via::FrontMatter | Via::Figure => {
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
        let path = decode(path_part);
        if let Some(site_relative) = path.strip_prefix("@site/") {
            return self.relative_to("", site_relative, path_part, kind, fragment);
        }
        if path.starts_with('/') {
            return self.absolute(&path, path_part, kind, fragment);
        }
        let Some(folder) = self.folder.clone() else {
            return Outcome::Skip;
        };
        let outcome = self.relative_to(&folder, &path, path_part, kind, fragment.clone());
        if via == Via::FrontMatter && matches!(outcome, Outcome::Missing { .. }) {
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
            return Outcome::OutsideRoot;
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
        let mut no_post = None;
        if let Some(url) = self.url_relative(path) {
            match self.probe(&url, kind) {
                Probe::Found(doc) => return Outcome::Found { doc, fragment },
                Probe::NoPost => no_post = Some(url),
                Probe::Unknown => {}
            }
        }
        match kind {
            Kind::Image => Outcome::Missing {
                message: format!("image `{written}` does not exist"),
                help: self
                    .file_hint(&joined, written)
                    .or_else(|| Some(format!("looked for `{joined}`"))),
            },
            Kind::Link if is_file_like(path) => Outcome::Missing {
                message: format!("link target `{written}` does not exist"),
                help: self
                    .file_hint(&joined, written)
                    .or_else(|| Some(format!("looked for `{joined}`"))),
            },
            Kind::Link => match no_post {
                Some(url) => self.no_post(written, &url),
                None => Outcome::Skip,
            },
        }
    }

    fn absolute(&self, path: &str, written: &str, kind: Kind, fragment: Option<String>) -> Outcome {
        let Some(normal) = join("", path) else {
            return Outcome::OutsideRoot;
        };
        let normal = format!("/{normal}{}", if path.ends_with('/') { "/" } else { "" });
        match self.probe(&normal, kind) {
            Probe::Found(doc) => Outcome::Found { doc, fragment },
            Probe::NoPost => self.no_post(written, &normal),
            Probe::Unknown if kind == Kind::Image || is_file_like(path) => {
                let roots = &self.site.routes.static_roots;
                let stripped = self.site.routes.without_base(&normal);
                let rel = stripped[0].trim_start_matches('/');
                let in_root = |root: &str| join(root, rel).unwrap_or_default();
                let hint = roots
                    .iter()
                    .find_map(|root| self.case_hint(&in_root(root), written))
                    .or_else(|| {
                        let looked: Vec<String> =
                            roots.iter().map(|r| format!("`{}`", in_root(r))).collect();
                        Some(format!("looked for {}", looked.join(" and ")))
                    });
                let message = match kind {
                    Kind::Image => format!("image `{written}` does not exist"),
                    Kind::Link => format!("link target `{written}` does not exist"),
                };
                Outcome::Missing {
                    message,
                    help: hint,
                }
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
        for candidate in routes.without_base(path) {
            if let Some(page) = self.page_source(candidate.trim_start_matches('/')) {
                return Probe::Found(self.document_at(&page));
            }
        }
        if shaped {
            Probe::NoPost
        } else {
            Probe::Unknown
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
    fn url_relative(&self, path: &str) -> Option<String> {
        let url = self.url?;
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

    fn document_at(&self, site_path: &str) -> Option<usize> {
        self.site.document_at(site_path)
    }

    fn no_post(&self, written: &str, url: &str) -> Outcome {
        let routes = &self.site.routes;
        let unprefixed = routes.without_base(url).swap_remove(0);
        // Suggest in the form the author used: with the base prefix when the link had it.
        let prefix = if unprefixed == url {
            ""
        } else {
            routes.base_prefix.as_str()
        };
        let moved = routes.moved_from(url).and_then(|doc| {
            let new_url = routes.urls.get(doc)?.as_ref()?;
            let file = &self.site.documents.get(doc)?.source.display_path;
            Some(format!(
                "`{file}` sets its own URL in its front matter: link to `{prefix}{}`",
                new_url.url
            ))
        });
        let help = moved
            .or_else(|| {
                routes
                    .suggest(&unprefixed)
                    .map(|k| format!("did you mean `{prefix}{k}`?"))
            })
            .unwrap_or_else(|| "no post of the site is published at that URL".to_string());
        let message = if written.trim_end_matches('/') == url.trim_end_matches('/') {
            format!("link `{written}` leads to no post")
        } else {
            format!("link `{written}` (`{url}`) leads to no post")
        };
        Outcome::Missing {
            message,
            help: Some(help),
        }
    }

    /// "Letter case differs", else a file of a close name in the same folder.
    fn file_hint(&self, site_path: &str, written: &str) -> Option<String> {
        if let Some(hint) = self.case_hint(site_path, written) {
            return Some(hint);
        }
        let (folder, name) = site_path.rsplit_once('/').unwrap_or(("", site_path));
        let prefix = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        let close = self.site.closest_in_folder(folder, name)?;
        Some(format!(
            "did you mean `{}`?",
            respell(written, &format!("{prefix}{close}"))
        ))
    }

    fn case_hint(&self, site_path: &str, written: &str) -> Option<String> {
        let variant = self
            .site
            .case_variants(site_path)
            .iter()
            .find(|v| v.as_str() != site_path)?;
        Some(format!(
            "did you mean `{}`? (letter case differs)",
            respell(written, variant)
        ))
    }

    fn post_url(&self, name: &str, fragment: Option<String>) -> Outcome {
        if name.contains("{{") || name.is_empty() {
            return Outcome::Skip;
        }
        if let Some(doc) = self.site.routes.post_named(name) {
            return Outcome::Found {
                doc: Some(doc),
                fragment,
            };
        }
        let help = self
            .site
            .routes
            .suggest_post_name(name.trim_start_matches('/'))
            .map(|n| format!("did you mean `{n}`?"))
            .or_else(|| {
                Some("name a post by its file name under `_posts/`, without the extension".into())
            });
        Outcome::Missing {
            message: format!("`{{% post_url {name} %}}` matches no post"),
            help,
        }
    }

    fn link_tag(&self, path: &str, fragment: Option<String>) -> Outcome {
        if path.contains("{{") || path.is_empty() {
            return Outcome::Skip;
        }
        let Some(site_path) = join("", path) else {
            return Outcome::OutsideRoot;
        };
        match self.site.find_file(&site_path) {
            Some(found) => Outcome::Found {
                doc: self.document_at(&found),
                fragment,
            },
            None => Outcome::Missing {
                message: format!("`{{% link {path} %}}` matches no file"),
                help: self
                    .file_hint(&site_path, path)
                    .or_else(|| Some("give the file's path from the site root".into())),
            },
        }
    }

    fn hugo_ref(&self, arg: &str, fragment: Option<String>) -> Outcome {
        if arg.contains("{{") {
            return Outcome::Skip;
        }
        let (path, inner_fragment) = match arg.split_once('#') {
            Some((p, f)) => (p, Some(decode(f))),
            None => (arg, None),
        };
        let fragment = fragment.or(inner_fragment);
        if path.is_empty() {
            return match fragment {
                Some(fragment) if !fragment.is_empty() => Outcome::SameDoc { fragment },
                _ => Outcome::Skip,
            };
        }
        let routes = &self.site.routes;
        let content = routes.content_dir.as_deref().unwrap_or("content");
        let folder = self.folder.as_deref().unwrap_or_default();
        let from_page = folder
            .strip_prefix(content)
            .map(|f| f.trim_start_matches('/'))
            .and_then(|f| join(f, path));
        let found = if path.starts_with('/') {
            routes.content_page(path)
        } else {
            from_page
                .and_then(|p| routes.content_page(&p))
                .or_else(|| routes.content_page(path))
                .or_else(|| match routes.content_pages_named(path).as_slice() {
                    [only] => Some(*only),
                    _ => None,
                })
        };
        match found {
            Some(doc) => Outcome::Found {
                doc: Some(doc),
                fragment,
            },
            None => Outcome::Missing {
                message: format!("`{{{{< ref \"{path}\" >}}}}` matches no page"),
                help: Some(
                    "give the page's path under `content/`, or relative to this page".into(),
                ),
            },
        }
    }
}

/// The written path with its last segments replaced by those of `site_path`, so a
/// suggestion reads like what the author wrote (`../static/img/A.PNG`).
fn respell(written: &str, site_path: &str) -> String {
    let path_part = written.split(['?', '#']).next().unwrap_or(written);
    let mut written_parts: Vec<&str> = path_part.split('/').collect();
    let tail = written_parts
        .iter()
        .rev()
        .take_while(|s| !matches!(**s, "" | "." | ".."))
        .count();
    let new_parts: Vec<&str> = site_path.split('/').collect();
    let take = tail.min(new_parts.len());
    let keep = written_parts.len() - take;
    written_parts.truncate(keep);
    let mut out: Vec<String> = written_parts.iter().map(|s| s.to_string()).collect();
    let encoded = path_part.contains('%');
    for part in &new_parts[new_parts.len() - take..] {
        out.push(if encoded {
            part.replace(' ', "%20")
        } else {
            part.to_string()
        });
    }
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins() {
        assert_eq!(
            join("blog", "../static/a.png").as_deref(),
            Some("static/a.png")
        );
        assert_eq!(join("blog", "./x/../y.md").as_deref(), Some("blog/y.md"));
        assert_eq!(join("blog", "../../etc/passwd"), None);
        assert_eq!(join("", "/img/a.png").as_deref(), Some("img/a.png"));
    }

    #[test]
    fn respelt_suggestions() {
        assert_eq!(
            respell("../static/img/a.png", "static/img/a.PNG"),
            "../static/img/a.PNG"
        );
        assert_eq!(
            respell("/img/My%20Pic.png", "static/img/my pic.png"),
            "/img/my%20pic.png"
        );
        assert_eq!(respell("./x.md#frag", "blog/y.md"), "./y.md");
    }

    #[test]
    fn shortcode_args() {
        assert_eq!(
            shortcode_arg(r#""posts/a.md#x""#, "path").as_deref(),
            Some("posts/a.md#x")
        );
        assert_eq!(
            shortcode_arg(r#"path="b.md" lang="en""#, "path").as_deref(),
            Some("b.md")
        );
        assert_eq!(
            shortcode_arg(r#"src="/img/a.png" alt="A""#, "src").as_deref(),
            Some("/img/a.png")
        );
    }

    #[test]
    fn fragments_after_tags() {
        assert_eq!(
            fragment_after("{% x %}#%EB%B0%B0)", 7).as_deref(),
            Some("배")
        );
        assert_eq!(fragment_after("{% x %} #no", 7), None);
    }
}
