//! kramdown's tables (`parse_table`): any run of lines with a pipe after a block boundary, with
//! optional separator lines, followed by a block boundary, whose pipes are not all inside code
//! spans or HTML; cells split at unescaped pipes outside code spans.

use super::block::Frame;
use super::html::{close_tag, comment, start_tag};
use super::text::{is_space, Mapped, Scanner};
use super::tree::{El, Kind};
use super::Parser;

/// `TABLE_PIPE_CHECK` at the start of `line`: it starts with a pipe, or has a pipe after a
/// character that is not a backslash.
fn has_pipe(line: &str) -> bool {
    if line.starts_with('|') {
        return true;
    }
    let body = line.split('\n').next().unwrap_or("");
    let bytes = body.as_bytes();
    (1..bytes.len()).any(|i| bytes[i] == b'|' && bytes[i - 1] != b'\\')
}

/// `TABLE_SEP_LINE` / `TABLE_FSEP_LINE`: only `+|: \t` and the rule character, at least one
/// of it.
fn is_separator(line: &str, rule: u8) -> bool {
    let Some(body) = line.strip_suffix('\n') else {
        return false;
    };
    body.bytes().any(|b| b == rule)
        && body
            .bytes()
            .all(|b| b == rule || matches!(b, b'+' | b'|' | b':' | b' ' | b'\t'))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Head,
    Body,
    Foot,
}

impl Parser {
    pub(super) fn table(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        let line = src.line();
        let indent = super::text::opt_space(line);
        let starts = line[indent..].chars().next().is_some_and(|c| !is_space(c));
        if !starts || !has_pipe(&line[indent..]) || !line.ends_with('\n') || !frame.after_boundary()
        {
            return false;
        }
        let start = src.pos;
        let leading_pipe = line.trim_start_matches(is_space).starts_with('|');
        // The table takes the waiting attribute list even when it turns out not to be one.
        let ial = frame.block_ial.take();
        let mut p = start;
        if is_separator(line, b'-') {
            p += line.len();
        }
        let mut rows: Vec<El> = Vec::new();
        let mut sections: Vec<(Section, Vec<El>)> = Vec::new();
        let mut has_header = false;
        let mut has_footer = false;
        while p < src.text.len() {
            let line = src.line_at(p);
            if !has_pipe(line) || !line.ends_with('\n') {
                break;
            }
            if is_separator(line, b'-') {
                if rows.is_empty() {
                } else if !has_header && !has_footer {
                    sections.push((Section::Head, std::mem::take(&mut rows)));
                    has_header = true;
                } else if !has_footer {
                    sections.push((Section::Body, std::mem::take(&mut rows)));
                }
            } else if is_separator(line, b'=') {
                if !rows.is_empty() {
                    sections.push((Section::Body, std::mem::take(&mut rows)));
                }
                has_footer = true;
            } else {
                rows.push(self.table_row(src, p, leading_pipe));
            }
            p += line.len();
        }
        if !self.before_boundary(src, p) || !pipes_outside_code(src, start, p) {
            return false;
        }
        if !rows.is_empty() {
            let section = if has_footer {
                Section::Foot
            } else {
                Section::Body
            };
            sections.push((section, rows));
        }
        if !sections.iter().any(|(s, _)| *s == Section::Body) {
            return false;
        }
        src.pos = p;
        let mut table = El::new(Kind::Table, src.file_span(start..p));
        table.ial = ial;
        for (_, rows) in sections {
            table.children.extend(rows);
        }
        frame.children.push(table);
        true
    }

