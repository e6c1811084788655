//! The element tree kramdown builds, as far as postlint needs it: block and span elements with
//! their place in the file, the text kramdown derives heading ids from, and what HTML elements
//! do with their content.

use super::text::Mapped;
use crate::source::Span;

#[derive(Debug)]
pub(super) struct El {
    pub(super) kind: Kind,
    pub(super) children: Vec<El>,
    /// Where the element is in the file (for a link: the whole link).
    pub(super) span: Span,
    /// An inline attribute list (`{: #id .class}`) applied to the element.
    pub(super) ial: Option<Ial>,
}

impl El {
    pub(super) fn new(kind: Kind, span: Span) -> Self {
        Self {
            kind,
            children: Vec::new(),
            span,
            ial: None,
        }
    }

    pub(super) fn with_children(kind: Kind, span: Span, children: Vec<El>) -> Self {
        Self {
            kind,
            children,
            span,
            ial: None,
        }
    }
}

/// Why an end-of-block marker is there: kramdown's `:eob` element and its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Eob {
    /// A `^` line.
    Marker,
    LinkDef,
    AbbrevDef,
    FootnoteDef,
    Ald,
    Ial,
    Extension,
}

/// What an HTML element's content is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ContentModel {
    /// Passed through as HTML.
    Raw,
    /// Markdown spans (`markdown="span"`, or `"1"` on a span-content element such as `p`).
    Span,
    /// Markdown blocks (`markdown="1"` on `div` and the like, `markdown="block"`).
    Block,
}

#[derive(Debug)]
pub(super) struct HtmlElement {
    /// As written, lower-cased for the elements HTML knows.
    pub(super) name: String,
    pub(super) model: ContentModel,
    /// Opened a block (a line of its own), not inside text.
    pub(super) block: bool,
    pub(super) attrs: Vec<HtmlAttr>,
}

#[derive(Debug)]
pub(super) struct HtmlAttr {
    pub(super) name: String,
    pub(super) value: String,
    /// The value in the file.
    pub(super) span: Span,
}

impl HtmlElement {
    pub(super) fn attr(&self, name: &str) -> Option<&HtmlAttr> {
        self.attrs
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }
}

/// A link's or image's target.
#[derive(Debug)]
pub(super) struct Target {
    pub(super) url: String,
    /// Where the URL is written: in the link, or in its definition.
    pub(super) url_span: Span,
    /// For a reference link, the definition it takes its URL from.
    pub(super) definition: Option<Span>,
    /// `<https://…>`.
    pub(super) autolink: bool,
}

#[derive(Debug)]
pub(super) enum Kind {
    Blank,
    Eob(Eob),
    /// `transparent`: a tight list item's text, printed without `<p>`. `fragile`: without its
    /// final `<br>` tags the text would be read as another block (display math, a setext
    /// underline, a rule, an attribute list).
    P {
        transparent: bool,
        fragile: bool,
    },
    Header {
        level: u8,
        /// kramdown's `raw_text`: the source text (input `kramdown`), replaced by the rendered
        /// text once spans are parsed (GFM).
        raw: String,
        /// `{#id}` written on the header.
        id: Option<String>,
    },
    Blockquote,
    Codeblock,
    Hr,
    List,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Row,
    Cell,
    /// `$$ … $$`, with its content.
    Math(String),
    Html(HtmlElement),
    /// `<!-- … -->`.
    XmlComment,
    /// `{::nomarkdown}` output, and raw text of `script`/`style`: passed through unread.
    Raw,
    /// `{::comment}`: not output.
    Comment,
    /// Block text waiting for the span parser.
    RawText(Mapped),
    Text(Mapped),
    /// Inline code, with its content.
    Codespan(String),
    A(Target),
    Img {
        target: Target,
        alt: String,
    },
    /// A Markdown hard line break.
    Br,
    /// An entity, typographic symbol or smart quote: the characters it stands for.
    Symbol(String),
    /// A footnote marker `[^name]`.
    Footnote,
    Em,
    Strong,
    Del,
}

/// The attributes postlint reads from an inline attribute list.
#[derive(Clone, Debug, Default)]
pub(super) struct Ial {
    pub(super) id: Option<String>,
    /// Names of attribute list definitions (`{:name: …}`) it refers to.
    pub(super) refs: Vec<String>,
}

impl Ial {
    /// Merges `other` in, as kramdown updates one attribute list with another.
    pub(super) fn update(&mut self, other: Ial) {
        if other.id.is_some() {
            self.id = other.id;
        }
        self.refs.extend(other.refs);
    }
}
