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
    println!();
    print!("{}", hook_snippet(preset, &folder_in_repository(&cwd)));
    Ok(())
}

/// The folder `cwd` as a `/`-separated path from the root of its git repository (`""` at the
/// root, or outside any repository): where pre-commit, which runs at the root, finds the site.
fn folder_in_repository(cwd: &Path) -> String {
    let Some(root) = cwd.ancestors().find(|dir| dir.join(".git").exists()) else {
        return String::new();
    };
    let relative = cwd.strip_prefix(root).unwrap_or(Path::new(""));
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The pre-commit config that lints this site's posts on each commit: a `files:` filter on the
/// preset's post folders (pre-commit runs at the repository root, so `folder` prefixes them),
/// and `--config` when the site is in a subfolder.
pub(crate) fn hook_snippet(preset: Preset, folder: &str) -> String {
    let prefix = match folder {
        "" => String::new(),
        folder => format!("{}/", regex_escape(folder)),
    };
    let posts = match preset {
        Preset::Docusaurus => Some("blog/".to_string()),
        Preset::Jekyll => Some("(.*/)?_(posts|drafts)/".to_string()),
        Preset::Hugo => Some("content/".to_string()),
        Preset::None => (!prefix.is_empty()).then(String::new),
    };
    let mut hook = format!(
        "To lint the posts on each commit, add to .pre-commit-config.yaml at the repository root:\n\n\
         repos:\n  \
           - repo: https://github.com/postlint/postlint-pre-commit\n    \
             rev: v{version}\n    \
             hooks:\n      \
               - id: postlint\n",
        version = env!("CARGO_PKG_VERSION")
    );
    if let Some(posts) = posts {
        hook.push_str(&format!("        files: ^{prefix}{posts}\n"));
    }
    if !folder.is_empty() {
        hook.push_str(&format!(
            "        args: [--config, {folder}/postlint.yml]\n"
        ));
    }
    hook
}

/// `text` with the characters a regular expression gives a meaning escaped.
fn regex_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
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
