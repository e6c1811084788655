//! HTML as kramdown reads it (`Kramdown::Parser::Html` and the kramdown parser's use of it): a
//! tag opens an HTML block only for an element that is not a span element, the block ends at
//! its matching end tag, and its content is passed through raw unless `markdown="1"` (or
//! `parse_block_html`) says to read it as Markdown.

use super::block::Frame;
use super::chars::{word_boundary, xml_name_len};
use super::text::{is_space, opt_space, Mapped, Scanner};
use super::tree::{ContentModel, El, HtmlAttr, HtmlElement, Kind};
use super::{Parser, MAX_NESTING};

/// `HTML_SPAN_ELEMENTS`.
const SPAN_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn", "em",
    "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc", "rp", "rt",
    "rtc", "ruby", "samp", "select", "small", "span", "strong", "sub", "sup", "tt", "u", "var",
];
/// `HTML_BLOCK_ELEMENTS`.
pub(super) const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "applet",
    "body",
    "blockquote",
    "caption",
    "col",
    "colgroup",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "head",
    "iframe",
    "legend",
    "menu",
    "li",
    "main",
    "map",
    "nav",
    "ol",
    "optgroup",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tfoot",
    "tr",
    "ul",
];
/// `HTML_ELEMENTS_WITHOUT_BODY`.
pub(super) const WITHOUT_BODY: &[&str] = &[
    "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
];
const MODEL_BLOCK: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "fieldset",
    "figure",
    "figcaption",
    "footer",
    "form",
    "header",
    "hgroup",
    "iframe",
    "li",
    "main",
    "map",
    "menu",
    "nav",
    "noscript",
    "object",
    "section",
    "summary",
    "td",
];
const MODEL_SPAN: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdo", "big", "button", "cite", "caption", "del", "dfn", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "ins", "label", "legend", "optgroup", "p", "q",
    "rb", "rbc", "rp", "rt", "rtc", "ruby", "select", "small", "span", "strong", "sub", "sup",
    "th", "tt",
];
const MODEL_RAW: &[&str] = &[
    "script", "style", "math", "option", "textarea", "pre", "code", "kbd", "samp", "var",
];

pub(super) fn is_span_element(name: &str) -> bool {
    SPAN_ELEMENTS.contains(&name)
}

/// `HTML_ELEMENT`: an element kramdown knows (its name is compared without letter case).
pub(super) fn is_known(lower: &str) -> bool {
    SPAN_ELEMENTS.contains(&lower)
        || BLOCK_ELEMENTS.contains(&lower)
        || WITHOUT_BODY.contains(&lower)
        || MODEL_BLOCK.contains(&lower)
        || MODEL_SPAN.contains(&lower)
        || MODEL_RAW.contains(&lower)
}

/// `HTML_CONTENT_MODEL`: what an element's content is, by default.
pub(super) fn content_model(name: &str) -> ContentModel {
    if MODEL_BLOCK.contains(&name) {
        ContentModel::Block
    } else if MODEL_SPAN.contains(&name) {
        ContentModel::Span
    } else {
        ContentModel::Raw
    }
}

/// A start tag as kramdown's `HTML_TAG_RE` reads it.
pub(super) struct StartTag {
    /// The name as written.
    pub(super) name: String,
    /// Attribute name, value, and the value's range in the scanned text.
    pub(super) attrs: Vec<(String, String, std::ops::Range<usize>)>,
    pub(super) self_closing: bool,
    /// Length of the tag.
    pub(super) len: usize,
}

fn skip_spaces(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches(is_space).len()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || unicode_normalization::char::is_combining_mark(c)
}

/// `HTML_TAG_RE` at the start of `text`.
pub(super) fn start_tag(text: &str) -> Option<StartTag> {
    let rest = text.strip_prefix('<')?;
    let name_len = xml_name_len(rest);
    if name_len == 0 {
        return None;
    }
    let name = rest[..name_len].to_string();
    let mut at = 1 + name_len;
    let mut attrs = Vec::new();
    loop {
        let spaced = skip_spaces(text, at);
        if spaced == at {
            break;
        }
        let attr_len = xml_name_len(&text[spaced..]);
        if attr_len == 0 {
            at = spaced;
            break;
        }
        let attr_name = text[spaced..spaced + attr_len].to_string();
        at = spaced + attr_len;
        let (value, range, end) = attribute_value(text, at);
        attrs.push((attr_name, value, range));
        at = end;
    }
    let at = skip_spaces(text, at);
    let (self_closing, at) = match text[at..].strip_prefix('/') {
        Some(_) => (true, at + 1),
        None => (false, at),
    };
    text[at..].starts_with('>').then_some(StartTag {
        name,
        attrs,
        self_closing,
        len: at + 1,
    })
}

