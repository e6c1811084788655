//! `rules.dead-url` options of `postlint.yml` (shared by `unverified-url`) → [`OnlineOptions`].
//! Checked whenever the config is loaded, online or not: a bad option is a config error (exit 2)
//! even on an offline pre-commit run, not a surprise on the next `--online` one.

use std::collections::BTreeMap;
use std::path::Path;

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

fn apply(o: &RuleOptions, opts: &mut OnlineOptions) -> Result<(), String> {
    let duration = |name: &str, text: &str| {
        parse_duration(text).ok_or_else(|| {
            format!("`{name}: {text}` is not a duration (write it like `500ms`, `10s`, `2m`, `1h`, `7d`)")
        })
    };
    if let Some(text) = &o.timeout {
        let timeout = duration("timeout", text)?;
        if timeout.is_zero() {
            return Err("`timeout` must be longer than 0".into());
        }
        opts.timeout = timeout;
        opts.connect_timeout = opts.connect_timeout.min(timeout);
    }
    if let Some(n) = o.max_redirects {
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
        opts.max_age = duration("max_age", text)?;
    }
    if let Some(n) = o.max_per_host {
        if n == 0 {
            return Err("`max_per_host` must be at least 1".into());
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
    use std::time::Duration;

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
