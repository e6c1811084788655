//! The JSON Schema of `postlint.yml`, generated from the config types and the rule registry so
//! that editors complete and check the file: each rule id, its severity, and its own options.
//! `schemas/postlint.schema.json` is the checked-in copy that `postlint init` points editors
//! at; `tests/config_schema.rs` keeps it in sync.

use crate::config::ConfigFile;
use crate::diagnostic::Severity;
use crate::rules::RULES;
use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// The schema, in draft 7: the newest draft that yaml-language-server and JetBrains IDEs
/// fully support.
fn generate() -> Schema {
    let mut generator = SchemaSettings::draft07().into_generator();
    let rule_settings = rule_settings(&mut generator);
    let mut schema = generator.into_root_schema_for::<ConfigFile>();
    schema.insert("$id".into(), crate::init::SCHEMA_URL.into());
    if let Some(Value::Object(definitions)) = schema.get_mut("definitions") {
        definitions.insert("RuleSettings".into(), rule_settings.to_value());
        let mut sorted: Vec<(String, Value)> = std::mem::take(definitions).into_iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        definitions.extend(sorted);
    }
    schema
}

/// The schema as the checked-in file holds it: pretty JSON ending in a newline.
pub(crate) fn to_file_text() -> String {
    let mut text = serde_json::to_string_pretty(&generate()).expect("a schema serializes");
    text.push('\n');
    text
}

/// `rules:`: one property per rule id, so that editors complete the ids and flag unknown
/// ones; each a severity or a mapping of `severity` and the rule's own options.
fn rule_settings(generator: &mut SchemaGenerator) -> Schema {
    let severity = generator.subschema_for::<SeverityText>();
    let properties: Map<String, Value> = RULES
        .iter()
        .map(|rule| {
            let m = rule.meta();
            let description = format!(
                "{}. Default: {}.",
                m.summary.trim_end_matches('.'),
                m.default_severity.as_str()
            );
            let options = rule.options_schema(generator);
            let property = json_schema!({
                "description": description,
                "anyOf": [severity, options]
            });
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

/// A rule's severity as written for it: also `false`, which is how a YAML 1.1 reader (and
/// postlint, leniently) reads a bare `off`.
struct SeverityText;

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
