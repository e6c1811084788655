//! Hugo's configuration as Hugo assembles it — the project's `hugo.*` / `config.*` file merged
//! with every file of `config/_default/` (`languages.toml` is the `languages` key) — and the
//! site layout it describes: the languages and their URL prefixes, the folders mounted as
//! content, static files and assets (`module.mounts`, per-language `contentDir`, a theme), and
//! what postlint cannot see (a mount whose source is absent, a theme or module that is not here).

use super::{parse_file, SiteConfig};
use crate::document::front_matter::{FmEntry, FmNode, FmValue};
use crate::files::{read_site_file, Notes};
use crate::preset::HUGO_MARKERS;
use crate::source::Span;
use std::path::Path;

const CONFIG_DIR: &str = "config/_default";

/// The project config file and `config/_default/*`, merged (the first value of a key wins).
pub(super) fn load(root: &Path, notes: &Notes) -> Option<FmNode> {
    let mut merged: Option<FmNode> = None;
    // The project config files: the markers that sit in the root.
    for name in HUGO_MARKERS.iter().filter(|m| !m.contains('/')) {
        if let Some(text) = read_site_file(root, name, notes) {
            merged = parse_file(name, &text)
                .map_err(|why| notes.unusable(name, why))
                .ok();
            break;
        }
    }
    let Ok(entries) = std::fs::read_dir(root.join(CONFIG_DIR)) else {
        return merged;
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            n.rsplit_once('.')
                .is_some_and(|(_, ext)| matches!(ext, "toml" | "yaml" | "yml" | "json"))
        })
        .collect();
    names.sort();
    for name in names {
        let rel = format!("{CONFIG_DIR}/{name}");
        let Some(text) = read_site_file(root, &rel, notes) else {
            continue;
        };
        let Ok(node) = parse_file(&name, &text).map_err(|why| notes.unusable(&rel, why)) else {
            continue;
        };
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let node = match stem {
            "hugo" | "config" => node,
            // `menus.en.toml` and the like hold one language's values: not read.
            key if key.contains('.') => continue,
            key => FmNode {
                span: Span::default(),
                value: FmValue::Map(vec![FmEntry {
                    key: key.to_string(),
                    key_span: Span::default(),
                    value: node,
                }]),
            },
        };
        match &mut merged {
            Some(into) => merge(into, node),
            None => merged = Some(node),
        }
    }
    merged
}

/// Adds the keys of `from` that `into` lacks, mappings merged key by key (without letter case,
/// as Hugo reads keys).
fn merge(into: &mut FmNode, from: FmNode) {
    let (FmValue::Map(into), FmValue::Map(from)) = (&mut into.value, from.value) else {
        return;
    };
    for entry in from {
        match into
            .iter_mut()
            .find(|e| e.key.eq_ignore_ascii_case(&entry.key))
        {
            Some(existing) => merge(&mut existing.value, entry.value),
            None => into.push(entry),
        }
    }
}

/// One language of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Language {
    pub(crate) code: String,
    /// Before every URL of the language: `""` for the default language served at the root,
    /// else `/<code>`.
    pub(crate) prefix: String,
}

/// A folder mounted as content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ContentRoot {
    /// The folder, relative to the site root.
    pub(crate) source: String,
    /// Where it sits in the content tree (`""`, or `guides` for a mount at `content/guides`).
    pub(crate) target: String,
    /// The language of its pages (index into [`HugoLayout::languages`]); `None`: by the file
    /// name (`about.en.md`), else the default language.
    pub(crate) lang: Option<usize>,
}

/// A folder whose files Hugo publishes (or, for assets, can publish) under a URL prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FileRoot {
    pub(crate) source: String,
    /// `""`, or `shared` for a mount at `static/shared`.
    pub(crate) prefix: String,
}

/// Whether Hugo's embedded link or image render hook is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Embedded {
    /// On a multilingual single-host site, when the site has no hook of its own.
    Auto,
    Always,
    /// When the site has no hook of its own.
    Fallback,
    Never,
}

/// The site's layout, as Hugo's configuration describes it.
#[derive(Clone, Debug)]
pub(crate) struct HugoLayout {
    pub(crate) languages: Vec<Language>,
    pub(crate) default_language: usize,
    pub(crate) content: Vec<ContentRoot>,
    pub(crate) statics: Vec<FileRoot>,
    pub(crate) assets: Vec<FileRoot>,
    /// Site-absolute URL prefixes whose files postlint cannot see (a mount whose source is
    /// absent: a git submodule not checked out, a generated folder): silent under them.
    pub(crate) unknown: Vec<String>,
    /// Content, files or templates come from a theme or module that is not in the site
    /// folder: URLs outside the known sections may exist.
    pub(crate) open: bool,
    /// Theme folders present in the site, relative to the root (`themes/x`).
    pub(crate) themes: Vec<String>,
    /// URLs are lower-cased (not `disablePathToLower`).
    pub(crate) lower: bool,
    /// `uglyURLs`: regular pages are `x.html`, not `x/`.
    pub(crate) ugly: bool,
    /// Several languages served from one host.
    pub(crate) multilingual: bool,
    pub(crate) link_hook: Embedded,
    pub(crate) image_hook: Embedded,
}

