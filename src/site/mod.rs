//! The site index, built once per run and never changed after: every file under the root,
//! every post, the route table, each post's anchors and what the site says about front matter.
//!
//! It is built from a cheap scan of every post (its front matter: what routes and the key
//! vocabulary need), not from the full parse of each post: a run that checks five posts of a
//! site of ten thousand reads the rest for their front matter only. A post's anchors (heading
//! ids need its full parse) are taken from the parse that checks it, or, for a post no rule
//! checks in this run, from a parse of its own the first time a link asks for them. The index
//! keeps no post's text.

pub(crate) mod anchors;
pub(crate) mod frontmatter;
pub(crate) mod includes;
pub(crate) mod routes;
mod template_ids;

use crate::document::Document;
use crate::preset::Preset;
use crate::site_config::SiteConfig;
use crate::spelling::NameIndex;
use anchors::{Anchors, HeadingIdRules};
use frontmatter::{FrontmatterSetup, SiteFrontmatter};
use rayon::prelude::*;
use routes::{DocsSite, RouteTable};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use unicode_normalization::{is_nfc, UnicodeNormalization};

/// What the index is built from.
pub(crate) struct SiteInputs {
    /// Absolute site root.
    pub(crate) root: PathBuf,
    pub(crate) preset: Preset,
    pub(crate) config: SiteConfig,
    /// Every file under the root, relative to it with `/` separators.
    pub(crate) files: Vec<String>,
    /// Every post of the site plus every file named on the command line, read for its front
    /// matter ([`Document::scan`]), each with where its text comes from.
    pub(crate) posts: Vec<(Document, PostSource)>,
    pub(crate) frontmatter: FrontmatterSetup,
}

/// Where a post's text comes from when the index reads it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PostSource {
    /// The file at its path.
    Disk,
    /// Standard input (`-` with `--stdin-filename`): not on disk as linted.
    Stdin,
}

/// One post of the index: where it is and how it is shown.
#[derive(Debug)]
pub(crate) struct SitePost {
    /// Where the file is (absolute).
    pub(crate) path: PathBuf,
    /// The path as reported: relative to the current folder, with `/` separators.
    pub(crate) display_path: String,
    pub(crate) source: PostSource,
}

pub(crate) struct SiteIndex {
    pub(crate) root: PathBuf,
    pub(crate) preset: Preset,
    /// The generator's config (`_config.yml`, `hugo.toml`, `docusaurus.config.js`).
    pub(crate) config: SiteConfig,
    /// Every file under the root, relative to it with `/` separators.
    files: Arc<HashSet<String>>,
    /// The same, keyed by their lower-cased form, for "letter case differs" hints.
    files_by_lowercase: HashMap<String, Vec<String>>,
    /// Every post of the site plus every file named on the command line, in the run's order:
    /// a post's index here is its index everywhere (routes, anchors, link outcomes).
    pub(crate) posts: Vec<SitePost>,
    by_path: HashMap<PathBuf, usize>,
    /// Every folder that holds a file, relative to the root (`""` is the root).
    folders: HashSet<String>,
    /// Files whose names are not NFC, by their NFC form (macOS writes Hangul decomposed).
    files_by_nfc: HashMap<String, String>,
    /// Each document's path relative to the root, by document index.
    pub(crate) document_site_paths: Vec<Option<String>>,
    by_site_path: HashMap<String, usize>,
    /// Post URLs and what else is known of the site's URL space.
    pub(crate) routes: RouteTable,
    /// Each post's anchors (heading ids, explicit and HTML ids), by index: set by the parse
    /// that checks the post, or parsed for the first link that asks, once; a run that links
    /// into few posts (a pre-commit run on one file) parses only those.
    anchors: Vec<OnceLock<Anchors>>,
    heading_id_rules: HeadingIdRules,
    /// Top-level front matter keys (lower case for Hugo) and how many posts use each.
    pub(crate) front_matter_keys: std::collections::BTreeMap<String, usize>,
    /// File names by folder, for "did you mean"; built the first time a reference misses.
    names_by_folder: OnceLock<HashMap<String, NameIndex>>,
    /// Front matter schema, vocabulary and registries, built on first use.
    pub(crate) frontmatter: SiteFrontmatter,
    /// Site files (registries, taxonomies) found but not usable, recorded as rules load them.
    pub(crate) notes: crate::files::Notes,
    /// Docusaurus: the docs plugin's pages and what the rest of the site publishes; built the
    /// first time a link asks.
    docs: OnceLock<DocsSite>,
    /// The anchors of each docs page, by page index; a page is read and parsed (for its ids
    /// only) the first time a link into it has a fragment.
    docs_anchors: OnceLock<Vec<OnceLock<Anchors>>>,
    /// Ids the site's own templates write into every page; read the first time a fragment
    /// matches no heading.
    template_ids: OnceLock<HashSet<String>>,
}

