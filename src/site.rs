//! The site index, built once per run: every file under the root and every parsed post, so
//! cross-file rules never read or parse a file a second time.

use crate::document::Document;
use crate::preset::Preset;
use crate::site_config::SiteConfig;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub struct SiteIndex {
    pub root: PathBuf,
    pub preset: Preset,
    /// The generator's config (`_config.yml`, `hugo.toml`, `docusaurus.config.js`).
    pub config: SiteConfig,
    /// Every file under the root, relative to it with `/` separators.
    pub files: HashSet<String>,
    /// The same, keyed by their lower-cased form, for "letter case differs" hints.
    files_by_lowercase: HashMap<String, Vec<String>>,
    /// Every post of the site plus every file named on the command line.
    pub documents: Vec<Document>,
    by_path: HashMap<PathBuf, usize>,
    /// What became of each external URL the target posts use; `None` on an offline run.
    /// Set by the runner after the index is built (only with `--online`).
    pub url_verdicts: Option<HashMap<String, crate::online::UrlVerdict>>,
    /// Front matter schema, vocabulary and registries, built on first use.
    pub frontmatter: crate::frontmatter::SiteFrontmatter,
}

impl SiteIndex {
    pub fn new(
        root: PathBuf,
        preset: Preset,
        config: SiteConfig,
        files: Vec<String>,
        documents: Vec<Document>,
    ) -> Self {
        let mut files_by_lowercase: HashMap<String, Vec<String>> = HashMap::new();
        for f in &files {
            files_by_lowercase
                .entry(f.to_lowercase())
                .or_default()
                .push(f.clone());
        }
        let by_path = documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.source.path.clone(), i))
            .collect();
        Self {
            root,
            preset,
            config,
            files: files.into_iter().collect(),
            files_by_lowercase,
            documents,
            by_path,
            url_verdicts: None,
            frontmatter: Default::default(),
        }
    }

    /// Ends the index, handing its documents over (to the reports).
    pub fn into_documents(self) -> Vec<Document> {
        self.documents
    }

    /// The parsed post at an absolute path.
    pub fn document(&self, path: &Path) -> Option<&Document> {
        self.by_path.get(path).map(|&i| &self.documents[i])
    }

    pub fn has_file(&self, site_path: &str) -> bool {
        self.files.contains(site_path)
    }

    /// Files whose path equals `site_path` except for letter case.
    pub fn case_variants(&self, site_path: &str) -> &[String] {
        self.files_by_lowercase
            .get(&site_path.to_lowercase())
            .map_or(&[], Vec::as_slice)
    }

    /// `path` relative to the root, if it lies under it.
    pub fn site_path(&self, path: &Path) -> Option<String> {
        crate::paths::relative_slash(path, &self.root)
    }
}
