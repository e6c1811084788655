//! `postlint init`: a starter `postlint.yml` for the detected or named generator.

use crate::error::RunError;
use crate::preset::{Preset, PresetName};
use std::path::Path;

pub(crate) const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/postlint/postlint/main/schemas/postlint.schema.json";

pub(crate) fn run(preset: PresetName, force: bool) -> Result<(), RunError> {
    let cwd = std::env::current_dir().map_err(|e| RunError::Io(e.to_string()))?;
    let preset = Preset::from_name(preset)
        .or_else(|| Preset::detect_in(&cwd))
        .unwrap_or(Preset::None);
    let path = cwd.join("postlint.yml");
    if path.exists() && !force {
        return Err(RunError::Usage(
            "postlint.yml already exists; use `--force` to overwrite it".to_string(),
        ));
    }
    std::fs::write(&path, starter(preset))
        .map_err(|e| RunError::Io(format!("cannot write {}: {e}", path.display())))?;
    println!("wrote {} for {}", display(&path, &cwd), preset.name());
    Ok(())
}

fn display(path: &Path, cwd: &Path) -> String {
    crate::paths::display(path, cwd)
}

/// The starter config: the preset, its posts, and every rule at its default, commented.
pub(crate) fn starter(preset: Preset) -> String {
    let include = preset
        .post_globs()
        .iter()
        .map(|g| format!("\"{g}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut rules = String::new();
    for m in crate::rules::metas() {
        rules.push_str(&format!("  # {}: {}\n", m.id, m.default_severity.as_str()));
    }
    format!(
        "# yaml-language-server: $schema={SCHEMA_URL}\n\
         # postlint config: https://github.com/postlint/postlint#config\n\
         preset: {name}\n\
         root: .\n\
         include: [{include}]\n\
         exclude: []\n\
         online: false\n\
         rules:\n\
         {rules}\
         frontmatter:\n  \
           unknown_keys: ignore\n",
        name = preset.name()
    )
}
