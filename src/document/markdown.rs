//! One pulldown-cmark pass over a post's body into the tables every rule reads: headings,
//! links, images, HTML, code ranges, `<br>` tags and undefined references.

use super::html::{self, HtmlAttr};
use crate::limits::MAX_MARKDOWN_EVENTS;
use crate::source::{Span, SpanSet};
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

/// A `<br>` in prose, with what follows it on its line, which decides its fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrTag {
    pub span: Span,
    pub position: BrPosition,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrPosition {
    /// Last thing on its line, and the paragraph goes on after the line break.
    LineEnd,
    /// Last thing in its paragraph (or heading, or list item text).
    BlockEnd,
    /// Anything else: text follows on the same line, or a hard break, or nothing precedes it.
    MidLine,
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
    pub brs: Vec<BrTag>,
    /// Inline code spans and code blocks (fenced, indented, template highlight blocks).
    pub code: Vec<Span>,
    /// Raw HTML: whole HTML blocks and inline tags.
    pub html: Vec<Span>,
    /// `id="…"` and `<a name="…">` values in HTML, usable as anchors.
    pub html_ids: Vec<String>,
    pub definitions: Vec<ReferenceDefinition>,
    pub undefined_references: Vec<UndefinedReference>,
    /// `code` merged, for [`Markdown::in_code`]; built by [`Markdown::index_code`].
    code_set: SpanSet,
    /// The body produced more than [`MAX_MARKDOWN_EVENTS`] events and was not read further.
    pub over_limit: bool,
}

/// Parses `body` (the file text after the front matter, possibly with template regions
/// blanked) whose first byte is at `base` in the file.
pub fn parse(body: &str, base: usize) -> Markdown {
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
    let mut events = 0usize;
    for (event, range) in iter.by_ref() {
        events += 1;
        if events > MAX_MARKDOWN_EVENTS {
            builder.md.over_limit = true;
            break;
        }
        builder.event(event, Span::new(range.start, range.end));
    }
    builder.finish_br(None);
    let mut md = builder.md;
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
    drop(iter);
    broken.sort_by_key(|b| b.span.start);
    broken.dedup_by_key(|b| b.span);
    md.undefined_references = broken;
    if base > 0 {
        md.shift(base);
    }
    md.index_code();
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

    /// Whether `offset` is inside code (of the Markdown or of a template's highlight block).
    pub fn in_code(&self, offset: usize) -> bool {
        self.code_set.contains(offset)
    }

    /// Indexes `code` for [`Markdown::in_code`]; call again after adding to it.
    pub fn index_code(&mut self) {
        self.code_set = SpanSet::new(self.code.iter().copied());
    }
}

/// What the `<br>` most recently seen is waiting for to learn its position.
#[derive(Clone, Copy)]
enum BrWait {
    /// Still on the br's line.
    LineEnd { content_before: bool },
    /// After the line break that follows it.
    NextLine,
}

