//! The resolved settings of one run: config file, command-line options and detected site merged,
//! every rule's severity and typed options read and checked.

mod site_search;

use crate::config::{self, ConfigError, ConfigFile, RuleSettings};
use crate::diagnostic::Severity;
use crate::document::front_matter::parse_yaml;
use crate::error::RunError;
use crate::paths::normalize;
use crate::preset::{Preset, PresetName};
use crate::rule::OptionsBox;
use crate::rules::{self, RULES};
use crate::site::frontmatter::FrontmatterSetup;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// How to run a check: what the command line says, as the library takes it. Everything is
/// optional; the config file and the site fill in the rest.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Config file; default: the nearest `postlint.yml` walking up from the current folder.
    pub config: Option<PathBuf>,
    /// Site generator; default: the config's, else detected.
    pub preset: Option<PresetName>,
    /// Site root; default: the config's folder, else the detected site folder.
    pub root: Option<PathBuf>,
    /// Also check external URLs.
    pub online: bool,
    /// Do not read or write the external-URL cache.
    pub no_cache: bool,
    /// Rule ids to run; empty: all.
    pub select: Vec<String>,
    /// Rule ids to skip.
    pub ignore: Vec<String>,
    /// Whether to apply safe fixes, or only compute them.
    pub fix: FixMode,
    /// With `-` among the paths: the path its post is reported under.
    pub stdin_filename: Option<PathBuf>,
    /// With `-` among the paths: the post's bytes (that they are not UTF-8 is an
    /// `unreadable-file` finding, as it is for a file).
    pub stdin_text: Option<Vec<u8>>,
    /// Draw a progress bar on standard error while external URLs are checked.
    pub progress: bool,
    /// Files named in `paths` are linted only when the config's `include`/`exclude` pick them
    /// (as pre-commit hooks want); without it, any Markdown file named is linted.
    pub force_exclude: bool,
    /// Also report the findings that the changes since git's `HEAD` (or pre-commit's
    /// `PRE_COMMIT_FROM_REF`) cause in posts not named: links to files deleted or renamed, to
    /// URLs that moved, to headings reworded. With no path named, the changed posts are linted.
    pub affected: bool,
    /// List the local links and images that could not be checked ([`Report::skipped`]).
    ///
    /// [`Report::skipped`]: crate::Report::skipped
    pub show_skipped: bool,
    /// Keep only the line and column of each finding in the report, not the lines around it
    /// ([`Excerpt`](crate::Excerpt)): for outputs that print no code frame, on runs with many
    /// findings.
    pub positions_only: bool,
}

/// What to do with safe fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FixMode {
    /// Report them only.
    #[default]
    Report,
    /// Write them to the files.
    Apply,
    /// Compute the fixed texts; write nothing.
    Diff,
}

pub(crate) struct Settings {
    pub(crate) preset: Preset,
    /// Absolute site root.
    pub(crate) root: PathBuf,
    pub(crate) include: GlobSet,
    pub(crate) exclude: GlobSet,
    /// Each rule's severity, by its place in the registry.
    severities: Vec<Severity>,
    /// Severities that `overrides` set for the files their globs match.
    overrides: Vec<(GlobSet, Vec<Option<Severity>>)>,
    /// Each rule's options, by its place in the registry.
    options: Vec<OptionsBox>,
    pub(crate) online: bool,
    pub(crate) no_cache: bool,
    pub(crate) frontmatter: FrontmatterSetup,
    /// The config file read, if any.
    pub(crate) config_path: Option<PathBuf>,
    /// How the preset was chosen, for `--show-settings`.
    pub(crate) preset_from: &'static str,
    /// `include` and `exclude` as written (the preset's when the config sets none), with the
    /// preset's own exclusions first.
    pub(crate) include_globs: Vec<String>,
    pub(crate) exclude_globs: Vec<String>,
    /// The site was found in a folder below the one named (or the current one): that folder
    /// is linted instead.
    pub(crate) site_below: Option<(PathBuf, PathBuf)>,
    /// Named files honour `include`/`exclude` (`--force-exclude`).
    pub(crate) force_exclude: bool,
}

/// Where the config was read from, for errors that point into it.
struct ConfigSource<'a> {
    path: Option<&'a Path>,
    text: &'a str,
}

