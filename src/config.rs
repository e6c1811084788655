//! `postlint.yml`: the file's types, discovery by walking up, and errors that point at the
//! offending line of the config itself.

use crate::diagnostic::Severity;
use crate::preset::PresetName;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub(crate) const CONFIG_NAMES: &[&str] = &[
    "postlint.yml",
    ".postlint.yml",
    "postlint.yaml",
    ".postlint.yaml",
];

/// The config file as written.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "postlint.yml",
    description = "Config of postlint, the linter for the Markdown posts of static blogs"
)]
pub(crate) struct ConfigFile {
    /// Site generator: auto, docusaurus, jekyll, hugo or none.
    pub preset: Option<PresetName>,
    /// Site root, relative to the config file.
    pub root: Option<String>,
    /// Globs of the files to lint, relative to the root (default: the preset's posts).
    pub include: Option<Vec<String>>,
    /// Globs of files never to lint.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Check external URLs, like `--online`.
    pub online: Option<bool>,
    /// Severity and options per rule id.
    #[serde(default)]
    #[schemars(schema_with = "rule_settings")]
    pub rules: Option<RuleSettings>,
    /// Front matter checks: a schema of your own, a tag registry, more required keys.
    #[serde(default)]
    pub frontmatter: Option<FrontmatterConfig>,
    /// Rule settings for the files matching some globs.
    #[serde(default)]
    pub overrides: Option<Vec<Override>>,
}

/// `rules:` as written: each rule id with its setting, and where it was written.
pub(crate) type RuleSettings = BTreeMap<String, serde_saphyr::Spanned<RuleSetting>>;

/// The schema of `rules:`. Which ids and options there are is the rule registry's to say:
/// `config_schema` fills in the `RuleSettings` definition this refers to.
fn rule_settings(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "anyOf": [{ "$ref": "#/definitions/RuleSettings" }, { "type": "null" }] })
}

/// `stray-br: error`, or `dead-url: { severity: warning, timeout: 10s }`. The options are
/// kept as written; the rule's own options type reads them (`settings`).
#[derive(Clone, Debug)]
pub(crate) enum RuleSetting {
    Severity(Severity),
    Options {
        severity: Option<Severity>,
        options: serde_json::Map<String, serde_json::Value>,
    },
}

