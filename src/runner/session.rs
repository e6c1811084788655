//! `--watch`'s state between runs: the site index, each post's findings and what its
//! references lead to, so that a change re-checks only the posts it can affect.
//!
//! A change is sorted into the cheapest step that gives what a full run would:
//!
//! - a post saved with the same front matter and the same anchors: that post is checked again,
//!   nothing else can have changed;
//! - the same front matter, other anchors: the index forgets the post's anchors, and the post
//!   and the posts whose references lead to it are checked again;
//! - a post created, deleted, renamed or given other front matter, or a file that is not a
//!   post (an image) created or deleted: the index is built again (walk and front matter
//!   scan), and checked again are the posts changed, those whose references led to them, those
//!   with a finding about a link target or a shared URL (the change may have fixed it), those
//!   with inline directives, and those sharing a URL with a changed post;
//! - anything that can change the settings (postlint's or the generator's config, registries,
//!   templates, a folder) or the site's front matter vocabulary: everything, as a first run.
//!
//! With `--online`, `--affected`, `--show-skipped` or `--fix`, each change is a full run.

use super::read::Unreadable;
use super::{
    check, checked_post, load, unreadable_report, walk_report, CheckedPost, Keep, Loaded,
    PostReader,
};
use super::{FileReport, Report};
use crate::error::RunError;
use crate::links::{self, Outcome};
use crate::rules;
use crate::settings::{CheckOptions, FixMode, Settings};
use crate::site::anchors::Anchors;
use crate::site::frontmatter::keys::VOCABULARY_MIN_POSTS;
use crate::site::SiteIndex;
use rayon::prelude::*;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A watched run: what the last run found, kept to answer the next change.
pub(crate) struct Session {
    paths: Vec<PathBuf>,
    options: CheckOptions,
    cwd: PathBuf,
    /// `None` when the run cannot be kept: every change is a full run.
    state: Option<State>,
}

/// What one run of a session gave.
pub(crate) struct Run {
    pub(crate) report: Report,
    /// The report paths whose findings may differ from the last run's (posts checked again,
    /// posts gone); `None`: any.
    pub(crate) touched: Option<Vec<String>>,
    /// How many posts were checked, of how many reported on.
    pub(crate) rechecked: usize,
    pub(crate) posts: usize,
    pub(crate) elapsed: Duration,
}

/// The site as the last run left it.
struct State {
    settings: Settings,
    site: SiteIndex,
    /// The posts reported on, by site path.
    posts: HashMap<String, Post>,
    /// Reports that are not a checked post's (files that could not be read, folders that could
    /// not be walked), from the last full build.
    others: Vec<FileReport>,
    /// How many targets could not be read (counted as files linted).
    unreadable: usize,
    /// The report paths of the posts checked or dropped since the last report.
    touched: Vec<String>,
    notes: Vec<String>,
    info: Vec<String>,
}

/// One post reported on: its findings and what a change elsewhere would need to know.
struct Post {
    index: usize,
    report: FileReport,
    /// A hash of the front matter block: the index reads nothing else of a post but its path
    /// and (on demand) its anchors.
    front_matter: u64,
    /// The site paths of the posts its references lead to.
    links_to: Vec<String>,
    /// Its references that lead to a file that is not a post, as written, in lower case.
    file_links: Vec<String>,
    /// It has inline directives (a link fixed elsewhere can make one unused).
    directives: bool,
}

/// What a set of changed paths asks for.
enum Step {
    /// Nothing that can change a finding.
    Nothing,
    /// Posts whose front matter is unchanged: those with other anchors are listed second.
    Posts(Vec<usize>, Vec<usize>),
    /// A new index; the site paths of the posts and of the other files changed.
    Reindex(Vec<String>, Vec<String>),
    /// Everything again.
    Full,
}

impl Session {
    /// Lints as `check_paths` does, keeping what the next change needs.
    pub(crate) fn start(
        paths: &[PathBuf],
        options: &CheckOptions,
        cwd: &Path,
    ) -> Result<(Self, Run), RunError> {
        let mut session = Session {
            paths: paths.to_vec(),
            options: options.clone(),
            cwd: cwd.to_path_buf(),
            state: None,
        };
        let run = session.full()?;
        Ok((session, run))
    }

