//! Path handling shared by discovery and reporting: lexical normalisation and display form.

use std::path::{Component, Path, PathBuf};

/// Removes `.` and resolves `..` lexically (without touching the file system).
pub(crate) fn normalize(path: &Path) -> PathBuf {
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
pub(crate) fn relative_slash(path: &Path, base: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    Some(slash(rel))
}

/// A path with `/` separators whatever the platform.
pub(crate) fn slash(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        if component == Component::RootDir {
            if !out.ends_with('/') {
                out.push('/');
            }
            continue;
        }
        if !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(&component.as_os_str().to_string_lossy());
    }
    out
}

/// How a path is shown in reports: relative to the current folder when below it.
pub(crate) fn display(path: &Path, cwd: &Path) -> String {
    relative_slash(path, cwd).unwrap_or_else(|| slash(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_forms() {
        assert_eq!(slash(Path::new("/tmp/x.md")), "/tmp/x.md");
        assert_eq!(slash(Path::new("blog/a.md")), "blog/a.md");
        assert_eq!(normalize(Path::new("a/./b/../c")), PathBuf::from("a/c"));
    }
}
