//! `dead-url`: an external URL that is gone (only with `--online`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::online::UrlVerdict;
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "dead-url",
    default_severity: Severity::Error,
    fixable: false,
    summary: "an external URL that is gone (only with `--online`)",
    doc: include_str!("../../rules/dead-url.md"),
};

pub struct DeadUrl;

impl Rule for DeadUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Reads the verdicts the runner put in the site index; offline there are none.
    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let Some(verdicts) = &ctx.site.url_verdicts else {
            return;
        };
        for u in crate::online::collect::urls(ctx.doc) {
            if let Some(UrlVerdict::Dead { reason }) = verdicts.get(&u.url) {
                out.push(
                    Diagnostic::new(
                        META.id,
                        u.span,
                        format!("`{}` is dead: {reason}", shown(&u.url)),
                    )
                    .with_help(
                        "link to the page's current address or an archived copy \
                         (https://web.archive.org/); if it is fine in a browser, `exclude` it \
                         under `rules.dead-url`",
                    ),
                );
            }
        }
    }
}

/// The URL for a message: user name and password left out, at most 200 characters.
pub(crate) fn shown(raw: &str) -> String {
    let url = match url::Url::parse(raw.trim()) {
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.to_string()
        }
        _ => raw.trim().to_string(),
    };
    if url.chars().count() > 200 {
        let cut: String = url.chars().take(199).collect();
        format!("{cut}…")
    } else {
        url
    }
}
