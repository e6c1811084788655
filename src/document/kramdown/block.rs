//! kramdown's block parser (`Kramdown::Parser::Kramdown#parse_blocks` and the GFM parser's
//! changes to it): each line is offered to the block parsers in kramdown's order, the first
//! that takes it builds its element. Lists, tables and HTML live in their own files.

use super::text::{is_blank, is_space, opt_space, Mapped, Scanner};
use super::tree::{El, Eob, Ial, Kind};
use super::{Parser, MAX_NESTING};
use regex::Regex;
use std::sync::LazyLock;

/// The element being filled (kramdown's `@tree` while it parses blocks).
pub(super) struct Frame<'n> {
    pub(super) children: Vec<El>,
    /// An attribute list waiting for the next block element (`@block_ial`).
    pub(super) block_ial: Option<Ial>,
    /// The HTML element whose content this is, whose end tag ends the parse.
    pub(super) html: Option<&'n str>,
}

impl<'n> Frame<'n> {
    pub(super) fn new(html: Option<&'n str>) -> Self {
        Self {
            children: Vec::new(),
            block_ial: None,
            html,
        }
    }

    /// kramdown's `new_block_el`: the element takes the waiting attribute list.
    pub(super) fn push_block(&mut self, mut el: El) {
        if let Some(ial) = self.block_ial.take() {
            el.ial = Some(ial);
        }
        self.children.push(el);
    }

    /// kramdown's `after_block_boundary?`.
    pub(super) fn after_boundary(&self) -> bool {
        match self.children.last() {
            None => true,
            Some(last) => {
                matches!(last.kind, Kind::Blank | Kind::Eob(Eob::Marker))
                    || self.block_ial.is_some()
            }
        }
    }
}

type BlockParser = fn(&mut Parser, &mut Scanner<'_>, &mut Frame<'_>) -> bool;

const PARSERS: &[BlockParser] = &[
    Parser::blank_line,
    Parser::codeblock,
    Parser::codeblock_fenced,
    Parser::blockquote,
    Parser::atx_header,
    Parser::horizontal_rule,
    Parser::list,
    Parser::definition_list,
    Parser::block_html,
    Parser::setext_header,
    Parser::block_math,
    Parser::table,
    Parser::footnote_definition,
    Parser::link_definition,
    Parser::abbrev_definition,
    Parser::block_extensions,
    Parser::eob_marker,
    Parser::paragraph,
];

static IAL_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ {0,3}\{:((?:\\\}|[^:/\}])(?:\\\}|[^\}])*)\}[ \t\r\x0B\x0C]*\n")
        .expect("constant regex")
});

/// kramdown's `IAL_BLOCK_START`: its attribute text and length, at the start of `rest`.
pub(super) fn ial_block(rest: &str) -> Option<(&str, usize)> {
    let caps = IAL_BLOCK.captures(rest)?;
    Some((caps.get(1)?.as_str(), caps.get(0)?.end()))
}

/// `^\^\s*?\n`: an end-of-block marker line.
pub(super) fn is_eob_marker(line: &str) -> bool {
    line.strip_prefix('^').is_some_and(is_blank) && line.ends_with('\n')
}

impl Parser {
    /// Parses the blocks of `src` into `frame` until the text ends or, for the content of an
    /// HTML element, its end tag is met (then `true`).
    pub(super) fn parse_blocks(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        if self.depth >= MAX_NESTING {
            self.over_limit = true;
            src.pos = src.text.len();
            return false;
        }
        self.depth += 1;
        let mut found = false;
        while !src.eos() && !self.over_limit {
            if self.stop_html_block {
                self.stop_html_block = false;
                found = true;
                break;
            }
            let taken = PARSERS.iter().any(|parse| parse(self, src, frame));
            if self.stop_html_block {
                self.stop_html_block = false;
                found = true;
                break;
            }
            if !taken {
                // "this should not occur": kramdown adds the line as text to the block.
                let start = src.pos;
                src.pos = src.line_end_from(start);
                let text = src.text.slice(start..src.pos);
                self.add_raw_text(frame, text);
            }
        }
        self.depth -= 1;
        found
    }

