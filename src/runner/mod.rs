//! One run: walk → scan every post's front matter (parallel) → site index → external URLs
//! (online only) → each post to report on read, parsed and checked (parallel; its links
//! resolved once), its text dropped once its findings are made → fragments into other posts
//! checked → sorted report. The runner knows no output formats.
//!
//! Memory holds the index (routes, paths, anchors) and the findings, never every post's text:
//! a report keeps only the lines around its findings ([`Excerpt`]).

mod affected;
mod directives;
mod fixes;
mod found;
mod git;
mod inspect;
mod read;
mod report;
mod session;
mod skipped;
mod urls;
mod walk;

pub(crate) use inspect::inspect;
pub use inspect::{BrFact, HeadingFact, PostFacts};
pub use report::{FileReport, FixedFile, Report};
pub(crate) use session::{Run, Session};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::error::RunError;
use crate::fix;
use crate::links::external::CheckedUrl;
use crate::paths::display;
use crate::rule::{Ctx, DeferredAnchor};
use crate::rules::{dead_anchor, unreadable_file, RULES};
use crate::settings::{CheckOptions, FixMode, Settings};
use crate::site::{PostSource, SiteIndex, SiteInputs};
use crate::site_config::SiteConfig;
use crate::source::{Excerpt, Span};
use affected::Affected;
use rayon::prelude::*;
use read::{read_post, Depth, Unreadable};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;
use urls::UrlResults;

/// The site read and indexed, and which of its posts the run reports on.
struct Loaded {
    site: SiteIndex,
    /// The posts to report on (files named, posts under folders named, stdin), by index in
    /// the site, in the site's order.
    targets: Vec<usize>,
    /// Target files that could not be read as text.
    unreadable: Vec<Unreadable>,
    /// What the walk could not read under the folders named (see [`walk::Walked::problems`]),
    /// and special files where posts are expected: each phrased to follow its path.
    not_walked: Vec<(PathBuf, String)>,
    /// Why no ignore file was honoured, if so.
    ignore_files_off: Option<String>,
    /// Warnings and notes about what was (not) found to lint.
    notes: Vec<String>,
    info: Vec<String>,
}

/// Resolves the settings of `options` and checks `paths`: the library's `check`.
pub(crate) fn check_paths(
    paths: &[PathBuf],
    options: &CheckOptions,
    cwd: &Path,
) -> Result<Report, RunError> {
    let settings = Settings::resolve(paths, options, cwd)?;
    let mut paths = settings.retarget(paths, cwd);
    let changes = match options.affected {
        true => Some(Affected::changes(&settings)?),
        false => None,
    };
    if let (Some(changes), true) = (&changes, paths.is_empty()) {
        // Nothing named: the posts that changed are the ones to lint.
        paths = Affected::changed_posts(changes, &settings);
        let anything = !paths.is_empty()
            || !changes.deleted.is_empty()
            || changes.modified.iter().any(|p| settings.is_post(p));
        if !anything {
            return Ok(Report::nothing(format!(
                "no post changed since `{}`, and no file is gone",
                git::base()
            )));
        }
    }
    run(&settings, &paths, options, cwd, changes)
}

/// The settings `check_paths` would run with, and the posts it would lint (display paths,
/// sorted): `--show-settings` and `--show-files`.
pub(crate) fn plan(
    paths: &[PathBuf],
    options: &CheckOptions,
    cwd: &Path,
) -> Result<(Settings, Vec<String>), RunError> {
    let settings = Settings::resolve(paths, options, cwd)?;
    let paths = settings.retarget(paths, cwd);
    let site_files = walk::files_under(&settings.root).files;
    let targets = walk::targets(
        &paths,
        options.stdin_filename.as_deref(),
        cwd,
        &settings,
        &site_files,
        true,
    )?;
    let mut files: Vec<String> = targets
        .files
        .iter()
        .chain(&targets.stdin)
        .map(|p| display(p, cwd))
        .collect();
    files.sort();
    Ok((settings, files))
}

