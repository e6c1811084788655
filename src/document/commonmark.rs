//! The CommonMark + GFM front end: one pulldown-cmark pass over a post's body into the document
//! tables (headings, links, images, code ranges, `<br>` tags, definitions and undefined
//! references), for plain CommonMark posts; the MDX front end (`mdx.rs`) hands it the body with
//! its JSX rewritten, and the goldmark front end reuses its parse.

use super::br::BrCollector;
use super::html::{self, HtmlAttr};
use super::model::{
    Heading, Image, Link, Markdown, RefKind, ReferenceDefinition, UndefinedReference,
};
use super::{Dialect, ParseOptions};
use crate::limits::MAX_MARKDOWN_EVENTS;
use crate::source::Span;
use pulldown_cmark::{BrokenLink, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// The Markdown extensions postlint parses with; kept explicit so a dependency update cannot
/// silently change what is prose.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Reads `body` (the file text after the front matter, whose first byte is at `base` in the
/// file).
pub(super) fn read(body: &str, base: usize, options: &ParseOptions) -> Markdown {
    let mdx = options.dialect == Dialect::Mdx;
    let mut md = parse(body, base, mdx);
    md.breaks = options.breaks;
    md.index_regions();
    md
}

/// Parses `body` (template regions already blanked), whose first byte is at `base` in the file;
/// `mdx` when the generator compiles it as MDX.
pub(super) fn parse(body: &str, base: usize, mdx: bool) -> Markdown {
    parse_as(
        body,
        base,
        if mdx {
            HeadingText::Mdx
        } else {
            HeadingText::CommonMark
        },
    )
}

/// How a dialect reads a heading's plain text (and, for MDX, the body).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum HeadingText {
    CommonMark,
    /// MDX: as CommonMark; the body is compiled as MDX.
    Mdx,
    /// goldmark as Hugo runs it: the text of the heading's last line only, without the text of
    /// autolinks (`<https://x>` adds nothing).
    Goldmark,
}

/// [`parse`] with the dialect's way of reading heading text.
pub(super) fn parse_as(body: &str, base: usize, flavor: HeadingText) -> Markdown {
    let split: &[Span] = &[];
    parse_with(
        body,
        base,
        flavor,
        (flavor == HeadingText::Mdx).then_some(split),
    )
    .0
}

/// Parses an MDX body as rewritten by the MDX front end; `split_brs` are the lone `<br>` lines
/// it turned into one-line HTML blocks. Also returns the lone `<br>` lines that opened an HTML
/// block swallowing the lines after them (which the front end splits off and reads again).
pub(super) fn parse_mdx(body: &str, split_brs: &[Span]) -> (Markdown, Vec<Span>) {
    parse_with(body, 0, HeadingText::Mdx, Some(split_brs))
}

fn parse_with(
    body: &str,
    base: usize,
    flavor: HeadingText,
    mdx_split_brs: Option<&[Span]>,
) -> (Markdown, Vec<Span>) {
    let mdx = mdx_split_brs.is_some();
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
    builder.goldmark = flavor == HeadingText::Goldmark;
    // mdast keeps a blank at the end of a heading's last inline element (`## [a ](x)` is
    // `a `, whose GitHub slug is `a-`); pulldown-cmark already drops the heading's own.
    builder.trim_headings = !mdx;
    let mut brs = BrCollector::new(mdx, mdx_split_brs.unwrap_or_default());
    let mut events = 0usize;
    for (event, range) in iter.by_ref() {
        events += 1;
        if events > MAX_MARKDOWN_EVENTS {
            builder.md.over_limit = true;
            break;
        }
        let span = Span::new(range.start, range.end);
        brs.event(&event, span);
        builder.event(event, span);
    }
    brs.finish();
    let definitions = iter.reference_definitions();
    let definition = |label: &str| {
        definitions
            .get(label)
            .map(|d| Span::new(d.span.start, d.span.end))
    };
    for (i, label) in &builder.link_labels {
        builder.md.links[*i].definition = definition(label);
    }
    for (i, label) in &builder.image_labels {
        builder.md.images[*i].definition = definition(label);
    }
    let mut md = builder.md;
    md.brs = brs.brs;
    md.br_texts = brs.texts;
    let swallowing = brs.swallowing;
    md.definitions = definitions
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
        shift(&mut md, base);
    }
    (md, swallowing)
}

/// Moves every span of a body parsed on its own to its place in the file.
pub(super) fn shift(md: &mut Markdown, by: usize) {
    for h in &mut md.headings {
        h.span = h.span.shifted(by);
    }
    for l in &mut md.links {
        l.span = l.span.shifted(by);
        l.dest_span = l.dest_span.shifted(by);
        l.definition = l.definition.map(|d| d.shifted(by));
    }
    for i in &mut md.images {
        i.span = i.span.shifted(by);
        i.src_span = i.src_span.shifted(by);
        i.definition = i.definition.map(|d| d.shifted(by));
    }
    for b in &mut md.brs {
        b.span = b.span.shifted(by);
    }
    for s in &mut md.code {
        *s = s.shifted(by);
    }
    for d in &mut md.definitions {
        d.span = d.span.shifted(by);
    }
    for u in &mut md.undefined_references {
        u.span = u.span.shifted(by);
    }
    for e in &mut md.syntax_errors {
        e.span = e.span.shifted(by);
    }
}