    /// Lints what `changed` (paths under the root, each once) can have changed.
    pub(crate) fn update(&mut self, changed: &[PathBuf]) -> Result<Run, RunError> {
        let started = Instant::now();
        let Some(state) = self.state.as_mut() else {
            return self.full();
        };
        let step = state.step(changed, self.options.config.as_deref());
        let rechecked = match step {
            Step::Nothing => 0,
            Step::Posts(same, moved) => match state.posts_changed(&same, &moved) {
                Some(n) => n,
                None => return self.full(),
            },
            Step::Reindex(posts, files) => {
                match state.reindex(&posts, &files, &self.paths, &self.options, &self.cwd)? {
                    Some(n) => n,
                    None => return self.full(),
                }
            }
            Step::Full => return self.full(),
        };
        let mut run = state.run(rechecked, started.elapsed());
        run.touched = Some(std::mem::take(&mut state.touched));
        Ok(run)
    }

    /// Lints everything; keeps the state when the options allow.
    fn full(&mut self) -> Result<Run, RunError> {
        let started = Instant::now();
        let options = &self.options;
        let keepable = !options.online
            && !options.affected
            && !options.show_skipped
            && options.fix == FixMode::Report
            && options.stdin_filename.is_none();
        if !keepable {
            self.state = None;
            let report = super::check_paths(&self.paths, options, &self.cwd)?;
            let posts = report.file_count;
            return Ok(Run {
                report,
                touched: None,
                rechecked: posts,
                posts,
                elapsed: started.elapsed(),
            });
        }
        self.state = None;
        let settings = Settings::resolve(&self.paths, options, &self.cwd)?;
        let paths = settings.retarget(&self.paths, &self.cwd);
        let loaded = load(&settings, &paths, options, &self.cwd)?;
        let state = State::build(settings, loaded, &self.cwd);
        let rechecked = state.posts.len();
        let state = self.state.insert(state);
        state.touched.clear();
        Ok(state.run(rechecked, started.elapsed()))
    }
}

impl State {
    /// Checks every target of a freshly loaded site.
    fn build(settings: Settings, loaded: Loaded, cwd: &Path) -> Self {
        let Loaded {
            site,
            targets,
            unreadable,
            not_walked,
            ignore_files_off,
            notes: found_notes,
            info,
        } = loaded;
        let mut state = State {
            settings,
            site,
            posts: HashMap::new(),
            others: Vec::new(),
            unreadable: 0,
            touched: Vec::new(),
            notes: Vec::new(),
            info,
        };
        let late_unreadable = state.check_posts(&targets);
        let mut notes = state.site.config.notes.clone();
        notes.extend(found_notes);
        notes.extend(ignore_files_off);
        notes.extend(state.site.notes.take());
        state.notes = notes;
        let unreadable: Vec<Unreadable> = unreadable.into_iter().chain(late_unreadable).collect();
        state.unreadable = unreadable.len();
        state.others = unreadable
            .into_iter()
            .map(|u| unreadable_report(u, cwd, &state.settings))
            .collect();
        state.others.extend(
            not_walked
                .iter()
                .filter_map(|(path, what)| walk_report(path, what, cwd, &state.settings)),
        );
        state
    }

    /// The report of the state as it is now.
    fn run(&mut self, rechecked: usize, elapsed: Duration) -> Run {
        for note in self.site.notes.take() {
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
        }
        let mut files: Vec<FileReport> = self
            .posts
            .values()
            .map(|p| &p.report)
            .chain(&self.others)
            .filter(|f| !f.diagnostics.is_empty())
            .cloned()
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let report = Report {
            files,
            file_count: self.posts.len() + self.unreadable,
            elapsed,
            fixed: Vec::new(),
            write_errors: Vec::new(),
            notes: self.notes.clone(),
            info: self.info.clone(),
            out_of_time: Vec::new(),
            skipped: Vec::new(),
            stdin_fixed: None,
        };
        Run {
            report,
            touched: None,
            rechecked,
            posts: self.posts.len(),
            elapsed,
        }
    }

