//! Saying what a run found to lint, so that no run is a silent success: no post under the
//! folders named (an error when a folder was named, a warning for the current folder), named
//! files skipped, and the site postlint went looking for in a subfolder.

use super::walk::Targets;
use crate::error::RunError;
use crate::paths::display;
use crate::settings::Settings;
use std::path::Path;

/// Warnings and notes about the targets; an error when folders were named and none holds a
/// post (a wrong folder or preset would otherwise pass as clean).
pub(super) fn what_was_found(
    targets: &Targets,
    settings: &Settings,
    cwd: &Path,
) -> Result<(Vec<String>, Vec<String>), RunError> {
    let mut notes = Vec::new();
    let mut info = Vec::new();
    if let Some((_, folder)) = &settings.site_below {
        info.push(format!(
            "no site here: linting the one in `{}` ({}); name it to make this explicit",
            shown(folder, cwd),
            settings.preset.name()
        ));
    }
    for path in &targets.not_markdown {
        info.push(format!(
            "skipped `{}`: not a Markdown file",
            display(path, cwd)
        ));
    }
    let nothing = targets.files.is_empty() && targets.stdin.is_none();
    let posts = describe_posts(settings, cwd);
    if nothing && !targets.folders.is_empty() && targets.named {
        let folders: Vec<String> = targets
            .empty_folders
            .iter()
            .map(|f| format!("`{}`", shown(f, cwd)))
            .collect();
        return Err(RunError::Usage(format!(
            "no posts found under {}: {posts}",
            folders.join(", ")
        )));
    }
    if nothing && (targets.excluded > 0 || !targets.not_markdown.is_empty()) {
        info.push(
            "no post to check: the files named are not Markdown or are left out by \
             `include`/`exclude`"
                .to_string(),
        );
    } else {
        for folder in &targets.empty_folders {
            notes.push(format!(
                "no posts found under `{}`: {posts}",
                shown(folder, cwd)
            ));
        }
    }
    Ok((notes, info))
}

/// `preset docusaurus (detected), posts are `blog/**/*.md` under `.`` and what to try.
fn describe_posts(settings: &Settings, cwd: &Path) -> String {
    let globs: Vec<String> = settings
        .include_globs
        .iter()
        .map(|g| format!("`{g}`"))
        .collect();
    format!(
        "preset {} ({}), posts are {} under `{}` (see `postlint --show-settings`)",
        settings.preset.name(),
        settings.preset_from,
        globs.join(", "),
        shown(&settings.root, cwd)
    )
}

/// A folder as the user would write it: relative to the current folder, `.` for itself.
fn shown(folder: &Path, cwd: &Path) -> String {
    match display(folder, cwd) {
        s if s.is_empty() => ".".to_string(),
        s => s,
    }
}
