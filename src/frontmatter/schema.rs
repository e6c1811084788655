//! The front matter schema of a run: the preset's (built in) or the user's, amended with
//! `frontmatter.required` and Hugo taxonomies, compiled once and shared by every post.

use crate::config::ConfigError;
use crate::document::front_matter::{parse_yaml, FmNode};
use crate::error::RunError;
use crate::preset::Preset;
use crate::settings::Settings;
use crate::site::SiteIndex;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const DOCUSAURUS: &str = include_str!("../../rules/schemas/docusaurus.yaml");
const JEKYLL: &str = include_str!("../../rules/schemas/jekyll.yaml");
const HUGO: &str = include_str!("../../rules/schemas/hugo.yaml");

pub struct CompiledSchema {
    /// The schema document as compiled (after amendments), for annotations and messages.
    pub document: Value,
    validator: jsonschema::Validator,
    /// Top-level property names (lower case when keys are case-insensitive).
    pub properties: BTreeSet<String>,
    /// Required top-level keys (the schema's and `frontmatter.required`).
    pub required: BTreeSet<String>,
    /// Keys are compared without letter case (Hugo); the instance's top-level keys are
    /// lower-cased before validation.
    pub case_insensitive: bool,
    /// The top-level properties, for walking posts alongside the schema.
    pub top: super::annotated::TopLevel,
}

/// The built-in schema text of a preset.
pub fn preset_source(preset: Preset) -> Option<&'static str> {
    match preset {
        Preset::Docusaurus => Some(DOCUSAURUS),
        Preset::Jekyll => Some(JEKYLL),
        Preset::Hugo => Some(HUGO),
        Preset::None => None,
    }
}

/// What postlint reads from a preset's schema besides validation: the `x-postlint-kind`
/// annotations saying which keys hold tags and author keys. Preset `none` gets the common
/// `tags` and `authors` keys.
pub fn annotations_document(preset: Preset) -> Value {
    preset_document(preset).unwrap_or_else(|| {
        serde_json::json!({
            "properties": {
                "tags": {"x-postlint-kind": "tags"},
                "authors": {"x-postlint-kind": "authors"},
            }
        })
    })
}

/// The built-in schema of a preset as JSON.
pub fn preset_document(preset: Preset) -> Option<Value> {
    preset_source(preset)
        .and_then(|text| parse_yaml(text).ok())
        .map(|node| node.to_json())
}

impl CompiledSchema {
    /// The schema for this run's posts; `Ok(None)` when there is none (preset `none` and no
    /// `frontmatter.schema`).
    pub fn for_site(site: &SiteIndex, settings: &Settings) -> Result<Option<Self>, RunError> {
        let case_insensitive = super::keys_case_insensitive(site.preset);
        let user = load_user_schema(settings)?;
        let from_user = user.is_some();
        // The preset's document is parsed once per run and shared with the other rules.
        let preset = || {
            Some(site.frontmatter.preset_schema(site.preset).clone())
                .filter(|_| site.preset != Preset::None)
        };
        let mut document = match user.or_else(preset) {
            Some(document) => document,
            None if settings.frontmatter.required.is_empty() => return Ok(None),
            None => Value::Object(Map::new()),
        };
        if site.preset == Preset::Hugo && !from_user {
            add_taxonomies(&mut document, site);
        }
        let extra: Vec<String> = settings
            .frontmatter
            .required
            .iter()
            .map(|k| {
                if case_insensitive {
                    k.to_lowercase()
                } else {
                    k.clone()
                }
            })
            .collect();
        add_required(&mut document, &extra);
        Self::compile(document, case_insensitive)
            .map(Some)
            .map_err(RunError::Usage)
    }

