//! The goldmark front end (Hugo): the shortcodes replaced first as Hugo replaces them
//! (`shortcodes.rs`), then one CommonMark + GFM pass with goldmark's heading text, and the inner
//! content of each `{{< >}}` pair read on its own for its links and images, as the shortcode's
//! template renders it apart from the page.

use super::commonmark::{self, HeadingText};
use super::model::Markdown;
use super::shortcodes;
use super::ParseOptions;
use crate::source::Span;

/// How deep `{{< >}}` pairs inside pairs are read; deeper content is not checked.
const MAX_NESTING: usize = 8;

/// Reads `body` (the file text after the front matter, whose first byte is at `base` in the
/// file).
pub(super) fn read(body: &str, base: usize, options: &ParseOptions) -> Markdown {
    let mut md = read_nested(body, base, 0);
    md.breaks = options.breaks;
    md.index_regions();
    md
}

fn read_nested(body: &str, base: usize, depth: usize) -> Markdown {
    let masked = shortcodes::mask(body);
    let mut md = commonmark::parse_as(
        masked.text.as_deref().unwrap_or(body),
        base,
        HeadingText::Goldmark,
    );
    let shift = |s: &Span| s.shifted(base);
    md.code.extend(masked.code.iter().map(shift));
    md.template_skipped = masked.skipped.iter().map(shift).collect();
    md.template_tags = masked.tags;
    for tag in &mut md.template_tags {
        tag.span = tag.span.shifted(base);
    }
    if depth < MAX_NESTING && !masked.inners.is_empty() {
        for inner in &masked.inners {
            let Some(text) = body.get(inner.start..inner.end) else {
                continue;
            };
            merge_inner(&mut md, read_nested(text, base + inner.start, depth + 1));
        }
        md.links.sort_by_key(|l| l.span.start);
        md.images.sort_by_key(|i| i.span.start);
        md.template_tags.sort_by_key(|t| t.span.start);
    }
    md
}

/// What a shortcode's inner content adds to the page: its links, images, anchors and template
/// calls. Its headings, `<br>` tags and references are the template's to render, if it does.
fn merge_inner(md: &mut Markdown, inner: Markdown) {
    md.links.extend(inner.links);
    md.images.extend(inner.images);
    md.html_ids.extend(inner.html_ids);
    md.code.extend(inner.code);
    md.template_tags.extend(inner.template_tags);
    md.template_skipped.extend(inner.template_skipped);
    md.over_limit |= inner.over_limit;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_body(body: &str) -> Markdown {
        read(body, 0, &ParseOptions::default())
    }

    #[test]
    fn shortcodes_keep_lists_and_definitions() {
        let md = read_body(
            "- a\n{{< kbd K >}}\n- b\n\n[x][d] [y][e]\n\n[d]: /p/{{< param x >}}/\n[e]: /gone/\n",
        );
        assert!(md.undefined_references.is_empty());
        let dests: Vec<&str> = md.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests.len(), 2);
        assert_eq!(dests[1], "/gone/");
    }

    #[test]
    fn links_inside_angle_pairs_are_read_apart() {
        let body =
            "Intro\n\n{{< details \"More\" >}}\nSee [the guide](/guide/).\n{{< /details >}}\n";
        let md = read_body(body);
        assert_eq!(md.links.len(), 1);
        let link = &md.links[0];
        assert_eq!(&body[link.dest_span.start..link.dest_span.end], "/guide/");
    }

    #[test]
    fn heading_text_as_goldmark_reads_it() {
        let md = read_body(
            "## <i class=\"fa\"></i> Read <https://x.org> me\n\nSetext one\nline two\n===\n",
        );
        assert_eq!(md.headings[0].text, "Read  me");
        assert_eq!(md.headings[1].text, "line two");
    }
}
