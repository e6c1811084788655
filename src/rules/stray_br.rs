//! `stray-br`: a `<br>` tag in Markdown prose, with a safe fix where one exists.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::model::{BrContext, BrTag, BrText, BreakRules, Inline};
use crate::fix::{Edit, Fix};
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};
use std::collections::HashMap;

pub(crate) static META: RuleMeta = RuleMeta {
    id: "stray-br",
    default_severity: Severity::Warning,
    fixable: true,
    summary: "a `<br>` tag in Markdown prose (not in code, HTML blocks or table cells)",
    doc: include_str!("../../rules/stray-br.md"),
};

pub(crate) struct StrayBr;

impl Rule for StrayBr {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let text = ctx.doc.text();
        let rules = &ctx.doc.markdown.breaks;
        let mut fixes = HashMap::new();
        for br_text in &ctx.doc.markdown.br_texts {
            fixes.extend(plan_text(text, &ctx.doc.markdown.brs, br_text, rules));
        }
        for (index, br) in ctx.doc.markdown.brs.iter().enumerate() {
            let tag = &text[br.span.start..br.span.end];
            if br.context == BrContext::Literal {
                out.push(literal(br, tag));
                continue;
            }
            if !br.context.is_prose() {
                if rules.raw_html_dropped {
                    out.push(dropped(br, tag));
                }
                continue;
            }
            let (help, fix) = match fixes.remove(&index) {
                Some(Planned::HardBreak(edit)) => (hard_break_help(), Some(edit)),
                Some(Planned::Remove(edit)) => (
                    "remove it: at the end of a paragraph it adds nothing".to_string(),
                    Some(edit),
                ),
                None => (no_fix_help(br, tag, rules), None),
            };
            let mut diagnostic =
                Diagnostic::new(META.id, br.span, format!("`{tag}` in Markdown prose"))
                    .with_help(help);
            diagnostic.fix = fix.map(|edit| Fix::safe(vec![edit]));
            out.push(diagnostic);
        }
    }
}

/// A `</br>` (or `< br>`) kramdown printed as text, wherever it stands: the page shows it.
fn literal(br: &BrTag, tag: &str) -> Diagnostic {
    Diagnostic::new(
        META.id,
        br.span,
        format!("`{tag}` is shown as text: kramdown does not read it as a tag"),
    )
    .with_help("write `<br>` where a line break is meant, or remove it")
}

/// A `<br>` outside prose (a table cell, a raw HTML block) on a site whose generator drops raw
/// HTML: the break is not on the page, and nothing in Markdown can stand in for it there.
fn dropped(br: &BrTag, tag: &str) -> Diagnostic {
    let place = match br.context {
        BrContext::TableCell => "a table cell",
        _ => "a raw HTML block",
    };
    Diagnostic::new(
        META.id,
        br.span,
        format!("`{tag}` in {place}, which Hugo leaves out of the page"),
    )
    .with_help(
        "Hugo drops raw HTML unless `markup.goldmark.renderer.unsafe` is on; turn it on if the \
         break matters (Markdown has no line break here)",
    )
}

/// Whether the tag, as spelt, renders as a plain `<br>` element (no attributes to lose) and
/// may be edited under the post's break rules.
fn fixes_spelling(rules: &BreakRules, tag: &str) -> bool {
    let inner = tag.trim_start_matches('<').trim_end_matches('>').trim();
    let closing = inner.starts_with('/');
    let self_closing = inner.ends_with('/');
    let name = inner.trim_matches('/').trim();
    name.eq_ignore_ascii_case("br")
        && !(closing && (rules.closed_br_only || rules.closing_br_is_text))
        && (self_closing || !rules.closed_br_only)
}

fn hard_break_help() -> String {
    "end the line with a backslash: a Markdown hard line break".to_string()
}

fn no_fix_help(br: &BrTag, tag: &str, rules: &BreakRules) -> String {
    if !fixes_spelling(rules, tag) && rules.closed_br_only {
        return "MDX compiles only a closed `<br />`; end the line with a backslash for a line \
                break"
            .to_string();
    }
    if !fixes_spelling(rules, tag) && rules.closing_br_is_text {
        let line_break = match rules.double_backslash_break {
            true => "two backslashes (kramdown's hard line break)",
            false => "a backslash",
        };
        return format!(
            "kramdown prints `</br>` as text; end the line with {line_break} for a line break"
        );
    }
    if br.context == BrContext::Heading {
        return "remove it by hand if the heading needs no break; the heading's id may change with it"
            .to_string();
    }
    if rules.double_backslash_break {
        return "end the line with two backslashes (kramdown's hard line break), or start a new \
                paragraph with a blank line"
            .to_string();
    }
    if rules.raw_html_dropped {
        return "Hugo drops raw HTML unless `markup.goldmark.renderer.unsafe` is on, so this break \
                does not show; end the line with a backslash for a line break"
            .to_string();
    }
    "break the line with a trailing backslash, or start a new paragraph with a blank line"
        .to_string()
}

