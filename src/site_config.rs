//! The generator's own configuration, read once per run: Docusaurus `docusaurus.config.*`
//! (kept as text: it is JavaScript), Jekyll `_config.yml`, Hugo `hugo.*` / `config.*`.

use crate::document::front_matter::{self, FmNode, FmValue};
use crate::document::kramdown::KramdownOptions;
use crate::document::mdx::Mdx1Compat;
use crate::document::model::BreakRules;
use crate::document::{Dialect, ParseOptions};
use crate::files::Notes;
use crate::preset::{Preset, DOCUSAURUS_MARKERS, HUGO_MARKERS, JEKYLL_MARKERS};
use regex::Regex;
use std::path::Path;
use std::sync::{LazyLock, OnceLock};

mod hugo;
pub(crate) use hugo::{ContentRoot, Embedded, FileRoot, HugoLayout, Language};

#[derive(Debug, Default)]
pub(crate) struct SiteConfig {
    /// Jekyll/Hugo config as a tree (YAML, TOML or JSON); an empty mapping otherwise.
    pub(crate) data: Option<FmNode>,
    /// Docusaurus config source text (JavaScript/TypeScript), for the few literal values
    /// postlint reads from it.
    pub(crate) script: Option<String>,
    /// Config files found but not usable (see [`Notes`]).
    pub(crate) notes: Vec<String>,
    /// Docusaurus `markdown.mdx1Compat`, read the first time a post asks.
    mdx1: OnceLock<Mdx1Compat>,
    /// Hugo: the site layout (languages, mounts, theme) the config describes.
    pub(crate) hugo: Option<HugoLayout>,
}

impl SiteConfig {
    pub(crate) fn load(root: &Path, preset: Preset) -> Self {
        let names = match preset {
            Preset::Docusaurus => DOCUSAURUS_MARKERS,
            Preset::Jekyll => JEKYLL_MARKERS,
            Preset::Hugo => HUGO_MARKERS,
            Preset::None => return Self::default(),
        };
        let notes = Notes::default();
        if preset == Preset::Hugo {
            let mut config = Self {
                data: hugo::load(root, &notes),
                notes: notes.take(),
                ..Self::default()
            };
            config.hugo = Some(HugoLayout::read(&config, root));
            return config;
        }
        for name in names {
            let Some(text) = crate::files::read_site_file(root, name, &notes) else {
                continue;
            };
            if preset == Preset::Docusaurus {
                return Self {
                    script: Some(text),
                    notes: notes.take(),
                    ..Self::default()
                };
            }
            let data = parse_file(name, &text)
                .map_err(|why| notes.unusable(name, why))
                .ok();
            return Self {
                data,
                notes: notes.take(),
                ..Self::default()
            };
        }
        Self {
            notes: notes.take(),
            ..Self::default()
        }
    }

    /// A value of the Jekyll/Hugo config by a dotted path (`kramdown.input`).
    pub(crate) fn get(&self, dotted: &str) -> Option<&FmNode> {
        let mut node = self.data.as_ref()?;
        for part in dotted.split('.') {
            node = &node.get(part)?.value;
        }
        Some(node)
    }

    pub(crate) fn get_str(&self, dotted: &str) -> Option<&str> {
        self.get(dotted).and_then(FmNode::as_str)
    }

    /// Like [`SiteConfig::get`], but keys compare without letter case, as Hugo reads them.
    pub(crate) fn get_ci(&self, dotted: &str) -> Option<&FmNode> {
        let mut node = self.data.as_ref()?;
        for part in dotted.split('.') {
            node = &node
                .entries()
                .iter()
                .find(|e| e.key.eq_ignore_ascii_case(part))?
                .value;
        }
        Some(node)
    }
}

