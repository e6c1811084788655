//! The span parsers that start with `<`, `{:` or a quote: autolinks, inline HTML (a span
//! element's tag opens an element whose content is Markdown or raw; a block element's tag or
//! any end tag met alone is text), span extensions and attribute lists, smart quotes.

use super::attributes;
use super::chars::{is_alnum, xml_name_len};
use super::html::{close_tag, comment, content_model, is_known, start_tag, BLOCK_ELEMENTS};
use super::span::{add_text, Parsers, Stop, Tree};
use super::text::{is_space, Scanner};
use super::tree::{ContentModel, El, HtmlAttr, HtmlElement, Ial, Kind, Target};
use super::Parser;

impl Parser {
    /// `<https://…>`, `<mailto:…>`, `<user@host>`.
    pub(super) fn autolink(&mut self, src: &mut Scanner<'_>, children: &mut Vec<El>) -> bool {
        let rest = src.rest();
        let Some(len) = autolink_len(rest) else {
            return false;
        };
        let start = src.pos;
        let url = &rest[1..len - 1];
        let url = if url.contains(':') {
            url.to_string()
        } else {
            format!("mailto:{url}")
        };
        let target = Target {
            url,
            url_span: src.file_span(start + 1..start + len - 1),
            definition: None,
            autolink: true,
        };
        src.pos = start + len;
        children.push(El::new(Kind::A(target), src.file_span(start..src.pos)));
        true
    }

    /// `parse_span_html`; `false` when no tag, end tag or comment starts here.
    pub(super) fn span_html(
        &mut self,
        src: &mut Scanner<'_>,
        children: &mut Vec<El>,
        tree: Tree,
    ) -> bool {
        let rest = src.rest();
        let after = &rest[1..];
        if !(after.starts_with('/') || after.starts_with("!--") || xml_name_len(after) > 0) {
            return false;
        }
        let start = src.pos;
        if let Some(len) = comment(rest) {
            src.pos += len;
            children.push(El::new(Kind::XmlComment, src.file_span(start..src.pos)));
            return true;
        }
        if let Some((_, len)) = close_tag(rest) {
            src.pos += len;
            add_text(children, src, start..src.pos);
            return true;
        }
        let Some(tag) = start_tag(rest) else {
            let len = rest.chars().next().map_or(1, char::len_utf8);
            src.pos += len;
            add_text(children, src, start..src.pos);
            return true;
        };
        let lower = tag.name.to_lowercase();
        let known = is_known(&lower);
        let name = if known { lower } else { tag.name.clone() };
        if BLOCK_ELEMENTS.contains(&name.as_str()) {
            src.pos += tag.len;
            add_text(children, src, start..src.pos);
            return true;
        }
        let mut parse = content_model(&name) != ContentModel::Raw
            && tree != Tree::RawHtml
            && self.parse_span_html;
        let mut attrs = Vec::new();
        for (attr, value, range) in tag.attrs {
            let attr = if known { attr.to_lowercase() } else { attr };
            if attr == "markdown" {
                match value.as_str() {
                    "span" => parse = true,
                    "1" => parse = content_model(&name) != ContentModel::Raw,
                    "0" => parse = false,
                    _ => {}
                }
                continue;
            }
            let span = src.file_span(start + range.start..start + range.end);
            attrs.retain(|a: &HtmlAttr| a.name != attr);
            attrs.push(HtmlAttr {
                name: attr,
                value,
                span,
            });
        }
        src.pos = start + tag.len;
        let model = if parse {
            ContentModel::Span
        } else {
            ContentModel::Raw
        };
        let mut el = El::new(
            Kind::Html(HtmlElement {
                name: name.clone(),
                model,
                block: false,
                attrs,
            }),
            src.file_span(start..src.pos),
        );
        let without_body = super::html::WITHOUT_BODY.contains(&name.as_str());
        if !tag.self_closing && !without_body {
            let (inner_tree, parsers) = if parse {
                (Tree::Other, Parsers::All)
            } else {
                (Tree::RawHtml, Parsers::HtmlOnly)
            };
            let stop = Stop::CloseTag {
                name: &name,
                ignore_case: known,
            };
            if self.parse_spans(src, &mut el.children, inner_tree, stop, parsers) {
                if let Some((_, len)) = close_tag(src.rest()) {
                    src.pos += len;
                }
            }
            el.span.end = src.file_span(src.pos..src.pos).start;
        }
        children.push(el);
        true
    }

