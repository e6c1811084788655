//! Links that template tags make: Jekyll `{% post_url %}` and `{% link %}`, Hugo `ref` /
//! `relref`.

use super::resolve::Resolver;
use super::{decode, join, Miss, Outcome};

impl Resolver<'_> {
    pub(super) fn post_url(&self, name: &str, fragment: Option<String>) -> Outcome {
        if name.contains("{{") || name.is_empty() {
            return Outcome::Skip;
        }
        if let Some(doc) = self.site.routes.post_named(name) {
            return Outcome::Found {
                doc: Some(doc),
                fragment,
            };
        }
        let close = self
            .site
            .routes
            .suggest_post_name(name.trim_start_matches('/'))
            .map(str::to_string);
        Outcome::Missing(Miss::PostName { close })
    }

    pub(super) fn link_tag(&self, path: &str, fragment: Option<String>) -> Outcome {
        if path.contains("{{") || path.is_empty() {
            return Outcome::Skip;
        }
        let Some(site_path) = join("", path) else {
            return Outcome::OutsideRoot;
        };
        match self.site.find_file(&site_path) {
            Some(found) => Outcome::Found {
                doc: self.document_at(&found),
                fragment,
            },
            None => Outcome::Missing(Miss::File {
                written: path.to_string(),
                hint: self.file_hint(&site_path, path),
                looked_for: vec![site_path],
            }),
        }
    }

    pub(super) fn hugo_ref(&self, arg: &str, fragment: Option<String>) -> Outcome {
        if arg.contains("{{") {
            return Outcome::Skip;
        }
        let (path, inner_fragment) = match arg.split_once('#') {
            Some((p, f)) => (p, Some(decode(f))),
            None => (arg, None),
        };
        let fragment = fragment.or(inner_fragment);
        if path.is_empty() {
            return match fragment {
                Some(fragment) if !fragment.is_empty() => Outcome::SameDoc { fragment },
                _ => Outcome::Skip,
            };
        }
        let routes = &self.site.routes;
        let content = routes.content_dir.as_deref().unwrap_or("content");
        let folder = self.folder.as_deref().unwrap_or_default();
        let from_page = folder
            .strip_prefix(content)
            .map(|f| f.trim_start_matches('/'))
            .and_then(|f| join(f, path));
        let found = if path.starts_with('/') {
            routes.content_page(path)
        } else {
            from_page
                .and_then(|p| routes.content_page(&p))
                .or_else(|| routes.content_page(path))
                .or_else(|| match routes.content_pages_named(path).as_slice() {
                    [only] => Some(*only),
                    _ => None,
                })
        };
        match found {
            Some(doc) => Outcome::Found {
                doc: Some(doc),
                fragment,
            },
            None => Outcome::Missing(Miss::Page {
                path: path.to_string(),
            }),
        }
    }
}
