//! The MDX 3 front end (Docusaurus `.mdx`, and `.md` unless `markdown.format` says otherwise).
//!
//! MDX is CommonMark with JSX, `{…}` expressions and ESM instead of raw HTML, and without
//! indented code. One scan over the body finds every JSX tag, expression, ESM block and HTML
//! comment (`jsx.rs` holds their grammar) and records what they link to; then the body is
//! handed to pulldown-cmark (`commonmark.rs`) with them rewritten so that CommonMark reads the
//! same blocks MDX does, offsets unchanged:
//!
//! - a line that holds only tags and expressions (a flow element) becomes blank, so the
//!   Markdown between `<div>` and `</div>` is read as Markdown, and a paragraph ends there;
//! - a tag inside text becomes a short placeholder tag of the same length (`<jxxx>`), which
//!   pulldown-cmark takes for inline HTML that shows nothing;
//! - `<br>` tags are left as they are, for the `<br>` tables;
//! - expressions and ESM are blanked; a heading's `{/* #id */}` becomes `{#id}`.
//!
//! Measured on the 10k-post benchmark site, a real MDX parser (markdown-rs) costs about forty
//! times pulldown-cmark's time per post (see ARCHITECTURE.md), so this scan keeps one
//! pulldown-cmark pass per post.

use super::commonmark;
use super::html;
use super::jsx::{self, AttrValue, JsxTag};
use super::mdx_items::{find_items, Item};
use super::model::{Image, Link, Markdown, RefKind, SyntaxError};
use super::ParseOptions;
use crate::source::{Span, SpanSet};

/// What the site's `markdown.mdx1Compat` keeps of MDX 1 (Docusaurus 3's defaults: all on;
/// `future.v4` turns them off).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mdx1Compat {
    /// `<!-- … -->` comments compile (as comments).
    pub(crate) comments: bool,
    /// `## Title {#id}` gives the heading an id instead of failing as an expression.
    pub(crate) heading_ids: bool,
}

impl Default for Mdx1Compat {
    fn default() -> Self {
        Self {
            comments: true,
            heading_ids: true,
        }
    }
}

/// HTML elements that have no closing tag in HTML, and so are often written unclosed, which
/// MDX refuses.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Files the bundler turns into a URL when a post imports or `require`s them.
const ASSET_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "tif", "tiff",
];

/// Reads an MDX body (the file text after the front matter, whose first byte is at `base`).
pub(super) fn read(body: &str, base: usize, options: &ParseOptions) -> Markdown {
    let mut scan = Scan::run(body, options.mdx1);
    let mut md = read_blocks(&mut scan.masked);
    let code = SpanSet::new(md.code.iter().copied());
    let outside_code = |span: &Span| !code.overlaps(*span);
    md.images
        .extend(scan.images.into_iter().filter(|i| outside_code(&i.span)));
    md.images.sort_by_key(|i| i.span.start);
    md.links
        .extend(scan.links.into_iter().filter(|l| outside_code(&l.span)));
    md.links.sort_by_key(|l| l.span.start);
    md.html_ids.extend(
        scan.ids
            .into_iter()
            .filter(|(span, _)| outside_code(span))
            .map(|(_, id)| id),
    );
    md.syntax_errors = scan
        .errors
        .into_iter()
        .filter(|e| outside_code(&e.span))
        .collect();
    md.template_skipped = scan.skipped;
    commonmark::shift(&mut md, base);
    for span in &mut md.template_skipped {
        *span = span.shifted(base);
    }
    md.breaks = options.breaks;
    md.index_regions();
    md
}

/// Most lone `<br>` lines that swallow the next ones are split in one more reading; each
/// reading may uncover new ones, the lines after a split one being read anew.
const MAX_BLOCK_SPLITS: usize = 8;

/// Parses the rewritten body. A `<br>` alone on its line where no paragraph is open starts a
/// CommonMark HTML block that runs on to the next blank line, while MDX ends the flow element
/// at its line and reads the next lines as Markdown: such a tag becomes `<!Jxx>` (an HTML block
/// that ends on its own line) and the body is read again, its `<br>` kept as a flow element.
fn read_blocks(masked: &mut String) -> Markdown {
    let mut split: Vec<Span> = Vec::new();
    let (mut md, mut swallowing) = commonmark::parse_mdx(masked, &split);
    for _ in 0..MAX_BLOCK_SPLITS {
        swallowing.retain(|s| masked.get(s.start..s.end).is_some());
        if swallowing.is_empty() {
            break;
        }
        let mut bytes = std::mem::take(masked).into_bytes();
        for span in &swallowing {
            one_line_html_block(&mut bytes, *span);
        }
        // Only whole tags (char boundaries) were rewritten, into ASCII: still UTF-8.
        *masked = utf8_string(bytes);
        split.extend(swallowing);
        split.sort_by_key(|s| s.start);
        (md, swallowing) = commonmark::parse_mdx(masked, &split);
    }
    md
}

