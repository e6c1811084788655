//! Finds the front matter block at the top of a post and parses it into a tree whose keys
//! and values carry byte spans into the file.

use crate::source::Span;
use saphyr::{MarkedYaml, Scalar, YamlData};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FrontMatterFormat {
    Yaml,
    Toml,
}

/// The located block, whether or not its content parsed.
#[derive(Debug)]
pub(crate) struct FrontMatter {
    pub format: FrontMatterFormat,
    /// The whole block, delimiters included.
    pub span: Span,
    /// The text between the delimiter lines.
    pub content_span: Span,
    /// The parsed mapping; `None` when the block could not be parsed or is not a mapping.
    pub root: Option<FmNode>,
    pub error: Option<FrontMatterError>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FrontMatterError {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FmNode {
    pub span: Span,
    pub value: FmValue,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum FmValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Strings, and dates/times (YAML 1.2 has no timestamp type; TOML datetimes are kept as text).
    Str(String),
    Seq(Vec<FmNode>),
    Map(Vec<FmEntry>),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FmEntry {
    pub key: String,
    pub key_span: Span,
    pub value: FmNode,
}

impl FmNode {
    pub(crate) fn entries(&self) -> &[FmEntry] {
        match &self.value {
            FmValue::Map(entries) => entries,
            _ => &[],
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&FmEntry> {
        self.entries().iter().find(|e| e.key == key)
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.value {
            FmValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Maps every span of the tree through `offset` (positions in a rewritten copy of the text
    /// back to the written text).
    fn remap(&mut self, offset: &dyn Fn(usize) -> usize) {
        self.span = Span::new(offset(self.span.start), offset(self.span.end));
        match &mut self.value {
            FmValue::Seq(items) => items.iter_mut().for_each(|n| n.remap(offset)),
            FmValue::Map(entries) => {
                for entry in entries {
                    entry.key_span =
                        Span::new(offset(entry.key_span.start), offset(entry.key_span.end));
                    entry.value.remap(offset);
                }
            }
            _ => {}
        }
    }

    /// A short name of the value's type, for messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match &self.value {
            FmValue::Null => "null",
            FmValue::Bool(_) => "a boolean",
            FmValue::Int(_) => "an integer",
            FmValue::Float(_) => "a number",
            FmValue::Str(_) => "a string",
            FmValue::Seq(_) => "a list",
            FmValue::Map(_) => "a mapping",
        }
    }

    pub(crate) fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.value {
            FmValue::Null => Value::Null,
            FmValue::Bool(b) => Value::Bool(*b),
            FmValue::Int(i) => Value::from(*i),
            FmValue::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
            }
            FmValue::Str(s) => Value::String(s.clone()),
            FmValue::Seq(items) => Value::Array(items.iter().map(FmNode::to_json).collect()),
            FmValue::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Parses a whole YAML document (a site's `_config.yml`, `authors.yml`, …) into the same tree.
/// A key written twice keeps its last value, as Jekyll's and Hugo's YAML readers do; in front
/// matter it is an error.
pub(crate) fn parse_yaml(text: &str) -> Result<FmNode, FrontMatterError> {
    yaml::parse(text, yaml::Use::SiteFile)
}

/// Parses a whole TOML document (a Hugo `hugo.toml`) into the same tree.
pub(crate) fn parse_toml(text: &str) -> Result<FmNode, FrontMatterError> {
    toml_fm::parse(text)
}

/// Locates and parses the front matter at the start of `text`, if there is one; `+++` TOML
/// blocks only when `allow_toml`.
pub(crate) fn parse(text: &str, allow_toml: bool) -> Option<FrontMatter> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (first_line, first_end) = line_at(text, start);
    let format = match first_line.trim_end() {
        "---" => FrontMatterFormat::Yaml,
        "+++" if allow_toml => FrontMatterFormat::Toml,
        _ => return None,
    };
    let content_start = first_end;
    let mut pos = content_start;
    while pos < text.len() {
        let (line, end) = line_at(text, pos);
        let closes = match format {
            FrontMatterFormat::Yaml => matches!(line.trim_end(), "---" | "..."),
            FrontMatterFormat::Toml => line.trim_end() == "+++",
        };
        if closes {
            let content_span = Span::new(content_start, pos);
            return Some(parsed(format, text, Span::new(start, end), content_span));
        }
        pos = end;
    }
    let opening = Span::new(start, start + first_line.trim_end().len());
    Some(FrontMatter {
        format,
        span: Span::new(start, text.len()),
        content_span: Span::new(content_start, text.len()),
        root: None,
        error: Some(FrontMatterError {
            span: opening,
            message: format!(
                "front matter opened with `{}` is never closed",
                first_line.trim_end()
            ),
        }),
    })
}

/// The line starting at `start` without its line ending, and the offset after the ending.
fn line_at(text: &str, start: usize) -> (&str, usize) {
    match text[start..].find('\n') {
        Some(i) => (text[start..start + i].trim_end_matches('\r'), start + i + 1),
        None => (&text[start..], text.len()),
    }
}

fn parsed(format: FrontMatterFormat, text: &str, span: Span, content_span: Span) -> FrontMatter {
    let content = &text[content_span.start..content_span.end];
    let result = match format {
        FrontMatterFormat::Yaml => yaml::parse(content, yaml::Use::FrontMatter),
        FrontMatterFormat::Toml => toml_fm::parse(content),
    };
    let (root, error) = match result {
        Ok(root) => match root.value {
            FmValue::Map(_) => (Some(root), None),
            FmValue::Null => (
                Some(FmNode {
                    span: Span::new(0, 0),
                    value: FmValue::Map(Vec::new()),
                }),
                None,
            ),
            _ => {
                let message = format!(
                    "front matter must be a mapping of keys to values, found {}",
                    root.type_name()
                );
                (
                    None,
                    Some(FrontMatterError {
                        span: root.span,
                        message,
                    }),
                )
            }
        },
        Err(error) => (None, Some(error)),
    };
    let shift = content_span.start;
    FrontMatter {
        format,
        span,
        content_span,
        root: root.map(|r| shift_node(r, shift, content)),
        error: error.map(|e| FrontMatterError {
            span: clamp(e.span.shifted(shift), content_span, text),
            ..e
        }),
    }
}

fn clamp(span: Span, within: Span, text: &str) -> Span {
    let start =
        crate::source::floor_char_boundary(text, span.start.clamp(within.start, within.end));
    let end = crate::source::floor_char_boundary(text, span.end.clamp(start, within.end));
    Span::new(start, end)
}

/// Moves spans from the block's content to the file, and narrows quoted strings to the text
/// between their quotes (the value a user would fix).
fn shift_node(mut node: FmNode, by: usize, content: &str) -> FmNode {
    if matches!(node.value, FmValue::Str(_)) {
        node.span = unquoted(node.span, content);
    }
    node.span = node.span.shifted(by);
    node.value = match node.value {
        FmValue::Seq(items) => FmValue::Seq(
            items
                .into_iter()
                .map(|n| shift_node(n, by, content))
                .collect(),
        ),
        FmValue::Map(entries) => FmValue::Map(
            entries
                .into_iter()
                .map(|e| FmEntry {
                    key: e.key,
                    key_span: unquoted(e.key_span, content).shifted(by),
                    value: shift_node(e.value, by, content),
                })
                .collect(),
        ),
        other => other,
    };
    node
}

/// `"x"`, `'x'`, `"""x"""` and `'''x'''` without their quotes.
fn unquoted(span: Span, content: &str) -> Span {
    let Some(text) = content.get(span.start..span.end) else {
        return span;
    };
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        if text.len() >= 2 * quote.len() && text.starts_with(quote) && text.ends_with(quote) {
            return Span::new(span.start + quote.len(), span.end - quote.len());
        }
    }
    span
}

mod quoted_indent;
mod simple_yaml;

mod yaml {
    use super::quoted_indent;
    use super::*;
    use crate::document::bounded_yaml;
    use crate::limits::MAX_YAML_DEPTH as MAX_DEPTH;

    /// saphyr counts positions in characters; this maps them to bytes of the content.
    struct CharToByte<'a> {
        text: &'a str,
        ascii: bool,
        offsets: Vec<usize>,
    }

    impl<'a> CharToByte<'a> {
        fn new(text: &'a str) -> Self {
            let ascii = text.is_ascii();
            let offsets = if ascii {
                Vec::new()
            } else {
                text.char_indices().map(|(i, _)| i).collect()
            };
            Self {
                text,
                ascii,
                offsets,
            }
        }

        fn byte(&self, char_index: usize) -> usize {
            if self.ascii {
                char_index.min(self.text.len())
            } else {
                self.offsets
                    .get(char_index)
                    .copied()
                    .unwrap_or(self.text.len())
            }
        }

        fn span(&self, span: &saphyr_parser::Span) -> Span {
            let start = self.byte(span.start.index());
            let end = self.byte(span.end.index()).max(start);
            Span::new(start, end)
        }
    }

    #[derive(Clone, Copy, PartialEq, Eq)]
    pub(super) enum Use {
        FrontMatter,
        SiteFile,
    }

    pub(super) fn parse(content: &str, what: Use) -> Result<FmNode, FrontMatterError> {
        if what == Use::FrontMatter {
            if let Some(node) = super::simple_yaml::parse(content) {
                return Ok(node);
            }
        }
        let map = CharToByte::new(content);
        let error = match bounded_yaml::load(content, what == Use::SiteFile) {
            Ok(docs) => return Ok(first(&docs, &map, content)),
            Err(e) => e,
        };
        if error.info() == UNDER_INDENTED {
            if let Some(node) = lenient(content, what, map.byte(error.marker().index())) {
                return Ok(node);
            }
        }
        let mut start = map.byte(error.marker().index());
        // An error found at the end (an unclosed `[`) belongs to the last written line.
        let written = content.trim_end().len();
        if start >= written {
            start = content[..written].rfind('\n').map_or(0, |i| i + 1);
        }
        let end = content[start..]
            .find('\n')
            .map_or(content.len(), |i| start + i);
        Err(FrontMatterError {
            span: Span::new(start, end.max(start)),
            message: yaml_message(error.info(), what),
        })
    }

    const UNDER_INDENTED: &str = "invalid indentation in quoted scalar";

    /// The tree as Psych and js-yaml read it when quoted scalars have continuation lines left of
    /// their block (see [`quoted_indent`]); `None` when the text has another error.
    fn lenient(content: &str, what: Use, quote: usize) -> Option<FmNode> {
        let mut text = content.to_string();
        let mut shifts = quoted_indent::Shifts::default();
        let mut quote = quote;
        // Each round fixes one scalar; a front matter block has few.
        for _ in 0..64 {
            if !quoted_indent::indent_scalar(&mut text, quote, &mut shifts) {
                return None;
            }
            let map = CharToByte::new(&text);
            match bounded_yaml::load(&text, what == Use::SiteFile) {
                Ok(docs) => {
                    let mut node = first(&docs, &map, &text);
                    node.remap(&|offset| shifts.original(offset));
                    return Some(node);
                }
                Err(e) if e.info() == UNDER_INDENTED => quote = map.byte(e.marker().index()),
                Err(_) => return None,
            }
        }
        None
    }

    fn first(docs: &[MarkedYaml<'_>], map: &CharToByte<'_>, content: &str) -> FmNode {
        match docs.first() {
            Some(doc) => convert(doc, map, content, 0),
            None => FmNode {
                span: Span::new(0, 0),
                value: FmValue::Null,
            },
        }
    }

    fn yaml_message(info: &str, what: Use) -> String {
        let place = match what {
            Use::FrontMatter => " in front matter",
            Use::SiteFile => "",
        };
        if info.contains("duplicated key") {
            format!("duplicate key{place}")
        } else if info.contains("postlint reads no further") {
            format!("YAML{place} too large to check: {info}")
        } else {
            format!("invalid YAML{place}: {info}")
        }
    }

    fn convert(node: &MarkedYaml<'_>, map: &CharToByte<'_>, content: &str, depth: usize) -> FmNode {
        let span = trimmed(map.span(&node.span), content);
        // The loader already refused deeper nesting; a tag wraps a node without nesting it.
        let value = if depth > 2 * MAX_DEPTH + 2 {
            FmValue::Null
        } else {
            match &node.data {
                YamlData::Value(scalar) => scalar_value(scalar),
                YamlData::Representation(text, _, _) => FmValue::Str(text.to_string()),
                YamlData::Sequence(items) => FmValue::Seq(
                    items
                        .iter()
                        .map(|n| convert(n, map, content, depth + 1))
                        .collect(),
                ),
                YamlData::Mapping(entries) => FmValue::Map(
                    entries
                        .iter()
                        .map(|(k, v)| {
                            let key = convert(k, map, content, depth + 1);
                            FmEntry {
                                key: key_text(&key.value),
                                key_span: key.span,
                                value: convert(v, map, content, depth + 1),
                            }
                        })
                        .collect(),
                ),
                YamlData::Tagged(_, inner) => return convert(inner, map, content, depth + 1),
                YamlData::Alias(_) | YamlData::BadValue => FmValue::Null,
            }
        };
        FmNode { span, value }
    }

    /// Block scalars and collections may end after trailing line breaks; keep spans tight.
    fn trimmed(span: Span, content: &str) -> Span {
        let text = content.get(span.start..span.end).unwrap_or("");
        Span::new(span.start, span.start + text.trim_end().len())
    }

    fn scalar_value(scalar: &Scalar<'_>) -> FmValue {
        match scalar {
            Scalar::Null => FmValue::Null,
            Scalar::Boolean(b) => FmValue::Bool(*b),
            Scalar::Integer(i) => FmValue::Int(*i),
            Scalar::FloatingPoint(f) => FmValue::Float(f.into_inner()),
            Scalar::String(s) => FmValue::Str(s.to_string()),
        }
    }

    fn key_text(value: &FmValue) -> String {
        match value {
            FmValue::Str(s) => s.clone(),
            FmValue::Int(i) => i.to_string(),
            FmValue::Float(f) => f.to_string(),
            FmValue::Bool(b) => b.to_string(),
            FmValue::Null => "null".to_string(),
            FmValue::Seq(_) | FmValue::Map(_) => "?".to_string(),
        }
    }
}

mod toml_fm {
    use super::*;
    use toml::de::{DeTable, DeValue};
    use toml::Spanned;

    pub(super) fn parse(content: &str) -> Result<FmNode, FrontMatterError> {
        let table = DeTable::parse(content).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            FrontMatterError {
                span: Span::new(span.start, span.end.max(span.start)),
                message: format!("invalid TOML in front matter: {}", e.message().trim()),
            }
        })?;
        let span = table.span();
        Ok(FmNode {
            span: Span::new(span.start, span.end),
            value: table_value(table.get_ref()),
        })
    }

    fn table_value(table: &DeTable<'_>) -> FmValue {
        FmValue::Map(
            table
                .iter()
                .map(|(k, v)| FmEntry {
                    key: k.get_ref().to_string(),
                    key_span: Span::new(k.span().start, k.span().end),
                    value: node(v),
                })
                .collect(),
        )
    }

    fn node(value: &Spanned<DeValue<'_>>) -> FmNode {
        let span = value.span();
        let value = match value.get_ref() {
            DeValue::String(s) => FmValue::Str(s.to_string()),
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .map_or(FmValue::Null, FmValue::Int),
            DeValue::Float(f) => f
                .as_str()
                .replace('_', "")
                .parse::<f64>()
                .map_or(FmValue::Null, FmValue::Float),
            DeValue::Boolean(b) => FmValue::Bool(*b),
            DeValue::Datetime(d) => FmValue::Str(d.to_string()),
            DeValue::Array(items) => FmValue::Seq(items.iter().map(node).collect()),
            DeValue::Table(table) => table_value(table),
        };
        FmNode {
            span: Span::new(span.start, span.end),
            value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_spans_are_bytes_after_korean_text() {
        let text = "---\ntitle: 한국어 제목\ntags: [데이터, airflow]\n---\nbody\n";
        let fm = parse(text, true).unwrap();
        let root = fm.root.unwrap();
        let tags = root.get("tags").unwrap();
        assert_eq!(&text[tags.key_span.start..tags.key_span.end], "tags");
        let FmValue::Seq(items) = &tags.value.value else {
            panic!("not a list")
        };
        assert_eq!(&text[items[1].span.start..items[1].span.end], "airflow");
        assert_eq!(fm.span.end, text.find("body").unwrap());
    }

    #[test]
    fn value_spans_leave_out_the_quotes() {
        let value = |text: &str, key: &str| {
            let fm = parse(text, true).unwrap();
            let span = fm.root.unwrap().get(key).unwrap().value.span;
            text[span.start..span.end].to_string()
        };
        assert_eq!(
            value("---\nslug: \"같은-주소\"\n---\n", "slug"),
            "같은-주소"
        );
        assert_eq!(value("---\nslug: 'it''s'\n---\n", "slug"), "it''s");
        assert_eq!(value("---\nslug: plain\n---\n", "slug"), "plain");
        assert_eq!(value("+++\nslug = \"주소\"\n+++\n", "slug"), "주소");
    }

    #[test]
    fn duplicate_keys_are_errors_on_the_key_line() {
        let text = "---\ntitle: a\ntitle: b\n---\n";
        let fm = parse(text, true).unwrap();
        let error = fm.error.unwrap();
        assert_eq!(error.message, "duplicate key in front matter");
        assert!(text[error.span.start..].starts_with("title: b"));
    }

    #[test]
    fn unterminated_block_points_at_the_opening_line() {
        let fm = parse("---\ntitle: a\n", true).unwrap();
        assert_eq!(fm.error.unwrap().span, Span::new(0, 3));
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"글\"\ndate = 2022-11-20T10:00:00+09:00\n+++\n";
        let root = parse(text, true).unwrap().root.unwrap();
        assert_eq!(root.get("title").unwrap().value.as_str(), Some("글"));
        let date = root.get("date").unwrap();
        assert_eq!(&text[date.key_span.start..date.key_span.end], "date");
    }

    #[test]
    fn no_front_matter() {
        assert!(parse("# Title\n---\n", true).is_none());
    }
}