struct Builder<'a> {
    body: &'a str,
    md: Markdown,
    heading: Option<Heading>,
    image: Option<(Image, String)>,
    table_cells: usize,
    html_block: Option<usize>,
    pending_br: Option<(Span, BrWait)>,
    /// Whether inline content precedes the current position on its line.
    line_has_content: bool,
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
            pending_br: None,
            line_has_content: false,
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        self.track_br(&event, span);
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
        if html::is_br(raw) && self.table_cells == 0 {
            // track_br has already recorded it as pending
        } else {
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

    /// Works out, from the events after a `<br>`, whether it ends its line or its block.
    fn track_br(&mut self, event: &Event<'_>, span: Span) {
        let is_prose_br =
            matches!(event, Event::InlineHtml(raw) if html::is_br(raw)) && self.table_cells == 0;
        if let Some((br, wait)) = self.pending_br {
            let decided = match (wait, event) {
                (_, Event::Text(t)) if t.trim().is_empty() => None,
                (BrWait::LineEnd { content_before }, Event::SoftBreak) => {
                    if content_before {
                        self.pending_br = Some((br, BrWait::NextLine));
                    } else {
                        self.finish_br(Some(BrPosition::MidLine));
                    }
                    None
                }
                (BrWait::LineEnd { content_before }, Event::End(t)) if is_block_end(t) => {
                    let _ = content_before;
                    Some(BrPosition::BlockEnd)
                }
                (BrWait::LineEnd { .. }, Event::Start(t)) if is_block_start(t) => {
                    Some(BrPosition::BlockEnd)
                }
                (BrWait::LineEnd { .. }, _) => Some(BrPosition::MidLine),
                (BrWait::NextLine, Event::End(t)) if is_block_end(t) => Some(BrPosition::BlockEnd),
                (BrWait::NextLine, Event::Start(t)) if is_block_start(t) => {
                    Some(BrPosition::BlockEnd)
                }
                (BrWait::NextLine, Event::HardBreak | Event::SoftBreak) => {
                    Some(BrPosition::MidLine)
                }
                (BrWait::NextLine, _) => Some(BrPosition::LineEnd),
            };
            if let Some(position) = decided {
                self.finish_br(Some(position));
            }
        }
        if is_prose_br {
            self.pending_br = Some((
                span,
                BrWait::LineEnd {
                    content_before: self.line_has_content,
                },
            ));
        }
        self.line_has_content = match event {
            Event::SoftBreak | Event::HardBreak | Event::Start(_) | Event::End(_) => {
                matches!(event, Event::Start(t) if !is_block_start(t))
                    || matches!(event, Event::End(t) if !is_block_end(t)) && self.line_has_content
            }
            Event::Text(t) if t.trim().is_empty() => self.line_has_content,
            _ => true,
        };
    }

    fn finish_br(&mut self, position: Option<BrPosition>) {
        if let Some((span, wait)) = self.pending_br.take() {
            let position = position.unwrap_or(match wait {
                BrWait::LineEnd { .. } | BrWait::NextLine => BrPosition::BlockEnd,
            });
            self.md.brs.push(BrTag { span, position });
        }
    }
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::FootnoteDefinition
    )
}

fn is_block_start(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::Item
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::Table(_)
    )
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

    fn positions(body: &str) -> Vec<BrPosition> {
        parse(body, 0).brs.iter().map(|b| b.position).collect()
    }

    #[test]
    fn br_positions() {
        use BrPosition::*;
        assert_eq!(
            positions("a <br>\nb <br>\n\nc <br> d\n"),
            [LineEnd, BlockEnd, MidLine]
        );
        assert_eq!(positions("- a <br>\n- b\n"), [BlockEnd]);
        assert_eq!(positions("a <br> <br>\nb\n"), [MidLine, LineEnd]);
        assert_eq!(positions("| a <br> b |\n|---|\n| c<br>d |\n"), []);
        assert_eq!(positions("`<br>`\n\n<div>\n<br>\n</div>\n"), []);
        assert_eq!(positions("a\n<br>\nb\n"), [MidLine]);
    }

    #[test]
    fn headings_links_images() {
        let md = parse(
            "# 제목 `x`\n\n[a](./b.md#c) ![alt](/img/a.png)\n<img src=\"x.png\">\n",
            0,
        );
        assert_eq!(md.headings[0].text, "제목 x");
        assert_eq!(md.links[0].dest, "./b.md#c");
        let img = &md.images[0];
        assert_eq!(img.alt.as_deref(), Some("alt"));
        assert_eq!(md.images[1].src, "x.png");
    }

    #[test]
    fn undefined_references_ignore_shortcuts() {
        let md = parse("[a][missing] [b][] [c] [d][ok]\n\n[ok]: /x\n", 0);
        let labels: Vec<_> = md
            .undefined_references
            .iter()
            .map(|u| u.label.as_str())
            .collect();
        assert_eq!(labels, ["missing", "b"]);
    }
}