/// `(?:\s*=\s*(?:\p{Word}+|("|').*?\1))?` after an attribute name at `at`: the value, its
/// range and where the attribute ends.
fn attribute_value(text: &str, at: usize) -> (String, std::ops::Range<usize>, usize) {
    let none = (String::new(), at..at, at);
    let eq = skip_spaces(text, at);
    if !text[eq..].starts_with('=') {
        return none;
    }
    let value_at = skip_spaces(text, eq + 1);
    let rest = &text[value_at..];
    match rest.chars().next() {
        Some(q @ ('"' | '\'')) => match rest[1..].find(q) {
            Some(close) => {
                let range = value_at + 1..value_at + 1 + close;
                (text[range.clone()].to_string(), range, value_at + close + 2)
            }
            None => none,
        },
        Some(c) if is_word_char(c) => {
            let len = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
            let range = value_at..value_at + len;
            (text[range.clone()].to_string(), range, value_at + len)
        }
        _ => none,
    }
}

/// `HTML_TAG_CLOSE_RE` (`</name\s*>`) at the start of `text`: the name and the length.
pub(super) fn close_tag(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix("</")?;
    let name_len = xml_name_len(rest);
    if name_len == 0 {
        return None;
    }
    let after = skip_spaces(rest, name_len);
    rest[after..]
        .starts_with('>')
        .then(|| (&rest[..name_len], 2 + after + 1))
}

/// `HTML_COMMENT_RE` at the start of `text`: its length.
pub(super) fn comment(text: &str) -> Option<usize> {
    let body = text.strip_prefix("<!--")?;
    body.find("-->").map(|i| 4 + i + 3)
}

/// `<?…?>` at the start of `text`: its length.
fn instruction(text: &str) -> Option<usize> {
    let body = text.strip_prefix("<?")?;
    body.find("?>").map(|i| 2 + i + 2)
}

/// A name that is not a span element (nor `script`): `(?!(?:span elements|script)\b)`, as
/// written (letter case matters here).
fn not_span_name(text: &str) -> bool {
    !SPAN_ELEMENTS
        .iter()
        .chain(&["script"])
        .any(|n| text.starts_with(n) && word_boundary(text, n.len()))
}

/// `LAZY_END_HTML_START` or `LAZY_END_HTML_STOP` at the start of `text` (a line after its
/// indentation): a tag of an element that is not a span element.
pub(super) fn lazy_end_html(text: &str) -> bool {
    if let Some(rest) = text.strip_prefix("</") {
        let len = xml_name_len(rest);
        return len > 0 && not_span_name(rest) && close_tag(text).is_some();
    }
    match text.strip_prefix('<') {
        Some(rest) => not_span_name(rest) && xml_name_len(rest) > 0,
        None => false,
    }
}

impl Parser {
    /// `parse_block_html`: an HTML comment, a block element's start tag, or the end tag of the
    /// element whose content is being read.
    pub(super) fn block_html(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        let rest = src.rest();
        let indent = opt_space(rest);
        let tag_text = &rest[indent..];
        if !tag_text.starts_with('<') {
            return false;
        }
        if let Some(len) = comment(rest) {
            let span = src.file_span(src.pos..src.pos + len);
            src.pos += len;
            frame.children.push(El::new(Kind::XmlComment, span));
            skip_trailing_whitespace(src);
            return true;
        }
        if let Some(tag) = start_tag(tag_text) {
            if is_span_element(&tag.name.to_lowercase()) {
                return false;
            }
            let start = src.pos;
            let tag_at = start + indent;
            src.pos = tag_at + tag.len;
            self.html_element(src, frame, tag, tag_at, true);
            let _ = start;
            return true;
        }
        if let Some((name, len)) = close_tag(tag_text) {
            let name = name.to_lowercase();
            if is_span_element(&name) {
                return false;
            }
            if frame.html == Some(name.as_str()) {
                src.pos += indent + len;
                self.stop_html_block = true;
                return true;
            }
        }
        false
    }

