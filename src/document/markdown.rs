//! One pulldown-cmark pass over a post's body into the tables every rule reads: headings,
//! links, images, HTML, code ranges, `<br>` tags and undefined references.

use super::br::{BrCollector, BrTag, BrText};
use super::html::{self, HtmlAttr};
use crate::source::Span;
use pulldown_cmark::{
    BrokenLink, CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

/// The Markdown extensions postlint parses with; kept explicit so a dependency update cannot
/// silently change what is prose.
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    pub level: u8,
    /// Rendered plain text (inline markup removed), as sluggers see it.
    pub text: String,
    pub span: Span,
    pub explicit_id: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    /// `[text](dest)` or `![alt](src)`.
    Inline,
    /// `[text][label]`, `[label][]`, `[label]`: the destination comes from a definition.
    Reference,
    /// `<https://…>`.
    Autolink,
    /// `<a href>` / `<img src>` in HTML.
    Html,
    /// A front matter field or a template tag.
    Other,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub dest: String,
    /// The whole link.
    pub span: Span,
    /// The destination text itself (for reference links: in the definition).
    pub dest_span: Span,
    pub kind: RefKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub src: String,
    pub alt: Option<String>,
    pub span: Span,
    pub src_span: Span,
    pub kind: RefKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReferenceDefinition {
    pub label: String,
    pub dest: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UndefinedReference {
    pub label: String,
    pub span: Span,
}

#[derive(Debug, Default)]
pub struct Markdown {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub images: Vec<Image>,
    /// Prose `<br>` tags, in source order.
    pub brs: Vec<BrTag>,
    /// The inline text of each paragraph or list item that holds a prose `<br>`.
    pub br_texts: Vec<BrText>,
    /// Inline code spans and code blocks (fenced, indented, template highlight blocks).
    pub code: Vec<Span>,
    /// Raw HTML: whole HTML blocks and inline tags.
    pub html: Vec<Span>,
    /// `id="…"` and `<a name="…">` values in HTML, usable as anchors.
    pub html_ids: Vec<String>,
    pub definitions: Vec<ReferenceDefinition>,
    pub undefined_references: Vec<UndefinedReference>,
}

/// Parses `body` (the file text after the front matter, possibly with template regions
/// blanked) whose first byte is at `base` in the file; `mdx` when the generator compiles it
/// as MDX.
pub fn parse(body: &str, base: usize, mdx: bool) -> Markdown {
    let mut broken = Vec::new();
    let callback = |link: BrokenLink<'_>| {
        if matches!(link.link_type, LinkType::Reference | LinkType::Collapsed) {
            broken.push(UndefinedReference {
                label: link.reference.to_string(),
                span: Span::new(link.span.start, link.span.end),
            });
        }
        None
    };
    let parser = Parser::new_with_broken_link_callback(body, OPTIONS, Some(callback));
    let mut iter = parser.into_offset_iter();
    let mut builder = Builder::new(body);
    let mut brs = BrCollector::new(mdx);
    for (event, range) in iter.by_ref() {
        let span = Span::new(range.start, range.end);
        brs.event(&event, span);
        builder.event(event, span);
    }
    brs.finish();
    let mut md = builder.md;
    md.brs = brs.brs;
    md.br_texts = brs.texts;
    md.definitions = iter
        .reference_definitions()
        .iter()
        .map(|(label, def)| ReferenceDefinition {
            label: label.to_string(),
            dest: def.dest.to_string(),
            span: Span::new(def.span.start, def.span.end),
        })
        .collect();
    md.definitions.sort_by_key(|d| d.span.start);
    point_references_at_definitions(body, &mut md);
    drop(iter);
    broken.sort_by_key(|b| b.span.start);
    broken.dedup_by_key(|b| b.span);
    md.undefined_references = broken;
    if base > 0 {
        md.shift(base);
    }
    md
}

impl Markdown {
    fn shift(&mut self, by: usize) {
        for h in &mut self.headings {
            h.span = h.span.shifted(by);
        }
        for l in &mut self.links {
            l.span = l.span.shifted(by);
            l.dest_span = l.dest_span.shifted(by);
        }
        for i in &mut self.images {
            i.span = i.span.shifted(by);
            i.src_span = i.src_span.shifted(by);
        }
        for b in &mut self.brs {
            b.span = b.span.shifted(by);
        }
        for s in self.code.iter_mut().chain(self.html.iter_mut()) {
            *s = s.shifted(by);
        }
        for d in &mut self.definitions {
            d.span = d.span.shifted(by);
        }
        for u in &mut self.undefined_references {
            u.span = u.span.shifted(by);
        }
    }

    /// Whether `offset` is inside code or raw HTML.
    pub fn in_code(&self, offset: usize) -> bool {
        self.code.iter().any(|s| s.contains(offset))
    }
}

struct Builder<'a> {
    body: &'a str,
    md: Markdown,
    heading: Option<Heading>,
    image: Option<(Image, String)>,
    table_cells: usize,
    html_block: Option<usize>,
}