    /// Adds block text to the frame (kramdown's `add_text` with `:raw_text`).
    fn add_raw_text(&mut self, frame: &mut Frame<'_>, text: Mapped) {
        match frame.children.last_mut() {
            Some(El {
                kind: Kind::RawText(last),
                ..
            }) => last.push_from(&text, 0..text.len()),
            _ if text.is_empty() => {}
            _ => {
                let span = text.file_span(0..text.len());
                frame.children.push(El::new(Kind::RawText(text), span));
            }
        }
    }

    fn blank_line(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        let start = src.pos;
        while !src.eos() && is_blank(src.line()) && src.line().ends_with('\n') {
            src.pos = src.line_end_from(src.pos);
        }
        if src.pos == start {
            return false;
        }
        let span = src.file_span(start..src.pos);
        match frame.children.last_mut() {
            Some(last) if matches!(last.kind, Kind::Blank) => last.span.end = span.end,
            _ => frame.push_block(El::new(Kind::Blank, span)),
        }
        true
    }

    fn blockquote(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        if quote_marker(src.line()).is_none() {
            return false;
        }
        let start = src.pos;
        src.pos = src.line_end_from(start);
        while !src.eos() && !self.lazy_end(src, src.pos) {
            src.pos = src.line_end_from(src.pos);
        }
        let mut content = Mapped::default();
        let mut p = start;
        while p < src.pos {
            let line = src.line_at(p);
            let skip = quote_marker(line).unwrap_or(0);
            content.push_from(src.text, p + skip..p + line.len());
            p += line.len();
        }
        let span = src.file_span(start..src.pos);
        let mut inner = Frame::new(None);
        let mut scanner = Scanner::new(&content);
        self.parse_blocks(&mut scanner, &mut inner);
        frame.push_block(El::with_children(Kind::Blockquote, span, inner.children));
        true
    }

    fn atx_header(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        let line = src.line();
        if !line.ends_with('\n') {
            return false;
        }
        let level = line.bytes().take_while(|b| *b == b'#').count();
        if level == 0 || level > 6 {
            return false;
        }
        let after = &line[level..line.len() - 1];
        let contents = if self.gfm {
            let trimmed = after.trim_start_matches([' ', '\t']);
            if trimmed.len() == after.len() {
                return false;
            }
            trimmed
        } else {
            if !frame.after_boundary() {
                return false;
            }
            let trimmed = after.trim_start_matches([' ', '\t']);
            if trimmed.is_empty() {
                return false;
            }
            trimmed
        };
        let (mut text, id) = header_contents(contents);
        let stripped = if self.gfm {
            strip_closing_hashes_gfm(&text)
        } else {
            strip_closing_hashes(&text)
        };
        if let Some(s) = stripped {
            text = s.trim_end_matches(ruby_strip).to_string();
        }
        if text.is_empty() {
            return false;
        }
        let start = src.pos;
        src.pos = src.line_end_from(start);
        self.add_header(src, frame, start, level as u8, text, id);
        true
    }

    fn setext_header(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        let first = src.line();
        let indent = opt_space(first);
        let contents = &first[indent..];
        if !frame.after_boundary()
            || !first.ends_with('\n')
            || contents.starts_with([' ', '\t', '\n'])
        {
            return false;
        }
        let second_at = src.pos + first.len();
        let second = src.line_at(second_at);
        let level = match second.as_bytes().first() {
            Some(b'=') => 1,
            Some(b'-') => 2,
            _ => return false,
        };
        let marks = second.trim_start_matches(['-', '=']);
        if !second.ends_with('\n')
            || !marks[..marks.len() - 1]
                .bytes()
                .all(|b| matches!(b, b' ' | b'\t' | b'\r' | 0x0B | 0x0C))
        {
            return false;
        }
        let (text, id) = header_contents(&contents[..contents.len() - 1]);
        if text.is_empty() {
            return false;
        }
        let start = src.pos;
        src.pos = second_at + second.len();
        self.add_header(src, frame, start, level, text, id);
        true
    }

