//! What the front matter rules know about a site, built at most once per run and shared by
//! every post: the compiled schema, the site's own key vocabulary, the tag and author
//! registries, Jekyll `defaults:` and Hugo taxonomies.

pub(crate) mod annotated;
pub(crate) mod keys;
pub(crate) mod registry;
pub(crate) mod schema;

use super::SiteIndex;
use crate::config::UnknownKeys;
use crate::document::front_matter::{FmEntry, FmNode};
use crate::document::Document;
use crate::preset::Preset;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The `frontmatter:` section of `postlint.yml`, with the user's schema already read (and
/// checked) from the file it names.
#[derive(Clone, Debug, Default)]
pub(crate) struct FrontmatterSetup {
    /// The schema of `frontmatter.schema`, replacing the preset's.
    pub(crate) user_schema: Option<serde_json::Value>,
    /// `frontmatter.tags`: a tag registry of the config's own.
    pub(crate) tags: Option<Vec<String>>,
    /// `frontmatter.required`: keys every post must have, on top of the schema's.
    pub(crate) required: Vec<String>,
    /// `frontmatter.unknown_keys`: how keys nobody knows are reported.
    pub(crate) unknown_keys: UnknownKeys,
}

/// Lazily built parts; each is built by the first rule that needs it (so a run with the
/// front matter rules off pays nothing) and then read by every post in parallel.
#[derive(Default)]
pub(crate) struct SiteFrontmatter {
    pub(crate) setup: FrontmatterSetup,
    schema: OnceLock<Option<schema::CompiledSchema>>,
    preset_schema: OnceLock<serde_json::Value>,
    /// The preset schema's top-level properties, and those that hold tags / author keys.
    preset_top: OnceLock<(annotated::TopLevel, [BTreeSet<String>; 2])>,
    keys: OnceLock<keys::SiteKeys>,
    registries: OnceLock<registry::Registries>,
}

impl SiteFrontmatter {
    pub(crate) fn new(setup: FrontmatterSetup) -> Self {
        Self {
            setup,
            ..Self::default()
        }
    }

    /// The schema posts are validated against: the user's (`frontmatter.schema`) or the
    /// preset's, amended with `frontmatter.required` and the site's Hugo taxonomies. `None`
    /// when there is none (preset `none`) or the user's could not be loaded (reported as a
    /// config error before the run).
    pub(crate) fn schema(&self, site: &SiteIndex) -> Option<&schema::CompiledSchema> {
        self.schema
            .get_or_init(|| schema::CompiledSchema::for_site(site, &self.setup))
            .as_ref()
    }

    /// The preset's own schema document, for what it says about the generator (which keys hold
    /// tags and author keys), whatever schema validates the posts.
    pub(crate) fn preset_schema(&self, preset: Preset) -> &serde_json::Value {
        self.preset_schema
            .get_or_init(|| schema::annotations_document(preset))
    }

    /// The string values of a post's front matter that the preset marks with `kind` (`tags`,
    /// `authors`).
    pub(crate) fn values_of_kind<'d>(
        &self,
        preset: Preset,
        root: &'d FmNode,
        kind: &str,
    ) -> Vec<&'d FmNode> {
        let ci = keys_case_insensitive(preset);
        let schema = self.preset_schema(preset);
        let (top, [tags, authors]) = self.preset_top.get_or_init(|| {
            let top = annotated::TopLevel::new(schema, ci);
            let kinds = [
                top.keys_with_kind(schema, "tags"),
                top.keys_with_kind(schema, "authors"),
            ];
            (top, kinds)
        });
        let keys = if kind == "tags" { tags } else { authors };
        if !root
            .entries()
            .iter()
            .any(|e| keys.contains(e.key.as_str()) || (ci && keys.contains(&e.key.to_lowercase())))
        {
            return Vec::new();
        }
        let only = |key: &str| keys.contains(key);
        annotated::walk(schema, top, root, ci, Some(&only))
            .values
            .into_iter()
            .filter(|v| v.kind == kind)
            .map(|v| v.node)
            .collect()
    }

    pub(crate) fn keys(&self, site: &SiteIndex) -> &keys::SiteKeys {
        self.keys.get_or_init(|| keys::SiteKeys::build(site))
    }

    pub(crate) fn registries(&self, site: &SiteIndex) -> &registry::Registries {
        self.registries
            .get_or_init(|| registry::Registries::load(site, self.setup.tags.as_deref()))
    }
}

/// Whether front matter keys are case-insensitive for the generator (Hugo lower-cases them).
pub(crate) fn keys_case_insensitive(preset: Preset) -> bool {
    preset == Preset::Hugo
}

/// A top-level entry by key, honouring the generator's letter case rules.
pub(crate) fn entry<'a>(root: &'a FmNode, key: &str, preset: Preset) -> Option<&'a FmEntry> {
    if keys_case_insensitive(preset) {
        root.entries()
            .iter()
            .find(|e| e.key.eq_ignore_ascii_case(key))
    } else {
        root.get(key)
    }
}

/// A file the generator does not publish as a post, which the front matter rules skip:
/// Docusaurus ignores `_`-prefixed files and folders (partials) under the blog folder.
pub(crate) fn is_partial(doc: &Document, site: &SiteIndex) -> bool {
    if site.preset != Preset::Docusaurus {
        return false;
    }
    // Cheap test first: most paths have no `_`-prefixed part at all.
    let text = doc.source.path.to_string_lossy();
    if !text.contains("/_") && !text.contains("\\_") {
        return false;
    }
    let Ok(relative) = doc.source.path.strip_prefix(&site.root) else {
        return false;
    };
    relative
        .iter()
        .skip_while(|s| *s != "blog")
        .skip(1)
        .any(|s| s.to_str().is_some_and(|s| s.starts_with('_')))
}

/// The scalar value of a node as written, for messages (`2022-13-45`, `true`, `3`).
pub(crate) fn scalar_text(node: &FmNode) -> Option<String> {
    use crate::document::front_matter::FmValue;
    match &node.value {
        FmValue::Str(s) => Some(s.clone()),
        FmValue::Int(i) => Some(i.to_string()),
        FmValue::Float(f) => Some(f.to_string()),
        FmValue::Bool(b) => Some(b.to_string()),
        FmValue::Null | FmValue::Seq(_) | FmValue::Map(_) => None,
    }
}

/// Shortens a value for a message, on a character boundary.
pub(crate) fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    let one_line = text.lines().next().unwrap_or("");
    if one_line.chars().count() <= MAX && one_line.len() == text.len() {
        return text.to_string();
    }
    let cut: String = one_line.chars().take(MAX).collect();
    format!("{cut}…")
}
