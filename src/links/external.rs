//! Where a post uses external URLs: every `http(s)` URL with the span a finding underlines.
//!
//! Sources: Markdown links and images (inline, reference style, `<https://…>` autolinks), `<a
//! href>` and `<img src>` in raw HTML, reference definitions, Hugo `{{< figure src link >}}`, and
//! the front matter fields that hold URLs (`image`, `header.image`, `canonical_url`, `link`,
//! `authors[].url`, …). A reference-style link is reported where it is used (like `dead-link`);
//! a definition that no link uses is reported at its own destination.
//!
//! Never collected: other schemes and relative paths; URLs inside code, HTML comments or
//! template regions that are not rendered (the Markdown parse already leaves those out, and
//! anything that still falls inside one is dropped here); URLs a template builds
//! (`https://{{ site.domain }}/…`), which postlint cannot follow and never guesses.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::front_matter::{FmNode, FmValue};
use crate::document::model::RefKind;
use crate::document::Document;
use crate::source::{Span, SpanSet};

/// One use of an external URL in a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UrlUse {
    /// The URL as the page uses it (what is fetched, `#fragment` included; the checker drops it).
    pub(crate) url: String,
    /// What a finding underlines: the URL as written, or the whole reference-style link.
    pub(crate) span: Span,
}

/// What became of one URL. Reasons never contain user names or passwords from URLs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum UrlVerdict {
    /// It answered 2xx (or an accepted status), possibly after redirects, or the cache says so.
    Ok,
    /// It is gone: 404/410, no such host, connection refused, TLS failure, redirect loop.
    Dead { reason: String },
    /// It could not be verified: 401/403, bot wall, 429 or 5xx after retries, timeout.
    Unverified { reason: String },
    /// Not checked: excluded, not http(s), or a private address that is not allowed.
    Skipped { reason: String },
}

/// A use of an external URL and what the online check found.
#[derive(Clone, Debug)]
pub(crate) struct CheckedUrl {
    pub(crate) url: String,
    pub(crate) span: Span,
    pub(crate) verdict: UrlVerdict,
}

/// Every external URL `doc` uses, in source order.
pub(crate) fn urls(doc: &Document) -> Vec<UrlUse> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut push = |url: &str, span: Span| {
        if is_external(url) {
            out.push(UrlUse {
                url: url.trim().to_string(),
                span,
            });
        }
    };

    let md = &doc.markdown;
    let mut used_by_reference: HashSet<&str> = HashSet::new();
    for (dest, kind, whole, dest_span) in md
        .links
        .iter()
        .map(|l| (&l.dest, l.kind, l.span, l.dest_span))
        .chain(
            md.images
                .iter()
                .map(|i| (&i.src, i.kind, i.span, i.src_span)),
        )
    {
        let span = match kind {
            RefKind::Reference => {
                used_by_reference.insert(dest.as_str());
                whole
            }
            RefKind::Autolink => inside_angle_brackets(text, dest_span),
            _ => dest_span,
        };
        push(dest, span);
    }
    for def in &md.definitions {
        if !used_by_reference.contains(def.dest.as_str()) {
            push(&def.dest, definition_dest_span(text, def.span, &def.dest));
        }
    }
    for tag in &doc.markdown.template_tags {
        if tag.name == "figure" {
            for (value, span) in shortcode_values(text, tag.span, &["src", "link"]) {
                push(&value, span);
            }
        }
    }
    if let Some(root) = doc.front_matter_root() {
        front_matter_urls(root, None, text, 0, &mut push);
    }

    let comments = SpanSet::new(html_comments(doc));
    let hidden = |span: Span| {
        let at = span.start;
        md.in_code(at) || comments.contains(at) || md.in_hidden_template(at)
    };
    out.retain(|u| !hidden(u.span));
    out.sort_by(|a, b| (a.span, &a.url).cmp(&(b.span, &b.url)));
    out.dedup();
    out
}

/// An absolute `http(s)` URL that no template builds.
fn is_external(url: &str) -> bool {
    let url = url.trim();
    let scheme_end = match url.find("://") {
        Some(i) => i,
        None => return false,
    };
    let scheme = &url[..scheme_end];
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && !url.contains("{{")
        && !url.contains("{%")
        && !url.contains("${")
}

/// `<https://…>` without its angle brackets.
fn inside_angle_brackets(text: &str, span: Span) -> Span {
    match text.get(span.start..span.end) {
        Some(s) if s.len() >= 2 && s.starts_with('<') && s.ends_with('>') => {
            Span::new(span.start + 1, span.end - 1)
        }
        _ => span,
    }
}

