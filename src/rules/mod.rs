//! The rule registry: a plain static table, in the order `postlint rules` lists them. A new rule
//! is one line here, its file, its doc in `rules/<id>.md` and its fixtures.

mod date_mismatch;
pub(crate) mod dead_anchor;
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
pub(crate) mod unused_directive;
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
    &unused_directive::UnusedDirective,
];

/// Whether rule `id` reports where a link or image leads (a file, a route, an anchor): what a
/// change to another file (a rename, a delete, a reworded heading) can break.
pub(crate) fn is_about_link_targets(id: &str) -> bool {
    id == dead_link::META.id || id == dead_anchor::META.id || id == missing_image::META.id
}

/// Whether a finding of rule `id` can come and go when another file changes (`--watch`): a
/// link target, a shared URL, a directive left unused by a link fixed elsewhere.
pub(crate) fn is_about_other_files(id: &str) -> bool {
    is_about_link_targets(id) || id == duplicate_slug::META.id || id == unused_directive::META.id
}

/// Whether a finding of rule `id` can change with the front matter keys other posts use (the
/// vocabulary, and how many posts use a key it suggests).
pub(crate) fn is_about_site_keys(id: &str) -> bool {
    id == frontmatter_schema::META.id
}

/// Whether rule `id` reports only with `--online` (offline, a directive naming it silences
/// nothing and is not unused).
pub(crate) fn online_only(id: &str) -> bool {
    id == dead_url::META.id || id == unverified_url::META.id
}

/// The rule with this id (in any letter case), and its place in [`RULES`].
pub(crate) fn find(id: &str) -> Option<(usize, &'static dyn AnyRule)> {
    let id = id.trim();
    RULES
        .iter()
        .copied()
        .enumerate()
        .find(|(_, r)| r.meta().id.eq_ignore_ascii_case(id))
}

/// "unknown rule `x`" with a did-you-mean when a rule id is close, else the list of ids.
pub(crate) fn unknown_rule_message(id: &str) -> String {
    let lower = id.trim().to_ascii_lowercase();
    // `stray_br`, `straybr`: the same words without the hyphen are the rule too.
    let bare = |s: &str| s.replace(['-', '_', ' '], "");
    let by_words = metas().find(|m| bare(m.id) == bare(&lower)).map(|m| m.id);
    match by_words.or_else(|| crate::spelling::closest(&lower, ids())) {
        Some(close) => format!("unknown rule `{id}`; did you mean `{close}`?"),
        None => format!("unknown rule `{id}`; known rules: {}", ids().join(", ")),
    }
}

pub(crate) fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    RULES.iter().map(|r| r.meta())
}

pub(crate) fn ids() -> Vec<&'static str> {
    metas().map(|m| m.id).collect()
}
