//! kramdown's lists and definition lists (`parse_list`, `parse_definition_list`): items end
//! where a line is neither indented to the item's content nor a lazy continuation, nested
//! lists are read as separate chunks, and an item whose text is followed by no blank line is
//! "transparent" (tight). The GFM parser's task list checkboxes are added as kramdown adds
//! them, as HTML.

use super::attributes;
use super::block::{ial_block, is_eob_marker, Frame};
use super::html::lazy_end_html;
use super::text::{is_blank, is_space, Mapped, Scanner};
use super::tree::{El, Ial, Kind};
use super::Parser;

/// `LIST_START_UL` / `LIST_START_OL` (`^( {0,3}[+*-]|\d+\.)([\t| ].*?\n)`): the marker's
/// length (leading spaces included) and whether the list is ordered.
pub(super) fn list_start(line: &str) -> Option<(usize, bool)> {
    let indent = line.bytes().take(3).take_while(|b| *b == b' ').count();
    let body = &line[indent..];
    let (marker, ordered) = match body.as_bytes().first() {
        Some(b'+' | b'*' | b'-') => (1, false),
        Some(b'0'..=b'9') => {
            let digits = body.bytes().take_while(u8::is_ascii_digit).count();
            if body.as_bytes().get(digits) != Some(&b'.') {
                return None;
            }
            (digits + 1, true)
        }
        _ => return None,
    };
    let tail = &body[marker..];
    (tail.starts_with(['\t', '|', ' ']) && line.ends_with('\n'))
        .then_some((indent + marker, ordered))
}

/// `DEFINITION_LIST_START` (`^( {0,3}:)([\t| ].*?\n)`).
pub(super) fn definition_start(line: &str) -> bool {
    definition_marker(line).is_some()
}

pub(super) fn definition_marker(line: &str) -> Option<usize> {
    let indent = line.bytes().take(3).take_while(|b| *b == b' ').count();
    let tail = line[indent..].strip_prefix(':')?;
    (tail.starts_with(['\t', '|', ' ']) && line.ends_with('\n')).then_some(indent + 1)
}

/// kramdown's `fetch_pattern`: the next item's marker may be indented less than the item's
/// content.
pub(super) fn continues(line: &str, ordered: Option<bool>, indentation: usize) -> Option<usize> {
    let max = match indentation {
        0 | 1 => 0,
        2 => 1,
        3 => 2,
        _ => 3,
    };
    let indent = line.bytes().take_while(|b| *b == b' ').count();
    if indent > max {
        return None;
    }
    match ordered {
        None => definition_marker(line),
        Some(ordered) => match list_start(line) {
            Some((len, o)) if o == ordered => Some(len),
            _ => None,
        },
    }
}

/// A line with its leading tabs as four spaces each, and `indentation` spaces removed when it
/// starts with that many (kramdown's `indent_re`).
pub(super) fn item_line(
    src: &Scanner<'_>,
    at: usize,
    end: usize,
    indentation: usize,
) -> (Mapped, bool) {
    let line = &src.text.as_str()[at..end];
    let tabs = line.bytes().take_while(|b| *b == b'\t').count();
    let spaces = line[tabs..].bytes().take_while(|b| *b == b' ').count();
    let mut out = Mapped::default();
    let file = src.text.file_at(at);
    if 4 * tabs + spaces < indentation {
        out.push_synthetic(&" ".repeat(4 * tabs), file);
        out.push_from(src.text, at + tabs..end);
        return (out, false);
    }
    if indentation <= 4 * tabs {
        out.push_synthetic(&" ".repeat(4 * tabs - indentation), file);
        out.push_from(src.text, at + tabs..end);
    } else {
        out.push_from(src.text, at + tabs + (indentation - 4 * tabs)..end);
    }
    (out, true)
}

/// `content_re` for an item's indentation: indented at least that much, not blank.
pub(super) fn is_content(line: &str, indentation: usize) -> bool {
    let mut rest = line;
    // `(?:\t| {4}){n/4} {n%4}` or `(?:\t| {4}){n/4+1}`.
    for _ in 0..indentation / 4 {
        rest = match rest
            .strip_prefix('\t')
            .or_else(|| rest.strip_prefix("    "))
        {
            Some(r) => r,
            None => return false,
        };
    }
    let full = rest
        .strip_prefix('\t')
        .or_else(|| rest.strip_prefix("    "))
        .is_some();
    let partial = rest.len() >= indentation % 4
        && rest.as_bytes()[..indentation % 4]
            .iter()
            .all(|b| *b == b' ');
    (full || partial) && line.ends_with('\n') && !is_blank(line)
}

