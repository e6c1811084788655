//! The front matter most posts have, read without the YAML parser: `key: value` lines whose
//! values are plain or simply quoted scalars on one line, one-line `[a, b]` lists, or `- item`
//! lists under the key. saphyr reads a block like that at about seventy instructions a byte,
//! which made the front matter half of a pre-commit run (every post of the site is scanned);
//! this reads it at a few, into the same tree with the same spans.
//!
//! Anything else — a comment, a blank line, nesting, a scalar over several lines or with an
//! escape, an anchor, a tag, a key written twice, a key that is not a plain word — returns
//! `None`, and saphyr reads the block as before. Plain scalars are typed by saphyr's own
//! resolver, so `true`, `0x1f` and `2024-01-02` get the types saphyr gives them.

use super::{FmEntry, FmNode, FmValue};
use crate::source::Span;
use saphyr::Scalar;
use std::borrow::Cow;

/// Blocks longer than this go to saphyr (its ceilings decide what happens to huge ones).
const MAX_BYTES: usize = 16 * 1024;

/// The mapping of `content` (the text between the delimiter lines), with spans in `content`,
/// when every line has one of the simple shapes; else `None`.
pub(super) fn parse(content: &str) -> Option<FmNode> {
    if content.is_empty()
        || content.len() > MAX_BYTES
        || !content.ends_with('\n')
        || content.contains(['\r', '\t'])
    {
        return None;
    }
    let mut entries: Vec<FmEntry> = Vec::new();
    // The block list under the last key, being read: its items' indentation, and the items.
    let mut list: Option<(usize, Vec<FmNode>)> = None;
    let mut offset = 0;
    for line in content.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let line = &line[..line.len() - 1];
        if line.starts_with(' ') {
            let indent = line.bytes().take_while(|b| *b == b' ').count();
            let item = line[indent..].strip_prefix("- ")?;
            let (items_indent, items) = list.as_mut()?;
            if items.is_empty() {
                *items_indent = indent;
            }
            if *items_indent != indent || item.starts_with(' ') {
                return None;
            }
            items.push(scalar(item, start + indent + 2, false)?);
            continue;
        }
        close_list(&mut entries, &mut list)?;
        let (key, rest) = line.split_once(':')?;
        if !is_plain_key(key) || entries.iter().any(|e| e.key == key) {
            return None;
        }
        let key_span = Span::new(start, start + key.len());
        let value_text = rest.trim_start_matches(' ');
        let value_at = start + line.len() - value_text.len();
        let value = if rest.is_empty() {
            // `key:` alone: a block list follows (or the value is null: saphyr decides).
            list = Some((0, Vec::new()));
            FmNode {
                span: Span::new(value_at, value_at),
                value: FmValue::Null,
            }
        } else if rest.starts_with(' ') && !value_text.is_empty() && !value_text.ends_with(' ') {
            value(value_text, value_at)?
        } else {
            return None;
        };
        entries.push(FmEntry {
            key: key.to_string(),
            key_span,
            value,
        });
    }
    close_list(&mut entries, &mut list)?;
    let first = entries.first()?.key_span.start;
    // saphyr's span of the mapping ends where the block does (after a list's `]`).
    Some(FmNode {
        span: Span::new(first, content.trim_end().len()),
        value: FmValue::Map(entries),
    })
}

/// Makes the list being read the value of the last key; `None` when that key got no items.
fn close_list(entries: &mut [FmEntry], list: &mut Option<(usize, Vec<FmNode>)>) -> Option<()> {
    let Some((_, items)) = list.take() else {
        return Some(());
    };
    let first = items.first()?;
    // saphyr's span of a block list starts at its first `-`.
    let span = Span::new(first.span.start - 2, items.last()?.span.end);
    let entry = entries.last_mut()?;
    entry.value = FmNode {
        span,
        value: FmValue::Seq(items),
    };
    Some(())
}

/// A key saphyr reads as the same plain string: a word of ASCII letters, digits, `_` and `-`
/// that does not resolve to another type (`true`, `null`).
fn is_plain_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && matches!(
            Scalar::parse_from_cow(Cow::Borrowed(key)),
            Scalar::String(_)
        )
}

