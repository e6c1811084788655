//! The facts files the generator oracles write (`scripts/oracle/README.md`, format 1) and the
//! hand-kept known gaps beside them.

use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
pub struct SiteFacts {
    pub format: u32,
    pub generator: String,
    /// Jekyll: the site's `baseurl` as served (`""` or `/path`): every `url` of the pages
    /// starts with it, while postlint's URLs do not.
    #[serde(default)]
    pub base_url: Option<String>,
    pub pages: Vec<Page>,
}

#[derive(Debug, Deserialize)]
pub struct Page {
    pub path: String,
    pub rendered: bool,
    pub url: Option<String>,
    pub date: Option<String>,
    pub heading_ids: Vec<HeadingId>,
    pub br: Vec<Br>,
    pub refs: Vec<Ref>,
    pub front_matter: Vec<FrontMatterKey>,
    pub errors: Vec<BuildError>,
    pub fix: Option<FixVerdict>,
}

#[derive(Debug, Deserialize)]
pub struct HeadingId {
    pub line: usize,
    pub id: String,
}

#[derive(Debug, Deserialize)]
pub struct Br {
    pub line: usize,
    pub context: String,
}

#[derive(Debug, Deserialize)]
pub struct Ref {
    pub line: usize,
    pub kind: String,
    pub target: String,
    pub ok: bool,
    pub broken: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct FrontMatterKey {
    pub line: usize,
    pub key: String,
    pub status: String,
}

#[derive(Debug, Deserialize)]
pub struct BuildError {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Deserialize)]
pub struct FixVerdict {
    pub after_sha256: String,
    pub render_identical: bool,
}

/// A disagreement the team knows of and has not fixed yet.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    pub path: String,
    pub line: Option<usize>,
    pub what: String,
    pub reason: String,
    pub follow_up: String,
}

/// One oracle site: its folder, its facts, its known gaps.
pub struct OracleSite {
    pub name: String,
    pub root: PathBuf,
    pub facts: SiteFacts,
    pub gaps: Vec<Gap>,
}

/// Every `fixtures/oracle/<site>.oracle.json` with its site folder, sorted by name.
pub fn sites(dir: &Path) -> Vec<OracleSite> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("fixtures/oracle exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".oracle.json").map(str::to_string)
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let facts_path = dir.join(format!("{name}.oracle.json"));
            let text = fs::read_to_string(&facts_path).expect("facts file readable");
            let facts: SiteFacts = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: {e}", facts_path.display()));
            assert_eq!(facts.format, 1, "{}: unknown format", facts_path.display());
            let gaps_path = dir.join(format!("{name}.gaps.json"));
            let gaps = match fs::read_to_string(&gaps_path) {
                Ok(text) => serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", gaps_path.display())),
                Err(_) => Vec::new(),
            };
            let root = dir.join(&name);
            assert!(root.is_dir(), "{} has no site folder", facts_path.display());
            OracleSite {
                name,
                root,
                facts,
                gaps,
            }
        })
        .collect()
}
