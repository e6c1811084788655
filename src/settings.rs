//! The resolved settings of one run: config file, command line and detected site merged.

use crate::cli::CheckArgs;
use crate::config::{self, ConfigError, ConfigFile, FrontmatterConfig, RuleOptions, RuleSetting};
use crate::diagnostic::Severity;
use crate::error::RunError;
use crate::paths::normalize;
use crate::preset::{Preset, PresetName};
use crate::rules;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub struct Settings {
    pub preset: Preset,
    /// Absolute site root.
    pub root: PathBuf,
    pub config_path: Option<PathBuf>,
    pub include: GlobSet,
    pub exclude: GlobSet,
    severities: HashMap<&'static str, Severity>,
    overrides: Vec<(GlobSet, HashMap<&'static str, Severity>)>,
    pub rule_options: HashMap<&'static str, RuleOptions>,
    pub online: bool,
    /// How external URLs are checked (`rules.dead-url` options, the cache unless `--no-cache`);
    /// used only when `online`.
    pub online_options: crate::online::OnlineOptions,
    pub frontmatter: FrontmatterConfig,
}

impl Settings {
    /// Merges the config file (found or named), the command line and the detected site.
    pub fn resolve(args: &CheckArgs, cwd: &Path) -> Result<Self, RunError> {
        let config_path = match &args.config {
            Some(path) => {
                let path = normalize(&cwd.join(path));
                // Anything there is read (a FIFO or a folder gets an error saying what it is).
                if !path.exists() {
                    return Err(RunError::Usage(format!(
                        "config file `{}` does not exist",
                        path.display()
                    )));
                }
                Some(path)
            }
            None => config::discover(cwd),
        };
        let (file, text) = match &config_path {
            Some(path) => config::load(path)?,
            None => (ConfigFile::default(), String::new()),
        };
        let config_dir = config_path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let first_path = args
            .paths
            .iter()
            .find(|p| p.as_os_str() != "-")
            .map(|p| normalize(&cwd.join(p)));
        let start = first_path
            .as_deref()
            .map(|p| {
                if p.is_dir() {
                    p
                } else {
                    p.parent().unwrap_or(cwd)
                }
            })
            .unwrap_or(cwd);
        let detected = Preset::detect_upwards(start);

        let root = if let Some(root) = &args.root {
            normalize(&cwd.join(root))
        } else if let (Some(dir), Some(root)) = (&config_dir, &file.root) {
            normalize(&dir.join(root))
        } else if let Some(dir) = &config_dir {
            dir.clone()
        } else if let Some((_, dir)) = &detected {
            dir.clone()
        } else {
            cwd.to_path_buf()
        };
        if !root.is_dir() {
            return Err(RunError::Usage(format!(
                "site root `{}` is not a folder",
                root.display()
            )));
        }

        let named = [args.preset, file.preset]
            .into_iter()
            .flatten()
            .find(|p| *p != PresetName::Auto);
        let preset = match named.and_then(Preset::from_name) {
            Some(preset) => preset,
            None => Preset::detect_in(&root)
                .or(detected.map(|(p, _)| p))
                .unwrap_or(Preset::None),
        };

        let config_err = |message: String| match &config_path {
            Some(path) => RunError::Config(ConfigError::at(path, &text, 0, 0, message)),
            None => RunError::Usage(message),
        };
        let include_globs: Vec<String> = match &file.include {
            Some(globs) => globs.clone(),
            None => preset.post_globs().iter().map(|s| s.to_string()).collect(),
        };
        let include = glob_set(&include_globs).map_err(config_err)?;
        let mut exclude_globs: Vec<String> = preset
            .ignored_globs()
            .iter()
            .map(|s| s.to_string())
            .collect();
        exclude_globs.extend(file.exclude.iter().cloned());
        let exclude = glob_set(&exclude_globs).map_err(config_err)?;

        let mut severities: HashMap<&'static str, Severity> =
            rules::metas().map(|m| (m.id, m.default_severity)).collect();
        let mut rule_options = HashMap::new();
        apply_rule_settings(
            file.rules.as_ref(),
            &mut severities,
            &mut rule_options,
            config_path.as_deref(),
            &text,
        )?;
        let online_options =
            crate::online::options::resolve(file.rules.as_ref(), &root, args.no_cache).map_err(
                |e| match (
                    &config_path,
                    file.rules.as_ref().and_then(|r| r.get(e.rule)),
                ) {
                    (Some(path), Some(at)) => {
                        RunError::Config(ConfigError::spanned(path, &text, at, e.message))
                    }
                    _ => config_err(e.message),
                },
            )?;
        let mut overrides = Vec::new();
        for o in file.overrides.iter().flatten() {
            let globs = glob_set(&o.files).map_err(config_err)?;
            let mut map = HashMap::new();
            apply_rule_settings(
                o.rules.as_ref(),
                &mut map,
                &mut HashMap::new(),
                config_path.as_deref(),
                &text,
            )?;
            overrides.push((globs, map));
        }
        let cli_rules = |list: &Option<String>| -> Result<Vec<&'static str>, RunError> {
            let Some(list) = list else {
                return Ok(Vec::new());
            };
            list.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|id| {
                    rules::find(id).map(|r| r.meta().id).ok_or_else(|| {
                        RunError::Usage(format!(
                            "unknown rule `{id}`; known rules: {}",
                            rules::ids().join(", ")
                        ))
                    })
                })
                .collect()
        };
        let selected = cli_rules(&args.select)?;
        let ignored = cli_rules(&args.ignore)?;
        for (id, severity) in severities.iter_mut() {
            if (!selected.is_empty() && !selected.contains(id)) || ignored.contains(id) {
                *severity = Severity::Off;
            }
        }
        if !selected.is_empty() || !ignored.is_empty() {
            for (_, map) in &mut overrides {
                map.retain(|id, _| severities[id] != Severity::Off);
            }
        }

        Ok(Self {
            preset,
            root,
            config_path,
            include,
            exclude,
            severities,
            overrides,
            rule_options,
            online: args.online || file.online.unwrap_or(false),
            online_options,
            frontmatter: file.frontmatter.unwrap_or_default(),
        })
    }

    /// The severity of `rule` for a file at `site_path` (relative to the root).
    pub fn severity(&self, rule: &str, site_path: Option<&str>) -> Severity {
        let mut severity = self.severities.get(rule).copied().unwrap_or(Severity::Off);
        if let Some(path) = site_path {
            for (globs, map) in &self.overrides {
                if globs.is_match(path) {
                    if let Some(s) = map.get(rule) {
                        severity = *s;
                    }
                }
            }
        }
        severity
    }

    pub fn is_enabled(&self, rule: &str) -> bool {
        self.severities
            .get(rule)
            .is_some_and(|s| *s != Severity::Off)
            || self
                .overrides
                .iter()
                .any(|(_, m)| m.get(rule).is_some_and(|s| *s != Severity::Off))
    }

    /// Whether a root-relative path is a post by the include/exclude globs.
    pub fn is_post(&self, site_path: &str) -> bool {
        self.include.is_match(site_path) && !self.exclude.is_match(site_path)
    }
}

fn apply_rule_settings(
    rules_map: Option<&BTreeMap<String, serde_saphyr::Spanned<RuleSetting>>>,
    severities: &mut HashMap<&'static str, Severity>,
    options: &mut HashMap<&'static str, RuleOptions>,
    config_path: Option<&Path>,
    text: &str,
) -> Result<(), RunError> {
    for (id, setting) in rules_map.into_iter().flatten() {
        let Some(rule) = rules::find(id) else {
            let message = format!(
                "unknown rule `{id}`; known rules: {}",
                rules::ids().join(", ")
            );
            return Err(match config_path {
                Some(path) => RunError::Config(ConfigError::spanned(path, text, setting, message)),
                None => RunError::Usage(message),
            });
        };
        let id = rule.meta().id;
        if let Some(severity) = setting.value.severity() {
            severities.insert(id, severity);
        }
        if let Some(o) = setting.value.options() {
            options.insert(id, o.clone());
        }
    }
    Ok(())
}

fn glob_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let glob = glob.trim_start_matches("./");
        builder.add(Glob::new(glob).map_err(|e| format!("invalid glob `{glob}`: {e}"))?);
    }
    builder.build().map_err(|e| e.to_string())
}
