//! Where a post's links and images lead: its references collected once and resolved once per
//! post against the site index, each with an [`Outcome`] that the link rules (`missing-image`,
//! `dead-link`, `dead-anchor`, `outside-root`) read and word themselves; and the external URLs it
//! uses, with what the online check found ([`external`]).
//!
//! Links resolve the way the site's generator resolves them: relative paths from the post's
//! folder (and from its URL), site-absolute paths through the static folders and the route
//! table, Jekyll `post_url` / `link`, Hugo `ref` / `relref`. Only the site index is consulted:
//! nothing outside the root is ever read.

mod collect;
mod docusaurus;
pub(crate) mod external;
mod hints;
mod hugo;
mod resolve;
mod templates;

use crate::document::Document;
use crate::site::SiteIndex;
use crate::source::Span;
use percent_encoding::percent_decode_str;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Link,
    Image,
}

/// Where a reference was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Via {
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
    /// MDX `import Pic from './pic.png'` / `require('./pic.png')`: resolved by the bundler from
    /// the post's folder.
    Bundled,
}

/// One local link or image of a post.
#[derive(Clone, Debug)]
pub(crate) struct Reference {
    pub(crate) kind: Kind,
    pub(crate) via: Via,
    /// The target as written (for template tags: the tag's argument).
    pub(crate) target: String,
    /// What a finding underlines: the destination, the attribute value, the tag.
    pub(crate) span: Span,
    /// For template tags, a `#fragment` written right after the tag.
    pub(crate) fragment: Option<String>,
    /// Jekyll: `{{ site.baseurl }}` is written right before the tag (`post_url` and `link`
    /// print the `baseurl` themselves since Jekyll 4, so it ends up twice).
    pub(crate) after_base: bool,
}

/// What a reference leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
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
    /// A Docusaurus docs page (see `SiteIndex::docs`), by page index.
    FoundPage {
        page: usize,
        fragment: Option<String>,
    },
    /// A `#fragment` of the post itself.
    SameDoc { fragment: String },
    /// It leads nowhere.
    Missing(Miss),
}

/// Why a reference leads nowhere, with what a "did you mean" needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Miss {
    /// No file at the path. `written` is the path as the post writes it (template output
    /// expanded, no query or fragment); `looked_for` the site paths tried.
    File {
        written: String,
        looked_for: Vec<String>,
        hint: Option<FileHint>,
    },
    /// A URL shaped like a post's, and no post is published there.
    Post {
        written: String,
        /// The site-absolute URL the link leads to.
        url: String,
        hint: PostHint,
    },
    /// Jekyll: a site-absolute path outside the `baseurl` the site is served under, whose
    /// target exists at `inside` (the path under `baseurl`).
    OutsideBase { written: String, inside: String },
    /// Jekyll: `{{ site.baseurl }}{% post_url x %}` (or `{% link %}`) with a `baseurl`: the
    /// tag prints it already, so the URL has it twice.
    BaseTwice { tag: String, base: String },
    /// `[a]((https://x.com))`: a URL or path in an extra pair of parentheses, which stay part
    /// of the destination.
    Parenthesised { written: String },
    /// Jekyll `{% post_url %}` names no post; `close` is a post name of nearly that spelling.
    PostName { close: Option<String> },
    /// Hugo `ref` / `relref` names no page.
    Page { path: String },
    /// Docusaurus: no docs page at a URL under the docs' base, or (on a site whose config adds
    /// no other plugin) no page of the blog, the docs or `src/pages/` at all.
    Route {
        written: String,
        /// The site-absolute URL the link leads to.
        url: String,
        /// A page URL of nearly that spelling, or the same path under the blog's or docs' base.
        close: Option<String>,
    },
    /// Docusaurus: the file exists beside the post, but a string `src` is not bundled, so the
    /// browser asks for `url`, where nothing is served.
    Unbundled { written: String, url: String },
    /// Docusaurus: a `.md` link to a file of another plugin (the docs, from a post), which
    /// Docusaurus does not resolve: the page ships with the `.md` URL.
    OtherPlugin {
        written: String,
        /// The route the file is likely published at, for the help.
        route: Option<String>,
    },
}

/// A file the author may have meant, spelt the way the post writes paths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum FileHint {
    /// The same path in another letter case.
    Case(String),
    /// A file of a close name in the same folder.
    Close(String),
}

/// A post the author may have meant by a URL no post has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PostHint {
    /// `file`'s own URL would be the link's, had its front matter not moved it to `url`.
    Moved {
        file: String,
        url: String,
    },
    /// A post URL of nearly that spelling.
    Close(String),
    None,
}

/// A reference and where it leads.
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    pub(crate) reference: Reference,
    pub(crate) outcome: Outcome,
}

/// The local links and images of `doc`, in source order, each resolved against the site.
pub(crate) fn resolve(doc: &Document, site: &SiteIndex) -> Vec<Resolved> {
    let resolver = resolve::Resolver::new(site, doc);
    collect::references(doc)
        .into_iter()
        .map(|reference| Resolved {
            outcome: resolver.resolve(&reference),
            reference,
        })
        .collect()
}

/// Percent-decodes a path or fragment (invalid UTF-8 is kept lossily).
fn decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Joins a relative path to a folder under the root, resolving `.` and `..`; `None` when it
/// climbs above the root.
fn join(folder: &str, path: &str) -> Option<String> {
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
}
