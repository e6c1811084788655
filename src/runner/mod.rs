//! One run: walk → read → parse (parallel) → site index → external URLs (online only) → rules
//! (parallel; each post's links resolved once) → fixes → sorted report. The runner knows no
//! output formats.

mod affected;
mod directives;
mod fixes;
mod found;
mod git;
mod inspect;
mod report;
mod urls;
mod walk;

pub(crate) use inspect::inspect;
pub use inspect::{BrFact, HeadingFact, PostFacts};
pub use report::{FileReport, FixedFile, Report};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, ParseOptions};
use crate::error::RunError;
use crate::fix;
use crate::links::external::CheckedUrl;
use crate::paths::display;
use crate::rule::Ctx;
use crate::rules::{unreadable_file, RULES};
use crate::settings::{CheckOptions, FixMode, Settings};
use crate::site::{SiteIndex, SiteInputs};
use crate::site_config::SiteConfig;
use crate::source::{SourceFile, Span};
use affected::Affected;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;
use urls::UrlResults;

/// A post that could not be turned into a document.
struct Unreadable {
    path: PathBuf,
    text: String,
    offset: usize,
    message: String,
    help: &'static str,
}

/// The site read and indexed, and which of its posts the run reports on.
struct Loaded {
    site: SiteIndex,
    /// Paths of the posts to report on (files named, posts under folders named, stdin).
    targets: HashSet<PathBuf>,
    /// The path standard input is reported under, when `-` was named.
    stdin: Option<PathBuf>,
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
        stdin,
        unreadable,
        not_walked,
        ignore_files_off,
        notes: found_notes,
        info,
    } = load(settings, paths, options, cwd)?;
    let is_target = |doc: &Document| targets.contains(&doc.source.path);
    let url_results = settings
        .online
        .then(|| UrlResults::check(&site, &is_target, settings, options.progress));

    let checked: Vec<Checked> = site
        .documents
        .par_iter()
        .enumerate()
        .filter(|(_, doc)| is_target(doc))
        .map(|(index, doc)| {
            let urls = url_results
                .as_ref()
                .map(|u| u.of(index))
                .unwrap_or_default();
            let (diagnostics, fixed) = fixes::check_with_fixes(
                doc,
                &site,
                settings,
                &urls,
                url_results.as_ref(),
                options.fix,
            );
            Checked {
                index,
                diagnostics,
                fixed,
            }
        })
        .collect();

    // `--affected`: what the changes broke in the posts not named.
    let affected_found: Vec<(usize, Vec<Diagnostic>)> = match changes {
        Some(changes) => Affected::new(changes, &site, settings)?
            .broken_links(&site, &targets)
            .into_par_iter()
            .map(|(i, spans)| {
                let all = check(&site.documents[i], &site, settings, &[]);
                (i, affected::caused(all, &spans))
            })
            .filter(|(_, found)| !found.is_empty())
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
    // Reports take the texts over from the documents instead of copying them.
    let mut documents = site.into_documents();
    let mut files = Vec::with_capacity(checked.len() + unreadable.len());
    let mut fixed = Vec::new();
    let mut write_errors = Vec::new();
    let mut written: HashSet<PathBuf> = HashSet::new();
    let mut stdin_fixed = None;
    for Checked {
        index,
        diagnostics,
        fixed: fix,
    } in checked
    {
        let source = &mut documents[index].source;
        let from_stdin = stdin.as_ref() == Some(&source.path);
        if from_stdin && options.fix == FixMode::Apply {
            // Standard input is fixed to standard output, never written to the file it names.
            let text = fix.as_ref().map_or(&source.text, |(f, _)| &f.after);
            stdin_fixed = Some(text.clone());
        }
        let (text, diagnostics) = match fix {
            Some((file, after)) => {
                let kept = match options.fix {
                    FixMode::Apply if !from_stdin => write_fixes(&file, &mut written),
                    _ => Ok(true),
                };
                match kept {
                    Ok(new) => {
                        let text = file.after.clone();
                        if new {
                            fixed.push(file);
                        }
                        (text, after)
                    }
                    Err(e) => {
                        // Not written: what is on disk still has every original finding.
                        write_errors.push(e.to_string());
                        (std::mem::take(&mut source.text), diagnostics)
                    }
                }
            }
            None if diagnostics.is_empty() => (String::new(), diagnostics),
            None => (std::mem::take(&mut source.text), diagnostics),
        };
        files.push(FileReport {
            path: source.display_path.clone(),
            text,
            diagnostics,
        });
    }
    for (index, diagnostics) in affected_found {
        let source = &mut documents[index].source;
        files.push(FileReport {
            path: source.display_path.clone(),
            text: std::mem::take(&mut source.text),
            diagnostics,
        });
    }
    files.extend(
        unreadable
            .into_iter()
            .filter(|u| targets.contains(&u.path))
            .map(|u| unreadable_report(u, cwd, settings)),
    );
    let file_count = files.len();
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
        stdin_fixed,
    })
}

/// One checked post: its findings, and with fixes on, the fixed text and its findings.
struct Checked {
    index: usize,
    diagnostics: Vec<Diagnostic>,
    fixed: Option<(FixedFile, Vec<Diagnostic>)>,
}

