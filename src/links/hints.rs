//! What a missed reference may have meant: the same path in another letter case, a file of a
//! close name, a post that moved or whose URL is spelt nearly the same.

use super::resolve::Resolver;
use super::{FileHint, Miss, Outcome, PostHint};
use crate::site::routes::{DocsLookup, RouteLookup};

impl Resolver<'_> {
    /// A link to `url`, shaped like a post's URL, that no post has.
    pub(super) fn no_post(&self, written: &str, url: &str) -> Outcome {
        let routes = &self.site.routes;
        let unprefixed = routes.without_base(url).swap_remove(0);
        // Suggest in the form the author used: with the base prefix when the link had it.
        let prefix = if unprefixed == url {
            ""
        } else {
            routes.base_prefix.as_str()
        };
        let moved = routes.moved_from(url).and_then(|doc| {
            let new_url = routes.urls.get(doc)?.as_ref()?;
            let file = &self.site.posts.get(doc)?.display_path;
            Some(PostHint::Moved {
                file: file.clone(),
                url: format!("{prefix}{}", new_url.url),
            })
        });
        let hint = moved
            .or_else(|| {
                routes
                    .suggest(&unprefixed)
                    .map(|k| PostHint::Close(format!("{prefix}{k}")))
            })
            .unwrap_or(PostHint::None);
        Outcome::Missing(Miss::Post {
            written: written.to_string(),
            url: url.to_string(),
            hint,
        })
    }

    /// A Docusaurus page link that leads nowhere (see [`Miss::Route`]).
    pub(super) fn no_page(&self, written: &str, url: &str) -> Outcome {
        let routes = &self.site.routes;
        let unprefixed = routes.without_base(url).swap_remove(0);
        let prefix = if unprefixed == url {
            ""
        } else {
            routes.base_prefix.as_str()
        };
        let docs = self.site.docs();
        let close = docs
            .suggest(&unprefixed)
            .map(str::to_string)
            .or_else(|| {
                // The same path under another part of the site: a blog moved to `/news`.
                let rest = unprefixed.trim_start_matches('/').split_once('/')?.1;
                docs.roots().iter().find_map(|root| {
                    let moved = format!("/{root}/{rest}");
                    let found = matches!(routes.lookup(&moved), RouteLookup::Post(_))
                        || matches!(docs.lookup(&moved), DocsLookup::Page(_));
                    found.then_some(moved)
                })
            })
            .map(|url| format!("{prefix}{url}"));
        Outcome::Missing(Miss::Route {
            written: written.to_string(),
            url: url.to_string(),
            close,
        })
    }

    /// "Letter case differs", else a file of a close name in the same folder.
    pub(super) fn file_hint(&self, site_path: &str, written: &str) -> Option<FileHint> {
        if let Some(hint) = self.case_hint(site_path, written) {
            return Some(hint);
        }
        let (folder, name) = site_path.rsplit_once('/').unwrap_or(("", site_path));
        let prefix = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        let close = self.site.closest_in_folder(folder, name)?;
        Some(FileHint::Close(respell(
            written,
            &format!("{prefix}{close}"),
        )))
    }

    pub(super) fn case_hint(&self, site_path: &str, written: &str) -> Option<FileHint> {
        let variant = self
            .site
            .case_variants(site_path)
            .iter()
            .find(|v| v.as_str() != site_path)?;
        Some(FileHint::Case(respell(written, variant)))
    }
}

/// The written path with its last segments replaced by those of `site_path`, so a
/// suggestion reads like what the author wrote (`../static/img/A.PNG`).
pub(super) fn respell(written: &str, site_path: &str) -> String {
    let path_part = written.split(['?', '#']).next().unwrap_or(written);
    let mut written_parts: Vec<&str> = path_part.split('/').collect();
    let tail = written_parts
        .iter()
        .rev()
        .take_while(|s| !matches!(**s, "" | "." | ".."))
        .count();
    let new_parts: Vec<&str> = site_path.split('/').collect();
    let take = tail.min(new_parts.len());
    let keep = written_parts.len() - take;
    written_parts.truncate(keep);
    let mut out: Vec<String> = written_parts.iter().map(|s| s.to_string()).collect();
    let encoded = path_part.contains('%');
    for part in &new_parts[new_parts.len() - take..] {
        out.push(if encoded {
            part.replace(' ', "%20")
        } else {
            part.to_string()
        });
    }
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respelt_suggestions() {
        assert_eq!(
            respell("../static/img/a.png", "static/img/a.PNG"),
            "../static/img/a.PNG"
        );
        assert_eq!(
            respell("/img/My%20Pic.png", "static/img/my pic.png"),
            "/img/my%20pic.png"
        );
        assert_eq!(respell("./x.md#frag", "blog/y.md"), "./y.md");
    }
}
