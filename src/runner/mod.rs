//! One run: walk → read → parse (parallel) → site index → external URLs (online only) → rules
//! (parallel; each post's links resolved once) → fixes → sorted report. The runner knows no
//! output formats.

mod fixes;
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
}

/// The site read and indexed, and which of its posts the run reports on.
struct Loaded {
    site: SiteIndex,
    /// Paths of the posts to report on (files named, posts under folders named, stdin).
    targets: HashSet<PathBuf>,
    /// Target files that could not be read as text.
    unreadable: Vec<Unreadable>,
}

/// Resolves the settings of `options` and checks `paths`: the library's `check`.
pub(crate) fn check_paths(
    paths: &[PathBuf],
    options: &CheckOptions,
    cwd: &Path,
) -> Result<Report, RunError> {
    let settings = Settings::resolve(paths, options, cwd)?;
    run(&settings, paths, options, cwd)
}

/// Checks `paths` under `settings`; fixes are applied or computed as `options.fix` says.
pub(crate) fn run(
    settings: &Settings,
    paths: &[PathBuf],
    options: &CheckOptions,
    cwd: &Path,
) -> Result<Report, RunError> {
    let started = Instant::now();
    let Loaded {
        site,
        targets,
        unreadable,
    } = load(settings, paths, options, cwd)?;
    let is_target = |doc: &Document| targets.contains(&doc.source.path);
    let url_results = settings
        .online
        .then(|| UrlResults::check(&site, &is_target, settings, options.progress));

    let checked: Vec<(usize, Vec<Diagnostic>, Option<FixedFile>)> = site
        .documents
        .par_iter()
        .enumerate()
        .filter(|(_, doc)| is_target(doc))
        .map(|(i, doc)| {
            let urls = url_results.as_ref().map(|u| u.of(i)).unwrap_or_default();
            let (diagnostics, fixed) = fixes::check_with_fixes(
                doc,
                &site,
                settings,
                &urls,
                url_results.as_ref(),
                options.fix,
            );
            (i, diagnostics, fixed)
        })
        .collect();

    // Reports take the texts over from the documents instead of copying them.
    let mut documents = site.into_documents();
    let mut files = Vec::with_capacity(checked.len() + unreadable.len());
    let mut fixed = Vec::new();
    for (i, diagnostics, fix) in checked {
        let source = &mut documents[i].source;
        let text = match &fix {
            Some(f) => f.after.clone(),
            None if diagnostics.is_empty() => String::new(),
            None => std::mem::take(&mut source.text),
        };
        files.push(FileReport {
            path: source.display_path.clone(),
            text,
            diagnostics,
        });
        fixed.extend(fix);
    }
    files.extend(
        unreadable
            .into_iter()
            .filter(|u| targets.contains(&u.path))
            .map(|u| unreadable_report(u, cwd, settings)),
    );
    let file_count = files.len();
    files.retain(|f| !f.diagnostics.is_empty());
    files.sort_by(|a, b| a.path.cmp(&b.path));

    let mut write_errors = Vec::new();
    if options.fix == FixMode::Apply {
        for f in &fixed {
            if let Err(e) = fix::write_atomically(&f.path, &f.before, &f.after) {
                write_errors.push(e.to_string());
            }
        }
    }
    Ok(Report {
        files,
        file_count,
        elapsed: started.elapsed(),
        fixed,
        write_errors,
    })
}

/// Walks the site, reads and parses every post once (in parallel), and builds the index.
fn load(
    settings: &Settings,
    paths: &[PathBuf],
    options: &CheckOptions,
    cwd: &Path,
) -> Result<Loaded, RunError> {
    let site_files = walk::files_under(&settings.root);
    let targets = walk::targets(
        paths,
        options.stdin_filename.as_deref(),
        cwd,
        settings,
        &site_files,
    )?;
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
    if let (Some(path), Some(text)) = (&targets.stdin, &options.stdin_text) {
        let source = SourceFile {
            path: path.clone(),
            display_path: display(path, cwd),
            text: text.clone(),
        };
        let options = config.parse_options(settings.preset, path);
        documents.push(Document::parse(source, &options));
    }
    let site = SiteIndex::new(SiteInputs {
        root: settings.root.clone(),
        preset: settings.preset,
        config,
        files: site_paths,
        documents,
        frontmatter: settings.frontmatter.clone(),
    });
    let targets = targets.files.into_iter().chain(targets.stdin).collect();
    Ok(Loaded {
        site,
        targets,
        unreadable,
    })
}

fn read_and_parse(path: &Path, cwd: &Path, options: &ParseOptions) -> Result<Document, Unreadable> {
    let unreadable = |text: String, offset: usize, message: String| Unreadable {
        path: path.to_path_buf(),
        text,
        offset,
        message,
    };
    let bytes = std::fs::read(path)
        .map_err(|e| unreadable(String::new(), 0, format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        unreadable(
            text,
            offset,
            format!("the file is not valid UTF-8 (invalid byte at offset {offset})"),
        )
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
        let mut diagnostic = unreadable_file::diagnostic(u.offset, u.message);
        diagnostic.severity = severity;
        vec![diagnostic]
    };
    FileReport {
        path: display(&u.path, cwd),
        text: u.text,
        diagnostics,
    }
}

/// Runs every enabled rule over one post; applies severities and inline suppressions.
fn check(
    doc: &Document,
    site: &SiteIndex,
    settings: &Settings,
    urls: &[CheckedUrl],
) -> Vec<Diagnostic> {
    let site_path = site.site_path(&doc.source.path);
    let ctx = Ctx::new(doc, site, urls);
    let mut out = Vec::new();
    for (i, rule) in RULES.iter().enumerate() {
        let severity = settings.severity_at(i, site_path.as_deref());
        let Some(options) = settings.options_at(i).filter(|_| severity != Severity::Off) else {
            continue;
        };
        let id = rule.meta().id;
        let start = out.len();
        rule.check_with(&ctx, options, &mut out);
        for d in &mut out[start..] {
            // A rule may report some findings below its own severity (`frontmatter-schema`'s
            // unknown keys under `unknown_keys: warning`); the configured severity caps them.
            d.severity = severity.min(d.severity);
            d.span = clamp(d.span, doc.text());
        }
        out.retain(|d| d.rule != id || !doc.suppressions.is_suppressed(id, d.span.start));
    }
    out.sort_by(|a, b| (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule)));
    out
}

/// Keeps every reported span inside the text and on character boundaries.
fn clamp(span: Span, text: &str) -> Span {
    let start = crate::source::floor_char_boundary(text, span.start);
    let end = crate::source::floor_char_boundary(text, span.end.max(start));
    Span::new(start, end)
}