    fn add_header(
        &mut self,
        src: &Scanner<'_>,
        frame: &mut Frame<'_>,
        start: usize,
        level: u8,
        text: String,
        id: Option<String>,
    ) {
        let line = src.line_at(start);
        let span = src.file_span(start..start + line.len().saturating_sub(1));
        // The text starts where it does in the line (it is the line's own text, trimmed).
        let text_at = line.find(text.as_str()).unwrap_or(0);
        let mapped = src
            .text
            .slice(start + text_at..start + text_at + text.len());
        let mut el = El::new(
            Kind::Header {
                level,
                raw: text,
                id,
            },
            span,
        );
        let text_span = mapped.file_span(0..mapped.len());
        el.children.push(El::new(Kind::RawText(mapped), text_span));
        frame.push_block(el);
    }

    fn horizontal_rule(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        if !super::list::is_horizontal_rule(src.line()) {
            return false;
        }
        let start = src.pos;
        src.pos = src.line_end_from(start);
        let span = src.file_span(start..src.pos);
        frame.push_block(El::new(Kind::Hr, span));
        true
    }

    /// kramdown's `before_block_boundary?` at `at`.
    pub(super) fn before_boundary(&self, src: &Scanner<'_>, at: usize) -> bool {
        let rest = &src.text.as_str()[at..];
        rest.is_empty()
            || rest == "\n"
            || (is_blank(src.line_at(at)) && src.line_at(at).ends_with('\n'))
            || is_eob_marker(src.line_at(at))
            || ial_block(rest).is_some()
    }

    fn paragraph(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        let line = src.line();
        let indent = opt_space(line);
        if !line.ends_with('\n') || line[indent..].starts_with([' ', '\t']) {
            return false;
        }
        let start = src.pos;
        src.pos = src.line_end_from(start);
        while !src.eos() && !self.paragraph_end(src, src.pos) {
            src.pos = src.line_end_from(src.pos);
        }
        let mut text = src.text.slice(start..src.pos);
        text.trim_end_matches(ruby_strip);
        let span = src.file_span(start..src.pos);
        if let Some(El {
            kind: Kind::P { .. },
            children,
            span: p_span,
            ..
        }) = frame.children.last_mut()
        {
            let before = &src.text.as_str()[..start];
            let joiner = if before.ends_with("  \n") {
                "  \n"
            } else {
                "\n"
            };
            p_span.end = span.end;
            match children.last_mut() {
                Some(El {
                    kind: Kind::RawText(last),
                    ..
                }) => {
                    last.push_synthetic(joiner, span.start);
                    last.push_from(&text, 0..text.len());
                }
                _ => {
                    let text_span = text.file_span(0..text.len());
                    children.push(El::new(Kind::RawText(text), text_span));
                }
            }
            return true;
        }
        let text = text.trim_start_matches(ruby_strip);
        let text_span = text.file_span(0..text.len());
        let mut p = El::new(
            Kind::P {
                transparent: false,
                fragile: false,
            },
            span,
        );
        if !text.is_empty() {
            p.children.push(El::new(Kind::RawText(text), text_span));
        }
        frame.push_block(p);
        true
    }

    /// kramdown's `LAZY_END` at `at`: what ends a lazy paragraph or quote.
    pub(super) fn lazy_end(&self, src: &Scanner<'_>, at: usize) -> bool {
        let line = src.line_at(at);
        let rest = &src.text.as_str()[at..];
        rest.is_empty()
            || rest == "\n"
            || (is_blank(line) && line.ends_with('\n'))
            || ial_block(rest).is_some()
            || is_eob_marker(line)
            || super::html::lazy_end_html(&line[opt_space(line)..])
    }