/// Checks `paths` under `settings`; fixes are applied or computed as `options.fix` says.
fn run(
    settings: &Settings,
    paths: &[PathBuf],
    options: &CheckOptions,
    cwd: &Path,
    changes: Option<git::Changes>,
) -> Result<Report, RunError> {
    let started = Instant::now();
    let Loaded {
        site,
        targets,
        unreadable,
        not_walked,
        ignore_files_off,
        notes: found_notes,
        info,
    } = load(settings, paths, options, cwd)?;
    let reader = PostReader {
        site: &site,
        stdin: options.stdin_text.as_deref(),
    };
    let url_results = settings.online.then(|| {
        UrlResults::check(
            &site,
            &targets,
            &|i| reader.read(i).ok(),
            settings,
            options.progress,
        )
    });

    let written = Mutex::new(HashSet::new());
    let checked: Vec<Checked> = targets
        .par_iter()
        .map(|&i| {
            let doc = match reader.read(i) {
                Ok(doc) => doc,
                Err(u) => return Checked::Unreadable(u),
            };
            let urls = url_results.as_ref().map(|u| u.of(i)).unwrap_or_default();
            let (original, fixed) = fixes::check_with_fixes(
                &doc,
                i,
                &site,
                settings,
                &urls,
                url_results.as_ref(),
                options.fix,
            );
            let from_stdin = site.posts[i].source == PostSource::Stdin;
            let keep = Keep {
                mode: options.fix,
                from_stdin,
                positions_only: options.positions_only,
            };
            let post = checked_post(doc, original, fixed, keep, &written);
            match post.is_clean() {
                true => Checked::Clean,
                false => Checked::Post(Box::new(post)),
            }
        })
        .collect();

    // `--show-skipped`: the local references of the posts linted that could not be checked.
    // In the order of the posts (by path), each post's in source order.
    let skipped: Vec<String> = match options.show_skipped {
        true => targets
            .par_iter()
            .filter_map(|&i| reader.read(i).ok())
            .filter(|doc| doc.over_limit().is_none())
            .flat_map(|doc| skipped::of(&doc, &site))
            .collect(),
        false => Vec::new(),
    };

    // `--affected`: what the changes broke in the posts not named.
    let affected_found: Vec<FileReport> = match changes {
        Some(changes) => Affected::new(changes, &site, settings)?
            .broken_links(&site, &targets, &|i| reader.read(i).ok())
            .into_par_iter()
            .filter_map(|(i, spans)| {
                let doc = reader.read(i).ok()?;
                let findings = check(&doc, Some(i), &site, settings, &[]);
                let mut all = findings.diagnostics;
                for (anchor, severity) in &findings.deferred {
                    if let Some(mut d) = dead_anchor::check_deferred(&site, anchor) {
                        d.severity = (*severity).min(d.severity);
                        all.push(d);
                    }
                }
                let diagnostics = affected::caused(all, &spans);
                if diagnostics.is_empty() {
                    return None;
                }
                let mut diagnostics = diagnostics;
                sort_diagnostics(&mut diagnostics);
                let spans = finding_spans(&diagnostics, &[]);
                Some(FileReport {
                    path: doc.source.display_path.clone(),
                    source: excerpt(&doc.source.text, spans, options.positions_only),
                    diagnostics,
                })
            })
            .collect(),
        None => Vec::new(),
    };

    let mut notes = site.config.notes.clone();
    notes.extend(found_notes);
    notes.extend(ignore_files_off);
    notes.extend(site.notes.take());
    notes.extend(
        url_results
            .as_ref()
            .and_then(|u| u.network_unavailable.clone()),
    );
    let mut files = Vec::with_capacity(checked.len() + unreadable.len());
    let mut fixed = Vec::new();
    let mut write_errors = Vec::new();
    let mut unreadable = unreadable;
    let mut posts = Vec::new();
    let mut stdin_fixed = None;
    // Posts with nothing to report are counted, not kept.
    let mut clean = 0;
    for outcome in checked {
        match outcome {
            Checked::Post(mut post) => {
                stdin_fixed = stdin_fixed.or(post.stdin_fixed.take());
                posts.push(post);
            }
            Checked::Clean => clean += 1,
            Checked::Unreadable(u) => unreadable.push(u),
        }
    }
    // Fragments into other posts, now that every post checked has given its anchors.
    let resolved: Vec<FileReport> = posts
        .par_iter_mut()
        .map(|post| post.finish(&site))
        .collect();
    for (post, report) in posts.into_iter().zip(resolved) {
        match post.fix {
            FixOutcome::None => {}
            FixOutcome::Written(file) => fixed.push(file),
            FixOutcome::Failed(error) => write_errors.push(error),
        }
        files.push(report);
    }
    files.extend(affected_found);
    files.extend(
        unreadable
            .into_iter()
            .map(|u| unreadable_report(u, cwd, settings)),
    );
    let file_count = files.len() + clean;
    files.extend(
        not_walked
            .iter()
            .filter_map(|(path, what)| walk_report(path, what, cwd, settings)),
    );
    files.retain(|f| !f.diagnostics.is_empty());
    files.sort_by(|a, b| a.path.cmp(&b.path));

    Ok(Report {
        files,
        file_count,
        elapsed: started.elapsed(),
        fixed,
        write_errors,
        notes,
        info,
        out_of_time: url_results.map(|u| u.out_of_time).unwrap_or_default(),
        skipped,
        stdin_fixed,
    })
}