impl ConfigSource<'_> {
    fn error(&self, message: String) -> RunError {
        match self.path {
            Some(path) => RunError::Config(ConfigError::at(path, self.text, 0, 0, message)),
            None => RunError::Usage(message),
        }
    }

    fn error_at<T>(&self, at: &serde_saphyr::Spanned<T>, message: String) -> RunError {
        match self.path {
            Some(path) => RunError::Config(ConfigError::spanned(path, self.text, at, message)),
            None => RunError::Usage(message),
        }
    }

    /// An error about the key `key` whose value is at `at`: the caret goes under the key.
    fn error_at_key<T>(
        &self,
        at: &serde_saphyr::Spanned<T>,
        key: &str,
        message: String,
    ) -> RunError {
        match self.path {
            Some(path) => {
                let line = at.referenced.line() as usize;
                match config::key_location(self.text, line, key) {
                    Some((line, column)) => {
                        RunError::Config(ConfigError::at(path, self.text, line, column, message))
                    }
                    None => self.error_at(at, message),
                }
            }
            None => RunError::Usage(message),
        }
    }
}

impl Settings {
    /// Merges the config file (found or named), the options and the detected site; `paths`
    /// are the paths to check (the first one tells where to look for the site).
    pub(crate) fn resolve(
        paths: &[PathBuf],
        options: &CheckOptions,
        cwd: &Path,
    ) -> Result<Self, RunError> {
        let named: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .map(|p| normalize(&cwd.join(p)))
            .collect();
        let start_is_folder = named.first().is_none_or(|p| p.is_dir());
        let start = named
            .first()
            .map(|p| {
                if p.is_dir() {
                    p.as_path()
                } else {
                    p.parent().unwrap_or(cwd)
                }
            })
            .unwrap_or(cwd);
        let config_path = match &options.config {
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
        // The site of the paths named: the first one with a generator's config or a postlint
        // config in a folder above it (`website/blog/a.md` named from the repository root).
        let above = site_search::site_above(&named, cwd);
        let mut detected = above
            .as_ref()
            .and_then(|s| Some((s.preset?, s.folder.clone())));
        let told = config_path.is_some()
            || options.root.is_some()
            || options.preset.is_some_and(|p| p != PresetName::Auto);
        // Nothing here says what the site is: from a repository's root, look below (for files
        // named, below the current folder, and only when the site is unambiguous: a hook must
        // not fail on a commit of a README).
        let site_below = if told || above.is_some() {
            None
        } else if start_is_folder {
            one_site_below(start, cwd)?
        } else {
            one_site_below(cwd, cwd).ok().flatten()
        };
        let found = above.as_ref().or(site_below.as_ref());
        let config_path = match (config_path, found) {
            (Some(path), _) => Some(path),
            (None, Some(site)) if options.root.is_none() => site.config.clone(),
            (None, _) => None,
        };
        if let Some(below) = &site_below {
            detected = below.preset.map(|p| (p, below.folder.clone()));
        }
        let (file, text) = match &config_path {
            Some(path) => config::load(path)?,
            None => (ConfigFile::default(), String::new()),
        };
        let source = ConfigSource {
            path: config_path.as_deref(),
            text: &text,
        };
        let config_dir = config_path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);

        let root = if let Some(root) = &options.root {
            normalize(&cwd.join(root))
        } else if let (Some(dir), Some(root)) = (&config_dir, &file.root) {
            normalize(&dir.join(root))
        } else if let Some(dir) = &config_dir {
            dir.clone()
        } else if let Some((_, dir)) = &detected {
            dir.clone()
        } else if let Some(below) = &site_below {
            below.folder.clone()
        } else {
            cwd.to_path_buf()
        };
        if !root.is_dir() {
            return Err(RunError::Usage(format!(
                "site root `{}` is not a folder",
                root.display()
            )));
        }

        let named = [options.preset, file.preset]
            .into_iter()
            .flatten()
            .find(|p| *p != PresetName::Auto);
        let (preset, preset_from) = match named.and_then(Preset::from_name) {
            Some(preset) if options.preset.is_some_and(|p| p != PresetName::Auto) => {
                (preset, "--preset")
            }
            Some(preset) => (preset, "config"),
            None => match Preset::detect_in(&root).or(detected.as_ref().map(|(p, _)| *p)) {
                Some(preset) => (preset, "detected"),
                None => (Preset::None, "no site config found"),
            },
        };

        let include_globs: Vec<String> = match &file.include {
            Some(globs) => globs.clone(),
            // Hugo's pages are under the folders its config mounts as content.
            None if preset == Preset::Hugo => crate::site_config::SiteConfig::load(&root, preset)
                .hugo
                .unwrap_or_default()
                .content_folders()
                .iter()
                .flat_map(|dir| {
                    let dir = globset::escape(dir);
                    [format!("{dir}/**/*.md"), format!("{dir}/**/*.markdown")]
                })
                .collect(),
            None => preset.post_globs().iter().map(|s| s.to_string()).collect(),
        };
        let include = glob_set(&include_globs).map_err(|m| source.error(m))?;
        let mut exclude_globs: Vec<String> = preset
            .ignored_globs()
            .iter()
            .map(|s| s.to_string())
            .collect();
        exclude_globs.extend(file.exclude.iter().cloned());
        let exclude = glob_set(&exclude_globs).map_err(|m| source.error(m))?;

        let mut severities: Vec<Severity> = rules::metas().map(|m| m.default_severity).collect();
        let mut options_by_rule: Vec<OptionsBox> =
            RULES.iter().map(|r| r.default_options()).collect();
        for (i, severity, rule_options) in rule_settings(file.rules.as_ref(), &source)? {
            if let Some(severity) = severity {
                severities[i] = severity;
            }
            if let Some(rule_options) = rule_options {
                options_by_rule[i] = rule_options;
            }
        }
        let mut overrides = Vec::new();
        for o in file.overrides.iter().flatten() {
            let globs = glob_set(&o.files).map_err(|m| source.error(m))?;
            let mut set = vec![None; RULES.len()];
            // Options are per run; an override only changes severities (its options are still
            // checked, so a typo there is not silently ignored).
            for (i, severity, _) in rule_settings(o.rules.as_ref(), &source)? {
                set[i] = severity;
            }
            overrides.push((globs, set));
        }
        let selected = rule_list(&options.select)?;
        let ignored = rule_list(&options.ignore)?;
        for (i, severity) in severities.iter_mut().enumerate() {
            if (!selected.is_empty() && !selected.contains(&i)) || ignored.contains(&i) {
                *severity = Severity::Off;
            }
        }
        if !selected.is_empty() || !ignored.is_empty() {
            for (_, set) in &mut overrides {
                for (i, s) in set.iter_mut().enumerate() {
                    if severities[i] == Severity::Off {
                        *s = None;
                    }
                }
            }
        }

        let fm = file.frontmatter.unwrap_or_default();
        let base = config_dir.clone().unwrap_or_else(|| root.clone());
        let user_schema = match &fm.schema {
            Some(name) => Some(load_user_schema(&base, name, &source)?),
            None => None,
        };
        Ok(Self {
            preset,
            root,
            include,
            exclude,
            severities,
            overrides,
            options: options_by_rule,
            online: options.online || file.online.unwrap_or(false),
            no_cache: options.no_cache,
            config_path,
            preset_from,
            include_globs,
            exclude_globs,
            site_below: site_below.map(|b| (start.to_path_buf(), b.folder)),
            force_exclude: options.force_exclude,
            frontmatter: FrontmatterSetup {
                user_schema,
                tags: fm.tags,
                required: fm.required,
                unknown_keys: fm.unknown_keys,
            },
        })
    }

