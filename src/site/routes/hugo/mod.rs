//! Hugo's routes, derived the way Hugo publishes a site: every content file under the content
//! folders the config mounts (`page.rs`: language, logical path, kind, URL), whether Hugo renders
//! it (`render.rs`: `build`, `headless`, `cascade`), the files it publishes beside the pages
//! (`files.rs`: static mounts, bundle resources), and what a link may meet that postlint cannot
//! see (absent mounts, a theme that is not here, taxonomies). [`HugoRoutes`] answers the link
//! resolver's questions about that URL space (`space.rs`).

mod files;
mod page;
mod render;
mod space;

pub(crate) use space::{Hook, HugoRoutes, Place, Target};

use super::{fm_list, fm_value, route_key, Build, DateTime, PostUrl};
use crate::document::Document;
use crate::site_config::{Embedded, SiteConfig};
use files::Bundle;
use page::{fm, truthy, Kind, Page};
use rayon::prelude::*;
use render::Cascade;
use std::collections::{BTreeSet, HashMap, HashSet};

pub(super) fn build(
    config: &SiteConfig,
    documents: &[Document],
    paths: &[Option<String>],
    files: &HashSet<String>,
) -> Build {
    let layout = config.hugo.clone().unwrap_or_default();
    let permalinks = page::permalinks(config.get_ci("permalinks"));
    let pages: Vec<Option<Page>> = paths
        .par_iter()
        .map(|p| page::read(p.as_deref()?, &layout, files))
        .collect();

    // One page per language and logical path: a bundle wins over a file (`x/index.md` over
    // `x.md`), as Hugo keeps it; the other is never built.
    let mut by_path: HashMap<(usize, String), usize> = HashMap::new();
    let mut shadowed: Vec<(usize, usize)> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let Some(page) = page else { continue };
        let key = (page.lang, page.logical.clone());
        match by_path.get(&key).copied() {
            None => {
                by_path.insert(key, i);
            }
            Some(other) => {
                let other_is_file = pages[other]
                    .as_ref()
                    .is_some_and(|p| p.kind == Kind::Regular);
                let (winner, loser) = if other_is_file && page.kind != Kind::Regular {
                    (i, other)
                } else {
                    (other, i)
                };
                by_path.insert(key, winner);
                shadowed.push((loser, winner));
            }
        }
    }
    let losers: HashSet<usize> = shadowed.iter().map(|&(l, _)| l).collect();

    // Cascades by the section (or home) that defines them.
    let site_cascade = Cascade::entries(config.get_ci("cascade"));
    let cascades: HashMap<(usize, String), Vec<Cascade>> = pages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let p = p.as_ref().filter(|p| p.kind == Kind::Branch)?;
            let entries = Cascade::entries(fm(&documents[i], "cascade"));
            (!entries.is_empty()).then(|| ((p.lang, p.logical.clone()), entries))
        })
        .collect();

    let derived: Vec<Option<(PostUrl, render::Build, Vec<String>)>> = pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let page = page.as_ref().filter(|_| !losers.contains(&i))?;
            let doc = &documents[i];
            let lang = &layout.languages[page.lang].code;
            let above: Vec<&[Cascade]> = ancestors(&page.logical)
                .filter_map(|a| cascades.get(&(page.lang, a)).map(Vec::as_slice))
                .chain(std::iter::once(site_cascade.as_slice()))
                .collect();
            let build = render::build_of(doc, page, lang, &above);
            let (url, plain) = page::url(doc, page, &layout, &permalinks)?;
            let date = fm_value(doc, "date").and_then(|(d, _)| DateTime::parse_loose(&d));
            let folder = url
                .trim_end_matches('/')
                .rsplit_once('/')
                .map_or("", |(d, _)| d)
                .to_string();
            let aliases = fm_list(doc, "aliases")
                .into_iter()
                // A relative alias is relative to the page's own folder.
                .map(|a| {
                    if a.starts_with('/') {
                        a
                    } else {
                        format!("{folder}/{a}")
                    }
                })
                .collect();
            let explicit = fm_value(doc, "url").or_else(|| fm_value(doc, "slug"));
            let site_path = paths[i].as_deref().unwrap_or_default();
            let post = PostUrl {
                key: route_key(&url, false),
                unmoved_key: (plain != url).then(|| route_key(&plain, false)),
                url,
                explicit: explicit.map(|(_, span)| span),
                date: date.map(|d| d.day),
                order: format!(
                    "{} {site_path}",
                    date.map(|d| d.day.to_string()).unwrap_or_default()
                ),
                unpublished: truthy(fm(doc, "draft")) == Some(true),
            };
            Some((post, build, aliases))
        })
        .collect();

    let mut build = Build {
        urls: vec![None; documents.len()],
        base_prefix: super::base_path(
            config
                .get_ci("baseURL")
                .and_then(|n| n.as_str())
                .unwrap_or_default(),
        ),
        fold_case: false,
        static_roots: layout.statics.iter().map(|s| s.source.clone()).collect(),
        content_dir: layout.content.first().map(|c| c.source.clone()),
        never_posts: taxonomies(config).into_iter().collect(),
        ..Build::default()
    };
    let mut bundles: HashMap<String, Bundle> = HashMap::new();
    let mut places: Vec<Option<Place>> = vec![None; documents.len()];
    let mut known_sections: HashMap<String, bool> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        let Some(page) = page else {
            // Markdown inside a leaf bundle: a resource, never built.
            if paths[i]
                .as_deref()
                .is_some_and(|p| page::content_root(p, &layout).is_some())
            {
                build.never_rendered.insert(i);
            }
            continue;
        };
        let prefix = layout.languages[page.lang].prefix.clone();
        if let Some(section) = page.section() {
            let key = format!("{prefix}/{}", page::sanitize(section, layout.lower));
            *known_sections.entry(key).or_insert(true) &=
                derived[i].is_some() || losers.contains(&i);
        }
        places[i] = Some(Place {
            lang: page.lang,
            file_dir: page.file_dir(),
            container_dir: page.container_dir(),
            bundle: (page.kind != Kind::Regular).then(|| page.folder.clone()),
        });
        if losers.contains(&i) {
            build.never_rendered.insert(i);
            continue;
        }
        let Some((url, page_build, aliases)) = &derived[i] else {
            continue;
        };
        if page.kind != Kind::Regular {
            bundles.insert(
                page.folder.clone(),
                Bundle {
                    url: url.url.clone(),
                    publish: page_build.publish_resources && !url.unpublished,
                },
            );
        }
        if !page_build.render {
            build.never_rendered.insert(i);
            continue;
        }
        build.aliases.extend(aliases.iter().map(|a| (a.clone(), i)));
        build.urls[i] = Some(url.clone());
    }

    // Pages without a file: the home, and each top-level folder (a section even without
    // `_index.md`), per language.
    let mut pages_by_path: HashMap<(usize, String), Target> = by_path
        .iter()
        .filter(|(_, &i)| build.urls[i].as_ref().is_some_and(|u| !u.unpublished))
        .map(|(k, &i)| (k.clone(), Target::Doc(i)))
        .collect();
    let mut auto_pages: HashSet<String> = HashSet::new();
    for (lang, language) in layout.languages.iter().enumerate() {
        let home = (lang, "/".to_string());
        if !by_path.contains_key(&home) {
            let url = format!("{}/", language.prefix);
            auto_pages.insert(route_key(&url, false));
            pages_by_path.insert(home, Target::Auto(url));
        }
    }
    let mut sections: BTreeSet<String> = BTreeSet::new();
    for page in pages.iter().flatten() {
        let Some(section) = page.dirs.first() else {
            continue;
        };
        let prefix = &layout.languages[page.lang].prefix;
        let url = format!("{prefix}/{}/", page::sanitize(section, layout.lower));
        sections.insert(url.trim_end_matches('/').to_string());
        let key = (page.lang, format!("/{}", section.to_lowercase()));
        if by_path.contains_key(&key) {
            continue;
        }
        auto_pages.insert(route_key(&url, false));
        pages_by_path
            .entry(key)
            .or_insert_with(|| Target::Auto(url.clone()));
        // The section's folder holds its files, at the section's URL.
        if let Some(root) = layout
            .content
            .iter()
            .find(|r| page.folder == r.source || page.folder.starts_with(&format!("{}/", r.source)))
        {
            let folder = if root.target.is_empty() {
                format!("{}/{section}", root.source)
            } else if !root.target.contains('/') {
                root.source.clone()
            } else {
                continue;
            };
            bundles
                .entry(folder)
                .or_insert(Bundle { url, publish: true });
        }
    }
    for root in &layout.content {
        let lang = root.lang.unwrap_or(layout.default_language);
        let url = format!("{}/", layout.languages[lang].prefix);
        if root.target.is_empty() {
            bundles
                .entry(root.source.clone())
                .or_insert(Bundle { url, publish: true });
        }
    }
    let sections: Vec<String> = sections
        .into_iter()
        .filter(|s| known_sections.get(s).copied().unwrap_or(true))
        .collect();

    let mut unknown = layout.unknown.clone();
    // A content adapter (`_content.gotmpl`) adds pages postlint cannot list.
    for file in files.iter().filter(|f| f.ends_with("/_content.gotmpl")) {
        if let Some((root, rel)) = page::content_root(file, &layout) {
            let lang = root.lang.unwrap_or(layout.default_language);
            let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
            let path = format!("{}/{}", root.target, dir);
            let path = page::sanitize(path.trim_matches('/'), layout.lower);
            let prefix = &layout.languages[lang].prefix;
            unknown.push(format!("{prefix}/{path}").trim_end_matches('/').to_string());
        }
    }

    for (key, target) in &pages_by_path {
        if let (Target::Doc(i), true) = (target, key.0 == layout.default_language) {
            build
                .content_paths
                .insert(key.1.trim_matches('/').to_string(), *i);
        }
    }
    for (key, target) in &pages_by_path {
        if let Target::Doc(i) = target {
            build
                .content_paths
                .entry(key.1.trim_matches('/').to_string())
                .or_insert(*i);
        }
    }

    let custom = files::custom_hooks(&layout, files);
    let hook = |custom: bool, mode: Embedded| match mode {
        Embedded::Always => Hook::Embedded,
        _ if custom => Hook::Custom,
        Embedded::Fallback => Hook::Embedded,
        Embedded::Auto if layout.multilingual => Hook::Embedded,
        _ => Hook::None,
    };
    build.hugo = Some(HugoRoutes {
        link_hook: hook(custom.link, layout.link_hook),
        image_hook: hook(custom.image, layout.image_hook),
        files: files::published(&layout, files, &bundles),
        places,
        pages: pages_by_path,
        auto_pages,
        sections,
        unknown,
        open: layout.open,
        taxonomies: build.never_posts.clone(),
        shadowed,
        languages: layout.languages.clone(),
        assets: layout.assets.clone(),
        ugly: layout.ugly,
        lower: layout.lower,
        ..HugoRoutes::default()
    });
    build
}

