//! Where an MDX body's JSX tags, `{…}` expressions, ESM blocks and comments are: one pass over
//! the body, outside code, that also notes what the MDX compiler refuses on the way (`mdx.rs`
//! decides what each becomes).

use super::jsx::{self, JsxTag};
use super::mdx::Mdx1Compat;
use super::model::SyntaxError;
use crate::source::{Span, SpanSet};

/// What the scan found at one place of the body.
pub(super) enum Item {
    Tag(JsxTag),
    /// A `{…}` expression; `heading_id` when it is a heading's `{/* #id */}`.
    Expression {
        span: Span,
        heading_id: Option<String>,
    },
    Esm(Span),
}

impl Item {
    pub(super) fn span(&self) -> Span {
        match self {
            Item::Tag(t) => t.span,
            Item::Expression { span, .. } | Item::Esm(span) => *span,
        }
    }
}

/// Finds every tag, expression and ESM block of `body`, outside code, in order; reports what
/// MDX refuses on the way.
pub(super) fn find_items(
    body: &str,
    compat: Mdx1Compat,
    errors: &mut Vec<SyntaxError>,
) -> Vec<Item> {
    let mut items = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut esm: Option<usize> = None;
    for (start, line) in lines(body) {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let marker = trimmed.bytes().next().filter(|b| *b == b'`' || *b == b'~');
        let run = marker.map_or(0, |m| trimmed.bytes().take_while(|b| *b == m).count());
        if let Some((m, len)) = fence {
            if marker == Some(m) && run >= len && trimmed[run..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if run >= 3 {
            fence = marker.map(|m| (m, run));
            continue;
        }
        let blank_line = line.trim().is_empty();
        match esm {
            Some(esm_start) if blank_line => {
                items.push(Item::Esm(Span::new(esm_start, start)));
                esm = None;
            }
            Some(_) => continue,
            None if line.starts_with("import ") || line.starts_with("export ") => {
                esm = Some(start);
                continue;
            }
            None => {}
        }
    }
    if let Some(esm_start) = esm {
        items.push(Item::Esm(Span::new(esm_start, body.len())));
    }
    let esm_spans = SpanSet::new(items.iter().map(Item::span));
    let mut inline = InlineScan {
        body,
        compat,
        items: Vec::new(),
        errors,
        code_fences: fence_spans(body),
        esm: esm_spans,
    };
    inline.run();
    let mut all = inline.items;
    all.extend(items);
    all.sort_by_key(|i| i.span().start);
    all
}

/// The fenced code blocks of `body`, fences included.
fn fence_spans(body: &str) -> SpanSet {
    let mut spans = Vec::new();
    let mut open: Option<(u8, usize, usize)> = None;
    for (offset, line) in lines(body) {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let marker = trimmed.bytes().next().filter(|b| *b == b'`' || *b == b'~');
        let run = marker.map_or(0, |m| trimmed.bytes().take_while(|b| *b == m).count());
        match open {
            Some((m, len, start))
                if marker == Some(m) && run >= len && trimmed[run..].trim().is_empty() =>
            {
                spans.push(Span::new(start, offset + line.len()));
                open = None;
            }
            None if run >= 3 => open = marker.map(|m| (m, run, offset)),
            _ => {}
        }
    }
    if let Some((_, _, start)) = open {
        spans.push(Span::new(start, body.len()));
    }
    SpanSet::new(spans)
}

/// The lines of `body` with their `\n`, each with its offset: `split_inclusive('\n')` with
/// one `memchr` pass instead of a character search per line.
fn lines(body: &str) -> impl Iterator<Item = (usize, &str)> {
    let ends = memchr::memchr_iter(b'\n', body.as_bytes())
        .map(|i| i + 1)
        .chain((!body.ends_with('\n') && !body.is_empty()).then_some(body.len()));
    let mut start = 0;
    ends.map(move |end| {
        let line = (start, &body[start..end]);
        start = end;
        line
    })
}

/// The bytes [`InlineScan::run`] acts on; it steps over any other byte without a look.
const SCAN_STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    stops[b'\n' as usize] = true;
    stops[b'\\' as usize] = true;
    stops[b'`' as usize] = true;
    stops[b'<' as usize] = true;
    stops[b'{' as usize] = true;
    stops
};

struct InlineScan<'a, 'e> {
    body: &'a str,
    compat: Mdx1Compat,
    items: Vec<Item>,
    errors: &'e mut Vec<SyntaxError>,
    code_fences: SpanSet,
    esm: SpanSet,
}

impl InlineScan<'_, '_> {
    fn run(&mut self) {
        let body = self.body;
        let bytes = body.as_bytes();
        let mut i = 0;
        let mut line_start = 0;
        // The first `{#` of an ATX heading line is text under mdx1 compatibility.
        let mut heading_id_escaped = false;
        while i < bytes.len() {
            let b = bytes[i];
            if i == line_start {
                heading_id_escaped = false;
                if self.code_fences.contains(i) || self.esm.contains(i) {
                    i = next_line(body, i);
                    line_start = i;
                    continue;
                }
            }
            match b {
                b'\n' => line_start = i + 1,
                b'\\' => i += 1,
                b'`' => {
                    i = code_span_end(body, i);
                    continue;
                }
                b'<' => {
                    if let Some(end) = self.angle(i) {
                        i = end;
                        continue;
                    }
                }
                b'{' => {
                    let heading = is_atx_heading(&body[line_start..]);
                    if heading
                        && self.compat.heading_ids
                        && !heading_id_escaped
                        && body[i..].starts_with("{#")
                    {
                        heading_id_escaped = true;
                        i += 2;
                        continue;
                    }
                    if let Some(end) = jsx::expression_end(body, i) {
                        self.expression(Span::new(i, end), heading);
                        i = end;
                        continue;
                    }
                }
                _ => {
                    // Runs of text; a line start always follows a `\n`, which stops this.
                    i += 1;
                    while i < bytes.len() && !SCAN_STOPS[usize::from(bytes[i])] {
                        i += 1;
                    }
                    continue;
                }
            }
            i += 1;
        }
    }

    /// A `<` in text: a comment, a tag, or (outside link destinations) what MDX refuses.
    fn angle(&mut self, at: usize) -> Option<usize> {
        let body = self.body;
        let rest = &body[at..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(body.len(), |e| at + e + 3);
            if !self.compat.comments {
                self.errors.push(SyntaxError {
                    span: Span::new(at, at + 4),
                    message: "an HTML comment does not compile as MDX on this site (mdx1 \
                              compatibility is off)"
                        .into(),
                    help: "write an MDX comment: `{/* … */}`".into(),
                });
            }
            return Some(end);
        }
        if body[..at].ends_with("](") || body[..at].trim_end().ends_with("]:") {
            // A link destination in angle brackets.
            return None;
        }
        if let Some(tag) = jsx::tag_at(body, at) {
            let end = tag.span.end;
            self.items.push(Item::Tag(tag));
            return Some(end);
        }
        let next = rest[1..].chars().next();
        if next.is_some_and(jsx::is_name_start) && autolink_len(rest).is_none() {
            let refused =
                jsx::name_refused_at(rest).or_else(|| jsx::attribute_refused_at(body, at));
            if let Some((offset, c)) = refused {
                let written = &rest[..offset + c.len_utf8()];
                // A long or multi-line tag is shown by its name and the refused character.
                let shown = if written.contains('\n') || written.chars().count() > 40 {
                    let name_end = rest[1..]
                        .find(|c: char| !jsx::is_name_start(c) && !c.is_ascii_digit() && c != '-')
                        .map_or(rest.len(), |e| e + 1);
                    format!("{} … {c}", &rest[..name_end])
                } else {
                    written.to_string()
                };
                self.errors.push(SyntaxError {
                    span: Span::new(at, at + offset + c.len_utf8()),
                    message: format!(
                        "`{shown}` does not compile as MDX: `<` starts a JSX tag, and `{c}` \
                         cannot stand there in a tag"
                    ),
                    help: if c == '@' {
                        "MDX has no autolinks: write a link `[text](mailto:…)`, or escape the \
                         `<`: `\\<`"
                            .into()
                    } else {
                        "escape it: `\\<` (or `&lt;`)".into()
                    },
                });
                return None;
            }
        }
        let refused = match next {
            None => false,
            Some(c) if c.is_whitespace() => false,
            Some(c) if jsx::is_name_start(c) => autolink_len(rest).is_some(),
            Some('/' | '>') => false,
            Some(_) => true,
        };
        if refused {
            let autolink = autolink_len(rest);
            let span = Span::new(
                at,
                at + autolink.unwrap_or(1 + next.map_or(0, char::len_utf8)),
            );
            self.errors.push(if autolink.is_some() {
                SyntaxError {
                    span,
                    message: "MDX has no autolinks: `<` starts a JSX tag here".into(),
                    help: "write a link: `[text](url)`".into(),
                }
            } else {
                SyntaxError {
                    span,
                    message: format!(
                        "`<` followed by `{}` does not compile as MDX: `<` starts a JSX tag",
                        next.unwrap_or(' ')
                    ),
                    help: "escape it: `\\<` (or `&lt;`)".into(),
                }
            });
        }
        None
    }

    fn expression(&mut self, span: Span, in_heading: bool) {
        let source = &self.body[span.start + 1..span.end - 1];
        let line_rest = self.body[span.end..].split('\n').next().unwrap_or_default();
        let heading_id = (in_heading && line_rest.trim().is_empty())
            .then(|| jsx::heading_id_comment(source))
            .flatten()
            .filter(|id| !id.contains(['{', '}']))
            .map(str::to_string);
        if heading_id.is_none() && source.trim_start().starts_with('#') {
            self.errors.push(SyntaxError {
                span,
                message: if in_heading {
                    "a `{#id}` heading id does not compile as MDX on this site (mdx1 \
                     compatibility is off)"
                        .into()
                } else {
                    "`{#…}` is not a JavaScript expression: MDX cannot compile it".into()
                },
                help: if in_heading {
                    "write the id as an MDX comment: `{/* #id */}`".into()
                } else {
                    "escape the brace: `\\{`".into()
                },
            });
        }
        self.items.push(Item::Expression { span, heading_id });
    }
}

/// `<https://…>` / `<mailto:…>`: the length of an autolink at the start of `rest`.
fn autolink_len(rest: &str) -> Option<usize> {
    let end = rest.find(['>', '\n', ' '])?;
    let inner = &rest[1..end];
    let (scheme, after) = inner.split_once(':')?;
    let scheme_ok = scheme.len() >= 2
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'));
    (scheme_ok && !after.is_empty() && rest[end..].starts_with('>')).then_some(end + 1)
}

fn is_atx_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&hashes) && matches!(line.as_bytes().get(hashes), Some(b' ' | b'\t'))
}

fn next_line(body: &str, at: usize) -> usize {
    body[at..].find('\n').map_or(body.len(), |e| at + e + 1)
}

/// After a code span that opens at `at` (a run of backticks): the end of the span, or of the
/// run when no run of the same length closes it before a blank line.
fn code_span_end(body: &str, at: usize) -> usize {
    let bytes = body.as_bytes();
    let run = bytes[at..].iter().take_while(|b| **b == b'`').count();
    let mut i = at + run;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                let len = bytes[i..].iter().take_while(|b| **b == b'`').count();
                if len == run {
                    return i + len;
                }
                i += len;
            }
            b'\n'
                if body[i + 1..]
                    .split('\n')
                    .next()
                    .is_some_and(|l| l.trim().is_empty()) =>
            {
                break;
            }
            _ => i += 1,
        }
    }
    at + run
}
