//! The URL check of a run, configured from `dead-url`'s options (which `unverified-url` shares):
//! the values `postlint.yml` sets, the cache under the root unless `--no-cache`.

use std::path::Path;

use crate::rules::dead_url;

use super::OnlineOptions;

/// The cache folder under the site root.
pub(crate) const CACHE_DIR: &str = ".postlint-cache";

impl OnlineOptions {
    /// The options of a run's URL check.
    pub(crate) fn for_run(rule: &dead_url::Options, root: &Path, no_cache: bool) -> Self {
        let mut opts = OnlineOptions {
            cache_dir: (!no_cache).then(|| root.join(CACHE_DIR)),
            ..OnlineOptions::default()
        };
        if let Some(timeout) = rule.timeout {
            opts.timeout = timeout.0;
            opts.connect_timeout = opts.connect_timeout.min(timeout.0);
        }
        if let Some(deadline) = rule.deadline {
            opts.deadline = deadline.0;
        }
        opts.budget = rule.budget.map(|b| b.0);
        if let Some(n) = rule.max_redirects {
            opts.max_redirects = n;
        }
        opts.accept = rule.accept.clone();
        opts.exclude = rule.exclude.iter().map(|p| p.0.clone()).collect();
        if let Some(age) = rule.max_age {
            opts.max_age = age.0;
        }
        if let Some(n) = rule.max_concurrency {
            opts.max_concurrency = n;
        }
        if let Some(n) = rule.max_per_host {
            opts.max_per_host = n;
        }
        if let Some(allow) = rule.allow_private {
            opts.allow_private = allow;
        }
        opts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn defaults_and_cache_dir() {
        let o = OnlineOptions::for_run(&dead_url::Options::default(), Path::new("/site"), false);
        assert_eq!(
            o.cache_dir.as_deref(),
            Some(Path::new("/site/.postlint-cache"))
        );
        assert_eq!(o.timeout, Duration::from_secs(20));
        assert!(!o.allow_private);
        let o = OnlineOptions::for_run(&dead_url::Options::default(), Path::new("/site"), true);
        assert!(o.cache_dir.is_none());
    }

    #[test]
    fn a_short_timeout_shortens_the_connect_timeout() {
        let rule = dead_url::Options {
            timeout: Some(crate::config::DurationText(Duration::from_secs(2))),
            allow_private: Some(true),
            max_concurrency: Some(16),
            ..Default::default()
        };
        let o = OnlineOptions::for_run(&rule, Path::new("/site"), false);
        assert_eq!(o.timeout, Duration::from_secs(2));
        assert_eq!(o.connect_timeout, Duration::from_secs(2));
        assert!(o.allow_private);
        assert_eq!(o.max_concurrency, 16);
        assert_eq!(o.max_per_host, super::super::DEFAULT_MAX_PER_HOST);
    }
}
