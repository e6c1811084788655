//! kramdown's span parser (`parse_spans` and its span parsers, with the GFM parser's
//! strikethrough and escapes): at each position the span parsers are offered the text in
//! kramdown's order; what none takes is text. Links, emphasis and inline HTML are in their
//! own files.

use super::text::{is_space, Mapped, Scanner};
use super::tree::{El, Kind};
use super::{entities, Parser, MAX_NESTING};

/// The kind of element whose content is being parsed, as the span parsers ask (kramdown's
/// `@tree.type` and the `@stack` of those around it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tree {
    Text,
    A,
    Img,
    Em,
    Strong,
    /// An inline HTML element whose content is raw.
    RawHtml,
    Other,
}

/// When `parse_spans` stops: kramdown's `stop_re` and the block that confirms it.
pub(super) enum Stop<'s> {
    None,
    /// The closing delimiter of an emphasis.
    Emphasis {
        delim: &'s str,
        em: bool,
    },
    /// A link's closing bracket; the count of brackets still open.
    Bracket(&'s mut i32),
    /// `</name\s*>`.
    CloseTag {
        name: &'s str,
        ignore_case: bool,
    },
}

/// Which span parsers run (`parse_spans`' `parsers` argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Parsers {
    All,
    HtmlOnly,
}

/// Bytes at which some span parser or stop may start. (kramdown's smart quotes also start at a
/// character before a quote, but no other parser takes such a character, so its quote can wait
/// for its own turn.)
fn is_trigger(b: u8) -> bool {
    matches!(
        b,
        b'*' | b'_'
            | b'`'
            | b'<'
            | b'['
            | b']'
            | b'!'
            | b'"'
            | b'\''
            | b'$'
            | b'{'
            | b'&'
            | b'-'
            | b'.'
            | b'\\'
            | b' '
            | b'~'
            | b'>'
    )
}

/// Whether a space at the start of `rest` may start anything: a line break (`  \n`) or a
/// typographic symbol (` >>`). No stop and no other parser takes a space, so any other one
/// is text, read on with the text around it instead of appended apart.
fn space_may_start(rest: &[u8]) -> bool {
    rest.starts_with(b"  \n") || rest.starts_with(b" >>")
}

/// Adds `range` of the scanned text to `children` (kramdown's `add_text`).
pub(super) fn add_text(children: &mut Vec<El>, src: &Scanner<'_>, range: std::ops::Range<usize>) {
    if range.is_empty() {
        return;
    }
    if let Some(El {
        kind: Kind::Text(text),
        span,
        ..
    }) = children.last_mut()
    {
        text.push_from(src.text, range.clone());
        span.end = src.file_span(range).end.max(span.end);
        return;
    }
    let text = src.text.slice(range);
    let span = text.file_span(0..text.len());
    children.push(El::new(Kind::Text(text), span));
}

impl Parser {
    /// Parses the spans of `src` from its position into `children`, until the text ends or
    /// `stop` says to (then `true`, with the position at the stop).
    pub(super) fn parse_spans(
        &mut self,
        src: &mut Scanner<'_>,
        children: &mut Vec<El>,
        tree: Tree,
        mut stop: Stop<'_>,
        parsers: Parsers,
    ) -> bool {
        if self.span_stack.len() >= MAX_NESTING {
            self.over_limit = true;
            let end = src.text.len();
            add_text(children, src, src.pos..end);
            src.pos = end;
            return false;
        }
        self.span_stack.push(tree);
        let mut found = false;
        let mut text_start = src.pos;
        let bytes = src.text.as_str().as_bytes();
        while src.pos < bytes.len() && !self.over_limit {
            let b = bytes[src.pos];
            if !is_trigger(b) || (b == b' ' && !space_may_start(&bytes[src.pos..])) {
                src.pos += utf8_len(b);
                continue;
            }
            let at = src.pos;
            if self.stop_here(src, children, &mut stop, text_start) {
                add_text(children, src, text_start..at);
                found = true;
                break;
            }
            add_text(children, src, text_start..at);
            if !self.try_parsers(src, children, tree, parsers) {
                let len = src.rest().chars().next().map_or(1, char::len_utf8);
                src.pos += len;
                add_text(children, src, at..src.pos);
            }
            text_start = src.pos;
        }
        if !found {
            let end = src.pos.min(bytes.len());
            add_text(children, src, text_start..end);
        }
        self.span_stack.pop();
        found
    }

