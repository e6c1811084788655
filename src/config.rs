//! `postlint.yml`: the file's types, discovery by walking up, and errors that point at the
//! offending line of the config itself.

use crate::diagnostic::Severity;
use crate::preset::PresetName;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub const CONFIG_NAMES: &[&str] = &[
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
pub struct ConfigFile {
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
    #[schemars(schema_with = "crate::config_schema::rule_settings")]
    pub rules: Option<BTreeMap<String, serde_saphyr::Spanned<RuleSetting>>>,
    /// Front matter checks: a schema of your own, a tag registry, more required keys.
    #[serde(default)]
    pub frontmatter: Option<FrontmatterConfig>,
    /// Rule settings for the files matching some globs.
    #[serde(default)]
    pub overrides: Option<Vec<Override>>,
}

/// `stray-br: error`, or `dead-url: { severity: warning, timeout: 10s }`.
#[derive(Clone, Debug, JsonSchema)]
#[schemars(untagged)]
pub enum RuleSetting {
    #[schemars(with = "crate::config_schema::SeverityText")]
    Severity(Severity),
    Options(RuleOptions),
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
                map: A,
            ) -> Result<RuleSetting, A::Error> {
                RuleOptions::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RuleSetting::Options)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Severity names as written in config files.
pub fn parse_severity(text: &str) -> Option<Severity> {
    match text.trim().to_ascii_lowercase().as_str() {
        "error" => Some(Severity::Error),
        "warning" | "warn" => Some(Severity::Warning),
        "off" | "none" | "false" => Some(Severity::Off),
        _ => None,
    }
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleOptions {
    /// error, warning or off.
    #[schemars(with = "Option<crate::config_schema::SeverityText>")]
    pub severity: Option<Severity>,
    /// dead-url: request timeout, e.g. `10s`.
    #[schemars(with = "Option<crate::config_schema::Duration>")]
    pub timeout: Option<String>,
    /// dead-url: most time spent on one URL, retries and redirects included, e.g. `30s`.
    #[schemars(with = "Option<crate::config_schema::Duration>")]
    pub deadline: Option<String>,
    /// dead-url: most time spent on all external URLs of a run, e.g. `5m`; URLs not checked
    /// by then are reported as unverified.
    #[schemars(with = "Option<crate::config_schema::Duration>")]
    pub budget: Option<String>,
    /// dead-url: redirects followed before giving up.
    pub max_redirects: Option<usize>,
    /// dead-url: extra HTTP status codes counted as alive.
    #[serde(default)]
    pub accept: Vec<u16>,
    /// dead-url: regexes of URLs never checked.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// dead-url: how long a successful check is cached, e.g. `1d`.
    #[schemars(with = "Option<crate::config_schema::Duration>")]
    pub max_age: Option<String>,
    /// dead-url: concurrent requests per host.
    pub max_per_host: Option<usize>,
    /// dead-url: fetch private, loopback and link-local addresses too.
    pub allow_private: Option<bool>,
}

impl RuleSetting {
    pub fn severity(&self) -> Option<Severity> {
        match self {
            RuleSetting::Severity(s) => Some(*s),
            RuleSetting::Options(o) => o.severity,
        }
    }

    pub fn options(&self) -> Option<&RuleOptions> {
        match self {
            RuleSetting::Severity(_) => None,
            RuleSetting::Options(o) => Some(o),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum UnknownKeys {
    #[default]
    Ignore,
    Warning,
    Error,
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontmatterConfig {
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
pub struct Override {
    /// Globs, relative to the root.
    pub files: Vec<String>,
    #[serde(default)]
    #[schemars(schema_with = "crate::config_schema::rule_settings")]
    pub rules: Option<BTreeMap<String, serde_saphyr::Spanned<RuleSetting>>>,
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
    pub fn at(path: &Path, text: &str, line: usize, column: usize, message: String) -> Self {
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

    pub fn spanned<T>(
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
pub fn load(path: &Path) -> Result<(ConfigFile, String), ConfigError> {
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

/// serde-saphyr renders its own snippet after the first line; we draw our own.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    let line = line.strip_prefix("error: ").unwrap_or(line);
    static LOCATION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^line \d+ column \d+: |,? at line \d+ column \d+").expect("valid regex")
    });
    LOCATION.replace_all(line, "").trim().to_string()
}

/// The nearest config file walking up from `start`, stopping at the repository root.
pub fn discover(start: &Path) -> Option<PathBuf> {
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
pub fn parse_duration(text: &str) -> Option<std::time::Duration> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    if number.is_empty() {
        return None;
    }
    // More digits than a u64 holds is still a duration, just a too long one (range-checked
    // by the caller with a message saying the limit).
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
