//! Source text of one file and the byte-offset → line/column mapping used when printing.

mod excerpt;

pub use excerpt::Excerpt;
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

/// A set of byte ranges, sorted and merged once, asked "does it hold this offset / touch this
/// span" in logarithmic time: a post with a hundred thousand code spans and as many links must
/// not compare every link with every span.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SpanSet {
    /// Disjoint, sorted, non-empty ranges.
    merged: Vec<Span>,
}

impl SpanSet {
    pub(crate) fn new(spans: impl IntoIterator<Item = Span>) -> Self {
        let mut spans: Vec<Span> = spans.into_iter().filter(|s| !s.is_empty()).collect();
        spans.sort_unstable();
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        Self { merged }
    }

    /// Whether some range holds `offset`.
    pub(crate) fn contains(&self, offset: usize) -> bool {
        let i = self.merged.partition_point(|s| s.start <= offset);
        i > 0 && self.merged[i - 1].contains(offset)
    }

    /// Whether some range shares a byte with `span` (an empty `span` at an offset counts as
    /// that offset).
    pub(crate) fn overlaps(&self, span: Span) -> bool {
        let end = span.end.max(span.start + 1);
        let i = self.merged.partition_point(|s| s.start < end);
        i > 0 && self.merged[i - 1].end > span.start
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
#[derive(Clone, Debug)]
pub(crate) struct LineIndex {
    line_starts: Vec<usize>,
    /// In lines longer than [`MARK_EVERY`] bytes, a mark every `MARK_EVERY` bytes: its offset
    /// and the code points from its line's start to it. A column is then counted from the
    /// nearest mark, so a single 4 MB line with 100k findings costs no more than short ones.
    marks: Vec<(usize, usize)>,
}

const MARK_EVERY: usize = 4096;

/// A 1-based line and a 1-based column counted in Unicode code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LineColumn {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    /// Lines end at `\n`, `\r\n` or a lone `\r` (classic Mac OS files), as CommonMark says.
    pub(crate) fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        line_starts.extend(
            line_end_bytes(bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        let mut marks = Vec::new();
        let ends = line_starts.iter().skip(1).copied().chain([text.len()]);
        for (&start, end) in line_starts.iter().zip(ends) {
            if end - start <= MARK_EVERY {
                continue;
            }
            let (mut next, mut chars) = (start + MARK_EVERY, 0);
            for (i, _) in text[start..end].char_indices() {
                if start + i >= next {
                    marks.push((start + i, chars));
                    next = start + i + MARK_EVERY;
                }
                chars += 1;
            }
        }
        Self { line_starts, marks }
    }

    /// Line and code-point column of a byte offset; offsets past the end or inside a
    /// character are clamped to the nearest character boundary before them.
    pub(crate) fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let mark = self.marks.partition_point(|&(at, _)| at <= offset);
        let (from, chars) = match mark.checked_sub(1).map(|m| self.marks[m]) {
            Some((at, chars)) if at >= start => (at, chars),
            _ => (start, 0),
        };
        let column = chars + text[from..offset].chars().count() + 1;
        LineColumn {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of the start of a 0-based line.
    pub(crate) fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }

    /// 0-based line number of a byte offset.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }
}

/// Offsets of every `\r` and `\n`.
fn line_end_bytes(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'\n', b'\r', bytes)
}

/// `text` with every lone `\r` (a classic Mac OS line ending) turned into `\n`, so that parsers
/// that know only `\n` and `\r\n` see the same lines; same length, so every offset holds.
pub(crate) fn lone_cr_as_lf(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    // Most posts have no `\r` at all, and Windows ones a `\r\n` on every line.
    if !memchr::memchr_iter(b'\r', bytes).any(lone) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for (i, b) in out.iter_mut().enumerate() {
        if lone(i) {
            *b = b'\n';
        }
    }
    // One ASCII byte replaced by another: still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
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
    fn lone_carriage_returns_end_lines() {
        let text = "a\rb\r\nc\nd";
        let index = LineIndex::new(text);
        let line = |offset| index.line_column(text, offset).line;
        assert_eq!(
            [line(0), line(2), line(5), line(7)],
            [1, 2, 3, 4],
            "a | b (CRLF) | c | d"
        );
        assert_eq!(lone_cr_as_lf(text), "a\nb\r\nc\nd");
        assert!(matches!(
            lone_cr_as_lf("a\r\nb"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn columns_on_long_lines_count_from_marks() {
        let line = "가나다 abc ".repeat(3_000);
        let text = format!("x\n{line}\n{line}");
        let index = LineIndex::new(&text);
        for offset in [2, 5000, 12_345, 2 + line.len(), text.len() - 7, text.len()] {
            let offset = floor_char_boundary(&text, offset);
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let want = text[start..offset].chars().count() + 1;
            assert_eq!(index.line_column(&text, offset).column, want, "at {offset}");
        }
    }

    #[test]
    fn span_sets() {
        let set = SpanSet::new([Span::new(10, 20), Span::new(15, 30), Span::new(40, 41)]);
        assert!(!set.contains(9) && set.contains(10) && set.contains(29) && !set.contains(30));
        assert!(set.contains(40) && !set.contains(41));
        assert!(set.overlaps(Span::new(0, 11)) && !set.overlaps(Span::new(0, 10)));
        assert!(set.overlaps(Span::new(25, 25)) && !set.overlaps(Span::new(30, 40)));
        assert!(set.overlaps(Span::new(29, 100)));
        assert!(!SpanSet::default().overlaps(Span::new(0, 5)));
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