/// The rewritten body as a `String`. `String::from_utf8` validates at a few instructions a
/// byte of Korean text (0.4 G instructions on the 10k-post site); SIMD validation and a copy
/// cost a tenth of that. A body that is not UTF-8 (it always is) reads lossily.
fn utf8_string(bytes: Vec<u8>) -> String {
    match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// `<!Jxx>` over a tag: the start of an HTML block (CommonMark's kind 4) that ends on the same
/// line and shows nothing.
fn one_line_html_block(bytes: &mut [u8], span: Span) {
    let Some(region) = bytes.get_mut(span.start..span.end) else {
        return;
    };
    let len = region.len();
    for (i, b) in region.iter_mut().enumerate() {
        *b = match i {
            0 => b'<',
            1 => b'!',
            2 => b'J',
            i if i == len - 1 => b'>',
            _ => b'x',
        };
    }
}

#[derive(Default)]
struct Scan {
    masked: String,
    images: Vec<Image>,
    links: Vec<Link>,
    ids: Vec<(Span, String)>,
    skipped: Vec<Span>,
    errors: Vec<SyntaxError>,
}

impl Scan {
    fn run(body: &str, compat: Mdx1Compat) -> Scan {
        let mut scan = Scan::default();
        let items = find_items(body, compat, &mut scan.errors);
        let lines = LineIndex::new(body);
        let covered = SpanSet::new(items.iter().map(Item::span));
        let mut bytes = body.as_bytes().to_vec();
        let mut open_voids: Vec<(String, Span)> = Vec::new();
        for item in &items {
            match item {
                Item::Esm(span) => {
                    blank(&mut bytes, *span);
                    scan.skipped.push(*span);
                    scan.esm_imports(body, *span);
                }
                Item::Expression { span, heading_id } => {
                    blank(&mut bytes, *span);
                    let source = &body[span.start + 1..span.end - 1];
                    match heading_id {
                        Some(id) => write_heading_id(&mut bytes, *span, id),
                        // A comment shows nothing and may hold a `postlint-disable` directive.
                        None if is_comment(source) => {}
                        None => scan.skipped.push(*span),
                    }
                }
                Item::Tag(tag) => {
                    let raw = &body[tag.span.start..tag.span.end];
                    if tag.name.eq_ignore_ascii_case("br") && html::is_br(raw) {
                        track_void(body, tag, &mut open_voids, &mut scan.errors);
                        continue;
                    }
                    let flow = lines.only_items(body, tag.span, &covered);
                    if flow && !lines.has_br(body, tag.span) {
                        blank(&mut bytes, tag.span);
                    } else {
                        placeholder(&mut bytes, tag.span);
                    }
                    track_void(body, tag, &mut open_voids, &mut scan.errors);
                    scan.record(tag);
                }
            }
        }
        for (name, span) in open_voids {
            scan.errors.push(unclosed(&name, span));
        }
        scan.errors.sort_by_key(|e| e.span.start);
        // Only whole tags, expressions and lines were rewritten, into ASCII: always UTF-8.
        scan.masked = utf8_string(bytes);
        scan
    }

    /// The images, links and ids of one JSX tag.
    fn record(&mut self, tag: &JsxTag) {
        if tag.closing {
            return;
        }
        if let Some(AttrValue::Str(id, span)) = tag.attr("id") {
            self.ids.push((*span, id.clone()));
        }
        match tag.name.as_str() {
            "img" => {
                let alt = match tag.attr("alt") {
                    Some(AttrValue::Str(v, _) | AttrValue::Expr(v, _)) => Some(v.clone()),
                    None if tag.has_attr("alt") => Some(String::new()),
                    None => None,
                };
                if let Some((src, src_span, kind)) = target(tag.attr("src"), true) {
                    self.images.push(Image {
                        src,
                        alt,
                        span: tag.span,
                        src_span,
                        kind,
                        definition: None,
                    });
                }
            }
            "a" | "Link" => {
                if tag.name == "a" {
                    if let Some(AttrValue::Str(name, span)) = tag.attr("name") {
                        self.ids.push((*span, name.clone()));
                    }
                }
                let dest = tag.attr("href").or_else(|| tag.attr("to"));
                if let Some((dest, dest_span, _)) = target(dest, false) {
                    self.links.push(Link {
                        dest,
                        span: tag.span,
                        dest_span,
                        kind: RefKind::Html,
                        definition: None,
                    });
                }
            }
            _ => {}
        }
    }

    /// `import Pic from './pic.png'`: the bundler resolves the file when the post builds.
    fn esm_imports(&mut self, body: &str, esm: Span) {
        let text = &body[esm.start..esm.end];
        let mut from = 0;
        while let Some(found) = text[from..].find("from") {
            let at = from + found + 4;
            from = at;
            let rest = text[at..].trim_start();
            let Some(quote) = rest.chars().next().filter(|q| matches!(q, '\'' | '"')) else {
                continue;
            };
            let open = text.len() - rest.len() + 1;
            let Some(len) = text[open..].find(quote) else {
                continue;
            };
            let path = &text[open..open + len];
            if is_asset(path) {
                let span = Span::new(esm.start + open, esm.start + open + len);
                self.images.push(Image {
                    src: path.to_string(),
                    alt: Some(String::new()),
                    span,
                    src_span: span,
                    kind: RefKind::Bundled,
                    definition: None,
                });
            }
        }
    }
}

/// The target of a `src`/`href`/`to` attribute: a string, `require('./x.png')` (bundled, for
/// images) or `useBaseUrl('/x')`; anything else is computed and not followed.
fn target(value: Option<&AttrValue>, image: bool) -> Option<(String, Span, RefKind)> {
    match value? {
        AttrValue::Str(v, span) => Some((v.clone(), *span, RefKind::Html)),
        AttrValue::Expr(source, span) => {
            let at = |inner: Span| inner.shifted(span.start);
            if let Some((path, inner)) = jsx::call_argument(source, "require") {
                return (image && is_asset(&path)).then(|| (path, at(inner), RefKind::Bundled));
            }
            jsx::call_argument(source, "useBaseUrl")
                .map(|(path, inner)| (path, at(inner), RefKind::Html))
        }
    }
}

/// `/* … */` and nothing else.
fn is_comment(source: &str) -> bool {
    let inner = source.trim();
    inner.starts_with("/*") && inner.ends_with("*/") && inner.find("*/") == Some(inner.len() - 2)
}

fn is_asset(path: &str) -> bool {
    let local = path.starts_with("./") || path.starts_with("../") || path.starts_with("@site/");
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    local && ext.is_some_and(|e| ASSET_EXTENSIONS.contains(&e.as_str()))
}

/// Pairs the void elements written open (`<br>`) with a closing tag (`</br>`) in the same
/// block; what stays open, or closes nothing, MDX refuses.
fn track_void(
    body: &str,
    tag: &JsxTag,
    open: &mut Vec<(String, Span)>,
    errors: &mut Vec<SyntaxError>,
) {
    let name = tag.name.to_ascii_lowercase();
    if !VOID_ELEMENTS.contains(&name.as_str()) || tag.self_closing {
        return;
    }
    let same_block = |from: Span| {
        !body[from.end..tag.span.start]
            .split('\n')
            .skip(1)
            .any(|line| line.trim().is_empty())
    };
    if !tag.closing {
        open.push((tag.name.clone(), tag.span));
    } else if let Some(i) = open
        .iter()
        .rposition(|(n, span)| *n == tag.name && same_block(*span))
    {
        open.remove(i);
    } else {
        errors.push(SyntaxError {
            span: tag.span,
            message: format!(
                "`</{}>` closes no open tag: MDX refuses a closing tag alone",
                tag.name
            ),
            help: format!("write `<{} />`", tag.name),
        });
    }
}

fn unclosed(name: &str, span: Span) -> SyntaxError {
    SyntaxError {
        span,
        message: format!("`<{name}>` is never closed: MDX refuses an unclosed tag"),
        help: format!("close it: `<{name} />`"),
    }
}

fn blank(bytes: &mut [u8], span: Span) {
    for b in &mut bytes[span.start..span.end] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// `<jxxx>` (or `</jxx>`) over the tag, line breaks kept: inline HTML to CommonMark, of no
/// block-level name, showing nothing.
fn placeholder(bytes: &mut [u8], span: Span) {
    let region = &mut bytes[span.start..span.end];
    let closing = region.get(1) == Some(&b'/');
    let len = region.len();
    if len < 3 + usize::from(closing) {
        blank(bytes, span);
        return;
    }
    let name_at = 1 + usize::from(closing);
    for (i, b) in region.iter_mut().enumerate() {
        *b = match (i, *b) {
            (_, b'\n' | b'\r') => *b,
            (0, _) => b'<',
            (1, _) if closing => b'/',
            (i, _) if i == len - 1 => b'>',
            (i, _) if i == name_at => b'j',
            _ => b'x',
        };
    }
}

/// `{/* #id */}` at the end of a heading becomes `{#id}`, which CommonMark's heading
/// attributes read.
fn write_heading_id(bytes: &mut [u8], span: Span, id: &str) {
    let text = format!("{{#{id}}}");
    if text.len() <= span.len() {
        bytes[span.start..span.start + text.len()].copy_from_slice(text.as_bytes());
    }
}

/// Line starts of the body, and what a line holds.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(body: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', body.as_bytes()).map(|i| i + 1));
        Self { starts }
    }

    /// The lines `span` touches, as a byte range from the first's start to the last's end.
    fn lines_of(&self, body: &str, span: Span) -> Span {
        let first = self.starts.partition_point(|s| *s <= span.start) - 1;
        let last = self
            .starts
            .partition_point(|s| *s < span.end.max(span.start + 1))
            - 1;
        let end = self.starts.get(last + 1).copied().unwrap_or(body.len());
        Span::new(self.starts[first], end)
    }

    /// Whether every visible character of the lines `span` touches, after a container
    /// prefix (`>`, a list marker), belongs to a tag or an expression: a flow element.
    fn only_items(&self, body: &str, span: Span, covered: &SpanSet) -> bool {
        let lines = self.lines_of(body, span);
        let mut at = lines.start;
        for line in body[lines.start..lines.end].split_inclusive('\n') {
            let prefix = container_prefix(line);
            for (i, c) in line.char_indices().skip_while(|(i, _)| *i < prefix) {
                if !c.is_whitespace() && !covered.contains(at + i) {
                    return false;
                }
            }
            at += line.len();
        }
        true
    }

    /// Whether the lines `span` touches hold a `<br>`.
    fn has_br(&self, body: &str, span: Span) -> bool {
        let lines = self.lines_of(body, span);
        let text = body[lines.start..lines.end].to_ascii_lowercase();
        text.contains("<br") || text.contains("</br")
    }
}

