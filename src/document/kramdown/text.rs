//! Text as kramdown works on it: a string that it rewrites as it goes (quote markers and list
//! indentation removed, lines joined, tabs expanded), each byte knowing where it came from in
//! the file, and a scanner over it.

use crate::source::Span;
use std::ops::Range;

/// A string built from pieces of the file (and a few characters kramdown adds), with the file
/// offset of every byte.
#[derive(Clone, Debug, Default)]
pub(super) struct Mapped {
    pub(super) text: String,
    /// Sorted by `at`: from text offset `at` on, bytes come one to one from file offset `file`,
    /// or, when `synthetic`, were added by kramdown and all stand for `file`.
    segments: Vec<Segment>,
}

#[derive(Clone, Copy, Debug)]
struct Segment {
    at: usize,
    file: usize,
    synthetic: bool,
}

impl Mapped {
    /// `text`, whose first byte is at `file` in the file.
    pub(super) fn from_file(text: &str, file: usize) -> Self {
        Self {
            text: text.to_string(),
            segments: vec![Segment {
                at: 0,
                file,
                synthetic: false,
            }],
        }
    }

    pub(super) fn as_str(&self) -> &str {
        &self.text
    }

    pub(super) fn len(&self) -> usize {
        self.text.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn segment_index(&self, at: usize) -> Option<usize> {
        let i = self.segments.partition_point(|s| s.at <= at);
        i.checked_sub(1)
    }

    /// The file offset of the byte at `at` (of the end, for `at == len`).
    pub(super) fn file_at(&self, at: usize) -> usize {
        match self.segment_index(at).map(|i| self.segments[i]) {
            Some(s) if s.synthetic => s.file,
            Some(s) => s.file + (at - s.at),
            None => 0,
        }
    }

    /// The file offset right after the byte before `at`.
    fn file_end(&self, at: usize) -> usize {
        if at == 0 {
            return self.file_at(0);
        }
        match self.segment_index(at - 1).map(|i| self.segments[i]) {
            Some(s) if s.synthetic => s.file,
            Some(s) => s.file + (at - 1 - s.at) + 1,
            None => 0,
        }
    }

    /// Where `range` of this text is in the file.
    pub(super) fn file_span(&self, range: Range<usize>) -> Span {
        let start = self.file_at(range.start);
        let end = if range.end > range.start {
            self.file_end(range.end).max(start)
        } else {
            start
        };
        Span::new(start, end)
    }

    fn push_segment(&mut self, segment: Segment) {
        if let Some(last) = self.segments.last() {
            let contiguous = !last.synthetic
                && !segment.synthetic
                && segment.file.checked_sub(last.file) == segment.at.checked_sub(last.at);
            if contiguous || (last.synthetic && segment.synthetic && last.file == segment.file) {
                return;
            }
            if last.at == segment.at {
                self.segments.pop();
            }
        }
        self.segments.push(segment);
    }

    /// Appends `range` of `from`, keeping where each byte came from.
    pub(super) fn push_from(&mut self, from: &Mapped, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let first = from.segment_index(range.start).unwrap_or(0);
        let base = self.text.len();
        for s in from.segments.iter().skip(first) {
            if s.at >= range.end {
                break;
            }
            let start = s.at.max(range.start);
            let file = if s.synthetic {
                s.file
            } else {
                s.file + (start - s.at)
            };
            self.push_segment(Segment {
                at: base + start - range.start,
                file,
                synthetic: s.synthetic,
            });
        }
        self.text.push_str(&from.text[range]);
    }

    /// Appends text kramdown adds, standing for the file offset `file`.
    pub(super) fn push_synthetic(&mut self, text: &str, file: usize) {
        if text.is_empty() {
            return;
        }
        self.push_segment(Segment {
            at: self.text.len(),
            file,
            synthetic: true,
        });
        self.text.push_str(text);
    }

    /// A copy of `range`.
    pub(super) fn slice(&self, range: Range<usize>) -> Mapped {
        let mut out = Mapped::default();
        out.push_from(self, range.clone());
        if out.segments.is_empty() {
            out.segments.push(Segment {
                at: 0,
                file: self.file_at(range.start.min(self.len())),
                synthetic: true,
            });
        }
        out
    }

    /// Removes trailing characters for which `strip` holds.
    pub(super) fn trim_end_matches(&mut self, strip: impl Fn(char) -> bool) {
        let len = self.text.trim_end_matches(strip).len();
        self.truncate(len);
    }

    pub(super) fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        while self.segments.len() > 1 && self.segments.last().is_some_and(|s| s.at >= len) {
            self.segments.pop();
        }
    }

