//! The document model: one read, one parse per post, shared by every rule.

pub mod br;
pub mod directives;
pub mod front_matter;
pub mod html;
pub mod markdown;
pub mod slug;
pub mod template;

use crate::source::{SourceFile, Span};
use directives::{Directive, Suppressions};
use front_matter::FrontMatter;
use markdown::Markdown;
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
    pub suppressions: Suppressions,
    pub directives: Vec<Directive>,
}

impl Document {
    pub fn parse(source: SourceFile, flavor: Flavor) -> Self {
        let front_matter = front_matter::parse(&source.text, flavor.toml_front_matter);
        let body_start = match &front_matter {
            Some(fm) if fm.error.is_none() || fm.span.end < source.text.len() => fm.span.end,
            // An unterminated block: parse the rest as Markdown, as the generator would.
            Some(fm) => fm.span.start,
            None => 0,
        };
        let body = &source.text[body_start..];
        let masked = template::mask(body, body_start, flavor);
        let mut markdown = markdown::parse(
            masked.text.as_deref().unwrap_or(body),
            body_start,
            flavor.mdx,
        );
        markdown.code.extend(masked.code.iter().copied());
        let mut code = markdown.code.clone();
        code.extend(masked.skipped.iter().copied());
        let (suppressions, directives) = Suppressions::parse(&source.text, &code);
        Self {
            source,
            front_matter,
            body_start,
            markdown,
            template_tags: masked.tags,
            template_skipped: masked.skipped,
            suppressions,
            directives,
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
