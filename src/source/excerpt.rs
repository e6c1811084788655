//! What a report keeps of a file's text once the run is done with it: the lines around each
//! finding (and each fix's edits), with where they are in the file, so line/column positions
//! and code frames can be printed without holding every post's text until the end of the run;
//! or, for outputs that print no code frame, only the positions themselves.

use super::{floor_char_boundary, LineColumn, LineIndex, Span};

/// Bytes of a long line kept on each side of a finding: what a code frame shows of it.
pub(crate) const WINDOW: usize = 240;

/// The parts of a file's text that its findings need: for each span, its lines and one line
/// of context on each side, cut to [`WINDOW`] bytes on each side on long lines. Or, made with
/// [`Excerpt::positions_only`], no text at all: the line and column of each span's ends.
#[derive(Clone, Debug, Default)]
pub struct Excerpt {
    /// Disjoint, in file order.
    pieces: Vec<Piece>,
    /// Without pieces: where each end of each span is, by offset.
    positions: Vec<Position>,
    /// The file's length in bytes.
    len: usize,
}

/// A byte offset with its 1-based line and code-point column. `u32`: no file postlint reads
/// comes near 4 GiB ([`crate::limits::MAX_FILE_BYTES`]).
#[derive(Clone, Copy, Debug)]
struct Position {
    offset: u32,
    line: u32,
    column: u32,
}

#[derive(Clone, Debug)]
struct Piece {
    /// Where the piece starts in the file.
    start: usize,
    /// 0-based line of `start` and the code points from its line's start to it.
    line: usize,
    column: usize,
    text: String,
    lines: LineIndex,
}

impl Excerpt {
    /// Keeps what the findings at `spans` need of `text`.
    pub(crate) fn new(text: &str, spans: impl IntoIterator<Item = Span>) -> Self {
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let mut lines: Option<LineIndex> = None;
        for span in spans {
            let lines = lines.get_or_insert_with(|| LineIndex::new(text));
            ranges.push(frame_range(text, lines, span));
        }
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (from, to) in ranges {
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        let pieces = match &lines {
            Some(index) => merged
                .into_iter()
                .map(|(from, to)| {
                    let at = index.line_column(text, from);
                    let piece_text = text[from..to].to_string();
                    Piece {
                        start: from,
                        line: at.line - 1,
                        column: at.column - 1,
                        lines: LineIndex::new(&piece_text),
                        text: piece_text,
                    }
                })
                .collect(),
            None => Vec::new(),
        };
        Self {
            pieces,
            positions: Vec::new(),
            len: text.len(),
        }
    }

    /// Keeps only the line and column of both ends of each span: what every output but a
    /// code frame prints, at 12 bytes an offset instead of the lines around it.
    pub(crate) fn positions_only(text: &str, spans: impl IntoIterator<Item = Span>) -> Self {
        let mut offsets: Vec<usize> = spans.into_iter().flat_map(|s| [s.start, s.end]).collect();
        offsets.sort_unstable();
        offsets.dedup();
        let mut positions = Vec::with_capacity(offsets.len());
        if !offsets.is_empty() {
            let lines = LineIndex::new(text);
            positions.extend(offsets.into_iter().filter_map(|offset| {
                let at = lines.line_column(text, offset);
                Some(Position {
                    offset: u32::try_from(offset).ok()?,
                    line: u32::try_from(at.line).ok()?,
                    column: u32::try_from(at.column).ok()?,
                })
            }));
        }
        Self {
            pieces: Vec::new(),
            positions,
            len: text.len(),
        }
    }

    /// The length of the file the excerpt was taken from.
    pub fn file_len(&self) -> usize {
        self.len
    }

    /// The kept text around `offset`: where it starts in the file and the text.
    pub fn text_around(&self, offset: usize) -> Option<(usize, &str)> {
        self.piece(offset).map(|p| (p.start, p.text.as_str()))
    }

    /// The 1-based line and code-point column of a byte offset of the file; offsets inside a
    /// character count from its start. An offset no finding asked for gives line 1, column 1.
    /// (Without pieces, only the ends of the spans given are known.)
    pub(crate) fn line_column(&self, offset: usize) -> LineColumn {
        match self.piece(offset.min(self.len)) {
            Some(piece) => piece.line_column(offset),
            None => self
                .kept_position(offset)
                .unwrap_or(LineColumn { line: 1, column: 1 }),
        }
    }

    /// The position kept for exactly `offset` by [`Excerpt::positions_only`].
    fn kept_position(&self, offset: usize) -> Option<LineColumn> {
        let offset = u32::try_from(offset).ok()?;
        let i = self
            .positions
            .binary_search_by_key(&offset, |p| p.offset)
            .ok()?;
        let at = self.positions[i];
        Some(LineColumn {
            line: at.line as usize,
            column: at.column as usize,
        })
    }

    /// The 1-based line and code-point column of a byte offset of the file.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let at = self.line_column(offset);
        (at.line, at.column)
    }