struct Builder<'a> {
    body: &'a str,
    md: Markdown,
    heading: Option<Heading>,
    /// The image being read: its alt text so far and its reference label.
    image: Option<(Image, String, Option<String>)>,
    /// Reference links and images (by index) and their labels, to find their definitions.
    link_labels: Vec<(usize, String)>,
    image_labels: Vec<(usize, String)>,
    /// goldmark's heading text ([`HeadingText::Goldmark`]).
    goldmark: bool,
    /// Inside an autolink, whose text goldmark leaves out of a heading's.
    in_autolink: bool,
    trim_headings: bool,
}

impl<'a> Builder<'a> {
    fn new(body: &'a str) -> Self {
        Self {
            body,
            md: Markdown::default(),
            heading: None,
            image: None,
            link_labels: Vec::new(),
            image_labels: Vec::new(),
            goldmark: false,
            in_autolink: false,
            trim_headings: true,
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
            Event::SoftBreak | Event::HardBreak => match &mut self.heading {
                // goldmark ids a heading by its last line.
                Some(h) if self.goldmark && self.image.is_none() => h.text.clear(),
                _ => self.text(" "),
            },
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
                    converter_id: false,
                })
            }
            Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            } => {
                let kind = ref_kind(link_type);
                if kind == RefKind::Reference {
                    self.link_labels.push((self.md.links.len(), id.to_string()));
                }
                self.in_autolink = self.goldmark && kind == RefKind::Autolink;
                self.md.links.push(Link {
                    dest: dest_url.to_string(),
                    span,
                    dest_span: dest_span(self.body, span, &dest_url),
                    kind,
                    definition: None,
                });
            }
            Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            } => {
                let kind = ref_kind(link_type);
                let image = Image {
                    src: dest_url.to_string(),
                    alt: None,
                    span,
                    src_span: dest_span(self.body, span, &dest_url),
                    kind,
                    definition: None,
                };
                let label = (kind == RefKind::Reference).then(|| id.to_string());
                self.image = Some((image, String::new(), label));
            }
            Tag::CodeBlock(_) => self.md.code.push(span),
            Tag::HtmlBlock => self.scan_html(span),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, _span: Span) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some(mut h) = self.heading.take() {
                    if self.trim_headings {
                        h.text = h.text.trim().to_string();
                    }
                    self.md.headings.push(h);
                }
            }
            TagEnd::Link => self.in_autolink = false,
            TagEnd::Image => {
                if let Some((mut image, alt, label)) = self.image.take() {
                    image.alt = Some(alt);
                    if let Some(label) = label {
                        self.image_labels.push((self.md.images.len(), label));
                    }
                    self.md.images.push(image);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, alt, _)) = &mut self.image {
            alt.push_str(text);
        } else if let Some(h) = self.heading.as_mut().filter(|_| !self.in_autolink) {
            h.text.push_str(text);
        }
    }

    fn inline_html(&mut self, raw: &str, span: Span) {
        // `<br>` tags are the `BrCollector`'s.
        if !html::is_br(raw) {
            self.scan_html(span);
        }
    }

    /// `<img src>`, `<a href>` and `id=` anchors in an HTML block or inline tag.
    fn scan_html(&mut self, span: Span) {
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
                            definition: None,
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
                            definition: None,
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
    let dest_in = |definition: Span| -> Span {
        let Some(raw) = body.get(definition.start..definition.end) else {
            return definition;
        };
        let Some(after) = raw.find("]:").map(|i| i + 2) else {
            return definition;
        };
        let lead = raw[after..].len() - raw[after..].trim_start().len();
        let start = after + lead + usize::from(raw[after + lead..].starts_with('<'));
        let end = raw[start..]
            .find(|c: char| c.is_whitespace() || c == '>')
            .map_or(raw.len(), |i| start + i);
        if end > start {
            Span::new(definition.start + start, definition.start + end)
        } else {
            definition
        }
    };
    for link in &mut md.links {
        if let Some(definition) = link.definition {
            link.dest_span = dest_in(definition);
        }
    }
    for image in &mut md.images {
        if let Some(definition) = image.definition {
            image.src_span = dest_in(definition);
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
    use crate::document::model::BrContext;

    fn contexts(body: &str, mdx: bool) -> Vec<BrContext> {
        parse(body, 0, mdx).brs.iter().map(|b| b.context).collect()
    }

    #[test]
    fn br_contexts() {
        use BrContext::*;
        let body = "a <br>\n\n| x<br>y |\n|---|\n\n<div>\n<br/>\n</div>\n\n`<br>`\n";
        assert_eq!(
            contexts(body, false),
            [Text { text: 0 }, TableCell, HtmlBlock]
        );
        assert_eq!(contexts("<br />\n", true), [MdxFlow]);
    }

    #[test]
    fn reference_links_know_their_definition() {
        let body = "[a][Docs] ![b][img]\n\n[docs]: /x\n[img]: /y.png\n";
        let md = parse(body, 0, false);
        let def = md.links[0].definition.unwrap();
        assert_eq!(&body[def.start..def.end], "[docs]: /x");
        let def = md.images[0].definition.unwrap();
        assert_eq!(&body[def.start..def.end], "[img]: /y.png");
    }

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
