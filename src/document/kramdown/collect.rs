//! kramdown's element tree read into the document tables: headings with the text kramdown
//! derives their ids from, links and images (Markdown and HTML), code, every `<br>` with where
//! it ends up, and for prose the inline tokens a fix needs.

use super::text::Mapped;
use super::tree::{ContentModel, El, HtmlElement, Ial, Kind, Target};
use super::Parser;
use crate::document::html::{decode_entities, is_br};
use crate::document::model::{
    BrContext, BrTag, BrText, Heading, Image, Inline, Link, Markdown, RefKind, UndefinedReference,
};
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// Where a `<br>` would end up, from its nearest telling ancestor.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Prose,
    Table,
    Html,
}

enum Pending {
    Token(Inline),
    Br(Span),
    /// A `</br>` printed as text (its text is content already).
    Literal(Span),
}

struct TextBlock {
    heading: bool,
    tokens: Vec<Pending>,
    /// A backslash line break would not be read here (GFM leaves HTML elements alone).
    no_hard_break: bool,
}

struct Walker<'a> {
    parser: &'a Parser,
    md: Markdown,
    body: &'a str,
    base: usize,
    place: Place,
    /// Inside an HTML element (or a footnote): the GFM parser does not touch what is there.
    untouched: bool,
    block: Option<TextBlock>,
    /// Inline HTML elements around the text being read.
    in_span_html: usize,
    /// Reading a footnote's definition.
    in_footnote: bool,
}

pub(super) fn tables(
    parser: &mut Parser,
    root: Vec<El>,
    footnotes: Vec<Vec<El>>,
    body: &str,
    base: usize,
) -> Markdown {
    let mut walker = Walker {
        parser,
        md: Markdown::default(),
        body,
        base,
        place: Place::Prose,
        untouched: false,
        block: None,
        in_span_html: 0,
        in_footnote: false,
    };
    for el in &root {
        walker.block_el(el);
    }
    walker.untouched = true;
    walker.in_footnote = true;
    for body in &footnotes {
        for el in body {
            walker.block_el(el);
        }
    }
    let mut md = walker.md;
    md.definitions = std::mem::take(&mut parser.definitions);
    let mut undefined: Vec<UndefinedReference> = parser
        .undefined
        .drain(..)
        .map(|u| UndefinedReference {
            label: u.label,
            span: u.span,
        })
        .collect();
    undefined.sort_by_key(|u| (u.span.start, u.span.end));
    let mut last_end = 0;
    undefined.retain(|u| {
        let keep = u.span.start >= last_end;
        if keep {
            last_end = u.span.end;
        }
        keep
    });
    md.undefined_references = undefined;
    md
}