    /// The lines around `span` with `before` and `after` lines of context (at most one each
    /// side is kept), no more than [`WINDOW`] bytes each side of the span on a long line: the
    /// text, where it starts in the file, and the line and column of that start (0-based).
    pub(crate) fn frame(&self, span: Span, before: usize, after: usize) -> Option<Frame<'_>> {
        let piece = self.piece(span.start)?;
        let text = piece.text.as_str();
        let start = floor_char_boundary(text, span.start.saturating_sub(piece.start));
        let end = floor_char_boundary(text, start + span.len()).max(start);
        let first = piece.lines.line_of(start).saturating_sub(before);
        let last = piece.lines.line_of(end) + after;
        let from = piece.lines.line_start(first).unwrap_or(0);
        let to = piece.lines.line_start(last + 1).unwrap_or(text.len());
        let from = floor_char_boundary(text, from.max(start.saturating_sub(WINDOW)));
        let to = floor_char_boundary(text, to.min(end + WINDOW)).max(end);
        Some(Frame {
            text: &text[from..to],
            data_start: piece.start + from,
        })
    }

    fn piece(&self, offset: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.start <= offset);
        let piece = &self.pieces[i.checked_sub(1)?];
        (offset <= piece.start + piece.text.len()).then_some(piece)
    }
}

impl Piece {
    fn line_column(&self, offset: usize) -> LineColumn {
        let at = self
            .lines
            .line_column(&self.text, offset.saturating_sub(self.start));
        LineColumn {
            line: self.line + at.line,
            column: if at.line == 1 {
                self.column + at.column
            } else {
                at.column
            },
        }
    }
}

/// What a code frame shows of a finding: the text, and where it starts in the file.
pub(crate) struct Frame<'a> {
    pub(crate) text: &'a str,
    pub(crate) data_start: usize,
}

/// The part of `text` that a frame of `span` can show: its lines and one line each side, no
/// more than [`WINDOW`] bytes each side of it.
fn frame_range(text: &str, lines: &LineIndex, span: Span) -> (usize, usize) {
    let start = floor_char_boundary(text, span.start);
    let end = floor_char_boundary(text, span.end.max(start)).max(start);
    let first = lines.line_of(start).saturating_sub(1);
    let last = lines.line_of(end) + 1;
    let from = lines.line_start(first).unwrap_or(0);
    let to = lines.line_start(last + 1).unwrap_or(text.len());
    let from = floor_char_boundary(text, from.max(start.saturating_sub(WINDOW)));
    let to = floor_char_boundary(text, to.min(end + WINDOW)).max(end);
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positions(text: &str, spans: &[Span], offsets: &[usize]) {
        let excerpt = Excerpt::new(text, spans.iter().copied());
        let index = LineIndex::new(text);
        for &offset in offsets {
            assert_eq!(
                excerpt.line_column(offset),
                index.line_column(text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn positions_match_the_whole_text() {
        let text = "첫 줄\r\n둘째 줄 with <br>\n셋째\r넷째 줄\n\n다섯째 <br/> 끝";
        let spans: Vec<Span> = ["<br>", "넷째", "<br/>"]
            .iter()
            .map(|s| {
                let at = text.find(s).unwrap();
                Span::new(at, at + s.len())
            })
            .collect();
        let offsets: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
        positions(text, &spans, &offsets);
        positions(text, &[Span::new(0, 0)], &[0]);
        positions(text, &[Span::new(text.len(), text.len())], &[text.len()]);
    }

    #[test]
    fn positions_only_match_the_whole_text() {
        let text = "첫 줄\r\n둘째 줄 with <br>\n셋째\r넷째 줄\n\n다섯째 <br/> 끝";
        let index = LineIndex::new(text);
        let at = |s: &str| text.find(s).unwrap();
        let spans = [
            Span::new(at("<br>"), at("<br>") + 4),
            Span::new(at("넷째") + 1, at("넷째") + 1),
            Span::new(at("<br/>"), text.len() + 9),
        ];
        let excerpt = Excerpt::positions_only(text, spans);
        for offset in spans.iter().flat_map(|s| [s.start, s.end]) {
            assert_eq!(
                excerpt.line_column(offset),
                index.line_column(text, offset),
                "offset {offset}"
            );
        }
        assert!(excerpt.pieces.is_empty() && excerpt.frame(spans[0], 1, 1).is_none());
        assert_eq!(excerpt.file_len(), text.len());
    }

    #[test]
    fn long_lines_keep_a_window() {
        let line = "가나다 abc ".repeat(3_000);
        let text = format!("x\n{line}\n{line}");
        let at = text.len() / 2;
        let at = floor_char_boundary(&text, at);
        let span = Span::new(at, at + 3);
        let excerpt = Excerpt::new(&text, [span]);
        let kept: usize = excerpt.pieces.iter().map(|p| p.text.len()).sum();
        assert!(kept <= 2 * WINDOW + 3, "kept {kept} bytes");
        positions(&text, &[span], &[at, at + 3]);
    }

    #[test]
    fn frames_show_one_line_of_context() {
        let text = "one\ntwo\nthree <br>\nfour\nfive\n";
        let at = text.find("<br>").unwrap();
        let excerpt = Excerpt::new(text, [Span::new(at, at + 4)]);
        let frame = excerpt.frame(Span::new(at, at + 4), 1, 1).unwrap();
        assert_eq!(frame.text, "two\nthree <br>\nfour\n");
        assert_eq!(frame.data_start, text.find("two").unwrap());
        assert!(Excerpt::new(text, [])
            .frame(Span::new(0, 1), 1, 1)
            .is_none());
    }
}
