//! The CommonMark front end's `<br>` tables: every `<br>` with where it stands (prose, table
//! cell, raw HTML block, MDX flow element), and for prose the inline text around it, since what
//! a `<br>` does on the page depends on what stands before and after it in its paragraph.

use super::html;
use super::model::{BrContext, BrTag, BrText, Inline};
use crate::source::Span;
use pulldown_cmark::{Event, Tag, TagEnd};

#[derive(Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Text,
    Heading,
}

/// Collects the `<br>` tags from the parser's events, prose ones one inline block at a time.
#[derive(Default)]
pub(super) struct BrCollector {
    /// MDX reads a line that holds only tags as a flow element, and has no raw HTML blocks.
    mdx: bool,
    table_cells: usize,
    block: Option<(BlockKind, Vec<PendingToken>)>,
    pub(super) brs: Vec<BrTag>,
    pub(super) texts: Vec<BrText>,
    /// MDX: `<br>` tags alone on their line that the MDX front end rewrote into a one-line
    /// HTML block (see [`BrCollector::swallowing`]): flow elements, in source order.
    split_brs: Vec<Span>,
    /// MDX: the HTML block being read, and the `<br>` its first line holds alone, if it does.
    html_block: Option<(Option<Span>, usize)>,
    /// MDX: `<br>` tags alone on a line that opened a CommonMark HTML block going on to the
    /// next lines. MDX has no HTML blocks: its flow element ends at its line and the lines
    /// after it are Markdown, so the front end splits the block there and reads again.
    pub(super) swallowing: Vec<Span>,
}

#[derive(Clone, Copy)]
enum PendingToken {
    Token(Inline),
    Br(Span),
    /// MDX: a `<br>` on a line of tags only, a flow element.
    Flow(Span),
}

impl BrCollector {
    /// `split_brs`: see [`BrCollector::swallowing`] (MDX only; sorted).
    pub(super) fn new(mdx: bool, split_brs: &[Span]) -> Self {
        Self {
            mdx,
            split_brs: split_brs.to_vec(),
            ..Self::default()
        }
    }

    pub(super) fn event(&mut self, event: &Event<'_>, span: Span) {
        match event {
            Event::Start(Tag::TableCell) => self.table_cells += 1,
            Event::End(TagEnd::TableCell) => self.table_cells = self.table_cells.saturating_sub(1),
            Event::Start(Tag::Paragraph | Tag::Item) => self.open(BlockKind::Text),
            Event::Start(Tag::Heading { .. }) => self.open(BlockKind::Heading),
            Event::Start(tag) if starts_block(tag) => {
                self.html_block = None;
                self.flush();
            }
            Event::End(tag) if ends_block(tag) => {
                self.html_block = None;
                self.flush();
            }
            Event::InlineHtml(raw) if self.table_cells > 0 && html::is_br(raw) => {
                self.brs.push(BrTag {
                    span,
                    context: BrContext::TableCell,
                })
            }
            _ if self.table_cells > 0 => {}
            // A line of a raw HTML block (outside any paragraph).
            Event::Html(raw) if self.block.is_none() => {
                if self.mdx {
                    self.mdx_block_line(raw, span);
                }
                self.html_line(raw, span);
            }
            _ => self.inline(event, span),
        }
    }

    /// Ends the last block; call once after the last event.
    pub(super) fn finish(&mut self) {
        self.flush();
    }

    /// Notes an HTML block that a lone `<br>` opened and that swallows the lines after it, and
    /// gives back the `<br>` of a line the front end has split off.
    fn mdx_block_line(&mut self, raw: &str, span: Span) {
        let split_at = self.split_brs.partition_point(|s| s.start < span.start);
        if let Some(&br) = self.split_brs.get(split_at).filter(|s| s.end <= span.end) {
            self.brs.push(BrTag {
                span: br,
                context: BrContext::MdxFlow,
            });
        }
        let (lone_br, lines) = self.html_block.get_or_insert_with(|| {
            let lead = raw.len() - raw.trim_start().len();
            let tag = raw.trim();
            let br = html::is_br(tag).then(|| {
                let start = span.start + lead;
                Span::new(start, start + tag.len())
            });
            (br, 0)
        });
        *lines += 1;
        if *lines == 2 && !raw.trim().is_empty() {
            if let Some(br) = lone_br {
                self.swallowing.push(*br);
            }
        }
    }

    fn html_line(&mut self, raw: &str, span: Span) {
        let context = if self.mdx {
            // MDX has no raw HTML: a tag that starts a block is a JSX flow element.
            BrContext::MdxFlow
        } else {
            BrContext::HtmlBlock
        };
        for tag in html::tags(raw).into_iter().filter(|t| t.name == "br") {
            self.brs.push(BrTag {
                span: tag.span.shifted(span.start),
                context,
            });
        }
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
        }
        let prose = tokens.iter().any(|t| matches!(t, PendingToken::Br(_)));
        let context = match kind {
            BlockKind::Heading => BrContext::Heading,
            BlockKind::Text => BrContext::Text {
                text: self.texts.len(),
            },
        };
        let mut text = BrText::default();
        for token in tokens {
            match token {
                PendingToken::Token(t) => text.tokens.push(t),
                PendingToken::Br(span) => {
                    self.brs.push(BrTag { span, context });
                    text.tokens.push(Inline::Br(self.brs.len() - 1));
                }
                PendingToken::Flow(span) => self.brs.push(BrTag {
                    span,
                    context: BrContext::MdxFlow,
                }),
            }
        }
        if kind == BlockKind::Text && prose {
            self.texts.push(text);
        }
    }
}

/// Replaces each line that holds only tags (MDX flow elements) with one `Barrier`, after the
/// flow `<br>` tags it holds.
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
            out.extend(body.iter().filter_map(|t| match t {
                PendingToken::Br(span) => Some(PendingToken::Flow(*span)),
                _ => None,
            }));
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
    use super::super::commonmark::parse;
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
        let contexts: Vec<BrContext> = md.brs.iter().map(|b| b.context).collect();
        assert_eq!(
            contexts,
            [
                BrContext::HtmlBlock,
                BrContext::TableCell,
                BrContext::TableCell
            ]
        );
        assert!(md.br_texts.is_empty());
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
                Br(2),
                SoftBreak,
                Content
            ]]
        );
        let md = parse("a\n<br />\n", 0, true);
        assert_eq!(md.brs.len(), 1);
        assert_eq!(md.brs[0].context, BrContext::MdxFlow);
        assert!(md.br_texts.is_empty());
        let md = parse("<br />\n\ntext\n", 0, true);
        assert_eq!(md.brs[0].context, BrContext::MdxFlow);
    }
}
