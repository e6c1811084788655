//! Generator syntax that is not Markdown: MDX ESM and `{/* */}` comments, Hugo shortcodes.
//! Such regions are blanked out (every byte becomes a space, newlines kept) before the
//! Markdown parse, so offsets stay the same and none of it reads as prose. (Jekyll's Liquid is
//! the kramdown front end's, `liquid.rs`.)

use super::model::TemplateTag;
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// The template syntax a post may contain, which its dialect's generator expands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Templates {
    None,
    /// MDX ESM (`import`/`export`) and `{/* */}` comments.
    Mdx,
    /// Hugo shortcodes.
    HugoShortcodes,
}

#[derive(Debug, Default)]
pub(crate) struct Masked {
    /// The body with template regions blanked; `None` when nothing was blanked.
    pub text: Option<String>,
    /// Regions that render as code (`{% highlight %}`, `{{< highlight >}}`).
    pub code: Vec<Span>,
    /// Every blanked region.
    pub skipped: Vec<Span>,
    pub tags: Vec<TemplateTag>,
}

/// Blanks the template regions of `body` (which starts at `base` in the file).
pub(crate) fn mask(body: &str, base: usize, templates: Templates) -> Masked {
    let mut out = Masked::default();
    match templates {
        Templates::None => {}
        Templates::Mdx => mask_mdx(body, &mut out),
        Templates::HugoShortcodes => {
            if body.contains("{{") {
                mask_shortcodes(body, &mut out);
            }
        }
    }
    if out.skipped.is_empty() {
        return out;
    }
    let mut bytes = body.as_bytes().to_vec();
    for span in &out.skipped {
        for b in &mut bytes[span.start..span.end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Only whole UTF-8 sequences inside spans were replaced by ASCII, so this cannot fail;
    // fall back to the original text rather than panic if it ever did.
    out.text = String::from_utf8(bytes).ok();
    for span in out.skipped.iter_mut().chain(out.code.iter_mut()) {
        *span = span.shifted(base);
    }
    for tag in &mut out.tags {
        tag.span = tag.span.shifted(base);
    }
    out
}

/// Lines of `body` with their offsets, skipping fenced code blocks.
fn lines_outside_fences(body: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let marker = trimmed.bytes().next().filter(|b| *b == b'`' || *b == b'~');
        let run = marker.map_or(0, |m| trimmed.bytes().take_while(|b| *b == m).count());
        match (fence, marker) {
            (None, Some(m)) if indent < 4 && run >= 3 => fence = Some((m, run)),
            (Some((fm, flen)), Some(m))
                if m == fm && run >= flen && trimmed[run..].trim().is_empty() =>
            {
                fence = None
            }
            (None, _) => lines.push((offset, line)),
            _ => {}
        }
        offset += line.len();
    }
    lines
}

fn mask_mdx(body: &str, out: &mut Masked) {
    let has_esm = body.starts_with("import ")
        || body.starts_with("export ")
        || body.contains("\nimport ")
        || body.contains("\nexport ");
    if has_esm {
        mask_esm(body, out);
    }
    if body.contains("{/*") {
        for m in JSX_COMMENT.find_iter(body) {
            out.skipped.push(Span::new(m.start(), m.end()));
        }
    }
}

static JSX_COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)\{/\*.*?\*/\}").expect("valid regex"));

/// ESM blocks: from an `import`/`export` line at the start of a line to the next blank line.
fn mask_esm(body: &str, out: &mut Masked) {
    let mut in_esm = false;
    for (offset, line) in lines_outside_fences(body) {
        let starts_esm = line.starts_with("import ") || line.starts_with("export ");
        if starts_esm || (in_esm && !line.trim().is_empty()) {
            in_esm = true;
            out.skipped.push(Span::new(offset, offset + line.len()));
        } else {
            in_esm = false;
        }
    }
}

/// For each of `len` items, the first later item for which `is` holds: found in one pass from
/// the end, so that many unclosed openers cost no more than closed ones.
fn next_where(len: usize, is: impl Fn(usize) -> bool) -> Vec<Option<usize>> {
    let mut next = vec![None; len];
    let mut found = None;
    for i in (0..len).rev() {
        next[i] = found;
        if is(i) {
            found = Some(i);
        }
    }
    next
}

static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)\{\{([<%])-?\s*(/?)\s*([A-Za-z0-9_./-]+)(.*?)-?\s*([>%])\}\}")
        .expect("valid regex")
});

fn mask_shortcodes(body: &str, out: &mut Masked) {
    let tags: Vec<_> = SHORTCODE.captures_iter(body).collect();
    let next_close = next_where(tags.len(), |i| {
        tags[i].get(2).is_some_and(|m| !m.as_str().is_empty())
            && tags[i].get(3).is_some_and(|m| m.as_str() == "highlight")
    });
    let mut i = 0;
    while i < tags.len() {
        let t = &tags[i];
        let whole = t.get(0).map_or(0..0, |m| m.range());
        let closing = t.get(2).is_some_and(|m| !m.as_str().is_empty());
        let name = t.get(3).map_or("", |m| m.as_str());
        let args = t.get(4).map_or("", |m| m.as_str()).trim();
        let self_closed = args.ends_with('/');
        if !closing && !self_closed && name == "highlight" {
            if let Some(j) = next_close[i] {
                let end_tag = tags[j].get(0).map_or(whole.end, |m| m.end());
                let span = Span::new(whole.start, end_tag);
                out.skipped.push(span);
                out.code.push(span);
                i = j + 1;
                continue;
            }
        }
        out.skipped.push(Span::new(whole.start, whole.end));
        if !closing {
            out.tags.push(TemplateTag {
                name: name.to_string(),
                args: args.trim_end_matches('/').trim().to_string(),
                span: Span::new(whole.start, whole.end),
            });
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mdx_imports_and_comments_are_blanked() {
        let body = "import Tabs from '@theme/Tabs';\n\n{/* note <br> */}\ntext <br>\n";
        let masked = mask(body, 0, Templates::Mdx);
        let text = masked.text.unwrap();
        assert_eq!(text.len(), body.len());
        assert!(!text.contains("import"));
        assert!(!text.contains("note"));
        assert!(text.contains("text <br>"));
    }

    #[test]
    fn hugo_shortcodes() {
        let body = "{{< ref \"post.md\" >}} {{% note %}}*x*{{% /note %}}";
        let masked = mask(body, 0, Templates::HugoShortcodes);
        assert_eq!(masked.tags.len(), 2);
        assert!(masked.text.unwrap().contains("*x*"));
    }
}