impl Default for HugoLayout {
    fn default() -> Self {
        Self {
            languages: vec![Language {
                code: "en".into(),
                prefix: String::new(),
            }],
            default_language: 0,
            content: vec![ContentRoot {
                source: "content".into(),
                target: String::new(),
                lang: None,
            }],
            statics: vec![FileRoot {
                source: "static".into(),
                prefix: String::new(),
            }],
            assets: vec![FileRoot {
                source: "assets".into(),
                prefix: String::new(),
            }],
            unknown: Vec::new(),
            open: false,
            themes: Vec::new(),
            lower: true,
            ugly: false,
            multilingual: false,
            link_hook: Embedded::Auto,
            image_hook: Embedded::Auto,
        }
    }
}

fn text(node: &FmNode) -> Option<String> {
    match &node.value {
        FmValue::Str(s) => Some(s.trim().to_string()),
        _ => None,
    }
}

fn flag(node: Option<&FmNode>) -> Option<bool> {
    match node?.value {
        FmValue::Bool(b) => Some(b),
        _ => None,
    }
}

/// A string or a list of strings.
fn strings(node: Option<&FmNode>) -> Vec<String> {
    match node.map(|n| &n.value) {
        Some(FmValue::Str(s)) => vec![s.trim().to_string()],
        Some(FmValue::Seq(items)) => items.iter().filter_map(text).collect(),
        _ => Vec::new(),
    }
}

