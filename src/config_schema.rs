//! The JSON Schema of `postlint.yml`, generated from the config types so that editors complete
//! and check the file. `schemas/postlint.schema.json` is the checked-in copy that `postlint init`
//! points editors at; `tests/config_schema.rs` keeps it in sync and regenerates it.

use crate::config::{ConfigFile, RuleSetting};
use crate::diagnostic::Severity;
use crate::rules;
use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// The schema, in draft 7: the newest draft that yaml-language-server and JetBrains IDEs
/// fully support.
pub fn generate() -> Schema {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<ConfigFile>();
    schema.insert("$id".into(), crate::init::SCHEMA_URL.into());
    schema
}

/// The schema as the checked-in file holds it: pretty JSON ending in a newline.
pub fn to_file_text() -> String {
    let mut text = serde_json::to_string_pretty(&generate()).expect("a schema serializes");
    text.push('\n');
    text
}

/// `rules:`, in the config and in each override: a reference to [`RuleSettings`], or nothing.
pub fn rule_settings(generator: &mut SchemaGenerator) -> Schema {
    let settings = generator.subschema_for::<RuleSettings>();
    json_schema!({ "anyOf": [settings, { "type": "null" }] })
}

/// One property per rule id, so that editors complete the ids and flag unknown ones.
struct RuleSettings;

impl JsonSchema for RuleSettings {
    fn schema_name() -> Cow<'static, str> {
        "RuleSettings".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let setting = generator.subschema_for::<RuleSetting>();
        let properties: Map<String, Value> = rules::metas()
            .map(|m| {
                let description = format!(
                    "{}. Default: {}.",
                    m.summary.trim_end_matches('.'),
                    m.default_severity.as_str()
                );
                let property = json_schema!({ "description": description, "allOf": [setting] });
                (m.id.to_string(), property.to_value())
            })
            .collect();
        json_schema!({
            "description": "Severity (`error`, `warning`, `off`) or options, per rule id",
            "type": "object",
            "properties": properties,
            "additionalProperties": false
        })
    }
}

/// A rule's severity as written for it: also `false`, which is how a YAML 1.1 reader (and
/// postlint, leniently) reads a bare `off`.
pub struct SeverityText;

impl JsonSchema for SeverityText {
    fn schema_name() -> Cow<'static, str> {
        "SeverityText".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let severity = generator.subschema_for::<Severity>();
        json_schema!({
            "anyOf": [severity, { "const": false, "description": "`off`, as YAML 1.1 reads it" }]
        })
    }
}

/// A duration as `config::parse_duration` reads it: `10s`, `500ms`, `2m`, `1h`, `7d`, or a
/// bare number of seconds.
pub struct Duration;

impl JsonSchema for Duration {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A duration: `500ms`, `10s`, `2m`, `1h`, `7d`; a bare number is seconds",
            "anyOf": [
                { "type": "string", "pattern": r"^\s*[0-9]+\s*(ms|s|m|h|d)?\s*$" },
                { "type": "integer", "minimum": 0 }
            ]
        })
    }
}