    pub fn compile(document: Value, case_insensitive: bool) -> Result<Self, String> {
        let validator = jsonschema::options()
            .build(&document)
            .map_err(|e| format!("invalid front matter schema: {e}"))?;
        let properties = document
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| {
                p.keys()
                    .map(|k| {
                        if case_insensitive {
                            k.to_lowercase()
                        } else {
                            k.clone()
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let required = document
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self {
            top: super::annotated::TopLevel::new(&document, case_insensitive),
            document,
            validator,
            properties,
            required,
            case_insensitive,
        })
    }

    /// Every error of one instance, in the validator's order.
    pub fn errors<'i>(&'i self, instance: &'i Value) -> Vec<jsonschema::ValidationError<'i>> {
        // Most posts are valid, and the yes/no check is much cheaper than collecting errors.
        if self.validator.is_valid(instance) {
            return Vec::new();
        }
        self.validator.iter_errors(instance).collect()
    }

    pub fn has_property(&self, key: &str) -> bool {
        if self.case_insensitive {
            self.properties.contains(&key.to_lowercase())
        } else {
            self.properties.contains(key)
        }
    }
}

/// Declares each configured Hugo taxonomy as a property holding terms.
fn add_taxonomies(document: &mut Value, site: &SiteIndex) {
    let taxonomies = super::keys::hugo_taxonomies(site);
    let Some(properties) = document
        .get_mut("properties")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for key in taxonomies {
        properties.entry(key.clone()).or_insert_with(|| {
            serde_json::json!({
                "description": format!("Terms of the `{key}` taxonomy (site config)."),
                "$ref": "#/$defs/terms",
            })
        });
    }
}

fn add_required(document: &mut Value, keys: &[String]) {
    if keys.is_empty() {
        return;
    }
    let Some(object) = document.as_object_mut() else {
        return;
    };
    let required = object
        .entry("required")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(list) = required {
        for key in keys {
            if !list.iter().any(|v| v.as_str() == Some(key)) {
                list.push(Value::String(key.clone()));
            }
        }
    }
}

/// The user's schema named by `frontmatter.schema`, relative to the config file; `Ok(None)`
/// when none is named. A schema that cannot be read, parsed or compiled fails the run.
pub fn load_user_schema(settings: &Settings) -> Result<Option<Value>, RunError> {
    let Some(name) = &settings.frontmatter.schema else {
        return Ok(None);
    };
    let base = settings
        .config_path
        .as_deref()
        .and_then(Path::parent)
        .map_or_else(|| settings.root.clone(), Path::to_path_buf);
    let path: PathBuf = base.join(name);
    let fail = |message: String| config_error(settings, message);
    let text = crate::files::read_text(&path)
        .map_err(|e| fail(format!("cannot read the front matter schema `{name}`: {e}")))?;
    let document = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        serde_json::from_str::<Value>(&text).map_err(|e| {
            fail(format!(
                "the front matter schema `{name}` is not valid JSON: {e}"
            ))
        })?
    } else {
        parse_yaml(&text)
            .map_err(|e| {
                fail(format!(
                    "the front matter schema `{name}` is not valid YAML: {}",
                    e.message
                ))
            })?
            .to_json()
    };
    if !document.is_object() {
        return Err(fail(format!(
            "the front matter schema `{name}` must be a JSON Schema object"
        )));
    }
    jsonschema::options()
        .build(&document)
        .map_err(|e| fail(format!("the front matter schema `{name}` is invalid: {e}")))?;
    Ok(Some(document))
}

/// A config error pointing at the `schema:` line of the config file when it can be found.
fn config_error(settings: &Settings, message: String) -> RunError {
    let Some(path) = &settings.config_path else {
        return RunError::Usage(message);
    };
    let text = crate::files::read_text(path).unwrap_or_default();
    let found = text.lines().enumerate().find_map(|(i, line)| {
        let column = line.find("schema:")?;
        line.trim_start()
            .starts_with("schema:")
            .then_some((i + 1, column + 1))
    });
    let (line, column) = found.unwrap_or((0, 0));
    RunError::Config(ConfigError::at(path, &text, line, column, message))
}

/// The JSON instance validated for one post: its front matter (top-level keys lower-cased
/// when case-insensitive; the first spelling wins), plus the values Jekyll `defaults:` supply
/// for keys the post does not set.
pub fn instance(
    root: Option<&FmNode>,
    case_insensitive: bool,
    defaults: &BTreeMap<&str, &Value>,
) -> Value {
    let mut object = Map::new();
    for entry in root.map(FmNode::entries).unwrap_or(&[]) {
        let key = if case_insensitive {
            entry.key.to_lowercase()
        } else {
            entry.key.clone()
        };
        object.entry(key).or_insert_with(|| entry.value.to_json());
    }
    for (key, value) in defaults {
        if !object.contains_key(*key) {
            object.insert((*key).to_string(), (*value).clone());
        }
    }
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preset_schemas_compile() {
        for preset in [Preset::Docusaurus, Preset::Jekyll, Preset::Hugo] {
            let document = preset_document(preset).expect("preset schema parses");
            let compiled = CompiledSchema::compile(document, preset == Preset::Hugo)
                .unwrap_or_else(|e| panic!("{}: {e}", preset.name()));
            assert!(compiled.has_property("date"), "{}", preset.name());
        }
    }
}
