//! `dead-url`: an external URL that is gone (only with `--online`). Its options are the URL
//! check's, shared with `unverified-url`; the runner reads them to configure the check.

use crate::config::{DurationText, Pattern};
use crate::diagnostic::{Diagnostic, Severity};
use crate::links::external::UrlVerdict;
use crate::rule::{Ctx, Rule, RuleMeta, RuleOptions};
use schemars::JsonSchema;
use serde::Deserialize;
use std::time::Duration;

fn dead(ctx_url: &str, span: crate::source::Span, reason: &str) -> Diagnostic {
    Diagnostic::new(
        META.id,
        span,
        format!("`{}` is dead: {reason}", shown(ctx_url)),
    )
    .with_help(
        "link to the page's current address or an archived copy (https://web.archive.org/); if \
         it is fine in a browser, `exclude` it under `rules.dead-url`",
    )
}

/// `rules.dead-url` in `postlint.yml`: how external URLs are checked, for `dead-url` and
/// `unverified-url` alike.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Options {
    /// Request timeout, e.g. `10s`; at most `10m`.
    pub(crate) timeout: Option<DurationText>,
    /// Most time spent on one URL, retries and redirects included, e.g. `30s`; at most `1h`.
    pub(crate) deadline: Option<DurationText>,
    /// Most time spent on all external URLs of a run, e.g. `5m`; at most `24h`. URLs not
    /// checked by then are reported as unverified.
    pub(crate) budget: Option<DurationText>,
    /// Redirects followed before giving up.
    pub(crate) max_redirects: Option<usize>,
    /// Extra HTTP status codes counted as alive.
    #[serde(default)]
    pub(crate) accept: Vec<u16>,
    /// Regexes of URLs never checked.
    #[serde(default)]
    pub(crate) exclude: Vec<Pattern>,
    /// How long a successful check is cached, e.g. `1d`.
    pub(crate) max_age: Option<DurationText>,
    /// Concurrent requests, all hosts together (lychee's `--max-concurrency`).
    pub(crate) max_concurrency: Option<usize>,
    /// Concurrent requests per host.
    pub(crate) max_per_host: Option<usize>,
    /// Fetch private, loopback and link-local addresses too.
    pub(crate) allow_private: Option<bool>,
}

/// The longest `timeout`: longer than any server takes to start answering.
pub(crate) const MAX_TIMEOUT: Duration = Duration::from_secs(10 * 60);
/// The longest `deadline` for one URL.
pub(crate) const MAX_DEADLINE: Duration = Duration::from_secs(60 * 60);
/// The longest `budget` for a run's URLs.
pub(crate) const MAX_BUDGET: Duration = Duration::from_secs(24 * 60 * 60);
/// The longest `max_age` of a cached result.
pub(crate) const MAX_AGE: Duration = Duration::from_secs(365 * 86_400);
/// The most redirects `max_redirects` may allow.
pub(crate) const MAX_REDIRECTS: usize = 100;
/// The most requests `max_per_host` may allow to one host at once.
pub(crate) const MAX_PER_HOST: usize = 1_000;
/// The most requests `max_concurrency` may allow at once: each is a thread of its own.
pub(crate) const MAX_CONCURRENCY: usize = 1_000;

