//! The generator's own configuration, read once per run: Docusaurus `docusaurus.config.*`
//! (kept as text: it is JavaScript), Jekyll `_config.yml`, Hugo `hugo.*` / `config.*`.

use crate::document::front_matter::{self, FmNode, FmValue};
use crate::files::Notes;
use crate::preset::{Preset, DOCUSAURUS_MARKERS, HUGO_MARKERS, JEKYLL_MARKERS};
use std::path::Path;

#[derive(Debug, Default)]
pub struct SiteConfig {
    /// The config file's path relative to the root, when one was found.
    pub file: Option<String>,
    /// Jekyll/Hugo config as a tree (YAML, TOML or JSON); an empty mapping otherwise.
    pub data: Option<FmNode>,
    /// Docusaurus config source text (JavaScript/TypeScript), for the few literal values
    /// postlint reads from it.
    pub script: Option<String>,
    /// Config files found but not usable (see [`Notes`]).
    pub notes: Vec<String>,
}

impl SiteConfig {
    pub fn load(root: &Path, preset: Preset) -> Self {
        let names = match preset {
            Preset::Docusaurus => DOCUSAURUS_MARKERS,
            Preset::Jekyll => JEKYLL_MARKERS,
            Preset::Hugo => HUGO_MARKERS,
            Preset::None => return Self::default(),
        };
        let notes = Notes::default();
        for name in names {
            let Some(text) = crate::files::read_site_file(root, name, &notes) else {
                continue;
            };
            let file = Some(name.to_string());
            if preset == Preset::Docusaurus {
                return Self {
                    file,
                    script: Some(text),
                    notes: notes.take(),
                    ..Self::default()
                };
            }
            let data = if name.ends_with(".toml") {
                front_matter::parse_toml(&text).map_err(|e| e.message)
            } else if name.ends_with(".json") {
                serde_json::from_str::<serde_json::Value>(&text)
                    .map(|v| from_json(&v))
                    .map_err(|e| format!("invalid JSON: {e}"))
            } else {
                front_matter::parse_yaml(&text).map_err(|e| e.message)
            };
            let data = data.map_err(|why| notes.unusable(name, why)).ok();
            return Self {
                file,
                data,
                script: None,
                notes: notes.take(),
            };
        }
        Self {
            notes: notes.take(),
            ..Self::default()
        }
    }

    /// A value of the Jekyll/Hugo config by a dotted path (`kramdown.input`).
    pub fn get(&self, dotted: &str) -> Option<&FmNode> {
        let mut node = self.data.as_ref()?;
        for part in dotted.split('.') {
            node = &node.get(part)?.value;
        }
        Some(node)
    }

    pub fn get_str(&self, dotted: &str) -> Option<&str> {
        self.get(dotted).and_then(FmNode::as_str)
    }

    /// Like [`SiteConfig::get`], but keys compare without letter case, as Hugo reads them.
    pub fn get_ci(&self, dotted: &str) -> Option<&FmNode> {
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