impl Walker<'_> {
    fn block_el(&mut self, el: &El) {
        if is_inline(el) {
            // Text kramdown added to a block of its own ("this should not occur").
            self.inline(el);
            return;
        }
        match &el.kind {
            Kind::Header { level, raw, id } => {
                let text = if self.parser.gfm {
                    raw_text(&el.children)
                } else {
                    raw.clone()
                };
                let explicit = self.ial_id(el.ial.as_ref()).or_else(|| id.clone());
                self.md.headings.push(Heading {
                    level: *level,
                    text,
                    span: el.span,
                    explicit_id: explicit,
                    converter_id: self.parser.gfm && self.untouched,
                });
                self.text_block(el, true, false);
            }
            Kind::P { fragile, .. } => self.text_block(el, false, *fragile || self.in_footnote),
            Kind::Dt => self.text_block(el, false, false),
            Kind::Codeblock | Kind::Math(_) | Kind::Comment => self.md.code.push(el.span),
            Kind::Raw => self.raw_output(el),
            Kind::Cell => self.with_place(Place::Table, |w| w.inline_children(el)),
            Kind::Html(html) => self.html_block(el, html),
            Kind::Li | Kind::Blockquote | Kind::Dd => {
                self.with_place(Place::Prose, |w| w.block_children(el))
            }
            _ => self.block_children(el),
        }
    }

    fn block_children(&mut self, el: &El) {
        for child in &el.children {
            self.block_el(child);
        }
    }

    fn with_place(&mut self, place: Place, f: impl FnOnce(&mut Self)) {
        let saved = std::mem::replace(&mut self.place, place);
        f(self);
        self.place = saved;
    }

    /// An HTML element that opened a block: its content is HTML, Markdown blocks or spans.
    fn html_block(&mut self, el: &El, html: &HtmlElement) {
        self.html_attrs(el, html);
        let untouched = std::mem::replace(&mut self.untouched, true);
        match html.model {
            ContentModel::Span => self.with_place(Place::Prose, |w| w.text_block(el, false, false)),
            ContentModel::Block => self.with_place(Place::Html, |w| w.block_children(el)),
            ContentModel::Raw => self.with_place(Place::Html, |w| w.raw_children(el)),
        }
        self.untouched = untouched;
    }

    /// The content of a raw HTML element: text, tags and nested elements.
    fn raw_children(&mut self, el: &El) {
        for child in &el.children {
            match &child.kind {
                Kind::Html(html) if html.name == "br" => {
                    self.html_attrs(child, html);
                    self.push_br(child.span, BrContext::HtmlBlock);
                }
                Kind::Html(html) if html.block => self.html_block(child, html),
                Kind::Html(html) => {
                    self.html_attrs(child, html);
                    self.raw_children(child);
                }
                Kind::Text(text) => self.literal_brs(text),
                Kind::Raw => self.raw_output(child),
                _ => self.block_el(child),
            }
        }
    }

    /// `{::nomarkdown}` and `<script>`/`<style>` bodies are output unread: `<br>` tags there
    /// are HTML.
    fn raw_output(&mut self, el: &El) {
        static BR_TAG: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?i)<\s*br\b[^>]*>").expect("valid regex"));
        self.md.code.push(el.span);
        let start = el.span.start.saturating_sub(self.base);
        let end = el.span.end.saturating_sub(self.base);
        let Some(raw) = self.body.get(start..end) else {
            return;
        };
        for m in BR_TAG.find_iter(raw) {
            self.push_br(
                Span::new(el.span.start + m.start(), el.span.start + m.end()),
                BrContext::HtmlBlock,
            );
        }
    }

    /// A block whose content is text: a paragraph, a heading, a definition term, an HTML
    /// element read as spans.
    /// `held_end`: the block's final `<br>` tags must stay (kramdown ends a footnote's last
    /// paragraph with its back link; a fragile paragraph would change kind without them).
    fn text_block(&mut self, el: &El, heading: bool, held_end: bool) {
        self.block = Some(TextBlock {
            heading,
            tokens: Vec::new(),
            no_hard_break: self.untouched,
        });
        self.with_place(Place::Prose, |w| w.inline_children(el));
        if held_end {
            self.token(Pending::Token(Inline::Content));
        }
        self.flush();
    }

    fn inline_children(&mut self, el: &El) {
        for child in &el.children {
            self.inline(child);
        }
    }

    fn token(&mut self, token: Pending) {
        if let Some(block) = &mut self.block {
            block.tokens.push(token);
        } else {
            match token {
                Pending::Br(span) => {
                    let context = match self.place {
                        Place::Table => BrContext::TableCell,
                        Place::Html => BrContext::HtmlBlock,
                        // Prose outside any paragraph (text kramdown put in a block of its
                        // own): reported, never edited.
                        Place::Prose => BrContext::Heading,
                    };
                    self.push_br(span, context);
                }
                Pending::Literal(span) => self.push_br(span, BrContext::Literal),
                Pending::Token(_) => {}
            }
        }
    }

    fn inline(&mut self, el: &El) {
        match &el.kind {
            Kind::Text(text) => self.text(text),
            Kind::Codespan(_) | Kind::Math(_) => {
                self.md.code.push(el.span);
                self.token(Pending::Token(Inline::Content));
            }
            Kind::Footnote => self.token(Pending::Token(Inline::Content)),
            Kind::Symbol(s) if !s.trim().is_empty() => self.token(Pending::Token(Inline::Content)),
            Kind::Br => self.token(Pending::Token(Inline::HardBreak)),
            Kind::A(target) => {
                self.link(el, target);
                if target.autolink {
                    self.token(Pending::Token(Inline::Content));
                }
                self.inline_children(el);
            }
            Kind::Img { target, alt } => {
                self.image(el, target, alt);
                self.token(Pending::Token(Inline::Content));
            }
            Kind::Html(html) if html.name == "br" => {
                self.html_attrs(el, html);
                match self.place {
                    Place::Prose => self.token(Pending::Br(el.span)),
                    Place::Table => self.push_br(el.span, BrContext::TableCell),
                    Place::Html => self.push_br(el.span, BrContext::HtmlBlock),
                }
            }
            Kind::Html(html) => {
                self.html_attrs(el, html);
                if html.name == "img" || html.name == "input" {
                    self.token(Pending::Token(Inline::Content));
                    return;
                }
                self.token(Pending::Token(Inline::Html));
                if let Some(block) = &mut self.block {
                    block.no_hard_break = true;
                }
                self.in_span_html += 1;
                self.inline_children(el);
                self.in_span_html -= 1;
                self.token(Pending::Token(Inline::Html));
            }
            Kind::XmlComment | Kind::Raw => {
                if matches!(el.kind, Kind::Raw) {
                    self.raw_output(el);
                }
                self.token(Pending::Token(Inline::Html));
            }
            Kind::Comment => self.md.code.push(el.span),
            _ => self.inline_children(el),
        }
    }

    /// Text: content and line ends, and any `<br>` in it kramdown did not take for a tag.
    fn text(&mut self, text: &Mapped) {
        // The GFM parser makes a backslash at the end of a line a line break, but not inside
        // HTML elements or footnotes.
        let backslash_breaks = self.parser.gfm && !self.untouched && self.in_span_html == 0;
        let s = text.as_str();
        let mut first = true;
        let mut hard = false;
        for line in s.split('\n') {
            if !first {
                let token = if hard {
                    Inline::HardBreak
                } else {
                    Inline::SoftBreak
                };
                self.token(Pending::Token(token));
            }
            first = false;
            hard = backslash_breaks && line.ends_with('\\');
            let content = if hard { &line[..line.len() - 1] } else { line };
            if !content.trim().is_empty() {
                self.token(Pending::Token(Inline::Content));
            }
        }
        self.literal_brs(text);
    }

    /// `<br>` spellings left in text (`</br>`, `< br>`): printed as they are written.
    fn literal_brs(&mut self, text: &Mapped) {
        static BR_TEXT: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?i)<\s*/?\s*br\b[^>]*>").expect("valid regex"));
        let s = text.as_str();
        if !s.contains('<') {
            return;
        }
        for m in BR_TEXT.find_iter(s) {
            let span = text.file_span(m.start()..m.end());
            let at = span.start.saturating_sub(self.base);
            let escaped = self.body[..at.min(self.body.len())].ends_with('\\');
            let written = self.body.get(at..span.end.saturating_sub(self.base));
            if escaped || !written.is_some_and(is_br) {
                continue;
            }
            self.token(Pending::Literal(span));
        }
    }

    fn flush(&mut self) {
        let Some(block) = self.block.take() else {
            return;
        };
        let has_br = block.tokens.iter().any(|t| matches!(t, Pending::Br(_)));
        let context = if block.heading {
            BrContext::Heading
        } else {
            BrContext::Text {
                text: self.md.br_texts.len(),
            }
        };
        let mut text = BrText {
            no_hard_break: block.no_hard_break,
            ..BrText::default()
        };
        for token in block.tokens {
            match token {
                Pending::Token(t) => text.tokens.push(t),
                Pending::Br(span) => {
                    self.push_br(span, context);
                    text.tokens.push(Inline::Br(self.md.brs.len() - 1));
                }
                // Text, whose line already counts as content.
                Pending::Literal(span) => self.push_br(span, BrContext::Literal),
            }
        }
        if has_br && !block.heading {
            self.md.br_texts.push(text);
        }
    }

    fn push_br(&mut self, span: Span, context: BrContext) {
        self.md.brs.push(BrTag { span, context });
    }

    fn link(&mut self, el: &El, target: &Target) {
        let kind = if target.autolink {
            RefKind::Autolink
        } else if target.definition.is_some() {
            RefKind::Reference
        } else {
            RefKind::Inline
        };
        self.md.links.push(Link {
            dest: target.url.clone(),
            span: el.span,
            dest_span: if target.autolink {
                el.span
            } else {
                target.url_span
            },
            kind,
            definition: target.definition,
        });
    }

    fn image(&mut self, el: &El, target: &Target, alt: &str) {
        self.md.images.push(Image {
            src: target.url.clone(),
            alt: Some(alt.to_string()),
            span: el.span,
            src_span: target.url_span,
            kind: if target.definition.is_some() {
                RefKind::Reference
            } else {
                RefKind::Inline
            },
            definition: target.definition,
        });
    }

    /// `<a href>`, `<img src>`, `id` and `<a name>` of an HTML element.
    fn html_attrs(&mut self, el: &El, html: &HtmlElement) {
        let value = |name: &str| html.attr(name).map(|a| (decode_entities(&a.value), a.span));
        match html.name.as_str() {
            "a" => {
                if let Some((dest, dest_span)) = value("href") {
                    self.md.links.push(Link {
                        dest,
                        span: el.span,
                        dest_span,
                        kind: RefKind::Html,
                        definition: None,
                    });
                }
                if let Some((name, _)) = value("name") {
                    self.md.html_ids.push(name);
                }
            }
            "img" => {
                if let Some((src, src_span)) = value("src") {
                    self.md.images.push(Image {
                        src,
                        alt: value("alt").map(|(a, _)| a),
                        span: el.span,
                        src_span,
                        kind: RefKind::Html,
                        definition: None,
                    });
                }
            }
            _ => {}
        }
        if let Some((id, _)) = value("id") {
            self.md.html_ids.push(id);
        }
    }

    /// The id an attribute list gives, through the definitions it refers to.
    fn ial_id(&self, ial: Option<&Ial>) -> Option<String> {
        let ial = ial?;
        let mut id = None;
        for name in &ial.refs {
            if let Some(def) = self.parser.alds.get(name) {
                id = self.ial_id(Some(def)).or(id);
            }
        }
        ial.id.clone().or(id)
    }
}

/// Elements that stand in text, not as blocks.
fn is_inline(el: &El) -> bool {
    match &el.kind {
        Kind::Html(html) => !html.block,
        Kind::Text(_)
        | Kind::Codespan(_)
        | Kind::A(_)
        | Kind::Img { .. }
        | Kind::Symbol(_)
        | Kind::Br
        | Kind::Footnote
        | Kind::Em
        | Kind::Strong
        | Kind::Del => true,
        _ => false,
    }
}

/// The GFM parser's `update_raw_text`: the text of a heading as rendered (code and math
/// content, entities, typographic characters), from which its id is made.
fn raw_text(children: &[El]) -> String {
    let mut out = String::new();
    fn walk(children: &[El], out: &mut String) {
        for child in children {
            match &child.kind {
                Kind::Text(t) => out.push_str(t.as_str()),
                Kind::Codespan(code) | Kind::Math(code) => out.push_str(code),
                Kind::Symbol(s) => out.push_str(s),
                Kind::Img { .. } => {}
                _ => walk(&child.children, out),
            }
        }
    }
    walk(children, &mut out);
    out
}