    /// Checks posts `ids` of the index and keeps what they give; returns those that could not
    /// be read.
    fn check_posts(&mut self, ids: &[usize]) -> Vec<Unreadable> {
        let site = &self.site;
        let settings = &self.settings;
        let reader = PostReader { site, stdin: None };
        let written = Mutex::new(HashSet::new());
        let checked: Vec<Result<(usize, Facts, CheckedPost), Unreadable>> = ids
            .par_iter()
            .map(|&i| {
                let doc = reader.read(i)?;
                let findings = check(&doc, Some(i), site, settings, &[]);
                let facts = Facts::of(&doc, site);
                let keep = Keep {
                    mode: FixMode::Report,
                    from_stdin: false,
                    positions_only: false,
                };
                let post = checked_post(doc, findings, None, keep, &written);
                Ok((i, facts, post))
            })
            .collect();
        let mut unreadable = Vec::new();
        let mut posts = Vec::with_capacity(checked.len());
        for result in checked {
            match result {
                Ok(post) => posts.push(post),
                Err(u) => unreadable.push(u),
            }
        }
        // Fragments into other posts, now that every post checked has given its anchors.
        let reports: Vec<FileReport> = posts
            .par_iter_mut()
            .map(|(_, _, post)| post.finish(site))
            .collect();
        for ((i, facts, _), report) in posts.into_iter().zip(reports) {
            let Some(site_path) = site.document_site_paths[i].clone() else {
                continue;
            };
            self.touched.push(report.path.clone());
            self.posts.insert(
                site_path,
                Post {
                    index: i,
                    report,
                    front_matter: facts.front_matter,
                    links_to: facts.links_to,
                    file_links: facts.file_links,
                    directives: facts.directives,
                },
            );
        }
        unreadable
    }

    /// Sorts `changed` into the step it needs.
    fn step(&self, changed: &[PathBuf], config: Option<&Path>) -> Step {
        let root = &self.settings.root;
        let (mut same, mut moved) = (Vec::new(), Vec::new());
        let (mut posts, mut files) = (Vec::new(), Vec::new());
        for path in changed {
            if config.is_some_and(|c| paths_equal(c, path, root)) {
                return Step::Full;
            }
            let Some(site_path) = crate::paths::relative_slash(path, root) else {
                continue;
            };
            if path.is_dir() {
                return Step::Full;
            }
            let was_post = self.site.document_at(&site_path);
            if was_post.is_some() || self.settings.is_post(&site_path) {
                match was_post.and_then(|i| self.edit_of(&site_path, i, path)) {
                    Some((i, false)) => same.push(i),
                    Some((i, true)) => moved.push(i),
                    None => posts.push(site_path),
                }
            } else if may_change_settings(&site_path) {
                return Step::Full;
            } else if path.is_file() || self.site.find_file(&site_path).is_some() {
                files.push(site_path);
            } else if self.site.has_folder(&site_path) {
                // A folder gone: every file in it went with it.
                return Step::Full;
            }
        }
        if !posts.is_empty() || !files.is_empty() {
            posts.extend(
                same.iter()
                    .chain(&moved)
                    .filter_map(|&i| self.site.document_site_paths[i].clone()),
            );
            Step::Reindex(posts, files)
        } else if same.is_empty() && moved.is_empty() {
            Step::Nothing
        } else {
            Step::Posts(same, moved)
        }
    }

    /// For post `i` (a target) still there with the same front matter: its index, and whether
    /// its anchors changed. `None` when it needs a new index.
    fn edit_of(&self, site_path: &str, i: usize, path: &Path) -> Option<(usize, bool)> {
        let post = self.posts.get(site_path)?;
        if !path.is_file() {
            return None;
        }
        let reader = PostReader {
            site: &self.site,
            stdin: None,
        };
        let doc = reader.read(i).ok()?;
        if front_matter_hash(&doc) != post.front_matter {
            return None;
        }
        let now = Anchors::of(&doc, self.site.heading_id_rules());
        Some((i, now != *self.site.anchors(i)))
    }

