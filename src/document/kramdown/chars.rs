//! The character classes of kramdown's regular expressions, as Ruby 3.1's Onigmo reads them:
//! `\w`, `\s` and `\d` are ASCII, `[[:alpha:]]` is Unicode `Alphabetic`, `[[:alnum:]]` adds
//! decimal digits, `\p{Word}` adds marks and connector punctuation.

use regex::Regex;
use std::sync::LazyLock;

/// `[[:alpha:]]`.
pub(super) fn is_alpha(c: char) -> bool {
    c.is_alphabetic()
}

/// `[[:alnum:]]`.
pub(super) fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    static DIGIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\p{Nd}$").expect("constant regex"));
    let mut buf = [0u8; 4];
    c.is_alphabetic() || DIGIT.is_match(c.encode_utf8(&mut buf))
}

/// The length of the XML name (REXML's `UNAME_STR`, kramdown's tag names) at the start of
/// `text`: `[[:alpha:]_][-[:alnum:]._]*`, optionally after a `prefix:`.
pub(super) fn xml_name_len(text: &str) -> usize {
    let ncname = |s: &str| -> usize {
        let mut chars = s.char_indices();
        match chars.next() {
            Some((_, c)) if is_alpha(c) || c == '_' => {}
            _ => return 0,
        }
        chars
            .find(|(_, c)| !(is_alnum(*c) || matches!(c, '-' | '.' | '_')))
            .map_or(s.len(), |(i, _)| i)
    };
    let first = ncname(text);
    if first == 0 {
        return 0;
    }
    if text[first..].starts_with(':') {
        let second = ncname(&text[first + 1..]);
        if second > 0 {
            return first + 1 + second;
        }
    }
    first
}

/// Whether a Ruby `\b` lies at `at` in `text`: unlike `\w`, Onigmo's word boundary knows
/// Unicode letters and digits.
pub(super) fn word_boundary(text: &str, at: usize) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..at].chars().next_back().is_some_and(is_word);
    let after = text[at..].chars().next().is_some_and(is_word);
    before != after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(xml_name_len("div class"), 3);
        assert_eq!(xml_name_len("세션 정리>"), "세션".len());
        assert_eq!(xml_name_len("svg:rect x"), 8);
        assert_eq!(xml_name_len("1a"), 0);
        assert_eq!(xml_name_len("a:"), 1);
        assert!(word_boundary("a b", 1));
        assert!(!word_boundary("ab", 1));
    }
}
