//! The front matter schema of a run: the preset's (built in) or the user's, amended with
//! `frontmatter.required` and Hugo taxonomies, compiled once and shared by every post.

use super::FrontmatterSetup;
use crate::document::front_matter::{parse_yaml, FmNode};
use crate::preset::Preset;
use crate::site::SiteIndex;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

const DOCUSAURUS: &str = include_str!("../../../rules/schemas/docusaurus.yaml");
const JEKYLL: &str = include_str!("../../../rules/schemas/jekyll.yaml");
const HUGO: &str = include_str!("../../../rules/schemas/hugo.yaml");

pub(crate) struct CompiledSchema {
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
pub(crate) fn preset_source(preset: Preset) -> Option<&'static str> {
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
pub(crate) fn annotations_document(preset: Preset) -> Value {
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
pub(crate) fn preset_document(preset: Preset) -> Option<Value> {
    preset_source(preset)
        .and_then(|text| parse_yaml(text).ok())
        .map(|node| node.to_json())
}

impl CompiledSchema {
    /// The schema for this run's posts; `None` when there is none (preset `none` and no
    /// `frontmatter.schema`), or when the amended schema does not compile.
    pub(crate) fn for_site(site: &SiteIndex, setup: &FrontmatterSetup) -> Option<Self> {
        let case_insensitive = super::keys_case_insensitive(site.preset);
        let from_user = setup.user_schema.is_some();
        // The preset's document is parsed once per run and shared with the other rules.
        let preset = || {
            Some(site.frontmatter.preset_schema(site.preset).clone())
                .filter(|_| site.preset != Preset::None)
        };
        let mut document = match setup.user_schema.clone().or_else(preset) {
            Some(document) => document,
            None if setup.required.is_empty() => return None,
            None => Value::Object(Map::new()),
        };
        if site.preset == Preset::Hugo && !from_user {
            add_taxonomies(&mut document, site);
        }
        let extra: Vec<String> = setup
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
        Self::compile(document, case_insensitive).ok()
    }

    pub(crate) fn compile(document: Value, case_insensitive: bool) -> Result<Self, String> {
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
    pub(crate) fn errors<'i>(
        &'i self,
        instance: &'i Value,
    ) -> Vec<jsonschema::ValidationError<'i>> {
        // Most posts are valid, and the yes/no check is much cheaper than collecting errors.
        if self.validator.is_valid(instance) {
            return Vec::new();
        }
        self.validator.iter_errors(instance).collect()
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

/// The JSON instance validated for one post: its front matter (top-level keys lower-cased
/// when case-insensitive; the first spelling wins), plus the values Jekyll `defaults:` supply
/// for keys the post does not set.
pub(crate) fn instance(
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
            assert!(compiled.properties.contains("date"), "{}", preset.name());
        }
    }
}
