//! Finding files: the whole site under the root (honouring `.gitignore` and `.ignore`), and
//! the targets named on the command line (files, folders, glob patterns).

use crate::error::RunError;
use crate::paths::{normalize, relative_slash};
use crate::settings::Settings;
use globset::Glob;
use ignore::{WalkBuilder, WalkState};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Every file under `folder`, sorted, as absolute paths.
pub(super) fn files_under(folder: &Path) -> Vec<PathBuf> {
    let found = Mutex::new(Vec::new());
    WalkBuilder::new(folder)
        .hidden(true)
        .require_git(false)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                if let Ok(entry) = entry {
                    if entry.file_type().is_some_and(|t| t.is_file()) {
                        if let Ok(mut found) = found.lock() {
                            found.push(entry.into_path());
                        }
                    }
                }
                WalkState::Continue
            })
        });
    let mut files = found.into_inner().unwrap_or_default();
    files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    files
}

/// What to report on: explicit files, and posts found under named folders or by globs.
pub(super) struct Targets {
    pub files: Vec<PathBuf>,
    /// `-`: the post comes from standard input, reported under this path.
    pub stdin: Option<PathBuf>,
}

pub(super) fn targets(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    cwd: &Path,
    settings: &Settings,
    site_files: &[PathBuf],
) -> Result<Targets, RunError> {
    let mut files = Vec::new();
    let mut stdin = None;
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
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
        if path.is_file() {
            files.push(path);
        } else if path.is_dir() {
            let under_root = path.starts_with(&settings.root);
            let candidates = if under_root {
                site_files
                    .iter()
                    .filter(|f| f.starts_with(&path))
                    .cloned()
                    .collect()
            } else {
                files_under(&path)
            };
            files.extend(
                candidates
                    .into_iter()
                    .filter(|f| is_post(f, settings, &path)),
            );
        } else if let Some(pattern) = raw.to_str().filter(|s| s.contains(['*', '?', '['])) {
            let glob = Glob::new(pattern.trim_start_matches("./"))
                .map_err(|e| RunError::Usage(format!("invalid glob `{pattern}`: {e}")))?
                .compile_matcher();
            let base = literal_prefix(cwd, pattern);
            let matched: Vec<_> = files_under(&base)
                .into_iter()
                .filter(|f| relative_slash(f, cwd).is_some_and(|r| glob.is_match(r)))
                .collect();
            if matched.is_empty() {
                return Err(RunError::Usage(format!("no file matches `{pattern}`")));
            }
            files.extend(matched);
        } else {
            return Err(RunError::Usage(format!(
                "path `{}` does not exist",
                raw.display()
            )));
        }
    }
    files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    files.dedup();
    Ok(Targets { files, stdin })
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