impl<'a> Builder<'a> {
    fn new(body: &'a str) -> Self {
        Self {
            body,
            md: Markdown::default(),
            heading: None,
            image: None,
            table_cells: 0,
            html_block: None,
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag, span),
            Event::Text(text) => self.text(&text),
            Event::Code(text) => {
                self.md.code.push(span);
                self.text(&text);
            }
            Event::InlineHtml(raw) => self.inline_html(&raw, span),
            Event::Html(_) => {}
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Span) {
        match tag {
            Tag::Heading { level, id, .. } => {
                self.heading = Some(Heading {
                    level: heading_level(level),
                    text: String::new(),
                    span,
                    explicit_id: id.map(|i| i.to_string()),
                })
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => self.md.links.push(Link {
                dest: dest_url.to_string(),
                span,
                dest_span: dest_span(self.body, span, &dest_url),
                kind: ref_kind(link_type),
            }),
            Tag::Image {
                link_type,
                dest_url,
                ..
            } => {
                let image = Image {
                    src: dest_url.to_string(),
                    alt: None,
                    span,
                    src_span: dest_span(self.body, span, &dest_url),
                    kind: ref_kind(link_type),
                };
                self.image = Some((image, String::new()));
            }
            Tag::CodeBlock(kind) => {
                let _ = matches!(kind, CodeBlockKind::Fenced(_));
                self.md.code.push(span);
            }
            Tag::TableCell => self.table_cells += 1,
            Tag::HtmlBlock => {
                self.html_block = Some(span.start);
                self.md.html.push(span);
                self.scan_html(span, false);
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, _span: Span) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some(mut h) = self.heading.take() {
                    h.text = h.text.trim().to_string();
                    self.md.headings.push(h);
                }
            }
            TagEnd::Image => {
                if let Some((mut image, alt)) = self.image.take() {
                    image.alt = Some(alt);
                    self.md.images.push(image);
                }
            }
            TagEnd::TableCell => self.table_cells = self.table_cells.saturating_sub(1),
            TagEnd::HtmlBlock => self.html_block = None,
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, alt)) = &mut self.image {
            alt.push_str(text);
        } else if let Some(h) = &mut self.heading {
            h.text.push_str(text);
        }
    }

    fn inline_html(&mut self, raw: &str, span: Span) {
        self.md.html.push(span);
        if !html::is_br(raw) {
            self.scan_html(span, true);
        }
    }

    /// `<img src>`, `<a href>` and `id=` anchors in an HTML block or inline tag.
    fn scan_html(&mut self, span: Span, inline: bool) {
        let Some(raw) = self.body.get(span.start..span.end) else {
            return;
        };
        for tag in html::tags(raw) {
            let attr_span = |a: &HtmlAttr| a.value_span.shifted(span.start);
            match tag.name.as_str() {
                "img" => {
                    if let Some(src) = tag.attr("src") {
                        self.md.images.push(Image {
                            src: src.value.clone(),
                            alt: tag.attr("alt").map(|a| a.value.clone()),
                            span: tag.span.shifted(span.start),
                            src_span: attr_span(src),
                            kind: RefKind::Html,
                        });
                    }
                }
                "a" => {
                    if let Some(href) = tag.attr("href") {
                        self.md.links.push(Link {
                            dest: href.value.clone(),
                            span: tag.span.shifted(span.start),
                            dest_span: attr_span(href),
                            kind: RefKind::Html,
                        });
                    }
                    if let Some(name) = tag.attr("name") {
                        self.md.html_ids.push(name.value.clone());
                    }
                }
                _ => {}
            }
            if let Some(id) = tag.attr("id") {
                self.md.html_ids.push(id.value.clone());
            }
        }
        let _ = inline;
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn ref_kind(link_type: LinkType) -> RefKind {
    match link_type {
        LinkType::Inline => RefKind::Inline,
        LinkType::Autolink | LinkType::Email => RefKind::Autolink,
        _ => RefKind::Reference,
    }
}

/// A reference link's destination is written in its definition, where a fix goes: its
/// `dest_span` is the destination there (the whole definition if it cannot be found).
fn point_references_at_definitions(body: &str, md: &mut Markdown) {
    let definition_dest = |dest: &str| -> Option<Span> {
        let definition = md.definitions.iter().find(|d| d.dest == dest)?;
        let raw = body.get(definition.span.start..definition.span.end)?;
        let after = raw.find("]:")? + 2;
        let lead = raw[after..].len() - raw[after..].trim_start().len();
        let start = after + lead + usize::from(raw[after + lead..].starts_with('<'));
        let end = raw[start..]
            .find(|c: char| c.is_whitespace() || c == '>')
            .map_or(raw.len(), |i| start + i);
        Some(if end > start {
            Span::new(definition.span.start + start, definition.span.start + end)
        } else {
            definition.span
        })
    };
    let spans: Vec<Option<Span>> = md
        .links
        .iter()
        .map(|l| {
            (l.kind == RefKind::Reference)
                .then(|| definition_dest(&l.dest))
                .flatten()
        })
        .collect();
    let image_spans: Vec<Option<Span>> = md
        .images
        .iter()
        .map(|i| {
            (i.kind == RefKind::Reference)
                .then(|| definition_dest(&i.src))
                .flatten()
        })
        .collect();
    for (link, span) in md.links.iter_mut().zip(spans) {
        if let Some(span) = span {
            link.dest_span = span;
        }
    }
    for (image, span) in md.images.iter_mut().zip(image_spans) {
        if let Some(span) = span {
            image.src_span = span;
        }
    }
}

/// The span of an inline link's destination inside the link's source text; the whole link
/// when it cannot be found (reference links, escaped destinations).
fn dest_span(body: &str, link: Span, dest: &str) -> Span {
    let Some(raw) = body.get(link.start..link.end) else {
        return link;
    };
    if let Some(open) = raw.rfind("](") {
        let after = &raw[open + 2..];
        let lead = after.len() - after.trim_start().len();
        let mut start = open + 2 + lead;
        if raw[start..].starts_with('<') {
            start += 1;
        }
        if raw[start..].starts_with(dest) && !dest.is_empty() {
            return Span::new(link.start + start, link.start + start + dest.len());
        }
        let end = raw[start..]
            .find(|c: char| c.is_whitespace() || c == '>')
            .map_or(raw.len() - 1, |i| start + i);
        if end > start {
            return Span::new(link.start + start, link.start + end);
        }
    }
    link
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_links_images() {
        let md = parse(
            "# 제목 `x`\n\n[a](./b.md#c) ![alt](/img/a.png)\n<img src=\"x.png\">\n",
            0,
            false,
        );
        assert_eq!(md.headings[0].text, "제목 x");
        assert_eq!(md.links[0].dest, "./b.md#c");
        let img = &md.images[0];
        assert_eq!(img.alt.as_deref(), Some("alt"));
        assert_eq!(md.images[1].src, "x.png");
    }

    #[test]
    fn undefined_references_ignore_shortcuts() {
        let md = parse("[a][missing] [b][] [c] [d][ok]\n\n[ok]: /x\n", 0, false);
        let labels: Vec<_> = md
            .undefined_references
            .iter()
            .map(|u| u.label.as_str())
            .collect();
        assert_eq!(labels, ["missing", "b"]);
    }
}