    /// One row: cells split at pipes that are not escaped and not inside code.
    fn table_row(&mut self, src: &Scanner<'_>, at: usize, leading_pipe: bool) -> El {
        let line = src.line_at(at);
        let body = line.trim_end_matches('\n').trim_end_matches([' ', '\t']);
        let end = at + body.len();
        let mut cells: Vec<Mapped> = Vec::new();
        let mut cell = Mapped::default();
        let mut started = false;
        let mut p = at;
        let text = src.text.as_str();
        while p < end {
            let rest = &text[p..end];
            let code = code_len(rest, &text[..p]);
            if let Some(len) = code {
                cell.push_from(src.text, p..p + len);
                started = true;
                p += len;
                continue;
            }
            let b = rest.as_bytes()[0];
            if b == b'\\' && rest.as_bytes().get(1) == Some(&b'|') {
                cell.push_from(src.text, p + 1..p + 2);
                started = true;
                p += 2;
            } else if b == b'|' {
                cells.push(std::mem::take(&mut cell));
                started = true;
                p += 1;
            } else {
                let len = rest.chars().next().map_or(1, char::len_utf8);
                cell.push_from(src.text, p..p + len);
                started = true;
                p += len;
            }
        }
        if started {
            cells.push(cell);
        }
        if leading_pipe
            && cells
                .first()
                .is_some_and(|c| c.as_str().trim_matches(is_space).is_empty())
        {
            cells.remove(0);
        }
        if cells
            .last()
            .is_some_and(|c| c.as_str().trim_matches(is_space).is_empty())
        {
            cells.pop();
        }
        let mut row = El::new(Kind::Row, src.file_span(at..end));
        for cell in cells {
            let trimmed = cell.trim_start_matches(is_space);
            let mut trimmed = trimmed;
            trimmed.trim_end_matches(is_space);
            let span = trimmed.file_span(0..trimmed.len());
            let mut td = El::new(Kind::Cell, span);
            if !trimmed.is_empty() {
                td.children.push(El::new(Kind::RawText(trimmed), span));
            }
            row.children.push(td);
        }
        row
    }
}

/// A code span (kramdown's rules) or an inline `<code>…</code>` at the start of `rest`: its
/// length.
fn code_len(rest: &str, before: &str) -> Option<usize> {
    if rest.starts_with("<code") {
        let tag = start_tag(rest)?;
        if tag.name != "code" {
            return None;
        }
        let close = rest[tag.len..].find("</code>")?;
        return Some(tag.len + close + "</code>".len());
    }
    if !rest.starts_with('`') {
        return None;
    }
    let run = rest.bytes().take_while(|b| *b == b'`').count();
    let after = &rest[run..];
    if run == 1
        && (before.is_empty() || before.chars().next_back().is_some_and(is_space))
        && after.chars().next().is_some_and(is_space)
    {
        return None;
    }
    after.find(&rest[..run]).map(|i| run + i + run)
}

/// kramdown's check that each line of the table has a pipe outside code spans and HTML tags.
fn pipes_outside_code(src: &Scanner<'_>, start: usize, end: usize) -> bool {
    // The text kramdown checks ends before the last newline.
    let text = &src.text.as_str()[start..end.saturating_sub(1).max(start)];
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut p = 0;
    let mut text_start = 0;
    while p < text.len() {
        let rest = &text[p..];
        if rest.starts_with('`') {
            if let Some(len) = code_len(rest, &text[..p]) {
                pieces.push((false, &text[text_start..p]));
                let run = rest.bytes().take_while(|b| *b == b'`').count();
                pieces.push((true, &rest[run..len - run]));
                p += len;
                text_start = p;
                continue;
            }
            p += rest.bytes().take_while(|b| *b == b'`').count();
            continue;
        }
        if rest.starts_with('<') {
            if let Some(len) = comment(rest) {
                pieces.push((false, &text[text_start..p]));
                pieces.push((false, &rest[..len]));
                p += len;
                text_start = p;
                continue;
            }
            if let Some(tag) = start_tag(rest) {
                pieces.push((false, &text[text_start..p]));
                pieces.push((false, ""));
                p += tag.len;
                text_start = p;
                continue;
            }
            if close_tag(rest).is_some() {
                // An end tag met alone is text.
            }
        }
        p += rest.chars().next().map_or(1, char::len_utf8);
    }
    pieces.push((false, &text[text_start..]));
    let mut pipe_on_line = false;
    for (code, value) in pieces {
        if value.is_empty() {
            continue;
        }
        let lines: Vec<&str> = value.split('\n').collect();
        let lines: Vec<&str> = match lines.as_slice() {
            [.., ""] => lines[..lines.len() - 1].to_vec(),
            _ => lines,
        };
        if code {
            if lines.len() > 2 || (lines.len() == 2 && !pipe_on_line) {
                break;
            } else if lines.len() == 2 && pipe_on_line {
                pipe_on_line = false;
            }
        } else {
            let first = lines.first().copied().unwrap_or("");
            let last = lines.last().copied().unwrap_or("");
            if lines.len() > 1 && !pipe_on_line && !has_pipe(first) {
                break;
            }
            pipe_on_line = (if lines.len() > 1 { false } else { pipe_on_line }) || has_pipe(last);
        }
    }
    pipe_on_line
}
