//! Whether Hugo renders a page: its own `build` (or `_build`) and `headless` keys, else those a
//! section above it passes down with `cascade` (a `target` / `_target` narrows them to a path
//! glob, a kind, a language), else the site config's `cascade`.

use super::page::{fm, truthy, Kind, Page};
use crate::document::front_matter::{FmNode, FmValue};
use crate::document::Document;
use globset::{GlobBuilder, GlobMatcher};

/// What a page's build options say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Build {
    /// A page file is written (not `render: never` / `link`, not `headless`).
    pub(super) render: bool,
    /// Its bundle's files are published.
    pub(super) publish_resources: bool,
}

impl Default for Build {
    fn default() -> Self {
        Self {
            render: true,
            publish_resources: true,
        }
    }
}

/// Build options as one front matter mapping (a page's, or a cascade entry's) sets them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Settings {
    render: Option<bool>,
    publish_resources: Option<bool>,
}

impl Settings {
    fn from_entries<'n>(get: impl Fn(&str) -> Option<&'n FmNode>) -> Self {
        let mut out = Self::default();
        if truthy(get("headless")) == Some(true) {
            out.render = Some(false);
        }
        let build = get("build").or_else(|| get("_build"));
        if let Some(build) = build {
            let field = |name: &str| {
                build
                    .entries()
                    .iter()
                    .find(|e| e.key.eq_ignore_ascii_case(name))
                    .map(|e| &e.value)
            };
            match field("render").map(|n| &n.value) {
                Some(FmValue::Str(s)) => {
                    out.render = Some(!matches!(s.to_ascii_lowercase().as_str(), "never" | "link"));
                }
                Some(FmValue::Bool(b)) => out.render = Some(*b),
                _ => {}
            }
            if let Some(publish) = truthy(field("publishResources")) {
                out.publish_resources = Some(publish);
            }
        }
        out
    }

    /// A page's own keys.
    pub(super) fn of(doc: &Document) -> Self {
        Self::from_entries(|key| fm(doc, key))
    }

    /// Fills what `self` leaves unset from `other`.
    fn or(self, other: Self) -> Self {
        Self {
            render: self.render.or(other.render),
            publish_resources: self.publish_resources.or(other.publish_resources),
        }
    }

    pub(super) fn resolve(self) -> Build {
        let default = Build::default();
        Build {
            render: self.render.unwrap_or(default.render),
            publish_resources: self.publish_resources.unwrap_or(default.publish_resources),
        }
    }
}

/// One `cascade` entry: what it sets, and which pages it is for.
#[derive(Clone, Debug)]
pub(super) struct Cascade {
    settings: Settings,
    path: Option<GlobMatcher>,
    kind: Option<String>,
    lang: Option<String>,
}

impl Cascade {
    /// The entries of a `cascade` value (one mapping or a list of them).
    pub(super) fn entries(node: Option<&FmNode>) -> Vec<Cascade> {
        let items: Vec<&FmNode> = match node.map(|n| &n.value) {
            Some(FmValue::Seq(items)) => items.iter().collect(),
            Some(FmValue::Map(_)) => node.into_iter().collect(),
            _ => Vec::new(),
        };
        items
            .into_iter()
            .filter_map(|item| {
                let get = |key: &str| {
                    item.entries()
                        .iter()
                        .find(|e| e.key.eq_ignore_ascii_case(key))
                        .map(|e| &e.value)
                };
                let settings = Settings::from_entries(get);
                if settings == Settings::default() {
                    return None;
                }
                let target = get("target").or_else(|| get("_target"));
                let field = |name: &str| {
                    target?
                        .entries()
                        .iter()
                        .find(|e| e.key.eq_ignore_ascii_case(name))?
                        .value
                        .as_str()
                        .map(|s| s.trim().to_lowercase())
                };
                let path = match field("path") {
                    // A glob Hugo would reject targets nothing.
                    Some(glob) => Some(
                        GlobBuilder::new(&glob)
                            .literal_separator(true)
                            .build()
                            .ok()?
                            .compile_matcher(),
                    ),
                    None => None,
                };
                // An entry for another environment does not apply to a production build.
                if field("environment").is_some_and(|e| !e.is_empty() && e != "production") {
                    return None;
                }
                Some(Cascade {
                    settings,
                    path,
                    kind: field("kind"),
                    lang: field("lang"),
                })
            })
            .collect()
    }

    fn applies(&self, page: &Page, lang: &str) -> bool {
        let kind = match page.kind {
            Kind::Regular | Kind::Leaf => "page",
            Kind::Branch if page.logical == "/" => "home",
            Kind::Branch => "section",
        };
        self.path.as_ref().is_none_or(|p| p.is_match(&page.logical))
            && self.kind.as_deref().is_none_or(|k| k == kind)
            && self.lang.as_deref().is_none_or(|l| l == lang)
    }
}

/// The build options of `page`: its own, else the nearest cascade that applies to it
/// (`ancestors` nearest first, the site config's last).
pub(super) fn build_of(doc: &Document, page: &Page, lang: &str, ancestors: &[&[Cascade]]) -> Build {
    let mut settings = Settings::of(doc);
    for cascades in ancestors {
        for cascade in cascades.iter().filter(|c| c.applies(page, lang)) {
            settings = settings.or(cascade.settings);
        }
    }
    settings.resolve()
}
