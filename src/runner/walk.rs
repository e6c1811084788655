//! Finding files: the whole site under the root (honouring `.gitignore` and `.ignore`), and
//! the targets named on the command line (files, folders, glob patterns).
//!
//! Symbolic links are followed (the generators copy what they point at), with loop protection.
//! A folder that cannot be read, and a special file (FIFO, socket, device) where a post is
//! expected, are reported rather than skipped. An ignore file that is not a regular file would
//! make the walker wait forever on it (a FIFO), so such a file's folder is left out and reported.

use crate::error::RunError;
use crate::files;
use crate::paths::{normalize, relative_slash};
use crate::settings::Settings;
use globset::Glob;
use ignore::{DirEntry, WalkBuilder, WalkState};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What a walk found.
#[derive(Debug, Default)]
pub(super) struct Walked {
    /// Regular files (or links to them), sorted, as absolute paths.
    pub files: Vec<PathBuf>,
    /// Entries that are neither regular files nor folders (FIFOs, sockets, devices).
    pub special: Vec<PathBuf>,
    /// Folders (or files) the walk could not read, and what became of them, phrased to follow
    /// the path (``"was not checked: …"``); sorted.
    pub problems: Vec<(PathBuf, String)>,
    /// Why no ignore file was honoured, when one in or above the walked folder is not a
    /// regular file.
    pub ignore_files_off: Option<String>,
}

/// Names the walker reads in each folder it enters.
const IGNORE_FILES: [&str; 3] = [".gitignore", ".ignore", ".git"];

/// Everything under `folder`.
pub(super) fn files_under(folder: &Path) -> Walked {
    let problems = Arc::new(Mutex::new(Vec::new()));
    let mut builder = WalkBuilder::new(folder);
    builder.hidden(true).require_git(false).follow_links(true);
    let ignore_files_off = unsafe_ignore_file_above(folder).map(|(path, why)| {
        // The walker reads these before any filter runs: do without ignore files.
        builder
            .git_ignore(false)
            .git_exclude(false)
            .git_global(false)
            .ignore(false)
            .parents(false);
        format!(
            "`{}` {why}: no `.gitignore` or `.ignore` file was honoured in this run",
            path.display()
        )
    });
    let filter_problems = Arc::clone(&problems);
    builder.filter_entry(move |entry| {
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        let unsafe_file = is_dir
            .then(|| {
                IGNORE_FILES.iter().find_map(|name| {
                    let kind = special_kind(&entry.path().join(name))?;
                    Some(format!(
                        "was not checked: its `{name}` is {kind}, not a regular file"
                    ))
                })
            })
            .flatten();
        match unsafe_file {
            Some(why) => {
                let mut problems = filter_problems.lock().unwrap_or_else(|e| e.into_inner());
                problems.push((entry.path().to_path_buf(), why));
                false
            }
            None => true,
        }
    });
    let found = Mutex::new(Walked::default());
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            let mut found = found.lock().unwrap_or_else(|e| e.into_inner());
            match entry {
                Ok(entry) => record(entry, &mut found),
                Err(error) => {
                    if let Some(problem) = problem(&error) {
                        found.problems.push(problem);
                    }
                }
            }
            WalkState::Continue
        })
    });
    let mut walked = found.into_inner().unwrap_or_else(|e| e.into_inner());
    walked.problems.extend(std::mem::take(
        &mut *problems.lock().unwrap_or_else(|e| e.into_inner()),
    ));
    walked
        .files
        .sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    walked
        .special
        .sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    walked.problems.sort();
    walked.problems.dedup();
    walked.ignore_files_off = ignore_files_off;
    walked
}

fn record(entry: DirEntry, found: &mut Walked) {
    let Some(file_type) = entry.file_type() else {
        return; // standard input; never walked
    };
    if file_type.is_file() {
        found.files.push(entry.into_path());
    } else if !file_type.is_dir() && !file_type.is_symlink() {
        found.special.push(entry.into_path());
    }
}

