//! Ids the site's own templates write into its pages: `<footer id="footer">` in a Jekyll layout,
//! `<nav id="site-nav">` in an include, a Hugo layout's `<div id="comments">`, a swizzled
//! Docusaurus component's `id="…"`. A link to `#footer` is fine though no heading makes that id.
//! Only ids written literally count (an `id="{{ … }}"` is not guessed); templates that are not
//! in the folder (a theme gem, a Hugo module) are not seen.

use crate::files::{read_site_file, Notes};
use crate::preset::Preset;
use regex::Regex;
use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

/// Where each generator keeps the templates that wrap a page, and their file extensions.
fn is_template(preset: Preset, path: &str) -> bool {
    let (folder_ok, ext_ok): (bool, &[&str]) = match preset {
        Preset::Jekyll => (
            path.starts_with("_layouts/") || path.starts_with("_includes/"),
            &["html", "htm", "liquid"],
        ),
        Preset::Hugo => (
            path.starts_with("layouts/")
                || path
                    .strip_prefix("themes/")
                    .and_then(|rest| rest.split_once('/'))
                    .is_some_and(|(_, inner)| inner.starts_with("layouts/")),
            &["html"],
        ),
        Preset::Docusaurus => (path.starts_with("src/theme/"), &["js", "jsx", "tsx"]),
        _ => (false, &[]),
    };
    folder_ok
        && path
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext_ok.contains(&ext))
}

/// The literal ids written by the site's templates among `files` (paths relative to `root`).
pub(crate) fn collect<'a>(
    preset: Preset,
    root: &Path,
    files: impl Iterator<Item = &'a str>,
    notes: &Notes,
) -> HashSet<String> {
    static ID: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"\bid\s*=\s*(?:"([^"{}%<>\s]+)"|'([^'{}%<>\s]+)')"#).expect("valid regex")
    });
    let mut ids = HashSet::new();
    for path in files.filter(|p| is_template(preset, p)) {
        let Some(text) = read_site_file(root, path, notes) else {
            continue;
        };
        for found in ID.captures_iter(&text) {
            if let Some(id) = found.get(1).or_else(|| found.get(2)) {
                ids.insert(id.as_str().to_string());
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_folders_by_generator() {
        assert!(is_template(Preset::Jekyll, "_layouts/default.html"));
        assert!(is_template(Preset::Jekyll, "_includes/footer/custom.html"));
        assert!(!is_template(Preset::Jekyll, "_posts/2024-01-01-a.html"));
        assert!(is_template(Preset::Hugo, "layouts/_default/single.html"));
        assert!(is_template(
            Preset::Hugo,
            "themes/paper/layouts/partials/footer.html"
        ));
        assert!(!is_template(Preset::Hugo, "content/posts/a.html"));
        assert!(is_template(Preset::Docusaurus, "src/theme/Footer/index.js"));
        assert!(!is_template(Preset::Docusaurus, "src/pages/index.js"));
    }
}
