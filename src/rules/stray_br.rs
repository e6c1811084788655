//! `stray-br`: a `<br>` tag in Markdown prose, with a safe fix where one exists.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::model::{BrContext, BrPosition, BrTag};
use crate::fix::{Edit, Fix};
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};

pub(crate) static META: RuleMeta = RuleMeta {
    id: "stray-br",
    default_severity: Severity::Warning,
    fixable: true,
    summary: "a `<br>` tag in Markdown prose",
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
        let backslash_breaks = ctx.doc.markdown.backslash_breaks;
        for br in &ctx.doc.markdown.brs {
            if br.context != BrContext::Prose {
                continue;
            }
            let tag = &text[br.span.start..br.span.end];
            let (help, fix) = match br.position {
                BrPosition::LineEnd => match fix(text, br, "\\").filter(|_| backslash_breaks) {
                    Some(fix) => (
                        "end the line with a backslash: a Markdown hard line break".to_string(),
                        Some(fix),
                    ),
                    None => (split_help(), None),
                },
                BrPosition::BlockEnd => (
                    "remove it: at the end of a paragraph it adds nothing".to_string(),
                    fix(text, br, ""),
                ),
                BrPosition::BeforeBr | BrPosition::MidLine => (split_help(), None),
            };
            let mut diagnostic =
                Diagnostic::new(META.id, br.span, format!("`{tag}` in Markdown prose"))
                    .with_help(help);
            diagnostic.fix = fix;
            out.push(diagnostic);
        }
    }
}

fn split_help() -> String {
    "break the line with a trailing backslash, or start a new paragraph with a blank line"
        .to_string()
}

/// Replaces the tag and the blanks around it on its line with `replacement`.
fn fix(text: &str, br: &BrTag, replacement: &str) -> Option<Fix> {
    let before = &text[..br.span.start];
    let start = before.trim_end_matches([' ', '\t']).len();
    let after = &text[br.span.end..];
    let end = br.span.end + (after.len() - after.trim_start_matches([' ', '\t']).len());
    if !replacement.is_empty() {
        let previous = text[..start].chars().next_back();
        // A backslash needs text before it on the line, and must not escape one already there.
        if matches!(previous, None | Some('\n' | '\r' | '\\' | '>')) {
            return None;
        }
    }
    Some(Fix::safe(vec![Edit::replace(
        start,
        end - start,
        replacement,
    )]))
}
