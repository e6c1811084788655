//! One run: walk → read → parse (parallel) → site index → rules (parallel) → fixes → sorted
//! report. The runner knows no output formats.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::error::RunError;
use crate::fix::{self, apply_fixes};
use crate::paths::display;
use crate::report::{FileReport, Report};
use crate::rule::Ctx;
use crate::rules::RULES;
use crate::settings::Settings;
use crate::site::SiteIndex;
use crate::site_config::SiteConfig;
use crate::source::{SourceFile, Span};
use crate::walk;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to do with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FixMode {
    #[default]
    Report,
    /// Write safe fixes to the files.
    Apply,
    /// Compute them and return the new texts; write nothing.
    Diff,
}

pub struct RunInput<'a> {
    pub paths: &'a [PathBuf],
    pub stdin_filename: Option<&'a Path>,
    /// The post text when a path is `-`.
    pub stdin_text: Option<String>,
    pub cwd: &'a Path,
    pub fix: FixMode,
    /// Draw a progress bar on standard error while external URLs are checked.
    pub progress: bool,
}

/// A file changed by fixes: its path, the text as read, the text with fixes applied.
pub struct FixedFile {
    pub display_path: String,
    pub path: PathBuf,
    pub before: String,
    pub after: String,
}

pub struct RunOutput {
    pub report: Report,
    pub fixed: Vec<FixedFile>,
    /// Fixes that could not be written (file changed meanwhile, permissions).
    pub write_errors: Vec<String>,
}

/// A post that could not be turned into a document.
struct Unreadable {
    path: PathBuf,
    text: String,
    offset: usize,
    message: String,
}

pub fn run(settings: &Settings, input: RunInput<'_>) -> Result<RunOutput, RunError> {
    let started = Instant::now();
    let site_files = walk::files_under(&settings.root);
    let targets = walk::targets(
        input.paths,
        input.stdin_filename,
        input.cwd,
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

    let cwd = input.cwd;
    let parsed: Vec<Result<Document, Unreadable>> = to_read
        .par_iter()
        .map(|path| read_and_parse(path, cwd, settings))
        .collect();
    let mut documents = Vec::with_capacity(parsed.len());
    let mut unreadable = Vec::new();
    for result in parsed {
        match result {
            Ok(doc) => documents.push(doc),
            Err(u) => unreadable.push(u),
        }
    }
    if let (Some(path), Some(text)) = (&targets.stdin, input.stdin_text) {
        let source = SourceFile {
            path: path.clone(),
            display_path: display(path, cwd),
            text,
        };
        documents.push(Document::parse(source, settings.preset.flavor(path)));
    }
    let config = SiteConfig::load(&settings.root, settings.preset);
    let mut site = SiteIndex::new(
        settings.root.clone(),
        settings.preset,
        config,
        site_paths,
        documents,
    );

    let target_set: HashSet<&PathBuf> = targets.files.iter().chain(&targets.stdin).collect();
    if settings.online {
        // Each distinct external URL of the reported posts, checked once for the whole run.
        let urls = crate::online::collect::site_urls(&site, &target_set, settings);
        let opts = crate::online::OnlineOptions {
            progress: input.progress,
            ..settings.online_options.clone()
        };
        site.url_verdicts = Some(crate::online::check_urls(&urls, &opts));
    }
    let checked: Vec<(usize, Vec<Diagnostic>, Option<FixedFile>)> = site
        .documents
        .par_iter()
        .enumerate()
        .filter(|(_, d)| target_set.contains(&d.source.path))
        .map(|(i, doc)| {
            let (diagnostics, fix) = check_with_fixes(doc, &site, settings, input.fix);
            (i, diagnostics, fix)
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
            .filter(|u| target_set.contains(&u.path))
            .map(|u| unreadable_report(u, cwd, settings)),
    );
    let file_count = files.len();
    files.retain(|f| !f.diagnostics.is_empty());
    files.sort_by(|a, b| a.path.cmp(&b.path));

    let mut write_errors = Vec::new();
    if input.fix == FixMode::Apply {
        for f in &fixed {
            if let Err(e) = fix::write_atomically(&f.path, &f.before, &f.after) {
                write_errors.push(e.to_string());
            }
        }
    }
    Ok(RunOutput {
        report: Report {
            files,
            file_count,
            elapsed: started.elapsed(),
        },
        fixed,
        write_errors,
    })
}

fn read_and_parse(path: &Path, cwd: &Path, settings: &Settings) -> Result<Document, Unreadable> {
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
    Ok(Document::parse(source, settings.preset.flavor(path)))
}

fn unreadable_report(u: Unreadable, cwd: &Path, settings: &Settings) -> FileReport {
    let mut diagnostic = Diagnostic::new(
        crate::rules::UNREADABLE_FILE,
        Span::new(u.offset, u.offset),
        u.message,
    )
    .with_help("save the post as UTF-8 text");
    diagnostic.severity = Severity::Error;
    let _ = settings;
    FileReport {
        path: display(&u.path, cwd),
        text: u.text,
        diagnostics: vec![diagnostic],
    }
}

/// Checks one post; with fixes on, applies them and re-checks until nothing changes.
fn check_with_fixes(
    doc: &Document,
    site: &SiteIndex,
    settings: &Settings,
    mode: FixMode,
) -> (Vec<Diagnostic>, Option<FixedFile>) {
    let mut diagnostics = check(doc, site, settings);
    if mode == FixMode::Report || !diagnostics.iter().any(|d| d.fix.is_some()) {
        return (diagnostics, None);
    }
    let flavor = settings.preset.flavor(&doc.source.path);
    let mut current: Option<Document> = None;
    // Fixes may uncover others (a `<br>` left last in a paragraph); a bounded loop settles it.
    for _ in 0..10 {
        let text = current.as_ref().map_or(doc.text(), |d| d.text());
        let (new_text, applied) =
            apply_fixes(text, diagnostics.iter().filter_map(|d| d.fix.as_ref()));
        if applied == 0 || new_text == text {
            break;
        }
        let source = SourceFile {
            path: doc.source.path.clone(),
            display_path: doc.source.display_path.clone(),
            text: new_text,
        };
        let next = Document::parse(source, flavor);
        diagnostics = check(&next, site, settings);
        current = Some(next);
    }
    let fixed = current.map(|fixed_doc| FixedFile {
        display_path: doc.source.display_path.clone(),
        path: doc.source.path.clone(),
        before: doc.text().to_string(),
        after: fixed_doc.source.text,
    });
    (diagnostics, fixed)
}

/// Runs every enabled rule over one post; applies severities and inline suppressions.
pub fn check(doc: &Document, site: &SiteIndex, settings: &Settings) -> Vec<Diagnostic> {
    let site_path = site.site_path(&doc.source.path);
    let ctx = Ctx {
        doc,
        site,
        settings,
    };
    let mut out = Vec::new();
    for rule in RULES {
        let id = rule.meta().id;
        let severity = settings.severity(id, site_path.as_deref());
        if severity == Severity::Off {
            continue;
        }
        let start = out.len();
        rule.check(&ctx, &mut out);
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