/// Reads the posts of the index again for the rules: from disk, or standard input for the
/// post that came from it.
struct PostReader<'a> {
    site: &'a SiteIndex,
    stdin: Option<&'a [u8]>,
}

impl PostReader<'_> {
    fn read(&self, i: usize) -> Result<Document, Unreadable> {
        let post = &self.site.posts[i];
        let stdin = match post.source {
            PostSource::Stdin => Some(self.stdin.unwrap_or_default()),
            PostSource::Disk => None,
        };
        let options = self.site.config.parse_options(self.site.preset, &post.path);
        read_post(
            &post.path,
            post.display_path.clone(),
            stdin,
            &options,
            Depth::Full,
        )
    }
}

/// What checking one post to report on gave.
enum Checked {
    /// Boxed: most posts of a site are clean, and a clean post costs no more than a tag.
    Post(Box<CheckedPost>),
    /// Nothing to report, nothing fixed.
    Clean,
    /// It could not be read as text this time (it changed since the scan).
    Unreadable(Unreadable),
}

/// One checked post, its text gone: the findings to report and the lines they need.
struct CheckedPost {
    display_path: String,
    diagnostics: Vec<Diagnostic>,
    /// Fragments into other posts, with the severity a finding would have.
    deferred: Vec<(DeferredAnchor, Severity)>,
    excerpt: Excerpt,
    fix: FixOutcome,
    /// For standard input with [`FixMode::Apply`]: the post as fixed (as read when nothing
    /// was fixed), for standard output.
    stdin_fixed: Option<String>,
}

enum FixOutcome {
    None,
    /// Fixed (written with [`FixMode::Apply`], computed with `Diff`).
    Written(FixedFile),
    /// The fixed text could not be written: the findings reported are those on disk.
    Failed(String),
}

/// How a checked post is kept for its report.
#[derive(Clone, Copy)]
struct Keep {
    mode: FixMode,
    from_stdin: bool,
    /// Keep the positions of the findings, not the lines around them.
    positions_only: bool,
}

/// The findings of the text that is reported (the fixed one when fixes changed it, unless
/// they could not be written), with the excerpt of that text.
fn checked_post(
    doc: Document,
    original: Findings,
    fixed: Option<(FixedFile, Findings)>,
    keep: Keep,
    written: &Mutex<HashSet<PathBuf>>,
) -> CheckedPost {
    let Keep {
        mode, from_stdin, ..
    } = keep;
    let display_path = doc.source.display_path.clone();
    // Standard input is fixed to standard output, never written to the file it names.
    let stdin_fixed = (from_stdin && mode == FixMode::Apply).then(|| match &fixed {
        Some((file, _)) => file.after.clone(),
        None => doc.source.text.clone(),
    });
    let (text, findings, fix) = match fixed {
        None => (doc.source.text, original, FixOutcome::None),
        Some((file, after)) => {
            let kept = match mode {
                FixMode::Apply if !from_stdin => write_fixes(&file, written),
                _ => Ok(true),
            };
            match kept {
                Ok(new) => {
                    let text = file.after.clone();
                    let fix = if new {
                        FixOutcome::Written(file)
                    } else {
                        FixOutcome::None
                    };
                    (text, after, fix)
                }
                // Not written: what is on disk still has every original finding.
                Err(e) => (doc.source.text, original, FixOutcome::Failed(e.to_string())),
            }
        }
    };
    let Findings {
        mut diagnostics,
        mut deferred,
    } = findings;
    diagnostics.shrink_to_fit();
    deferred.shrink_to_fit();
    let excerpt = if diagnostics.is_empty() && deferred.is_empty() {
        Excerpt::default()
    } else {
        let spans = finding_spans(&diagnostics, &deferred);
        excerpt(&text, spans, keep.positions_only)
    };
    CheckedPost {
        display_path,
        diagnostics,
        deferred,
        excerpt,
        fix,
        stdin_fixed,
    }
}

