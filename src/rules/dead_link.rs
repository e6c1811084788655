//! `dead-link`: a local link whose target file or site route does not exist.

use crate::diagnostic::{Diagnostic, Severity};
use crate::links::{FileHint, Kind, Miss, Outcome, PostHint, Reference, Via};
use crate::rule::{Ctx, NoOptions, Rule, RuleMeta};

fn dead(reference: &Reference, miss: &Miss) -> Diagnostic {
    let (message, help) = match miss {
        Miss::File {
            written,
            looked_for,
            hint,
        } => {
            let (message, fallback) = if reference.via == Via::LinkTag {
                (
                    format!("`{{% link {written} %}}` matches no file"),
                    "give the file's path from the site root".to_string(),
                )
            } else {
                let places: Vec<String> = looked_for.iter().map(|p| format!("`{p}`")).collect();
                (
                    format!("link target `{written}` does not exist"),
                    format!("looked for {}", places.join(" and ")),
                )
            };
            let help = match hint {
                Some(FileHint::Case(path)) => {
                    format!("did you mean `{path}`? (letter case differs)")
                }
                Some(FileHint::Close(path)) => format!("did you mean `{path}`?"),
                None => fallback,
            };
            (message, help)
        }
        Miss::Post { written, url, hint } => {
            let message = if written.trim_end_matches('/') == url.trim_end_matches('/') {
                format!("link `{written}` leads to no post")
            } else {
                format!("link `{written}` (`{url}`) leads to no post")
            };
            let help = match hint {
                PostHint::Moved { file, url } => {
                    format!("`{file}` sets its own URL in its front matter: link to `{url}`")
                }
                PostHint::Close(url) => format!("did you mean `{url}`?"),
                PostHint::None => "no post of the site is published at that URL".to_string(),
            };
            (message, help)
        }
        Miss::PostName { close } => (
            format!("`{{% post_url {} %}}` matches no post", reference.target),
            match close {
                Some(name) => format!("did you mean `{name}`?"),
                None => "name a post by its file name under `_posts/`, without the extension"
                    .to_string(),
            },
        ),
        Miss::Page { path } => (
            format!("`{{{{< ref \"{path}\" >}}}}` matches no page"),
            "give the page's path under `content/`, or relative to this page".to_string(),
        ),
        Miss::OtherPlugin { written, route } => (
            format!(
                "link `{written}` is not resolved: Docusaurus resolves a `.md` link only to a \
                 file of the same plugin, so the page ships with a broken `.md` URL"
            ),
            match route {
                Some(route) => format!("link to the page's URL: `{route}`"),
                None => "link to the page's URL instead of its file".to_string(),
            },
        ),
        Miss::Parenthesised { written } => (
            format!(
                "link `{written}` is wrapped in an extra pair of parentheses: they stay part of \
                 the link, which then leads to a relative path no page has"
            ),
            "remove the extra parentheses".to_string(),
        ),
        Miss::BaseTwice { tag, base } => (
            format!(
                "`{{{{ site.baseurl }}}}` before `{tag}` gives `{base}` twice: the tag prints the \
                 `baseurl` itself (Jekyll 4)"
            ),
            "remove `{{ site.baseurl }}` before the tag".to_string(),
        ),
        Miss::OutsideBase { written, inside } => (
            format!("link `{written}` is outside the site's `baseurl`: nothing of this site is served there"),
            format!("link to `{inside}`, or write `{{{{ \"{written}\" | relative_url }}}}`"),
        ),
        Miss::Route {
            written,
            url,
            close,
        } => {
            let message = if written.trim_end_matches('/') == url.trim_end_matches('/') {
                format!("link `{written}` leads to no page of the site")
            } else {
                format!("link `{written}` (`{url}`) leads to no page of the site")
            };
            let help = match close {
                Some(close) => format!("did you mean `{close}`?"),
                None => "no docs page, blog post or page of `src/pages/` is published at that URL"
                    .to_string(),
            };
            (message, help)
        }
        Miss::Unbundled { written, url } => (
            format!("link `{written}` is not served at `{url}`"),
            "link to a file under `static/` by its site path".to_string(),
        ),
    };
    Diagnostic::new(META.id, reference.span, message).with_help(help)
}

pub(crate) static META: RuleMeta = RuleMeta {
    id: "dead-link",
    default_severity: Severity::Error,
    fixable: false,
    summary: "a local link whose target file or site route does not exist",
    doc: include_str!("../../rules/dead-link.md"),
};

pub(crate) struct DeadLink;

impl Rule for DeadLink {
    type Options = NoOptions;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Ctx<'_>, _: &NoOptions, out: &mut Vec<Diagnostic>) {
        for link in ctx.links() {
            if link.reference.kind != Kind::Link {
                continue;
            }
            if let Outcome::Missing(miss) = &link.outcome {
                out.push(dead(&link.reference, miss));
            }
        }
    }
}
