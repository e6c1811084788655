//! What each site generator means for postlint: which files are posts, which template
//! syntax they contain, where site-absolute paths live, and how the site is detected.

use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum PresetName {
    Auto,
    Docusaurus,
    Jekyll,
    Hugo,
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Preset {
    Docusaurus,
    Jekyll,
    Hugo,
    None,
}

pub(crate) const DOCUSAURUS_MARKERS: &[&str] = &[
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
];
pub(crate) const JEKYLL_MARKERS: &[&str] = &["_config.yml", "_config.yaml", "_config.toml"];
pub(crate) const HUGO_MARKERS: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
    "config/_default/hugo.toml",
    "config/_default/hugo.yaml",
    "config/_default/hugo.yml",
    "config/_default/hugo.json",
    "config/_default/config.toml",
    "config/_default/config.yaml",
    "config/_default/config.yml",
    "config/_default/config.json",
];

impl Preset {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Preset::Docusaurus => "docusaurus",
            Preset::Jekyll => "jekyll",
            Preset::Hugo => "hugo",
            Preset::None => "none",
        }
    }

    pub(crate) fn from_name(name: PresetName) -> Option<Self> {
        match name {
            PresetName::Auto => None,
            PresetName::Docusaurus => Some(Preset::Docusaurus),
            PresetName::Jekyll => Some(Preset::Jekyll),
            PresetName::Hugo => Some(Preset::Hugo),
            PresetName::None => Some(Preset::None),
        }
    }

    /// The generator whose marker files are in `folder`, if any.
    pub(crate) fn detect_in(folder: &Path) -> Option<Self> {
        let has = |names: &[&str]| names.iter().any(|n| folder.join(n).is_file());
        if has(DOCUSAURUS_MARKERS) {
            Some(Preset::Docusaurus)
        } else if has(HUGO_MARKERS) && !folder.join("_config.yml").is_file() {
            Some(Preset::Hugo)
        } else if has(JEKYLL_MARKERS) {
            Some(Preset::Jekyll)
        } else {
            None
        }
    }

    /// Globs (relative to the site root) of the files that are posts.
    pub(crate) fn post_globs(self) -> &'static [&'static str] {
        match self {
            Preset::Docusaurus => &["blog/**/*.md", "blog/**/*.mdx"],
            // Jekyll also reads `_posts` folders nested in category folders.
            Preset::Jekyll => &[
                "**/_posts/**/*.md",
                "**/_posts/**/*.markdown",
                "_drafts/**/*.md",
                "_drafts/**/*.markdown",
            ],
            Preset::Hugo => &["content/**/*.md", "content/**/*.markdown"],
            Preset::None => &["**/*.md", "**/*.mdx", "**/*.markdown"],
        }
    }

    /// Files under the post folders that the generator itself skips: build output, vendored
    /// gems and packages, and Docusaurus/Jekyll partials whose names start with `_`.
    pub(crate) fn ignored_globs(self) -> &'static [&'static str] {
        match self {
            Preset::Docusaurus => &[
                "**/_*.md",
                "**/_*.mdx",
                "**/_*/**",
                "**/__tests__/**",
                "node_modules/**",
                "build/**",
            ],
            Preset::Jekyll => &[
                "**/_posts/**/_*",
                "**/_posts/**/.*",
                "_site/**",
                "vendor/**",
                "node_modules/**",
                ".jekyll-cache/**",
            ],
            Preset::Hugo => &["public/**", "resources/_gen/**", "node_modules/**"],
            Preset::None => &["node_modules/**"],
        }
    }
}
