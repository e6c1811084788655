//! Finding the site of the paths named: the folder above them with a generator's config or a
//! postlint config; and when postlint runs where there is none (a repository's root), the one
//! site in a subfolder (`website/docusaurus.config.js`), or the list of them when there are
//! several.

use crate::config::CONFIG_NAMES;
use crate::preset::Preset;
use ignore::WalkBuilder;
use std::path::{Path, PathBuf};

/// How deep below the starting folder a site is looked for: `website/`, `sites/blog/`,
/// `apps/web/site/`.
const DEPTH: usize = 3;

/// A folder below the start that holds a site: its generator (if detected) and whether it has
/// a postlint config.
#[derive(Debug, Clone)]
pub(crate) struct SiteBelow {
    pub(crate) folder: PathBuf,
    pub(crate) preset: Option<Preset>,
    pub(crate) config: Option<PathBuf>,
}

impl SiteBelow {
    /// `website/ (docusaurus)`, relative to `start`.
    pub(crate) fn describe(&self, start: &Path) -> String {
        let shown = crate::paths::relative_slash(&self.folder, start).unwrap_or_default();
        let what = match (self.preset, &self.config) {
            (Some(preset), _) => preset.name(),
            (None, _) => "postlint.yml",
        };
        format!("`{shown}/` ({what})")
    }
}

/// The first site found walking up from each path in turn (its folder, for a file), up to the
/// repository root: a folder with a generator's config or a postlint config.
pub(crate) fn site_above(paths: &[PathBuf], cwd: &Path) -> Option<SiteBelow> {
    let starts = paths.iter().map(|p| {
        if p.is_dir() {
            p.as_path()
        } else {
            p.parent().unwrap_or(cwd)
        }
    });
    let mut starts: Vec<&Path> = starts.collect();
    if starts.is_empty() {
        starts.push(cwd);
    }
    starts.into_iter().find_map(|start| {
        let mut folder = Some(start);
        while let Some(dir) = folder {
            if let Some(site) = site_in(dir) {
                return Some(site);
            }
            if dir.join(".git").exists() {
                return None;
            }
            folder = dir.parent();
        }
        None
    })
}

/// The site whose root is `folder`, if it is one.
fn site_in(folder: &Path) -> Option<SiteBelow> {
    let config = CONFIG_NAMES
        .iter()
        .map(|n| folder.join(n))
        .find(|p| p.is_file());
    let preset = Preset::detect_in(folder);
    (preset.is_some() || config.is_some()).then(|| SiteBelow {
        folder: folder.to_path_buf(),
        preset,
        config,
    })
}

/// The sites in the folders below `start` (not `start` itself), outermost first: a folder with
/// a generator's config or a postlint config. Ignored folders (`.gitignore`, hidden ones) are
/// not searched, nor the folders below a site.
pub(crate) fn sites_below(start: &Path) -> Vec<SiteBelow> {
    let mut found: Vec<SiteBelow> = Vec::new();
    let walk = WalkBuilder::new(start)
        .max_depth(Some(DEPTH))
        .hidden(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.file_type().is_some_and(|t| t.is_dir())
                && !matches!(name.as_ref(), "node_modules" | "vendor" | "target")
        })
        .build();
    for entry in walk.flatten() {
        let folder = entry.path();
        if folder == start || found.iter().any(|s| folder.starts_with(&s.folder)) {
            continue;
        }
        // A `config.toml` alone is not a Hugo site down here: many tools write one.
        let site = site_in(folder).filter(|s| {
            s.preset != Some(Preset::Hugo)
                || s.config.is_some()
                || folder.join("content").is_dir()
                || crate::preset::HUGO_MARKERS
                    .iter()
                    .filter(|m| m.starts_with("hugo."))
                    .any(|m| folder.join(m).is_file())
        });
        found.extend(site);
    }
    found.sort_by(|a, b| a.folder.cmp(&b.folder));
    found
}
