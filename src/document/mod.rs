//! The document model: one read, one parse per post, shared by every rule. The dialect seam is
//! here: each Markdown dialect has a front end that builds the same tables ([`model`]) from a
//! post's body, so rules never ask which dialect built them.

mod bounded_yaml;
mod br;
pub(crate) mod commonmark;
pub(crate) mod directives;
pub(crate) mod front_matter;
mod goldmark;
pub(crate) mod html;
mod jsx;
pub(crate) mod kramdown;
mod liquid;
pub(crate) mod mdx;
mod mdx_items;
pub(crate) mod model;
mod shortcodes;
pub(crate) mod slug;

use crate::source::{lone_cr_as_lf, SourceFile, SpanSet};
use directives::Suppressions;
use front_matter::FrontMatter;
use model::{BreakRules, Markdown};

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
    /// A Jekyll site's `kramdown` settings (read by the kramdown front end only).
    pub(crate) kramdown: kramdown::KramdownOptions,
    /// MDX: what the site keeps of MDX 1 (`markdown.mdx1Compat`, `future.v4`).
    pub(crate) mdx1: mdx::Mdx1Compat,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            dialect: Dialect::CommonMark,
            toml_front_matter: false,
            breaks: BreakRules::default(),
            kramdown: kramdown::KramdownOptions::default(),
            mdx1: mdx::Mdx1Compat::default(),
        }
    }
}

/// Builds the tables of a body (the file text after the front matter, whose first byte is at
/// `base` in the file) with the front end of its dialect.
fn read_body(body: &str, base: usize, options: &ParseOptions) -> Markdown {
    // Each dialect has its front end (see ARCHITECTURE.md).
    match options.dialect {
        Dialect::CommonMark => commonmark::read(body, base, options),
        Dialect::Kramdown => kramdown::read(body, base, options),
        Dialect::Mdx => mdx::read(body, base, options),
        Dialect::Goldmark => goldmark::read(body, base, options),
    }
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
    /// Parses a post. Lines may end in `\n`, `\r\n` or a lone `\r`: the parsers read a copy
    /// in which a lone `\r` is a `\n` (same offsets), while the text kept (and fixed) is the
    /// file's own.
    pub(crate) fn parse(source: SourceFile, options: &ParseOptions) -> Self {
        let lines = lone_cr_as_lf(&source.text);
        let text: &str = &lines;
        let front_matter = front_matter::parse(text, options.toml_front_matter);
        let body_start = match &front_matter {
            Some(fm) if fm.error.is_none() || fm.span.end < text.len() => fm.span.end,
            // An unterminated block: parse the rest as Markdown, as the generator would.
            Some(fm) => fm.span.start,
            None => 0,
        };
        let markdown = read_body(&text[body_start..], body_start, options);
        let not_prose = SpanSet::new(
            markdown
                .code
                .iter()
                .chain(&markdown.template_skipped)
                .copied(),
        );
        let suppressions = Suppressions::parse(text, &not_prose);
        drop(lines);
        Self {
            source,
            front_matter,
            body_start,
            markdown,
            suppressions,
        }
    }

    /// Reads a post's front matter and nothing else: what the site index needs of every post
    /// (routes, the key vocabulary), at a fraction of a parse. The body's tables are empty and
    /// the text kept is the front matter block's alone.
    pub(crate) fn scan(
        path: std::path::PathBuf,
        display_path: String,
        text: &str,
        options: &ParseOptions,
    ) -> Self {
        let front_matter = front_matter::parse(&lone_cr_as_lf(text), options.toml_front_matter);
        let (kept, body_start) = match &front_matter {
            Some(fm) if fm.error.is_none() || fm.span.end < text.len() => {
                (fm.span.end, fm.span.end)
            }
            Some(fm) => (fm.span.end, fm.span.start),
            None => (0, 0),
        };
        Self {
            source: SourceFile {
                path,
                display_path,
                text: text[..kept].to_string(),
            },
            front_matter,
            body_start,
            markdown: Markdown::default(),
            suppressions: Suppressions::default(),
        }
    }

    pub(crate) fn text(&self) -> &str {
        &self.source.text
    }

    /// Why the post's body was not checked, when it went over a ceiling of [`crate::limits`].
    pub(crate) fn over_limit(&self) -> Option<String> {
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

    /// The parsed front matter mapping, if the post has a valid one.
    pub(crate) fn front_matter_root(&self) -> Option<&front_matter::FmNode> {
        self.front_matter.as_ref().and_then(|fm| fm.root.as_ref())
    }
}