/// A walk error worth reporting: an unreadable folder. Symbolic link loops (the folder is
/// walked once already) and dangling links (what they name does not exist, which the rules
/// that look for it report) are not.
fn problem(error: &ignore::Error) -> Option<(PathBuf, String)> {
    let (path, inner) = with_path(error);
    if matches!(inner, ignore::Error::Loop { .. }) {
        return None;
    }
    let io = error.io_error();
    if io.is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return None;
    }
    let path = path?.to_path_buf();
    let why = match io {
        Some(e) => format!("was not checked: cannot read it: {e}"),
        None => format!("was not checked: cannot read it: {inner}"),
    };
    Some((path, why))
}

/// The path an error is about, and the error inside its wrappers.
fn with_path(error: &ignore::Error) -> (Option<&Path>, &ignore::Error) {
    match error {
        ignore::Error::WithPath { path, err } => (Some(path), with_path(err).1),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            with_path(err)
        }
        ignore::Error::Partial(errors) if errors.len() == 1 => with_path(&errors[0]),
        other => (None, other),
    }
}

/// What the file at `path` is when it exists but is neither a regular file nor a folder.
pub(super) fn special_kind(path: &Path) -> Option<&'static str> {
    let metadata = std::fs::metadata(path).ok()?;
    if metadata.is_file() || metadata.is_dir() {
        return None;
    }
    Some(files::kind(&metadata))
}

/// An ignore file that is not a regular file in `folder` or a folder above it (the walker reads those of every
/// parent), in `.git/info/exclude`, or in the user's global git config.
fn unsafe_ignore_file_above(folder: &Path) -> Option<(PathBuf, String)> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    for dir in folder.ancestors() {
        candidates.extend(IGNORE_FILES.iter().map(|name| dir.join(name)));
        candidates.push(dir.join(".git/info/exclude"));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    candidates.extend(home.map(|h| h.join(".gitconfig")));
    if let Some(config) = config {
        candidates.push(config.join("git/config"));
        candidates.push(config.join("git/ignore"));
    }
    candidates.iter().find_map(|path| {
        let kind = special_kind(path)?;
        Some((path.clone(), format!("is {kind}, not a regular file")))
    })
}

/// What to report on: explicit files, and posts found under named folders or by globs.
pub(super) struct Targets {
    pub files: Vec<PathBuf>,
    /// `-`: the post comes from standard input, reported under this path.
    pub stdin: Option<PathBuf>,
    /// What could not be read in named folders outside the root (see [`Walked::problems`]).
    pub problems: Vec<(PathBuf, String)>,
    /// The folders named (the current folder when nothing is named): what the walk's problems
    /// under them are reported for.
    pub folders: Vec<PathBuf>,
    /// Named folders (or the current one) under which no post was found.
    pub empty_folders: Vec<PathBuf>,
    /// Whether any path was named (rather than the current folder by default).
    pub named: bool,
    /// Named files left out by `--force-exclude`.
    pub excluded: usize,
    /// Named files that are not Markdown, skipped.
    pub not_markdown: Vec<PathBuf>,
}

/// What becomes of a file named on the command line (or matched by a glob).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Named {
    Lint,
    /// Left out by `include`/`exclude` under `--force-exclude`.
    Excluded,
    NotMarkdown,
}

/// File name extensions of Markdown, as Jekyll's `markdown_ext` and the other generators know
/// them.
const MARKDOWN_EXTENSIONS: &[&str] = &["md", "mdx", "markdown", "mdown", "mkd", "mkdn", "mkdown"];

fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        MARKDOWN_EXTENSIONS
            .iter()
            .any(|m| m.eq_ignore_ascii_case(e))
    })
}

/// A named file is linted when the config picks it as a post; otherwise, unless
/// `--force-exclude` asks the config to decide, when it is Markdown.
fn named_file(path: &Path, settings: &Settings) -> Named {
    let picked = relative_slash(path, &settings.root).is_some_and(|rel| settings.is_post(&rel));
    if picked {
        Named::Lint
    } else if settings.force_exclude {
        Named::Excluded
    } else if is_markdown(path) {
        Named::Lint
    } else {
        Named::NotMarkdown
    }
}

