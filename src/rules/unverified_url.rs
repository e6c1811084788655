//! `unverified-url`: an external URL that could not be verified (only with `--online`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::online::UrlVerdict;
use crate::rule::{Ctx, Rule, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "unverified-url",
    default_severity: Severity::Warning,
    fixable: false,
    summary: "an external URL that could not be verified (only with `--online`)",
    doc: include_str!("../../rules/unverified-url.md"),
};

pub struct UnverifiedUrl;

impl Rule for UnverifiedUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Reads the verdicts the runner put in the site index; offline there are none.
    fn check(&self, ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let Some(verdicts) = &ctx.site.url_verdicts else {
            return;
        };
        for u in crate::online::collect::urls(ctx.doc) {
            if let Some(UrlVerdict::Unverified { reason }) = verdicts.get(&u.url) {
                out.push(
                    Diagnostic::new(
                        META.id,
                        u.span,
                        format!(
                            "could not verify `{}`: {reason}",
                            super::dead_url::shown(&u.url)
                        ),
                    )
                    .with_help(
                        "if the page opens in a browser, `accept` its status or `exclude` the \
                         site under `rules.dead-url`",
                    ),
                );
            }
        }
    }
}