/// The spans whose lines or positions a report prints: each finding's, each of its fix's
/// edits, each fragment's still to check.
fn finding_spans<'a>(
    diagnostics: &'a [Diagnostic],
    deferred: &'a [(DeferredAnchor, Severity)],
) -> impl Iterator<Item = Span> + 'a {
    diagnostics
        .iter()
        .flat_map(|d| {
            let edits = d.fix.iter().flat_map(|f| &f.edits);
            std::iter::once(d.span).chain(edits.map(|e| Span::new(e.offset, e.offset + e.length)))
        })
        .chain(deferred.iter().map(|(d, _)| d.span))
}

/// What a report keeps of `text` for the findings at `spans`.
fn excerpt(text: &str, spans: impl IntoIterator<Item = Span>, positions_only: bool) -> Excerpt {
    match positions_only {
        true => Excerpt::positions_only(text, spans),
        false => Excerpt::new(text, spans),
    }
}

impl CheckedPost {
    /// Nothing to report and nothing fixed: the post need not be kept.
    fn is_clean(&self) -> bool {
        self.diagnostics.is_empty()
            && self.deferred.is_empty()
            && matches!(self.fix, FixOutcome::None)
            && self.stdin_fixed.is_none()
    }
    /// Checks the deferred fragments and hands the findings over to a report.
    fn finish(&mut self, site: &SiteIndex) -> FileReport {
        let mut diagnostics = std::mem::take(&mut self.diagnostics);
        let deferred = std::mem::take(&mut self.deferred);
        if !deferred.is_empty() {
            crate::spelling::with_budget(crate::limits::MAX_SUGGESTION_COMPARISONS, || {
                for (anchor, severity) in &deferred {
                    if let Some(mut d) = dead_anchor::check_deferred(site, anchor) {
                        d.severity = (*severity).min(d.severity);
                        diagnostics.push(d);
                    }
                }
            });
            sort_diagnostics(&mut diagnostics);
        }
        FileReport {
            path: std::mem::take(&mut self.display_path),
            source: std::mem::take(&mut self.excerpt),
            diagnostics,
        }
    }
}

/// Writes one fixed file, once per file on disk (a post and a link to it are the same file):
/// `Ok(false)` when it was written already in this run.
fn write_fixes(
    file: &FixedFile,
    written: &Mutex<HashSet<PathBuf>>,
) -> Result<bool, fix::WriteError> {
    let target = std::fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone());
    let first = written
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(target);
    if !first {
        return Ok(false);
    }
    fix::write_atomically(&file.path, &file.before, &file.after).map(|()| true)
}

