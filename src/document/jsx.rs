//! The JSX and expression grammar of MDX 3 (`micromark-extension-mdx-jsx` and
//! `-mdx-expression`), as far as postlint needs it: where a tag or a `{…}` expression starts and
//! ends, a tag's name and its attributes with their values and spans. JavaScript itself is not
//! parsed: an expression is balanced braces with strings and comments skipped.

use crate::source::Span;

/// Longest tag or attribute expression looked at: a real one is far shorter, and a cap keeps a
/// post full of unterminated `<a b="` from costing quadratic time.
const MAX_TAG: usize = 8 * 1024;

/// One JSX tag: `<Name attr="v" other={expr}>`, `</Name>`, `<>`, `</>`, `<Name />`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct JsxTag {
    /// `<` to `>`, relative to the scanned text.
    pub(crate) span: Span,
    /// As written (`img`, `Link`, `Tabs.Item`); empty for a fragment.
    pub(crate) name: String,
    pub(crate) closing: bool,
    pub(crate) self_closing: bool,
    pub(crate) attrs: Vec<JsxAttr>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct JsxAttr {
    pub(crate) name: String,
    pub(crate) value: Option<AttrValue>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AttrValue {
    /// `"…"` or `'…'`: the text between the quotes and its span.
    Str(String, Span),
    /// `{…}`: the source between the braces and its span.
    Expr(String, Span),
}

impl JsxTag {
    pub(crate) fn attr(&self, name: &str) -> Option<&AttrValue> {
        self.attrs
            .iter()
            .find(|a| a.name == name)
            .and_then(|a| a.value.as_ref())
    }

    pub(crate) fn has_attr(&self, name: &str) -> bool {
        self.attrs.iter().any(|a| a.name == name)
    }
}

/// Whether `c` can start a JSX name (ECMAScript `ID_Start`, `$`, `_`).
pub(crate) fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '$' || c == '_' || (!c.is_ascii() && c.is_alphabetic())
}

fn is_name_continue(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || c == '-' || (!c.is_ascii() && c.is_alphanumeric())
}

/// For text at a `<` that starts a JSX name but is no tag: the offset and character where the
/// MDX compiler stops with "Unexpected character in name" — an ASCII character that can neither
/// continue the name nor follow it (`<TL;DR>`, `<Q&A>`, `<me@example.com>`). `None` where the
/// name ends as a name may (whitespace, `.`, `:`, `/`, `>`, `{`, the end of the text) or at a
/// character postlint does not judge (non-ASCII).
pub(crate) fn name_refused_at(rest: &str) -> Option<(usize, char)> {
    let (offset, c) = rest
        .char_indices()
        .skip(1)
        .find(|&(_, c)| !is_name_continue(c))?;
    let allowed =
        !c.is_ascii() || c.is_ascii_whitespace() || matches!(c, '.' | ':' | '/' | '>' | '{');
    (!allowed).then_some((offset, c))
}

/// The tag that starts at `at` (a `<`), if the text there is a well-formed JSX tag.
pub(crate) fn tag_at(text: &str, at: usize) -> Option<JsxTag> {
    parse_tag(text, at, &mut None)
}

/// For a `<` that starts a JSX name but no tag: where the MDX compiler stops inside the tag's
/// attributes — the offset and the ASCII character that can start neither an attribute name nor
/// (after `=`) a value: `<a target=_blank>` (`_`), `<barry at python.org>` (`.`). `None` where
/// the tag is only unfinished (an unclosed quote or expression, the end of the text).
pub(crate) fn attribute_refused_at(text: &str, at: usize) -> Option<(usize, char)> {
    let mut refused = None;
    parse_tag(text, at, &mut refused);
    refused
}

fn parse_tag(text: &str, at: usize, refused: &mut Option<(usize, char)>) -> Option<JsxTag> {
    let limit = text.len().min(at + MAX_TAG);
    let s = text.get(..limit)?;
    let mut p = Parser { s, pos: at + 1 };
    // A character MDX refuses where the parse stops, as an offset from `at`.
    let mut stop = |p: &Parser<'_>| {
        if let Some(c) = p
            .peek()
            .filter(|c| c.is_ascii() && !c.is_ascii_whitespace())
        {
            *refused = Some((p.pos - at, c));
        }
    };
    let closing = p.eat('/');
    if p.eat('>') {
        return Some(JsxTag {
            span: Span::new(at, p.pos),
            name: String::new(),
            closing,
            self_closing: false,
            attrs: Vec::new(),
        });
    }
    let name = p.name(true)?;
    let mut attrs = Vec::new();
    loop {
        p.blanks();
        if p.eat('>') {
            break;
        }
        if p.s[p.pos..].starts_with("/>") && !closing {
            p.pos += 2;
            return Some(JsxTag {
                span: Span::new(at, p.pos),
                name,
                closing,
                self_closing: true,
                attrs,
            });
        }
        if closing {
            return None;
        }
        if p.peek() == Some('{') {
            // A spread attribute `{...props}`.
            p.pos = expression_end(p.s, p.pos)?;
            continue;
        }
        let Some(attr) = p.name(false) else {
            if p.peek() != Some('/') {
                stop(&p);
            }
            return None;
        };
        p.blanks();
        let value = if p.eat('=') {
            p.blanks();
            let Some(value) = p.value() else {
                if !matches!(p.peek(), Some('"' | '\'' | '{')) {
                    stop(&p);
                }
                return None;
            };
            Some(value)
        } else {
            None
        };
        attrs.push(JsxAttr { name: attr, value });
    }
    Some(JsxTag {
        span: Span::new(at, p.pos),
        name,
        closing,
        self_closing: false,
        attrs,
    })
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn blanks(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    /// A name, with `.` members (element names only) and a `:` namespace.
    fn name(&mut self, element: bool) -> Option<String> {
        let start = self.pos;
        let mut first = true;
        while let Some(c) = self.peek() {
            let ok = if first {
                is_name_start(c)
            } else {
                is_name_continue(c) || c == ':' || (element && c == '.')
            };
            if !ok {
                break;
            }
            first = false;
            self.pos += c.len_utf8();
        }
        (self.pos > start).then(|| self.s[start..self.pos].to_string())
    }

    fn value(&mut self) -> Option<AttrValue> {
        match self.peek()? {
            quote @ ('"' | '\'') => {
                let open = self.pos + 1;
                let close = open + self.s[open..].find(quote)?;
                self.pos = close + 1;
                Some(AttrValue::Str(
                    self.s[open..close].to_string(),
                    Span::new(open, close),
                ))
            }
            '{' => {
                let end = expression_end(self.s, self.pos)?;
                let inner = Span::new(self.pos + 1, end - 1);
                self.pos = end;
                Some(AttrValue::Expr(
                    self.s[inner.start..inner.end].to_string(),
                    inner,
                ))
            }
            _ => None,
        }
    }
}