enum Planned {
    HardBreak(Edit),
    Remove(Edit),
}

/// The fixes for the `<br>` tags of one paragraph, computed together: a fix is kept only if
/// the paragraph, with every fix in it applied, still breaks its lines where it did.
fn plan_text(
    source: &str,
    brs: &[BrTag],
    text: &BrText,
    rules: &BreakRules,
) -> Vec<(usize, Planned)> {
    let tokens = &text.tokens;
    let mut planned = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let Inline::Br(index) = *token else { continue };
        let Some(br) = brs.get(index) else { continue };
        let tag = &source[br.span.start..br.span.end];
        if !fixes_spelling(rules, tag) {
            continue;
        }
        let edit = match (before(tokens, i), after(tokens, i)) {
            (Before::ContentOnLine, After::NextLine) => rules
                .hard_break
                .filter(|_| !text.no_hard_break)
                .and_then(|mark| hard_break_edit(source, br, mark))
                .map(Planned::HardBreak),
            (Before::ContentOnLine, After::Nothing) => {
                removal_edit(source, br, true).map(Planned::Remove)
            }
            (Before::ContentEarlier, After::Nothing) => {
                removal_edit(source, br, false).map(Planned::Remove)
            }
            _ => None,
        };
        if let Some(edit) = edit {
            planned.push((i, index, edit));
        }
    }
    if planned.is_empty() || !breaks_kept(tokens, &planned) {
        return Vec::new();
    }
    planned
        .into_iter()
        .map(|(_, index, edit)| (index, edit))
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Before {
    /// The paragraph starts here.
    Nothing,
    /// Visible content on the same line, with no break since.
    ContentOnLine,
    /// Visible content on an earlier line, with only line endings since.
    ContentEarlier,
    /// Another `<br>`, a hard break or an MDX flow line: this tag's break is visible.
    Break,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    /// The paragraph ends here.
    Nothing,
    /// The line ends here and the paragraph goes on in the next line.
    NextLine,
    /// Anything else: more on the line, a hard break, an MDX flow line.
    Other,
}

fn before(tokens: &[Inline], i: usize) -> Before {
    let mut same_line = true;
    for token in tokens[..i].iter().rev() {
        match token {
            Inline::Html => {}
            Inline::SoftBreak => same_line = false,
            Inline::Content if same_line => return Before::ContentOnLine,
            Inline::Content => return Before::ContentEarlier,
            Inline::Br(_) | Inline::HardBreak | Inline::Barrier => return Before::Break,
        }
    }
    Before::Nothing
}

fn after(tokens: &[Inline], i: usize) -> After {
    match tokens.get(i + 1..).unwrap_or_default() {
        [] => After::Nothing,
        [Inline::SoftBreak, next, ..] if *next != Inline::Barrier => After::NextLine,
        _ => After::Other,
    }
}

/// Replaces the tag (and the blanks after it) with the hard break; the blanks before it stay,
/// as they do in the rendered text before a `<br>`.
fn hard_break_edit(source: &str, br: &BrTag, mark: &str) -> Option<Edit> {
    let end = blank_run_end(source, br.span.end)?;
    let previous = source[..br.span.start].chars().next_back();
    // A backslash right before would be escaped by, or escape, the one we write.
    if matches!(previous, None | Some('\\' | '\n' | '\r')) {
        return None;
    }
    Some(Edit::replace(br.span.start, end - br.span.start, mark))
}

/// Removes the tag with the blanks around it, or its whole line when nothing else is on it
/// (an emptied line would end a list item's text or make a list loose).
fn removal_edit(source: &str, br: &BrTag, content_on_line: bool) -> Option<Edit> {
    let end = blank_run_end(source, br.span.end)?;
    let line_start = source[..br.span.start].rfind('\n').map_or(0, |i| i + 1);
    if content_on_line {
        let start = source[..br.span.start].trim_end_matches([' ', '\t']).len();
        if start <= line_start || source[..start].ends_with('\\') {
            return None;
        }
        return Some(Edit::delete(start, end - start));
    }
    let prefix = &source[line_start..br.span.start];
    if !prefix.chars().all(|c| matches!(c, ' ' | '\t' | '>')) {
        return None;
    }
    let line_end = match source[end..].find('\n') {
        Some(i) => end + i + 1,
        None => source.len(),
    };
    Some(Edit::delete(line_start, line_end - line_start))
}

/// Where the blanks after a tag end, if only blanks follow it on its line.
fn blank_run_end(source: &str, from: usize) -> Option<usize> {
    let rest = &source[from..];
    let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let end = from + blanks;
    matches!(source[end..].chars().next(), None | Some('\n' | '\r')).then_some(end)
}