/// Walks the site, scans every post's front matter (in parallel) and builds the index.
fn load(
    settings: &Settings,
    paths: &[PathBuf],
    options: &CheckOptions,
    cwd: &Path,
) -> Result<Loaded, RunError> {
    let walked = walk::files_under(&settings.root);
    let site_files = walked.files;
    let targets = walk::targets(
        paths,
        options.stdin_filename.as_deref(),
        cwd,
        settings,
        &site_files,
        !options.affected,
    )?;
    let (notes, info) = found::what_was_found(&targets, settings, cwd)?;
    let site_paths: Vec<Option<String>> = site_files
        .par_iter()
        .map(|f| crate::paths::relative_slash(f, &settings.root))
        .collect();

    // Every post of the site is indexed (cross-file rules see the whole site), plus targets.
    let mut to_read: Vec<PathBuf> = site_files
        .par_iter()
        .zip(&site_paths)
        .filter(|(_, rel)| rel.as_deref().is_some_and(|rel| settings.is_post(rel)))
        .map(|(f, _)| f.clone())
        .collect();
    to_read.extend(targets.files.iter().cloned());
    if let Some(stdin_path) = &targets.stdin {
        to_read.retain(|p| p != stdin_path);
    }
    // Byte order is as deterministic as component order and much cheaper to compare.
    to_read.par_sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    to_read.dedup();

    let config = SiteConfig::load(&settings.root, settings.preset);
    let scanned: Vec<Result<Document, Unreadable>> = to_read
        .par_iter()
        .map(|path| {
            let options = config.parse_options(settings.preset, path);
            read_post(path, display(path, cwd), None, &options, Depth::FrontMatter)
        })
        .collect();
    let mut posts = Vec::with_capacity(scanned.len());
    let mut unreadable = Vec::new();
    for result in scanned {
        match result {
            Ok(doc) => posts.push((doc, PostSource::Disk)),
            Err(u) => unreadable.push(u),
        }
    }
    if let (Some(path), Some(bytes)) = (&targets.stdin, &options.stdin_text) {
        let options = config.parse_options(settings.preset, path);
        let shown = display(path, cwd);
        match read_post(path, shown, Some(bytes), &options, Depth::FrontMatter) {
            Ok(doc) => posts.push((doc, PostSource::Stdin)),
            Err(u) => unreadable.push(u),
        }
    }
    let site = SiteIndex::new(SiteInputs {
        root: settings.root.clone(),
        preset: settings.preset,
        config,
        files: site_paths.into_iter().flatten().collect(),
        posts,
        frontmatter: settings.frontmatter.clone(),
    });
    // What the walk could not read is reported where the user asked for a walk: under a
    // named folder (a pre-commit run naming files is not failed by an unrelated folder).
    let walked_for = |p: &Path| targets.folders.iter().any(|f| p.starts_with(f));
    let special = walked.special.iter().filter(|p| {
        walked_for(p)
            && !targets.files.contains(p)
            && crate::paths::relative_slash(p, &settings.root)
                .is_some_and(|rel| settings.is_post(&rel))
    });
    let mut not_walked: Vec<(PathBuf, String)> = special
        .map(|p| {
            let kind = walk::special_kind(p).unwrap_or("a special file");
            (
                p.clone(),
                format!("was not checked: it is {kind}, not a regular file"),
            )
        })
        .collect();
    not_walked.extend(
        walked
            .problems
            .into_iter()
            .filter(|(p, _)| walked_for(p))
            .chain(targets.problems),
    );
    let named: HashSet<&Path> = targets
        .files
        .iter()
        .chain(&targets.stdin)
        .map(PathBuf::as_path)
        .collect();
    let target_posts = (0..site.posts.len())
        .filter(|&i| named.contains(site.posts[i].path.as_path()))
        .collect();
    unreadable.retain(|u| named.contains(u.path.as_path()));
    Ok(Loaded {
        notes,
        info,
        site,
        targets: target_posts,
        unreadable,
        not_walked,
        ignore_files_off: walked.ignore_files_off,
    })
}

/// `unreadable-file` for a post with no document, at the severity the settings give it there.
fn unreadable_report(u: Unreadable, cwd: &Path, settings: &Settings) -> FileReport {
    let site_path = crate::paths::relative_slash(&u.path, &settings.root);
    let severity = settings.severity(unreadable_file::META.id, site_path.as_deref());
    let diagnostics = if severity == Severity::Off {
        Vec::new()
    } else {
        let mut diagnostic = unreadable_file::diagnostic(u.offset, u.message, u.help);
        diagnostic.severity = severity;
        vec![diagnostic]
    };
    let source = Excerpt::new(&u.text, diagnostics.iter().map(|d| d.span));
    FileReport {
        path: display(&u.path, cwd),
        source,
        diagnostics,
    }
}

/// A folder the walk could not read, or a special file where a post is expected; what became
/// of it follows its path in the message.
fn walk_report(path: &Path, what: &str, cwd: &Path, settings: &Settings) -> Option<FileReport> {
    let site_path = crate::paths::relative_slash(path, &settings.root);
    let severity = settings.severity(unreadable_file::META.id, site_path.as_deref());
    if severity == Severity::Off {
        return None;
    }
    let shown = display(path, cwd);
    let mut diagnostic = unreadable_file::diagnostic(
        0,
        format!("`{shown}` {what}"),
        "fix its permissions or type, or exclude it in `postlint.yml`",
    );
    diagnostic.severity = severity;
    Some(FileReport {
        path: shown,
        source: Excerpt::new("", [diagnostic.span]),
        diagnostics: vec![diagnostic],
    })
}

