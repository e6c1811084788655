//! A small scanner for the HTML tags that matter to postlint (`<br>`, `<img>`, `<a>`, ids)
//! inside raw HTML that pulldown-cmark hands over unparsed.

use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

static BR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^<\s*/?\s*br(\s[^<>]*)?/?\s*>$").expect("valid regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--|<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*?)?)\s*/?>").expect("valid regex")
});
static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([a-zA-Z_:@][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"#)
        .expect("valid regex")
});

/// Whether an inline HTML fragment is a single `<br>` in any of its spellings.
pub(crate) fn is_br(raw: &str) -> bool {
    raw.len() < 64 && BR.is_match(raw.trim())
}

#[derive(Debug)]
pub(crate) struct HtmlTag {
    /// Lower-cased tag name.
    pub name: String,
    /// Relative to the scanned text.
    pub span: Span,
    pub attrs: Vec<HtmlAttr>,
}

#[derive(Debug)]
pub(crate) struct HtmlAttr {
    pub name: String,
    pub value: String,
    pub value_span: Span,
}

impl HtmlTag {
    pub(crate) fn attr(&self, name: &str) -> Option<&HtmlAttr> {
        self.attrs
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }
}

/// Opening tags in `raw`, skipping HTML comments.
pub(crate) fn tags(raw: &str) -> Vec<HtmlTag> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(caps) = TAG.captures_at(raw, pos) {
        let Some(whole) = caps.get(0) else { break };
        if whole.as_str() == "<!--" {
            pos = raw[whole.end()..]
                .find("-->")
                .map_or(raw.len(), |i| whole.end() + i + 3);
            continue;
        }
        pos = whole.end();
        let name = caps
            .get(1)
            .map_or(String::new(), |m| m.as_str().to_ascii_lowercase());
        let attrs = caps
            .get(2)
            .map_or_else(Vec::new, |m| attrs(m.as_str(), m.start()));
        out.push(HtmlTag {
            name,
            span: Span::new(whole.start(), whole.end()),
            attrs,
        });
    }
    out
}

fn attrs(text: &str, base: usize) -> Vec<HtmlAttr> {
    ATTR.captures_iter(text)
        .filter_map(|c| {
            let name = c.get(1)?.as_str().to_string();
            let value = c.get(2).or_else(|| c.get(3)).or_else(|| c.get(4));
            let (value, span) = match value {
                Some(v) => (
                    decode_entities(v.as_str()),
                    Span::new(base + v.start(), base + v.end()),
                ),
                None => (String::new(), Span::new(base, base)),
            };
            Some(HtmlAttr {
                name,
                value,
                value_span: span,
            })
        })
        .collect()
}

pub(crate) fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn br_spellings() {
        for br in ["<br>", "<BR>", "<br/>", "<br />", "</br>", "<Br >"] {
            assert!(is_br(br), "{br}");
        }
        assert!(!is_br("<brief>"));
    }

    #[test]
    fn img_and_ids() {
        let raw =
            r#"<!-- <img src="no.png"> --><p id="top"><img alt="" SRC='a b.png' width=3></p>"#;
        let tags = tags(raw);
        let names: Vec<_> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["p", "img"]);
        let src = tags[1].attr("src").unwrap();
        assert_eq!(src.value, "a b.png");
        assert_eq!(&raw[src.value_span.start..src.value_span.end], "a b.png");
    }
}
