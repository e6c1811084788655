//! Hugo shortcodes, replaced before block parsing the way Hugo replaces them, so that the
//! Markdown around them is split into blocks as goldmark splits it.
//!
//! Hugo renders every `{{< name >}}` call — with its inner content and closing tag when it has
//! them — into a placeholder token (`HAHAHUGOSHORTCODE-s0-HBHB`) that goldmark reads as a word
//! of text, and puts the output in its place after goldmark has run. So a call on its own line
//! is a line of text, which continues a paragraph or a list item instead of ending it, and a
//! call inside a link destination keeps the destination (and the definition it is in) valid.
//! The output of a `{{% name %}}` call is Markdown inserted before goldmark runs: postlint cannot
//! run the template, so a call standing on its own lines (a block, as such output is) reads as
//! blank lines there, and a call inside a line as a word; the inner content of a `{{% %}}` pair
//! stays in the page, as the usual `{{ .Inner }}` puts it there.
//!
//! Every byte of a replaced region keeps its offset: the placeholder is `X` repeated over the
//! region (line breaks included, as Hugo's token has none), a blanked call is spaces with its
//! line breaks kept.

use super::model::TemplateTag;
use crate::source::Span;
use regex::Regex;
use std::sync::LazyLock;

static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)\{\{([<%])-?\s*(/?)\s*([A-Za-z0-9_.][A-Za-z0-9_./-]*)(.*?)-?\s*([>%])\}\}")
        .expect("valid regex")
});

/// A shortcode whose inner content is code, never Markdown.
const CODE_SHORTCODES: &[&str] = &["highlight"];

/// What masking the shortcodes of a body found. Spans are relative to the body.
#[derive(Debug, Default)]
pub(crate) struct Masked {
    /// The body with the shortcodes replaced; `None` when it has none.
    pub(crate) text: Option<String>,
    /// Every replaced region.
    pub(crate) skipped: Vec<Span>,
    /// Regions that render as code (`{{< highlight >}}` with its content).
    pub(crate) code: Vec<Span>,
    /// The calls outside `{{< >}}` pairs, with their arguments.
    pub(crate) tags: Vec<TemplateTag>,
    /// The inner content of each outermost `{{< >}}` pair (but code ones): Hugo hands it to
    /// the shortcode's template, which usually renders it as Markdown of its own.
    pub(crate) inners: Vec<Span>,
}

/// One shortcode delimiter pair found in the body.
struct Call<'t> {
    span: Span,
    /// `{{% %}}`: the output is Markdown read with the page.
    markdown: bool,
    closing: bool,
    self_closed: bool,
    name: &'t str,
    args: &'t str,
}

fn calls(body: &str) -> Vec<Call<'_>> {
    SHORTCODE
        .captures_iter(body)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let args = c.get(4).map_or("", |m| m.as_str()).trim();
            Some(Call {
                span: Span::new(whole.start(), whole.end()),
                markdown: c.get(1).is_some_and(|m| m.as_str() == "%"),
                closing: c.get(2).is_some_and(|m| !m.as_str().is_empty()),
                self_closed: args.ends_with('/'),
                name: c.get(3).map_or("", |m| m.as_str()),
                args,
            })
        })
        .collect()
}