    /// The paths to lint: when the site was found in a folder below the one named (or the
    /// current one), that folder instead of it.
    pub(crate) fn retarget(&self, paths: &[PathBuf], cwd: &Path) -> Vec<PathBuf> {
        let Some((start, site)) = &self.site_below else {
            return paths.to_vec();
        };
        if paths.is_empty() {
            return vec![site.clone()];
        }
        paths
            .iter()
            .map(|p| {
                if p.as_os_str() != "-" && normalize(&cwd.join(p)) == *start {
                    site.clone()
                } else {
                    p.clone()
                }
            })
            .collect()
    }

    /// Each rule id with its severity outside any `overrides`, for `--show-settings`.
    pub(crate) fn severities(&self) -> impl Iterator<Item = (&'static str, Severity)> + '_ {
        rules::metas()
            .map(|m| m.id)
            .zip(self.severities.iter().copied())
    }

    /// How many `overrides` entries the config has.
    pub(crate) fn override_count(&self) -> usize {
        self.overrides.len()
    }

    /// The severity of the rule at `index` in the registry for a file at `site_path`
    /// (relative to the root).
    pub(crate) fn severity_at(&self, index: usize, site_path: Option<&str>) -> Severity {
        let mut severity = self.severities.get(index).copied().unwrap_or(Severity::Off);
        if let Some(path) = site_path {
            for (globs, set) in &self.overrides {
                if let Some(s) = set.get(index).copied().flatten() {
                    if globs.is_match(path) {
                        severity = s;
                    }
                }
            }
        }
        severity
    }

    /// The severity of rule `id` for a file at `site_path`.
    pub(crate) fn severity(&self, id: &str, site_path: Option<&str>) -> Severity {
        match rules::find(id) {
            Some((i, _)) => self.severity_at(i, site_path),
            None => Severity::Off,
        }
    }

    /// The options of the rule at `index` in the registry.
    pub(crate) fn options_at(&self, index: usize) -> Option<&OptionsBox> {
        self.options.get(index)
    }

    /// The typed options of rule `id`.
    pub(crate) fn options_of<T: 'static>(&self, id: &str) -> Option<&T> {
        let (i, _) = rules::find(id)?;
        self.options_at(i)?.downcast_ref()
    }

