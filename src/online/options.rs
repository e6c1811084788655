//! `rules.dead-url` options of `postlint.yml` (shared by `unverified-url`) → [`OnlineOptions`].
//! Checked whenever the config is loaded, online or not: a bad option is a config error (exit 2)
//! even on an offline pre-commit run, not a surprise on the next `--online` one.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use crate::config::{parse_duration, RuleOptions, RuleSetting};

use super::OnlineOptions;

/// The cache folder under the site root.
pub const CACHE_DIR: &str = ".postlint-cache";

/// A bad option, and the rule id under `rules:` it was written for.
#[derive(Debug)]
pub struct OptionsError {
    pub rule: &'static str,
    pub message: String,
}

/// The URL check options of a run: config `rules.dead-url`, the cache under `root` unless
/// `no_cache`. Options written under `unverified-url` are an error (they are shared, and live
/// under `dead-url`); only its severity is its own.
pub fn resolve(
    rules: Option<&BTreeMap<String, serde_saphyr::Spanned<RuleSetting>>>,
    root: &Path,
    no_cache: bool,
) -> Result<OnlineOptions, OptionsError> {
    let setting = |id: &str| {
        rules
            .and_then(|r| r.get(id))
            .and_then(|s| s.value.options())
    };
    if let Some(o) = setting("unverified-url") {
        if let Some(name) = url_option_names(o).first() {
            return Err(OptionsError {
                rule: "unverified-url",
                message: format!(
                    "`{name}` is not an option of `unverified-url`: the URL check options are \
                     shared by `dead-url` and `unverified-url` and are set under `rules.dead-url`"
                ),
            });
        }
    }
    let mut opts = OnlineOptions {
        cache_dir: (!no_cache).then(|| root.join(CACHE_DIR)),
        ..OnlineOptions::default()
    };
    if let Some(o) = setting("dead-url") {
        apply(o, &mut opts).map_err(|message| OptionsError {
            rule: "dead-url",
            message: format!("rules.dead-url: {message}"),
        })?;
    }
    Ok(opts)
}

/// The longest `timeout`: longer than any server takes to start answering.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(10 * 60);
/// The longest `deadline` for one URL.
pub const MAX_DEADLINE: Duration = Duration::from_secs(60 * 60);
/// The longest `budget` for a run's URLs.
pub const MAX_BUDGET: Duration = Duration::from_secs(24 * 60 * 60);
/// The longest `max_age` of a cached result.
pub const MAX_AGE: Duration = Duration::from_secs(365 * 86_400);
/// The most redirects `max_redirects` may allow.
pub const MAX_REDIRECTS: usize = 100;
/// The most requests `max_per_host` may allow to one host at once.
pub const MAX_PER_HOST: usize = 1_000;

fn apply(o: &RuleOptions, opts: &mut OnlineOptions) -> Result<(), String> {
    // Every duration is range-checked here, so that no arithmetic on it can overflow later.
    let duration = |name: &str, text: &str, max: Duration, max_text: &str| {
        let d = parse_duration(text).ok_or_else(|| {
            format!("`{name}: {text}` is not a duration (write it like `500ms`, `10s`, `2m`, `1h`, `7d`)")
        })?;
        if d > max {
            return Err(format!(
                "`{name}: {text}` is too long: write at most `{max_text}`"
            ));
        }
        Ok(d)
    };
    let positive = |name: &str, d: Duration| {
        if d.is_zero() {
            Err(format!("`{name}` must be longer than 0"))
        } else {
            Ok(d)
        }
    };
    if let Some(text) = &o.timeout {
        let timeout = positive("timeout", duration("timeout", text, MAX_TIMEOUT, "10m")?)?;
        opts.timeout = timeout;
        opts.connect_timeout = opts.connect_timeout.min(timeout);
    }
    if let Some(text) = &o.deadline {
        opts.deadline = positive("deadline", duration("deadline", text, MAX_DEADLINE, "1h")?)?;
    }
    if let Some(text) = &o.budget {
        opts.budget = Some(positive(
            "budget",
            duration("budget", text, MAX_BUDGET, "24h")?,
        )?);
    }
    if let Some(n) = o.max_redirects {
        if n > MAX_REDIRECTS {
            return Err(format!(
                "`max_redirects: {n}` is too many: write at most {MAX_REDIRECTS}"
            ));
        }
        opts.max_redirects = n;
    }
    if let Some(bad) = o.accept.iter().find(|s| !(100..=999).contains(*s)) {
        return Err(format!(
            "`accept: {bad}` is not an HTTP status code (100 to 999)"
        ));
    }
    opts.accept = o.accept.clone();
    opts.exclude = o
        .exclude
        .iter()
        .map(|re| {
            regex::Regex::new(re)
                .map_err(|e| format!("`exclude` pattern `{re}` is not a valid regex: {e}"))
        })
        .collect::<Result<_, _>>()?;
    if let Some(text) = &o.max_age {
        opts.max_age = duration("max_age", text, MAX_AGE, "365d")?;
    }
    if let Some(n) = o.max_per_host {
        if n == 0 {
            return Err("`max_per_host` must be at least 1".into());
        }
        if n > MAX_PER_HOST {
            return Err(format!(
                "`max_per_host: {n}` is too many: write at most {MAX_PER_HOST}"
            ));
        }
        opts.max_per_host = n;
    }
    if let Some(allow) = o.allow_private {
        opts.allow_private = allow;
    }
    Ok(())
}

