//! The tables a dialect's front end builds from a post's body, the same whichever dialect it
//! reads: rules read these and never ask which dialect built them. Spans are byte ranges in the
//! whole file.

use crate::source::{Span, SpanSet};
use std::collections::HashSet;

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Heading {
    pub(crate) level: u8,
    /// Rendered plain text (inline markup removed), as sluggers see it.
    pub(crate) text: String,
    pub(crate) span: Span,
    /// `{#id}` written on the heading.
    pub(crate) explicit_id: Option<String>,
    /// kramdown with GFM input: the heading stands inside an HTML element (or a footnote),
    /// which the GFM parser leaves alone, so kramdown's converter gives it its id by the plain
    /// kramdown rule, from `text`.
    pub(crate) converter_id: bool,
}

/// How a link or image was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RefKind {
    /// `[text](dest)` or `![alt](src)`.
    Inline,
    /// `[text][label]`, `[label][]`, `[label]`: the destination comes from a definition.
    Reference,
    /// `<https://…>`.
    Autolink,
    /// `<a href>` / `<img src>` in HTML, or a JSX element's string attribute.
    Html,
    /// MDX: an image the bundler resolves from the post's folder when the post builds
    /// (`import Pic from './pic.png'`, `src={require('./pic.png').default}`).
    Bundled,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Link {
    pub(crate) dest: String,
    /// The whole link.
    pub(crate) span: Span,
    /// The destination text itself; the whole link when it is not written there (reference
    /// links).
    pub(crate) dest_span: Span,
    pub(crate) kind: RefKind,
    /// For a reference link, the definition it takes its destination from.
    pub(crate) definition: Option<Span>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Image {
    pub(crate) src: String,
    pub(crate) alt: Option<String>,
    pub(crate) span: Span,
    pub(crate) src_span: Span,
    pub(crate) kind: RefKind,
    /// For a reference image, the definition it takes its source from.
    pub(crate) definition: Option<Span>,
}

/// A `<br>` tag in any of its spellings, and where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BrTag {
    pub(crate) span: Span,
    pub(crate) context: BrContext,
}

/// Where a `<br>` ends up in the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BrContext {
    /// In the inline text of a paragraph or a list item (block quotes included); `text`
    /// indexes [`Markdown::br_texts`].
    Text { text: usize },
    /// In a heading, whose id the generators derive from its text (tag included, for plain
    /// kramdown), so the tag is reported but never edited.
    Heading,
    /// In a table cell, where it is the only way to break a line.
    TableCell,
    /// In a raw HTML block the generator passes through.
    HtmlBlock,
    /// MDX: a JSX flow element standing as its own block (a line of tags only).
    MdxFlow,
    /// Not a tag at all: kramdown prints `</br>` (and `< br>`) as the text it is, so the page
    /// shows it.
    Literal,
}

impl BrContext {
    /// In the text of a paragraph, list item, heading or block quote: what `stray-br` is for.
    pub(crate) fn is_prose(self) -> bool {
        matches!(self, BrContext::Text { .. } | BrContext::Heading)
    }

    /// The name the generator oracles use: `prose`, `table`, `html`, `flow`, `text`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            BrContext::Text { .. } | BrContext::Heading => "prose",
            BrContext::TableCell => "table",
            BrContext::HtmlBlock => "html",
            BrContext::MdxFlow => "flow",
            BrContext::Literal => "text",
        }
    }
}

/// One piece of a paragraph's inline text, as far as line breaks are concerned: what a fix of
/// a `<br>` needs to know of what stands before and after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Inline {
    /// Something visible: text that is not only blanks, code, an image, a footnote mark.
    Content,
    /// A prose `<br>`: the index in [`Markdown::brs`].
    Br(usize),
    /// Another inline HTML tag; shows nothing by itself.
    Html,
    /// A line ending inside the paragraph (rendered as a blank).
    SoftBreak,
    /// A Markdown hard line break: two trailing spaces or a trailing backslash.
    HardBreak,
    /// MDX: a line of the CommonMark paragraph that holds only tags, which MDX reads as a flow
    /// element between two paragraphs. Whatever stands next to it has no safe fix under both
    /// readings.
    Barrier,
}

/// The inline text of a paragraph (or list item) that holds at least one prose `<br>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct BrText {
    pub(crate) tokens: Vec<Inline>,
    /// The dialect's hard line break would not be read here (kramdown's GFM parser leaves the
    /// text inside HTML elements alone), so no `<br>` of this text may become one.
    pub(crate) no_hard_break: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ReferenceDefinition {
    pub(crate) label: String,
    pub(crate) dest: String,
    pub(crate) span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct UndefinedReference {
    pub(crate) label: String,
    pub(crate) span: Span,
}

/// What the generator's compiler refuses (MDX), where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub(crate) span: Span,
    pub(crate) message: String,
    pub(crate) help: String,
}

