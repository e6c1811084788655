//! What Docusaurus resolves its own way: a string `<img src>` is not bundled (the browser asks
//! for it next to the page URL), and a `.md` link resolves only to a file of the same plugin
//! (from a blog post, to another post).

use super::resolve::Resolver;
use super::{join, Kind, Miss, Outcome, Via};

impl Resolver<'_> {
    /// The outcome of a relative reference (`path` decoded, `written` as in the post) when
    /// Docusaurus reads it otherwise than a browser or a file system would; `None` when the
    /// general rules apply.
    pub(super) fn docusaurus_relative(
        &self,
        folder: &str,
        path: &str,
        written: &str,
        kind: Kind,
        via: Via,
    ) -> Option<Outcome> {
        let joined = join(folder, path)?;
        let exists = self.site.find_file(&joined);
        match (kind, via) {
            (Kind::Image, Via::Html) => {
                // Served only if a static folder has it at the URL the browser asks for.
                let url = self.url_relative(path)?;
                let served = self.site.routes.static_roots.iter().any(|root| {
                    join(root, url.trim_start_matches('/'))
                        .is_some_and(|p| self.site.find_file(&p).is_some())
                });
                (!served && exists.is_some()).then(|| {
                    Outcome::Missing(Miss::Unbundled {
                        written: written.to_string(),
                        url,
                    })
                })
            }
            (Kind::Link, Via::Markdown) if super::resolve::is_markdown(path) => {
                let found = exists?;
                let is_post = self
                    .document_at(&found)
                    .and_then(|doc| self.site.routes.urls.get(doc))
                    .is_some_and(Option::is_some);
                (!is_post).then(|| {
                    Outcome::Missing(Miss::OtherPlugin {
                        written: written.to_string(),
                        route: docs_route(&found),
                    })
                })
            }
            _ => None,
        }
    }
}

/// The route the docs plugin gives a file under `docs/` by default: the path without its
/// extension and number prefixes (`01-intro`), an `index` or `README` standing for its folder.
fn docs_route(site_path: &str) -> Option<String> {
    let rest = site_path.strip_prefix("docs/")?;
    let stem = rest
        .rsplit_once('.')
        .map_or(rest, |(stem, _)| stem)
        .to_string();
    let mut parts: Vec<&str> = stem.split('/').map(strip_number_prefix).collect();
    if parts.last().is_some_and(|last| {
        last.eq_ignore_ascii_case("index") || last.eq_ignore_ascii_case("readme")
    }) {
        parts.pop();
    }
    Some(format!("/docs/{}", parts.join("/")))
}

fn strip_number_prefix(segment: &str) -> &str {
    let digits = segment.bytes().take_while(u8::is_ascii_digit).count();
    match segment.as_bytes().get(digits) {
        Some(b'-' | b'_' | b'.' | b' ') if digits > 0 && digits + 1 < segment.len() => {
            &segment[digits + 1..]
        }
        _ => segment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_routes() {
        assert_eq!(docs_route("docs/intro.md").as_deref(), Some("/docs/intro"));
        assert_eq!(
            docs_route("docs/01-guides/02-setup.mdx").as_deref(),
            Some("/docs/guides/setup")
        );
        assert_eq!(
            docs_route("docs/api/index.md").as_deref(),
            Some("/docs/api")
        );
        assert_eq!(docs_route("blog/x.md"), None);
    }
}
