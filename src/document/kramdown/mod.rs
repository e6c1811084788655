//! The kramdown front end, for Jekyll: a post's body read the way Jekyll's kramdown 2.4 (with
//! kramdown-parser-gfm 1.1 for the default `input: GFM`) reads it, after Liquid, into the
//! document tables. It follows kramdown's own parser, block by block and span by span
//! (`lib/kramdown/parser/kramdown/*.rb`, `parser/html.rb`, `parser/gfm.rb`): HTML blocks only
//! for block-level elements, `markdown="1"`, `$$` math, kramdown tables, lists and definition
//! lists, attribute lists, extensions, footnotes and abbreviations.

mod attributes;
mod block;
mod chars;
mod code;
mod collect;
mod definitions;
mod deflist;
mod entities;
mod html;
mod inline;
mod link;
mod list;
mod span;
mod table;
mod text;
mod tree;

use super::liquid;
use super::model::{Markdown, ReferenceDefinition};
use super::ParseOptions;
use crate::source::Span;
use std::collections::{HashMap, HashSet};
use text::{Mapped, Scanner};
use tree::{El, Ial, Kind};

/// Deepest nesting of blocks (quotes, lists, HTML elements) and spans kramdown is followed
/// into; a post nested deeper is reported as over the limit, not read.
const MAX_NESTING: usize = 64;

/// What the Jekyll site's `kramdown` settings change in the reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KramdownOptions {
    /// `input: GFM` (Jekyll's default), not plain kramdown.
    pub(crate) gfm: bool,
    /// `parse_block_html`: the content of block HTML elements is Markdown.
    pub(crate) parse_block_html: bool,
    /// `parse_span_html` (on by default): the content of span HTML elements is Markdown.
    pub(crate) parse_span_html: bool,
}

impl Default for KramdownOptions {
    fn default() -> Self {
        Self {
            gfm: true,
            parse_block_html: false,
            parse_span_html: true,
        }
    }
}

struct LinkDef {
    url: String,
    url_span: Span,
    span: Span,
}

/// `[text][label]` or `[label][]` whose label has no definition.
struct UndefinedRef {
    label: String,
    span: Span,
}

/// kramdown's parser state for one post.
struct Parser {
    options: KramdownOptions,
    gfm: bool,
    parse_block_html: bool,
    parse_span_html: bool,
    link_defs: HashMap<String, LinkDef>,
    definitions: Vec<ReferenceDefinition>,
    /// Where each definition's URL is written, in the order of `definitions`.
    definition_urls: Vec<Span>,
    footnotes: HashMap<String, Vec<El>>,
    referenced_footnotes: HashSet<String>,
    alds: HashMap<String, Ial>,
    undefined: Vec<UndefinedRef>,
    /// Block nesting now.
    depth: usize,
    /// The span elements being parsed, innermost last (kramdown's `@tree` and `@stack`).
    span_stack: Vec<span::Tree>,
    /// The end tag of the HTML element whose content is being read was met.
    stop_html_block: bool,
    /// Reading the content of a raw HTML element.
    in_raw_html: bool,
    /// Text scanned again after a backtrack; bounded by `budget`.
    work: usize,
    budget: usize,
    over_limit: bool,
}

impl Parser {
    fn new(options: KramdownOptions, len: usize) -> Self {
        Self {
            options,
            gfm: options.gfm,
            parse_block_html: options.parse_block_html,
            parse_span_html: options.parse_span_html,
            link_defs: HashMap::new(),
            definitions: Vec::new(),
            definition_urls: Vec::new(),
            footnotes: HashMap::new(),
            referenced_footnotes: HashSet::new(),
            alds: HashMap::new(),
            undefined: Vec::new(),
            depth: 0,
            span_stack: Vec::new(),
            stop_html_block: false,
            in_raw_html: false,
            work: 0,
            // kramdown backtracks over the same text; far more than a real post ever needs.
            budget: 64 * len + 1_000_000,
            over_limit: false,
        }
    }