    /// `{::name …}…{:/name}` and `{::name /}` in text, and attribute lists after an element.
    pub(super) fn span_extension(&mut self, src: &mut Scanner<'_>, children: &mut Vec<El>) -> bool {
        let start = src.pos;
        let rest = src.rest();
        if let Some(body) = rest.strip_prefix("{::") {
            if let Some(done) = self.span_extension_tag(src, children, body) {
                return done;
            }
        } else if let Some(list_end) = ial_span_len(rest) {
            match children.last_mut() {
                Some(last) if !matches!(last.kind, Kind::Text(_)) => {
                    let ial = attributes::parse(&rest[2..list_end - 1]);
                    last.ial.get_or_insert_with(Ial::default).update(ial);
                    src.pos += list_end;
                    return true;
                }
                _ => {}
            }
        }
        let len = rest.chars().next().map_or(1, char::len_utf8);
        src.pos = start + len;
        add_text(children, src, start..src.pos);
        true
    }

    /// `{::name}` after its `{::`: `Some(true)` when taken, `None` when it is not one.
    fn span_extension_tag(
        &mut self,
        src: &mut Scanner<'_>,
        children: &mut Vec<El>,
        body: &str,
    ) -> Option<bool> {
        let name_len = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(body.len());
        if name_len == 0 {
            return None;
        }
        let name = &body[..name_len];
        let close = body[name_len..].find('}')? + name_len;
        let head = &body[name_len..close];
        if !(head.is_empty() || head == "/" || head.starts_with(is_space)) {
            return None;
        }
        let start = src.pos;
        let tag_end = start + 3 + close + 1;
        let self_closing = head.ends_with('/');
        let kind = match name {
            "comment" => Some(Kind::Comment),
            "nomarkdown" => Some(Kind::Raw),
            "options" => None,
            _ => return None,
        };
        let end = if self_closing {
            tag_end
        } else {
            let after = &src.text.as_str()[tag_end..];
            let (at, len) = extension_stop(after, name)?;
            tag_end + at + len
        };
        src.pos = end;
        if let (Some(kind), false) = (kind, self_closing) {
            children.push(El::new(kind, src.file_span(start..end)));
        }
        Some(true)
    }

    /// A quote: kramdown's smart quotes print it as a typographic quote.
    pub(super) fn smart_quotes(&mut self, src: &mut Scanner<'_>, children: &mut Vec<El>) -> bool {
        let Some(quote) = src
            .rest()
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
        else {
            return false;
        };
        let start = src.pos;
        src.pos += 1;
        let symbol = if quote == '"' { "\u{201d}" } else { "\u{2019}" };
        children.push(El::new(
            Kind::Symbol(symbol.to_string()),
            src.file_span(start..src.pos),
        ));
        true
    }
}

/// `<(mailto|https?|ftps?):.+?>` or `<[[:alnum:]-_.]+?@[[:alnum:]-_.]+?>` at the start.
fn autolink_len(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix('<')?;
    let line = &body[..body.find('\n').unwrap_or(body.len())];
    for scheme in ["mailto:", "https:", "http:", "ftps:", "ftp:"] {
        if let Some(after) = line.strip_prefix(scheme) {
            // `.+?`: at least one character before the `>`.
            let close = after.get(1..)?.find('>')? + 1;
            return Some(1 + scheme.len() + close + 1);
        }
    }
    let achar = |c: char| is_alnum(c) || matches!(c, '-' | '_' | '.');
    let local = line.find(|c: char| !achar(c))?;
    if local == 0 || !line[local..].starts_with('@') {
        return None;
    }
    let host = &line[local + 1..];
    let host_len = host.find(|c: char| !achar(c)).unwrap_or(host.len());
    (host_len > 0 && host[host_len..].starts_with('>')).then_some(1 + local + 1 + host_len + 1)
}

/// `\{:((?:\\\}|[^\}])+)\}` at the start: its length.
fn ial_span_len(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix("{:")?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '}' if !escaped => return (i > 0).then_some(2 + i + 1),
            '\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    None
}

/// `\{:/(name)?\}` in `text`: where it starts and its length.
fn extension_stop(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = text[from..].find("{:/").map(|i| from + i) {
        let after = &text[i + 3..];
        if after.starts_with('}') {
            return Some((i, 4));
        }
        if after.starts_with(name) && after[name.len()..].starts_with('}') {
            return Some((i, 3 + name.len() + 1));
        }
        from = i + 3;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autolinks() {
        assert_eq!(autolink_len("<https://x.org> y"), Some(15));
        assert_eq!(autolink_len("<a@b.c>"), Some(7));
        assert_eq!(autolink_len("<https:>"), None);
        assert_eq!(autolink_len("<div>"), None);
        assert_eq!(ial_span_len("{: width=\"70%\"} x"), Some(15));
    }
}
