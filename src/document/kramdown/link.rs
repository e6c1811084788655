//! kramdown's links and images (`parse_link`: inline, reference and shortcut forms, brackets
//! counted, parentheses balanced) and emphasis (`parse_emphasis`, which backtracks when it
//! finds no closing delimiter).

use super::definitions::normalize_label;
use super::span::{add_text, Parsers, Stop, Tree};
use super::text::{is_space, Scanner};
use super::tree::{El, Kind, Target};
use super::{Parser, UndefinedRef};

impl Parser {
    pub(super) fn emphasis(
        &mut self,
        src: &mut Scanner<'_>,
        children: &mut Vec<El>,
        tree: Tree,
    ) -> bool {
        let start = src.pos;
        let rest = src.rest();
        let kind = rest.as_bytes()[0];
        let len = if rest.as_bytes().get(1) == Some(&kind) {
            2
        } else {
            1
        };
        let element = if len == 2 { Tree::Strong } else { Tree::Em };
        let before = &src.text.as_str()[..start];
        let intraword = kind == b'_' && ends_in_word(before);
        let spaced = rest[len..].chars().next().is_some_and(is_space);
        if intraword || spaced || self.span_stack.contains(&element) || tree == element {
            src.pos += len;
            add_text(children, src, start..src.pos);
            return true;
        }
        let delim = &rest[..len];
        let mut result = self.emphasis_body(src, start + len, delim, element);
        if result.is_none() && element == Tree::Strong && tree != Tree::Em {
            result = self.emphasis_body(src, start + 1, &delim[..1], Tree::Em);
        }
        match result {
            Some((el, end)) => {
                src.pos = end;
                children.push(el);
            }
            None => {
                src.pos = start + len;
                add_text(children, src, start..src.pos);
            }
        }
        true
    }

    /// The emphasis whose content starts at `from`, and where it ends, if it is closed.
    fn emphasis_body(
        &mut self,
        src: &mut Scanner<'_>,
        from: usize,
        delim: &str,
        element: Tree,
    ) -> Option<(El, usize)> {
        let start = from - delim.len();
        src.pos = from;
        let mut inner = Vec::new();
        let stop = Stop::Emphasis {
            delim,
            em: element == Tree::Em,
        };
        let found = self.parse_spans(src, &mut inner, element, stop, Parsers::All);
        if !found {
            self.work += src.pos - from;
            return None;
        }
        let end = src.pos + delim.len();
        let kind = if element == Tree::Strong {
            Kind::Strong
        } else {
            Kind::Em
        };
        let el = El::with_children(kind, src.file_span(start..end), inner);
        Some((el, end))
    }

    /// `parse_link`; `false` when no link starts here (`!` without `[`, `[^`).
    pub(super) fn link(
        &mut self,
        src: &mut Scanner<'_>,
        children: &mut Vec<El>,
        tree: Tree,
    ) -> bool {
        let start = src.pos;
        let rest = src.rest();
        let image = rest.starts_with("![");
        let open = if image { 2 } else { 1 };
        if !rest.starts_with('[') && !image || rest[open..].starts_with('^') || rest.len() <= open {
            return false;
        }
        let text_start = start + open;
        let nested = |t: &Tree| matches!(t, Tree::A | Tree::Img);
        if !image && (nested(&tree) || self.span_stack.iter().any(nested)) {
            src.pos = text_start;
            add_text(children, src, start..text_start);
            return true;
        }
        src.pos = text_start;
        let mut inner = Vec::new();
        let mut count = 1;
        let element = if image { Tree::Img } else { Tree::A };
        let found = self.parse_spans(
            src,
            &mut inner,
            element,
            Stop::Bracket(&mut count),
            Parsers::All,
        );
        if !found {
            self.work += src.pos - text_start;
            src.pos = text_start;
            add_text(children, src, start..text_start);
            return true;
        }
        let text_end = src.pos;
        let alt = unescape(&src.text.as_str()[text_start..text_end]);
        src.pos += 1; // the `]`
        let target = if let Some((label, end)) = reference_label(src.rest()) {
            let label_at = src.pos;
            src.pos += end;
            let id = label.map_or_else(|| alt.clone(), str::to_string);
            match self.reference_target(&id) {
                Some(target) => Some(target),
                None => {
                    self.undefined.push(UndefinedRef {
                        label: id,
                        span: src.file_span(start..label_at + end),
                    });
                    None
                }
            }
        } else if !src.rest().starts_with('(') {
            self.reference_target(&alt)
        } else {
            self.inline_target(src)
        };
        let Some(target) = target else {
            src.pos = text_start;
            add_text(children, src, start..text_start);
            return true;
        };
        let span = src.file_span(start..src.pos);
        let el = if image {
            El::new(Kind::Img { target, alt }, span)
        } else {
            El::with_children(Kind::A(target), span, inner)
        };
        children.push(el);
        true
    }