    /// Posts edited in place: each checked again, and for those whose anchors changed, the
    /// posts whose references lead to them too. Returns how many were checked; `None` when one
    /// could not be read any more.
    fn posts_changed(&mut self, same: &[usize], moved: &[usize]) -> Option<usize> {
        let moved_paths: HashSet<String> = moved
            .iter()
            .filter_map(|&i| self.site.document_site_paths[i].clone())
            .collect();
        for &i in moved {
            self.site.forget_anchors(i);
        }
        let mut ids: BTreeSet<usize> = same.iter().chain(moved).copied().collect();
        ids.extend(
            self.posts
                .values()
                .filter(|p| p.links_to.iter().any(|l| moved_paths.contains(l)))
                .map(|p| p.index),
        );
        let ids: Vec<usize> = ids.into_iter().collect();
        let unreadable = self.check_posts(&ids);
        unreadable.is_empty().then_some(ids.len())
    }

    /// Builds the index again and checks the posts `posts` and `files` (site paths changed)
    /// can affect. `None` when what changed needs everything checked again.
    fn reindex(
        &mut self,
        posts: &[String],
        files: &[String],
        paths: &[PathBuf],
        options: &CheckOptions,
        cwd: &Path,
    ) -> Result<Option<usize>, RunError> {
        let retargeted = self.settings.retarget(paths, cwd);
        let loaded = load(&self.settings, &retargeted, options, cwd)?;
        let new = &loaded.site;
        if vocabulary(&self.site) != vocabulary(new)
            || !loaded.unreadable.is_empty()
            || !loaded.not_walked.is_empty()
            || !self.others.is_empty()
            || files.iter().any(|f| {
                let folder = f.rsplit_once('/').map_or("", |(folder, _)| folder);
                self.site.has_folder(folder) != new.has_folder(folder)
            })
        {
            return Ok(None);
        }
        let keys_changed = self.site.front_matter_keys != new.front_matter_keys;
        let changed: HashSet<&str> = posts.iter().map(String::as_str).collect();
        let names: Vec<(String, Option<String>)> = files.iter().map(|f| file_names(f)).collect();
        let mut again: HashSet<String> = changed
            .iter()
            .filter(|p| new.document_at(p).is_some())
            .map(|p| p.to_string())
            .collect();
        again.extend(
            self.posts
                .iter()
                .filter(|(_, post)| {
                    post.directives
                        || post.links_to.iter().any(|l| changed.contains(l.as_str()))
                        || post.report.diagnostics.iter().any(|d| {
                            rules::is_about_other_files(d.rule)
                                || (keys_changed && rules::is_about_site_keys(d.rule))
                        })
                        || post
                            .file_links
                            .iter()
                            .any(|link| names.iter().any(|n| mentions(link, n)))
                })
                .map(|(path, _)| path.clone()),
        );
        // Posts sharing a URL (or a Hugo page) with a changed post.
        for &i in &loaded.targets {
            let mut others = new.routes.hidden_by(i);
            others.extend(new.routes.sharing_url(i).unwrap_or_default());
            let shares = std::iter::once(i).chain(others.iter().copied()).any(|j| {
                new.document_site_paths[j]
                    .as_deref()
                    .is_some_and(|p| changed.contains(p))
            });
            if shares && !others.is_empty() {
                again.extend(
                    std::iter::once(i)
                        .chain(others)
                        .filter_map(|j| new.document_site_paths[j].clone()),
                );
            }
        }
        // New targets (posts created) and those gone.
        let targets: Vec<(usize, String)> = loaded
            .targets
            .iter()
            .filter_map(|&i| Some((i, new.document_site_paths[i].clone()?)))
            .collect();
        let kept: HashSet<&str> = targets.iter().map(|(_, p)| p.as_str()).collect();
        let touched = &mut self.touched;
        self.posts.retain(|p, post| {
            let keep = kept.contains(p.as_str());
            if !keep {
                touched.push(post.report.path.clone());
            }
            keep
        });
        again.extend(
            targets
                .iter()
                .filter(|(_, p)| !self.posts.contains_key(p))
                .map(|(_, p)| p.clone()),
        );
        let ids: Vec<usize> = targets
            .iter()
            .filter(|(_, p)| again.contains(p))
            .map(|&(i, _)| i)
            .collect();
        for (i, path) in &targets {
            if let Some(post) = self.posts.get_mut(path) {
                post.index = *i;
            }
        }
        let mut notes = loaded.site.config.notes.clone();
        notes.extend(loaded.notes);
        notes.extend(loaded.ignore_files_off);
        self.notes = notes;
        self.site = loaded.site;
        self.info = loaded.info;
        let unreadable = self.check_posts(&ids);
        if !unreadable.is_empty() {
            return Ok(None);
        }
        Ok(Some(ids.len()))
    }
}

