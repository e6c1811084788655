//! Generator syntax that is not Markdown: Jekyll Liquid tags (MDX and Hugo shortcodes have front
//! ends of their own, `mdx.rs` and `goldmark.rs`). Such regions are blanked out (every byte
//! becomes a space, newlines kept)
//! before the Markdown parse, so offsets stay the same and none of it reads as prose.

use super::model::TemplateTag;
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// The template syntax a post may contain, which its dialect's generator expands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Templates {
    None,
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
