//! The document model: one read, one parse per post, shared by every rule.

pub mod br;
pub mod directives;
pub mod front_matter;
pub mod html;
pub mod markdown;
pub mod slug;
pub mod template;

use crate::source::{lone_cr_as_lf, SourceFile, Span, SpanSet};
use directives::{Directive, Suppressions};
use front_matter::FrontMatter;
use markdown::Markdown;
use std::collections::HashSet;
use template::{Flavor, TemplateTag};

#[derive(Debug)]
pub struct Document {
    pub source: SourceFile,
    pub front_matter: Option<FrontMatter>,
    /// Where the Markdown body starts (after the front matter block).
    pub body_start: usize,
    pub markdown: Markdown,
    /// Template tags found in the body (`{% post_url %}`, `{{< ref >}}`, …).
    pub template_tags: Vec<TemplateTag>,
    /// Template regions that were not parsed as Markdown.
    pub template_skipped: Vec<Span>,
    /// `template_skipped` merged, for overlap tests.
    pub template_skipped_set: SpanSet,
    /// The template regions that hide what they hold (comments, highlight blocks: the skipped
    /// regions that are not a tag's own span).
    pub template_hidden: SpanSet,
    pub suppressions: Suppressions,
    pub directives: Vec<Directive>,
}

impl Document {
    /// Parses a post. Lines may end in `\n`, `\r\n` or a lone `\r`: the parsers read a copy
    /// in which a lone `\r` is a `\n` (same offsets), while the text kept (and fixed) is the
    /// file's own.
    pub fn parse(source: SourceFile, flavor: Flavor) -> Self {
        let lines = lone_cr_as_lf(&source.text);
        let text: &str = &lines;
        let front_matter = front_matter::parse(text, flavor.toml_front_matter);
        let body_start = match &front_matter {
            Some(fm) if fm.error.is_none() || fm.span.end < text.len() => fm.span.end,
            // An unterminated block: parse the rest as Markdown, as the generator would.
            Some(fm) => fm.span.start,
            None => 0,
        };
        let body = &text[body_start..];
        let masked = template::mask(body, body_start, flavor);
        let mut markdown = markdown::parse(
            masked.text.as_deref().unwrap_or(body),
            body_start,
            flavor.mdx,
        );
        markdown.code.extend(masked.code.iter().copied());
        markdown.index_code();
        let mut code = markdown.code.clone();
        code.extend(masked.skipped.iter().copied());
        let (suppressions, directives) = Suppressions::parse(text, &SpanSet::new(code));
        let tag_spans: HashSet<Span> = masked.tags.iter().map(|t| t.span).collect();
        let template_hidden = SpanSet::new(
            masked
                .skipped
                .iter()
                .copied()
                .filter(|s| !tag_spans.contains(s)),
        );
        drop(lines);
        Self {
            source,
            front_matter,
            body_start,
            markdown,
            template_tags: masked.tags,
            template_skipped_set: SpanSet::new(masked.skipped.iter().copied()),
            template_skipped: masked.skipped,
            template_hidden,
            suppressions,
            directives,
        }
    }

    /// Why the post's body was not checked, when it went over a ceiling of [`crate::limits`].
    pub fn over_limit(&self) -> Option<String> {
        use crate::limits::{MAX_DIRECTIVES, MAX_MARKDOWN_EVENTS};
        if self.markdown.over_limit {
            Some(format!(
                "the post has more than {MAX_MARKDOWN_EVENTS} Markdown elements, more than \
                 postlint checks in one post"
            ))
        } else if self.suppressions.over_limit {
            Some(format!(
                "the post has more than {MAX_DIRECTIVES} `postlint-disable` comments, more than \
                 postlint honours in one post"
            ))
        } else {
            None
        }
    }

    pub fn text(&self) -> &str {
        &self.source.text
    }

    /// The parsed front matter mapping, if the post has a valid one.
    pub fn front_matter_root(&self) -> Option<&front_matter::FmNode> {
        self.front_matter.as_ref().and_then(|fm| fm.root.as_ref())
    }

    /// Whether the body has a level-1 heading (which generators use as the title).
    pub fn has_h1(&self) -> bool {
        self.markdown.headings.iter().any(|h| h.level == 1)
    }

    pub fn is_mdx(&self) -> bool {
        self.source
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("mdx"))
    }
}
