//! The tables a dialect's front end builds from a post's body, the same whichever dialect it
//! reads: rules read these and never ask which dialect built them. Spans are byte ranges in the
//! whole file.

use crate::source::Span;

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Heading {
    pub(crate) level: u8,
    /// Rendered plain text (inline markup removed), as sluggers see it.
    pub(crate) text: String,
    pub(crate) span: Span,
    /// `{#id}` written on the heading.
    pub(crate) explicit_id: Option<String>,
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
    /// `<a href>` / `<img src>` in HTML.
    Html,
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

/// A `<br>` tag in any of its spellings, where it stands, and what follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BrTag {
    pub(crate) span: Span,
    pub(crate) context: BrContext,
    /// What follows it; only worked out in prose (elsewhere always `MidLine`).
    pub(crate) position: BrPosition,
}

/// Where a `<br>` ends up in the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrContext {
    /// In the text of a paragraph, list item, heading or block quote.
    Prose,
    /// In a table cell, where it is the only way to break a line.
    TableCell,
    /// In a raw HTML block the generator passes through.
    HtmlBlock,
    /// MDX: a JSX flow element standing as its own block.
    MdxFlow,
}

impl BrContext {
    /// The name the generator oracles use: `prose`, `table`, `html`, `flow`.
    pub fn as_str(self) -> &'static str {
        match self {
            BrContext::Prose => "prose",
            BrContext::TableCell => "table",
            BrContext::HtmlBlock => "html",
            BrContext::MdxFlow => "flow",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BrPosition {
    /// Last thing on its line, and the paragraph goes on after the line break.
    LineEnd,
    /// Last thing in its paragraph (or heading, or list item text).
    BlockEnd,
    /// Followed on its line by another `<br>`.
    BeforeBr,
    /// Anything else: text follows on the same line, or a hard break, or nothing precedes it.
    MidLine,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ReferenceDefinition {
    pub(crate) dest: String,
    pub(crate) span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct UndefinedReference {
    pub(crate) label: String,
    pub(crate) span: Span,
}

/// A template construct that a later stage resolves (`{% post_url %}`, `{{< ref >}}`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TemplateTag {
    /// `post_url`, `link`, `include`, `ref`, `relref`, `figure`, …
    pub(crate) name: String,
    /// The raw text after the name, up to the closing delimiter.
    pub(crate) args: String,
    pub(crate) span: Span,
}

/// Every table of one post's body.
#[derive(Debug, Default)]
pub(crate) struct Markdown {
    pub(crate) headings: Vec<Heading>,
    pub(crate) links: Vec<Link>,
    pub(crate) images: Vec<Image>,
    pub(crate) brs: Vec<BrTag>,
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
    /// Whether a backslash at the end of a line is a hard line break in this dialect.
    pub(crate) backslash_breaks: bool,
}

impl Markdown {
    /// Whether `offset` is inside code.
    pub(crate) fn in_code(&self, offset: usize) -> bool {
        self.code.iter().any(|s| s.contains(offset))
    }

    /// Whether `span` overlaps a template region that is not read as Markdown.
    pub(crate) fn in_template(&self, span: Span) -> bool {
        self.template_skipped
            .iter()
            .any(|s| s.start < span.end && span.start < s.end)
    }

    /// Whether the body has a level-1 heading (which generators use as the title).
    pub(crate) fn has_h1(&self) -> bool {
        self.headings.iter().any(|h| h.level == 1)
    }
}