pub(super) fn targets(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    cwd: &Path,
    settings: &Settings,
    site_files: &[PathBuf],
    default_to_cwd: bool,
) -> Result<Targets, RunError> {
    let mut files = Vec::new();
    let mut stdin = None;
    let mut outside = Vec::new();
    let mut folders = Vec::new();
    let mut empty_folders = Vec::new();
    let mut named_files = Vec::new();
    let default = [PathBuf::from(".")];
    let named = !paths.is_empty();
    let paths = if paths.is_empty() && default_to_cwd {
        &default[..]
    } else {
        paths
    };
    for raw in paths {
        if raw.as_os_str() == "-" {
            let name = stdin_filename.ok_or_else(|| {
                RunError::Usage("reading from `-` needs `--stdin-filename PATH`".to_string())
            })?;
            stdin = Some(normalize(&cwd.join(name)));
            continue;
        }
        let path = normalize(&cwd.join(raw));
        let metadata = match std::fs::metadata(&path) {
            Ok(metadata) => Some(metadata),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(RunError::Usage(format!(
                    "cannot read `{}`: {e}; check the permissions of the folders above it",
                    raw.display()
                )))
            }
        };
        if metadata.as_ref().is_some_and(|m| !m.is_dir()) {
            // A FIFO or a device too: reading it reports what it is.
            named_files.push(path);
        } else if metadata.is_some() {
            folders.push(path.clone());
            let under_root = path.starts_with(&settings.root);
            let candidates = if under_root {
                site_files
                    .iter()
                    .filter(|f| f.starts_with(&path))
                    .cloned()
                    .collect()
            } else {
                let walked = files_under(&path);
                outside.extend(walked.problems);
                walked.files
            };
            let before = files.len();
            files.extend(
                candidates
                    .into_iter()
                    .filter(|f| is_post(f, settings, &path)),
            );
            if files.len() == before {
                empty_folders.push(path);
            }
        } else if let Some(pattern) = raw.to_str().filter(|s| s.contains(['*', '?', '['])) {
            let glob = Glob::new(pattern.trim_start_matches("./"))
                .map_err(|e| RunError::Usage(format!("invalid glob `{pattern}`: {e}")))?
                .compile_matcher();
            let base = literal_prefix(cwd, pattern);
            let matched: Vec<_> = files_under(&base)
                .files
                .into_iter()
                .filter(|f| relative_slash(f, cwd).is_some_and(|r| glob.is_match(r)))
                .collect();
            if matched.is_empty() {
                return Err(RunError::Usage(format!("no file matches `{pattern}`")));
            }
            named_files.extend(matched);
        } else {
            return Err(RunError::Usage(format!(
                "path `{}` does not exist",
                raw.display()
            )));
        }
    }
    let mut excluded = 0;
    let mut not_markdown = Vec::new();
    for path in named_files {
        match named_file(&path, settings) {
            Named::Lint => files.push(path),
            Named::Excluded => excluded += 1,
            Named::NotMarkdown => not_markdown.push(path),
        }
    }
    files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    files.dedup();
    not_markdown.sort();
    not_markdown.dedup();
    Ok(Targets {
        files,
        stdin,
        problems: outside,
        folders,
        empty_folders,
        named,
        excluded,
        not_markdown,
    })
}

/// Under a named folder, posts are what the include/exclude globs pick (relative to the root,
/// or to the folder itself when it is outside the root).
fn is_post(file: &Path, settings: &Settings, folder: &Path) -> bool {
    match relative_slash(file, &settings.root) {
        Some(rel) => settings.is_post(&rel),
        None => {
            let rel = relative_slash(file, folder).unwrap_or_default();
            !settings.exclude.is_match(&rel)
                && matches!(
                    file.extension().and_then(|e| e.to_str()),
                    Some("md" | "mdx" | "markdown")
                )
        }
    }
}

/// The folder part of a glob before its first wildcard, to walk no more than needed.
fn literal_prefix(cwd: &Path, pattern: &str) -> PathBuf {
    let mut base = cwd.to_path_buf();
    for part in pattern.split('/') {
        if part.contains(['*', '?', '[', '{']) {
            break;
        }
        base.push(part);
    }
    if base.is_dir() {
        base
    } else {
        base.parent().map_or(cwd.to_path_buf(), Path::to_path_buf)
    }
}