/// The URL check options written in `o` (everything but `severity`).
fn url_option_names(o: &RuleOptions) -> Vec<&'static str> {
    let mut names = Vec::new();
    if o.timeout.is_some() {
        names.push("timeout");
    }
    if o.deadline.is_some() {
        names.push("deadline");
    }
    if o.budget.is_some() {
        names.push("budget");
    }
    if o.max_redirects.is_some() {
        names.push("max_redirects");
    }
    if !o.accept.is_empty() {
        names.push("accept");
    }
    if !o.exclude.is_empty() {
        names.push("exclude");
    }
    if o.max_age.is_some() {
        names.push("max_age");
    }
    if o.max_per_host.is_some() {
        names.push("max_per_host");
    }
    if o.allow_private.is_some() {
        names.push("allow_private");
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(yaml: &str) -> BTreeMap<String, serde_saphyr::Spanned<RuleSetting>> {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn defaults_and_cache_dir() {
        let o = resolve(None, Path::new("/site"), false).unwrap();
        assert_eq!(
            o.cache_dir.as_deref(),
            Some(Path::new("/site/.postlint-cache"))
        );
        assert_eq!(o.timeout, Duration::from_secs(20));
        assert!(!o.allow_private);
        assert!(resolve(None, Path::new("/site"), true)
            .unwrap()
            .cache_dir
            .is_none());
    }

    #[test]
    fn the_longest_durations_are_accepted() {
        let r = rules("dead-url: { timeout: 10m, deadline: 1h, budget: 24h, max_age: 365d }");
        let o = resolve(Some(&r), Path::new("/site"), false).unwrap();
        assert_eq!(o.timeout, MAX_TIMEOUT);
        assert_eq!(o.deadline, MAX_DEADLINE);
        assert_eq!(o.budget, Some(MAX_BUDGET));
        assert_eq!(o.max_age, MAX_AGE);
    }

    #[test]
    fn dead_url_options() {
        let r = rules(
            "dead-url: { severity: warning, timeout: 2s, max_redirects: 3, accept: [999], \
             exclude: ['^https://x\\.example/'], max_age: 7d, max_per_host: 2, allow_private: true }",
        );
        let o = resolve(Some(&r), Path::new("/site"), false).unwrap();
        assert_eq!(o.timeout, Duration::from_secs(2));
        assert_eq!(o.connect_timeout, Duration::from_secs(2));
        assert_eq!(o.max_redirects, 3);
        assert_eq!(o.accept, [999]);
        assert!(o.exclude[0].is_match("https://x.example/a"));
        assert_eq!(o.max_age, Duration::from_secs(7 * 86_400));
        assert_eq!(o.max_per_host, 2);
        assert!(o.allow_private);
    }

    #[test]
    fn bad_options() {
        for (yaml, rule, needle) in [
            ("dead-url: { timeout: soon }", "dead-url", "not a duration"),
            ("dead-url: { timeout: 0s }", "dead-url", "longer than 0"),
            (
                "dead-url: { timeout: 18446744073709551615s }",
                "dead-url",
                "too long: write at most `10m`",
            ),
            (
                "dead-url: { timeout: 99999999999999999999999d }",
                "dead-url",
                "too long",
            ),
            ("dead-url: { max_age: 400d }", "dead-url", "at most `365d`"),
            ("dead-url: { deadline: 2h }", "dead-url", "at most `1h`"),
            ("dead-url: { budget: 0ms }", "dead-url", "longer than 0"),
            (
                "dead-url: { max_redirects: 101 }",
                "dead-url",
                "at most 100",
            ),
            (
                "dead-url: { max_per_host: 18446744073709551615 }",
                "dead-url",
                "at most 1000",
            ),
            (
                "dead-url: { exclude: ['('] }",
                "dead-url",
                "not a valid regex",
            ),
            ("dead-url: { max_per_host: 0 }", "dead-url", "at least 1"),
            (
                "dead-url: { accept: [42] }",
                "dead-url",
                "not an HTTP status",
            ),
            (
                "unverified-url: { timeout: 1s }",
                "unverified-url",
                "rules.dead-url",
            ),
        ] {
            let e = resolve(Some(&rules(yaml)), Path::new("/"), false).unwrap_err();
            assert_eq!(e.rule, rule, "{yaml}");
            assert!(e.message.contains(needle), "{yaml}: {}", e.message);
        }
        let r = rules("unverified-url: { severity: off }");
        assert!(resolve(Some(&r), Path::new("/"), false).is_ok());
    }
}