/// A value on the key's line: a one-line `[…]` list or a scalar.
fn value(text: &str, at: usize) -> Option<FmNode> {
    let Some(inner) = text.strip_prefix('[') else {
        return scalar(text, at, false);
    };
    let inner = inner
        .strip_suffix(']')
        .filter(|inner| !inner.ends_with(' '))?;
    // saphyr's span of a flow list ends where its `]` starts.
    let span = Span::new(at, at + text.len() - 1);
    if inner.is_empty() {
        return Some(FmNode {
            span,
            value: FmValue::Seq(Vec::new()),
        });
    }
    let mut items = Vec::new();
    let mut item_at = at + 1;
    for item in inner.split(',') {
        let trimmed = item.trim_start_matches(' ');
        let lead = item.len() - trimmed.len();
        let trimmed = trimmed.trim_end_matches(' ');
        items.push(scalar(trimmed, item_at + lead, true)?);
        item_at += item.len() + 1;
    }
    Some(FmNode {
        span,
        value: FmValue::Seq(items),
    })
}

/// A scalar written on one line: `"…"` without escapes, `'…'` without quotes inside, or a plain
/// scalar of no YAML indicator (`in_flow`: inside `[…]`, where `,[]{}` end it).
fn scalar(text: &str, at: usize, in_flow: bool) -> Option<FmNode> {
    let span = Span::new(at, at + text.len());
    let quoted = |quote: char, forbidden: &[u8]| {
        let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
        (!inner.bytes().any(|b| forbidden.contains(&b))).then(|| FmNode {
            span,
            value: FmValue::Str(inner.to_string()),
        })
    };
    match text.as_bytes().first()? {
        b'"' => return quoted('"', b"\"\\"),
        b'\'' => return quoted('\'', b"'"),
        _ => {}
    }
    if !is_simple_plain(text, in_flow) {
        return None;
    }
    let value = match Scalar::parse_from_cow(Cow::Borrowed(text)) {
        Scalar::Null => FmValue::Null,
        Scalar::Boolean(b) => FmValue::Bool(b),
        Scalar::Integer(i) => FmValue::Int(i),
        Scalar::FloatingPoint(f) => FmValue::Float(f.into_inner()),
        Scalar::String(s) => FmValue::Str(s.into_owned()),
    };
    Some(FmNode { span, value })
}

/// A plain scalar that is one YAML token whatever the context: no leading indicator, no `#`,
/// no `: `, no brackets or braces, no blank at either end (and no comma inside a `[…]` list).
fn is_simple_plain(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.bytes().next() else {
        return false;
    };
    let bytes = text.as_bytes();
    // One pass over the bytes: `str::contains` with a set of characters costs ten times more.
    let breaks_token = |(i, b): (usize, &u8)| match b {
        b'#' | b'[' | b']' | b'{' | b'}' => true,
        b',' => in_flow,
        b':' => bytes.get(i + 1) == Some(&b' '),
        _ => false,
    };
    !(b"-?:,[]{}#&*!|>'\"%@`".contains(&first)
        || matches!(bytes.last(), Some(b' ' | b':'))
        // saphyr refuses a flow item that ends in ` -` (`[a -]`); it is not worth reading here.
        || (in_flow && text.ends_with(" -"))
        || bytes.iter().enumerate().any(breaks_token))
}

#[cfg(test)]
mod tests {
    use super::super::yaml;
    use super::*;

    /// The fast path gives saphyr's tree, spans included, or leaves the block to saphyr.
    fn same_as_saphyr(content: &str) -> bool {
        let fast = parse(content);
        if let Some(fast) = &fast {
            // The site file reading is saphyr's alone (and differs only on duplicate keys).
            let slow = yaml::parse(content, yaml::Use::SiteFile).ok();
            assert_eq!(Some(fast), slow.as_ref(), "{content:?}");
        }
        fast.is_some()
    }

    #[test]
    fn simple_blocks_read_as_saphyr_reads_them() {
        for content in [
            "slug: 2016/prometheus-cardinality\ntitle: Prometheus 카디널리티 문제 해결기\nauthors: jihoon\ntags: [observability, devops]\n",
            "slug: a\ntags:\n  - kubernetes\n  - devops\ndate: 2016-11-21T20:00:00+09:00\ndescription: Notes.\n",
            "title: \"Skewed joins in Spark\"\ndescription: 'What went wrong, and how.'\ndate: 2017-10-18\n",
            "authors: [jlee, alex]\ntags: [docusaurus, blog, frontend]\ndate: 2018-09-09T14:15\n",
            "draft: true\nweight: 10\nratio: 1.5\nhex: 0x1f\nnothing: null\ntilde: ~\nempty: []\n",
            "title:    spaced value\ntags: [ 'a b', \"c\" ,d]\nlink: https://example.com/a:b\n",
            "a: 1\nb:\n    - x\n    - 'y'\n    - \"z\"\nc: C, D and E\n",
            "on: yes\noff: no\ninf: .inf\nplus: +12\noctal: 0o17\n",
        ] {
            assert!(same_as_saphyr(content), "{content:?}");
        }
    }