    /// The same text without its leading characters for which `strip` holds.
    pub(super) fn trim_start_matches(self, strip: impl Fn(char) -> bool) -> Mapped {
        let start = self.text.len() - self.text.trim_start_matches(strip).len();
        if start == 0 {
            self
        } else {
            self.slice(start..self.len())
        }
    }
}

/// kramdown's `StringScanner`: a position in a text, always at the start of what is left to
/// read (its `^` anchors match there, even in the middle of a line).
pub(super) struct Scanner<'m> {
    pub(super) text: &'m Mapped,
    pub(super) pos: usize,
    /// The last line end found, by where the search started: every block parser asks for the
    /// current line in turn.
    line_end: std::cell::Cell<(usize, usize)>,
}

impl<'m> Scanner<'m> {
    pub(super) fn new(text: &'m Mapped) -> Self {
        Self {
            text,
            pos: 0,
            line_end: std::cell::Cell::new((usize::MAX, 0)),
        }
    }

    pub(super) fn eos(&self) -> bool {
        self.pos >= self.text.len()
    }

    pub(super) fn rest(&self) -> &'m str {
        self.text.text.get(self.pos..).unwrap_or("")
    }

    /// The end of the line at `from` (after its `\n`, or the end of the text).
    pub(super) fn line_end_from(&self, from: usize) -> usize {
        let (cached_from, cached_end) = self.line_end.get();
        if cached_from == from {
            return cached_end;
        }
        let text = self.text.as_str();
        let end = match text.get(from..).and_then(|r| r.find('\n')) {
            Some(i) => from + i + 1,
            None => text.len(),
        };
        self.line_end.set((from, end));
        end
    }

    /// The current line, with its `\n`.
    pub(super) fn line(&self) -> &'m str {
        let end = self.line_end_from(self.pos);
        &self.text.text[self.pos..end]
    }

    /// The line starting at `at`, with its `\n`.
    pub(super) fn line_at(&self, at: usize) -> &'m str {
        let end = self.line_end_from(at);
        self.text.text.get(at..end).unwrap_or("")
    }

    pub(super) fn file_span(&self, range: Range<usize>) -> Span {
        self.text.file_span(range)
    }
}

/// Ruby's `\s`: space, tab, line feed, carriage return, form feed, vertical tab.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C')
}

pub(super) fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// Whether a line holds only Ruby `\s` characters.
pub(super) fn is_blank(line: &str) -> bool {
    line.bytes().all(is_space_byte)
}

/// Up to three leading spaces (kramdown's `OPT_SPACE`): how many.
pub(super) fn opt_space(line: &str) -> usize {
    line.bytes().take(3).take_while(|b| *b == b' ').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_keep_their_file_offsets() {
        let file = Mapped::from_file("> a\n> bc\n", 10);
        let mut m = Mapped::default();
        m.push_from(&file, 2..4);
        m.push_from(&file, 6..9);
        assert_eq!(m.as_str(), "a\nbc\n");
        assert_eq!(m.file_at(0), 12);
        assert_eq!(m.file_at(2), 16);
        assert_eq!(m.file_span(2..4), Span::new(16, 18));
        m.push_synthetic("  ", 19);
        assert_eq!(m.file_at(6), 19);
        let s = m.slice(2..5);
        assert_eq!(s.as_str(), "bc\n");
        assert_eq!(s.file_at(1), 17);
    }
}