/// What a check of one post leaves for the next change.
struct Facts {
    front_matter: u64,
    links_to: Vec<String>,
    file_links: Vec<String>,
    directives: bool,
}

impl Facts {
    fn of(doc: &crate::document::Document, site: &SiteIndex) -> Self {
        let mut links_to = Vec::new();
        let mut file_links = Vec::new();
        if doc.over_limit().is_none() {
            for resolved in links::resolve(doc, site) {
                match resolved.outcome {
                    Outcome::Found { doc: Some(i), .. } => {
                        links_to.extend(site.document_site_paths[i].clone());
                    }
                    Outcome::Found { doc: None, .. } => {
                        file_links.push(resolved.reference.target.to_lowercase());
                    }
                    _ => {}
                }
            }
        }
        links_to.sort_unstable();
        links_to.dedup();
        Facts {
            front_matter: front_matter_hash(doc),
            links_to,
            file_links,
            directives: !doc.suppressions.directives.is_empty(),
        }
    }
}

fn front_matter_hash(doc: &crate::document::Document) -> u64 {
    let mut hasher = DefaultHasher::new();
    doc.text()[..doc.body_start.min(doc.text().len())].hash(&mut hasher);
    hasher.finish()
}

/// The front matter keys enough posts use to be the site's vocabulary.
fn vocabulary(site: &SiteIndex) -> Vec<&str> {
    site.front_matter_keys
        .iter()
        .filter(|(_, &n)| n >= VOCABULARY_MIN_POSTS)
        .map(|(k, _)| k.as_str())
        .collect()
}

/// The name of the file at `site_path` in lower case, and for an `index.*` file the name of
/// its folder (a link to the folder leads to it).
fn file_names(site_path: &str) -> (String, Option<String>) {
    let lower = site_path.to_lowercase();
    let mut parts = lower.rsplit('/');
    let name = parts.next().unwrap_or_default().to_string();
    let folder = name
        .starts_with("index.")
        .then(|| parts.next().map(str::to_string))
        .flatten();
    (name, folder)
}

/// Whether a reference as written (lower case) can name the file of `names`: it holds its
/// name, percent-encoded or not.
fn mentions(link: &str, (name, folder): &(String, Option<String>)) -> bool {
    let decoded;
    let link = if link.contains('%') {
        decoded = percent_encoding::percent_decode_str(link)
            .decode_utf8_lossy()
            .into_owned();
        decoded.as_str()
    } else {
        link
    };
    link.contains(name.as_str()) || folder.as_deref().is_some_and(|f| link.contains(f))
}

/// Files whose change can change the settings or what the index reads beyond posts and file
/// names: configs, registries, data, templates, ignore files, Markdown that is not a post.
fn may_change_settings(site_path: &str) -> bool {
    const FOLDERS: &[&str] = &[
        "_data",
        "_includes",
        "_layouts",
        "archetypes",
        "config",
        "data",
        "i18n",
        "layouts",
        "src",
        "themes",
    ];
    const EXTENSIONS: &[&str] = &[
        "cjs", "cts", "htm", "html", "js", "json", "json5", "jsx", "liquid", "markdown", "md",
        "mdown", "mdx", "mjs", "mkd", "mts", "toml", "ts", "tsx", "yaml", "yml",
    ];
    let name = site_path.rsplit('/').next().unwrap_or(site_path);
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    name.starts_with('.')
        || site_path.split('/').any(|part| FOLDERS.contains(&part))
        || extension.is_none_or(|e| EXTENSIONS.contains(&e.as_str()))
}

/// Whether `a` and `b` name the same file (`b` absolute, `a` maybe relative to `root`'s
/// working folder).
fn paths_equal(a: &Path, b: &Path, root: &Path) -> bool {
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    a == b || canonical(a).is_some_and(|a| Some(a) == canonical(b)) || root.join(a) == b
}