    /// One line of a front matter block, drawn from the characters YAML gives meaning to: keys
    /// that resolve to other types, separators with and without blanks, values with
    /// indicators, quotes, escapes and Korean text, flow lists and block list items at several
    /// indentations.
    fn line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        // Keys written twice go to saphyr: mostly fresh words, so that blocks get through.
        let key = prop_oneof![
            12 => "[a-z_][a-z0-9_-]{0,7}",
            1 => Just("true".to_string()),
            1 => Just("on".to_string()),
            1 => Just("1".to_string()),
            1 => Just("null".to_string()),
            1 => Just("Title".to_string()),
        ];
        let separator = prop_oneof![
            16 => Just(": "),
            1 => Just(":"),
            1 => Just(":  "),
            1 => Just(":\t"),
            1 => Just(" : "),
        ];
        // Mostly values the fast path takes, so that it is what gets compared.
        let value = prop_oneof![
            8 => "[a-z0-9가'\"~.+][a-z0-9가 .:/'\"+-]{0,8}",
            1 => "[-a-z0-9 #:,\\[\\]{}'\"\\\\&*!|>%@`~.+가]{0,10}",
        ];
        let items = proptest::collection::vec(
            prop_oneof![3 => "[a-z0-9가][a-z0-9가 .]{0,5}", 1 => "[-a-z0-9 #:'\"가.~]{0,6}"],
            0..4,
        );
        prop_oneof![
            5 => (key.clone(), separator, value.clone()).prop_map(|(k, s, v)| format!("{k}{s}{v}\n")),
            2 => (key, "[ ]{0,1}", items, prop_oneof![Just(","), Just(", ")]).prop_map(
                |(k, blank, items, comma)| format!("{k}: {blank}[{}]\n", items.join(comma))
            ),
            2 => (
                prop_oneof![3 => Just("  ".to_string()), 1 => "[ ]{0,4}"],
                prop_oneof![4 => Just("- "), 1 => Just("-"), 1 => Just("-  ")],
                value.clone()
            )
                .prop_map(|(indent, dash, v)| format!("{indent}{dash}{v}\n")),
            1 => value.prop_map(|v| format!("{v}\n")),
        ]
    }

    proptest::proptest! {
        // About one block in ten takes the fast path: enough cases for a few hundred of those.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// Whatever lines a block is made of, the fast path gives saphyr's tree (spans
        /// included) or leaves the block to saphyr: it never reads a block differently.
        #[test]
        fn never_reads_a_block_differently(lines in proptest::collection::vec(line(), 1..7)) {
            same_as_saphyr(&lines.concat());
        }
    }

    #[test]
    fn anything_else_goes_to_saphyr() {
        for content in [
            "# a comment\ntitle: x\n",
            "title: x\n\ntags: [a]\n",
            "title: x # comment\n",
            "title: \"a \\\" b\"\n",
            "title: 'it''s'\n",
            "title: a\ntitle: b\n",
            "true: x\n",
            "\"title\": x\n",
            "title: >\n  folded\n",
            "title: &a x\nother: *a\n",
            "tags: !!set x\n",
            "title: first\n  continued\n",
            "meta:\n  key: value\n",
            "tags:\n  - a\n   - b\n",
            "tags:\n",
            "tags:\n  -\n",
            "tags: [a, ]\n",
            "tags: [a ]\n",
            "tags: [a -]\n",
            "tags: [a -, b]\n",
            "tags: [a, [b]]\n",
            "title: x \n",
            "title:\tx\n",
            "title: a\r\n",
            "title: x",
            "title:x\n",
            "- a\n- b\n",
            "authors:\n- jlee\n",
            "inf: -.inf\n",
            "",
        ] {
            assert!(!same_as_saphyr(content), "{content:?}");
        }
    }
}
