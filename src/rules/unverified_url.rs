//! `unverified-url`: an external URL that could not be verified (only with `--online`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::links::external::UrlVerdict;
use crate::rule::{Ctx, Rule, RuleMeta, RuleOptions};
use crate::source::Span;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::collections::BTreeMap;

fn unverified(url: &str, span: Span, reason: &str) -> Diagnostic {
    Diagnostic::new(
        META.id,
        span,
        format!(
            "could not verify `{}`: {reason}",
            super::dead_url::shown(url)
        ),
    )
    .with_help(
        "if the page opens in a browser, `accept` its status or `exclude` the site under \
         `rules.dead-url`",
    )
}

/// None of its own: the URL check options are `dead-url`'s. One written here is an error that
/// says where it belongs.
#[derive(Debug, Default)]
pub(crate) struct Options;

impl<'de> Deserialize<'de> for Options {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let written = BTreeMap::<String, serde::de::IgnoredAny>::deserialize(deserializer)?;
        match written.keys().next() {
            Some(name) => Err(serde::de::Error::custom(format!(
                "`{name}` is not an option of `unverified-url`: the URL check options are \
                 shared by `dead-url` and `unverified-url` and are set under `rules.dead-url`"
            ))),
            None => Ok(Options),
        }
    }
}

impl JsonSchema for Options {
    fn schema_name() -> Cow<'static, str> {
        "UnverifiedUrlOptions".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "object", "additionalProperties": false })
    }
}

impl RuleOptions for Options {}

pub(crate) static META: RuleMeta = RuleMeta {
    id: "unverified-url",
    default_severity: Severity::Warning,
    fixable: false,
    summary: "an external URL that could not be verified (only with `--online`)",
    doc: include_str!("../../rules/unverified-url.md"),
};

pub(crate) struct UnverifiedUrl;

impl Rule for UnverifiedUrl {
    type Options = Options;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Reads the verdicts of the run's URL check; offline there are none.
    fn check(&self, ctx: &Ctx<'_>, _: &Options, out: &mut Vec<Diagnostic>) {
        for u in ctx.urls {
            if let UrlVerdict::Unverified { reason } = &u.verdict {
                out.push(unverified(&u.url, u.span, reason));
            }
        }
    }
}