    /// Whether the stop matches at the position and its condition holds.
    fn stop_here(
        &mut self,
        src: &Scanner<'_>,
        children: &[El],
        stop: &mut Stop<'_>,
        text_start: usize,
    ) -> bool {
        let rest = src.rest();
        match stop {
            Stop::None => false,
            Stop::Emphasis { delim, em } => {
                if !rest.starts_with(*delim) {
                    return false;
                }
                let before = src.text.as_str()[..src.pos].chars().next_back();
                let doubled = format!("{delim}{delim}");
                let underscore = delim.starts_with('_');
                let has_children = !children.is_empty() || text_start < src.pos;
                // `*a**` does not close `*…*` on the `**` (unless `***`); `_a_b` is intraword.
                let opens_strong =
                    rest.starts_with(&doubled) && !rest[doubled.len()..].starts_with(*delim);
                let intraword = rest[delim.len()..]
                    .chars()
                    .next()
                    .is_some_and(super::chars::is_alnum);
                let after_text = before.is_some_and(|c| !is_space(c));
                after_text && !(*em && opens_strong) && !(underscore && intraword) && has_children
            }
            Stop::Bracket(count) => {
                let close = rest.starts_with(']');
                if !(close || rest.starts_with('[') || rest.starts_with("![")) {
                    return false;
                }
                **count += if close { -1 } else { 1 };
                let images = children
                    .iter()
                    .filter(|c| matches!(c.kind, Kind::Img { .. }))
                    .count() as i32;
                **count - images == 0
            }
            Stop::CloseTag { name, ignore_case } => {
                let Some((close, _)) = super::html::close_tag(rest) else {
                    return false;
                };
                if *ignore_case {
                    close.eq_ignore_ascii_case(name)
                } else {
                    close == *name
                }
            }
        }
    }

    /// Offers the position to the span parsers in kramdown's order; `false` when none took it.
    fn try_parsers(
        &mut self,
        src: &mut Scanner<'_>,
        children: &mut Vec<El>,
        tree: Tree,
        parsers: Parsers,
    ) -> bool {
        let rest = src.rest();
        let b = rest.as_bytes()[0];
        match parsers {
            Parsers::HtmlOnly => return b == b'<' && self.span_html(src, children, tree),
            Parsers::All => {}
        }
        let taken = match b {
            b'*' | b'_' => return self.emphasis(src, children, tree),
            b'`' => return self.codespan(src, children),
            b'<' => self.autolink(src, children) || self.span_html(src, children, tree),
            b'[' if rest.starts_with("[^") => self.footnote_marker(src, children),
            b'[' | b'!' => self.link(src, children, tree),
            _ => false,
        };
        if taken {
            return true;
        }
        if self.smart_quotes(src, children) {
            return true;
        }
        match b {
            b'$' if self.inline_math(src, children) => true,
            b'{' if rest.starts_with("{:") => self.span_extension(src, children),
            b'&' if self.entity(src, children) => true,
            b'-' | b'.' | b'\\' | b'<' | b'>' | b' ' if self.typographic(src, children) => true,
            b' ' | b'\\' if self.line_break(src, children) => true,
            b'\\' if self.escaped_char(src, children) => true,
            b'~' if self.gfm => self.strikethrough(src, children),
            _ => false,
        }
    }