/// The end (after the closing `}`) of the expression that starts at `at` (a `{`), braces
/// balanced and strings, template literals and comments skipped; `None` when it never closes
/// within `text`.
pub(crate) fn expression_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            quote @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    if bytes[i] == b'\\' {
                        i += 1;
                    } else if quote != b'`' && bytes[i] == b'\n' {
                        // A string cannot span lines: this was an apostrophe in prose.
                        break;
                    }
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map(|e| i + 2 + e + 1)?;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |e| i + e);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The id of a heading id comment, `/* #my-id */` (the first word, after `#`), as Docusaurus's
/// `headings` plugin reads it.
pub(crate) fn heading_id_comment(source: &str) -> Option<&str> {
    let inner = source.trim().strip_prefix("/*")?.strip_suffix("*/")?.trim();
    if inner.contains("*/") {
        return None;
    }
    let first = inner.split(' ').next()?;
    first.strip_prefix('#').filter(|id| !id.is_empty())
}

/// The string literal of a one-argument call, `name('…')` / `name("…")`, anywhere in
/// `source`, with its span relative to `source`.
pub(crate) fn call_argument(source: &str, name: &str) -> Option<(String, Span)> {
    let mut from = 0;
    while let Some(found) = source[from..].find(name) {
        let start = from + found;
        from = start + name.len();
        let before = source[..start].chars().next_back();
        if before.is_some_and(|c| is_name_continue(c) || c == '.') {
            continue;
        }
        let rest = source[from..].trim_start();
        let Some(arg) = rest.strip_prefix('(') else {
            continue;
        };
        let arg_trimmed = arg.trim_start();
        let quote = arg_trimmed.chars().next()?;
        if !matches!(quote, '\'' | '"' | '`') {
            continue;
        }
        let open = source.len() - arg_trimmed.len() + 1;
        let close = open + source[open..].find(quote)?;
        let value = &source[open..close];
        if quote == '`' && value.contains("${") {
            continue;
        }
        return Some((value.to_string(), Span::new(open, close)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_with_expression_attributes() {
        let text = r#"<img src="/a.png" alt='A' style={{ float: 'left' }} width={280} />"#;
        let tag = tag_at(text, 0).unwrap();
        assert_eq!(tag.name, "img");
        assert!(tag.self_closing);
        assert_eq!(tag.span, Span::new(0, text.len()));
        match tag.attr("src") {
            Some(AttrValue::Str(v, span)) => {
                assert_eq!(v, "/a.png");
                assert_eq!(&text[span.start..span.end], "/a.png");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(tag.attr("width"), Some(AttrValue::Expr(e, _)) if e == "280"));
    }

    #[test]
    fn closing_fragments_members_and_non_tags() {
        assert!(tag_at("</div>", 0).unwrap().closing);
        assert_eq!(tag_at("<>", 0).unwrap().name, "");
        assert_eq!(tag_at("</>", 0).unwrap().name, "");
        assert_eq!(
            tag_at("<Tabs.Item value=\"a\">", 0).unwrap().name,
            "Tabs.Item"
        );
        assert!(tag_at("< b", 0).is_none());
        assert!(tag_at("<2", 0).is_none());
        assert!(tag_at("<https://x.com>", 0).is_none());
        assert!(tag_at("<a b=\"never closed", 0).is_none());
        let multi = "<img\n  src=\"x.png\"\n  alt=\"y\"\n/>";
        assert_eq!(tag_at(multi, 0).unwrap().span.end, multi.len());
    }

    #[test]
    fn expressions() {
        assert_eq!(expression_end("{a}", 0), Some(3));
        assert_eq!(expression_end("{ '}' + \"{\" }x", 0), Some(13));
        assert_eq!(expression_end("{/* } */}", 0), Some(9));
        assert_eq!(expression_end("{ a", 0), None);
        assert_eq!(
            heading_id_comment(" /* #log-collection */ "),
            Some("log-collection")
        );
        assert_eq!(heading_id_comment("/* note */"), None);
    }

    #[test]
    fn call_arguments() {
        let src = "require('./chart.png').default";
        let (v, span) = call_argument(src, "require").unwrap();
        assert_eq!(v, "./chart.png");
        assert_eq!(&src[span.start..span.end], "./chart.png");
        assert_eq!(
            call_argument("useBaseUrl(\"/img/a.png\")", "useBaseUrl").map(|a| a.0),
            Some("/img/a.png".into())
        );
        assert!(call_argument("myrequire('x')", "require").is_none());
    }
}
