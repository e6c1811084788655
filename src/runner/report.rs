//! What a run produces: the diagnostics of each file, the fixed texts, the files that could not
//! be written. Reporters format it; the runner knows no formats.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Excerpt;
use std::path::PathBuf;
use std::time::Duration;

/// The result of a check run.
#[derive(Debug)]
pub struct Report {
    /// Files with at least one diagnostic, sorted by path; diagnostics sorted by offset.
    pub files: Vec<FileReport>,
    /// Files checked.
    pub file_count: usize,
    pub elapsed: Duration,
    /// Files that safe fixes changed: with [`FixMode::Apply`](super::FixMode) those really
    /// written, with `Diff` every file the fixes would change.
    pub fixed: Vec<FixedFile>,
    /// Fixes that could not be written (file changed meanwhile, permissions); those files are
    /// reported with their findings as they stand on disk.
    pub write_errors: Vec<String>,
    /// Site files (generator config, registries) found but not usable, folders that hold no
    /// post: the run went on without them. Printed as warnings.
    pub notes: Vec<String>,
    /// What the run did that the user may not expect (a site found in a subfolder, named files
    /// skipped): printed as notes.
    pub info: Vec<String>,
    /// External URLs that could not be verified in time (`--online`), sorted.
    pub out_of_time: Vec<String>,
    /// With `--show-skipped`: the local links and images of the posts linted that postlint
    /// could not follow (template-built, a route it cannot map), as `path:line:col: `target``,
    /// in the order of the posts, each in source order.
    pub skipped: Vec<String>,
    /// With `-` among the paths and [`FixMode::Apply`](super::FixMode): the post as fixed (as
    /// read when nothing was fixed), for standard output; standard input is never written to
    /// the file it is reported under. `None` when it could not be read as text.
    pub stdin_fixed: Option<String>,
}

/// The diagnostics of one file, with what line/column positions and code frames need of its
/// text.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// Relative to the current folder, with `/` separators.
    pub path: String,
    /// The lines around each finding (and each fix's edits), not the whole text.
    pub source: Excerpt,
    pub diagnostics: Vec<Diagnostic>,
}

/// A file changed by fixes: its path, the text as read, the text with fixes applied.
#[derive(Debug)]
pub struct FixedFile {
    pub display_path: String,
    pub path: PathBuf,
    pub before: String,
    pub after: String,
    /// How many fixes were applied (each fixes one finding).
    pub fixes: usize,
}

impl Report {
    /// A run that found nothing to do, and says why.
    pub(crate) fn nothing(why: String) -> Self {
        Self {
            files: Vec::new(),
            file_count: 0,
            elapsed: Duration::ZERO,
            fixed: Vec::new(),
            write_errors: Vec::new(),
            notes: Vec::new(),
            info: vec![why],
            out_of_time: Vec::new(),
            skipped: Vec::new(),
            stdin_fixed: None,
        }
    }

    /// How many diagnostics have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics()
            .filter(|(_, d)| d.severity == severity)
            .count()
    }

    pub(crate) fn fixable(&self) -> usize {
        self.diagnostics().filter(|(_, d)| d.fix.is_some()).count()
    }

    /// Every diagnostic with its file, in report order.
    pub fn diagnostics(&self) -> impl Iterator<Item = (&FileReport, &Diagnostic)> {
        self.files
            .iter()
            .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
    }
}
