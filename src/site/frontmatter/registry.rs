//! The site's tag and author registries: Docusaurus `blog/tags.yml` and `blog/authors.yml`,
//! Jekyll `_data/authors.yml`, and `frontmatter.tags` in `postlint.yml`.

use crate::document::front_matter::{parse_yaml, FmNode};
use crate::preset::Preset;
use crate::site::SiteIndex;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// The names a registry defines.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    /// Where the names come from, for messages (`blog/tags.yml`, `postlint.yml`).
    pub source: String,
    pub names: BTreeSet<String>,
}

impl Registry {
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    pub(crate) fn closest(&self, name: &str) -> Option<(&str, crate::spelling::Likeness)> {
        crate::spelling::closest_word(name, self.names.iter().map(String::as_str))
    }
}

#[derive(Debug, Default)]
pub(crate) struct Registries {
    /// `None`: the site has no tag registry, and every tag is accepted.
    pub tags: Option<Registry>,
    /// `None`: the site has no author registry, and every author is accepted.
    pub authors: Option<Registry>,
}

impl Registries {
    /// `config_tags`: `frontmatter.tags` of `postlint.yml`, added to the site's own registry.
    pub(crate) fn load(site: &SiteIndex, config_tags: Option<&[String]>) -> Self {
        let mut tags = match site.preset {
            Preset::Docusaurus => docusaurus_file(site, &TAGS_OPTION, "tags.yml"),
            _ => None,
        };
        if let Some(list) = config_tags {
            let registry = tags.get_or_insert_with(|| Registry {
                source: "postlint.yml".to_string(),
                names: BTreeSet::new(),
            });
            registry.names.extend(list.iter().cloned());
        }
        let authors = match site.preset {
            Preset::Docusaurus => docusaurus_file(site, &AUTHORS_OPTION, "authors.yml"),
            Preset::Jekyll => [
                "_data/authors.yml",
                "_data/authors.yaml",
                "_data/authors.json",
            ]
            .iter()
            .find_map(|path| read_keys(site, path)),
            Preset::Hugo | Preset::None => None,
        };
        Self { tags, authors }
    }
}

/// `tags: 'tags.yml'` / `authorsMapPath: 'authors.yml'` in the blog plugin options, read from
/// the config's text (it is JavaScript); `tags: false` turns the tag registry off.
static TAGS_OPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\btags\s*:\s*(?:['"`]([^'"`\n]+\.(?:ya?ml|json))['"`]|(false|null)\b)"#)
        .expect("valid regex")
});
static AUTHORS_OPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\bauthorsMapPath\s*:\s*['"`]([^'"`\n]+)['"`]"#).expect("valid regex")
});

fn docusaurus_file(site: &SiteIndex, option: &Regex, default: &str) -> Option<Registry> {
    let configured = site
        .config
        .script
        .as_deref()
        .and_then(|script| option.captures(script));
    if let Some(c) = &configured {
        if c.get(2).is_some() {
            return None;
        }
        if let Some(path) = c.get(1) {
            let path = path.as_str().trim_start_matches("./");
            return read_keys(site, &format!("blog/{path}"));
        }
    }
    let stem = default.trim_end_matches(".yml");
    [
        format!("blog/{default}"),
        format!("blog/{stem}.yaml"),
        format!("blog/{stem}.json"),
    ]
    .iter()
    .find_map(|path| read_keys(site, path))
}

/// The top-level keys of a YAML or JSON mapping file under the root; `None` when the file is
/// missing or is not a mapping.
fn read_keys(site: &SiteIndex, path: &str) -> Option<Registry> {
    let text = crate::files::read_site_file(&site.root, path, &site.notes)?;
    let root: FmNode = if path.ends_with(".json") {
        let value: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| site.notes.unusable(path, format_args!("invalid JSON: {e}")))
            .ok()?;
        let map = value.as_object()?;
        return Some(Registry {
            source: path.to_string(),
            names: map.keys().cloned().collect(),
        });
    } else {
        parse_yaml(&text)
            .map_err(|e| site.notes.unusable(path, e.message))
            .ok()?
    };
    let names: BTreeSet<String> = root.entries().iter().map(|e| e.key.clone()).collect();
    if names.is_empty() && !text.trim().is_empty() {
        return None;
    }
    Some(Registry {
        source: path.to_string(),
        names,
    })
}
