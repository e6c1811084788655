//! The ceilings on what one post or site file may cost, so that no input, however hostile,
//! makes a run take unbounded time or memory. Each is far above what any real post reaches,
//! and going over one is reported (never silently skipped). Documented in the README.

/// Largest file postlint reads (a post, a site config, a registry, the URL cache): 16 MiB.
/// The longest real posts are well under 1 MiB.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Most Markdown parser events (elements, text runs, tags) one post may produce: 2 million. A
/// 1 MiB post has about 60 thousand.
pub(crate) const MAX_MARKDOWN_EVENTS: usize = 2_000_000;

/// Most `<!-- postlint-disable… -->` comments one post may hold: 1,000. Real posts have a few.
pub(crate) const MAX_DIRECTIVES: usize = 1_000;

/// Deepest nesting of lists and mappings in YAML (front matter and the site's YAML files),
/// aliases counted at the depth they expand to. Real front matter nests 2 or 3 levels.
pub(crate) const MAX_YAML_DEPTH: usize = 64;

/// Most values (scalars, lists, mappings, aliases) in one YAML document.
pub(crate) const MAX_YAML_NODES: usize = 1_000_000;

/// Most "did you mean" candidates compared while checking one post; past it, findings keep
/// their generic help. A post with 200 misspelt links into a folder of 2,000 files uses 400
/// thousand.
pub(crate) const MAX_SUGGESTION_COMPARISONS: usize = 1_000_000;
