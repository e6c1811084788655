//! Generator syntax that is not Markdown: MDX ESM and `{/* */}` comments, Jekyll Liquid tags
//! (Hugo shortcodes are the goldmark front end's: `shortcodes.rs`). Such regions are blanked out (every byte becomes a space, newlines kept)
//! before the Markdown parse, so offsets stay the same and none of it reads as prose.

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
    /// Jekyll Liquid tags and output.
    Liquid,
}

#[derive(Debug, Default)]
pub(crate) struct Masked {
    /// The body with template regions blanked; `None` when nothing was blanked.
    pub text: Option<String>,
    /// Regions that render as code (`{% highlight %}`).
    pub code: Vec<Span>,
    /// Every blanked region.
    pub skipped: Vec<Span>,
    pub tags: Vec<TemplateTag>,
    /// Liquid output (`{{ site.baseurl }}`) at the start of a link destination, whose blanks
    /// were turned into `.` so the Markdown parser still sees a link; read the original text
    /// at the destination's span to get the expression back.
    pub joined: Vec<Span>,
}

/// Blanks the template regions of `body` (which starts at `base` in the file).
pub(crate) fn mask(body: &str, base: usize, templates: Templates) -> Masked {
    let mut out = Masked::default();
    match templates {
        Templates::None => {}
        Templates::Mdx => mask_mdx(body, &mut out),
        Templates::Liquid => {
            if body.contains("{%") {
                mask_liquid(body, &mut out);
            }
            if body.contains("{{") {
                join_liquid_destinations(body, &mut out);
            }
        }
    }
    if out.skipped.is_empty() && out.joined.is_empty() {
        return out;
    }
    let mut bytes = body.as_bytes().to_vec();
    for span in &out.joined {
        for b in &mut bytes[span.start..span.end] {
            if *b == b' ' || *b == b'\t' {
                *b = b'.';
            }
        }
    }
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
    for span in out
        .skipped
        .iter_mut()
        .chain(out.code.iter_mut())
        .chain(out.joined.iter_mut())
    {
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

static LIQUID_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)\{%-?\s*([a-z_]+)\b(.*?)-?%\}").expect("valid regex"));

fn mask_liquid(body: &str, out: &mut Masked) {
    let tags: Vec<_> = LIQUID_TAG.captures_iter(body).collect();
    let name_of = |i: usize| tags[i].get(1).map_or("", |m| m.as_str());
    let next_endcomment = next_where(tags.len(), |i| name_of(i) == "endcomment");
    let next_endhighlight = next_where(tags.len(), |i| name_of(i) == "endhighlight");
    let mut i = 0;
    while i < tags.len() {
        let whole = tags[i].get(0).map_or(0..0, |m| m.range());
        let name = name_of(i);
        let args = tags[i].get(2).map_or("", |m| m.as_str()).trim().to_string();
        let closer = match name {
            "comment" => next_endcomment[i],
            "highlight" => next_endhighlight[i],
            _ => None,
        };
        if let Some(j) = closer {
            let end_tag = tags[j].get(0).map_or(whole.end, |m| m.end());
            let span = Span::new(whole.start, end_tag);
            out.skipped.push(span);
            if name == "highlight" {
                out.code.push(span);
            }
            i = j + 1;
            continue;
        }
        out.skipped.push(Span::new(whole.start, whole.end));
        out.tags.push(TemplateTag {
            name: name.to_string(),
            args,
            span: Span::new(whole.start, whole.end),
            markdown: false,
        });
        i += 1;
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

/// `](` or `]:` followed by Liquid output: `[a]({{ site.baseurl }}/a.png)`,
/// `[ref]: {{ "/a.png" | relative_url }}`.
static LIQUID_DESTINATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\]\(|\]:[ \t]*)<?((?:\{\{[^{}\n]*\}\})+)").expect("valid regex")
});

/// Blanks inside Liquid output at the start of a link destination would end the destination
/// for a CommonMark parser, though Jekyll renders the Liquid before the Markdown.
fn join_liquid_destinations(body: &str, out: &mut Masked) {
    for caps in LIQUID_DESTINATION.captures_iter(body) {
        if let Some(m) = caps.get(1).filter(|m| m.as_str().contains([' ', '\t'])) {
            out.joined.push(Span::new(m.start(), m.end()));
        }
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
    fn liquid_highlight_is_code_and_tags_are_recorded() {
        let body =
            "a {% post_url 2022-11-10-x %}\n{% highlight ruby %}\n<br>\n{% endhighlight %}\n";
        let masked = mask(body, 10, Templates::Liquid);
        assert_eq!(masked.tags[0].name, "post_url");
        assert_eq!(masked.tags[0].args, "2022-11-10-x");
        assert_eq!(masked.code.len(), 1);
        assert!(!masked.text.unwrap().contains("<br>"));
    }

    #[test]
    fn liquid_output_in_destinations_keeps_the_link() {
        let body =
            "![a]({{ site.baseurl }}/x.png) {{ page.title }}\n\n[r]: {{ '/y' | relative_url }}\n";
        let masked = mask(body, 0, Templates::Liquid);
        let text = masked.text.unwrap();
        assert_eq!(text.len(), body.len());
        assert!(text.contains("({{.site.baseurl.}}/x.png)"));
        assert!(text.contains(" {{ page.title }}"));
        assert!(text.contains("[r]: {{.'/y'.|.relative_url.}}"));
    }
}