    /// `handle_html_start_tag` with kramdown's `handle_kramdown_html_tag`: builds the element
    /// of a start tag just read (at `tag_at`) and reads its content.
    pub(super) fn html_element(
        &mut self,
        src: &mut Scanner<'_>,
        frame: &mut Frame<'_>,
        tag: StartTag,
        tag_at: usize,
        block: bool,
    ) {
        let lower = tag.name.to_lowercase();
        let known = is_known(&lower);
        let name = if known { lower } else { tag.name.clone() };
        let mut markdown = None;
        let mut attrs = Vec::new();
        for (attr, value, range) in tag.attrs {
            let attr = if known { attr.to_lowercase() } else { attr };
            let span = src.file_span(tag_at + range.start..tag_at + range.end);
            if attr == "markdown" {
                markdown = Some(value);
                continue;
            }
            attrs.retain(|a: &HtmlAttr| a.name != attr);
            attrs.push(HtmlAttr {
                name: attr,
                value,
                span,
            });
        }
        let parent_raw = frame.html.is_some() && self.in_raw_html;
        let mut model = if parent_raw || !self.parse_block_html {
            ContentModel::Raw
        } else {
            content_model(&name)
        };
        match markdown.as_deref() {
            Some("0") => model = ContentModel::Raw,
            Some("1") => model = content_model(&name),
            Some("span") => model = ContentModel::Span,
            Some("block") => model = ContentModel::Block,
            _ => {}
        }
        let closed = tag.self_closing || WITHOUT_BODY.contains(&name.as_str());
        let mut el = El::new(
            Kind::Html(HtmlElement {
                name: name.clone(),
                model,
                block,
                attrs,
            }),
            src.file_span(tag_at..src.pos),
        );
        el.ial = frame.block_ial.take();
        if name == "script" || name == "style" {
            self.raw_tag_body(src, &mut el, &name);
            el.span.end = src.file_span(src.pos..src.pos).start;
            frame.children.push(el);
            return;
        }
        if model == ContentModel::Block {
            skip_trailing_whitespace(src);
        }
        if !closed {
            self.element_body(src, &mut el, &name, model);
            if !parent_raw {
                skip_trailing_whitespace(src);
            }
        }
        el.span.end = src.file_span(src.pos..src.pos).start;
        frame.children.push(el);
    }

    fn element_body(
        &mut self,
        src: &mut Scanner<'_>,
        el: &mut El,
        name: &str,
        model: ContentModel,
    ) {
        if self.depth >= MAX_NESTING {
            self.over_limit = true;
            src.pos = src.text.len();
            return;
        }
        match model {
            ContentModel::Block => {
                let was_raw = std::mem::replace(&mut self.in_raw_html, false);
                let mut inner = Frame::new(Some(name));
                self.parse_blocks(src, &mut inner);
                self.in_raw_html = was_raw;
                el.children = inner.children;
            }
            ContentModel::Span => {
                let start = src.pos;
                let end = find_close_tag(src.rest(), name).map(|i| start + i);
                let body_end = end.unwrap_or(src.text.len());
                let text = src.text.slice(start..body_end);
                let span = text.file_span(0..text.len());
                if !text.is_empty() {
                    el.children.push(El::new(Kind::RawText(text), span));
                }
                src.pos = body_end;
                if end.is_some() {
                    if let Some((_, len)) = close_tag(src.rest()) {
                        src.pos += len;
                    }
                }
            }
            ContentModel::Raw => {
                self.depth += 1;
                let was_raw = std::mem::replace(&mut self.in_raw_html, true);
                self.raw_html(src, el, name);
                self.in_raw_html = was_raw;
                self.depth -= 1;
            }
        }
    }

    /// `handle_raw_html_tag`: the body of `script`/`style`, up to its end tag.
    fn raw_tag_body(&mut self, src: &mut Scanner<'_>, el: &mut El, name: &str) {
        let start = src.pos;
        let end = find_close_tag(src.rest(), name).map(|i| start + i);
        let body_end = end.unwrap_or(src.text.len());
        let span = src.file_span(start..body_end);
        el.children.push(El::new(Kind::Raw, span));
        src.pos = body_end;
        if end.is_some() {
            if let Some((_, len)) = close_tag(src.rest()) {
                src.pos += len;
            }
        }
    }

