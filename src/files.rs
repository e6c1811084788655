//! Reading the files postlint reads (posts, the site's config and registries, a schema, the URL
//! cache): regular files only, opened without blocking (a FIFO would otherwise wait forever for
//! a writer) and checked through the open handle, and no larger than [`MAX_FILE_BYTES`].

use crate::limits::MAX_FILE_BYTES;
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;
use std::sync::Mutex;

#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    #[error("it is {0}, not a regular file")]
    NotRegular(&'static str),
    #[error("it is {0} bytes, over the {MAX_FILE_BYTES} bytes (16 MiB) postlint reads")]
    TooLarge(u64),
    #[error("it is not UTF-8 text")]
    NotUtf8,
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl ReadError {
    /// The file is simply not there (a missing optional file is no error).
    pub(crate) fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// The bytes of the regular file at `path` (symbolic links followed).
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_regular_sized(path)?;
    // Sized once: a post is read whole, and growing the buffer by doubling costs more than
    // the read itself.
    let mut bytes = Vec::with_capacity(size as usize + 1);
    // `take`: a file that grows while it is read still cannot exceed the ceiling.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The text of the regular file at `path`, which must be UTF-8.
pub(crate) fn read_text(path: &Path) -> Result<String, ReadError> {
    String::from_utf8(read_bytes(path)?).map_err(|_| ReadError::NotUtf8)
}

/// The text of an optional file: `Ok(None)` when there is none at `path`.
pub(crate) fn read_optional(path: &Path) -> Result<Option<String>, ReadError> {
    match read_text(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Opens `path` for reading if, seen through the open handle, it is a regular file of at
/// most [`MAX_FILE_BYTES`].
pub(crate) fn open_regular(path: &Path) -> Result<File, ReadError> {
    open_regular_sized(path).map(|(file, _)| file)
}

/// [`open_regular`], with the file's size when it was opened.
fn open_regular_sized(path: &Path) -> Result<(File, u64), ReadError> {
    let file = open_nonblocking(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind(&metadata)));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(metadata.len()));
    }
    Ok((file, metadata.len()))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Without O_NONBLOCK, opening a FIFO waits until some process opens it for writing.
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).open(path)
}

/// What a file that is not a regular file is, for messages.
pub(crate) fn kind(metadata: &Metadata) -> &'static str {
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    "a special file"
}

/// Problems with the site's optional files (generator config, registries), which the run goes
/// on without: reported as notes, never silently ignored. Shared by the rules that load such
/// files lazily, on any thread.
#[derive(Debug, Default)]
pub(crate) struct Notes(Mutex<Vec<String>>);

impl Notes {
    /// Records that the site file `shown` cannot be used, and why.
    pub(crate) fn unusable(&self, shown: &str, why: impl std::fmt::Display) {
        let note = format!("`{shown}` cannot be used: {why}; postlint goes on without it");
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(note);
    }

    /// The notes, sorted and without repeats.
    pub(crate) fn take(&self) -> Vec<String> {
        let mut notes = std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()));
        notes.sort();
        notes.dedup();
        notes
    }
}

/// The text of the optional site file `rel` under `root`: `None` when it is absent, or when it
/// cannot be read (not a regular file, too large, not UTF-8), which `notes` records.
pub(crate) fn read_site_file(root: &Path, rel: &str, notes: &Notes) -> Option<String> {
    match read_optional(&root.join(rel)) {
        Ok(text) => text,
        Err(e) => {
            notes.unusable(rel, e);
            None
        }
    }
}