    /// Whether backtracking went over the budget (then the post is over the limit).
    fn spent(&mut self) -> bool {
        if self.work > self.budget {
            self.over_limit = true;
        }
        self.over_limit
    }

    /// kramdown's `update_tree`: block text parsed into spans, end-of-block markers dropped,
    /// blank lines merged.
    fn update_tree(&mut self, children: &mut Vec<El>) {
        let old = std::mem::take(children);
        for mut child in old {
            if self.spent() {
                return;
            }
            match &child.kind {
                Kind::RawText(text) => {
                    let text = text.clone();
                    children.extend(self.parse_raw_text(&text));
                    continue;
                }
                Kind::Eob(_) => continue,
                Kind::P { transparent, .. } => {
                    if let Some(El {
                        kind: Kind::RawText(text),
                        ..
                    }) = child.children.first()
                    {
                        let fragile = fragile_end(text.as_str(), self.options);
                        child.kind = Kind::P {
                            transparent: *transparent,
                            fragile,
                        };
                    }
                }
                Kind::Blank if matches!(children.last().map(|c| &c.kind), Some(Kind::Blank)) => {
                    if let Some(last) = children.last_mut() {
                        last.span.end = child.span.end;
                    }
                    continue;
                }
                _ => {}
            }
            self.update_tree(&mut child.children);
            children.push(child);
        }
    }
}

/// Whether a paragraph's text, once its final `<br>` tags (and the blanks around them) are
/// gone, would be read as another block (display math, a table the final line kept from being
/// one, a setext heading, a rule): a fix that removes them must not change what it is.
fn fragile_end(text: &str, options: KramdownOptions) -> bool {
    let tail = trailing_breaks(text);
    if !text[tail..].contains('<') {
        return false;
    }
    let rest = format!("{}\n", &text[..tail]);
    let mapped = Mapped::from_file(&rest, 0);
    let mut parser = Parser::new(options, rest.len());
    let mut frame = block::Frame::new(None);
    parser.parse_blocks(&mut Scanner::new(&mapped), &mut frame);
    let blocks: Vec<&El> = frame
        .children
        .iter()
        .filter(|c| !matches!(c.kind, Kind::Blank))
        .collect();
    !matches!(
        blocks.as_slice(),
        [El {
            kind: Kind::P { .. },
            ..
        }]
    )
}

/// Where the blanks and `<br>` tags that end `text` begin (`text.len()` when there are none).
/// Scanned from the end: a search for them from the start costs the square of the length.
fn trailing_breaks(text: &str) -> usize {
    static BR_TAG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^<\s*/?\s*br\b[^>]*>$").expect("valid regex")
    });
    let mut end = text.len();
    loop {
        end = text[..end].trim_end().len();
        let body = &text[..end];
        if !body.ends_with('>') {
            return end;
        }
        // The tag holds no `>` but its last: it opens after the `>` before that one.
        let floor = body[..end - 1].rfind('>').map_or(0, |i| i + 1);
        let open = body[floor..]
            .match_indices('<')
            .map(|(i, _)| floor + i)
            .find(|&i| BR_TAG.is_match(&body[i..]));
        match open {
            Some(open) => end = open,
            None => return end,
        }
    }
}

/// Reads `body` (the file text after the front matter, whose first byte is at `base` in the
/// file) into the document tables.
pub(crate) fn read(body: &str, base: usize, options: &ParseOptions) -> Markdown {
    let rendered = liquid::render(body, base);
    let text = rendered.text.as_deref().unwrap_or(body);
    let source = adapt_source(text, base);
    let mut parser = Parser::new(options.kramdown, source.len());
    let mut root = block::Frame::new(None);
    parser.parse_blocks(&mut Scanner::new(&source), &mut root);
    let mut children = root.children;
    parser.update_tree(&mut children);
    let mut footnotes = Vec::new();
    let mut names: Vec<String> = parser.referenced_footnotes.iter().cloned().collect();
    names.sort();
    for name in names {
        if let Some(mut body) = parser.footnotes.remove(&name) {
            parser.update_tree(&mut body);
            footnotes.push(body);
        }
    }
    let over_limit = parser.over_limit;
    let mut md = collect::tables(&mut parser, children, footnotes, body, base);
    md.over_limit |= over_limit;
    if over_limit {
        md.links.clear();
        md.images.clear();
        md.brs.clear();
        md.br_texts.clear();
    }
    restore_templated(
        &mut md,
        body,
        base,
        &rendered.placeholders,
        &parser.definition_urls,
    );
    md.code.extend(rendered.code.iter().copied());
    md.template_tags = rendered.tags;
    md.template_skipped = rendered.skipped;
    md.breaks = options.breaks;
    md.index_regions();
    md
}

