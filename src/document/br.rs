//! `<br>` tags in prose and the inline text around them: what a `<br>` does on the page
//! depends on what stands before and after it in its paragraph, so the paragraph is kept as a
//! short list of tokens for the rule that fixes them.

use super::html;
use crate::source::Span;
use pulldown_cmark::{Event, Tag, TagEnd};

/// A `<br>` outside code, raw HTML blocks and table cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrTag {
    pub span: Span,
    pub context: BrContext,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrContext {
    /// In the inline text of a paragraph or a list item; `text` indexes `Markdown::br_texts`.
    Text { text: usize },
    /// In a heading, whose id the generators derive from its text (tag included, for plain
    /// kramdown), so the tag is reported but never edited.
    Heading,
}

/// One piece of a paragraph's inline text, as far as line breaks are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Something visible: text that is not only blanks, code, an image, a footnote mark.
    Content,
    /// A prose `<br>`: the index in `Markdown::brs`.
    Br(usize),
    /// Another inline HTML tag; shows nothing by itself.
    Html,
    /// A line ending inside the paragraph (rendered as a blank).
    SoftBreak,
    /// A Markdown hard line break: two trailing spaces or a trailing backslash.
    HardBreak,
    /// MDX: a line of the CommonMark paragraph that holds only tags, which MDX reads as a flow
    /// element between two paragraphs. Whatever stands next to it has no safe fix under both
    /// readings.
    Barrier,
}

/// The inline text of a paragraph (or list item, or heading) that holds at least one `<br>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BrText {
    pub tokens: Vec<Inline>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Text,
    Heading,
}

/// Collects prose `<br>` tags from the parser's events, one inline block at a time.
#[derive(Default)]
pub struct BrCollector {
    /// MDX reads a line that holds only tags as a flow element.
    mdx: bool,
    table_cells: usize,
    block: Option<(BlockKind, Vec<PendingToken>)>,
    pub brs: Vec<BrTag>,
    pub texts: Vec<BrText>,
}

#[derive(Clone, Copy)]
enum PendingToken {
    Token(Inline),
    Br(Span),
}

impl BrCollector {
    pub fn new(mdx: bool) -> Self {
        Self {
            mdx,
            ..Self::default()
        }
    }

    pub fn event(&mut self, event: &Event<'_>, span: Span) {
        match event {
            Event::Start(Tag::TableCell) => self.table_cells += 1,
            Event::End(TagEnd::TableCell) => self.table_cells = self.table_cells.saturating_sub(1),
            Event::Start(Tag::Paragraph | Tag::Item) => self.open(BlockKind::Text),
            Event::Start(Tag::Heading { .. }) => self.open(BlockKind::Heading),
            Event::Start(tag) if starts_block(tag) => self.flush(),
            Event::End(tag) if ends_block(tag) => self.flush(),
            _ if self.table_cells > 0 => {}
            _ => self.inline(event, span),
        }
    }

    /// Ends the last block; call once after the last event.
    pub fn finish(&mut self) {
        self.flush();
    }

    fn open(&mut self, kind: BlockKind) {
        self.flush();
        self.block = Some((kind, Vec::new()));
    }

    fn inline(&mut self, event: &Event<'_>, span: Span) {
        let Some((_, tokens)) = &mut self.block else {
            return;
        };
        let token = match event {
            Event::Text(text) if text.trim().is_empty() => return,
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::Start(Tag::Image { .. }) => PendingToken::Token(Inline::Content),
            Event::InlineHtml(raw) if html::is_br(raw) => PendingToken::Br(span),
            Event::InlineHtml(_) | Event::Html(_) => PendingToken::Token(Inline::Html),
            Event::SoftBreak => PendingToken::Token(Inline::SoftBreak),
            Event::HardBreak => PendingToken::Token(Inline::HardBreak),
            _ => return,
        };
        tokens.push(token);
    }