impl SiteConfig {
    /// How the generator reads the post at `path`: its dialect, and what this config changes
    /// in it.
    pub(crate) fn parse_options(&self, preset: Preset, path: &Path) -> ParseOptions {
        let mdx_file = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("mdx"));
        let (dialect, toml_front_matter) = match preset {
            Preset::Docusaurus => {
                let mdx = match self.docusaurus_format() {
                    Some("md") => false,
                    Some("detect") => mdx_file,
                    _ => true,
                };
                (
                    if mdx {
                        Dialect::Mdx
                    } else {
                        Dialect::CommonMark
                    },
                    false,
                )
            }
            Preset::Jekyll => (Dialect::Kramdown, false),
            Preset::Hugo => (Dialect::Goldmark, true),
            Preset::None if mdx_file => (Dialect::Mdx, true),
            Preset::None => (Dialect::CommonMark, true),
        };
        ParseOptions {
            dialect,
            toml_front_matter,
            breaks: self.break_rules(preset, dialect),
            kramdown: self.kramdown_options(),
            mdx1: if dialect == Dialect::Mdx {
                *self.mdx1.get_or_init(|| self.docusaurus_mdx1())
            } else {
                Mdx1Compat::default()
            },
        }
    }

    /// Jekyll's `kramdown` settings that change how posts read (Jekyll's defaults otherwise).
    fn kramdown_options(&self) -> KramdownOptions {
        let defaults = KramdownOptions::default();
        let flag = |key: &str, default: bool| {
            self.get(&format!("kramdown.{key}"))
                .and_then(|node| match node.value {
                    FmValue::Bool(b) => Some(b),
                    _ => None,
                })
                .unwrap_or(default)
        };
        KramdownOptions {
            gfm: self
                .get_str("kramdown.input")
                .is_none_or(|input| input.eq_ignore_ascii_case("gfm")),
            parse_block_html: flag("parse_block_html", defaults.parse_block_html),
            parse_span_html: flag("parse_span_html", defaults.parse_span_html),
        }
    }

    /// Docusaurus `markdown.mdx1Compat`: each key as written, else on unless `future.v4`
    /// (`true`, or `{ mdx1CompatDisabledByDefault: true }`) turns the defaults off.
    fn docusaurus_mdx1(&self) -> Mdx1Compat {
        static V4: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"\bv4\s*:\s*true\b|\bmdx1CompatDisabledByDefault\s*:\s*true\b")
                .expect("valid regex")
        });
        let Some(script) = self.script.as_deref() else {
            return Mdx1Compat::default();
        };
        static COMMENTS: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\bcomments\s*:\s*(true|false)\b").expect("valid regex"));
        static HEADING_IDS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"\bheadingIds\s*:\s*(true|false)\b").expect("valid regex")
        });
        let default = !object_after(script, &FUTURE).is_some_and(|f| V4.is_match(f));
        let compat = object_after(script, &MARKDOWN).and_then(|m| object_after(m, &MDX1_COMPAT));
        let key = |re: &Regex| Some(re.captures(compat?)?.get(1)?.as_str() == "true");
        Mdx1Compat {
            comments: key(&COMMENTS).unwrap_or(default),
            heading_ids: key(&HEADING_IDS).unwrap_or(default),
        }
    }

    /// What the generator makes of `<br>` tags and line breaks.
    fn break_rules(&self, preset: Preset, dialect: Dialect) -> BreakRules {
        let raw_html_dropped = preset == Preset::Hugo && !self.hugo_renders_html();
        let hard_wrap = matches!(
            self.get("kramdown.hard_wrap").map(|n| &n.value),
            Some(FmValue::Bool(true))
        );
        let hard_break = match preset {
            // `hard_wrap` makes every line end a break already.
            Preset::Jekyll if hard_wrap => None,
            Preset::Jekyll => match self.get_str("kramdown.input") {
                None => Some("\\"),
                Some(input) if input.eq_ignore_ascii_case("gfm") => Some("\\"),
                // Plain kramdown breaks with two backslashes, which the CommonMark reading of
                // the post (and so the next lint pass) takes for an escaped backslash.
                Some(_) => None,
            },
            Preset::Hugo if raw_html_dropped => None,
            _ => Some("\\"),
        };
        BreakRules {
            hard_break,
            closed_br_only: dialect == Dialect::Mdx,
            closing_br_is_text: preset == Preset::Jekyll,
            raw_html_dropped,
            double_backslash_break: preset == Preset::Jekyll && hard_break.is_none(),
        }
    }

    /// Hugo's `markup.goldmark.renderer.unsafe`: raw HTML is rendered, not dropped.
    fn hugo_renders_html(&self) -> bool {
        self.get_ci("markup.goldmark.renderer.unsafe")
            .is_some_and(|node| matches!(node.value, FmValue::Bool(true)))
    }

    /// Docusaurus `markdown: { format: 'mdx' | 'md' | 'detect' }`; `None` when not set
    /// (`mdx`, Docusaurus's default).
    fn docusaurus_format(&self) -> Option<&str> {
        static FORMAT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r#"\bformat\s*:\s*['"`](mdx|md|detect)['"`]"#).expect("valid regex")
        });
        let script = self.script.as_deref()?;
        let block = object_after(script, &MARKDOWN)?;
        FORMAT
            .captures(block)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str())
    }
}

