//! kramdown's code blocks (indented, and fenced with `~~~` or, for GFM, backticks too) and
//! block math (`$$ … $$` standing as its own block).

use super::block::{ial_block, is_eob_marker, Frame};
use super::text::{is_blank, is_space, opt_space, Scanner};
use super::tree::{El, Kind};
use super::Parser;

impl Parser {
    pub(super) fn codeblock(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        let line = src.line();
        if !(line.starts_with('\t') || line.starts_with("    ")) {
            return false;
        }
        let start = src.pos;
        src.pos = codeblock_end(src, start);
        let span = src.file_span(start..src.pos);
        frame.push_block(El::new(Kind::Codeblock, span));
        true
    }

    pub(super) fn codeblock_fenced(
        &mut self,
        src: &mut Scanner<'_>,
        frame: &mut Frame<'_>,
    ) -> bool {
        let Some(end) = self.fenced_end(src, src.pos) else {
            return false;
        };
        let span = src.file_span(src.pos..end);
        src.pos = end;
        frame.push_block(El::new(Kind::Codeblock, span));
        true
    }

    /// Where the fenced code block starting at `at` ends, if one does: kramdown's
    /// `FENCED_CODEBLOCK_MATCH`, backtracking over the fence's length as the regex does.
    pub(super) fn fenced_end(&mut self, src: &Scanner<'_>, at: usize) -> Option<usize> {
        let line = src.line_at(at);
        let indent = if self.gfm { opt_space(line) } else { 0 };
        let chars = fence_chars(self.gfm);
        let run = line.as_bytes()[indent..]
            .iter()
            .take_while(|b| chars.contains(b))
            .count();
        if run < 3 {
            return None;
        }
        for len in (3..=run).rev() {
            let fence = &line[indent..indent + len];
            let info = &line[indent + len..];
            if !fence_info_ok(info) {
                continue;
            }
            let content = at + line.len();
            let mut p = content;
            while p < src.text.len() {
                let candidate = src.line_at(p);
                self.work += 1;
                if closes_fence(candidate, fence, self.gfm) {
                    return Some(p + candidate.len());
                }
                p += candidate.len().max(1);
            }
            if self.spent() {
                return None;
            }
        }
        None
    }

    pub(super) fn block_math(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        let line = src.line();
        let indent = opt_space(line);
        let after = &src.rest()[indent..];
        let (escaped, open) = match after.strip_prefix('\\') {
            Some(rest) => (true, rest),
            None => (false, after),
        };
        let Some(body) = open.strip_prefix("$$") else {
            return false;
        };
        let Some(close) = body.find("$$") else {
            return false;
        };
        if !frame.after_boundary() {
            return false;
        }
        let mut end = src.pos + (src.rest().len() - body.len()) + close + 2;
        let tail = &src.text.as_str()[end..];
        let blanks = tail.len() - tail.trim_start_matches(is_space).len();
        let newline = tail[..blanks].find('\n');
        if escaped {
            if newline.is_some() {
                src.pos += indent + 1;
            }
            return false;
        }
        if let Some(n) = newline {
            end += n + 1;
        }
        if !self.before_boundary(src, end) {
            return false;
        }
        let span = src.file_span(src.pos..end);
        src.pos = end;
        frame.push_block(El::new(Kind::Math(String::new()), span));
        true
    }
}

/// `` `+ ``, `~`: the fence characters, and whether the fence may be indented.
fn fence_chars(gfm: bool) -> &'static [u8] {
    if gfm {
        b"~`"
    } else {
        b"~"
    }
}

/// The info string after a fence: `\s*?((\S+?)(?:\?\S*)?)?\s*?\n` (one word at most).
fn fence_info_ok(info: &str) -> bool {
    let Some(body) = info.strip_suffix('\n') else {
        return false;
    };
    body.split(is_space).filter(|w| !w.is_empty()).count() <= 1
}

/// `^ {0,3}FENCE(last fence char)*\s*?\n` (no indent for plain kramdown).
fn closes_fence(line: &str, fence: &str, gfm: bool) -> bool {
    let indent = if gfm { opt_space(line) } else { 0 };
    let Some(after) = line[indent..].strip_prefix(fence) else {
        return false;
    };
    let last = fence.chars().next_back().unwrap_or('`');
    let tail = after.trim_start_matches(last);
    tail.ends_with('\n') && is_blank(tail)
}

/// The end of kramdown's `CODEBLOCK_MATCH` from `at`: indented lines, lazily continued, with
/// blank lines between them.
pub(super) fn codeblock_end(src: &Scanner<'_>, at: usize) -> usize {
    let mut end = at;
    loop {
        let mut p = end;
        while p < src.text.len() && is_blank(src.line_at(p)) && src.line_at(p).ends_with('\n') {
            p = src.line_end_from(p);
        }
        if !indented_content(src.line_at(p)) {
            return end;
        }
        while p < src.text.len() && indented_content(src.line_at(p)) {
            p = src.line_end_from(p);
        }
        while p < src.text.len() && lazy_code_line(src, p) {
            p = src.line_end_from(p);
        }
        end = p;
    }
}

/// `INDENT[ \t]*\S.*\n`.
fn indented_content(line: &str) -> bool {
    let body = if let Some(b) = line.strip_prefix('\t') {
        b
    } else if let Some(b) = line.strip_prefix("    ") {
        b
    } else {
        return false;
    };
    line.ends_with('\n') && !is_blank(body)
}

/// A non-blank line that is not an attribute list, an end-of-block marker or an HTML tag line.
fn lazy_code_line(src: &Scanner<'_>, at: usize) -> bool {
    let line = src.line_at(at);
    line.ends_with('\n')
        && !is_blank(line)
        && ial_block(&src.text.as_str()[at..]).is_none()
        && !is_eob_marker(line)
        && !super::html::lazy_end_html(&line[opt_space(line)..])
}