    fn flush(&mut self) {
        let Some((kind, mut tokens)) = self.block.take() else {
            return;
        };
        if !tokens.iter().any(|t| matches!(t, PendingToken::Br(_))) {
            return;
        }
        if self.mdx {
            tokens = mark_flow_lines(tokens);
            if !tokens.iter().any(|t| matches!(t, PendingToken::Br(_))) {
                return;
            }
        }
        let context = match kind {
            BlockKind::Heading => BrContext::Heading,
            BlockKind::Text => BrContext::Text {
                text: self.texts.len(),
            },
        };
        let mut text = BrText::default();
        for token in tokens {
            text.tokens.push(match token {
                PendingToken::Token(t) => t,
                PendingToken::Br(span) => {
                    self.brs.push(BrTag { span, context });
                    Inline::Br(self.brs.len() - 1)
                }
            });
        }
        if kind == BlockKind::Text {
            self.texts.push(text);
        }
    }
}

/// Replaces each line that holds only tags (MDX flow elements) with one `Barrier`.
fn mark_flow_lines(tokens: Vec<PendingToken>) -> Vec<PendingToken> {
    let is_break = |t: &PendingToken| {
        matches!(
            t,
            PendingToken::Token(Inline::SoftBreak | Inline::HardBreak)
        )
    };
    let mut out = Vec::with_capacity(tokens.len());
    for line in tokens.split_inclusive(is_break) {
        let (body, end) = match line.split_last() {
            Some((last, body)) if is_break(last) => (body, Some(*last)),
            _ => (line, None),
        };
        let only_tags = !body.is_empty()
            && body
                .iter()
                .all(|t| matches!(t, PendingToken::Br(_) | PendingToken::Token(Inline::Html)));
        if only_tags {
            out.push(PendingToken::Token(Inline::Barrier));
        } else {
            out.extend_from_slice(body);
        }
        out.extend(end);
    }
    out
}

fn starts_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::MetadataBlock(_)
    )
}

fn ends_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::Table
            | TagEnd::FootnoteDefinition
    )
}

#[cfg(test)]
mod tests {
    use super::super::markdown::parse;
    use super::*;

    fn texts(body: &str, mdx: bool) -> Vec<Vec<Inline>> {
        parse(body, 0, mdx)
            .br_texts
            .into_iter()
            .map(|t| t.tokens)
            .collect()
    }

    #[test]
    fn paragraphs_keep_their_line_structure() {
        use Inline::*;
        assert_eq!(
            texts("a <br>\nb <br>\n\nc <br> d\n", false),
            [
                vec![Content, Br(0), SoftBreak, Content, Br(1)],
                vec![Content, Br(2), Content]
            ]
        );
        assert_eq!(
            texts("- a <br>\n  <br>\n- b\n", false),
            [vec![Content, Br(0), SoftBreak, Br(1)]]
        );
        assert_eq!(
            texts("a  \n<br>\n", false),
            [vec![Content, HardBreak, Br(0)]]
        );
    }

    #[test]
    fn code_html_blocks_and_table_cells_hold_no_prose_br() {
        let md = parse(
            "`<br>`\n\n<div>\n<br>\n</div>\n\n| a <br> b |\n|---|\n| c<br>d |\n",
            0,
            false,
        );
        assert!(md.brs.is_empty() && md.br_texts.is_empty());
    }

    #[test]
    fn headings_are_their_own_context() {
        let md = parse("## 제목<br>\n\n본문<br>\n", 0, false);
        assert_eq!(md.brs[0].context, BrContext::Heading);
        assert_eq!(md.brs[1].context, BrContext::Text { text: 0 });
    }

    #[test]
    fn mdx_lines_of_tags_are_flow_elements() {
        use Inline::*;
        assert_eq!(
            texts("a<br />\n<br />\nb<br />\nc\n", true),
            [vec![
                Content,
                Br(0),
                SoftBreak,
                Barrier,
                SoftBreak,
                Content,
                Br(1),
                SoftBreak,
                Content
            ]]
        );
        let md = parse("a\n<br />\n", 0, true);
        assert!(md.brs.is_empty());
    }
}