    /// `parse_raw_html`: text and tags up to the element's end tag, nested elements read the
    /// same way (or as Markdown, when their `markdown` attribute says so).
    fn raw_html(&mut self, src: &mut Scanner<'_>, el: &mut El, name: &str) {
        let mut frame = Frame::new(Some(name));
        let mut text = Mapped::default();
        let flush = |text: &mut Mapped, frame: &mut Frame<'_>| {
            if !text.is_empty() {
                let t = std::mem::take(text);
                let span = t.file_span(0..t.len());
                frame.children.push(El::new(Kind::Text(t), span));
            }
        };
        while !src.eos() && !self.over_limit {
            let rest = src.rest();
            let Some(lt) = next_raw_start(rest) else {
                text.push_from(src.text, src.pos..src.text.len());
                src.pos = src.text.len();
                break;
            };
            text.push_from(src.text, src.pos..src.pos + lt);
            src.pos += lt;
            let rest = src.rest();
            if let Some(len) = comment(rest).or_else(|| instruction(rest)) {
                flush(&mut text, &mut frame);
                let span = src.file_span(src.pos..src.pos + len);
                frame.children.push(El::new(Kind::XmlComment, span));
                src.pos += len;
            } else if let Some(tag) = start_tag(rest) {
                flush(&mut text, &mut frame);
                let tag_at = src.pos;
                src.pos += tag.len;
                self.html_element(src, &mut frame, tag, tag_at, true);
            } else if let Some((close, len)) = close_tag(rest) {
                let matches = if is_known(name) {
                    close.to_lowercase() == name
                } else {
                    close == name
                };
                if matches {
                    src.pos += len;
                    break;
                }
                text.push_from(src.text, src.pos..src.pos + len);
                src.pos += len;
            } else {
                let c = rest.chars().next().map_or(1, char::len_utf8);
                text.push_from(src.text, src.pos..src.pos + c);
                src.pos += c;
            }
        }
        flush(&mut text, &mut frame);
        el.children = frame.children;
    }
}

/// `HTML_RAW_START`: the next `<` followed by a name, `/`, `!--` or `?`.
fn next_raw_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find('<').map(|i| from + i) {
        let next = &text[i + 1..];
        if next.starts_with(['/', '?']) || next.starts_with("!--") || xml_name_len(next) > 0 {
            return Some(i);
        }
        from = i + 1;
        if from >= bytes.len() {
            break;
        }
    }
    None
}

/// Where `</name\s*>` (without letter case) first starts in `text`.
pub(super) fn find_close_tag(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find("</").map(|i| from + i) {
        let after = &text[i + 2..];
        if after.len() >= name.len()
            && after.is_char_boundary(name.len())
            && after[..name.len()].eq_ignore_ascii_case(name)
        {
            let tail = after[name.len()..].trim_start_matches(is_space);
            if tail.starts_with('>') {
                return Some(i);
            }
        }
        from = i + 2;
    }
    None
}

/// `TRAILING_WHITESPACE` (`[ \t]*\n`), when it is there.
fn skip_trailing_whitespace(src: &mut Scanner<'_>) {
    let rest = src.rest();
    let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if rest[blanks..].starts_with('\n') {
        src.pos += blanks + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        let tag = start_tag("<div class=\"notice\" markdown=1 hidden>x").unwrap();
        assert_eq!(tag.name, "div");
        assert_eq!(tag.attrs.len(), 3);
        assert_eq!(tag.attrs[1].1, "1");
        assert_eq!(tag.len, 38);
        assert!(start_tag("<a href=/x>").is_none());
        assert!(start_tag("<br/>").unwrap().self_closing);
        assert!(start_tag("<세션 정리>").is_some());
        assert_eq!(close_tag("</div >x"), Some(("div", 7)));
        assert!(lazy_end_html("<div>"));
        assert!(lazy_end_html("<B>"));
        assert!(!lazy_end_html("<b>"));
        assert!(!lazy_end_html("<br>"));
        assert!(lazy_end_html("<bold>"));
        assert_eq!(find_close_tag("a</DIV >", "div"), Some(1));
    }
}