/// `lazy_re`: a non-blank line that does not start with an attribute list or an HTML tag.
pub(super) fn is_lazy(src: &Scanner<'_>, at: usize, indentation: usize) -> bool {
    let line = src.line_at(at);
    if !line.ends_with('\n') || is_blank(line) {
        return false;
    }
    let max = indentation.min(3);
    let indent = line.bytes().take(max).take_while(|b| *b == b' ').count();
    let rest = &line[indent..];
    !(ial_block(&src.text.as_str()[at + indent..]).is_some_and(|_| rest.starts_with("{:"))
        || lazy_end_html(rest))
}

/// kramdown's `parse_first_list_line`: the item's first line content and its indentation.
pub(super) fn first_line(
    src: &Scanner<'_>,
    at: usize,
    end: usize,
    marker: usize,
) -> (Mapped, usize) {
    let content = &src.text.as_str()[at..end];
    let trimmed = content.trim_start_matches(is_space);
    let only_ial = trimmed.is_empty()
        || (trimmed.starts_with("{:")
            && item_ial_len(trimmed).is_some_and(|l| is_blank(&trimmed[l..])));
    let indentation = if only_ial {
        4
    } else {
        // Leading tabs count to the next multiple of four from the marker.
        let mut width = marker;
        for b in content.bytes() {
            match b {
                b' ' => width += 1,
                b'\t' => width += 4 - width % 4,
                _ => break,
            }
        }
        width
    };
    let lead = content.len() - trimmed.len();
    (src.text.slice(at + lead..end), indentation)
}

/// `LIST_ITEM_IAL` at the start of an item: `{:…}` and the blanks after it.
pub(super) fn item_ial_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix("{:")?;
    if body.starts_with(':') || body.starts_with('/') {
        return None;
    }
    let close = body.find('}')?;
    if close == 0 {
        return None;
    }
    let after = &body[close + 1..];
    Some(2 + close + 1 + after.len() - after.trim_start_matches(is_space).len())
}

/// The attribute list at the start of an item's text, and how much of the text it takes.
pub(super) fn item_ial(text: &str) -> (Option<Ial>, usize) {
    match item_ial_len(text) {
        Some(len) => {
            let close = text[..len].rfind('}').unwrap_or(2).max(2);
            (Some(attributes::parse(&text[2..close])), len)
        }
        None => (None, 0),
    }
}

struct Item {
    start: usize,
    chunks: Vec<Mapped>,
    ial: Option<Ial>,
}

