//! Jekyll's Liquid, which renders a post before kramdown reads it: what each construct leaves
//! in its place. A tag that prints text (`{{ … }}`, `{% post_url %}`, `{% link %}`, an
//! `{% include %}` inside a line) becomes a placeholder of the same length without blanks, so a
//! link destination or a reference definition built with it stays one; a tag that prints
//! nothing (`{% if %}`, `{% assign %}`, an `{% include %}` on a line of its own) becomes blanks;
//! `{% comment %}` blocks vanish, `{% highlight %}` blocks are code, and inside
//! `{% raw %}…{% endraw %}` nothing is Liquid. Offsets never move.

use super::model::TemplateTag;
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

/// What the placeholder of a printing tag is made of.
const PLACEHOLDER: u8 = b'x';

#[derive(Debug, Default)]
pub(crate) struct Rendered {
    /// The body as kramdown would see it; `None` when it holds no Liquid.
    pub(crate) text: Option<String>,
    /// `{% highlight %}` blocks: code.
    pub(crate) code: Vec<Span>,
    /// Tags and blocks that are not Markdown (comments, highlight blocks, every `{% %}` tag).
    pub(crate) skipped: Vec<Span>,
    /// Every `{% %}` tag outside comments and raw blocks.
    pub(crate) tags: Vec<TemplateTag>,
    /// Regions replaced by a placeholder (printing tags and `{{ }}` output): what is written
    /// there is only known from the file.
    pub(crate) placeholders: Vec<Span>,
}

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)\{%-?\s*([a-z_]+)\b(.*?)-?%\}|\{\{-?.*?-?\}\}").expect("valid regex")
});

/// Renders the Liquid of `body` (whose first byte is at `base` in the file) the way it matters
/// to kramdown.
pub(crate) fn render(body: &str, base: usize) -> Rendered {
    let mut out = Rendered::default();
    if !body.contains("{%") && !body.contains("{{") {
        return out;
    }
    let mut bytes = body.as_bytes().to_vec();
    let matches: Vec<regex::Captures<'_>> = TAG.captures_iter(body).collect();
    let name_of = |i: usize| matches[i].get(1).map_or("", |m| m.as_str());
    let next_end = |from: usize, end: &str| (from + 1..matches.len()).find(|&j| name_of(j) == end);
    let mut i = 0;
    while i < matches.len() {
        let whole = matches[i].get(0).map_or(0..0, |m| m.range());
        let name = name_of(i);
        if name.is_empty() {
            // `{{ … }}`: prints text.
            if body[whole.clone()].contains('\n') {
                blank(&mut bytes, whole.clone());
            } else {
                fill(&mut bytes, whole.clone());
                out.placeholders.push(Span::new(whole.start, whole.end));
            }
            i += 1;
            continue;
        }
        let closer = match name {
            "comment" => next_end(i, "endcomment"),
            "highlight" => next_end(i, "endhighlight"),
            "raw" => next_end(i, "endraw"),
            _ => None,
        };
        if let Some(j) = closer {
            let end_tag = matches[j].get(0).map_or(whole.clone(), |m| m.range());
            match name {
                "raw" => {
                    // The tags go; what is between them is printed as written.
                    for range in [whole.clone(), end_tag.clone()] {
                        blank(&mut bytes, range.clone());
                        out.skipped.push(Span::new(range.start, range.end));
                    }
                }
                _ => {
                    let span = Span::new(whole.start, end_tag.end);
                    blank(&mut bytes, whole.start..end_tag.end);
                    out.skipped.push(span);
                    if name == "highlight" {
                        out.code.push(span);
                    }
                }
            }
            i = j + 1;
            continue;
        }
        let args = matches[i]
            .get(2)
            .map_or("", |m| m.as_str())
            .trim()
            .to_string();
        let span = Span::new(whole.start, whole.end);
        out.skipped.push(span);
        out.tags.push(TemplateTag {
            name: name.to_string(),
            args,
            span,
            markdown: false,
        });
        let prints = match name {
            "post_url" | "link" => true,
            "include" | "include_relative" => !alone_on_line(body, whole.clone()),
            _ => false,
        };
        if prints && !body[whole.clone()].contains('\n') {
            fill(&mut bytes, whole.clone());
            out.placeholders.push(span);
        } else {
            blank(&mut bytes, whole);
        }
        i += 1;
    }
    // Only whole UTF-8 sequences inside matches were replaced by ASCII, so this cannot fail;
    // fall back to the original text rather than panic if it ever did.
    out.text = String::from_utf8(bytes).ok();
    for span in out
        .skipped
        .iter_mut()
        .chain(out.code.iter_mut())
        .chain(out.placeholders.iter_mut())
    {
        *span = span.shifted(base);
    }
    for tag in &mut out.tags {
        tag.span = tag.span.shifted(base);
    }
    out
}

fn blank(bytes: &mut [u8], range: std::ops::Range<usize>) {
    for b in &mut bytes[range] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

fn fill(bytes: &mut [u8], range: std::ops::Range<usize>) {
    for b in &mut bytes[range] {
        *b = PLACEHOLDER;
    }
}

/// Whether nothing but blanks stands beside `range` on its line.
fn alone_on_line(body: &str, range: std::ops::Range<usize>) -> bool {
    let line_start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = body[range.end..]
        .find('\n')
        .map_or(body.len(), |i| range.end + i);
    body[line_start..range.start].trim().is_empty() && body[range.end..line_end].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printing_tags_keep_destinations_whole() {
        let body = "[a]({% post_url 2024-01-01-x %}) {{ site.baseurl }}\n\
                    [d]: {% post_url y %}\n{% if x %}\n{% include a.html %}\n";
        let r = render(body, 5);
        let text = r.text.unwrap();
        assert_eq!(text.len(), body.len());
        assert!(text.starts_with("[a](xxxxxxxx"));
        assert!(text.contains(") xxxxxxxxxxxxxxxxxx\n"));
        assert!(text.contains("[d]: xxxx"));
        assert!(text.contains("\n          \n"));
        assert_eq!(r.tags.len(), 4);
        assert_eq!(r.tags[0].name, "post_url");
        assert_eq!(r.tags[0].span.start, 9);
        assert_eq!(r.placeholders.len(), 3);
    }

    #[test]
    fn comments_highlight_and_raw() {
        let body = "{% comment %}[x](y){% endcomment %}\n{% highlight ruby %}\n<br>\n\
                    {% endhighlight %}\n{% raw %}{{ a }}<br>{% endraw %}\n";
        let r = render(body, 0);
        let text = r.text.unwrap();
        assert!(!text.contains("[x](y)"));
        assert!(!text.contains("\n<br>\n"));
        assert!(text.contains("{{ a }}<br>"));
        assert_eq!(r.code.len(), 1);
        assert!(r.tags.is_empty());
    }
}