/// Whether the paragraph with the planned edits applied still shows its line breaks where the
/// original does: the same sequence of content and breaks, a final `<br>` (which shows
/// nothing) aside, and no hard break left at the end (which would print a backslash).
fn breaks_kept(tokens: &[Inline], planned: &[(usize, usize, Planned)]) -> bool {
    let mut fixed = Vec::with_capacity(tokens.len());
    // `planned` is in token order: walk it alongside (a paragraph may hold 100k tags).
    let mut next = planned.iter().peekable();
    let mut i = 0;
    while i < tokens.len() {
        while next.next_if(|(at, _, _)| *at < i).is_some() {}
        match next.next_if(|(at, _, _)| *at == i) {
            Some((_, _, Planned::HardBreak(_))) => {
                fixed.push(Inline::HardBreak);
                i += 2; // the tag and the line ending become one hard break
            }
            Some((_, _, Planned::Remove(_))) => i += 1,
            None => {
                fixed.push(tokens[i]);
                i += 1;
            }
        }
    }
    let dangling = fixed
        .iter()
        .rposition(|t| !matches!(t, Inline::SoftBreak | Inline::Html))
        .is_some_and(|last| fixed[last] == Inline::HardBreak);
    !dangling && shape(tokens) == shape(&fixed)
}

/// The visible line structure of a paragraph: `c` for content, `b` for a break, `|` for an
/// MDX flow line; blanks around breaks and a final break do not show.
fn shape(tokens: &[Inline]) -> String {
    let mut shape = String::new();
    for token in tokens {
        match token {
            Inline::Content => shape.push('c'),
            Inline::Br(_) | Inline::HardBreak => {
                shape.truncate(shape.trim_end().len());
                shape.push('b');
            }
            Inline::SoftBreak if !shape.ends_with(['b', ' ']) && !shape.is_empty() => {
                shape.push(' ')
            }
            Inline::SoftBreak | Inline::Html => {}
            Inline::Barrier => shape.push('|'),
        }
    }
    let mut shape = shape.trim_end().to_string();
    if shape.ends_with('b') {
        shape.pop();
    }
    shape
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, ParseOptions};
    use crate::fix::apply_fixes;
    use crate::source::SourceFile;

    fn fixed(body: &str, rules: &BreakRules) -> String {
        let source = SourceFile {
            path: "post.md".into(),
            display_path: "post.md".into(),
            text: body.to_string(),
        };
        let options = ParseOptions {
            dialect: if rules.closed_br_only {
                crate::document::Dialect::Mdx
            } else {
                crate::document::Dialect::CommonMark
            },
            ..ParseOptions::default()
        };
        let md = Document::parse(source, &options).markdown;
        let fixes: Vec<Fix> = md
            .br_texts
            .iter()
            .flat_map(|t| plan_text(body, &md.brs, t, rules))
            .map(|(_, p)| match p {
                Planned::HardBreak(e) | Planned::Remove(e) => Fix::safe(vec![e]),
            })
            .collect();
        apply_fixes(body, &fixes).0
    }

    const COMMONMARK: BreakRules = BreakRules {
        hard_break: Some("\\"),
        closed_br_only: false,
        closing_br_is_text: false,
        raw_html_dropped: false,
        double_backslash_break: false,
    };

    #[test]
    fn a_br_before_a_lone_br_line_keeps_its_line() {
        // The shape that once wrote hundreds of literal backslashes into a blog.
        assert_eq!(
            fixed("끝 문장<br>\n<br>\n\n다음\n", &COMMONMARK),
            "끝 문장\\\n<br>\n\n다음\n"
        );
        assert_eq!(fixed("끝<br><br>\n", &COMMONMARK), "끝<br><br>\n");
    }

    #[test]
    fn line_ends_and_paragraph_ends() {
        assert_eq!(
            fixed("one <br>\ntwo<br/>  \n", &COMMONMARK),
            "one \\\ntwo\n"
        );
        assert_eq!(fixed("- a\n  <br>\n- b\n", &COMMONMARK), "- a\n- b\n");
        assert_eq!(fixed("> a\n> <br>\n", &COMMONMARK), "> a\n");
        assert_eq!(fixed("a\\ <br>\n", &COMMONMARK), "a\\ <br>\n");
        assert_eq!(fixed("## 제목<br>\n", &COMMONMARK), "## 제목<br>\n");
    }

    #[test]
    fn mdx_flow_lines_stop_fixes_next_to_them() {
        let mdx = BreakRules {
            closed_br_only: true,
            ..COMMONMARK
        };
        assert_eq!(
            fixed("a<br />\n<br />\nb<br/>\nc<br>\n", &mdx),
            "a<br />\n<br />\nb\\\nc<br>\n"
        );
    }

    #[test]
    fn without_a_hard_break_only_paragraph_ends_are_fixed() {
        let plain_kramdown = BreakRules {
            hard_break: None,
            double_backslash_break: true,
            ..COMMONMARK
        };
        assert_eq!(fixed("a<br>\nb<br>\n", &plain_kramdown), "a<br>\nb\n");
    }
}
