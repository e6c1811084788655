//! Blocks that define rather than show: link definitions, footnote definitions,
//! abbreviations, attribute lists and their definitions, `{::comment}`/`{::nomarkdown}`/
//! `{::options}` extensions, and the `^` end-of-block marker.

use super::attributes;
use super::block::{ial_block, is_eob_marker, Frame};
use super::text::{is_space, opt_space, Mapped, Scanner};
use super::tree::{El, Eob, Ial, Kind};
use super::Parser;
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

static LINK_DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^ {0,3}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?[^ \t\r\n\x0B\x0C][^\n]*?))(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?(?:"(.+?)"|'(.+?)'))?[ \t]*?\n"#,
    )
    .expect("constant regex")
});
static FOOTNOTE_DEFINITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ {0,3}\[\^([A-Za-z0-9_][A-Za-z0-9_-]*)\]:").expect("constant regex")
});
static ABBREV_DEFINITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ {0,3}\*\[(.+?)\]:(.*?)\n").expect("constant regex"));
static ALD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ {0,3}\{:([A-Za-z0-9_][A-Za-z0-9_-]*):((?:\\\}|[^\}])+)\}[ \t\r\x0B\x0C]*\n")
        .expect("constant regex")
});
static EXTENSION_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^ {0,3}(?:\{::([A-Za-z0-9_]+)(?:[ \t\r\n\x0B\x0C]((?:\\\}|[^\}])*?)|)(/)?\}|\{:/([A-Za-z0-9_][A-Za-z0-9_-]*)?\})[ \t\r\x0B\x0C]*\n",
    )
    .expect("constant regex")
});

impl Parser {
    pub(super) fn footnote_definition(
        &mut self,
        src: &mut Scanner<'_>,
        frame: &mut Frame<'_>,
    ) -> bool {
        let Some(caps) = FOOTNOTE_DEFINITION.captures(src.rest()) else {
            return false;
        };
        let (Some(whole), Some(name)) = (caps.get(0), caps.get(1)) else {
            return false;
        };
        let name = name.as_str().to_string();
        let start = src.pos;
        let first_end = src.line_end_from(start);
        // The rest of the first line, then what an indented code block would take; one
        // indentation is removed from every line.
        let end = super::code::codeblock_end(src, first_end);
        let mut content = Mapped::default();
        let mut p = start + whole.end();
        while p < end {
            let line_end = src.line_end_from(p);
            let line = &src.text.as_str()[p..line_end];
            let indent = if line.starts_with('\t') {
                1
            } else if line.starts_with("    ") {
                4
            } else {
                0
            };
            content.push_from(src.text, p + indent..line_end);
            p = line_end;
        }
        src.pos = end;
        let mut inner = Frame::new(None);
        let mut scanner = Scanner::new(&content);
        self.parse_blocks(&mut scanner, &mut inner);
        self.footnotes.insert(name, inner.children);
        let span = src.file_span(start..end);
        frame.push_block(El::new(Kind::Eob(Eob::FootnoteDef), span));
        true
    }

    pub(super) fn link_definition(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        let rest = src.rest();
        if !rest.trim_start_matches(' ').starts_with('[') {
            return false;
        }
        let Some(caps) = LINK_DEFINITION.captures(rest) else {
            return false;
        };
        let (Some(whole), Some(label)) = (caps.get(0), caps.get(1)) else {
            return false;
        };
        let bare = caps.get(3);
        if bare.is_some_and(|b| quote_after_blank(b.as_str())) {
            return false;
        }
        let Some(url) = caps.get(2).or(bare) else {
            return false;
        };
        let start = src.pos;
        let span = src.file_span(start..start + whole.end());
        let url_span = src.file_span(start + url.start()..start + url.end());
        self.define_link(label.as_str(), url.as_str(), url_span, span);
        src.pos = start + whole.end();
        frame.push_block(El::new(Kind::Eob(Eob::LinkDef), span));
        true
    }

    pub(super) fn abbrev_definition(
        &mut self,
        src: &mut Scanner<'_>,
        frame: &mut Frame<'_>,
    ) -> bool {
        let Some(whole) = ABBREV_DEFINITION.find(src.rest()) else {
            return false;
        };
        let start = src.pos;
        src.pos = start + whole.end();
        let span = src.file_span(start..src.pos);
        frame.push_block(El::new(Kind::Eob(Eob::AbbrevDef), span));
        true
    }

