//! The local links and images of a post: Markdown and HTML ones, front matter image fields,
//! and the template tags that make links.

use super::{decode, Kind, Reference, Via};
use crate::document::front_matter::{FmNode, FmValue};
use crate::document::model::RefKind as MarkdownKind;
use crate::document::Document;
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// The local links and images of a post, in source order: Markdown and HTML ones, front matter
/// image fields, and the template tags that make links.
pub(super) fn references(doc: &Document) -> Vec<Reference> {
    let mut out = Vec::new();
    let text = doc.text();
    // Liquid output joined for the Markdown parser: read the destination as written.
    let written = |dest: &str, span: Span, definition: Option<Span>| -> String {
        if !dest.contains("{{") {
            dest.to_string()
        } else if let Some(definition) = definition {
            liquid_definition(text, definition, dest).unwrap_or_else(|| dest.to_string())
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
    // Raw HTML the generator leaves out of the page (Hugo without `unsafe`) links nowhere.
    // A destination that template syntax builds is not checked; template syntax in the text
    // of a link leaves its destination as written.
    let dropped =
        |kind: MarkdownKind| kind == MarkdownKind::Html && doc.markdown.breaks.raw_html_dropped;
    for link in &doc.markdown.links {
        if link.kind == MarkdownKind::Autolink
            || dropped(link.kind)
            || built_by_template(doc, link.span, link.dest_span, link.definition)
            || !first_use(link.kind, link.dest_span)
        {
            continue;
        }
        out.push(Reference {
            kind: Kind::Link,
            via: via(link.kind),
            target: written(&link.dest, link.dest_span, link.definition),
            span: link.dest_span,
            fragment: None,
            after_base: false,
        });
    }
    for image in &doc.markdown.images {
        // An ESM import is a template region, and still an image the build resolves.
        let hidden = image.kind != MarkdownKind::Bundled
            && built_by_template(doc, image.span, image.src_span, image.definition);
        if dropped(image.kind) || hidden || !first_use(image.kind, image.src_span) {
            continue;
        }
        out.push(Reference {
            kind: Kind::Image,
            via: via(image.kind),
            target: written(&image.src, image.src_span, image.definition),
            span: image.src_span,
            fragment: None,
            after_base: false,
        });
    }
    front_matter_images(doc, &mut out);
    for tag in &doc.markdown.template_tags {
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
            after_base: matches!(via, Via::PostUrl | Via::LinkTag)
                && base_before(text, tag.span.start),
        });
    }
    out.sort_by_key(|r| r.span.start);
    out
}

/// Whether `{{ site.baseurl }}` stands right before `at`.
fn base_before(text: &str, at: usize) -> bool {
    static BASE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\{\{-?[ \t]*site\.baseurl[ \t]*-?\}\}$").expect("valid regex")
    });
    let from = crate::source::floor_char_boundary(text, at.saturating_sub(48));
    text.get(from..at)
        .is_some_and(|before| BASE.is_match(before))
}

/// Whether template syntax builds the destination: a template region inside it, or between
/// the `](` / `]:` that opens it and the part Markdown took for the destination
/// (`]({% post_url x %}#part)` leaves `#part`).
fn built_by_template(doc: &Document, link: Span, dest: Span, definition: Option<Span>) -> bool {
    let md = &doc.markdown;
    if md.in_template(dest) {
        return true;
    }
    let opened_in = definition.unwrap_or(link);
    let Some(before) = doc
        .text()
        .get(opened_in.start..dest.start.max(opened_in.start))
    else {
        return false;
    };
    let Some(open) = before.rfind(if definition.is_some() { "]:" } else { "](" }) else {
        return false;
    };
    let from = opened_in.start + open + 2;
    from < dest.start && md.in_template(Span::new(from, dest.start))
}

/// The destination of a reference definition (`[ref]: {{ site.baseurl }}/a.png`) as written,
/// where `dest` is its joined form: joining only turned blanks into dots, so it has the same
/// length right after the `]:`.
fn liquid_definition(text: &str, definition: Span, dest: &str) -> Option<String> {
    let raw = text.get(definition.start..definition.end)?;
    let after = &raw[raw.find("]:")? + 2..];
    let start = after.len() - after.trim_start().len();
    let start = start + usize::from(after[start..].starts_with('<'));
    after.get(start..start + dest.len()).map(str::to_string)
}

fn via(kind: MarkdownKind) -> Via {
    match kind {
        MarkdownKind::Html => Via::Html,
        MarkdownKind::Bundled => Via::Bundled,
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
                    after_base: false,
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

#[cfg(test)]
mod tests {
    use super::*;

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