/// The length of a line's block quote markers and list marker.
fn container_prefix(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'*' | b'+') if matches!(bytes.get(i + 1), Some(b' ' | b'\t')) => i += 2,
            Some(b'0'..=b'9') => {
                let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                match (bytes.get(i + digits), bytes.get(i + digits + 1)) {
                    (Some(b'.' | b')'), Some(b' ' | b'\t')) => i += digits + 2,
                    _ => return i,
                }
            }
            _ => return i,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::model::BrContext;

    fn read_mdx(body: &str) -> Markdown {
        read(body, 0, &ParseOptions::default())
    }

    /// The context of each `<br>` of an MDX body, in order.
    fn contexts(body: &str) -> Vec<&'static str> {
        read_mdx(body)
            .brs
            .iter()
            .map(|b| b.context.as_str())
            .collect()
    }

    #[test]
    fn jsx_images_and_links_with_expression_attributes() {
        let md = read_mdx(
            "<img src=\"/a.png\" style={{ float: 'left' }} />\n\nText <a href=\"/b\" \
             style={{ x: 1 }}>b</a> and <Link to=\"/c#d\">c</Link>.\n",
        );
        let srcs: Vec<_> = md.images.iter().map(|i| i.src.as_str()).collect();
        assert_eq!(srcs, ["/a.png"]);
        let dests: Vec<_> = md.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["/b", "/c#d"]);
    }

    #[test]
    fn markdown_inside_jsx_blocks_is_markdown() {
        let md = read_mdx(
            "<div>\n![x](./a.png)\n[y](/b)\n</div>\n\n<p align=\"center\">\n  ![z](/c.png)\n</p>\n",
        );
        let srcs: Vec<_> = md.images.iter().map(|i| i.src.as_str()).collect();
        assert_eq!(srcs, ["./a.png", "/c.png"]);
        assert_eq!(md.links[0].dest, "/b");
    }

    #[test]
    fn a_lone_br_line_ends_at_its_line() {
        assert_eq!(
            contexts("#### h\n<br/>\ntext <br/>\nmore\n"),
            ["flow", "prose"]
        );
        assert_eq!(
            contexts("## a\n<br/>\n<br />\nx<br/>\ny\n"),
            ["flow", "flow", "prose"]
        );
        assert_eq!(
            contexts("- a\n\n  <br/>\n  b<br/>\n  c\n"),
            ["flow", "prose"]
        );
        assert_eq!(
            contexts("> <br class=\"한\">\n> b<br/>\n"),
            ["flow", "prose"]
        );
        let md = read_mdx("# t\n<br/>\n[l](/x) and ![i](/y.png)\n");
        assert_eq!(md.links[0].dest, "/x");
        assert_eq!(md.images[0].src, "/y.png");
    }

    #[test]
    fn br_contexts_follow_mdx_blocks() {
        assert_eq!(contexts("<div>\ntext<br />\nmore\n</div>\n"), ["prose"]);
        assert_eq!(contexts("<div>\n  <br />\n</div>\n"), ["flow"]);
        assert_eq!(contexts("text\n<br />\n"), ["flow"]);
        assert_eq!(contexts("<div><br /></div>\n"), ["flow"]);
        let md = read_mdx("<img src=\"x.png\" style={{a: 1}} /> caption<br />\nnext\n");
        assert!(matches!(md.brs[0].context, BrContext::Text { .. }));
    }

    #[test]
    fn bundled_images() {
        let md = read_mdx(
            "import Pic from './pic.png';\nimport Link from '@docusaurus/Link';\n\n<img \
             src={require('./chart.png').default} alt=\"c\" />\n<img src={useBaseUrl('/img/u.png')} />\n",
        );
        let found: Vec<_> = md.images.iter().map(|i| (i.src.as_str(), i.kind)).collect();
        assert_eq!(
            found,
            [
                ("./pic.png", RefKind::Bundled),
                ("./chart.png", RefKind::Bundled),
                ("/img/u.png", RefKind::Html)
            ]
        );
    }

    #[test]
    fn heading_ids_from_comments_and_legacy_syntax() {
        let md = read_mdx("## 로그 수집 {/* #log-collection */}\n\n## Deploy {#deploy}\n\n## [덮어쓰기 ](https://x.y)\n");
        let ids: Vec<_> = md.headings.iter().map(|h| h.explicit_id.clone()).collect();
        assert_eq!(
            ids,
            [Some("log-collection".into()), Some("deploy".into()), None]
        );
        assert_eq!(md.headings[0].text.trim_end(), "로그 수집");
        assert_eq!(md.headings[2].text, "덮어쓰기 ");
        assert!(md.syntax_errors.is_empty());
    }

    #[test]
    fn what_mdx_refuses() {
        let errors = |body: &str, compat: Mdx1Compat| -> Vec<String> {
            let options = ParseOptions {
                mdx1: compat,
                ..ParseOptions::default()
            };
            read(body, 0, &options)
                .syntax_errors
                .into_iter()
                .map(|e| body[e.span.start..e.span.end].to_string())
                .collect()
        };
        let on = Mdx1Compat::default();
        let off = Mdx1Compat {
            comments: false,
            heading_ids: false,
        };
        assert_eq!(errors("a<br>\nb\n", on), ["<br>"]);
        assert!(errors("a<br />\nb <br></br>\n", on).is_empty());
        assert_eq!(errors("<img src=\"x\">\n", on), ["<img src=\"x\">"]);
        assert_eq!(errors("see <https://x.com>\n", on), ["<https://x.com>"]);
        assert_eq!(errors("1 <2 and a <= b\n", on), ["<2", "<="]);
        assert!(errors("a < b, `<b` and\n\n```\n<br>\n```\n", on).is_empty());
        assert!(errors("<!-- x -->\n\n## T {#id}\n", on).is_empty());
        assert_eq!(errors("<!-- x -->\n\n## T {#id}\n", off), ["<!--", "{#id}"]);
        assert!(errors("## T {/* #id */}\n", off).is_empty());
        assert_eq!(errors("x</br>\n", on), ["</br>"]);
        assert_eq!(errors("a<br>\nb\n\nc</br>\n", on), ["<br>", "</br>"]);
    }
}
