//! `frontmatter-syntax`: a front matter block that cannot be read as a mapping.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::front_matter::FrontMatterFormat;
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};
use crate::source::Span;

pub(crate) static META: RuleMeta = RuleMeta {
    id: "frontmatter-syntax",
    default_severity: Severity::Error,
    fixable: false,
    summary: "front matter block: unterminated, invalid YAML/TOML, duplicate keys, not a mapping",
    doc: include_str!("../../rules/frontmatter-syntax.md"),
};

pub(crate) struct FrontmatterSyntax;

impl Rule for FrontmatterSyntax {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let Some(fm) = &ctx.doc.front_matter else {
            return;
        };
        let Some(error) = &fm.error else {
            return;
        };
        let text = ctx.doc.text();
        let mut message = error.message.clone();
        let help = if message.starts_with("duplicate key") {
            let line = &text[error.span.start..error.span.end];
            let key = line.split(':').next().unwrap_or("").trim();
            if !key.is_empty() {
                message = format!("duplicate key `{key}` in front matter");
            }
            Some("keep one of the two values: generators silently use only one".to_string())
        } else if message.contains("never closed") {
            let delimiter = match fm.format {
                FrontMatterFormat::Yaml => "---",
                FrontMatterFormat::Toml => "+++",
            };
            Some(format!(
                "end the front matter with a `{delimiter}` line; until then the generator reads the whole post as text"
            ))
        } else if message.contains("must be a mapping") {
            Some("write front matter as `key: value` lines".to_string())
        } else {
            None
        };
        let mut span = error.span;
        let help = match fm.format {
            FrontMatterFormat::Yaml => match yaml_hint(text, fm.content_span, error.span, &message)
            {
                Some(Hint { at, help }) => {
                    span = at.unwrap_or(span);
                    Some(help)
                }
                None => help,
            },
            FrontMatterFormat::Toml => help,
        };
        let mut diagnostic = Diagnostic::new(META.id, span, message);
        diagnostic.help = help.map(Into::into);
        out.push(diagnostic);
    }
}

/// How to mend a YAML error people often make, and where it really starts when that is not
/// where the parser gave up.
struct Hint {
    at: Option<Span>,
    help: String,
}

/// The hint for the common YAML mistakes: a `: ` inside a plain value, a `[` or `{` never
/// closed (the parser stops later, at the next key), a quote never closed.
fn yaml_hint(text: &str, content: Span, at: Span, message: &str) -> Option<Hint> {
    let block = text.get(content.start..content.end.max(content.start))?;
    let offset = at.start.checked_sub(content.start)?;
    if let Some((open, bracket)) = unclosed_flow(block, offset) {
        let close = if bracket == '[' { ']' } else { '}' };
        let what = if bracket == '[' { "list" } else { "mapping" };
        return Some(Hint {
            at: Some(Span::new(content.start + open, content.start + open + 1)),
            help: format!("this `{bracket}` is never closed: end the {what} with `{close}`"),
        });
    }
    if message.contains("quoted scalar") {
        return Some(Hint {
            at: None,
            help: "a quoted value must end with the same quote on its line; close it, or quote \
                   the whole value with the other kind of quote"
                .to_string(),
        });
    }
    if message.contains("mapping values are not allowed") {
        let line_start = block.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
        let line = block.get(line_start..)?.lines().next()?;
        let (key, value) = line.split_once(": ")?;
        let value = value.trim();
        let plain = !value.is_empty() && !value.starts_with(['"', '\'', '[', '{', '|', '>']);
        if plain && !key.trim_start().starts_with(['-', '#']) {
            return Some(Hint {
                at: None,
                help: format!(
                    "a `: ` inside a value starts a nested key; quote the value: `{}: {}`",
                    key.trim(),
                    quoted(value)
                ),
            });
        }
    }
    None
}

/// `value` as a YAML quoted scalar: single quotes unless it holds one, else double quotes with
/// `\` and `"` escaped.
fn quoted(value: &str) -> String {
    if !value.contains('\'') {
        return format!("'{value}'");
    }
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The offset and kind of the `[` or `{` still open at `offset` in `block`, counting brackets
/// outside quotes and comments from the start of the block: where an unclosed list begins.
fn unclosed_flow(block: &str, offset: usize) -> Option<(usize, char)> {
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut quote: Option<char> = None;
    let mut previous = '\n';
    for (i, c) in block.char_indices() {
        if i >= offset {
            break;
        }
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' if matches!(previous, ' ' | '[' | '{' | ',' | '\n') => quote = Some(c),
                '#' if previous.is_whitespace() => {
                    // A comment: skip to the end of its line.
                    previous = '#';
                    continue;
                }
                '[' | '{' if previous != '#' => open.push((i, c)),
                ']' | '}' if previous != '#' => {
                    open.pop();
                }
                _ => {}
            },
        }
        if c == '\n' {
            quote = None;
            previous = '\n';
        } else if previous != '#' {
            previous = c;
        }
    }
    open.first().copied()
}