static MARKDOWN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bmarkdown\s*:\s*\{").expect("valid regex"));
static FUTURE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bfuture\s*:\s*\{").expect("valid regex"));
static MDX1_COMPAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bmdx1Compat\s*:\s*\{").expect("valid regex"));

/// The text of the `key: { … }` object literal of a Docusaurus config, braces balanced
/// (strings are not parsed: a brace inside one can only end the search early).
fn object_after<'s>(script: &'s str, key: &Regex) -> Option<&'s str> {
    let open = key.find(script)?.end() - 1;
    let mut depth = 0usize;
    for (i, b) in script.bytes().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return script.get(open..=i);
                }
            }
            _ => {}
        }
    }
    None
}

/// A YAML, TOML or JSON config file, by its name's extension.
fn parse_file(name: &str, text: &str) -> Result<FmNode, String> {
    if name.ends_with(".toml") {
        front_matter::parse_toml(text).map_err(|e| e.message)
    } else if name.ends_with(".json") {
        serde_json::from_str::<serde_json::Value>(text)
            .map(|v| from_json(&v))
            .map_err(|e| format!("invalid JSON: {e}"))
    } else {
        front_matter::parse_yaml(text).map_err(|e| e.message)
    }
}

fn from_json(value: &serde_json::Value) -> FmNode {
    use crate::source::Span;
    use serde_json::Value;
    let value = match value {
        Value::Null => FmValue::Null,
        Value::Bool(b) => FmValue::Bool(*b),
        Value::Number(n) => n
            .as_i64()
            .map(FmValue::Int)
            .or_else(|| n.as_f64().map(FmValue::Float))
            .unwrap_or(FmValue::Null),
        Value::String(s) => FmValue::Str(s.clone()),
        Value::Array(items) => FmValue::Seq(items.iter().map(from_json).collect()),
        Value::Object(map) => FmValue::Map(
            map.iter()
                .map(|(k, v)| front_matter::FmEntry {
                    key: k.clone(),
                    key_span: Span::default(),
                    value: from_json(v),
                })
                .collect(),
        ),
    };
    FmNode {
        span: Span::default(),
        value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docusaurus(script: &str) -> SiteConfig {
        SiteConfig {
            script: Some(script.to_string()),
            ..SiteConfig::default()
        }
    }

    #[test]
    fn docusaurus_markdown_format_picks_the_dialect() {
        let dialect = |config: &SiteConfig, name: &str| {
            config
                .parse_options(Preset::Docusaurus, Path::new(name))
                .dialect
        };
        let default = docusaurus("module.exports = { title: 'x' };");
        assert_eq!(dialect(&default, "a.md"), Dialect::Mdx);
        let detect = docusaurus(
            "export default { markdown: { mermaid: true, hooks: { x: 1 }, format: 'detect' } };",
        );
        assert_eq!(dialect(&detect, "a.md"), Dialect::CommonMark);
        assert_eq!(dialect(&detect, "a.mdx"), Dialect::Mdx);
        let md = docusaurus("module.exports = { markdown: { format: \"md\" } };");
        assert_eq!(dialect(&md, "a.mdx"), Dialect::CommonMark);
        let elsewhere = docusaurus("module.exports = { blog: { format: 'md' }, markdown: {} };");
        assert_eq!(dialect(&elsewhere, "a.md"), Dialect::Mdx);
    }

    #[test]
    fn docusaurus_mdx1_compat() {
        let compat = |script: &str| {
            docusaurus(script)
                .parse_options(Preset::Docusaurus, Path::new("a.md"))
                .mdx1
        };
        let on = Mdx1Compat::default();
        assert_eq!(compat("module.exports = { title: 'x' };"), on);
        let off = Mdx1Compat {
            comments: false,
            heading_ids: false,
        };
        assert_eq!(compat("export default { future: { v4: true } };"), off);
        assert_eq!(
            compat("export default { future: { v4: { mdx1CompatDisabledByDefault: true } } };"),
            off
        );
        assert_eq!(
            compat(
                "export default { future: { v4: true }, markdown: { mdx1Compat: { comments: true } } };"
            ),
            Mdx1Compat {
                comments: true,
                heading_ids: false
            }
        );
        assert_eq!(
            compat("module.exports = { markdown: { mdx1Compat: { headingIds: false } } };"),
            Mdx1Compat {
                comments: true,
                heading_ids: false
            }
        );
    }
}