    /// Whether a root-relative path is a post by the include/exclude globs.
    pub(crate) fn is_post(&self, site_path: &str) -> bool {
        self.include.is_match(site_path) && !self.exclude.is_match(site_path)
    }
}

/// What `rules:` sets for one rule: its place in the registry, the severity and the options
/// written for it (read and checked by the rule's own options type).
type RuleSettingOf = (usize, Option<Severity>, Option<OptionsBox>);

/// Each rule a `rules:` mapping names, with what it sets.
fn rule_settings(
    written: Option<&RuleSettings>,
    source: &ConfigSource<'_>,
) -> Result<Vec<RuleSettingOf>, RunError> {
    let mut out = Vec::new();
    for (id, setting) in written.into_iter().flatten() {
        let Some((i, rule)) = rules::find(id) else {
            let message = rules::unknown_rule_message(id);
            return Err(source.error_at_key(setting, id, message));
        };
        let options = match &setting.value {
            config::RuleSetting::Options { options, .. } => Some(
                rule.parse_options(options.clone())
                    .map_err(|m| source.error_at(setting, format!("rules.{id}: {m}")))?,
            ),
            config::RuleSetting::Severity(_) => None,
        };
        out.push((i, setting.value.severity(), options));
    }
    Ok(out)
}

/// `--select` / `--ignore` ids, as places in the registry.
fn rule_list(ids: &[String]) -> Result<Vec<usize>, RunError> {
    ids.iter()
        .flat_map(|list| list.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|id| {
            rules::find(id)
                .map(|(i, _)| i)
                .ok_or_else(|| RunError::Usage(rules::unknown_rule_message(id)))
        })
        .collect()
}

fn glob_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let glob = glob.trim_start_matches("./");
        builder.add(Glob::new(glob).map_err(|e| format!("invalid glob `{glob}`: {e}"))?);
    }
    builder.build().map_err(|e| e.to_string())
}

/// The user's schema named by `frontmatter.schema` (relative to the config file's folder,
/// `base`). A schema that cannot be read, parsed or compiled fails the run.
fn load_user_schema(base: &Path, name: &str, source: &ConfigSource<'_>) -> Result<Value, RunError> {
    let path = base.join(name);
    let fail = |message: String| schema_line_error(source, message);
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
    Ok(document)
}

/// A config error pointing at the `schema:` line of the config file when it can be found.
fn schema_line_error(source: &ConfigSource<'_>, message: String) -> RunError {
    let Some(path) = source.path else {
        return RunError::Usage(message);
    };
    let found = source.text.lines().enumerate().find_map(|(i, line)| {
        let column = line.find("schema:")?;
        line.trim_start()
            .starts_with("schema:")
            .then_some((i + 1, column + 1))
    });
    let (line, column) = found.unwrap_or((0, 0));
    RunError::Config(ConfigError::at(path, source.text, line, column, message))
}

/// The one site in the folders below `start`, if there is one; several are an error that
/// names them, since postlint cannot know which one is meant.
fn one_site_below(start: &Path, cwd: &Path) -> Result<Option<site_search::SiteBelow>, RunError> {
    let mut sites = site_search::sites_below(start);
    if sites.len() > 1 {
        let listed: Vec<String> = sites.iter().map(|s| s.describe(start)).collect();
        let first = crate::paths::display(&sites[0].folder, cwd);
        return Err(RunError::Usage(format!(
            "no site in `{}`, and several below it: {}; name the one to lint \
             (`postlint {first}`) or pass `--root`",
            shown_folder(start, cwd),
            listed.join(", ")
        )));
    }
    Ok(sites.pop())
}

/// A folder as the user would write it: relative to the current folder, `.` for itself.
fn shown_folder(folder: &Path, cwd: &Path) -> String {
    match crate::paths::display(folder, cwd) {
        shown if shown.is_empty() => ".".to_string(),
        shown => shown,
    }
}
