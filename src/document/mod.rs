//! The document model: one read, one parse per post, shared by every rule. The dialect seam is
//! here: each Markdown dialect has a front end that builds the same tables ([`model`]) from a
//! post's body, so rules never ask which dialect built them.

mod br;
pub(crate) mod commonmark;
pub(crate) mod directives;
pub(crate) mod front_matter;
pub(crate) mod html;
pub(crate) mod model;
pub(crate) mod slug;
pub(crate) mod template;

use crate::source::{SourceFile, Span};
use directives::Suppressions;
use front_matter::FrontMatter;
use model::{BreakRules, Markdown};
use template::Templates;

/// The Markdown dialect a post is written in, which decides the front end that reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// CommonMark with GitHub's extensions (tables, footnotes, strikethrough, task lists).
    CommonMark,
    /// kramdown, as Jekyll renders posts, with Liquid templates.
    Kramdown,
    /// MDX 3, as Docusaurus compiles `.mdx` posts (and `.md` ones unless the site's
    /// `markdown.format` says otherwise).
    Mdx,
    /// goldmark, as Hugo renders pages, with shortcodes.
    Goldmark,
}

/// How to read one post: its dialect and what the site's settings change in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ParseOptions {
    pub(crate) dialect: Dialect,
    /// `+++` TOML front matter (Hugo; Jekyll and Docusaurus read `---` YAML alone).
    pub(crate) toml_front_matter: bool,
    /// What the generator makes of `<br>` tags and line breaks in this site.
    pub(crate) breaks: BreakRules,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            dialect: Dialect::CommonMark,
            toml_front_matter: false,
            breaks: BreakRules::default(),
        }
    }
}

/// Builds the tables of a body (the file text after the front matter, whose first byte is at
/// `base` in the file) with the front end of its dialect.
fn read_body(body: &str, base: usize, options: &ParseOptions) -> Markdown {
    // One front end serves every dialect for now, with the dialect's template syntax masked
    // first. A dialect's own front end takes over its arm (see ARCHITECTURE.md).
    let templates = match options.dialect {
        Dialect::CommonMark => Templates::None,
        Dialect::Kramdown => Templates::Liquid,
        Dialect::Mdx => Templates::Mdx,
        Dialect::Goldmark => Templates::HugoShortcodes,
    };
    commonmark::read(body, base, templates, options)
}

#[derive(Debug)]
pub(crate) struct Document {
    pub(crate) source: SourceFile,
    pub(crate) front_matter: Option<FrontMatter>,
    /// Where the Markdown body starts (after the front matter block).
    pub(crate) body_start: usize,
    /// The body's tables, built by the dialect's front end.
    pub(crate) markdown: Markdown,
    pub(crate) suppressions: Suppressions,
}

impl Document {
    pub(crate) fn parse(source: SourceFile, options: &ParseOptions) -> Self {
        let front_matter = front_matter::parse(&source.text, options.toml_front_matter);
        let body_start = match &front_matter {
            Some(fm) if fm.error.is_none() || fm.span.end < source.text.len() => fm.span.end,
            // An unterminated block: parse the rest as Markdown, as the generator would.
            Some(fm) => fm.span.start,
            None => 0,
        };
        let markdown = read_body(&source.text[body_start..], body_start, options);
        let mut not_prose: Vec<Span> = markdown.code.clone();
        not_prose.extend(markdown.template_skipped.iter().copied());
        let suppressions = Suppressions::parse(&source.text, &not_prose);
        Self {
            source,
            front_matter,
            body_start,
            markdown,
            suppressions,
        }
    }

    pub(crate) fn text(&self) -> &str {
        &self.source.text
    }

    /// The parsed front matter mapping, if the post has a valid one.
    pub(crate) fn front_matter_root(&self) -> Option<&front_matter::FmNode> {
        self.front_matter.as_ref().and_then(|fm| fm.root.as_ref())
    }
}
