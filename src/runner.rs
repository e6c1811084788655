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
    /// The post's bytes when a path is `-` (not necessarily UTF-8: that is a finding).
    pub stdin_text: Option<Vec<u8>>,
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
    /// With `--fix`, the files really written; with `--diff`, every file fixes would change.
    pub fixed: Vec<FixedFile>,
    /// Fixes that could not be written (file changed meanwhile, permissions); those files are
    /// reported with their findings as they stand on disk.
    pub write_errors: Vec<String>,
    /// Site files (generator config, registries) found but not usable: the run went on
    /// without them.
    pub notes: Vec<String>,
    /// External URLs that could not be verified in time (`--online`), sorted.
    pub out_of_time: Vec<String>,
}

/// A post that could not be turned into a document.
struct Unreadable {
    path: PathBuf,
    text: String,
    offset: usize,
    message: String,
    help: &'static str,
}

/// One checked post: its findings, and with fixes on, the fixed text and its findings.
struct Checked {
    index: usize,
    diagnostics: Vec<Diagnostic>,
    fixed: Option<(FixedFile, Vec<Diagnostic>)>,
}

pub fn run(settings: &Settings, input: RunInput<'_>) -> Result<RunOutput, RunError> {
    let started = Instant::now();
    let walked = walk::files_under(&settings.root);
    let site_files = walked.files;
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
    if let (Some(path), Some(bytes)) = (&targets.stdin, input.stdin_text) {
        match parse_bytes(bytes, path, cwd, settings) {
            Ok(doc) => documents.push(doc),
            Err(u) => unreadable.push(u),
        }
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
    let mut out_of_time = Vec::new();
    if settings.online {
        // Each distinct external URL of the reported posts, checked once for the whole run.
        let urls = crate::online::collect::site_urls(&site, &target_set, settings);
        let opts = crate::online::OnlineOptions {
            progress: input.progress,
            ..settings.online_options.clone()
        };
        let checked = crate::online::check(&urls, &opts);
        site.url_verdicts = Some(checked.verdicts);
        out_of_time = checked.out_of_time;
    }
    let checked: Vec<Checked> = site
        .documents
        .par_iter()
        .enumerate()
        .filter(|(_, d)| target_set.contains(&d.source.path))
        .map(|(index, doc)| {
            let (diagnostics, fixed) = check_with_fixes(doc, &site, settings, input.fix);
            Checked {
                index,
                diagnostics,
                fixed,
            }
        })
        .collect();

    let mut notes = site.config.notes.clone();
    notes.extend(walked.ignore_files_off.clone());
    notes.extend(site.notes.take());
    // Reports take the texts over from the documents instead of copying them.
    let mut documents = site.into_documents();
    let mut files = Vec::with_capacity(checked.len() + unreadable.len());
    let mut fixed = Vec::new();
    let mut write_errors = Vec::new();
    let mut written: HashSet<PathBuf> = HashSet::new();
    for Checked {
        index,
        diagnostics,
        fixed: fix,
    } in checked
    {
        let source = &mut documents[index].source;
        let (text, diagnostics) = match fix {
            Some((file, after)) => {
                let kept = match input.fix {
                    FixMode::Apply => write_fixes(&file, &mut written),
                    _ => Ok(()),
                };
                match kept {
                    Ok(()) => {
                        let text = file.after.clone();
                        fixed.push(file);
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
            text: printable(text),
            diagnostics,
        });
    }
    files.extend(
        unreadable
            .into_iter()
            .filter(|u| target_set.contains(&u.path))
            .map(|u| unreadable_report(u, cwd, settings)),
    );
    let file_count = files.len();
    // What the walk could not read is reported where the user asked for a walk: under a
    // named folder (a pre-commit run naming files is not failed by an unrelated folder).
    let walked_for = |p: &Path| targets.folders.iter().any(|f| p.starts_with(f));
    let special = walked.special.iter().filter(|p| {
        walked_for(p)
            && !target_set.contains(p)
            && crate::paths::relative_slash(p, &settings.root)
                .is_some_and(|rel| settings.is_post(&rel))
    });
    let problems = walked
        .problems
        .iter()
        .filter(|(p, _)| walked_for(p))
        .chain(&targets.problems);
    let special = special.map(|p| {
        let kind = walk::special_kind(p).unwrap_or("a special file");
        (
            p.clone(),
            format!("was not checked: it is {kind}, not a regular file"),
        )
    });
    files.extend(
        special
            .chain(problems.cloned())
            .filter_map(|(path, why)| walk_report(&path, &why, cwd, settings)),
    );
    files.retain(|f| !f.diagnostics.is_empty());
    files.sort_by(|a, b| a.path.cmp(&b.path));

    Ok(RunOutput {
        report: Report {
            files,
            file_count,
            elapsed: started.elapsed(),
        },
        fixed,
        write_errors,
        notes,
        out_of_time,
    })
}

/// Writes one fixed file, once per file on disk (a post and a link to it are the same file).
fn write_fixes(file: &FixedFile, written: &mut HashSet<PathBuf>) -> Result<(), fix::WriteError> {
    let target = std::fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone());
    if !written.insert(target) {
        return Ok(());
    }
    fix::write_atomically(&file.path, &file.before, &file.after)
}

/// The text as reporters show it: a lone `\r` ends a line there too.
fn printable(text: String) -> String {
    match crate::source::lone_cr_as_lf(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(shown) => shown,
    }
}

fn read_and_parse(path: &Path, cwd: &Path, settings: &Settings) -> Result<Document, Unreadable> {
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
    parse_bytes(bytes, path, cwd, settings)
}

fn parse_bytes(
    bytes: Vec<u8>,
    path: &Path,
    cwd: &Path,
    settings: &Settings,
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
    Ok(Document::parse(source, settings.preset.flavor(path)))
}

fn unreadable_report(u: Unreadable, cwd: &Path, settings: &Settings) -> FileReport {
    let site_path = crate::paths::relative_slash(&u.path, &settings.root);
    let mut diagnostic = Diagnostic::new(
        crate::rules::UNREADABLE_FILE,
        Span::new(u.offset, u.offset),
        u.message,
    )
    .with_help(u.help);
    diagnostic.severity = settings.severity(crate::rules::UNREADABLE_FILE, site_path.as_deref());
    FileReport {
        path: display(&u.path, cwd),
        text: printable(u.text),
        diagnostics: vec![diagnostic]
            .into_iter()
            .filter(|d| d.severity != Severity::Off)
            .collect(),
    }
}

/// A folder the walk could not read, or a special file where a post is expected; what became
/// of it follows its path in the message.
fn walk_report(path: &Path, what: &str, cwd: &Path, settings: &Settings) -> Option<FileReport> {
    let site_path = crate::paths::relative_slash(path, &settings.root);
    let severity = settings.severity(crate::rules::UNREADABLE_FILE, site_path.as_deref());
    if severity == Severity::Off {
        return None;
    }
    let mut diagnostic = Diagnostic::new(
        crate::rules::UNREADABLE_FILE,
        Span::new(0, 0),
        format!("`{}` {what}", display(path, cwd)),
    )
    .with_help("fix its permissions or type, or exclude it in `postlint.yml`");
    diagnostic.severity = severity;
    Some(FileReport {
        path: display(path, cwd),
        text: String::new(),
        diagnostics: vec![diagnostic],
    })
}

/// Checks one post; with fixes on, applies them and re-checks until nothing changes. Returns
/// the findings of the post as read, and the fixed file with its remaining findings.
fn check_with_fixes(
    doc: &Document,
    site: &SiteIndex,
    settings: &Settings,
    mode: FixMode,
) -> (Vec<Diagnostic>, Option<(FixedFile, Vec<Diagnostic>)>) {
    let original = check(doc, site, settings);
    if mode == FixMode::Report || !original.iter().any(|d| d.fix.is_some()) {
        return (original, None);
    }
    let flavor = settings.preset.flavor(&doc.source.path);
    let mut current: Option<(Document, Vec<Diagnostic>)> = None;
    // Fixes may uncover others (a `<br>` left last in a paragraph); a bounded loop settles it.
    for _ in 0..10 {
        let (text, diagnostics) = match &current {
            Some((d, diagnostics)) => (d.text(), diagnostics),
            None => (doc.text(), &original),
        };
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
        let diagnostics = check(&next, site, settings);
        current = Some((next, diagnostics));
    }
    let fixed = current.map(|(fixed_doc, diagnostics)| {
        let file = FixedFile {
            display_path: doc.source.display_path.clone(),
            path: doc.source.path.clone(),
            before: doc.text().to_string(),
            after: fixed_doc.source.text,
        };
        (file, diagnostics)
    });
    (original, fixed)
}

/// Runs every enabled rule over one post; applies severities and inline suppressions. A post
/// over one of the ceilings of [`crate::limits`] gets that finding alone.
pub fn check(doc: &Document, site: &SiteIndex, settings: &Settings) -> Vec<Diagnostic> {
    let site_path = site.site_path(&doc.source.path);
    if let Some(reason) = doc.over_limit() {
        let severity = settings.severity(crate::rules::UNREADABLE_FILE, site_path.as_deref());
        if severity == Severity::Off {
            return Vec::new();
        }
        let mut d = Diagnostic::new(
            crate::rules::UNREADABLE_FILE,
            Span::new(doc.body_start, doc.body_start),
            format!("not checked: {reason}"),
        )
        .with_help("split the post; no real post comes near this ceiling");
        d.severity = severity;
        return vec![d];
    }
    let ctx = Ctx {
        doc,
        site,
        settings,
    };
    let mut out = Vec::new();
    crate::spelling::with_budget(crate::limits::MAX_SUGGESTION_COMPARISONS, || {
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
    });
    out.sort_by(|a, b| (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule)));
    out
}

/// Keeps every reported span inside the text and on character boundaries.
fn clamp(span: Span, text: &str) -> Span {
    let start = crate::source::floor_char_boundary(text, span.start);
    let end = crate::source::floor_char_boundary(text, span.end.max(start));
    Span::new(start, end)
}
