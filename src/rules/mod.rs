//! The rule registry: a plain static table, in the order `postlint rules` lists them.

mod date_mismatch;
mod dead_anchor;
mod dead_link;
mod dead_url;
mod duplicate_slug;
mod frontmatter_schema;
mod frontmatter_syntax;
mod image_alt;
mod missing_image;
mod outside_root;
mod stray_br;
mod undefined_reference;
mod unknown_author;
mod unknown_tag;
mod unreadable_file;
mod unverified_url;

use crate::rule::{Rule, RuleMeta};

pub static RULES: &[&dyn Rule] = &[
    &frontmatter_syntax::FrontmatterSyntax,
    &frontmatter_schema::FrontmatterSchema,
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

/// Reported by the runner itself for a post that is not UTF-8 text, cannot be read or is over
/// a ceiling, and for a folder the walk could not read.
pub const UNREADABLE_FILE: &str = "unreadable-file";

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().id == id)
}

pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}

pub fn ids() -> Vec<&'static str> {
    metas().map(|m| m.id).collect()
}
