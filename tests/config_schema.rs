//! `schemas/postlint.schema.json`, the JSON Schema editors use for `postlint.yml`: the checked-in
//! file is what `postlint::config_schema` generates from the config types, it is a valid draft-07
//! schema, and it accepts and rejects the same configs as the postlint binary.
//!
//! After changing the config types or a rule's options, regenerate it with the command that
//! accepts snapshots: `INSTA_UPDATE=always cargo test`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

const SCHEMA_FILE: &str = "schemas/postlint.schema.json";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn postlint() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_postlint"));
    command.env_remove("POSTLINT_FORMAT");
    command
}

fn generated() -> String {
    postlint::config_schema()
}

fn schema() -> Value {
    serde_json::from_str(&generated()).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema())
        .expect("the schema compiles")
}

/// A YAML document as JSON, read as YAML 1.2 like yaml-language-server does.
fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("YAML {text:?}: {e}"))
}

#[test]
fn checked_in_schema_is_generated_one() {
    let path = repo().join(SCHEMA_FILE);
    let fresh = generated();
    if std::env::var_os("INSTA_UPDATE").is_some_and(|v| v == "always") {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let checked_in = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{SCHEMA_FILE}: {e}"))
        .replace("\r\n", "\n");
    assert!(
        checked_in == fresh,
        "{SCHEMA_FILE} is out of date: run `INSTA_UPDATE=always cargo test --test config_schema`"
    );
}

#[test]
fn schema_is_valid_draft_07() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::draft7::meta::validate(&schema).expect("a valid draft-07 schema");
}

/// `postlint init` points editors at the schema; its `$id` is that URL.
#[test]
fn init_header_names_the_schema() {
    let schema = schema();
    let id = schema["$id"].as_str().unwrap();
    assert!(id.ends_with(SCHEMA_FILE), "{id}");
    for preset in ["docusaurus", "jekyll", "hugo", "none"] {
        let dir = tempfile::tempdir().unwrap();
        postlint()
            .args(["init", "--preset", preset])
            .current_dir(dir.path())
            .assert()
            .success();
        let written = std::fs::read_to_string(dir.path().join("postlint.yml")).unwrap();
        assert_eq!(
            written.lines().next().unwrap(),
            format!("# yaml-language-server: $schema={id}")
        );
        let errors: Vec<String> = validator()
            .iter_errors(&yaml(&written))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{preset} starter: {errors:?}");
    }
}

/// The rule ids the schema offers are exactly `postlint rules`.
#[test]
fn schema_knows_every_rule() {
    let schema = schema();
    let listed = postlint().arg("rules").output().unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    let mut expected: Vec<&str> = listed
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    expected.sort_unstable();
    let properties = schema["definitions"]["RuleSettings"]["properties"]
        .as_object()
        .unwrap();
    let ids: Vec<&str> = properties.keys().map(String::as_str).collect();
    assert_eq!(ids, expected);
}

/// Whether postlint accepts a config: exit 2 is a config error, anything else is not.
fn postlint_accepts(site: &Path, config: &str) -> bool {
    std::fs::write(site.join("postlint.yml"), config).unwrap();
    let output = postlint()
        .args(["--format", "json", "--config", "postlint.yml"])
        .current_dir(site)
        .output()
        .unwrap();
    output.status.code() != Some(2)
}

const VALID: &[&str] = &[
    "preset: docusaurus\n",
    "preset: none\nroot: .\ninclude: [\"blog/**/*.md\"]\nexclude: [\"blog/drafts/**\"]\nonline: false\n",
    "rules:\n  stray-br: error\n  image-alt: off\n  dead-url: { severity: warning, timeout: 10s, exclude: [\"^https://example\\\\.com/\"], allow_private: false }\n",
    "rules:\n  dead-url: { timeout: 10, max_age: 7d, max_redirects: 5, max_per_host: 2, accept: [403] }\n",
    "rules:\n  stray-br: { severity: off }\n",
    "frontmatter:\n  tags: [data, airflow]\n  required: [title, tags]\n  unknown_keys: warning\n",
    "overrides:\n  - files: [\"blog/legacy/**\"]\n    rules: { stray-br: off }\n",
    "rules:\n",
    "frontmatter:\n",
    "overrides:\n",
    "include:\n",
    "root:\n",
];

const INVALID: &[&str] = &[
    "presets: docusaurus\n",
    "preset: gatsby\n",
    "rules:\n  bogus-rule: error\n",
    "rules:\n  stray-br: fatal\n",
    "rules:\n  stray-br:\n",
    "rules:\n  dead-url: { retries: 3 }\n",
    "rules:\n  stray-br: { timeout: 10s }\n",
    "rules:\n  unverified-url: { timeout: 10s }\n",
    "rules:\n  stray-br: { severity: fatal }\n",
    "include: blog/**\n",
    "exclude:\n",
    "online: maybe\n",
    "frontmatter:\n  unknown_keys: loud\n",
    "frontmatter:\n  required:\n",
    "overrides:\n  - rules: { stray-br: off }\n",
    "overrides:\n  - files: [a]\n    rules: { nope: off }\n",
    "root: [a]\n",
];

/// The schema and postlint agree on valid and invalid configs, so an editor flags exactly what
/// `postlint` would refuse.
#[test]
fn schema_and_postlint_agree() {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(
        site.path().join("docusaurus.config.js"),
        "module.exports = {};\n",
    )
    .unwrap();
    std::fs::create_dir(site.path().join("blog")).unwrap();
    std::fs::write(
        site.path().join("blog/2024-01-01-a.md"),
        "---\ntitle: A\n---\n\nText.\n",
    )
    .unwrap();
    let validator = validator();
    for (configs, valid) in [(VALID, true), (INVALID, false)] {
        for config in configs {
            let errors: Vec<String> = validator
                .iter_errors(&yaml(config))
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert_eq!(errors.is_empty(), valid, "schema on {config:?}: {errors:?}");
            assert_eq!(
                postlint_accepts(site.path(), config),
                valid,
                "postlint on {config:?}"
            );
        }
    }
}