impl Parser {
    pub(super) fn list(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        let Some((_, ordered)) = list_start(src.line()) else {
            return false;
        };
        let list_start_at = src.pos;
        let mut items: Vec<Item> = Vec::new();
        let mut indentation = 0;
        let mut first = true;
        let mut nested_found = false;
        let mut last_blank = false;
        let mut eob_found = false;
        while !src.eos() {
            let at = src.pos;
            let line = src.line();
            let end = at + line.len();
            let marker = if first {
                list_start(line).map(|(len, _)| len)
            } else {
                continues(line, Some(ordered), indentation)
            };
            if last_blank && is_horizontal_rule(line) {
                break;
            } else if is_eob_marker(line) {
                src.pos = end;
                eob_found = true;
                break;
            } else if let Some(marker) = marker {
                first = false;
                let (mut content, ind) = first_line(src, at + marker, end, marker);
                indentation = ind;
                let (ial, len) = item_ial(content.as_str());
                if len > 0 {
                    content = content.slice(len..content.len());
                }
                nested_found = list_start(content.as_str()).is_some();
                items.push(Item {
                    start: at,
                    chunks: vec![content],
                    ial,
                });
                last_blank = false;
                src.pos = end;
            } else if let Some(item) = items.last_mut().filter(|_| {
                is_content(line, indentation) || (!last_blank && is_lazy(src, at, indentation))
            }) {
                let (mut text, found) = item_line(src, at, end, indentation);
                let starts_list = list_start(text.as_str()).is_some();
                if !nested_found && found && starts_list {
                    item.chunks.push(Mapped::default());
                    nested_found = true;
                } else if nested_found && !found && starts_list {
                    let mut prefixed = Mapped::default();
                    prefixed.push_synthetic(&" ".repeat(indentation + 4), src.text.file_at(at));
                    prefixed.push_from(&text, 0..text.len());
                    text = prefixed;
                }
                if let Some(chunk) = item.chunks.last_mut() {
                    chunk.push_from(&text, 0..text.len());
                }
                last_blank = false;
                src.pos = end;
            } else if is_blank(line) && line.ends_with('\n') && !items.is_empty() {
                let blank_start = at;
                while !src.eos() && is_blank(src.line()) && src.line().ends_with('\n') {
                    src.pos = src.line_end_from(src.pos);
                }
                nested_found = true;
                last_blank = true;
                if let Some(chunk) = items.last_mut().and_then(|i| i.chunks.last_mut()) {
                    chunk.push_from(src.text, blank_start..src.pos);
                }
            } else {
                break;
            }
        }
        let span = src.file_span(list_start_at..src.pos);
        let mut list = El::new(Kind::List, span);
        let count = items.len();
        let mut trailing_blank = None;
        let mut firsts_are_plain = Vec::with_capacity(count);
        for (i, item) in items.into_iter().enumerate() {
            let mut inner = Frame::new(None);
            for chunk in &item.chunks {
                let mut scanner = Scanner::new(chunk);
                self.parse_blocks(&mut scanner, &mut inner);
            }
            let mut children = inner.children;
            let item_span = src.file_span(item.start..item.start);
            let mut li = El::new(Kind::Li, item_span);
            li.ial = item.ial;
            if children.is_empty() {
                firsts_are_plain.push(false);
                list.children.push(li);
                continue;
            }
            if children.len() >= 2
                && matches!(children[0].kind, Kind::P { .. })
                && matches!(children[1].kind, Kind::Eob(_))
                && children[0].ial.is_some()
            {
                children.remove(1);
            }
            let last_item = i + 1 == count;
            let first_is_p = matches!(children.first().map(|c| &c.kind), Some(Kind::P { .. }));
            let loose_follows = children.len() >= 2 && matches!(children[1].kind, Kind::Blank);
            let tight = first_is_p
                && (!loose_follows || (last_item && children.len() == 2 && !eob_found))
                && (!last_item || count == 1 || firsts_are_plain.iter().any(|plain: &bool| !plain));
            if tight {
                if children.len() > 1 && !matches!(children[1].kind, Kind::Blank) {
                    if let Some(El {
                        kind: Kind::RawText(text),
                        span,
                        ..
                    }) = children[0].children.first_mut()
                    {
                        text.push_synthetic("\n", span.end);
                    }
                }
                if let Some(p) = children.first_mut() {
                    p.kind = Kind::P {
                        transparent: true,
                        fragile: false,
                    };
                }
            }
            firsts_are_plain.push(matches!(
                children.first().map(|c| &c.kind),
                Some(Kind::P {
                    transparent: false,
                    ..
                })
            ));
            trailing_blank = match children.last() {
                Some(El {
                    kind: Kind::Blank, ..
                }) => children.pop(),
                _ => None,
            };
            li.children = children;
            list.children.push(li);
        }
        if self.gfm {
            task_list(&mut list);
        }
        frame.push_block(list);
        if let (Some(blank), false) = (trailing_blank, eob_found) {
            frame.children.push(blank);
        }
        true
    }
}

/// `HR_START` on its own: a line of three or more `*`, `-` or `_` (blanks between), indented at
/// most three spaces.
pub(super) fn is_horizontal_rule(line: &str) -> bool {
    let body = line.trim_start_matches(' ');
    if line.len() - body.len() > 3 || !line.ends_with('\n') {
        return false;
    }
    let body = &body[..body.len() - 1];
    let Some(mark) = body
        .bytes()
        .next()
        .filter(|b| matches!(b, b'*' | b'-' | b'_'))
    else {
        return false;
    };
    body.bytes().filter(|b| *b == mark).count() >= 3
        && body.bytes().all(|b| b == mark || b == b' ' || b == b'\t')
}

/// The GFM parser's task lists: `[ ] ` / `[x] ` at the start of an item's text become a
/// checkbox (an `<input>` tag), no longer brackets.
fn task_list(list: &mut El) {
    for li in &mut list.children {
        let Some(El {
            kind: Kind::P { .. },
            children,
            ..
        }) = li.children.first_mut()
        else {
            continue;
        };
        let Some(El {
            kind: Kind::RawText(text),
            ..
        }) = children.first_mut()
        else {
            continue;
        };
        let body = text.as_str();
        let lead = body.len() - body.trim_start_matches(is_space).len();
        let rest = &body[lead..];
        let boxed = rest.starts_with("[ ]") || rest.starts_with("[x]") || rest.starts_with("[X]");
        let after = rest.get(3..).unwrap_or("");
        let blanks = after.len() - after.trim_start_matches(is_space).len();
        if !boxed || blanks == 0 {
            continue;
        }
        let end = lead + 3 + blanks;
        let mut checked = Mapped::default();
        checked.push_synthetic(
            "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"disabled\" />",
            text.file_at(lead),
        );
        checked.push_from(text, end..text.len());
        *text = checked;
    }
}