impl RuleOptions for Options {
    /// Every number is range-checked here, when the config is loaded, so that no arithmetic on
    /// it can overflow later; each message says the largest value allowed.
    fn validate(&self) -> Result<(), String> {
        let durations = [
            ("timeout", self.timeout, MAX_TIMEOUT, "10m", false),
            ("deadline", self.deadline, MAX_DEADLINE, "1h", false),
            ("budget", self.budget, MAX_BUDGET, "24h", false),
            ("max_age", self.max_age, MAX_AGE, "365d", true),
        ];
        for (name, value, max, max_text, zero_ok) in durations {
            let Some(DurationText(d)) = value else {
                continue;
            };
            if d.is_zero() && !zero_ok {
                return Err(format!("`{name}` must be longer than 0"));
            }
            if d > max {
                return Err(format!("`{name}` is too long: write at most `{max_text}`"));
            }
        }
        if let Some(bad) = self.accept.iter().find(|s| !(100..=999).contains(*s)) {
            return Err(format!(
                "`accept: {bad}` is not an HTTP status code (100 to 999)"
            ));
        }
        if let Some(n) = self.max_redirects.filter(|n| *n > MAX_REDIRECTS) {
            return Err(format!(
                "`max_redirects: {n}` is too many: write at most {MAX_REDIRECTS}"
            ));
        }
        let counts = [
            ("max_concurrency", self.max_concurrency, MAX_CONCURRENCY),
            ("max_per_host", self.max_per_host, MAX_PER_HOST),
        ];
        for (name, value, max) in counts {
            match value {
                Some(0) => return Err(format!("`{name}` must be at least 1")),
                Some(n) if n > max => {
                    return Err(format!("`{name}: {n}` is too many: write at most {max}"))
                }
                _ => {}
            }
        }
        Ok(())
    }
}

pub(crate) static META: RuleMeta = RuleMeta {
    id: "dead-url",
    default_severity: Severity::Error,
    fixable: false,
    summary: "an external URL that is gone (only with `--online`)",
    doc: include_str!("../../rules/dead-url.md"),
};

pub(crate) struct DeadUrl;

impl Rule for DeadUrl {
    type Options = Options;

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Reads the verdicts of the run's URL check; offline there are none.
    fn check(&self, ctx: &Ctx<'_>, _: &Options, out: &mut Vec<Diagnostic>) {
        for u in ctx.urls {
            if let UrlVerdict::Dead { reason } = &u.verdict {
                out.push(dead(&u.url, u.span, reason));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::AnyRule;
    use std::time::Duration;

    fn parse(json: serde_json::Value) -> Result<Options, String> {
        let serde_json::Value::Object(map) = json else {
            panic!("an object")
        };
        let parsed = DeadUrl.parse_options(map)?;
        Ok(*parsed.downcast::<Options>().expect("dead-url options"))
    }

    #[test]
    fn options() {
        let o = parse(serde_json::json!({
            "timeout": "2s", "max_redirects": 3, "accept": [999],
            "exclude": ["^https://x\\.example/"], "max_age": "7d", "max_per_host": 2,
            "max_concurrency": 16, "allow_private": true
        }))
        .unwrap();
        assert_eq!(o.timeout.map(|t| t.0), Some(Duration::from_secs(2)));
        assert_eq!((o.max_concurrency, o.max_per_host), (Some(16), Some(2)));
        assert!(o.exclude[0].0.is_match("https://x.example/a"));
        assert_eq!(
            o.max_age.map(|t| t.0),
            Some(Duration::from_secs(7 * 86_400))
        );
        assert_eq!(
            parse(serde_json::json!({"timeout": 10}))
                .unwrap()
                .timeout
                .map(|t| t.0),
            Some(Duration::from_secs(10))
        );
    }

    #[test]
    fn bad_options() {
        for (json, needle) in [
            (serde_json::json!({"timeout": "soon"}), "not a duration"),
            (serde_json::json!({"timeout": "0s"}), "longer than 0"),
            (serde_json::json!({"exclude": ["("]}), "not a valid regex"),
            (serde_json::json!({"max_per_host": 0}), "at least 1"),
            (serde_json::json!({"max_concurrency": 0}), "at least 1"),
            (serde_json::json!({"max_concurrency": 1001}), "at most 1000"),
            (serde_json::json!({"max_per_host": 1001}), "at most 1000"),
            (serde_json::json!({"accept": [42]}), "not an HTTP status"),
            (serde_json::json!({"retries": 3}), "unknown field"),
        ] {
            let e = parse(json.clone()).unwrap_err();
            assert!(e.contains(needle), "{json}: {e}");
        }
    }
}