    fn codespan(&mut self, src: &mut Scanner<'_>, children: &mut Vec<El>) -> bool {
        let start = src.pos;
        let rest = src.rest();
        let run = rest.bytes().take_while(|b| *b == b'`').count();
        let delim = &rest[..run];
        let after = &rest[run..];
        if run == 1 {
            let before = &src.text.as_str()[..start];
            let spaced_before = before.is_empty()
                || before == "\n"
                || before.chars().next_back().is_some_and(is_space)
                || before
                    .strip_suffix('\n')
                    .is_some_and(|b| b.is_empty() || b.chars().next_back().is_some_and(is_space));
            if spaced_before && after.chars().next().is_some_and(is_space) {
                src.pos += run;
                add_text(children, src, start..src.pos);
                return true;
            }
        }
        match after.find(delim) {
            Some(i) => {
                let mut code = &after[..i];
                if run > 1 {
                    code = code.strip_prefix(' ').unwrap_or(code);
                    code = code.strip_suffix(' ').unwrap_or(code);
                }
                let code = code.to_string();
                src.pos = start + run + i + run;
                let span = src.file_span(start..src.pos);
                children.push(El::new(Kind::Codespan(code), span));
            }
            None => {
                self.work += after.len();
                src.pos += run;
                add_text(children, src, start..src.pos);
            }
        }
        true
    }

    fn inline_math(&mut self, src: &mut Scanner<'_>, children: &mut Vec<El>) -> bool {
        let rest = src.rest();
        let Some(body) = rest.strip_prefix("$$") else {
            return false;
        };
        let Some(close) = body.find("$$") else {
            return false;
        };
        let start = src.pos;
        let content = body[..close]
            .trim_matches(super::block::ruby_strip)
            .to_string();
        src.pos = start + 2 + close + 2;
        let span = src.file_span(start..src.pos);
        children.push(El::new(Kind::Math(content), span));
        true
    }

    fn footnote_marker(&mut self, src: &mut Scanner<'_>, children: &mut Vec<El>) -> bool {
        let rest = src.rest();
        let Some(body) = rest.strip_prefix("[^") else {
            return false;
        };
        let name_len = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(body.len());
        let name = &body[..name_len];
        if name.is_empty() || name.starts_with('-') || !body[name_len..].starts_with(']') {
            return false;
        }
        let start = src.pos;
        src.pos = start + 2 + name_len + 1;
        if self.footnotes.contains_key(name) {
            self.referenced_footnotes.insert(name.to_string());
            let span = src.file_span(start..src.pos);
            children.push(El::new(Kind::Footnote, span));
        } else {
            add_text(children, src, start..src.pos);
        }
        true
    }

    fn entity(&mut self, src: &mut Scanner<'_>, children: &mut Vec<El>) -> bool {
        let rest = src.rest();
        let Some((value, len)) = entity_at(rest) else {
            return false;
        };
        let start = src.pos;
        match value {
            Some(c) => {
                src.pos += len;
                let span = src.file_span(start..src.pos);
                children.push(El::new(Kind::Symbol(c.to_string()), span));
            }
            None => {
                // An unknown name: `&` and the rest as text.
                src.pos += 1;
                let span = src.file_span(start..src.pos);
                children.push(El::new(Kind::Symbol("&".into()), span));
                add_text(children, src, src.pos..start + len);
                src.pos = start + len;
            }
        }
        true
    }

    fn typographic(&mut self, src: &mut Scanner<'_>, children: &mut Vec<El>) -> bool {
        const SYMBOLS: [(&str, &str); 9] = [
            ("---", "\u{2014}"),
            ("--", "\u{2013}"),
            ("...", "\u{2026}"),
            ("\\<<", "<<"),
            ("\\>>", ">>"),
            ("<< ", "\u{ab}\u{a0}"),
            (" >>", "\u{a0}\u{bb}"),
            ("<<", "\u{ab}"),
            (">>", "\u{bb}"),
        ];
        let rest = src.rest();
        let Some((written, value)) = SYMBOLS.iter().find(|(s, _)| rest.starts_with(s)) else {
            return false;
        };
        let start = src.pos;
        src.pos += written.len();
        let span = src.file_span(start..src.pos);
        children.push(El::new(Kind::Symbol((*value).to_string()), span));
        true
    }

