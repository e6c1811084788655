//! `undefined-reference`: `[text][label]` or `![alt][label]` with no `[label]: …` definition,
//! where that is almost surely a mistake rather than brackets meant as text.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::model::{Markdown, RefKind, UndefinedReference as Reference};
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};
use crate::spelling;

pub(crate) static META: RuleMeta = RuleMeta {
    id: "undefined-reference",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a reference-style link or image whose label has no definition",
    doc: include_str!("../../rules/undefined-reference.md"),
};

pub(crate) struct UndefinedReference;

impl Rule for UndefinedReference {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let md = &ctx.doc.markdown;
        // Definitions may come from an included file, which postlint does not follow; and a
        // post that defines no reference at all writes its brackets as text (`[DFS][BFS]`).
        if md.definitions.is_empty() || md.template_tags.iter().any(|t| t.name == "include") {
            return;
        }
        let text = ctx.doc.text();
        let defined: Vec<String> = md.definitions.iter().map(|d| fold(&d.label)).collect();
        for reference in &md.undefined_references {
            if renders_as_text(text, md, reference) {
                continue;
            }
            let near =
                spelling::closest(&fold(&reference.label), defined.iter().map(String::as_str));
            if near.is_none() && !reads_like_label(&reference.label) {
                continue;
            }
            let help = match near.and_then(|n| md.definitions.iter().find(|d| fold(&d.label) == n))
            {
                Some(definition) => format!("did you mean `[{}]`?", definition.label),
                None => format!(
                    "add a line `[{}]: <url>` to the post, or use a label that is defined",
                    reference.label
                ),
            };
            out.push(
                Diagnostic::new(
                    META.id,
                    reference.span,
                    format!("reference `[{}]` has no definition", reference.label),
                )
                .with_help(help),
            );
        }
    }
}

/// Brackets that are text by what surrounds them: a subscript or index (`dp[i][j]`,
/// `a[3072][6143]`, `%[flags][width]`: the `[` follows a word or a closing bracket), math
/// (`$a[i][j]$`), or brackets inside another link's text, which cannot hold a link.
fn renders_as_text(text: &str, md: &Markdown, reference: &Reference) -> bool {
    let start = reference.span.start;
    let attached = text[..start].chars().next_back().is_some_and(|c| {
        c.is_ascii_alphanumeric() || matches!(c, '_' | ']' | ')' | '%' | '$' | '`' | '\'' | '"')
    });
    attached
        || in_math(text, start)
        || title_tags(text, md, reference)
        || md.links.iter().any(|l| {
            l.kind != RefKind::Html
                && l.span.start < start
                && reference.span.end <= l.span.end
                && l.span != reference.span
        })
}

/// Bracketed tags that open a title or a line: `# [DFS][BFS] 미로 탐색`, `- [Java][Spring] 노트`
/// (in a paragraph only when both brackets hold one word, as tags do and link texts seldom do).
fn title_tags(text: &str, md: &Markdown, reference: &Reference) -> bool {
    let start = reference.span.start;
    if text[start..].starts_with('!') {
        return false; // an image is never a tag
    }
    let line = &text[text[..start].rfind('\n').map_or(0, |i| i + 1)..start];
    let opens_line = line
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '#' | '>' | '-' | '*' | '+'))
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['.', ')', ' '])
        .is_empty();
    if !opens_line {
        return false;
    }
    let in_heading = md.headings.iter().any(|h| h.span.contains(start));
    let one_word = |s: &str| !s.trim().contains(char::is_whitespace);
    let raw = &text[start..reference.span.end];
    let words = raw
        .split("][")
        .all(|part| one_word(part.trim_matches(['[', ']'])));
    in_heading || words
}

/// Whether `offset` is inside `$…$` on its line or inside a `$$ … $$` display block.
fn in_math(text: &str, offset: usize) -> bool {
    let before = &text[..offset];
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let dollars = |s: &str| s.matches('$').count() - s.matches("\\$").count();
    dollars(line) % 2 == 1 || before.matches("$$").count() % 2 == 1
}

/// A label that someone would give a link: it holds a letter or a digit, and is not a single
/// character (`[i]`, `[x]`: indices and checkboxes).
fn reads_like_label(label: &str) -> bool {
    label.chars().filter(|c| !c.is_whitespace()).count() > 1
        && label.chars().any(char::is_alphanumeric)
}

/// CommonMark label matching: case-insensitive, runs of blanks as one space.
fn fold(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert!(reads_like_label("ofical-docs"));
        assert!(reads_like_label("12"));
        assert!(!reads_like_label("j"));
        assert!(!reads_like_label("🤍"));
        assert_eq!(fold("  Airflow \t Docs "), "airflow docs");
    }

    #[test]
    fn math() {
        assert!(in_math("x $a[i][j]$", 4));
        assert!(!in_math("$a$ [b][c]", 4));
        assert!(in_math("$$\nA[i][j]\n$$", 4));
    }
}
