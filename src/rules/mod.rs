//! The rule registry: a plain static table, in the order `postlint rules` lists them. A new rule
//! is one line here, its file, its doc in `rules/<id>.md` and its fixtures.

mod date_mismatch;
mod dead_anchor;
mod dead_link;
pub(crate) mod dead_url;
mod duplicate_slug;
mod frontmatter_schema;
mod frontmatter_syntax;
mod image_alt;
mod mdx_syntax;
mod missing_image;
mod outside_root;
mod stray_br;
mod undefined_reference;
mod unknown_author;
mod unknown_tag;
pub(crate) mod unreadable_file;
mod unverified_url;

use crate::rule::{AnyRule, RuleMeta};

pub(crate) static RULES: &[&dyn AnyRule] = &[
    &frontmatter_syntax::FrontmatterSyntax,
    &frontmatter_schema::FrontmatterSchema,
    &mdx_syntax::MdxSyntax,
    &duplicate_slug::DuplicateSlug,
    &unknown_tag::UnknownTag,
    &unknown_author::UnknownAuthor,
    &date_mismatch::DateMismatch,
    &missing_image::MissingImage,
    &image_alt::ImageAlt,
    &dead_link::DeadLink,
    &dead_anchor::DeadAnchor,
    &dead_url::DeadUrl,
    &unverified_url::UnverifiedUrl,
    &undefined_reference::UndefinedReference,
    &outside_root::OutsideRoot,
    &stray_br::StrayBr,
    &unreadable_file::UnreadableFile,
];

/// The rule with this id, and its place in [`RULES`].
pub(crate) fn find(id: &str) -> Option<(usize, &'static dyn AnyRule)> {
    RULES
        .iter()
        .copied()
        .enumerate()
        .find(|(_, r)| r.meta().id == id)
}

pub(crate) fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}

pub(crate) fn ids() -> Vec<&'static str> {
    metas().map(|m| m.id).collect()
}