impl SiteIndex {
    pub(crate) fn new(inputs: SiteInputs) -> Self {
        let SiteInputs {
            root,
            preset,
            config,
            files,
            posts,
            frontmatter,
        } = inputs;
        let (documents, sources): (Vec<Document>, Vec<PostSource>) = posts.into_iter().unzip();
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
        let mut folders = HashSet::from([String::new()]);
        for f in &files {
            let mut path = f.as_str();
            while let Some((parent, _)) = path.rsplit_once('/') {
                if folders.contains(parent) {
                    break;
                }
                folders.insert(parent.to_string());
                path = parent;
            }
        }
        let files_by_nfc = files
            .iter()
            .filter(|f| !f.is_ascii() && !is_nfc(f))
            .map(|f| (f.nfc().collect(), f.clone()))
            .collect();
        let files: Arc<HashSet<String>> = Arc::new(files.into_iter().collect());
        let document_site_paths: Vec<Option<String>> = documents
            .par_iter()
            .map(|d| crate::paths::relative_slash(&d.source.path, &root))
            .collect();
        let by_site_path = document_site_paths
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((p.clone()?, i)))
            .collect();
        let routes = RouteTable::build(preset, &config, &documents, &document_site_paths, &files);
        let mut heading_id_rules = HeadingIdRules::for_site(preset, &config);
        if preset == Preset::Hugo {
            let themes = config.hugo.as_ref().map_or(&[][..], |h| &h.themes[..]);
            let options = config.parse_options(preset, Path::new("include.md"));
            heading_id_rules.expansions = std::sync::Arc::new(includes::Expansions::new(
                &root,
                themes,
                files.clone(),
                options,
            ));
        }
        let anchors = documents.iter().map(|_| OnceLock::new()).collect();
        let front_matter_keys = frontmatter::keys::count_keys(preset, &documents);
        // The front matter has given the index what it needs: keep no text, no tree (freed on
        // every core: ten thousand trees take a while).
        let posts = documents
            .into_par_iter()
            .zip(sources)
            .map(|(doc, source)| SitePost {
                path: doc.source.path,
                display_path: doc.source.display_path,
                source,
            })
            .collect();
        Self {
            root,
            preset,
            config,
            files,
            files_by_lowercase,
            posts,
            by_path,
            folders,
            files_by_nfc,
            document_site_paths,
            by_site_path,
            routes,
            anchors,
            heading_id_rules,
            front_matter_keys,
            names_by_folder: OnceLock::new(),
            frontmatter: SiteFrontmatter::new(frontmatter),
            notes: Default::default(),
            docs: OnceLock::new(),
            docs_anchors: OnceLock::new(),
            template_ids: OnceLock::new(),
        }
    }

    /// Whether the site's own templates (layouts, includes, partials, swizzled components)
    /// write `id` literally into its pages.
    pub(crate) fn template_writes_id(&self, id: &str) -> bool {
        self.template_ids
            .get_or_init(|| {
                template_ids::collect(self.preset, &self.root, self.file_paths(), &self.notes)
            })
            .contains(id)
    }

    /// Docusaurus docs routes and the site's closed-world knowledge (empty for other
    /// generators).
    pub(crate) fn docs(&self) -> &DocsSite {
        self.docs.get_or_init(|| {
            if self.preset != Preset::Docusaurus {
                return DocsSite::default();
            }
            DocsSite::build(self.config.script.as_deref(), &self.files, |rel| {
                crate::files::read_site_file(&self.root, rel, &self.notes)
            })
        })
    }

    /// The anchors of docs page `page` (see [`DocsSite::pages`]).
    pub(crate) fn docs_page_anchors(&self, page: usize) -> Option<&Anchors> {
        let docs = self.docs();
        let cells = self
            .docs_anchors
            .get_or_init(|| docs.pages.iter().map(|_| OnceLock::new()).collect());
        let site_path = &docs.pages.get(page)?.site_path;
        Some(cells.get(page)?.get_or_init(|| {
            let Some(text) = crate::files::read_site_file(&self.root, site_path, &self.notes)
            else {
                return Anchors::unknown();
            };
            let source = crate::source::SourceFile {
                path: self.root.join(site_path),
                display_path: site_path.clone(),
                text,
            };
            let options = self.config.parse_options(self.preset, Path::new(site_path));
            Anchors::of(&Document::parse(source, &options), &self.heading_id_rules)
        }))
    }

    /// The file of `folder` (relative to the root) whose name is closest to `name`.
    pub(crate) fn closest_in_folder(&self, folder: &str, name: &str) -> Option<&str> {
        let by_folder = self.names_by_folder.get_or_init(|| {
            let mut names: HashMap<&str, Vec<String>> = HashMap::new();
            for f in self.files.iter() {
                let (folder, name) = f.rsplit_once('/').unwrap_or(("", f));
                names.entry(folder).or_default().push(name.to_string());
            }
            names
                .into_iter()
                .map(|(folder, names)| (folder.to_string(), NameIndex::new(names)))
                .collect()
        });
        by_folder.get(folder)?.closest(name)
    }

    /// Every file under the root, relative to it.
    pub(crate) fn file_paths(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(String::as_str)
    }

    /// The index of the parsed post at an absolute path.
    pub(crate) fn document_index(&self, path: &Path) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    /// The index of the parsed post at a path relative to the root.
    pub(crate) fn document_at(&self, site_path: &str) -> Option<usize> {
        self.by_site_path.get(site_path).copied()
    }

    /// The anchors of post `i`: those its own check found, else from a parse of the post.
    pub(crate) fn anchors(&self, i: usize) -> &Anchors {
        self.anchors[i].get_or_init(|| match self.read_post(i) {
            Some(doc) => Anchors::of(&doc, &self.heading_id_rules),
            // Gone or changed into something unreadable since the scan: no finding on a guess.
            None => Anchors::unknown(),
        })
    }

    /// Forgets the anchors of post `i` (`--watch`: it changed on disk); the next to ask reads
    /// them again.
    pub(crate) fn forget_anchors(&mut self, i: usize) {
        self.anchors[i] = OnceLock::new();
    }

    /// The anchors of `doc`: for post `post` as the run read it, the index's (set from `doc`
    /// the first time); for a post re-parsed after fixes (`post` is `None`), new ones.
    pub(crate) fn anchors_of(&self, doc: &Document, post: Option<usize>) -> Cow<'_, Anchors> {
        match post {
            Some(i) => Cow::Borrowed(
                self.anchors[i].get_or_init(|| Anchors::of(doc, &self.heading_id_rules)),
            ),
            None => Cow::Owned(Anchors::of(doc, &self.heading_id_rules)),
        }
    }

    /// The rules heading ids follow in this site.
    pub(crate) fn heading_id_rules(&self) -> &HeadingIdRules {
        &self.heading_id_rules
    }

    /// Post `i` read and parsed again from disk; `None` when it comes from standard input or
    /// cannot be read as text any more.
    fn read_post(&self, i: usize) -> Option<Document> {
        let post = &self.posts[i];
        if post.source != PostSource::Disk {
            return None;
        }
        let bytes = crate::files::read_bytes(&post.path).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let options = self.config.parse_options(self.preset, &post.path);
        let source = crate::source::SourceFile {
            path: post.path.clone(),
            display_path: post.display_path.clone(),
            text,
        };
        Some(Document::parse(source, &options))
    }

    /// Whether a folder (relative to the root, no trailing slash) holds any file.
    pub(crate) fn has_folder(&self, site_path: &str) -> bool {
        self.folders.contains(site_path)
    }

    /// The file at `site_path`, also when its name is spelt in another Unicode normal form.
    pub(crate) fn find_file(&self, site_path: &str) -> Option<String> {
        if self.files.contains(site_path) {
            return Some(site_path.to_string());
        }
        if site_path.is_ascii() {
            return None;
        }
        let nfc: String = site_path.nfc().collect();
        if self.files.contains(&nfc) {
            return Some(nfc);
        }
        self.files_by_nfc.get(&nfc).cloned()
    }

    /// Files whose path equals `site_path` except for letter case.
    pub(crate) fn case_variants(&self, site_path: &str) -> &[String] {
        self.files_by_lowercase
            .get(&site_path.to_lowercase())
            .map_or(&[], Vec::as_slice)
    }

    /// `path` relative to the root, if it lies under it.
    pub(crate) fn site_path(&self, path: &Path) -> Option<String> {
        crate::paths::relative_slash(path, &self.root)
    }
}
