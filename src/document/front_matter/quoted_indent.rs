//! Quoted scalars whose continuation lines sit left of their block, read the way the YAML
//! readers of the generators read them.
//!
//! ```yaml
//! sidebar:
//!   - text: "first line
//! second line at column zero"
//! ```
//!
//! The YAML spec wants the second line indented into the sequence; saphyr refuses it ("invalid
//! indentation in quoted scalar"), but libyaml (Ruby's Psych, which Jekyll uses), js-yaml
//! (Docusaurus) and Hugo 0.168 load it as `"first line second line at column zero"`. Folding
//! drops the leading blanks of a quoted scalar's continuation lines, so indenting those lines to
//! the opening quote's column changes no value: [`indent_scalar`] does that on a copy of the text, and
//! [`Shifts`] maps the copy's offsets back to the written ones.

/// Spaces inserted into a copy of the text, one round per scalar indented: `(offset, count)`
/// in ascending order, offsets in the copy as it is after that round.
#[derive(Default)]
pub(super) struct Shifts(Vec<Vec<(usize, usize)>>);

impl Shifts {
    /// The offset in the written text of `offset` in the copy (spaces added map to the start of
    /// their line).
    pub(super) fn original(&self, offset: usize) -> usize {
        self.0.iter().rev().fold(offset, |offset, round| {
            let mut out = offset;
            for &(at, count) in round {
                if offset >= at + count {
                    out -= count;
                } else if offset > at {
                    out -= offset - at;
                }
            }
            out
        })
    }
}

/// Indents the continuation lines of the quoted scalar opening at byte `quote` of `text` to the
/// quote's column, recording the spaces added in `shifts`; `false` when there is nothing to
/// change (not a quote, unclosed, or already indented).
pub(super) fn indent_scalar(text: &mut String, quote: usize, shifts: &mut Shifts) -> bool {
    let Some(&delimiter) = text.as_bytes().get(quote) else {
        return false;
    };
    if delimiter != b'"' && delimiter != b'\'' {
        return false;
    }
    let line_start = text[..quote].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..quote].chars().count();
    let Some(end) = closing(text.as_bytes(), quote, delimiter) else {
        return false;
    };
    let mut inserts = Vec::new();
    let mut pos = quote;
    while let Some(newline) = text[pos..end].find('\n') {
        let start = pos + newline + 1;
        let blanks = text[start..]
            .bytes()
            .take_while(|&b| b == b' ' || b == b'\t')
            .count();
        let rest = &text[start + blanks..];
        // A blank line is a line break in the value, whatever its indentation.
        if blanks < column && !rest.starts_with('\n') && !rest.starts_with("\r\n") {
            inserts.push((start, column - blanks));
        }
        pos = start;
    }
    if inserts.is_empty() {
        return false;
    }
    let mut added = 0;
    let mut round = Vec::with_capacity(inserts.len());
    for (at, count) in inserts {
        text.insert_str(at + added, &" ".repeat(count));
        round.push((at + added, count));
        added += count;
    }
    shifts.0.push(round);
    true
}

/// The offset of the quote that closes the scalar opened at `quote`.
fn closing(bytes: &[u8], quote: usize, delimiter: u8) -> Option<usize> {
    let mut i = quote + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if delimiter == b'"' => i += 2,
            b'\'' if delimiter == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == delimiter => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_lines_move_to_the_quote_and_offsets_map_back() {
        let written = "a:\n  - t: \"one\n two\n\n  three\"\nb: 1\n";
        let mut text = written.to_string();
        let mut shifts = Shifts::default();
        assert!(indent_scalar(&mut text, 10, &mut shifts));
        assert_eq!(
            text,
            "a:\n  - t: \"one\n       two\n\n       three\"\nb: 1\n"
        );
        let b = text.find("b: 1").unwrap();
        assert_eq!(shifts.original(b), written.find("b: 1").unwrap());
        let two = text.find("two").unwrap();
        assert_eq!(shifts.original(two), written.find("two").unwrap());
        // Already indented: nothing to do.
        assert!(!indent_scalar(&mut text, 10, &mut shifts));
    }

    #[test]
    fn escapes_do_not_close_the_scalar() {
        let mut text = "k: 'it''s\nx'\n".to_string();
        let mut shifts = Shifts::default();
        assert!(indent_scalar(&mut text, 3, &mut shifts));
        assert_eq!(text, "k: 'it''s\n   x'\n");
        let mut text = "k: \"a \\\" b\nc\"\n".to_string();
        assert!(indent_scalar(&mut text, 3, &mut Shifts::default()));
        assert_eq!(text, "k: \"a \\\" b\n   c\"\n");
    }
}
