//! Path handling shared by discovery and reporting: lexical normalisation and display form.

use std::path::{Component, Path, PathBuf};

/// Removes `.` and resolves `..` lexically (without touching the file system).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `base` with `/` separators, if it lies under `base`.
pub fn relative_slash(path: &Path, base: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    Some(slash(rel))
}

/// A path with `/` separators whatever the platform.
pub fn slash(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// How a path is shown in reports: relative to the current folder when below it.
pub fn display(path: &Path, cwd: &Path) -> String {
    relative_slash(path, cwd).unwrap_or_else(|| slash(path))
}