    fn line_break(&mut self, src: &mut Scanner<'_>, children: &mut Vec<El>) -> bool {
        let rest = src.rest();
        if !(rest.starts_with("  \n") || rest.starts_with("\\\\\n")) {
            return false;
        }
        let start = src.pos;
        src.pos += 2;
        let span = src.file_span(start..src.pos);
        children.push(El::new(Kind::Br, span));
        true
    }

    fn escaped_char(&mut self, src: &mut Scanner<'_>, children: &mut Vec<El>) -> bool {
        let rest = src.rest();
        let escapable: &[u8] = if self.gfm {
            b"\\.*_+`<>()[]{}#!:|\"'$=-~"
        } else {
            b"\\.*_+`<>()[]{}#!:|\"'$=-"
        };
        if !rest
            .as_bytes()
            .get(1)
            .is_some_and(|c| escapable.contains(c))
        {
            return false;
        }
        let start = src.pos;
        src.pos += 2;
        add_text(children, src, start + 1..src.pos);
        true
    }

    /// GFM `~~text~~`: parsed on its own, as the GFM parser does.
    fn strikethrough(&mut self, src: &mut Scanner<'_>, children: &mut Vec<El>) -> bool {
        let rest = src.rest();
        let Some(body) = rest.strip_prefix("~~") else {
            return false;
        };
        if body.starts_with(|c: char| is_space(c) || c == '~') {
            return false;
        }
        // `.*?[^\s~]~~`: the first `~~` after a character that is not blank or `~`.
        let mut close = None;
        let mut search = 1;
        while let Some(i) = body
            .get(search..)
            .and_then(|s| s.find("~~"))
            .map(|i| search + i)
        {
            let before = body[..i].chars().next_back();
            if before.is_some_and(|c| !is_space(c) && c != '~') {
                close = Some(i);
                break;
            }
            search = i + 1;
        }
        let Some(close) = close else {
            return false;
        };
        let start = src.pos;
        let inner = src.text.slice(start + 2..start + 2 + close);
        src.pos = start + 2 + close + 2;
        let mut el = El::new(Kind::Del, src.file_span(start..src.pos));
        let saved = std::mem::take(&mut self.span_stack);
        let mut scanner = Scanner::new(&inner);
        self.parse_spans(
            &mut scanner,
            &mut el.children,
            Tree::Other,
            Stop::None,
            Parsers::All,
        );
        self.span_stack = saved;
        children.push(el);
        true
    }

    /// Parses block text (a paragraph's, a header's, a cell's) into spans.
    pub(super) fn parse_raw_text(&mut self, text: &Mapped) -> Vec<El> {
        let mut children = Vec::new();
        let saved = std::mem::take(&mut self.span_stack);
        let mut scanner = Scanner::new(text);
        self.parse_spans(
            &mut scanner,
            &mut children,
            Tree::Text,
            Stop::None,
            Parsers::All,
        );
        self.span_stack = saved;
        children
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

/// `HTML_ENTITY_RE` at the start of `text`: the character (`None` for a name kramdown does
/// not know) and the length.
fn entity_at(text: &str) -> Option<(Option<char>, usize)> {
    let body = text.strip_prefix('&')?;
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix('x') {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len == 0 || !digits[len..].starts_with(';') {
            return None;
        }
        let value = u32::from_str_radix(&digits[..len], radix).ok();
        let c = value.and_then(char::from_u32).unwrap_or('\u{FFFD}');
        return Some((Some(c), 1 + skip + len + 1));
    }
    let mut chars = body.char_indices();
    let first = chars.next()?.1;
    if !(first.is_ascii_alphanumeric() || first == '_' || first == ':') {
        return None;
    }
    let len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')))
        .unwrap_or(body.len());
    if !body[len..].starts_with(';') {
        return None;
    }
    Some((entities::named(&body[..len]), 1 + len + 1))
}
