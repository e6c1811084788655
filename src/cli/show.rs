//! `--show-settings` and `--show-files`: what a run would use and lint, printed instead of
//! linting, so that a surprising result can be explained.

use super::EXIT_OK;
use crate::error::RunError;
use crate::paths::display;
use crate::runner;
use crate::settings::CheckOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub(super) fn settings(
    paths: &[PathBuf],
    options: &CheckOptions,
    cwd: &Path,
) -> Result<u8, RunError> {
    let (settings, files) = runner::plan(paths, options, cwd)?;
    let shown = |p: &Path| match display(p, cwd) {
        s if s.is_empty() => ".".to_string(),
        s => s,
    };
    let mut text = String::new();
    let config = settings
        .config_path
        .as_deref()
        .map_or_else(|| "none".to_string(), shown);
    text.push_str(&format!("config file: {config}\n"));
    text.push_str(&format!(
        "preset: {} ({})\n",
        settings.preset.name(),
        settings.preset_from
    ));
    text.push_str(&format!("root: {}\n", shown(&settings.root)));
    text.push_str(&format!("include: {}\n", settings.include_globs.join(", ")));
    text.push_str(&format!("exclude: {}\n", settings.exclude_globs.join(", ")));
    text.push_str(&format!("force exclude: {}\n", settings.force_exclude));
    text.push_str(&format!("online: {}\n", settings.online));
    text.push_str(&format!("posts to lint: {}\n", files.len()));
    text.push_str("rules:\n");
    let width = settings
        .severities()
        .map(|(id, _)| id.len())
        .max()
        .unwrap_or(0);
    for (id, severity) in settings.severities() {
        text.push_str(&format!("  {id:width$}  {}\n", severity.as_str()));
    }
    if settings.override_count() > 0 {
        text.push_str(&format!(
            "overrides: {} (severities per file glob, as in the config)\n",
            settings.override_count()
        ));
    }
    print(&text)
}

pub(super) fn files(paths: &[PathBuf], options: &CheckOptions, cwd: &Path) -> Result<u8, RunError> {
    let (_, files) = runner::plan(paths, options, cwd)?;
    let mut text = files.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    print(&text)
}

fn print(text: &str) -> Result<u8, RunError> {
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(RunError::Io(format!("cannot write: {e}")))
        }
        _ => Ok(EXIT_OK),
    }
}