/// kramdown's `adapt_source`: `\r\n` line ends read as `\n`, and a final newline.
fn adapt_source(text: &str, base: usize) -> Mapped {
    let mut source = if text.contains('\r') {
        let mut m = Mapped::default();
        let whole = Mapped::from_file(text, base);
        let mut start = 0;
        for (i, _) in text.match_indices("\r\n") {
            m.push_from(&whole, start..i);
            start = i + 1;
        }
        m.push_from(&whole, start..text.len());
        m
    } else {
        Mapped::from_file(text, base)
    };
    if !source.as_str().ends_with('\n') {
        let end = base + text.len();
        source.push_synthetic("\n", end);
    }
    source
}

/// A destination written with Liquid was read with placeholders: the tables give it as
/// written in the file, which the link resolver expands or skips.
fn restore_templated(
    md: &mut Markdown,
    body: &str,
    base: usize,
    placeholders: &[Span],
    definition_urls: &[Span],
) {
    if placeholders.is_empty() {
        return;
    }
    let set = crate::source::SpanSet::new(placeholders.iter().copied());
    let written = |span: Span| {
        body.get(span.start.saturating_sub(base)..span.end.saturating_sub(base))
            .map(str::to_string)
    };
    for link in &mut md.links {
        if set.overlaps(link.dest_span) {
            if let Some(w) = written(link.dest_span) {
                link.dest = w;
            }
        }
    }
    for image in &mut md.images {
        if set.overlaps(image.src_span) {
            if let Some(w) = written(image.src_span) {
                image.src = w;
            }
        }
    }
    let mut templated_label = false;
    for (def, url) in md.definitions.iter_mut().zip(definition_urls) {
        if set.overlaps(*url) {
            if let Some(w) = written(*url) {
                def.dest = w;
            }
        }
        templated_label |= set.overlaps(Span::new(def.span.start, url.start));
    }
    // Labels built by Liquid (a `{% for %}` writing definitions) cannot be known: which
    // references they define is not for postlint to guess.
    if templated_label {
        md.undefined_references.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_breaks_match_the_pattern_they_stand_for() {
        let pattern = regex::Regex::new(r"(?i)(?:\s|<\s*/?\s*br\b[^>]*>)*$").expect("valid regex");
        for text in [
            "a <br>",
            "a<br/> <BR >\n",
            "a </br>",
            "a <b>",
            "a <br <br>",
            "a > <br class=x>",
            "<br>",
            "",
            "a",
            "a <bra>",
            "a 　<br>\t",
            "a <br> b",
        ] {
            let expected = pattern.find(text).map_or(text.len(), |m| m.start());
            assert_eq!(trailing_breaks(text), expected, "{text:?}");
        }
    }
    use crate::document::model::{BrContext, Inline};

    fn read_gfm(body: &str) -> Markdown {
        read(body, 0, &ParseOptions::default())
    }

    #[test]
    fn debug_tokens() {
        let md = read_gfm("> a </br>\n> b \\\n>   <BR>\n\nx\n");
        let contexts: Vec<BrContext> = md.brs.iter().map(|b| b.context).collect();
        eprintln!("{contexts:?}");
        for t in &md.br_texts {
            eprintln!("{:?} {}", t.tokens, t.no_hard_break);
        }
        let _ = Inline::Content;
    }
}