/// The logical paths of the sections above a page, nearest first, the home last.
fn ancestors(logical: &str) -> impl Iterator<Item = String> {
    let mut path = logical.to_string();
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match path.rsplit_once('/') {
            Some(("", _)) | None => {
                done = true;
                (path != "/").then(|| "/".to_string())
            }
            Some((parent, _)) => {
                path = parent.to_string();
                Some(path.clone())
            }
        }
    })
}

/// Taxonomy list pages (`tags`, `categories` unless the config names others).
fn taxonomies(config: &SiteConfig) -> BTreeSet<String> {
    match config.get_ci("taxonomies") {
        Some(node) => node
            .entries()
            .iter()
            .filter_map(|e| e.value.as_str().map(str::to_lowercase))
            .collect(),
        None => BTreeSet::from(["tags".to_string(), "categories".to_string()]),
    }
}

/// Normalises a `ref` argument to a content path key.
pub(super) fn content_key(path: &str) -> String {
    let path = path.trim().trim_matches('/');
    let path = path
        .strip_suffix("/_index.md")
        .or_else(|| path.strip_suffix("/index.md"))
        .or_else(|| path.strip_suffix(".md"))
        .unwrap_or(path);
    let path = if path == "_index.md" || path == "index.md" || path == "_index" {
        ""
    } else {
        path
    };
    path.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestors_nearest_first() {
        let a: Vec<String> = ancestors("/posts/sub/x").collect();
        assert_eq!(a, ["/posts/sub", "/posts", "/"]);
        let a: Vec<String> = ancestors("/posts").collect();
        assert_eq!(a, ["/"]);
        assert!(ancestors("/").next().is_none());
    }

    #[test]
    fn content_keys() {
        assert_eq!(content_key("/posts/Trip/index.md"), "posts/trip");
        assert_eq!(content_key("posts/a.md"), "posts/a");
        assert_eq!(content_key("posts/_index.md"), "posts");
    }
}