impl<'de> Deserialize<'de> for RuleSetting {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RuleSetting;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a severity (error, warning, off) or a mapping of rule options")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RuleSetting, E> {
                parse_severity(v).map(RuleSetting::Severity).ok_or_else(|| {
                    E::custom(format!(
                        "unknown severity `{v}`, expected `error`, `warning` or `off`"
                    ))
                })
            }

            // YAML 1.1 habits: `off` / `no` may arrive as false.
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<RuleSetting, E> {
                if v {
                    Err(E::custom(
                        "expected `error`, `warning` or `off`, found `true`",
                    ))
                } else {
                    Ok(RuleSetting::Severity(Severity::Off))
                }
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RuleSetting, A::Error> {
                let mut severity = None;
                let mut options = serde_json::Map::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "severity" {
                        severity = Some(map.next_value::<Severity>()?);
                    } else {
                        let value = map.next_value::<serde_json::Value>()?;
                        options.insert(key, value);
                    }
                }
                Ok(RuleSetting::Options { severity, options })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Severity names as written in config files.
pub(crate) fn parse_severity(text: &str) -> Option<Severity> {
    match text.trim().to_ascii_lowercase().as_str() {
        "error" => Some(Severity::Error),
        "warning" | "warn" => Some(Severity::Warning),
        "off" | "none" | "false" => Some(Severity::Off),
        _ => None,
    }
}

impl RuleSetting {
    pub(crate) fn severity(&self) -> Option<Severity> {
        match self {
            RuleSetting::Severity(s) => Some(*s),
            RuleSetting::Options { severity, .. } => *severity,
        }
    }
}

/// A duration as written in `postlint.yml`: `500ms`, `10s`, `2m`, `1h`, `7d`, or a bare number
/// of seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DurationText(pub(crate) std::time::Duration);

impl<'de> Deserialize<'de> for DurationText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DurationText;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration like `500ms`, `10s`, `2m`, `1h`, `7d`")
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DurationText, E> {
                Ok(DurationText(std::time::Duration::from_secs(v)))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DurationText, E> {
                parse_duration(v).map(DurationText).ok_or_else(|| {
                    E::custom(format!(
                        "`{v}` is not a duration (write it like `500ms`, `10s`, `2m`, `1h`, `7d`)"
                    ))
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for DurationText {
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

/// A regular expression as written in `postlint.yml`, compiled when the config is read.
#[derive(Clone, Debug)]
pub(crate) struct Pattern(pub(crate) regex::Regex);

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        regex::Regex::new(&text).map(Pattern).map_err(|e| {
            serde::de::Error::custom(format!("pattern `{text}` is not a valid regex: {e}"))
        })
    }
}

impl JsonSchema for Pattern {
    fn schema_name() -> Cow<'static, str> {
        "Pattern".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "description": "A regular expression" })
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum UnknownKeys {
    #[default]
    Ignore,
    Warning,
    Error,
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontmatterConfig {
    /// A JSON Schema (YAML or JSON) replacing the preset's, relative to the config file.
    pub schema: Option<String>,
    /// A tag registry, when the site has no tags.yml.
    pub tags: Option<Vec<String>>,
    /// Keys every post must have, on top of the preset's.
    #[serde(default)]
    pub required: Vec<String>,
    /// How keys that neither the schema nor the site knows are reported.
    #[serde(default)]
    pub unknown_keys: UnknownKeys,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Override {
    /// Globs, relative to the root.
    pub files: Vec<String>,
    #[serde(default)]
    #[schemars(schema_with = "rule_settings")]
    pub rules: Option<RuleSettings>,
}

/// A config problem, with the place in the file when known. Exit code 2.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
    /// 1-based line and column.
    pub location: Option<(usize, usize)>,
    pub source_line: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match self.location {
            Some((line, column)) => {
                writeln!(f, "invalid config {path}:{line}:{column}: {}", self.message)?;
                if let Some(text) = &self.source_line {
                    let width = line.to_string().len();
                    writeln!(f, "{:width$} |", "")?;
                    writeln!(f, "{line} | {text}")?;
                    write!(f, "{:width$} | {:>column$}", "", "^")?;
                }
                Ok(())
            }
            None => write!(f, "invalid config {path}: {}", self.message),
        }
    }
}

impl ConfigError {
    pub(crate) fn at(path: &Path, text: &str, line: usize, column: usize, message: String) -> Self {
        let source_line = (line > 0)
            .then(|| text.lines().nth(line - 1))
            .flatten()
            .map(str::to_string);
        Self {
            path: path.to_path_buf(),
            message,
            location: (line > 0).then_some((line, column.max(1))),
            source_line,
        }
    }

    pub(crate) fn spanned<T>(
        path: &Path,
        text: &str,
        at: &serde_saphyr::Spanned<T>,
        message: String,
    ) -> Self {
        let location = at.referenced;
        Self::at(
            path,
            text,
            location.line() as usize,
            location.column() as usize,
            message,
        )
    }
}

/// Reads and parses a config file.
pub(crate) fn load(path: &Path) -> Result<(ConfigFile, String), ConfigError> {
    let text = crate::files::read_text(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        message: format!("cannot read it: {e}"),
        location: None,
        source_line: None,
    })?;
    if text.trim().is_empty() {
        return Ok((ConfigFile::default(), text));
    }
    match serde_saphyr::from_str::<ConfigFile>(&text) {
        Ok(config) => Ok((config, text)),
        Err(e) => {
            let (line, column) = e
                .location()
                .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
            let message = first_line(&e.to_string());
            Err(ConfigError::at(path, &text, line, column, message))
        }
    }
}

/// serde-saphyr renders its own snippet after the first line; we draw our own. An unknown
/// field gets a did-you-mean from the fields serde lists as expected.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    let line = line.strip_prefix("error: ").unwrap_or(line);
    static LOCATION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^line \d+ column \d+: |,? at line \d+ column \d+").expect("valid regex")
    });
    static UNKNOWN_FIELD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^unknown field `([^`]*)`, expected (?:one of )?(.*)$")
            .expect("valid regex")
    });
    let line = LOCATION.replace_all(line, "").trim().to_string();
    let Some(caps) = UNKNOWN_FIELD.captures(&line) else {
        return line;
    };
    let (field, expected) = (&caps[1], &caps[2]);
    let known: Vec<&str> = expected
        .split(',')
        .map(|k| k.trim().trim_matches('`'))
        .filter(|k| !k.is_empty())
        .collect();
    match crate::spelling::closest(field, known.iter().copied()) {
        Some(close) => format!("unknown key `{field}`; did you mean `{close}`?"),
        None => format!(
            "unknown key `{field}`; expected one of {}",
            known.join(", ")
        ),
    }
}

/// Where the key `key` is written, searching from the 1-based `line` of its value upwards (a
/// value may sit on the lines below its key): 1-based line and column.
pub(crate) fn key_location(text: &str, line: usize, key: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let last = line.min(lines.len());
    (1..=last).rev().take(20).find_map(|n| {
        let text = lines[n - 1];
        [
            format!("{key}:"),
            format!("\"{key}\":"),
            format!("'{key}':"),
        ]
        .iter()
        .find_map(|written| text.find(written.as_str()))
        .map(|at| (n, text[..at].chars().count() + 1))
    })
}

/// The nearest config file walking up from `start`, stopping at the repository root.
pub(crate) fn discover(start: &Path) -> Option<PathBuf> {
    let mut folder = Some(start);
    while let Some(dir) = folder {
        for name in CONFIG_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if dir.join(".git").exists() {
            return None;
        }
        folder = dir.parent();
    }
    None
}

/// Parses durations like `10s`, `500ms`, `2m`, `1h`, `7d`.
pub(crate) fn parse_duration(text: &str) -> Option<std::time::Duration> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    if number.is_empty() {
        return None;
    }
    // More digits than a u64 holds is still a duration, just a too long one (range-checked
    // by the option that reads it, with a message saying the limit).
    let n: u64 = number.parse().unwrap_or(u64::MAX);
    let secs = match unit.trim() {
        "ms" => return Some(std::time::Duration::from_millis(n)),
        "" | "s" => Some(n),
        "m" => n.checked_mul(60),
        "h" => n.checked_mul(3600),
        "d" => n.checked_mul(86_400),
        _ => return None,
    };
    Some(secs.map_or(std::time::Duration::MAX, std::time::Duration::from_secs))
}
