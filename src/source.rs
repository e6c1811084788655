//! Source text of one file and the byte-offset → line/column mapping used when printing.

use std::path::PathBuf;

/// A half-open byte range into a file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    pub fn shifted(self, by: usize) -> Self {
        Self::new(self.start + by, self.end + by)
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub fn covers(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// One file as read from disk (or standard input).
#[derive(Debug)]
pub(crate) struct SourceFile {
    /// Where the file is on disk.
    pub path: PathBuf,
    /// The path as reported: relative to the current folder, with `/` separators.
    pub display_path: String,
    pub text: String,
}

/// Line start offsets of a text; built lazily, only when a diagnostic is printed.
pub(crate) struct LineIndex {
    line_starts: Vec<usize>,
}

/// A 1-based line and a 1-based column counted in Unicode code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LineColumn {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { line_starts }
    }

    /// Line and code-point column of a byte offset; offsets past the end or inside a
    /// character are clamped to the nearest character boundary before them.
    pub(crate) fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = text[start..offset].chars().count() + 1;
        LineColumn {
            line: line + 1,
            column,
        }
    }
}

/// The largest char boundary not after `offset` (clamped to the text).
pub(crate) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_code_points() {
        let text = "---\ntitle: 한국어 제목\n---\n";
        let index = LineIndex::new(text);
        let offset = text.find("제목").unwrap();
        assert_eq!(
            index.line_column(text, offset),
            LineColumn {
                line: 2,
                column: 12
            }
        );
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let text = "a\nb";
        let index = LineIndex::new(text);
        assert_eq!(
            index.line_column(text, 99),
            LineColumn { line: 2, column: 2 }
        );
    }
}