    /// The GFM parser's `PARAGRAPH_END_GFM` (its default `paragraph_end` quirk), or plain
    /// kramdown's `PARAGRAPH_END`.
    fn paragraph_end(&mut self, src: &Scanner<'_>, at: usize) -> bool {
        let line = src.line_at(at);
        if self.lazy_end(src, at) || super::list::definition_start(line) {
            return true;
        }
        if !self.gfm {
            return false;
        }
        let indent = opt_space(line);
        super::list::list_start(line).is_some()
            || gfm_atx_start(line)
            || quote_marker(line).is_some()
            || {
                let run = line.as_bytes()[indent..]
                    .iter()
                    .take_while(|b| matches!(b, b'~' | b'`'))
                    .count();
                run >= 3
            }
    }
}

/// Ruby's `rstrip`/`lstrip` set: white space and NUL.
pub(super) fn ruby_strip(c: char) -> bool {
    is_space(c) || c == '\0'
}

/// GFM's `ATX_HEADER_START` (`^#{1,6}[\t ]+.*\n`).
fn gfm_atx_start(line: &str) -> bool {
    let level = line.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&level) && line[level..].starts_with([' ', '\t']) && line.ends_with('\n')
}

/// `^ {0,3}> ?`: the length of a quote marker at the start of `line`.
pub(super) fn quote_marker(line: &str) -> Option<usize> {
    let indent = opt_space(line);
    if !line[indent..].starts_with('>') {
        return None;
    }
    Some(indent + 1 + usize::from(line[indent + 1..].starts_with(' ')))
}

/// The header text and its `{#id}`: kramdown's `parse_header_contents`.
fn header_contents(contents: &str) -> (String, Option<String>) {
    let text = contents.trim_end_matches(ruby_strip);
    if let Some(body) = text.strip_suffix('}') {
        if let Some(open) = body.rfind("{#") {
            let id = &body[open + 2..];
            let before = &body[..open];
            if before.ends_with([' ', '\t']) && is_xml_name(id) {
                let text = before.trim_end_matches(ruby_strip);
                return (text.to_string(), Some(id.to_string()));
            }
        }
    }
    (text.to_string(), None)
}

/// REXML's `NAME_START_CHAR NAME_CHAR*`.
fn is_xml_name(id: &str) -> bool {
    let start = |c: char| {
        matches!(c, ':' | 'A'..='Z' | '_' | 'a'..='z')
            || matches!(c as u32, 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x2FF | 0x370..=0x37D
                | 0x37F..=0x1FFF | 0x200C..=0x200D | 0x2070..=0x218F | 0x2C00..=0x2FEF
                | 0x3001..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFFD | 0x10000..=0xEFFFF)
    };
    let rest = |c: char| {
        start(c)
            || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}')
            || matches!(c as u32, 0x300..=0x36F | 0x203F..=0x2040)
    };
    let mut chars = id.chars();
    chars.next().is_some_and(start) && chars.all(rest)
}

/// `(?<!\\)#+\z` removed (plain kramdown): the run of closing hashes, but for one escaped by
/// a backslash.
fn strip_closing_hashes(text: &str) -> Option<&str> {
    let without = text.trim_end_matches('#');
    if without.len() == text.len() {
        return None;
    }
    if without.ends_with('\\') {
        let keep = without.len() + 1;
        return (keep < text.len()).then(|| &text[..keep]);
    }
    Some(without)
}

/// `[\t ]#+\z` removed (GFM).
fn strip_closing_hashes_gfm(text: &str) -> Option<&str> {
    let without = text.trim_end_matches('#');
    (without.len() < text.len() && without.ends_with([' ', '\t'])).then_some(without)
}