    fn reference_target(&self, label: &str) -> Option<Target> {
        let def = self.link_defs.get(&normalize_label(label))?;
        Some(Target {
            url: def.url.clone(),
            url_span: def.url_span,
            definition: Some(def.span),
            autolink: false,
        })
    }

    /// `(url)`, `(<url>)`, `(url "title")` after the closing bracket.
    fn inline_target(&mut self, src: &mut Scanner<'_>) -> Option<Target> {
        let open = src.pos;
        let rest = src.rest();
        if let Some(body) = rest.strip_prefix("(<") {
            if let Some(close) = body
                .find(['>', '\n'])
                .filter(|i| body[*i..].starts_with('>'))
            {
                let url_range = open + 2..open + 2 + close;
                src.pos = open + 2 + close + 1;
                if src.rest().starts_with(')') {
                    src.pos += 1;
                    return Some(self.target(src, url_range));
                }
                return self.titled(src, url_range);
            }
        }
        // Parentheses balanced; a blank before a quote ends the URL (a title follows).
        let mut depth = 0i32;
        let mut p = open;
        let bytes = src.text.as_str().as_bytes();
        let mut end = None;
        while p < bytes.len() {
            match bytes[p] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some((p, true));
                        break;
                    }
                }
                b if super::text::is_space_byte(b)
                    && matches!(bytes.get(p + 1), Some(b'"' | b'\'')) =>
                {
                    end = Some((p, false));
                    break;
                }
                _ => {}
            }
            p += 1;
        }
        let (stop, closed) = end?;
        let raw = &src.text.as_str()[open + 1..stop];
        let lead = raw.len() - raw.trim_start_matches(is_space).len();
        let trimmed = raw.trim_matches(is_space);
        let url_range = open + 1 + lead..open + 1 + lead + trimmed.len();
        src.pos = stop + 1;
        if closed {
            return Some(self.target(src, url_range));
        }
        self.titled(src, url_range)
    }

    /// `\s*?(["'])(.+?)\1\s*?\)` after the URL.
    fn titled(&mut self, src: &mut Scanner<'_>, url: std::ops::Range<usize>) -> Option<Target> {
        let rest = src.rest();
        let lead = rest.len() - rest.trim_start_matches(is_space).len();
        let quote = rest[lead..]
            .chars()
            .next()
            .filter(|q| *q == '"' || *q == '\'')?;
        let body = &rest[lead + 1..];
        // `.+?` then the quote, blanks and `)`: the first quote after which only blanks lead
        // to a closing parenthesis.
        let mut from = 1;
        while let Some(i) = body
            .get(from..)
            .and_then(|b| b.find(quote))
            .map(|i| from + i)
        {
            let after = &body[i + 1..];
            let blanks = after.len() - after.trim_start_matches(is_space).len();
            if after[blanks..].starts_with(')') {
                src.pos += lead + 1 + i + 1 + blanks + 1;
                return Some(self.target(src, url));
            }
            from = i + 1;
        }
        None
    }

    fn target(&self, src: &Scanner<'_>, url: std::ops::Range<usize>) -> Target {
        Target {
            url: src.text.as_str()[url.clone()].to_string(),
            url_span: src.file_span(url),
            definition: None,
            autolink: false,
        }
    }
}

/// `[[:alpha:]]-?[[:alpha:]]*\z`: text that ends inside a word (an `_` there is no emphasis).
fn ends_in_word(before: &str) -> bool {
    let trimmed = before.strip_suffix('-').unwrap_or(before);
    trimmed
        .chars()
        .next_back()
        .is_some_and(super::chars::is_alpha)
}

/// `\s*?\[([^\]]+)?\]` at the start of `rest`: the label (`None` for `[]`) and the length.
fn reference_label(rest: &str) -> Option<(Option<&str>, usize)> {
    let lead = rest.len() - rest.trim_start_matches(is_space).len();
    let body = rest[lead..].strip_prefix('[')?;
    let close = body.find(']')?;
    let label = (close > 0).then(|| &body[..close]);
    Some((label, lead + 1 + close + 1))
}

/// kramdown's `ESCAPED_CHARS` removed from a link's text (an image's alt).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if "\\.*_+`<>()[]{}#!:|\"'$=-".contains(next) {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_words() {
        assert_eq!(reference_label(" [x]y"), Some((Some("x"), 4)));
        assert_eq!(reference_label("[]"), Some((None, 2)));
        assert_eq!(reference_label("(x)"), None);
        assert!(ends_in_word("snake"));
        assert!(ends_in_word("a-"));
        assert!(!ends_in_word("a "));
        assert_eq!(unescape(r"a\_b\q"), r"a_b\q");
    }
}