/// `a/b/` → `a/b`; `./x` → `x`; `None` for a path that leaves the site root.
fn folder(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.trim().split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

impl HugoLayout {
    /// The layout of the Hugo site at `root` with configuration `config`.
    pub(crate) fn read(config: &SiteConfig, root: &Path) -> Self {
        let mut layout = Self::default();
        let get = |key: &str| config.get_ci(key);
        let exists = |rel: &str| !rel.is_empty() && root.join(rel).exists();
        layout.lower = !flag(get("disablePathToLower")).unwrap_or(false);
        layout.ugly = flag(get("uglyURLs")).unwrap_or(false);

        // Languages.
        let default_code = get("defaultContentLanguage")
            .and_then(text)
            .unwrap_or_else(|| "en".into())
            .to_lowercase();
        let in_subdir = flag(get("defaultContentLanguageInSubdir")).unwrap_or(false);
        let mut language_dirs: Vec<Option<String>> = Vec::new();
        let mut multihost = false;
        if let Some(languages) = get("languages").filter(|l| !l.entries().is_empty()) {
            layout.languages.clear();
            for entry in languages.entries() {
                if flag(
                    entry
                        .value
                        .entries()
                        .iter()
                        .find_map(|e| e.key.eq_ignore_ascii_case("disabled").then_some(&e.value)),
                ) == Some(true)
                {
                    continue;
                }
                let field = |name: &str| {
                    entry
                        .value
                        .entries()
                        .iter()
                        .find(|e| e.key.eq_ignore_ascii_case(name))
                        .map(|e| &e.value)
                };
                multihost |= field("baseURL").is_some();
                layout.languages.push(Language {
                    code: entry.key.to_lowercase(),
                    prefix: String::new(),
                });
                language_dirs.push(field("contentDir").and_then(text).and_then(|d| folder(&d)));
            }
        }
        if layout.languages.is_empty() || language_dirs.is_empty() {
            layout.languages = vec![Language {
                code: default_code.clone(),
                prefix: String::new(),
            }];
            language_dirs = vec![None];
        }
        layout.default_language = layout
            .languages
            .iter()
            .position(|l| l.code == default_code)
            .unwrap_or(0);
        layout.multilingual = layout.languages.len() > 1 && !multihost;
        for (i, language) in layout.languages.iter_mut().enumerate() {
            if layout.multilingual && (i != layout.default_language || in_subdir) {
                language.prefix = format!("/{}", language.code);
            }
        }

        // Mounts: one given for a component (content, static, assets) replaces its defaults.
        let mounts = get("module.mounts").map(|m| match &m.value {
            FmValue::Seq(items) => items.clone(),
            _ => Vec::new(),
        });
        let mut content: Vec<ContentRoot> = Vec::new();
        let mut statics: Vec<FileRoot> = Vec::new();
        let mut assets: Vec<FileRoot> = Vec::new();
        // Which components a mount was given for (even one whose source is absent).
        let (mut content_mounted, mut static_mounted, mut assets_mounted) = (false, false, false);
        for mount in mounts.iter().flatten() {
            let field = |name: &str| {
                mount
                    .entries()
                    .iter()
                    .find(|e| e.key.eq_ignore_ascii_case(name))
                    .and_then(|e| text(&e.value))
            };
            let (Some(source), Some(target)) = (field("source"), field("target")) else {
                continue;
            };
            let Some(target) = folder(&target) else {
                continue;
            };
            let (component, rest) = target.split_once('/').unwrap_or((target.as_str(), ""));
            let lang = field("lang").and_then(|code| {
                let code = code.to_lowercase();
                layout.languages.iter().position(|l| l.code == code)
            });
            match component {
                "content" => content_mounted = true,
                "static" => static_mounted = true,
                "assets" => assets_mounted = true,
                _ => continue,
            }
            let Some(source) = folder(&source).filter(|s| exists(s)) else {
                // Absent here: what it holds is unknown. A mount at the root of the content
                // or static tree leaves the whole URL space unknown.
                if component == "assets" {
                    continue;
                }
                if rest.is_empty() {
                    layout.open = true;
                }
                let prefixes: Vec<String> = match (component, lang) {
                    ("content", None) => layout
                        .languages
                        .iter()
                        .map(|l| format!("{}/{rest}", l.prefix))
                        .collect(),
                    ("content", Some(l)) => vec![format!("{}/{rest}", layout.languages[l].prefix)],
                    _ => vec![format!("/{rest}")],
                };
                let lower = layout.lower;
                layout.unknown.extend(prefixes.into_iter().map(|p| {
                    let p = p.trim_end_matches('/').to_string();
                    if lower {
                        p.to_lowercase()
                    } else {
                        p
                    }
                }));
                continue;
            };
            let prefix = rest.to_string();
            match component {
                "content" => content.push(ContentRoot {
                    source,
                    target: prefix,
                    lang,
                }),
                "static" => statics.push(FileRoot { source, prefix }),
                _ => assets.push(FileRoot { source, prefix }),
            }
        }
        if !content_mounted {
            // One content folder per distinct folder: a language's own, else the site's.
            let global = get("contentDir")
                .and_then(text)
                .and_then(|d| folder(&d))
                .unwrap_or_else(|| "content".into());
            let mut by_dir: Vec<(String, Vec<usize>)> = Vec::new();
            for (i, dir) in language_dirs.iter().enumerate() {
                let dir = dir.clone().unwrap_or_else(|| global.clone());
                match by_dir.iter_mut().find(|(d, _)| *d == dir) {
                    Some((_, langs)) => langs.push(i),
                    None => by_dir.push((dir, vec![i])),
                }
            }
            let several = layout.languages.len() > 1;
            content = by_dir
                .into_iter()
                .map(|(source, langs)| ContentRoot {
                    source,
                    target: String::new(),
                    lang: match langs.as_slice() {
                        [only] if several => Some(*only),
                        _ => None,
                    },
                })
                .collect();
        }
        layout.content = content;
        if !static_mounted {
            let dirs = strings(get("staticDir"));
            let dirs = if dirs.is_empty() {
                vec!["static".to_string()]
            } else {
                dirs
            };
            statics = dirs
                .iter()
                .filter_map(|d| folder(d))
                .map(|source| FileRoot {
                    source,
                    prefix: String::new(),
                })
                .collect();
        }
        layout.statics = statics;
        if !assets_mounted {
            let source = get("assetDir")
                .and_then(text)
                .and_then(|d| folder(&d))
                .unwrap_or_else(|| "assets".into());
            assets.push(FileRoot {
                source,
                prefix: String::new(),
            });
        }
        layout.assets = assets;

        // Themes and modules: their static files, templates and hooks are part of the site.
        let themes_dir = get("themesDir")
            .and_then(text)
            .and_then(|d| folder(&d))
            .unwrap_or_else(|| "themes".into());
        for theme in strings(get("theme")) {
            let Some(name) = folder(&theme) else {
                layout.open = true;
                continue;
            };
            let dir = format!("{themes_dir}/{name}");
            if !exists(&dir) {
                layout.open = true;
                continue;
            }
            for (sub, into) in [
                ("static", &mut layout.statics),
                ("assets", &mut layout.assets),
            ] {
                let source = format!("{dir}/{sub}");
                if exists(&source) {
                    into.push(FileRoot {
                        source,
                        prefix: String::new(),
                    });
                }
            }
            // A theme that mounts or imports on its own is beyond what postlint reads.
            let configured = ["hugo.toml", "hugo.yaml", "config.toml", "config.yaml"]
                .iter()
                .any(|f| exists(&format!("{dir}/{f}")));
            layout.open |= configured && theme_has_modules(root, &dir);
            layout.themes.push(dir);
        }
        if get("module.imports").is_some_and(|i| match &i.value {
            FmValue::Seq(items) => !items.is_empty(),
            FmValue::Map(entries) => !entries.is_empty(),
            _ => false,
        }) {
            layout.open = true;
        }

        let hooks = "markup.goldmark.renderHooks";
        layout.link_hook = embedded(config, &format!("{hooks}.link"));
        layout.image_hook = embedded(config, &format!("{hooks}.image"));
        layout
    }

    /// Folders (relative to the root) whose Markdown files are Hugo pages.
    pub(crate) fn content_folders(&self) -> Vec<&str> {
        self.content.iter().map(|c| c.source.as_str()).collect()
    }
}

/// `useEmbedded` (Hugo ≥ 0.123), else the older `enableDefault`.
fn embedded(config: &SiteConfig, key: &str) -> Embedded {
    if let Some(mode) = config.get_ci(&format!("{key}.useEmbedded")).and_then(text) {
        return match mode.to_ascii_lowercase().as_str() {
            "always" => Embedded::Always,
            "fallback" => Embedded::Fallback,
            "never" => Embedded::Never,
            _ => Embedded::Auto,
        };
    }
    match flag(config.get_ci(&format!("{key}.enableDefault"))) {
        Some(true) => Embedded::Fallback,
        _ => Embedded::Auto,
    }
}

/// Whether a theme's own config mounts folders or imports modules.
fn theme_has_modules(root: &Path, dir: &str) -> bool {
    let notes = Notes::default();
    load(&root.join(dir), &notes).is_some_and(|config| {
        let module = config
            .entries()
            .iter()
            .find(|e| e.key.eq_ignore_ascii_case("module"));
        module.is_some_and(|m| !m.value.entries().is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn layout(files: &[(&str, &str)]) -> HugoLayout {
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, text) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            fs::write(path, text).expect("write");
        }
        let config = SiteConfig::load(dir.path(), crate::preset::Preset::Hugo);
        HugoLayout::read(&config, dir.path())
    }

    #[test]
    fn defaults() {
        let l = layout(&[("hugo.toml", "title = 'x'\n"), ("content/a.md", "")]);
        assert_eq!(l.content_folders(), ["content"]);
        assert_eq!(l.statics[0].source, "static");
        assert!(!l.open && !l.multilingual);
    }

    #[test]
    fn languages_from_the_config_folder() {
        let l = layout(&[
            ("config/_default/hugo.toml", "defaultContentLanguage = 'ko'\n"),
            (
                "config/_default/languages.toml",
                "[ko]\ncontentDir = 'content/ko'\n[en]\ncontentDir = 'content/en'\n",
            ),
            (
                "config/_default/module.yaml",
                "mounts:\n  - source: static\n    target: static\n  - source: design\n    target: static/screens\n",
            ),
            ("design/a.png", ""),
            ("static/b.png", ""),
        ]);
        let prefixes: Vec<&str> = l.languages.iter().map(|l| l.prefix.as_str()).collect();
        assert_eq!(prefixes, ["", "/en"]);
        assert_eq!(l.content_folders(), ["content/ko", "content/en"]);
        assert_eq!(l.content[1].lang, Some(1));
        let statics: Vec<(&str, &str)> = l
            .statics
            .iter()
            .map(|s| (s.source.as_str(), s.prefix.as_str()))
            .collect();
        assert_eq!(statics, [("static", ""), ("design", "screens")]);
    }

    #[test]
    fn mounts_replace_defaults_and_absent_sources_are_unknown() {
        let l = layout(&[
            (
                "hugo.toml",
                "[[module.mounts]]\nsource = 'content'\ntarget = 'content'\n\
                 [[module.mounts]]\nsource = 'guides-src'\ntarget = 'content/guides'\n\
                 [[module.mounts]]\nsource = 'vendor/handbook'\ntarget = 'content/Handbook'\n",
            ),
            ("content/a.md", ""),
            ("guides-src/b.md", ""),
        ]);
        assert_eq!(l.content_folders(), ["content", "guides-src"]);
        assert_eq!(l.content[1].target, "guides");
        assert_eq!(l.unknown, ["/handbook"]);
        assert!(l.statics.is_empty() || l.statics[0].source == "static");
        assert!(!l.open);
    }

    #[test]
    fn a_theme_that_is_not_here_opens_the_site() {
        let l = layout(&[("hugo.toml", "theme = 'docsy'\n")]);
        assert!(l.open);
    }
}