/// What the rules found in one post: its findings, and the fragments into other posts left to
/// check once every post has been read.
struct Findings {
    diagnostics: Vec<Diagnostic>,
    /// With the severity a finding would have.
    deferred: Vec<(DeferredAnchor, Severity)>,
}

/// Runs every enabled rule over one post; applies severities and inline suppressions. A post
/// over one of the ceilings of [`crate::limits`] gets that finding alone. `post` is the post's
/// index in the site when `doc` is the post as the run read it.
fn check(
    doc: &Document,
    post: Option<usize>,
    site: &SiteIndex,
    settings: &Settings,
    urls: &[CheckedUrl],
) -> Findings {
    let site_path = site.site_path(&doc.source.path);
    let mut findings = Findings {
        diagnostics: Vec::new(),
        deferred: Vec::new(),
    };
    if let Some(reason) = doc.over_limit() {
        let severity = settings.severity(unreadable_file::META.id, site_path.as_deref());
        if severity != Severity::Off {
            let mut d = unreadable_file::diagnostic(
                doc.body_start,
                format!("not checked: {reason}"),
                "split the post; no real post comes near this ceiling",
            );
            d.severity = severity;
            findings.diagnostics.push(d);
        }
        return findings;
    }
    let ctx = Ctx::new(doc, site, post, urls);
    // A content file the generator never renders (Hugo `build.render: never`, `headless`, a
    // Markdown resource of a bundle) is linted for syntax only: it has no page to be wrong on.
    let rendered = post
        .or_else(|| site.document_index(&doc.source.path))
        .is_none_or(|i| site.routes.is_rendered(i));
    let mut silenced = directives::Silenced::default();
    let out = &mut findings.diagnostics;
    let deferred = &mut findings.deferred;
    crate::spelling::with_budget(crate::limits::MAX_SUGGESTION_COMPARISONS, || {
        for (i, rule) in RULES.iter().enumerate() {
            let severity = settings.severity_at(i, site_path.as_deref());
            let Some(options) = settings.options_at(i).filter(|_| severity != Severity::Off) else {
                continue;
            };
            let id = rule.meta().id;
            if !rendered && !SYNTAX_RULES.contains(&id) && id != "date-mismatch" {
                continue;
            }
            let start = out.len();
            rule.check_with(&ctx, options, out);
            for d in &mut out[start..] {
                // A rule may report some findings below its own severity (`frontmatter-schema`'s
                // unknown keys under `unknown_keys: warning`); the configured severity caps them.
                d.severity = severity.min(d.severity);
                d.span = clamp(d.span, doc.text());
            }
            out.retain(|d| {
                let keep = d.rule != id || !doc.suppressions.is_suppressed(id, d.span.start);
                if !keep {
                    silenced.add(id, d.span.start);
                }
                keep
            });
            for mut d in ctx.take_deferred() {
                d.span = clamp(d.span, doc.text());
                if !doc.suppressions.is_suppressed(id, d.span.start) {
                    deferred.push((d, severity));
                } else if dead_anchor::check_deferred(site, &d).is_some() {
                    // Whether the directive silenced anything is known only from the anchors
                    // of the post the fragment names.
                    silenced.add(id, d.span.start);
                }
            }
        }
    });
    if rendered {
        out.extend(directives::unused(
            doc,
            settings,
            site_path.as_deref(),
            silenced,
        ));
    }
    sort_diagnostics(&mut findings.diagnostics);
    findings
}

/// A post's findings in report order: by offset, then end, then rule.
fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
}

/// The rules that still apply to a file the generator reads but never renders (and
/// `date-mismatch`, which says why a file named like a post is not one).
const SYNTAX_RULES: &[&str] = &["frontmatter-syntax", "mdx-syntax", "unreadable-file"];

/// Keeps every reported span inside the text and on character boundaries.
fn clamp(span: Span, text: &str) -> Span {
    let start = crate::source::floor_char_boundary(text, span.start);
    let end = crate::source::floor_char_boundary(text, span.end.max(start));
    Span::new(start, end)
}
