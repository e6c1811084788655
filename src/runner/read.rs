//! Reading one post into a [`Document`]: from disk or from standard input, checked to be UTF-8
//! text, then scanned (front matter only, for the site index) or parsed (for the rules).

use crate::document::{Document, ParseOptions};
use crate::files::ReadError;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// A post that could not be turned into a document.
pub(super) struct Unreadable {
    pub(super) path: PathBuf,
    /// The text as far as it could be read (lossily), for the report's excerpt.
    pub(super) text: String,
    pub(super) offset: usize,
    pub(super) message: String,
    pub(super) help: &'static str,
}

/// How much of a post to read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Depth {
    /// Its front matter ([`Document::scan`]).
    FrontMatter,
    /// All of it ([`Document::parse`]).
    Full,
}

/// The post at `path`, its text from `stdin` when given, else from disk.
pub(super) fn read_post(
    path: &Path,
    display_path: String,
    stdin: Option<&[u8]>,
    options: &ParseOptions,
    depth: Depth,
) -> Result<Document, Unreadable> {
    let read;
    let bytes = match stdin {
        Some(bytes) => bytes,
        None => {
            read = crate::files::read_bytes(path).map_err(|e| cannot_read(path, e))?;
            &read
        }
    };
    // Every post is validated twice a run (scanned, then checked): SIMD validation, and a
    // copy into the `String` the document keeps, cost far less than `String::from_utf8`.
    let text = simdutf8::basic::from_utf8(bytes).map_err(|_| not_utf8(path, bytes))?;
    Ok(match depth {
        Depth::FrontMatter => Document::scan(path.to_path_buf(), display_path, text, options),
        Depth::Full => Document::parse(
            SourceFile {
                path: path.to_path_buf(),
                display_path,
                text: text.to_owned(),
            },
            options,
        ),
    })
}

fn cannot_read(path: &Path, e: ReadError) -> Unreadable {
    Unreadable {
        path: path.to_path_buf(),
        text: String::new(),
        offset: 0,
        message: format!("cannot read the file: {e}"),
        help: match e {
            ReadError::NotRegular(_) => "lint the post itself, not a special file",
            ReadError::TooLarge(_) => "split the post; no real post comes near this",
            _ => "check that the file can be read",
        },
    }
}

fn not_utf8(path: &Path, bytes: &[u8]) -> Unreadable {
    let offset = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    Unreadable {
        path: path.to_path_buf(),
        text: String::from_utf8_lossy(bytes).into_owned(),
        offset,
        message: format!("the file is not valid UTF-8 (invalid byte at offset {offset})"),
        help: "save the post as UTF-8 text",
    }
}