/// For each call, the index of the call that closes it: the nearest earlier unclosed opening
/// call of the same name, as Hugo pairs them (calls left open in between take no inner content).
fn pairs(calls: &[Call<'_>]) -> Vec<Option<usize>> {
    let mut closer = vec![None; calls.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, call) in calls.iter().enumerate() {
        if call.closing {
            if let Some(at) = open.iter().rposition(|&o| calls[o].name == call.name) {
                closer[open[at]] = Some(i);
                open.truncate(at);
            }
        } else if !call.self_closed {
            open.push(i);
        }
    }
    closer
}

/// Replaces the shortcodes of `body` the way Hugo does before goldmark reads it.
pub(crate) fn mask(body: &str) -> Masked {
    let mut out = Masked::default();
    if !body.contains("{{") {
        return out;
    }
    let calls = calls(body);
    if calls.is_empty() {
        return out;
    }
    let closer = pairs(&calls);
    let mut placeholders: Vec<Span> = Vec::new();
    let mut blanks: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < calls.len() {
        let call = &calls[i];
        if !call.closing {
            out.tags.push(TemplateTag {
                name: call.name.to_string(),
                args: call.args.trim_end_matches('/').trim().to_string(),
                span: call.span,
                markdown: call.markdown,
            });
        }
        let code = CODE_SHORTCODES.contains(&call.name);
        match closer[i] {
            // A `{{< >}}` pair is one placeholder; its content is parsed on its own.
            Some(j) if !call.markdown || code => {
                let region = Span::new(call.span.start, calls[j].span.end);
                if code {
                    out.code.push(region);
                } else if calls[j].span.start > call.span.end {
                    out.inners
                        .push(Span::new(call.span.end, calls[j].span.start));
                }
                if call.markdown {
                    blanks.push(region);
                } else {
                    placeholders.push(region);
                }
                out.skipped.push(region);
                i = j + 1;
                continue;
            }
            _ => {}
        }
        if call.markdown && stands_alone(body, call.span) {
            blanks.push(call.span);
        } else {
            placeholders.push(call.span);
        }
        out.skipped.push(call.span);
        i += 1;
    }
    let mut bytes = body.as_bytes().to_vec();
    for span in placeholders {
        bytes[span.start..span.end].fill(b'X');
    }
    for span in blanks {
        for b in &mut bytes[span.start..span.end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Whole UTF-8 sequences inside the regions became ASCII, so this cannot fail; keep the
    // original text rather than panic if it ever did.
    out.text = String::from_utf8(bytes).ok();
    out
}

/// Whether nothing but blanks shares the lines of `span`.
fn stands_alone(body: &str, span: Span) -> bool {
    let line_start = body[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = body[span.end..]
        .find(['\n', '\r'])
        .map_or(body.len(), |i| span.end + i);
    body[line_start..span.start].trim().is_empty() && body[span.end..line_end].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(body: &str) -> String {
        mask(body).text.unwrap_or_else(|| body.to_string())
    }

    #[test]
    fn angle_calls_become_one_word() {
        let call = "{{< kbd \"K\" >}}";
        let x = "X".repeat(call.len());
        assert_eq!(
            masked(&format!("- a\n{call}\n- b\n")),
            format!("- a\n{x}\n- b\n")
        );
        let call = "{{< param \"x\" >}}";
        let x = "X".repeat(call.len());
        assert_eq!(
            masked(&format!("[d]: /p/{call}/\n")),
            format!("[d]: /p/{x}/\n")
        );
    }

    #[test]
    fn pairs_take_their_content() {
        let body = "{{< note >}}\n[a](b.md)\n{{< /note >}}\n";
        let m = mask(body);
        assert_eq!(m.text, Some(format!("{}\n", "X".repeat(body.len() - 1))));
        assert_eq!(&body[m.inners[0].start..m.inners[0].end], "\n[a](b.md)\n");
        assert_eq!(m.tags.len(), 1);
    }

    #[test]
    fn highlight_is_code() {
        let body = "1. x\n\n   {{< highlight yaml >}}\n   a: <br>\n   {{< /highlight >}}\n";
        let m = mask(body);
        assert_eq!(m.code.len(), 1);
        assert!(m.inners.is_empty());
        assert!(!m.text.unwrap().contains("<br>"));
    }

    #[test]
    fn percent_calls_blank_on_their_lines_and_keep_their_content() {
        let body = "{{% notice %}}\n- *x*\n{{% /notice %}}\nsee {{% param y %}} here\n";
        let text = masked(body);
        assert!(text.starts_with("              \n- *x*\n               \n"));
        let x = "X".repeat("{{% param y %}}".len());
        assert!(text.contains(&format!("see {x} here")));
        assert_eq!(mask(body).tags.iter().filter(|t| t.markdown).count(), 2);
    }

    #[test]
    fn unclosed_calls_inside_a_pair_are_its_content() {
        let calls_text = "{{< a >}}{{< b >}}{{< /a >}}{{< b >}}";
        let c = calls(calls_text);
        assert_eq!(pairs(&c), [Some(2), None, None, None]);
    }

    #[test]
    fn comments_are_not_calls() {
        assert!(mask("{{</* x */>}}").text.is_none());
    }
}