/// Writes one fixed file, once per file on disk (a post and a link to it are the same file):
/// `Ok(false)` when it was written already in this run.
fn write_fixes(file: &FixedFile, written: &mut HashSet<PathBuf>) -> Result<bool, fix::WriteError> {
    let target = std::fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone());
    if !written.insert(target) {
        return Ok(false);
    }
    fix::write_atomically(&file.path, &file.before, &file.after).map(|()| true)
}

/// Walks the site, reads and parses every post once (in parallel), and builds the index.
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
    let site_paths: Vec<String> = site_files
        .iter()
        .filter_map(|f| crate::paths::relative_slash(f, &settings.root))
        .collect();

    // Every post of the site is parsed (cross-file rules see the whole site), plus targets.
    let mut to_read: Vec<PathBuf> = site_files
        .iter()
        .zip(&site_paths)
        .filter(|(_, rel)| settings.is_post(rel))
        .map(|(f, _)| f.clone())
        .collect();
    to_read.extend(targets.files.iter().cloned());
    if let Some(stdin_path) = &targets.stdin {
        to_read.retain(|p| p != stdin_path);
    }
    // Byte order is as deterministic as component order and much cheaper to compare.
    to_read.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    to_read.dedup();

    let config = SiteConfig::load(&settings.root, settings.preset);
    let parsed: Vec<Result<Document, Unreadable>> = to_read
        .par_iter()
        .map(|path| {
            let options = config.parse_options(settings.preset, path);
            read_and_parse(path, cwd, &options)
        })
        .collect();
    let mut documents = Vec::with_capacity(parsed.len());
    let mut unreadable = Vec::new();
    for result in parsed {
        match result {
            Ok(doc) => documents.push(doc),
            Err(u) => unreadable.push(u),
        }
    }
    if let (Some(path), Some(bytes)) = (&targets.stdin, &options.stdin_text) {
        let options = config.parse_options(settings.preset, path);
        match parse_bytes(bytes.clone(), path, cwd, &options) {
            Ok(doc) => documents.push(doc),
            Err(u) => unreadable.push(u),
        }
    }
    let site = SiteIndex::new(SiteInputs {
        root: settings.root.clone(),
        preset: settings.preset,
        config,
        files: site_paths,
        documents,
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
    let stdin = targets.stdin.clone();
    let targets = targets.files.into_iter().chain(targets.stdin).collect();
    Ok(Loaded {
        notes,
        info,
        site,
        targets,
        stdin,
        unreadable,
        not_walked,
        ignore_files_off: walked.ignore_files_off,
    })
}

fn read_and_parse(path: &Path, cwd: &Path, options: &ParseOptions) -> Result<Document, Unreadable> {
    let bytes = crate::files::read_bytes(path).map_err(|e| Unreadable {
        path: path.to_path_buf(),
        text: String::new(),
        offset: 0,
        message: format!("cannot read the file: {e}"),
        help: match e {
            crate::files::ReadError::NotRegular(_) => "lint the post itself, not a special file",
            crate::files::ReadError::TooLarge(_) => "split the post; no real post comes near this",
            _ => "check that the file can be read",
        },
    })?;
    parse_bytes(bytes, path, cwd, options)
}

fn parse_bytes(
    bytes: Vec<u8>,
    path: &Path,
    cwd: &Path,
    options: &ParseOptions,
) -> Result<Document, Unreadable> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        Unreadable {
            path: path.to_path_buf(),
            text: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            offset,
            message: format!("the file is not valid UTF-8 (invalid byte at offset {offset})"),
            help: "save the post as UTF-8 text",
        }
    })?;
    let source = SourceFile {
        path: path.to_path_buf(),
        display_path: display(path, cwd),
        text,
    };
    Ok(Document::parse(source, options))
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
    FileReport {
        path: display(&u.path, cwd),
        text: u.text,
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
        text: String::new(),
        diagnostics: vec![diagnostic],
    })
}

/// Runs every enabled rule over one post; applies severities and inline suppressions. A post
/// over one of the ceilings of [`crate::limits`] gets that finding alone.
fn check(
    doc: &Document,
    site: &SiteIndex,
    settings: &Settings,
    urls: &[CheckedUrl],
) -> Vec<Diagnostic> {
    let site_path = site.site_path(&doc.source.path);
    if let Some(reason) = doc.over_limit() {
        let severity = settings.severity(unreadable_file::META.id, site_path.as_deref());
        if severity == Severity::Off {
            return Vec::new();
        }
        let mut d = unreadable_file::diagnostic(
            doc.body_start,
            format!("not checked: {reason}"),
            "split the post; no real post comes near this ceiling",
        );
        d.severity = severity;
        return vec![d];
    }
    let ctx = Ctx::new(doc, site, urls);
    // A content file the generator never renders (Hugo `build.render: never`, `headless`, a
    // Markdown resource of a bundle) is linted for syntax only: it has no page to be wrong on.
    let rendered = site
        .document_index(&doc.source.path)
        .is_none_or(|i| site.routes.is_rendered(i));
    let mut out = Vec::new();
    let mut silenced = directives::Silenced::default();
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
            rule.check_with(&ctx, options, &mut out);
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
    out.sort_by(|a, b| (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule)));
    out
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