    pub(super) fn block_extensions(
        &mut self,
        src: &mut Scanner<'_>,
        frame: &mut Frame<'_>,
    ) -> bool {
        let rest = src.rest();
        if !rest[opt_space(rest)..].starts_with("{:") {
            return false;
        }
        let start = src.pos;
        if let Some(caps) = ALD.captures(rest) {
            let (Some(whole), Some(name), Some(list)) = (caps.get(0), caps.get(1), caps.get(2))
            else {
                return false;
            };
            let ial = attributes::parse(list.as_str());
            self.alds
                .entry(name.as_str().to_string())
                .or_default()
                .update(ial);
            src.pos = start + whole.end();
            let span = src.file_span(start..src.pos);
            frame.push_block(El::new(Kind::Eob(Eob::Ald), span));
            return true;
        }
        if let Some(caps) = EXTENSION_BLOCK.captures(rest) {
            return self.block_extension(src, frame, &caps);
        }
        let Some((list, len)) = ial_block(rest) else {
            return false;
        };
        let ial = attributes::parse(list);
        src.pos = start + len;
        let attach = frame.children.last().is_some_and(|last| match last.kind {
            Kind::Blank => false,
            Kind::Eob(kind) => matches!(kind, Eob::LinkDef | Eob::AbbrevDef | Eob::FootnoteDef),
            _ => true,
        });
        if attach {
            if let Some(last) = frame.children.last_mut() {
                last.ial.get_or_insert_with(Ial::default).update(ial);
            }
            if ial_block(src.rest()).is_none() {
                let span = src.file_span(start..src.pos);
                frame.push_block(El::new(Kind::Eob(Eob::Ial), span));
            }
        } else {
            frame.block_ial.get_or_insert_with(Ial::default).update(ial);
        }
        true
    }

    /// `{::name}…{:/name}` and `{::name /}` on lines of their own.
    fn block_extension(
        &mut self,
        src: &mut Scanner<'_>,
        frame: &mut Frame<'_>,
        caps: &regex::Captures<'_>,
    ) -> bool {
        let Some(whole) = caps.get(0) else {
            return false;
        };
        let Some(name) = caps.get(1).map(|m| m.as_str()) else {
            return false; // a stop tag alone
        };
        let start = src.pos;
        let after = start + whole.end();
        let kind = match name {
            "comment" => Kind::Comment,
            "nomarkdown" => Kind::Raw,
            "options" => Kind::Eob(Eob::Extension),
            _ => return false,
        };
        let end = if caps.get(3).is_some() {
            after
        } else {
            let Some(end) = extension_stop(src, after, name) else {
                return false;
            };
            end
        };
        src.pos = end;
        let span = src.file_span(start..end);
        let el = El::new(kind, span);
        if matches!(el.kind, Kind::Eob(_)) {
            frame.push_block(el);
        } else if caps.get(3).is_none() {
            frame.children.push(el);
        }
        true
    }

    pub(super) fn eob_marker(&mut self, src: &mut Scanner<'_>, frame: &mut Frame<'_>) -> bool {
        if !is_eob_marker(src.line()) {
            return false;
        }
        let start = src.pos;
        src.pos = src.line_end_from(start);
        let span = src.file_span(start..src.pos);
        frame.push_block(El::new(Kind::Eob(Eob::Marker), span));
        true
    }

    /// Records a link definition (kramdown keeps the last of a label).
    pub(super) fn define_link(&mut self, label: &str, url: &str, url_span: Span, span: Span) {
        let id = normalize_label(label);
        self.definition_urls.push(url_span);
        self.definitions
            .push(crate::document::model::ReferenceDefinition {
                label: label.to_string(),
                dest: url.to_string(),
                span,
            });
        self.link_defs.insert(
            id,
            super::LinkDef {
                url: url.to_string(),
                url_span,
                span,
            },
        );
    }
}

/// `[ \t]+["']` somewhere in a bare link definition URL: the title was not separated.
fn quote_after_blank(url: &str) -> bool {
    let bytes = url.as_bytes();
    bytes.windows(2).enumerate().any(|(i, w)| {
        matches!(w[0], b' ' | b'\t') && matches!(w[1], b'"' | b'\'') && i < bytes.len()
    })
}

/// The end of `{:/name}` (or `{:/}`) on a line of its own after `at`.
fn extension_stop(src: &Scanner<'_>, at: usize, name: &str) -> Option<usize> {
    let mut p = at;
    while p < src.text.len() {
        let line = src.line_at(p);
        let body = line[opt_space(line)..].trim_end_matches(['\n', ' ']);
        if let Some(inner) = body.strip_prefix("{:/").and_then(|b| b.strip_suffix('}')) {
            if (inner.is_empty() || inner == name) && line.ends_with('\n') {
                return Some(p + line.len());
            }
        }
        p += line.len().max(1);
    }
    None
}

/// kramdown's `normalize_link_id`: runs of white space as one space, lower case.
pub(super) fn normalize_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut blank = false;
    for c in label.chars() {
        if is_space(c) {
            blank = true;
            continue;
        }
        if blank {
            out.push(' ');
            blank = false;
        }
        out.extend(c.to_lowercase());
    }
    if blank {
        out.push(' ');
    }
    out
}
