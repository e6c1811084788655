//! Fixes: byte edits, applying them without overlap, and writing a file back atomically.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read, Write};
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
///
/// Each fix is checked against the taken edits next to it in an ordered map, not against
/// every edit taken so far: a post with a hundred thousand fixes costs `n log n`, not `n²`.
pub(crate) fn apply_fixes<'a>(
    text: &str,
    fixes: impl IntoIterator<Item = &'a Fix>,
) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes.into_iter().filter(|f| f.safe).collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.offset).min().unwrap_or(0));
    // Taken edits by offset; an insertion (length 0) occupies its offset.
    let mut taken: BTreeMap<usize, &Edit> = BTreeMap::new();
    let mut applied = 0;
    for fix in fixes {
        let mut edits: Vec<&Edit> = fix.edits.iter().collect();
        edits.sort_by_key(|e| e.offset);
        let fits = edits.iter().all(|e| {
            e.end() <= text.len()
                && text.is_char_boundary(e.offset)
                && text.is_char_boundary(e.end())
                && !overlaps_taken(&taken, e)
        }) && edits.windows(2).all(|w| !overlap(w[0], w[1]));
        if fits {
            for e in &fix.edits {
                taken.insert(e.offset, e);
            }
            applied += 1;
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for edit in taken.values() {
        out.push_str(&text[last..edit.offset]);
        out.push_str(&edit.replacement);
        last = edit.end();
    }
    out.push_str(&text[last..]);
    (out, applied)
}

/// Whether two edits touch the same bytes (an insertion counts as one byte wide).
fn overlap(a: &Edit, b: &Edit) -> bool {
    a.offset < b.end().max(b.offset + 1) && b.offset < a.end().max(a.offset + 1)
}

/// Whether `edit` overlaps a taken edit. Taken edits never overlap each other, so only the
/// last one starting before `edit` ends can reach into it.
fn overlaps_taken(taken: &BTreeMap<usize, &Edit>, edit: &Edit) -> bool {
    let reach = edit.end().max(edit.offset + 1);
    taken
        .range(..reach)
        .next_back()
        .is_some_and(|(_, t)| overlap(t, edit))
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum WriteError {
    #[error("`{0}` changed since it was read; not writing fixes to it (run postlint again)")]
    ChangedOnDisk(String),
    #[error("cannot write fixes to `{0}`: {1}")]
    Io(String, io::Error),
    #[error("cannot write fixes to `{0}`: {1}")]
    Read(String, crate::files::ReadError),
}

/// Writes `new_text` to `path` through a temporary file in the same folder and a rename,
/// keeping the file's permissions, and only if the file still holds `original`.
///
/// A symbolic link is written through: the file it names gets the fixes and the link stays a
/// link. The file is compared with `original` once before anything is written and again after
/// the new text is on disk, right before the rename, so that an edit saved meanwhile (by an
/// editor, a formatter) is never overwritten; what remains is the instant between that last
/// comparison and the rename, which no rename-based write can close.
pub(crate) fn write_atomically(
    path: &Path,
    original: &str,
    new_text: &str,
) -> Result<(), WriteError> {
    write_atomically_checked(path, original, new_text, || {})
}

/// [`write_atomically`], running `before_last_check` once the new text is synced to the
/// temporary file, just before the last comparison (tests land an edit there).
pub(crate) fn write_atomically_checked(
    path: &Path,
    original: &str,
    new_text: &str,
    before_last_check: impl FnOnce(),
) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    let io_err = |e| WriteError::Io(shown.clone(), e);
    let target = fs::canonicalize(path).map_err(io_err)?;
    let unchanged = || -> Result<fs::Metadata, WriteError> {
        let file =
            crate::files::open_regular(&target).map_err(|e| WriteError::Read(shown.clone(), e))?;
        let metadata = file.metadata().map_err(io_err)?;
        let mut current = Vec::with_capacity(original.len());
        io::Read::take(file, original.len() as u64 + 1)
            .read_to_end(&mut current)
            .map_err(io_err)?;
        if current != original.as_bytes() {
            return Err(WriteError::ChangedOnDisk(shown.clone()));
        }
        Ok(metadata)
    };
    let metadata = unchanged()?;
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(io_err)?;
    temp.write_all(new_text.as_bytes()).map_err(io_err)?;
    fs::set_permissions(temp.path(), metadata.permissions()).map_err(io_err)?;
    temp.as_file().sync_all().map_err(io_err)?;
    before_last_check();
    let again = unchanged()?;
    if !same_file(&metadata, &again) {
        return Err(WriteError::ChangedOnDisk(shown));
    }
    temp.persist(&target).map_err(|e| io_err(e.error))?;
    // Make the rename itself durable where folders can be synced.
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Whether two looks at a path saw the same file, unmodified (same length and modification
/// time; on Unix also the same inode, so a file replaced by one with equal text counts too).
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if (a.dev(), a.ino()) != (b.dev(), b.ino()) {
            return false;
        }
    }
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_and_neighbours() {
        // Touching edits both apply; two edits at one offset do not.
        let a = Fix::safe(vec![Edit::replace(0, 2, "X")]);
        let b = Fix::safe(vec![Edit::replace(2, 0, "+")]);
        let c = Fix::safe(vec![Edit::replace(2, 0, "-")]);
        let (out, n) = apply_fixes("abcd", [&a, &b, &c]);
        assert_eq!((out.as_str(), n), ("X+cd", 2));
        // A fix whose own edits overlap is not applied; one whose edits are apart is.
        let bad = Fix::safe(vec![Edit::delete(1, 2), Edit::delete(2, 1)]);
        let good = Fix::safe(vec![Edit::delete(3, 1), Edit::delete(0, 1)]);
        let (out, n) = apply_fixes("abcd", [&bad, &good]);
        assert_eq!((out.as_str(), n), ("bc", 1));
    }

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

    #[test]
    fn an_edit_saved_while_fixes_are_written_is_never_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        fs::write(&path, "a<br>\nb\n").unwrap();
        let result = write_atomically_checked(&path, "a<br>\nb\n", "a\\\nb\n", || {
            fs::write(&path, "a<br>\nb\nsaved by the editor\n").unwrap()
        });
        assert!(
            matches!(result, Err(WriteError::ChangedOnDisk(_))),
            "{result:?}"
        );
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "a<br>\nb\nsaved by the editor\n"
        );
        // The same text in a file that replaced the one read is a change too.
        fs::write(&path, "x\n").unwrap();
        let result = write_atomically_checked(&path, "x\n", "y\n", || {
            let other = dir.path().join("other.md");
            fs::write(&other, "x\n").unwrap();
            fs::rename(&other, &path).unwrap();
        });
        assert!(
            matches!(result, Err(WriteError::ChangedOnDisk(_))),
            "{result:?}"
        );
        // Nothing in between: written, through a symbolic link, which stays a link.
        #[cfg(unix)]
        {
            let link = dir.path().join("link.md");
            std::os::unix::fs::symlink(&path, &link).unwrap();
            write_atomically(&link, "x\n", "y\n").unwrap();
            assert!(fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(fs::read_to_string(&path).unwrap(), "y\n");
        }
    }
}
