//! `frontmatter-schema`: front matter against the schema (types, values, patterns, dates,
//! required keys), misspelt and unknown keys, and posts with no title at all.

use crate::config::UnknownKeys;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::front_matter::{FmNode, FmValue};
use crate::document::Document;
mod messages;

use crate::date;
use crate::preset::Preset;
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};
use crate::site::frontmatter::annotated;
use crate::site::frontmatter::keys::UnknownKey;
use crate::site::frontmatter::schema::{self, CompiledSchema};
use crate::site::frontmatter::{self, entry, keys_case_insensitive, scalar_text};
use crate::source::Span;
use crate::spelling::Likeness;
use messages::{Finding, Post};
use serde_json::Value;
use std::collections::BTreeMap;

fn finding(f: Finding) -> Diagnostic {
    let mut d = Diagnostic::new(META.id, f.span, f.message);
    d.help = f.help.map(Into::into);
    d
}

fn unknown_key(key: &UnknownKey<'_>, unknown_keys: UnknownKeys) -> Option<Diagnostic> {
    let name = &key.entry.key;
    let Some(suggestion) = &key.suggestion else {
        let severity = match unknown_keys {
            UnknownKeys::Ignore => return None,
            UnknownKeys::Warning => Severity::Warning,
            UnknownKeys::Error => Severity::Error,
        };
        let mut d = Diagnostic::new(META.id, key.entry.key_span, format!("unknown key `{name}`"))
            .with_help("neither the schema nor the site's other posts use this key; remove it, or add it to the schema");
        d.severity = severity;
        return Some(d);
    };
    let message = match suggestion.likeness {
        Likeness::Case => format!("unknown key `{name}`: front matter keys are case-sensitive"),
        Likeness::Typo => format!("unknown key `{name}`"),
    };
    let help = match suggestion.used_by {
        Some(posts) => format!(
            "did you mean `{}`? {posts} other posts use it",
            suggestion.key
        ),
        None => format!("did you mean `{}`?", suggestion.key),
    };
    Some(Diagnostic::new(META.id, key.entry.key_span, message).with_help(help))
}

fn no_title(span: Span, preset: Preset) -> Diagnostic {
    let fallback = match preset {
        Preset::Docusaurus => "Docusaurus titles it with its file name",
        Preset::Jekyll => "Jekyll titles it from its file name",
        _ => "Hugo publishes it untitled",
    };
    Diagnostic::new(
        META.id,
        span,
        "post has no title: no `title` in the front matter and no `# ` heading",
    )
    .with_help(format!(
        "add `title:` to the front matter, or start the body with a `# ` heading; as it is, {fallback}"
    ))
}

pub(crate) static META: RuleMeta = RuleMeta {
    id: "frontmatter-schema",
    default_severity: Severity::Error,
    fixable: false,
    summary: "front matter against the preset's schema: required keys, types, values, dates, misspelt keys, missing title",
    doc: include_str!("../../../rules/frontmatter-schema.md"),
};

pub(crate) struct FrontmatterSchema;

impl Rule for FrontmatterSchema {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        let (doc, site) = (ctx.doc, ctx.site);
        if frontmatter::is_partial(doc, site) {
            return;
        }
        // A block that does not parse is frontmatter-syntax's finding.
        if doc
            .front_matter
            .as_ref()
            .is_some_and(|fm| fm.root.is_none())
        {
            return;
        }
        let root = doc.front_matter_root();
        let ci = keys_case_insensitive(site.preset);
        let keys = site.frontmatter.keys(site);
        let site_path = site.site_path(&doc.source.path).unwrap_or_default();
        let defaults = keys.defaults_for(&site_path);
        let schema = site.frontmatter.schema(site);
        let start = out.len();
        if let Some(schema) = schema {
            check_schema(doc, site.preset, schema, &defaults, out);
        }
        if let Some(root) = root {
            for key in keys.unknown_keys(root, schema, ci) {
                out.extend(unknown_key(&key, site.frontmatter.setup.unknown_keys));
            }
        }
        let title_required = schema.is_some_and(|s| s.required.contains("title"));
        if !title_required && !has_title(doc, site.preset, &defaults) {
            let span = root
                .and_then(|r| entry(r, "title", site.preset))
                .map_or_else(|| anchor(doc), |e| e.key_span);
            out.push(no_title(span, site.preset));
        }
        let mine = &mut out[start..];
        mine.sort_by(|a, b| (a.span, &a.message).cmp(&(b.span, &b.message)));
        let mut seen = std::collections::HashSet::new();
        let kept: Vec<Diagnostic> = out
            .drain(start..)
            .filter(|d| seen.insert((d.span, d.message.clone())))
            .collect();
        out.extend(kept);
    }
}