/// The destination inside `[label]: <dest> "title"`; the whole definition if it is not found.
fn definition_dest_span(text: &str, def: Span, dest: &str) -> Span {
    let Some(raw) = text.get(def.start..def.end) else {
        return def;
    };
    let Some(colon) = raw.find("]:") else {
        return def;
    };
    let after = &raw[colon + 2..];
    let mut start = colon + 2 + (after.len() - after.trim_start().len());
    if raw[start..].starts_with('<') {
        start += 1;
    }
    if !dest.is_empty() && raw[start..].starts_with(dest) {
        return Span::new(def.start + start, def.start + start + dest.len());
    }
    let end = raw[start..]
        .find(|c: char| c.is_whitespace() || c == '>')
        .map_or(raw.len(), |i| start + i);
    if end > start {
        Span::new(def.start + start, def.start + end)
    } else {
        def
    }
}

/// `name="value"` arguments of a Hugo shortcode, with the value's span.
fn shortcode_values(text: &str, tag: Span, names: &[&str]) -> Vec<(String, Span)> {
    static ARG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|`([^`]*)`|([^\s>]+))"#)
            .expect("valid regex")
    });
    let Some(raw) = text.get(tag.start..tag.end) else {
        return Vec::new();
    };
    ARG.captures_iter(raw)
        .filter(|c| c.get(1).is_some_and(|n| names.contains(&n.as_str())))
        .filter_map(|c| (2..=5).find_map(|i| c.get(i)))
        .map(|m| {
            (
                m.as_str().to_string(),
                Span::new(tag.start + m.start(), tag.start + m.end()),
            )
        })
        .collect()
}

/// Whether a front matter key names a field that holds URLs (Docusaurus, Jekyll themes, Hugo
/// themes, cross-posting plugins): `image`, `images`, `link`, `url`, `canonical_url`,
/// `canonicalURL`, `header.teaser`, `og_image`, `author_image_url`, `redirect_to`, …
fn is_url_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase().replace('-', "_");
    matches!(
        key.as_str(),
        "image"
            | "images"
            | "link"
            | "url"
            | "href"
            | "src"
            | "canonical"
            | "thumbnail"
            | "teaser"
            | "cover"
            | "banner"
            | "website"
            | "homepage"
            | "redirect_to"
    ) || key.ends_with("url")
        || key.ends_with("_image")
        || key.ends_with("_link")
}

/// Bounded like the front matter tree itself.
const MAX_DEPTH: usize = 64;

fn front_matter_urls(
    node: &FmNode,
    key: Option<&str>,
    text: &str,
    depth: usize,
    push: &mut impl FnMut(&str, Span),
) {
    if depth > MAX_DEPTH {
        return;
    }
    match &node.value {
        FmValue::Str(s) if key.is_some_and(is_url_key) => {
            let value = s.trim();
            if value.contains(char::is_whitespace) {
                return;
            }
            push(value, value_span(text, node.span, value));
        }
        FmValue::Seq(items) => {
            for item in items {
                front_matter_urls(item, key, text, depth + 1, push);
            }
        }
        FmValue::Map(entries) => {
            for e in entries {
                front_matter_urls(&e.value, Some(&e.key), text, depth + 1, push);
            }
        }
        _ => {}
    }
}

/// The value inside its node's span (without quotes), if it is written there as is.
fn value_span(text: &str, node: Span, value: &str) -> Span {
    text.get(node.start..node.end)
        .and_then(|raw| raw.find(value))
        .map_or(node, |i| {
            Span::new(node.start + i, node.start + i + value.len())
        })
}

/// `<!-- … -->` in the body outside code: never rendered, never checked.
fn html_comments(doc: &Document) -> Vec<Span> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut pos = doc.body_start.min(text.len());
    while let Some(i) = text[pos..].find("<!--") {
        let start = pos + i;
        if doc.markdown.in_code(start) {
            pos = start + 4;
            continue;
        }
        let end = text[start + 4..]
            .find("-->")
            .map_or(text.len(), |j| start + 4 + j + 3);
        out.push(Span::new(start, end));
        pos = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Dialect, ParseOptions};
    use crate::source::SourceFile;
    use std::path::PathBuf;

    fn parse(text: &str, dialect: Dialect) -> Document {
        Document::parse(
            SourceFile {
                path: PathBuf::from("/site/blog/post.md"),
                display_path: "blog/post.md".into(),
                text: text.to_string(),
            },
            &ParseOptions {
                dialect,
                toml_front_matter: dialect == Dialect::Goldmark,
                ..ParseOptions::default()
            },
        )
    }

    /// (url, the text its span covers)
    fn found(text: &str) -> Vec<(String, String)> {
        found_in(text, Dialect::CommonMark)
    }

    fn found_in(text: &str, dialect: Dialect) -> Vec<(String, String)> {
        urls(&parse(text, dialect))
            .into_iter()
            .map(|u| (u.url, text[u.span.start..u.span.end].to_string()))
            .collect()
    }

    fn pair(url: &str, written: &str) -> (String, String) {
        (url.to_string(), written.to_string())
    }

    #[test]
    fn markdown_links_images_and_autolinks() {
        let text = "[a](https://a.example/x#frag) ![i](http://img.example/i.png \"t\")\n\
                    <https://auto.example/> [local](./b.md) [mail](mailto:a@b.c) [ftp](ftp://f.example/)\n";
        assert_eq!(
            found(text),
            [
                pair("https://a.example/x#frag", "https://a.example/x#frag"),
                pair("http://img.example/i.png", "http://img.example/i.png"),
                pair("https://auto.example/", "https://auto.example/"),
            ]
        );
    }

    #[test]
    fn html_tags_and_comments() {
        let text = "<a href=\"https://h.example/\">x</a>\n\n<p><img src='https://i.example/a.png'></p>\n\n\
                    <!-- [old](https://gone.example/) <a href=\"https://gone2.example/\"> -->\n\n\
                    text <!-- https://x --> [c](https://c.example/)\n";
        assert_eq!(
            found(text),
            [
                pair("https://h.example/", "https://h.example/"),
                pair("https://i.example/a.png", "https://i.example/a.png"),
                pair("https://c.example/", "https://c.example/"),
            ]
        );
    }

    #[test]
    fn code_is_not_checked() {
        let text = "`[a](https://code.example/)`\n\n```\n[b](https://fence.example/)\n<a href=\"https://fence2.example/\">\n```\n\n    [c](https://indented.example/)\n";
        assert_eq!(found(text), []);
    }

    #[test]
    fn references_at_use_unused_definitions_at_definition() {
        let text = "See [the docs][docs] and [again][docs].\n\n\
                    [docs]: https://docs.example/v1 \"Docs\"\n\
                    [unused]: <https://unused.example/>\n";
        assert_eq!(
            found(text),
            [
                pair("https://docs.example/v1", "[the docs][docs]"),
                pair("https://docs.example/v1", "[again][docs]"),
                pair("https://unused.example/", "https://unused.example/"),
            ]
        );
    }

    #[test]
    fn front_matter_url_fields() {
        let text = "---\ntitle: https://not-a-url-field.example/\nimage: \"https://img.example/cover.png\"\n\
                    header:\n  image: https://header.example/h.png\n  teaser: /local.png\n\
                    canonical_url: https://canon.example/post\nlink: https://link.example/\n\
                    authors:\n  - name: A\n    url: https://a.example/\n    image_url: https://a.example/a.png\n\
                    images: [https://i1.example/, https://i2.example/]\n---\nbody\n";
        assert_eq!(
            found(text),
            [
                pair(
                    "https://img.example/cover.png",
                    "https://img.example/cover.png"
                ),
                pair(
                    "https://header.example/h.png",
                    "https://header.example/h.png"
                ),
                pair("https://canon.example/post", "https://canon.example/post"),
                pair("https://link.example/", "https://link.example/"),
                pair("https://a.example/", "https://a.example/"),
                pair("https://a.example/a.png", "https://a.example/a.png"),
                pair("https://i1.example/", "https://i1.example/"),
                pair("https://i2.example/", "https://i2.example/"),
            ]
        );
    }

    #[test]
    fn templates() {
        let hugo = Dialect::Goldmark;
        let text =
            "{{< figure src=\"https://fig.example/a.png\" link=\"https://fig.example/\" >}}\n\n\
                    {{< ref \"https://not-a-figure.example/\" >}}\n";
        assert_eq!(
            found_in(text, hugo),
            [
                pair("https://fig.example/a.png", "https://fig.example/a.png"),
                pair("https://fig.example/", "https://fig.example/"),
            ]
        );
        let jekyll = Dialect::Kramdown;
        let text = "[a](https://{{ site.domain }}/x) {% comment %}[b](https://b.example/){% endcomment %}\n\n\
                    {% raw %}\n[c](https://c.example/)\n{% endraw %}\n";
        assert_eq!(
            found_in(text, jekyll),
            [pair("https://c.example/", "https://c.example/")]
        );
    }
}
