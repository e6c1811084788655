//! Fixes: byte edits, applying them without overlap, and writing a file back atomically.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub offset: usize,
    pub length: usize,
    pub replacement: String,
}

impl Edit {
    pub fn replace(offset: usize, length: usize, replacement: impl Into<String>) -> Self {
        Self {
            offset,
            length,
            replacement: replacement.into(),
        }
    }

    pub fn delete(offset: usize, length: usize) -> Self {
        Self::replace(offset, length, "")
    }

    fn end(&self) -> usize {
        self.offset + self.length
    }
}

/// A set of edits that belong together; `safe` fixes keep the rendered page the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub safe: bool,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(edits: Vec<Edit>) -> Self {
        Self { safe: true, edits }
    }
}

/// Applies fixes in offset order, skipping any fix that overlaps one already taken (the
/// next lint pass picks it up). Returns the new text and the number of fixes applied.
pub(crate) fn apply_fixes<'a>(
    text: &str,
    fixes: impl IntoIterator<Item = &'a Fix>,
) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes.into_iter().filter(|f| f.safe).collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.offset).min().unwrap_or(0));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let overlaps = fix.edits.iter().any(|e| {
            e.end() > text.len()
                || !text.is_char_boundary(e.offset)
                || !text.is_char_boundary(e.end())
                || taken
                    .iter()
                    .any(|t| e.offset < t.end() && t.offset < e.end().max(e.offset + 1))
        });
        if !overlaps {
            taken.extend(fix.edits.iter());
            applied += 1;
        }
    }
    taken.sort_by_key(|e| e.offset);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for edit in taken {
        out.push_str(&text[last..edit.offset]);
        out.push_str(&edit.replacement);
        last = edit.end();
    }
    out.push_str(&text[last..]);
    (out, applied)
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum WriteError {
    #[error("`{0}` changed since it was read; not writing fixes to it")]
    ChangedOnDisk(String),
    #[error("cannot write `{0}`: {1}")]
    Io(String, io::Error),
}

/// Writes `new_text` to `path` through a temporary file in the same folder and a rename,
/// keeping the file's permissions, and only if the file still holds `original`.
pub(crate) fn write_atomically(
    path: &Path,
    original: &str,
    new_text: &str,
) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    let io_err = |e| WriteError::Io(shown.clone(), e);
    let current = fs::read(path).map_err(io_err)?;
    if current != original.as_bytes() {
        return Err(WriteError::ChangedOnDisk(shown));
    }
    let permissions = fs::metadata(path).map_err(io_err)?.permissions();
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(io_err)?;
    temp.write_all(new_text.as_bytes()).map_err(io_err)?;
    temp.as_file().sync_all().map_err(io_err)?;
    fs::set_permissions(temp.path(), permissions).map_err(io_err)?;
    temp.persist(path).map_err(|e| io_err(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_fixes_are_skipped() {
        let a = Fix::safe(vec![Edit::replace(0, 3, "x")]);
        let b = Fix::safe(vec![Edit::replace(2, 2, "y")]);
        let c = Fix::safe(vec![Edit::delete(5, 1)]);
        let (out, n) = apply_fixes("abcdefg", [&a, &b, &c]);
        assert_eq!(out, "xdeg");
        assert_eq!(n, 2);
    }

    #[test]
    fn write_refuses_a_file_changed_since_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        fs::write(&path, "changed by the editor").unwrap();
        let result = write_atomically(&path, "what postlint read", "fixed");
        assert!(matches!(result, Err(WriteError::ChangedOnDisk(_))));
        assert_eq!(fs::read_to_string(&path).unwrap(), "changed by the editor");
    }
}