/// Dates first (their messages are the most precise), then the validator's errors at other
/// places, then misspelt keys inside nested mappings.
fn check_schema(
    doc: &Document,
    preset: Preset,
    schema: &CompiledSchema,
    defaults: &BTreeMap<&str, &Value>,
    out: &mut Vec<Diagnostic>,
) {
    let root = doc.front_matter_root();
    let mut date_spans = Vec::new();
    // Only keys whose values can hold a date or a nested key are worth walking.
    let only = |key: &str| schema.top.is_annotated(key);
    let walked = root.map(|r| {
        annotated::walk(
            &schema.document,
            &schema.top,
            r,
            schema.case_insensitive,
            Some(&only),
        )
    });
    for value in walked.iter().flat_map(|w| &w.values) {
        if value.kind != "date" {
            continue;
        }
        if let Some(f) = date_finding(doc, preset, value.node) {
            date_spans.push(f.span);
            out.push(finding(f));
        }
    }
    let instance = schema::instance(root, schema.case_insensitive, defaults);
    let errors = schema.errors(&instance);
    let post = Post {
        schema: &schema.document,
        root,
        anchor: anchor(doc),
        case_insensitive: schema.case_insensitive,
    };
    for f in messages::findings(&post, &errors) {
        if !date_spans.contains(&f.span) {
            out.push(finding(f));
        }
    }
    for typo in walked.iter().flat_map(|w| &w.nested_typos) {
        let message = match typo.likeness {
            Likeness::Case => format!(
                "unknown key `{}` in `{}`: keys are case-sensitive",
                typo.entry.key, typo.parent
            ),
            Likeness::Typo => format!("unknown key `{}` in `{}`", typo.entry.key, typo.parent),
        };
        out.push(
            Diagnostic::new(META.id, typo.entry.key_span, message)
                .with_help(format!("did you mean `{}`?", typo.suggestion)),
        );
    }
}

fn date_finding(doc: &Document, preset: Preset, node: &FmNode) -> Option<Finding> {
    let text = node.as_str()?;
    let shown = frontmatter::shorten(text);
    let value = match date::parse(text)? {
        Ok(value) => value,
        Err(reason) => {
            return Some(Finding {
                span: node.span,
                message: format!("invalid date `{shown}`: {reason}"),
                help: Some("write a real calendar date, e.g. `2022-11-20`".to_string()),
            })
        }
    };
    if preset == Preset::Docusaurus
        && value.has_zone
        && breaks_with_z(text)
        && !is_yaml_timestamp(doc, node)
    {
        return Some(Finding {
            span: node.span,
            message: format!(
                "Docusaurus cannot read the date `{shown}`: a date with a time zone that YAML reads as text becomes an invalid date"
            ),
            help: Some(
                "write it unquoted, with seconds and a colon in the offset (`2022-11-20T10:00:00+09:00`), or leave the time zone out"
                    .to_string(),
            ),
        });
    }
    None
}

/// Whether `new Date(text + "Z")` is an invalid date in V8, for a date string with a zone:
/// the ISO form (`2022-11-20T10:00:00+09:00`) and a trailing `Z` are; the space-separated
/// form with a numeric offset (`2022-11-20 10:00:00 +0900`) is not (V8 drops the offset).
fn breaks_with_z(text: &str) -> bool {
    let text = text.trim();
    let time = text.get(10..).unwrap_or("");
    time.starts_with(['T', 't']) || text.ends_with(['Z', 'z'])
}

/// Whether js-yaml (Docusaurus) reads the value as a timestamp rather than a string: it is
/// unquoted and matches YAML 1.1's timestamp form. Docusaurus appends `Z` to string dates,
/// which makes any string with its own zone an invalid date.
fn is_yaml_timestamp(doc: &Document, node: &FmNode) -> bool {
    static TIMESTAMP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?$",
        )
        .expect("valid regex")
    });
    let raw = doc.text().get(node.span.start..node.span.end).unwrap_or("");
    !raw.starts_with(['"', '\'']) && node.as_str().is_some_and(|s| TIMESTAMP.is_match(s.trim()))
}

/// A `title` with text, a title from Jekyll `defaults:`, or a `# H1` in the body.
fn has_title(doc: &Document, preset: Preset, defaults: &BTreeMap<&str, &Value>) -> bool {
    if !matches!(preset, Preset::Docusaurus | Preset::Jekyll | Preset::Hugo)
        || doc.markdown.has_h1()
    {
        return true;
    }
    // Hugo titles a section page (`_index.md`) after its folder.
    if preset == Preset::Hugo
        && doc
            .source
            .path
            .file_name()
            .is_some_and(|n| n == "_index.md")
    {
        return true;
    }
    let titled = doc
        .front_matter_root()
        .and_then(|r| entry(r, "title", preset))
        .is_some_and(|e| match &e.value.value {
            FmValue::Str(s) => !s.trim().is_empty(),
            FmValue::Null => false,
            _ => scalar_text(&e.value).is_some(),
        });
    titled
        || defaults
            .get("title")
            .is_some_and(|v| v.as_str().is_some_and(|s| !s.trim().is_empty()) || v.is_number())
}

/// Where findings about the front matter as a whole point: its opening line, or the start of
/// a post that has none.
fn anchor(doc: &Document) -> Span {
    match &doc.front_matter {
        Some(fm) => Span::new(fm.span.start, (fm.span.start + 3).min(fm.span.end)),
        None => {
            let text = doc.text();
            Span::new(0, text.find(['\n', '\r']).unwrap_or(text.len()))
        }
    }
}
