//! `frontmatter-syntax`: a front matter block that cannot be read as a mapping.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::front_matter::FrontMatterFormat;
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};

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
        let mut diagnostic = Diagnostic::new(META.id, error.span, message);
        diagnostic.help = help;
        out.push(diagnostic);
    }
}
