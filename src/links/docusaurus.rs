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
                let routes = &self.site.routes;
                (!is_post).then(|| {
                    Outcome::Missing(Miss::OtherPlugin {
                        written: written.to_string(),
                        route: self
                            .site
                            .docs()
                            .page_of_file(&found)
                            .map(|page| format!("{}{}", routes.base_prefix, page.url)),
                    })
                })
            }
            _ => None,
        }
    }
}
