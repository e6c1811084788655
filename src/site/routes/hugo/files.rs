//! The files Hugo publishes besides pages — each static file under its mount's URL prefix, and
//! each content file that is not a page under the URL of its bundle (the nearest leaf bundle,
//! section or home above it) plus its path inside the bundle — and the render hooks the site or
//! its theme brings.

use super::page::content_root;
use crate::site_config::HugoLayout;
use std::collections::{HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

/// A bundle's URL and whether its files are published.
#[derive(Clone, Debug)]
pub(super) struct Bundle {
    pub(super) url: String,
    pub(super) publish: bool,
}

/// Content files that are not pages.
fn is_page_file(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with("_content.gotmpl")
}

/// A URL path as published files are keyed: `/`-led, NFC.
pub(super) fn file_key(url: &str) -> String {
    let mut key = String::with_capacity(url.len() + 1);
    for part in url.split('/').filter(|s| !s.is_empty() && *s != ".") {
        key.push('/');
        key.push_str(part);
    }
    if key.is_ascii() {
        key
    } else {
        key.nfc().collect()
    }
}

/// Every published file by URL (see [`file_key`]), with its path relative to the site root.
/// `bundles` holds each bundle by its folder (relative to the site root).
pub(super) fn published(
    layout: &HugoLayout,
    files: &HashSet<String>,
    bundles: &HashMap<String, Bundle>,
) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for root in &layout.statics {
        let prefix = format!("{}/", root.source);
        for file in files {
            if let Some(rel) = file.strip_prefix(&prefix) {
                out.entry(file_key(&format!("{}/{rel}", root.prefix)))
                    .or_insert_with(|| file.clone());
            }
        }
    }
    for file in files {
        if is_page_file(file) || content_root(file, layout).is_none() {
            continue;
        }
        let mut folder = file.rsplit_once('/').map_or("", |(d, _)| d);
        loop {
            if let Some(bundle) = bundles.get(folder) {
                if bundle.publish {
                    let rel = &file[folder.len()..];
                    out.entry(file_key(&format!("{}{rel}", bundle.url)))
                        .or_insert_with(|| file.clone());
                }
                break;
            }
            match folder.rsplit_once('/') {
                Some((parent, _)) => folder = parent,
                None => break,
            }
        }
    }
    out
}

/// The site's (or its theme's) own link and image render hooks.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct CustomHooks {
    pub(super) link: bool,
    pub(super) image: bool,
}

pub(super) fn custom_hooks(layout: &HugoLayout, files: &HashSet<String>) -> CustomHooks {
    let mut hooks = CustomHooks::default();
    let layout_dirs: Vec<String> = std::iter::once("layouts/".to_string())
        .chain(layout.themes.iter().map(|t| format!("{t}/layouts/")))
        .collect();
    for file in files {
        if !layout_dirs.iter().any(|d| file.starts_with(d.as_str())) {
            continue;
        }
        let Some((_, name)) = file.rsplit_once("_markup/") else {
            continue;
        };
        hooks.link |= name.starts_with("render-link");
        hooks.image |= name.starts_with("render-image");
    }
    hooks
}