/// A template construct that a later stage resolves (`{% post_url %}`, `{{< ref >}}`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TemplateTag {
    /// `post_url`, `link`, `include`, `ref`, `relref`, `figure`, …
    pub(crate) name: String,
    /// The raw text after the name, up to the closing delimiter.
    pub(crate) args: String,
    pub(crate) span: Span,
    /// The generator reads the tag's output as Markdown of the post (Hugo `{{% %}}`): it may
    /// add headings postlint cannot see.
    pub(crate) markdown: bool,
}

/// Every table of one post's body.
#[derive(Debug, Default)]
pub(crate) struct Markdown {
    pub(crate) headings: Vec<Heading>,
    pub(crate) links: Vec<Link>,
    pub(crate) images: Vec<Image>,
    /// Every `<br>` tag, in source order.
    pub(crate) brs: Vec<BrTag>,
    /// The inline text of each paragraph or list item that holds a prose `<br>`.
    pub(crate) br_texts: Vec<BrText>,
    /// Code spans and blocks, template highlight blocks and math: ranges rules skip.
    pub(crate) code: Vec<Span>,
    /// `id="…"` and `<a name="…">` values in HTML (and JSX), usable as anchors.
    pub(crate) html_ids: Vec<String>,
    pub(crate) definitions: Vec<ReferenceDefinition>,
    pub(crate) undefined_references: Vec<UndefinedReference>,
    /// Template tags found in the body (`{% post_url %}`, `{{< ref >}}`, …).
    pub(crate) template_tags: Vec<TemplateTag>,
    /// Template regions that are not read as Markdown.
    pub(crate) template_skipped: Vec<Span>,
    /// What the compiler refuses (MDX only).
    pub(crate) syntax_errors: Vec<SyntaxError>,
    /// What the generator makes of `<br>` tags and line breaks in this post.
    pub(crate) breaks: BreakRules,
    /// `code`, `template_skipped` and the template regions that hide what they hold, merged
    /// for logarithmic lookups; built by [`Markdown::index_regions`].
    regions: Regions,
    /// The body produced more than [`crate::limits::MAX_MARKDOWN_EVENTS`] parser events and
    /// was not read further.
    pub(crate) over_limit: bool,
}

/// A post with a hundred thousand code spans and as many links must not compare every link
/// with every span.
#[derive(Clone, Debug, Default)]
struct Regions {
    code: SpanSet,
    template: SpanSet,
    /// Template regions that are not a tag's own span: comments, highlight blocks.
    template_hidden: SpanSet,
}

/// What the generator makes of `<br>` tags and of Markdown's own line breaks, as far as an
/// edit that swaps one for the other is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BreakRules {
    /// The hard line break that renders as `<br>` and that a CommonMark reading also takes for
    /// one; `None` when there is none (plain kramdown's is two backslashes) or raw HTML is
    /// dropped (a break would add one).
    pub(crate) hard_break: Option<&'static str>,
    /// Only a closed `<br />` compiles: an unclosed `<br>` or a `</br>` stops the build (MDX).
    pub(crate) closed_br_only: bool,
    /// `</br>` prints as text (kramdown).
    pub(crate) closing_br_is_text: bool,
    /// Raw HTML is dropped from the page (Hugo without `markup.goldmark.renderer.unsafe`).
    pub(crate) raw_html_dropped: bool,
    /// The hard line break is two backslashes, which a CommonMark reading takes for an
    /// escaped backslash (kramdown with `input: kramdown`).
    pub(crate) double_backslash_break: bool,
}

impl Default for BreakRules {
    /// CommonMark's: a trailing backslash breaks the line, raw HTML is rendered.
    fn default() -> Self {
        Self {
            hard_break: Some("\\"),
            closed_br_only: false,
            closing_br_is_text: false,
            raw_html_dropped: false,
            double_backslash_break: false,
        }
    }
}

impl Markdown {
    /// Indexes `code` and the template regions for the lookups below; call again after
    /// changing them.
    pub(crate) fn index_regions(&mut self) {
        let tags: HashSet<Span> = self.template_tags.iter().map(|t| t.span).collect();
        self.regions = Regions {
            code: SpanSet::new(self.code.iter().copied()),
            template: SpanSet::new(self.template_skipped.iter().copied()),
            template_hidden: SpanSet::new(
                self.template_skipped
                    .iter()
                    .copied()
                    .filter(|s| !tags.contains(s)),
            ),
        };
    }

    /// Whether `offset` is inside code.
    pub(crate) fn in_code(&self, offset: usize) -> bool {
        self.regions.code.contains(offset)
    }

    /// Whether `span` overlaps a template region that is not read as Markdown.
    pub(crate) fn in_template(&self, span: Span) -> bool {
        self.regions.template.overlaps(span)
    }

    /// Whether `offset` is inside a template region that hides what it holds (a comment, a
    /// highlight block), not a tag's own span.
    pub(crate) fn in_hidden_template(&self, offset: usize) -> bool {
        self.regions.template_hidden.contains(offset)
    }

    /// Whether the body has a level-1 heading (which generators use as the title).
    pub(crate) fn has_h1(&self) -> bool {
        self.headings.iter().any(|h| h.level == 1)
    }
}
