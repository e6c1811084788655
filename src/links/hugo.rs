//! How a Hugo site resolves a post's links and images. A render hook goes first: the site's own
//! `render-link.html` resolves a `.md` destination to the page it names (`GetPage`), Hugo's
//! embedded one (on by default on a multilingual site) any path, then the page's resources,
//! then the global ones (`assets/`); an image hook (or the `figure` shortcode) finds page and
//! global resources. What no hook resolved is a URL, read against the page's own URL as a
//! browser reads it (`content/x/foo.md` is served at `/x/foo/`, so `img/a.png` there is
//! `/x/foo/img/a.png`), and looked up among the pages and files Hugo publishes. A URL that
//! matches nothing is dead where postlint knows every URL (a section it placed every page of,
//! or a site whose sources are all here), and unknown elsewhere.

use super::resolve::Resolver;
use super::{join, FileHint, Kind, Miss, Outcome, PostHint, Via};
use crate::site::routes::{route_key, Hook, HugoRoutes, Place, RouteLookup, Target};

impl Resolver<'_> {
    /// The outcome of a reference in a Hugo post: `path` decoded, without query or fragment;
    /// `written` the path as the post writes it.
    pub(super) fn hugo(
        &self,
        hugo: &HugoRoutes,
        path: &str,
        written: &str,
        kind: Kind,
        via: Via,
        fragment: Option<String>,
    ) -> Outcome {
        let place = self.doc.and_then(|d| hugo.place(d));
        if let Some(place) = place {
            if let Some(outcome) = self.hooked(hugo, place, path, kind, via, fragment.clone()) {
                return outcome;
            }
        }
        let url = if path.starts_with('/') {
            match join("", path) {
                Some(p) => format!("/{p}{}", if path.ends_with('/') { "/" } else { "" }),
                None => return Outcome::OutsideRoot,
            }
        } else {
            match self.url_relative(path) {
                Some(url) => url,
                // A page whose URL postlint cannot know: nothing relative to it is known.
                None => return Outcome::Skip,
            }
        };
        let outcome = self.hugo_url(hugo, place, &url, written, kind, fragment.clone());
        if via == Via::FrontMatter && matches!(outcome, Outcome::Missing(_)) {
            // Themes read front matter images as page resources or site paths.
            let relative = self.folder.as_deref().and_then(|f| join(f, path));
            let found = relative.is_some_and(|p| self.site.find_file(&p).is_some())
                || self.asset(hugo, path)
                || hugo
                    .file(&format!("/{}", path.trim_start_matches('/')))
                    .is_some();
            if found {
                return Outcome::Found {
                    doc: None,
                    fragment,
                };
            }
        }
        outcome
    }

    /// What a render hook makes of the destination, when it resolves it.
    fn hooked(
        &self,
        hugo: &HugoRoutes,
        place: &Place,
        path: &str,
        kind: Kind,
        via: Via,
        fragment: Option<String>,
    ) -> Option<Outcome> {
        let found = |doc| Outcome::Found {
            doc,
            fragment: fragment.clone(),
        };
        let path = path.strip_prefix("./").unwrap_or(path);
        match kind {
            Kind::Link => match hugo.link_hook {
                Hook::Custom if path.ends_with(".md") => hugo
                    .get_page(place, path)
                    .map(|t| self.target(t, fragment.clone())),
                Hook::Embedded => {
                    if let Some(target) = hugo.get_page(place, path) {
                        return Some(self.target(target, fragment));
                    }
                    (self.page_resource(place, path) || self.asset(hugo, path)).then(|| found(None))
                }
                _ => None,
            },
            Kind::Image if hugo.image_hook != Hook::None || via == Via::Figure => {
                (self.page_resource(place, path) || self.asset(hugo, path)).then(|| found(None))
            }
            Kind::Image => None,
        }
    }

    fn target(&self, target: &Target, fragment: Option<String>) -> Outcome {
        Outcome::Found {
            doc: match target {
                Target::Doc(doc) => Some(*doc),
                Target::Auto(_) => None,
            },
            fragment,
        }
    }

    /// A file of the page's bundle (`.Resources.Get`).
    fn page_resource(&self, place: &Place, path: &str) -> bool {
        let Some(bundle) = &place.bundle else {
            return false;
        };
        !path.starts_with('/')
            && !super::resolve::is_markdown(path)
            && join(bundle, path).is_some_and(|p| self.site.find_file(&p).is_some())
    }

    /// A global resource (`resources.Get`): a file of the assets folders.
    fn asset(&self, hugo: &HugoRoutes, path: &str) -> bool {
        let rel = path.trim_start_matches('/');
        hugo.assets.iter().any(|root| {
            let inside = if root.prefix.is_empty() {
                Some(rel)
            } else {
                rel.strip_prefix(root.prefix.as_str())
                    .and_then(|r| r.strip_prefix('/'))
            };
            inside
                .and_then(|r| join(&root.source, r))
                .is_some_and(|p| self.site.find_file(&p).is_some())
        })
    }

    /// A site-absolute URL path (decoded, `.` and `..` resolved), looked up among the pages and
    /// files Hugo publishes.
    fn hugo_url(
        &self,
        hugo: &HugoRoutes,
        place: Option<&Place>,
        url: &str,
        written: &str,
        kind: Kind,
        fragment: Option<String>,
    ) -> Outcome {
        let routes = &self.site.routes;
        let candidates = routes.without_base(url);
        for candidate in &candidates {
            let last = candidate.rsplit('/').next().unwrap_or_default();
            // With pretty URLs, `x.html` is not the page `x/`.
            let page_like = hugo.ugly_urls() || !last.ends_with(".html") || last == "index.html";
            if page_like && kind == Kind::Link {
                if let RouteLookup::Post(doc) = routes.lookup(candidate) {
                    return Outcome::Found {
                        doc: Some(doc),
                        fragment,
                    };
                }
                if hugo.is_auto_page(&route_key(candidate, false)) {
                    return Outcome::Found {
                        doc: None,
                        fragment,
                    };
                }
            }
            if let Some(file) = hugo.file(candidate) {
                return Outcome::Found {
                    doc: self.document_at(file),
                    fragment,
                };
            }
        }
        let url = candidates.first().map_or(url, String::as_str);
        if hugo.is_unknown(url) || !hugo.is_known(url) {
            return Outcome::Skip;
        }
        let last = url.rsplit('/').next().unwrap_or_default();
        let file_like = kind == Kind::Image || (last.contains('.') && !url.ends_with('/'));
        if file_like {
            return Outcome::Missing(Miss::File {
                written: written.to_string(),
                looked_for: vec![url.to_string()],
                hint: self.hugo_file_hint(hugo, url, written),
            });
        }
        Outcome::Missing(Miss::Post {
            written: written.to_string(),
            url: url.to_string(),
            hint: self.hugo_page_hint(hugo, place, url),
        })
    }

    /// The same URL in another letter case, or the file next to the post's source that a
    /// relative path was meant for (the page is served one folder deeper than its file).
    fn hugo_file_hint(&self, hugo: &HugoRoutes, url: &str, written: &str) -> Option<FileHint> {
        if let Some(variant) = hugo.file_in_other_case(url) {
            return Some(FileHint::Case(super::hints::respell(written, variant)));
        }
        if written.starts_with('/') {
            return None;
        }
        let folder = self.folder.as_deref()?;
        let beside = join(folder, &super::decode(written))?;
        let published = hugo.url_of_file(&beside)?;
        let page = self.url?;
        Some(FileHint::Close(relative_url(page, published)))
    }

    /// A page for a URL no page has: the one Hugo publishes at the URL as Hugo writes it
    /// (lower case, sanitised), the one whose `url`, `slug` or permalink moved it away, the
    /// same page in another language, else a close sibling.
    fn hugo_page_hint(&self, hugo: &HugoRoutes, place: Option<&Place>, url: &str) -> PostHint {
        let routes = &self.site.routes;
        let written_as_hugo = hugo.as_hugo_writes(url);
        let url_of = |doc: usize| routes.urls.get(doc)?.as_ref().map(|u| u.url.clone());
        for candidate in [url, written_as_hugo.as_str()] {
            if let Some(doc) = routes.moved_from(candidate) {
                if let (Some(new_url), Some(d)) = (url_of(doc), self.site.posts.get(doc)) {
                    return PostHint::Moved {
                        file: d.display_path.clone(),
                        url: new_url,
                    };
                }
            }
        }
        if written_as_hugo != url {
            if let RouteLookup::Post(doc) = routes.lookup(&written_as_hugo) {
                if let Some(found) = url_of(doc) {
                    return PostHint::Close(found);
                }
            }
            if hugo.is_auto_page(&route_key(&written_as_hugo, false)) {
                return PostHint::Close(written_as_hugo);
            }
        }
        if let Some(other) = place.and_then(|p| hugo.in_other_language(p, url)) {
            let found = match other {
                Target::Doc(doc) => url_of(*doc),
                Target::Auto(url) => Some(url.clone()),
            };
            if let Some(found) = found {
                return PostHint::Close(found);
            }
        }
        match routes.suggest(url) {
            Some(close) => PostHint::Close(close.to_string()),
            None => PostHint::None,
        }
    }
}

/// A relative URL from the page at `from` (a `/`-ended URL path) to `to`.
fn relative_url(from: &str, to: &str) -> String {
    let base: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let target: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; base.len() - common];
    parts.extend(&target[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(
            relative_url("/posts/regular-page/", "/posts/diagram.png"),
            "../diagram.png"
        );
        assert_eq!(relative_url("/a/b/", "/a/b/c.png"), "c.png");
        assert_eq!(relative_url("/", "/img/x.png"), "img/x.png");
    }
}
